/**
 * The cluster clock. Every component gets a `Clock` and never reads wall-clock time or uses the
 * platform's timers directly: this is what makes pause, single-step and speed in the UI possible, and
 * what makes tests on the virtual clock deterministic (as KWOK and client-go inject clocks).
 */

/** Opaque timer handle. */
export type TimerId = number;

/** Time source and timers of the cluster. Times are milliseconds since the Unix epoch, in cluster time. */
export interface Clock {
  /** Current cluster time in ms. */
  now(): number;
  /** Runs `fn` once after `ms` of cluster time. */
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  /** Resolves after `ms` of cluster time. */
  sleep(ms: number): Promise<void>;
}

interface Timer {
  id: TimerId;
  due: number;
  seq: number;
  fn: () => void;
}

/** A binary min-heap of timers ordered by due time, then by creation order (deterministic ties). */
class TimerHeap {
  private items: Timer[] = [];
  private live = new Map<TimerId, Timer>();
  get size(): number {
    return this.live.size;
  }
  push(t: Timer): void {
    this.live.set(t.id, t);
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[i], a[p])) {
        [a[i], a[p]] = [a[p], a[i]];
        i = p;
      } else break;
    }
  }
  delete(id: TimerId): void {
    this.live.delete(id);
  }
  peek(): Timer | undefined {
    this.prune();
    return this.items[0];
  }
  pop(): Timer | undefined {
    this.prune();
    const t = this.popRaw();
    if (t) this.live.delete(t.id);
    return t;
  }
  all(): Timer[] {
    return [...this.live.values()];
  }
  clear(): void {
    this.items = [];
    this.live.clear();
  }
  private prune(): void {
    while (this.items.length && !this.live.has(this.items[0].id)) this.popRaw();
  }
  private popRaw(): Timer | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/**
 * A fully virtual clock for tests and the headless CLI: time moves only when told. `fireDue()` runs
 * timers due now; `advance(ms)` moves time forward, firing each timer at its own instant.
 */
export class VirtualClock implements Clock {
  private t: number;
  private heap = new TimerHeap();
  private nextId = 1;
  private seq = 0;
  constructor(start = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.heap.push({ id, due: this.t + Math.max(0, ms || 0), seq: this.seq++, fn });
    return id;
  }
  clearTimeout(id: TimerId): void {
    this.heap.delete(id);
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimeout(r, ms));
  }
  /** Number of pending timers. */
  get pending(): number {
    return this.heap.size;
  }
  /** Due time of the next timer, if any. */
  nextDue(): number | undefined {
    return this.heap.peek()?.due;
  }
  /** Fires every timer due at or before now; returns how many fired. */
  fireDue(): number {
    let n = 0;
    for (let t = this.heap.peek(); t && t.due <= this.t; t = this.heap.peek()) {
      this.heap.pop();
      n++;
      t.fn();
    }
    return n;
  }
  /** Sets the time forward to `to` without firing anything (use `advance` to fire on the way). */
  jumpTo(to: number): void {
    if (to > this.t) this.t = to;
  }
}

/** A rate change or pause of a scaled clock, broadcast to every worker so all agree on cluster time. */
export interface ClockState {
  /** Cluster time at `wallAnchor`. */
  clusterAnchor: number;
  /** Wall-clock (performance time origin based) ms at which `clusterAnchor` held. */
  wallAnchor: number;
  /** Speed: 0 when paused, else 0.25 .. 10. */
  rate: number;
}

/** Wall-time source of a scaled clock (performance.timeOrigin + performance.now()). */
export interface WallSource {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

/** The platform's real time (used only here and in worker mains). */
export const platformWall: WallSource = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Real or scaled time: cluster time runs at `rate` times wall time, 0 when paused. Every worker holds
 * one and applies the same `ClockState` updates, so they all agree.
 */
export class ScaledClock implements Clock {
  private state: ClockState;
  private heap = new TimerHeap();
  private nextId = 1;
  private seq = 0;
  private wallTimer: unknown = undefined;
  constructor(
    state?: Partial<ClockState>,
    private readonly wall: WallSource = platformWall,
  ) {
    const w = wall.now();
    this.state = {
      clusterAnchor: state?.clusterAnchor ?? w,
      wallAnchor: state?.wallAnchor ?? w,
      rate: state?.rate ?? 1,
    };
  }
  now(): number {
    return this.state.clusterAnchor + (this.wall.now() - this.state.wallAnchor) * this.state.rate;
  }
  get rate(): number {
    return this.state.rate;
  }
  getState(): ClockState {
    return { ...this.state };
  }
  /** Applies a new anchor/rate (from the supervisor) and re-arms timers. */
  setState(s: ClockState): void {
    this.state = { ...s };
    this.arm();
  }
  /** Changes the speed from now on (0 pauses). Returns the new state to broadcast. */
  setRate(rate: number): ClockState {
    const w = this.wall.now();
    this.state = { clusterAnchor: this.now(), wallAnchor: w, rate };
    this.arm();
    return this.getState();
  }
  /** Moves cluster time forward by `ms` at once (single-stepping a paused clock). */
  advance(ms: number): ClockState {
    const w = this.wall.now();
    this.state = { clusterAnchor: this.now() + ms, wallAnchor: w, rate: this.state.rate };
    this.arm();
    return this.getState();
  }
  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.heap.push({ id, due: this.now() + Math.max(0, ms || 0), seq: this.seq++, fn });
    this.arm();
    return id;
  }
  clearTimeout(id: TimerId): void {
    this.heap.delete(id);
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimeout(r, ms));
  }
  /** Stops all timers (component shutdown). */
  dispose(): void {
    this.heap.clear();
    if (this.wallTimer !== undefined) this.wall.clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
  }
  private arm(): void {
    if (this.wallTimer !== undefined) this.wall.clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
    const next = this.heap.peek();
    if (!next) return;
    const ahead = next.due - this.now();
    // Paused: time stands still, but timers already due (after `advance`, or set with 0 ms) still run.
    if (this.state.rate <= 0 && ahead > 0) return;
    const wallDelay = ahead > 0 ? ahead / this.state.rate : 0;
    const armedFor = next.due;
    this.wallTimer = this.wall.setTimeout(
      () => {
        this.wallTimer = undefined;
        this.fire(wallDelay <= 2 ** 31 - 1 ? armedFor : -Infinity);
      },
      Math.min(wallDelay, 2 ** 31 - 1),
    );
  }
  /** Runs timers due by now, or by `reached` (the instant the wall timer was armed for: rounding in
   * now() can leave it a hair short of that instant, which would otherwise re-arm for ~0 ms forever). */
  private fire(reached: number): void {
    const now = Math.max(this.now(), reached);
    for (let t = this.heap.peek(); t && t.due <= now; t = this.heap.peek()) {
      this.heap.pop();
      try {
        t.fn();
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
    this.arm();
  }
}
