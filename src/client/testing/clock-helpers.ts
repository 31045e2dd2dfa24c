/**
 * Test helpers for driving a VirtualClock together with promise-based code: `flush` lets pending
 * microtasks and promise chains run; `advance` moves time forward timer by timer, flushing after each.
 */
import type { VirtualClock } from '../../runtime/clock';

/** Lets queued microtasks and promise continuations run (a few macrotask turns). */
export async function flush(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Advances `clock` by `ms`, firing each timer at its own instant and flushing promises after each. */
export async function advance(clock: VirtualClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  await flush();
  for (;;) {
    const next = clock.nextDue();
    if (next === undefined || next > target) break;
    clock.jumpTo(next);
    clock.fireDue();
    await flush();
  }
  clock.jumpTo(target);
  await flush();
}
