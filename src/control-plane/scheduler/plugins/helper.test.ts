import { describe, it, expect } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeScore } from '../framework/interface';
import { affinityTermMatches, defaultNormalizeScore, newAffinityTerm, toleratesTaint } from './helper';
import { makePod } from '../testing/wrappers';

describe('defaultNormalizeScore', () => {
  const run = (raw: number[], reverse: boolean) => {
    const scores: NodeScore[] = raw.map((score, i) => ({ name: `n${i}`, score }));
    defaultNormalizeScore(100, reverse, scores);
    return scores.map((s) => s.score);
  };
  it.each([
    { raw: [1, 2, 3], reverse: false, want: [33, 66, 100] },
    { raw: [1, 2, 3], reverse: true, want: [67, 34, 0] },
    { raw: [0, 0], reverse: false, want: [0, 0] },
    { raw: [0, 0], reverse: true, want: [100, 100] },
    { raw: [7, 2, 0], reverse: false, want: [100, 28, 0] },
  ])('$raw reverse=$reverse', ({ raw, reverse, want }) => {
    expect(run(raw, reverse)).toEqual(want);
  });
});

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  it.each<[Toleration, boolean]>([
    [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'k', operator: 'Gt', value: 'v' }, false],
  ])('%j → %s', (t, want) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });
});

describe('affinity terms', () => {
  const incoming = makePod().name('p').namespace('ns1').labels({ app: 'web', version: 'v1' }).obj();
  it.each([
    { name: 'own namespace by default', term: {}, target: { ns: 'ns1', labels: { app: 'db' } }, want: true },
    {
      name: 'other namespace by default',
      term: {},
      target: { ns: 'ns2', labels: { app: 'db' } },
      want: false,
    },
    {
      name: 'listed namespace',
      term: { namespaces: ['ns2'] },
      target: { ns: 'ns2', labels: { app: 'db' } },
      want: true,
    },
    {
      name: 'empty namespaceSelector selects all',
      term: { namespaceSelector: {} },
      target: { ns: 'ns9', labels: { app: 'db' } },
      want: true,
    },
    {
      name: 'matchLabelKeys adds the pod value',
      term: { matchLabelKeys: ['version'] },
      target: { ns: 'ns1', labels: { app: 'db', version: 'v2' } },
      want: false,
    },
    {
      name: 'mismatchLabelKeys excludes the pod value',
      term: { mismatchLabelKeys: ['version'] },
      target: { ns: 'ns1', labels: { app: 'db', version: 'v1' } },
      want: false,
    },
  ])('$name', ({ term, target, want }) => {
    const t = newAffinityTerm(incoming, {
      labelSelector: { matchLabels: { app: 'db' } },
      topologyKey: 'zone',
      ...term,
    });
    const pod = makePod()
      .name('x')
      .namespace(target.ns)
      .labels(target.labels as Record<string, string>)
      .obj();
    expect(affinityTermMatches(t, pod, {})).toBe(want);
  });

  it('a term without labelSelector matches nothing', () => {
    const t = newAffinityTerm(incoming, { topologyKey: 'zone' });
    expect(affinityTermMatches(t, incoming, {})).toBe(false);
  });
});
