import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CycleState, type PreFilterPlugin } from '../framework/interface';
import { fakeHandle, filterAll, nodeInfos, scoreAll } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { nodeAffinity, nodeNamesFromTerms } from './node-affinity';

const h = fakeHandle();
const OK: { code: string; reasons: string[] } = { code: 'Success', reasons: [] };
const NO = {
  code: 'UnschedulableAndUnresolvable',
  reasons: ["node(s) didn't match Pod's node affinity/selector"],
};

const node = (labels: Record<string, string>, name = 'n1'): Node =>
  makeNode().name(name).labels(labels).obj();

describe('NodeAffinity filter', () => {
  const cases: { name: string; pod: Pod; labels: Record<string, string>; want: typeof OK }[] = [
    {
      name: 'nodeSelector matches',
      pod: makePod().name('p').nodeSelector({ disk: 'ssd' }).obj(),
      labels: { disk: 'ssd' },
      want: OK,
    },
    {
      name: 'nodeSelector mismatch',
      pod: makePod().name('p').nodeSelector({ disk: 'ssd' }).obj(),
      labels: { disk: 'hdd' },
      want: NO,
    },
    {
      name: 'nodeSelector missing label',
      pod: makePod().name('p').nodeSelector({ disk: 'ssd' }).obj(),
      labels: {},
      want: NO,
    },
    {
      name: 'In',
      pod: makePod().name('p').nodeAffinityIn('zone', ['a', 'b']).obj(),
      labels: { zone: 'b' },
      want: OK,
    },
    {
      name: 'In mismatch',
      pod: makePod().name('p').nodeAffinityIn('zone', ['a']).obj(),
      labels: { zone: 'b' },
      want: NO,
    },
    {
      name: 'NotIn with missing label',
      pod: makePod().name('p').nodeAffinityNotIn('zone', ['a']).obj(),
      labels: {},
      want: OK,
    },
    {
      name: 'NotIn',
      pod: makePod().name('p').nodeAffinityNotIn('zone', ['a']).obj(),
      labels: { zone: 'a' },
      want: NO,
    },
    {
      name: 'Exists',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'gpu', operator: 'Exists' }])
        .obj(),
      labels: { gpu: '' },
      want: OK,
    },
    {
      name: 'DoesNotExist',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'gpu', operator: 'DoesNotExist' }])
        .obj(),
      labels: { gpu: 'x' },
      want: NO,
    },
    {
      name: 'Gt',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'cores', operator: 'Gt', values: ['4'] }])
        .obj(),
      labels: { cores: '8' },
      want: OK,
    },
    {
      name: 'Gt equal',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'cores', operator: 'Gt', values: ['8'] }])
        .obj(),
      labels: { cores: '8' },
      want: NO,
    },
    {
      name: 'Lt',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'cores', operator: 'Lt', values: ['4'] }])
        .obj(),
      labels: { cores: '2' },
      want: OK,
    },
    {
      name: 'Gt non-integer label',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([{ key: 'cores', operator: 'Gt', values: ['4'] }])
        .obj(),
      labels: { cores: 'many' },
      want: NO,
    },
    {
      name: 'expressions in one term are ANDed',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([
          { key: 'zone', operator: 'In', values: ['a'] },
          { key: 'disk', operator: 'In', values: ['ssd'] },
        ])
        .obj(),
      labels: { zone: 'a', disk: 'hdd' },
      want: NO,
    },
    {
      name: 'terms are ORed',
      pod: makePod().name('p').nodeAffinityIn('zone', ['x']).nodeAffinityIn('disk', ['ssd']).obj(),
      labels: { zone: 'a', disk: 'ssd' },
      want: OK,
    },
    {
      name: 'nodeSelector AND affinity',
      pod: makePod().name('p').nodeSelector({ disk: 'ssd' }).nodeAffinityIn('zone', ['a']).obj(),
      labels: { zone: 'a' },
      want: NO,
    },
    {
      name: 'matchFields metadata.name',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], [{ key: 'metadata.name', operator: 'In', values: ['n1'] }])
        .obj(),
      labels: {},
      want: OK,
    },
    {
      name: 'matchFields NotIn',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }])
        .obj(),
      labels: {},
      want: NO,
    },
    {
      name: 'empty term matches nothing',
      pod: makePod().name('p').nodeAffinityTerm([]).obj(),
      labels: { a: 'b' },
      want: NO,
    },
  ];
  it.each(cases)('$name', ({ pod, labels, want }) => {
    const res = filterAll(nodeAffinity(h) as never, pod, nodeInfos([node(labels)]));
    expect(res.n1).toEqual(want);
  });

  it('PreFilter skips pods without selector or affinity', () => {
    const pl = nodeAffinity(h) as PreFilterPlugin;
    expect(pl.preFilter(new CycleState(), makePod().name('p').obj(), []).status.code).toBe('Skip');
  });
});

