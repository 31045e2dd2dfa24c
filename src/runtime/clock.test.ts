import { describe, it, expect } from 'vitest';
import { ScaledClock, VirtualClock, type ClockState, type WallSource } from './clock';

/** A wall clock moved by hand: `tick(ms)` runs each wall timer at its own instant. */
class FakeWall implements WallSource {
  t: number;
  private timers: Array<{ h: number; due: number; fn: () => void }> = [];
  private nextH = 1;
  constructor(start = 1_000_000) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const h = this.nextH++;
    this.timers.push({ h, due: this.t + Math.max(0, ms), fn });
    return h;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x.h !== h);
  }
  /** Wall timers currently armed. */
  get pending(): number {
    return this.timers.length;
  }
  tick(ms: number): void {
    const target = this.t + ms;
    for (let rounds = 0; ; rounds++) {
      if (rounds > 10_000) throw new Error('wall timers keep re-arming without time passing');
      let next: { h: number; due: number; fn: () => void } | undefined;
      for (const x of this.timers) if (x.due <= target && (!next || x.due < next.due)) next = x;
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.due);
      next.fn();
    }
    this.t = target;
  }
}

const START = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('VirtualClock', () => {
  it('starts at 2026-01-01T00:00:00Z by default and at the given instant otherwise', () => {
    expect(new VirtualClock().now()).toBe(START);
    expect(new VirtualClock(42).now()).toBe(42);
  });

  it('fires due timers in due order, ties in creation order', () => {
    const c = new VirtualClock(0);
    const fired: string[] = [];
    for (const [name, ms] of [
      ['a', 30],
      ['b', 10],
      ['c', 10],
      ['d', 20],
      ['e', 0],
      ['f', 10],
    ] as const)
      c.setTimeout(() => fired.push(name), ms);
    c.jumpTo(30);
    expect(c.fireDue()).toBe(6);
    expect(fired).toEqual(['e', 'b', 'c', 'f', 'd', 'a']);
    expect(c.pending).toBe(0);
  });

  it('fireDue fires only timers due at or before now', () => {
    const c = new VirtualClock(0);
    const fired: number[] = [];
    for (const ms of [5, 10, 15]) c.setTimeout(() => fired.push(ms), ms);
    expect(c.fireDue()).toBe(0);
    c.jumpTo(9);
    expect(c.fireDue()).toBe(1);
    c.jumpTo(10);
    expect(c.fireDue()).toBe(1);
    expect(fired).toEqual([5, 10]);
    expect(c.pending).toBe(1);
    expect(c.nextDue()).toBe(15);
  });

  it('treats negative and NaN delays as 0', () => {
    const c = new VirtualClock(100);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('neg'), -50);
    c.setTimeout(() => fired.push('nan'), NaN);
    expect(c.nextDue()).toBe(100);
    expect(c.fireDue()).toBe(2);
    expect(fired).toEqual(['neg', 'nan']);
  });

  it('fires a zero-delay timer added by a firing timer in the same fireDue', () => {
    const c = new VirtualClock(0);
    const fired: string[] = [];
    c.setTimeout(() => {
      fired.push('outer');
      c.setTimeout(() => fired.push('inner'), 0);
      c.setTimeout(() => fired.push('later'), 1);
    }, 0);
    expect(c.fireDue()).toBe(2);
    expect(fired).toEqual(['outer', 'inner']);
    expect(c.nextDue()).toBe(1);
  });

  it('clearTimeout cancels a timer; clearing an unknown or fired id is a no-op', () => {
    const c = new VirtualClock(0);
    const fired: string[] = [];
    const a = c.setTimeout(() => fired.push('a'), 1);
    const b = c.setTimeout(() => fired.push('b'), 2);
    c.setTimeout(() => fired.push('c'), 3);
    expect(c.pending).toBe(3);
    c.clearTimeout(a);
    expect(c.pending).toBe(2);
    expect(c.nextDue()).toBe(2);
    c.clearTimeout(999);
    expect(c.pending).toBe(2);
    c.jumpTo(2);
    expect(c.fireDue()).toBe(1);
    c.clearTimeout(b);
    expect(c.pending).toBe(1);
    c.jumpTo(3);
    expect(c.fireDue()).toBe(1);
    expect(fired).toEqual(['b', 'c']);
  });

  it('clearTimeout from inside a firing timer stops a later one due at the same instant', () => {
    const c = new VirtualClock(0);
    const fired: string[] = [];
    c.setTimeout(() => {
      fired.push('a');
      c.clearTimeout(second);
    }, 5);
    const second = c.setTimeout(() => fired.push('b'), 5);
    c.jumpTo(5);
    expect(c.fireDue()).toBe(1);
    expect(fired).toEqual(['a']);
  });

  it('jumpTo never moves time backwards and fires nothing', () => {
    const c = new VirtualClock(1000);
    let fired = 0;
    c.setTimeout(() => fired++, 10);
    c.jumpTo(500);
    expect(c.now()).toBe(1000);
    c.jumpTo(2000);
    expect(c.now()).toBe(2000);
    expect(fired).toBe(0);
    c.jumpTo(1500);
    expect(c.now()).toBe(2000);
  });

  it('nextDue and pending track the heap', () => {
    const c = new VirtualClock(0);
    expect(c.nextDue()).toBeUndefined();
    expect(c.pending).toBe(0);
    const ids = [40, 20, 30].map((ms) => c.setTimeout(() => {}, ms));
    expect(c.nextDue()).toBe(20);
    expect(c.pending).toBe(3);
    c.clearTimeout(ids[1]);
    expect(c.nextDue()).toBe(30);
    c.clearTimeout(ids[2]);
    c.clearTimeout(ids[0]);
    expect(c.nextDue()).toBeUndefined();
    expect(c.pending).toBe(0);
  });

  it('sleep resolves only once its time has come', async () => {
    const c = new VirtualClock(0);
    let done = false;
    const p = c.sleep(100).then(() => {
      done = true;
    });
    c.jumpTo(99);
    c.fireDue();
    await Promise.resolve();
    expect(done).toBe(false);
    c.jumpTo(100);
    c.fireDue();
    await p;
    expect(done).toBe(true);
  });

  it('keeps order across many timers (heap stress)', () => {
    const c = new VirtualClock(0);
    const fired: number[] = [];
    const ids: number[] = [];
    // Delays 0..199 in a scrambled but fixed order; every third one cancelled.
    for (let i = 0; i < 200; i++) {
      const ms = (i * 73) % 200;
      ids.push(c.setTimeout(() => fired.push(ms), ms));
    }
    for (let i = 0; i < 200; i += 3) c.clearTimeout(ids[i]);
    c.jumpTo(200);
    c.fireDue();
    const expected = Array.from({ length: 200 }, (_, i) => i)
      .filter((_, i) => i % 3 !== 0)
      .map((i) => (i * 73) % 200)
      .sort((a, b) => a - b);
    expect(fired).toEqual(expected);
  });
});

