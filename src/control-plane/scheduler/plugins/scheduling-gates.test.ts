import { describe, it, expect } from 'vitest';
import { type PreEnqueuePlugin } from '../framework/interface';
import { fakeHandle } from '../testing/fake-handle';
import { makePod } from '../testing/wrappers';
import { schedulingGates } from './scheduling-gates';

const h = fakeHandle();

describe('SchedulingGates', () => {
  const pl = schedulingGates(h) as PreEnqueuePlugin;
  it.each([
    { gates: [], want: { code: 'Success', reasons: [] } },
    {
      gates: ['a'],
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['waiting for scheduling gates: [a]'] },
    },
    {
      gates: ['a', 'b'],
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['waiting for scheduling gates: [a b]'] },
    },
  ])('$gates', ({ gates, want }) => {
    expect(pl.preEnqueue(makePod().name('p').schedulingGates(gates).obj())).toEqual(want);
  });
});
