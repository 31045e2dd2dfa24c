import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { CycleState, type FilterPlugin } from '../framework/interface';
import { fakeHandle, nodeInfos } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { nodeName } from './node-name';

const h = fakeHandle();

function filterOne(pl: FilterPlugin, pod: Pod, node = makeNode().name('n').obj()) {
  return pl.filter(new CycleState(), pod, nodeInfos([node])[0]);
}

describe('NodeName', () => {
  const pl = nodeName(h) as FilterPlugin;
  it.each([
    { nodeName: undefined, want: 'Success' },
    { nodeName: 'n', want: 'Success' },
    { nodeName: 'other', want: 'UnschedulableAndUnresolvable' },
  ])('$nodeName', ({ nodeName: nn, want }) => {
    const w = makePod().name('p');
    if (nn) w.node(nn);
    const s = filterOne(pl, w.obj());
    expect(s.code).toBe(want);
    if (want !== 'Success') expect(s.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});
