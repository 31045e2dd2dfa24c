import { describe, it, expect } from 'vitest';
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { CycleState, type FilterPlugin } from '../framework/interface';
import { fakeHandle, nodeInfos, scoreAll } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { taintToleration } from './taint-toleration';

const h = fakeHandle();

function filterOne(pl: FilterPlugin, pod: Pod, node = makeNode().name('n').obj()) {
  return pl.filter(new CycleState(), pod, nodeInfos([node])[0]);
}

describe('TaintToleration filter', () => {
  const pl = taintToleration(h) as FilterPlugin;
  const cases: { name: string; taints: Taint[]; tol: Toleration[]; want: string[] }[] = [
    { name: 'no taints', taints: [], tol: [], want: [] },
    {
      name: 'control-plane taint with empty value',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      tol: [],
      want: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    },
    {
      name: 'taint with value',
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
      tol: [],
      want: ['node(s) had untolerated taint {dedicated: gpu}'],
    },
    {
      name: 'PreferNoSchedule does not filter',
      taints: [{ key: 'a', value: 'b', effect: 'PreferNoSchedule' }],
      tol: [],
      want: [],
    },
    {
      name: 'tolerated by Equal',
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      tol: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }],
      want: [],
    },
    {
      name: 'Equal with other value',
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      tol: [{ key: 'k', value: 'w' }],
      want: ['node(s) had untolerated taint {k: v}'],
    },
    {
      name: 'Exists with empty effect',
      taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }],
      tol: [{ key: 'k', operator: 'Exists' }],
      want: [],
    },
    {
      name: 'first untolerated taint is reported',
      taints: [
        { key: 'a', effect: 'NoSchedule' },
        { key: 'b', value: '1', effect: 'NoSchedule' },
        { key: 'c', effect: 'NoSchedule' },
      ],
      tol: [{ key: 'a', operator: 'Exists' }],
      want: ['node(s) had untolerated taint {b: 1}'],
    },
  ];
  it.each(cases)('$name', ({ taints, tol, want }) => {
    const w = makePod().name('p');
    for (const t of tol) w.toleration(t);
    const s = filterOne(pl, w.obj(), makeNode().name('n').taints(taints).obj());
    expect(s).toEqual(
      want.length
        ? { code: 'UnschedulableAndUnresolvable', reasons: want }
        : { code: 'Success', reasons: [] },
    );
  });
});

describe('TaintToleration score', () => {
  const pns = (key: string, value = ''): Taint => ({ key, value, effect: 'PreferNoSchedule' });
  it.each([
    {
      name: 'fewer intolerable PreferNoSchedule taints score higher (reverse normalised)',
      taints: [[], [pns('a')], [pns('foo', 'bar'), pns('a'), pns('c')]],
      tol: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }] as Toleration[],
      // counts 0, 1, 2 → 100 − 100·c/2
      want: { n0: 100, n1: 50, n2: 0 },
    },
    {
      name: 'all zero → all 100',
      taints: [[], [{ key: 'x', effect: 'NoSchedule' } as Taint]],
      tol: [],
      want: { n0: 100, n1: 100 },
    },
    {
      name: 'NoSchedule tolerations do not count for PreferNoSchedule',
      taints: [[pns('a')], [pns('a'), pns('b')], []],
      tol: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] as Toleration[],
      // counts 1, 2, 0 → 100−50, 100−100, 100
      want: { n0: 50, n1: 0, n2: 100 },
    },
    {
      name: 'three nodes, integer truncation',
      taints: [[pns('a')], [pns('a'), pns('b'), pns('c')], [pns('a'), pns('b')]],
      tol: [],
      // 100·1/3 = 33 → 67; 100·2/3 = 66 → 34
      want: { n0: 67, n1: 0, n2: 34 },
    },
  ])('$name', ({ taints, tol, want }) => {
    const pl = taintToleration(h);
    const w = makePod().name('p');
    for (const t of tol) w.toleration(t);
    const infos = nodeInfos(taints.map((t, i) => makeNode().name(`n${i}`).taints(t).obj()));
    expect(scoreAll(pl as never, w.obj(), infos)).toEqual(want);
  });
});
