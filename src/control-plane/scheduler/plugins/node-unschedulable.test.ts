import { describe, it, expect } from 'vitest';
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { CycleState, type FilterPlugin } from '../framework/interface';
import { fakeHandle, nodeInfos } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { nodeUnschedulable } from './node-unschedulable';

const h = fakeHandle();

function filterOne(pl: FilterPlugin, pod: Pod, node = makeNode().name('n').obj()) {
  return pl.filter(new CycleState(), pod, nodeInfos([node])[0]);
}

describe('NodeUnschedulable', () => {
  const pl = nodeUnschedulable(h) as FilterPlugin;
  const unsched = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  it.each([
    {
      name: 'schedulable node',
      node: makeNode().name('n').obj(),
      tol: [] as Toleration[],
      want: { code: 'Success', reasons: [] },
    },
    { name: 'cordoned node', node: makeNode().name('n').unschedulable().obj(), tol: [], want: unsched },
    {
      name: 'cordoned node, pod tolerates the taint',
      node: makeNode().name('n').unschedulable().obj(),
      tol: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      want: { code: 'Success', reasons: [] },
    },
    {
      name: 'cordoned node, toleration for another effect',
      node: makeNode().name('n').unschedulable().obj(),
      tol: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }],
      want: unsched,
    },
    {
      name: 'tolerate everything',
      node: makeNode().name('n').unschedulable().obj(),
      tol: [{ operator: 'Exists' }],
      want: { code: 'Success', reasons: [] },
    },
  ])('$name', ({ node, tol, want }) => {
    const w = makePod().name('p');
    for (const t of tol) w.toleration(t);
    expect(filterOne(pl, w.obj(), node)).toEqual(want);
  });
});
