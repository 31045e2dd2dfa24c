/**
 * Time controls' state: the cluster speed (0.25×–10×), pause (the supervisor sets every worker's
 * ScaledClock to rate 0, so controllers, kubelets and timers really stop), advancing a paused clock,
 * and the cluster clock shown on the page (read on animation frames — wall time used for display only).
 */
import type { Supervisor } from '../../runtime/supervisor';

/** The speeds offered. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10] as const;

/** The cluster clock as `HH:MM:SS.s` (UTC). */
export function formatClock(ms: number): string {
  // A formatting helper, not reactive state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${Math.floor(d.getUTCMilliseconds() / 100)}`;
}

/** Speed, pause and the clock. */
export class TimeState {
  speed = $state(1);
  paused = $state(false);
  clock = $state('');
  /** The cluster clock in ms (for tests). */
  clockMs = $state(0);
  private raf = 0;

  constructor(private readonly supervisor: Supervisor) {
    const r = supervisor.clock.rate;
    this.paused = r === 0;
    if (r > 0) this.speed = r;
  }

  /** Starts refreshing the clock display. */
  start(): void {
    const tick = () => {
      const now = this.supervisor.clock.now();
      const shown = Math.floor(now / 100);
      if (shown !== Math.floor(this.clockMs / 100)) {
        this.clockMs = now;
        this.clock = formatClock(now);
      }
      this.raf = requestAnimationFrame(tick);
    };
    tick();
  }

  /** Stops refreshing. */
  stop(): void {
    cancelAnimationFrame(this.raf);
  }

  /** Pauses the whole cluster. */
  pause(): void {
    this.supervisor.setRate(0);
    this.paused = true;
  }

  /** Runs the cluster at the chosen speed. */
  play(): void {
    this.supervisor.setRate(this.speed);
    this.paused = false;
  }

  /** Chooses the speed (applied at once unless paused). */
  setSpeed(s: number): void {
    this.speed = s;
    if (!this.paused) this.supervisor.setRate(s);
  }

  /** Moves a paused cluster's time forward. */
  advance(ms: number): void {
    this.supervisor.step(ms);
    this.clockMs = this.supervisor.clock.now();
    this.clock = formatClock(this.clockMs);
  }
}
