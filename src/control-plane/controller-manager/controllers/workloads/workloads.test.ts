/** Unit tests of the workload controllers' pure helpers (hashing, fenceposts, proportions, victim order, node predicates). */
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { computeHash, safeEncodeString, scaledValue, slowStartBatch } from './util';
import {
  getProportion,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
} from './deployment-util';
import { podsToDelete } from './replica-set';
import { nodeShouldRunDaemonPod, pinToNode } from './daemon-set';

const dep = (replicas: number, maxSurge: number | string, maxUnav: number | string): Deployment => ({
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: maxUnav } },
  },
});
const rs = (replicas: number, ann: Record<string, string> = {}): ReplicaSet => ({
  metadata: { name: `rs-${replicas}`, annotations: ann },
  spec: { replicas, selector: {}, template: {} },
});

describe('hashing', () => {
  it('safe-encodes decimal digits as upstream (byte % 27 into the alphabet)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
  it('is stable, depends on the template and the collision count', () => {
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash({ spec: t.spec, metadata: t.metadata })).toBe(computeHash(t));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });
});

describe('fenceposts', () => {
  it.each([
    [10, '25%', '25%', 3, 2],
    [3, '25%', '25%', 1, 0],
    [1, 0, 0, 0, 1],
    [10, 2, '0%', 2, 0],
    [4, '50%', '50%', 2, 2],
  ])('replicas %i surge %s unavailable %s → [%i, %i]', (r, s, u, es, eu) => {
    expect(resolveFenceposts(dep(r, s, u), r)).toEqual([es, eu]);
  });
  it('caps maxUnavailable at replicas and scales percentages', () => {
    expect(maxUnavailable(dep(2, 0, 5))).toBe(2);
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
  });
});

describe('NewRSNewReplicas', () => {
  it.each([
    // [deployment replicas, new RS, old RS, expected new size]
    [10, 0, 10, 3],
    [10, 3, 8, 5],
    [10, 5, 8, 5],
    [10, 8, 2, 10],
  ])('replicas %i, new %i, old %i → %i', (r, n, o, want) => {
    const d = dep(r, '25%', '25%');
    const newRS = rs(n);
    expect(newRSNewReplicas(d, [rs(o), newRS], newRS)).toBe(want);
  });
});

describe('proportional scaling', () => {
  it('uses max-replicas to share added replicas and rounds half away from zero', () => {
    const d = dep(20, '25%', '25%');
    expect(getProportion(rs(8, { 'deployment.kubernetes.io/max-replicas': '13' }), d, 12, 0)).toBe(7);
    expect(getProportion(rs(5, { 'deployment.kubernetes.io/max-replicas': '13' }), d, 12, 7)).toBe(5);
    const down = dep(5, 1, 0);
    // 6 of a max of 11 scaled to a max of 6 → round(3.27) - 6 = -3
    expect(getProportion(rs(6, { 'deployment.kubernetes.io/max-replicas': '11' }), down, -5, 0)).toBe(-3);
  });
});

