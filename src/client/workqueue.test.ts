import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/clock';
import {
  BucketRateLimiter,
  DelayingQueue,
  ItemExponentialFailureRateLimiter,
  RateLimitingQueue,
  WorkQueue,
  defaultControllerRateLimiter,
} from './workqueue';
import { advance } from './testing/clock-helpers';

describe('WorkQueue', () => {
  it('dedups a key queued more than once', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(q.len()).toBe(0);
  });

  it('never hands a key in processing to a second worker; re-queues it after done if re-added', async () => {
    const q = new WorkQueue();
    q.add('a');
    const k = await q.get();
    expect(k).toBe('a');
    q.add('a'); // dirty while processing
    expect(q.len()).toBe(0);
    expect(q.tryGet()).toBeUndefined();
    q.add('a'); // still one
    q.done('a');
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
    q.done('a');
    expect(q.len()).toBe(0);
  });

  it('resolves a waiting get when a key arrives, in FIFO order of waiters', async () => {
    const q = new WorkQueue();
    const p1 = q.get();
    const p2 = q.get();
    q.add('x');
    q.add('y');
    expect(await p1).toBe('x');
    expect(await p2).toBe('y');
  });

  it('shutDown: ignores adds, hands out what was queued, then undefined', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.add('a');
    expect(await waiting).toBe('a');
    q.add('b');
    q.shutDown();
    q.add('c');
    expect(q.shuttingDown()).toBe(true);
    expect(await q.get()).toBe('b');
    expect(await q.get()).toBeUndefined();
  });

  it('shutDown wakes idle workers with undefined', async () => {
    const q = new WorkQueue();
    const w = q.get();
    q.shutDown();
    expect(await w).toBeUndefined();
  });

  it('shutDownWithDrain waits for keys in processing', async () => {
    const q = new WorkQueue();
    q.add('a');
    await q.get();
    let drained = false;
    const p = q.shutDownWithDrain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    q.done('a');
    await p;
    expect(drained).toBe(true);
  });
});

describe('DelayingQueue', () => {
  it('adds after the delay on the virtual clock; the earlier of two delays wins', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('a', 100);
    q.addAfter('a', 50);
    q.addAfter('a', 80);
    q.addAfter('b', 0);
    expect(q.len()).toBe(1);
    expect(q.waitingLen()).toBe(1);
    await advance(clock, 49);
    expect(q.len()).toBe(1);
    await advance(clock, 1);
    expect(q.len()).toBe(2);
    await advance(clock, 100);
    expect(q.len()).toBe(2); // the superseded 100 ms timer did not add it again
  });

  it('drops delayed keys at shutdown', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('a', 10);
    q.shutDown();
    await advance(clock, 20);
    expect(q.len()).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('rate limiters', () => {
  it('per-item exponential: 5, 10, 20, 40 ms … capped; forget resets', () => {
    const rl = new ItemExponentialFailureRateLimiter(5, 1000 * 1000);
    expect([rl.when('a'), rl.when('a'), rl.when('a'), rl.when('a'), rl.when('b')]).toEqual([
      5, 10, 20, 40, 5,
    ]);
    expect(rl.numRequeues('a')).toBe(4);
    rl.forget('a');
    expect(rl.numRequeues('a')).toBe(0);
    expect(rl.when('a')).toBe(5);
    const capped = new ItemExponentialFailureRateLimiter(1000, 10_000);
    expect([1, 2, 3, 4, 5, 6].map(() => capped.when('p'))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('token bucket: burst 100 free, then 100 ms per item at 10 qps, refilled by time', () => {
    const clock = new VirtualClock();
    const b = new BucketRateLimiter(clock, 10, 100);
    for (let i = 0; i < 100; i++) expect(b.when(`k${i}`)).toBe(0);
    expect(b.when('x')).toBeCloseTo(100, 9);
    expect(b.when('y')).toBeCloseTo(200, 9);
    clock.jumpTo(clock.now() + 1000);
    // 10 tokens back: -2 + 10 = 8 left, so the next 8 are free
    for (let i = 0; i < 8; i++) expect(b.when(`z${i}`)).toBe(0);
    expect(b.when('w')).toBeCloseTo(100, 9);
  });

  it('default controller rate limiter is the max of both', () => {
    const clock = new VirtualClock();
    const rl = defaultControllerRateLimiter(clock);
    const delays = Array.from({ length: 8 }, () => rl.when('k'));
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640]);
    expect(rl.numRequeues('k')).toBe(8);
  });
});

describe('RateLimitingQueue', () => {
  it('re-adds after 5 ms, 10 ms, 20 ms; forget resets the back-off', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue<string>(clock);
    const t0 = clock.now();
    const readyTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      q.addRateLimited('k');
      const got = q.get();
      await advance(clock, 1000);
      expect(await got).toBe('k');
      q.done('k');
      readyTimes.push(clock.now());
    }
    expect(q.numRequeues('k')).toBe(3);
    q.forget('k');
    expect(q.numRequeues('k')).toBe(0);
    expect(readyTimes.map((t) => t - t0)).toEqual([1000, 2000, 3000]);
  });

  it('makes the key available exactly when the back-off expires', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue<string>(clock);
    const seen: number[] = [];
    const t0 = clock.now();
    for (const want of [5, 10, 20, 40]) {
      const start = clock.now();
      q.addRateLimited('k');
      await advance(clock, want - 1);
      expect(q.len()).toBe(0);
      await advance(clock, 1);
      expect(q.len()).toBe(1);
      seen.push(clock.now() - start);
      await q.get();
      q.done('k');
    }
    expect(seen).toEqual([5, 10, 20, 40]);
    expect(clock.now() - t0).toBe(75);
  });

  it('accepts a custom limiter (the scheduler uses 1 s → 10 s)', () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue<string>(clock, new ItemExponentialFailureRateLimiter(1000, 10_000));
    q.addRateLimited('p');
    expect(clock.nextDue()).toBe(clock.now() + 1000);
  });
});
