import { describe, it, expect } from 'vitest';
import { type QueuedPodInfo, type QueueSortPlugin } from '../framework/interface';
import { fakeHandle } from '../testing/fake-handle';
import { makePod } from '../testing/wrappers';
import { prioritySort } from './priority-sort';

const h = fakeHandle();

describe('PrioritySort', () => {
  const pl = prioritySort(h) as QueueSortPlugin;
  const q = (priority: number | undefined, timestamp: number): QueuedPodInfo => {
    const w = makePod().name(`p${priority}-${timestamp}`);
    if (priority !== undefined) w.priority(priority);
    return {
      pod: w.obj(),
      timestamp,
      initialAttemptTimestamp: timestamp,
      attempts: 0,
      unschedulablePlugins: new Set(),
    };
  };
  it.each([
    { a: q(10, 5), b: q(1, 1), want: true },
    { a: q(1, 1), b: q(10, 5), want: false },
    { a: q(5, 1), b: q(5, 2), want: true },
    { a: q(5, 2), b: q(5, 1), want: false },
    { a: q(undefined, 1), b: q(0, 2), want: true },
    { a: q(-1, 1), b: q(undefined, 2), want: false },
  ])('less #%#', ({ a, b, want }) => {
    expect(pl.less(a, b)).toBe(want);
  });
});
