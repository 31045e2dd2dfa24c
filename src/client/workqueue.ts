/**
 * Work queues, mirroring client-go's `util/workqueue`: the basic queue (dedup via a dirty set, a key in
 * processing is never handed out twice and is re-queued after `done` if re-added meanwhile), the
 * delaying queue (`addAfter`), the rate-limiting queue and its rate limiters (per-item exponential
 * failure, token bucket, max-of, and the default controller rate limiter). All timing runs on the
 * injected Clock. Leaves out metrics, the `Typed*` naming and the fast-slow / exponential-jitter limiters.
 */
import type { Clock, TimerId } from '../runtime/clock';

/** The basic FIFO work queue (client-go `workqueue.Type`). */
export class WorkQueue<K = string> {
  private queue: K[] = [];
  private dirty = new Set<K>();
  private processing = new Set<K>();
  private waiters: ((k: K | undefined) => void)[] = [];
  private shutting = false;
  private drain = false;
  private drainWaiters: (() => void)[] = [];

  /** Marks `key` as needing processing. A key already queued is not queued again. */
  add(key: K): void {
    if (this.shutting) return;
    if (this.dirty.has(key)) {
      // Already queued, or in processing and already marked to run again.
      return;
    }
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.handOut();
  }

  /** Number of keys waiting (not counting those in processing). */
  len(): number {
    return this.queue.length;
  }

  /**
   * The next key to process; it stays "processing" until `done(key)`. Resolves `undefined` once the
   * queue is shut down and empty (keys queued before shutdown are still handed out).
   */
  get(): Promise<K | undefined> {
    if (this.queue.length > 0) return Promise.resolve(this.take());
    if (this.shutting) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Synchronous form of `get`: a key if one is ready now, else undefined. */
  tryGet(): K | undefined {
    return this.queue.length > 0 ? this.take() : undefined;
  }

  /** Marks `key` as processed; if it was re-added meanwhile it goes back into the queue. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.handOut();
    }
    if (this.processing.size === 0 && this.drain) this.finishDrain();
  }

  /** Stops accepting keys; waiting `get`s resolve undefined once the queue is empty. */
  shutDown(): void {
    this.shutting = true;
    this.onShutDown();
    if (this.queue.length === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r(undefined);
    }
  }

  /** Shuts down and resolves when every key handed out has been marked `done`. */
  shutDownWithDrain(): Promise<void> {
    this.drain = true;
    this.shutDown();
    if (this.processing.size === 0) {
      this.drain = false;
      return Promise.resolve();
    }
    return new Promise((r) => this.drainWaiters.push(r));
  }

  /** True after `shutDown`. */
  shuttingDown(): boolean {
    return this.shutting;
  }

  /** Hook for subclasses to stop their timers. */
  protected onShutDown(): void {}

  private take(): K {
    const k = this.queue.shift()!;
    this.processing.add(k);
    this.dirty.delete(k);
    return k;
  }

  private handOut(): void {
    while (this.waiters.length > 0 && this.queue.length > 0) {
      const w = this.waiters.shift()!;
      w(this.take());
    }
    if (this.shutting && this.queue.length === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r(undefined);
    }
  }

  private finishDrain(): void {
    this.drain = false;
    const w = this.drainWaiters;
    this.drainWaiters = [];
    for (const r of w) r();
  }
}

/** A queue whose keys can be added after a delay on the clock (client-go `DelayingInterface`). */
export class DelayingQueue<K = string> extends WorkQueue<K> {
  private waiting = new Map<K, { readyAt: number; timer: TimerId }>();

  constructor(protected readonly clock: Clock) {
    super();
  }

  /** Adds `key` after `ms` of cluster time; an earlier pending time for the same key wins. */
  addAfter(key: K, ms: number): void {
    if (this.shuttingDown()) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const cur = this.waiting.get(key);
    if (cur) {
      if (cur.readyAt <= readyAt) return;
      this.clock.clearTimeout(cur.timer);
    }
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { readyAt, timer });
  }

  /** Number of keys waiting for their delay. */
  waitingLen(): number {
    return this.waiting.size;
  }

  protected override onShutDown(): void {
    for (const w of this.waiting.values()) this.clock.clearTimeout(w.timer);
    this.waiting.clear();
  }
}

/** Decides how long to wait before retrying a key (client-go `RateLimiter`). */
export interface RateLimiter<K = string> {
  /** How long (ms) to wait before `key` may be processed again; records a failure. */
  when(key: K): number;
  /** Clears the failure history of `key`. */
  forget(key: K): void;
  /** How many failures `key` has had. */
  numRequeues(key: K): number;
}

/** Per-key exponential back-off: `base * 2^failures`, capped at `max` (ms). */
export class ItemExponentialFailureRateLimiter<K = string> implements RateLimiter<K> {
  private failures = new Map<K, number>();
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}
  when(key: K): number {
    const exp = this.failures.get(key) ?? 0;
    this.failures.set(key, exp + 1);
    const backoff = this.baseMs * Math.pow(2, exp);
    if (!Number.isFinite(backoff) || backoff > this.maxMs) return this.maxMs;
    return backoff;
  }
  forget(key: K): void {
    this.failures.delete(key);
  }
  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }
}

/** An overall token bucket (golang.org/x/time/rate `Limiter.Reserve().Delay()`), on the clock. */
export class BucketRateLimiter<K = string> implements RateLimiter<K> {
  private tokens: number;
  private last: number;
  constructor(
    private readonly clock: Clock,
    private readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }
  when(_key: K): number {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return (-this.tokens / this.qps) * 1000;
  }
  forget(_key: K): void {}
  numRequeues(_key: K): number {
    return 0;
  }
}

/** The longest delay of several limiters (client-go `MaxOfRateLimiter`). */
export class MaxOfRateLimiter<K = string> implements RateLimiter<K> {
  private readonly limiters: RateLimiter<K>[];
  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }
  when(key: K): number {
    let d = 0;
    for (const l of this.limiters) d = Math.max(d, l.when(key));
    return d;
  }
  forget(key: K): void {
    for (const l of this.limiters) l.forget(key);
  }
  numRequeues(key: K): number {
    let n = 0;
    for (const l of this.limiters) n = Math.max(n, l.numRequeues(key));
    return n;
  }
}

/**
 * client-go's `DefaultControllerRateLimiter`: per-item exponential 5 ms → 1000 s, combined (max) with
 * an overall token bucket of 10 qps and burst 100.
 */
export function defaultControllerRateLimiter<K = string>(clock: Clock): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(
    new ItemExponentialFailureRateLimiter<K>(5, 1000 * 1000),
    new BucketRateLimiter<K>(clock, 10, 100),
  );
}

/** A delaying queue with per-key rate-limited re-adds (client-go `RateLimitingInterface`). */
export class RateLimitingQueue<K = string> extends DelayingQueue<K> {
  /** The limiter deciding the delays. */
  public readonly rateLimiter: RateLimiter<K>;
  constructor(clock: Clock, rateLimiter?: RateLimiter<K>) {
    super(clock);
    this.rateLimiter = rateLimiter ?? defaultControllerRateLimiter<K>(clock);
  }
  /** Re-adds `key` after the limiter's delay (records a failure). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }
  /** Stops tracking `key`'s failures (call on success). */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }
  /** How many times `key` has been re-queued with a rate limit. */
  numRequeues(key: K): number {
    return this.rateLimiter.numRequeues(key);
  }
}