describe('revision annotations', () => {
  it('bumps an old RS to the new revision and keeps its old revision in revision-history', () => {
    const r = rs(0, { 'deployment.kubernetes.io/revision': '1' });
    const d: Deployment = { ...dep(2, 1, 0), metadata: { name: 'web', annotations: { team: 'a' } } };
    expect(setNewReplicaSetAnnotations(d, r, '3', true)).toBe(true);
    expect(r.metadata?.annotations).toEqual({
      team: 'a',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(setNewReplicaSetAnnotations(d, r, '3', true)).toBe(false);
  });
});

const pod = (
  name: string,
  o: {
    node?: string;
    phase?: string;
    ready?: boolean;
    restarts?: number;
    created?: string;
    readyAt?: string;
  },
): Pod => ({
  metadata: { name, uid: name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z' },
  spec: { containers: [], nodeName: o.node },
  status: {
    phase: o.phase ?? 'Running',
    conditions: [
      {
        type: 'Ready',
        status: o.ready ? 'True' : 'False',
        lastTransitionTime: o.readyAt ?? '2026-01-01T00:00:00Z',
      },
    ],
    containerStatuses: [
      { name: 'c', image: '', imageID: '', ready: !!o.ready, restartCount: o.restarts ?? 0 },
    ],
  },
});

describe('scale-down victim order (ActivePodsWithRanks)', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('orders unassigned < Pending < Unknown < Running, not ready < ready, doubled-up, newer ready, restarts, newer', () => {
    const pods = [
      pod('old-ready', { node: 'a', ready: true, readyAt: '2026-01-01T00:00:00Z' }),
      pod('unassigned', { phase: 'Pending' }),
      pod('running-not-ready', { node: 'a' }),
      pod('unknown', { node: 'a', phase: 'Unknown' }),
      pod('pending', { node: 'a', phase: 'Pending' }),
      pod('fresh-ready', { node: 'a', ready: true, readyAt: '2026-01-01T11:59:00Z' }),
      pod('restarts', { node: 'a', ready: true, readyAt: '2026-01-01T00:00:00Z', restarts: 5 }),
    ];
    expect(podsToDelete(pods, pods, 6, now).map((p) => p.metadata?.name)).toEqual([
      'unassigned',
      'pending',
      'unknown',
      'running-not-ready',
      'fresh-ready',
      'restarts',
    ]);
  });
  it('deletes from the node with more related pods first', () => {
    const lone = pod('lone', { node: 'a', ready: true });
    const crowded = pod('crowded', { node: 'b', ready: true });
    const related = [lone, crowded, pod('other-rs', { node: 'b', ready: true })];
    expect(podsToDelete([lone, crowded], related, 1, now).map((p) => p.metadata?.name)).toEqual(['crowded']);
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, … and stops after a failing batch', async () => {
    const sizes: number[] = [];
    let inBatch = 0;
    let calls = 0;
    const r = await slowStartBatch(20, 1, async () => {
      inBatch++;
      const n = ++calls;
      await Promise.resolve();
      if (inBatch) {
        sizes.push(inBatch);
        inBatch = 0;
      }
      if (n === 9) throw new Error('quota');
    });
    expect(sizes).toEqual([1, 2, 4, 8]);
    expect(r.successes).toBe(14);
    expect(String(r.error)).toBe('Error: quota');
  });
});

describe('NodeShouldRunDaemonPod', () => {
  const ds = (
    tolerations: NonNullable<Pod['spec']>['tolerations'] = [],
    nodeSelector?: Record<string, string>,
  ) => ({
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: {}, template: { spec: { containers: [], tolerations, nodeSelector } } },
  });
  const node = (
    name: string,
    taints: NonNullable<Node['spec']>['taints'] = [],
    labels: Record<string, string> = {},
  ): Node => ({
    metadata: { name, labels },
    spec: { taints },
  });
  it.each([
    ['plain node', node('a'), ds(), [true, true]],
    ['NoSchedule taint', node('a', [{ key: 'x', effect: 'NoSchedule' }]), ds(), [false, true]],
    ['NoExecute taint', node('a', [{ key: 'x', effect: 'NoExecute' }]), ds(), [false, false]],
    [
      'tolerated taint',
      node('a', [{ key: 'x', effect: 'NoSchedule' }]),
      ds([{ key: 'x', operator: 'Exists' }]),
      [true, true],
    ],
    [
      'unschedulable taint is tolerated automatically',
      node('a', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
      ds(),
      [true, true],
    ],
    ['nodeSelector mismatch', node('a', [], { disk: 'hdd' }), ds([], { disk: 'ssd' }), [false, false]],
    ['nodeSelector match', node('a', [], { disk: 'ssd' }), ds([], { disk: 'ssd' }), [true, true]],
  ] as const)('%s', (_n, n, d, want) => {
    expect(nodeShouldRunDaemonPod(n, d as never)).toEqual(want);
  });
  it('pins by replacing matchFields and keeping matchExpressions', () => {
    const a = pinToNode(
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }],
          },
        },
      },
      'n1',
    );
    expect(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      {
        matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
      },
    ]);
  });
});