describe('NodeAffinity PreFilter node names', () => {
  const field = (values: string[]) => [{ key: 'metadata.name', operator: 'In', values }];
  it.each([
    { name: 'no terms', pod: makePod().name('p').obj(), want: undefined },
    {
      name: 'single term',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], field(['n1', 'n2']))
        .obj(),
      want: ['n1', 'n2'],
    },
    {
      name: 'two requirements intersect',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], [...field(['n1', 'n2']), ...field(['n2', 'n3'])])
        .obj(),
      want: ['n2'],
    },
    {
      name: 'two terms union',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], field(['n1']))
        .nodeAffinityTerm([], field(['n3']))
        .obj(),
      want: ['n1', 'n3'],
    },
    {
      name: 'a term without metadata.name lifts the restriction',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], field(['n1']))
        .nodeAffinityIn('zone', ['a'])
        .obj(),
      want: undefined,
    },
    {
      name: 'conflict',
      pod: makePod()
        .name('p')
        .nodeAffinityTerm([], [...field(['n1']), ...field(['n2'])])
        .obj(),
      want: [],
    },
  ])('$name', ({ pod, want }) => {
    const got = nodeNamesFromTerms(pod);
    expect(got && [...got].sort()).toEqual(want);
  });

  it('returns the names as a PreFilter result, and the conflict status', () => {
    const pl = nodeAffinity(h) as PreFilterPlugin;
    const pod = makePod()
      .name('p')
      .nodeAffinityTerm([], field(['n2']))
      .obj();
    expect(pl.preFilter(new CycleState(), pod, []).result).toEqual({ nodeNames: new Set(['n2']) });
    const bad = makePod()
      .name('p')
      .nodeAffinityTerm([], [...field(['n1']), ...field(['n2'])])
      .obj();
    expect(pl.preFilter(new CycleState(), bad, []).status).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['pod affinity terms conflict'],
    });
  });
});

describe('NodeAffinity score', () => {
  it.each([
    {
      name: 'sum of matching weights, normalised by the max',
      pod: makePod()
        .name('p')
        .preferredNodeAffinity(2, [{ key: 'zone', operator: 'In', values: ['a'] }])
        .preferredNodeAffinity(5, [{ key: 'disk', operator: 'In', values: ['ssd'] }])
        .obj(),
      nodes: [node({ zone: 'a', disk: 'ssd' }, 'n1'), node({ zone: 'a' }, 'n2'), node({}, 'n3')],
      // raw 7, 2, 0 → 100, 100·2/7 = 28, 0
      want: { n1: 100, n2: 28, n3: 0 },
    },
    {
      name: 'no match anywhere → all 0',
      pod: makePod()
        .name('p')
        .preferredNodeAffinity(3, [{ key: 'zone', operator: 'In', values: ['z'] }])
        .obj(),
      nodes: [node({ zone: 'a' }, 'n1'), node({}, 'n2')],
      want: { n1: 0, n2: 0 },
    },
    {
      name: 'no preferred terms → skip',
      pod: makePod().name('p').nodeSelector({ a: 'b' }).obj(),
      nodes: [node({}, 'n1')],
      want: 'skip',
    },
  ])('$name', ({ pod, nodes, want }) => {
    expect(scoreAll(nodeAffinity(h) as never, pod, nodeInfos(nodes))).toEqual(want);
  });
});