describe('ScaledClock', () => {
  it('at rate 1 follows wall time from its anchors', () => {
    const wall = new FakeWall(1_000_000);
    const c = new ScaledClock({ clusterAnchor: START, wallAnchor: 1_000_000, rate: 1 }, wall);
    expect(c.now()).toBe(START);
    wall.tick(250);
    expect(c.now()).toBe(START + 250);
    expect(c.rate).toBe(1);
  });

  it('defaults its anchors to the wall time and rate 1', () => {
    const wall = new FakeWall(5000);
    const c = new ScaledClock(undefined, wall);
    expect(c.getState()).toEqual({ clusterAnchor: 5000, wallAnchor: 5000, rate: 1 });
  });

  it('at rate 1 fires a timer after the same wall time', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: START }, wall);
    const at: number[] = [];
    c.setTimeout(() => at.push(c.now()), 1000);
    wall.tick(999);
    expect(at).toEqual([]);
    wall.tick(1);
    expect(at).toEqual([START + 1000]);
  });

  it('at rate 2 a 10 s timer fires after 5 s of wall time', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: START, rate: 2 }, wall);
    const at: number[] = [];
    c.setTimeout(() => at.push(c.now()), 10_000);
    wall.tick(4999);
    expect(at).toEqual([]);
    expect(c.now()).toBe(START + 9998);
    wall.tick(1);
    expect(at).toEqual([START + 10_000]);
  });

  it('fires timers in due order with ties in creation order', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('late'), 300);
    c.setTimeout(() => fired.push('tie-1'), 100);
    c.setTimeout(() => fired.push('tie-2'), 100);
    c.setTimeout(() => fired.push('early'), 50);
    expect(wall.pending).toBe(1);
    wall.tick(1000);
    expect(fired).toEqual(['early', 'tie-1', 'tie-2', 'late']);
    expect(wall.pending).toBe(0);
  });

  it('clearTimeout cancels a scaled timer', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const fired: string[] = [];
    const a = c.setTimeout(() => fired.push('a'), 10);
    c.setTimeout(() => fired.push('b'), 20);
    c.clearTimeout(a);
    wall.tick(100);
    expect(fired).toEqual(['b']);
  });

  it('setRate(0) pauses: time is frozen and no timer fires', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: START }, wall);
    let fired = 0;
    c.setTimeout(() => fired++, 1000);
    wall.tick(400);
    const st = c.setRate(0);
    expect(st).toEqual({ clusterAnchor: START + 400, wallAnchor: wall.now(), rate: 0 });
    expect(wall.pending).toBe(0);
    wall.tick(60_000);
    expect(c.now()).toBe(START + 400);
    expect(fired).toBe(0);
    // A timer set while paused waits too, unless it is due at the frozen instant.
    c.setTimeout(() => fired++, 1);
    wall.tick(1000);
    expect(fired).toBe(0);
    c.setTimeout(() => (fired += 10), 0);
    wall.tick(0);
    expect(fired).toBe(10);
    expect(wall.pending).toBe(0);
  });

  it('resumes after a pause with the remaining time', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: START }, wall);
    const at: number[] = [];
    c.setTimeout(() => at.push(c.now()), 1000);
    wall.tick(400);
    c.setRate(0);
    wall.tick(10_000);
    c.setRate(1);
    expect(c.now()).toBe(START + 400);
    wall.tick(599);
    expect(at).toEqual([]);
    wall.tick(1);
    expect(at).toEqual([START + 1000]);
  });

  it('advance(ms) on a paused clock moves time and fires the timers now due', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: START }, wall);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('1s'), 1000);
    c.setTimeout(() => fired.push('5s'), 5000);
    c.setRate(0);
    const st = c.advance(1000);
    expect(st.rate).toBe(0);
    expect(st.clusterAnchor).toBe(START + 1000);
    expect(c.now()).toBe(START + 1000);
    wall.tick(0);
    expect(fired).toEqual(['1s']);
    wall.tick(100_000);
    expect(fired).toEqual(['1s']);
    expect(c.now()).toBe(START + 1000);
    c.advance(4000);
    wall.tick(0);
    expect(fired).toEqual(['1s', '5s']);
  });

  it('advance(ms) on a running clock jumps ahead and keeps running', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const fired: number[] = [];
    c.setTimeout(() => fired.push(c.now()), 3000);
    c.advance(2000);
    wall.tick(999);
    expect(fired).toEqual([]);
    wall.tick(1);
    expect(fired).toEqual([3000]);
  });

  it('another instance given the state agrees on now()', () => {
    const wall = new FakeWall();
    const a = new ScaledClock({ clusterAnchor: START }, wall);
    const b = new ScaledClock({ clusterAnchor: 0 }, wall);
    wall.tick(1234);
    const st: ClockState = a.setRate(3);
    b.setState(st);
    expect(b.getState()).toEqual(st);
    expect(b.now()).toBe(a.now());
    wall.tick(1000);
    expect(a.now()).toBe(START + 1234 + 3000);
    expect(b.now()).toBe(a.now());
    b.setState(a.setRate(0));
    wall.tick(1000);
    expect(b.now()).toBe(a.now());
    expect(b.rate).toBe(0);
  });

  it('setState re-arms timers for the new rate', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const at: number[] = [];
    c.setTimeout(() => at.push(c.now()), 10_000);
    c.setState({ clusterAnchor: 0, wallAnchor: wall.now(), rate: 4 });
    wall.tick(2499);
    expect(at).toEqual([]);
    wall.tick(1);
    expect(at).toEqual([10_000]);
  });

  it('setState that jumps a paused clock past a timer fires it', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const fired: number[] = [];
    c.setTimeout(() => fired.push(c.now()), 500);
    c.setRate(0);
    c.setState({ clusterAnchor: 800, wallAnchor: wall.now(), rate: 0 });
    wall.tick(0);
    expect(fired).toEqual([800]);
  });

  it.each([
    { rate: 2, wallToFire: 3000 },
    { rate: 0.5, wallToFire: 12_000 },
    { rate: 10, wallToFire: 600 },
  ])(
    'a rate change to $rate mid-wait re-arms: fires after $wallToFire ms more wall time',
    ({ rate, wallToFire }) => {
      const wall = new FakeWall();
      const c = new ScaledClock({ clusterAnchor: 0 }, wall);
      const at: number[] = [];
      c.setTimeout(() => at.push(c.now()), 10_000);
      wall.tick(4000);
      c.setRate(rate);
      expect(wall.pending).toBe(1);
      wall.tick(wallToFire - 1);
      expect(at).toEqual([]);
      wall.tick(1);
      expect(at).toEqual([10_000]);
    },
  );

  it('fires on time at a fractional rate with epoch-sized anchors (no re-arm loop on rounding)', () => {
    const wallStart = 1_700_000_000_123.456;
    const clusterStart = START + 0.3;
    for (const ms of [1, 22, 43, 1000, 2999]) {
      const wall = new FakeWall(wallStart);
      const c = new ScaledClock({ clusterAnchor: clusterStart, rate: 3 }, wall);
      let fired = 0;
      c.setTimeout(() => fired++, ms);
      wall.tick(ms / 3 - 0.01);
      expect(fired).toBe(0);
      wall.tick(0.02);
      expect(fired).toBe(1);
      expect(wall.pending).toBe(0);
    }
  });

  it('a timer set from a timer callback is armed', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    const at: number[] = [];
    c.setTimeout(() => {
      at.push(c.now());
      c.setTimeout(() => at.push(c.now()), 100);
    }, 100);
    wall.tick(1000);
    expect(at).toEqual([100, 200]);
  });

  it('sleep resolves after the scaled time', async () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0, rate: 2 }, wall);
    let done = false;
    const p = c.sleep(1000).then(() => (done = true));
    wall.tick(499);
    await Promise.resolve();
    expect(done).toBe(false);
    wall.tick(1);
    await p;
    expect(done).toBe(true);
  });

  it('dispose drops every timer and the wall timer', () => {
    const wall = new FakeWall();
    const c = new ScaledClock({ clusterAnchor: 0 }, wall);
    let fired = 0;
    c.setTimeout(() => fired++, 10);
    c.dispose();
    expect(wall.pending).toBe(0);
    wall.tick(100);
    expect(fired).toBe(0);
  });
});
