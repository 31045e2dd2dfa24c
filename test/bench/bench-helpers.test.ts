import { describe, expect, it } from 'vitest';
import type { EtcdBenchResult } from '../../src/control-plane/etcd/bench';
import { median, percentile, podBody, podNames } from './apiserver-common';
import { medianRun } from './etcd-common';

describe('percentile (nearest rank)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2],
    [[4, 3, 2, 1], 0.5, 2],
    [[5], 0.99, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[3, 1, 2], 0, 1],
    [[], 0.5, NaN],
  ])('%j at %d is %d', (values, q, want) => {
    expect(percentile(values, q)).toEqual(want);
  });
  it('median does not reorder its input', () => {
    const v = [3, 1, 2];
    expect(median(v)).toBe(2);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('medianRun', () => {
  const run = (ratio: number): EtcdBenchResult => ({
    groupCommitPutsPerSec: ratio * 100,
    serialPutsPerSec: 100,
    ratio,
    groupCommits: 1,
    serialCommits: 10,
  });
  it.each([
    [[5, 1, 9], 5],
    [[2, 8], 2],
    [[7], 7],
  ])('ratios %j pick the run with ratio %d', (ratios, want) => {
    const r = medianRun(ratios.map(run));
    expect(r.ratio).toBe(want);
    expect(r.groupCommitPutsPerSec / r.serialPutsPerSec).toBe(want);
  });
});

describe('pod bodies', () => {
  it('carry no server-set fields', () => {
    const b = podBody('web-1', 3) as { metadata: unknown; status?: unknown; kind: string };
    expect(b.kind).toBe('Pod');
    expect(b.metadata).toEqual({
      name: 'web-1',
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '7d9c6b5f4' },
    });
    expect(b.status).toBeUndefined();
  });
  it('names run from the start index', () => {
    expect(podNames('pod', 8, 3)).toEqual(['pod-8', 'pod-9', 'pod-10']);
  });
});
