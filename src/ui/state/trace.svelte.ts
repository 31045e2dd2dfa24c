/**
 * The trace as the page follows it: subscribes to the supervisor's trace bus, queues hops for the
 * graph's animation (aggregating under pressure, never dropping), holds them while the cluster is
 * paused and reveals one per step, keeps the log of what was animated (`hops`, also for tests), the
 * current hop for the side panel, and the scheduler's last decision per pod.
 */
import type { Supervisor } from '../../runtime/supervisor';
import type { TraceRecord } from '../../runtime/trace';
import { HopQueue, type FollowTarget, type HopCounts } from '../model/hop-queue';
import type { Hop } from '../model/hops';

/** A hop as logged once the graph started animating it. */
export interface AnimatedHop {
  seq: number;
  ids: string[];
  kind: Hop['kind'];
  from: string;
  to: string;
  label: string;
  count: number;
  namespace?: string;
  name?: string;
}

/** How many animated hops the log keeps. */
const LOG_LIMIT = 20_000;
/** How many recent hops the side panel lists. */
const RECENT = 40;
/** How often (wall ms) the side panel's hop list and counters are refreshed while running. */
const PANEL_MS = 150;
/** How many pods' scheduler decisions are remembered. */
const DECISIONS = 2_000;

/** The page's trace state. */
export class TraceState {
  /** The hop the side panel narrates (the latest one started, or one picked from the list). */
  current = $state.raw<Hop | undefined>(undefined);
  /** The most recent hops, newest first. */
  recent = $state.raw<Hop[]>([]);
  /** Counters (received / taken / queued / filtered / hidden), refreshed as hops are taken. */
  counts = $state.raw<HopCounts>({ received: 0, taken: 0, queued: 0, filtered: 0, hidden: 0 });
  /** True while records are held for single-stepping (the cluster is paused). */
  holding = $state(false);
  /** Bumped when a scheduler decision arrives. */
  decisionsVersion = $state(0);
  /** The object whose flow is followed, if any. */
  follow = $state.raw<FollowTarget | undefined>(undefined);
  /** Everything animated so far (bounded), for tests and the hop list. */
  readonly hops: AnimatedHop[] = [];
  /** Bumped when a hop of a (kind, verb, resource) not drawn before is drawn (lessons' `traceSeen`). */
  seenVersion = $state(0);
  // Reactivity goes through seenVersion; the set itself is private.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly seenKeys = new Set<string>();
  // Reactivity goes through decisionsVersion; the map itself is private.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly decisions = new Map<string, Record<string, unknown>>();
  private readonly queue: HopQueue;
  private credit = 0;
  private lastPanel = 0;
  private pendingRecent: Hop[] = [];
  private pendingCurrent: Hop | undefined;
  private unsub: (() => void) | undefined;

  constructor(private readonly supervisor: Supervisor) {
    this.queue = new HopQueue({ selectedNode: (ns, name) => this.selectedNode(ns, name) });
  }

  /** Subscribes to every component's trace. */
  start(): void {
    this.unsub = this.supervisor.subscribeTrace((r) => this.onRecord(r));
  }

  /** Unsubscribes. */
  stop(): void {
    this.unsub?.();
  }

  private onRecord(r: TraceRecord): void {
    if (r.kind === 'decision' && r.to === 'kube-scheduler' && r.detail && 'filter' in r.detail) {
      const key = `${r.namespace ?? ''}/${r.name ?? ''}`;
      this.decisions.delete(key);
      this.decisions.set(key, r.detail);
      if (this.decisions.size > DECISIONS) {
        const first = this.decisions.keys().next().value;
        if (first !== undefined) this.decisions.delete(first);
      }
      this.decisionsVersion++;
    }
    this.queue.push(r);
  }

  /** The scheduler's last decision detail for a pod, if seen. */
  decisionFor(namespace: string | undefined, name: string): Record<string, unknown> | undefined {
    void this.decisionsVersion;
    return this.decisions.get(`${namespace ?? ''}/${name}`);
  }

  private selectedNode(ns: string | undefined, name: string | undefined): string | undefined {
    const d = this.decisions.get(`${ns ?? ''}/${name ?? ''}`);
    return typeof d?.selected === 'string' ? d.selected : undefined;
  }

  /** Holds records (paused) or lets them flow. Releasing keeps the queue; it drains aggregated. */
  setHolding(h: boolean): void {
    this.holding = h;
    this.credit = 0;
  }

  /** Reveals the next held hop. */
  step(): void {
    this.credit++;
  }

  /** Follows one object's flow (undefined: everything). */
  setFollow(t: FollowTarget | undefined): void {
    this.follow = t;
    this.queue.setFollow(t);
  }

  /** Hops waiting to be drawn. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * The hops the animation should start now: up to `n` (one per step while holding), aggregated when
   * more than `maxBacklog` wait. Each is logged and becomes the current hop.
   */
  next(n: number, maxBacklog: number): Hop[] {
    let out: Hop[];
    if (this.holding) {
      if (this.credit <= 0 || this.queue.length === 0) return [];
      this.credit--;
      out = this.queue.take(1);
    } else {
      if (this.queue.length === 0) return [];
      out = this.queue.take(n, maxBacklog);
    }
    for (const h of out) {
      this.markSeen(h);
      this.hops.push({
        seq: h.seq,
        ids: h.ids,
        kind: h.kind,
        from: h.from,
        to: h.to,
        label: h.label,
        count: h.count,
        namespace: h.record.namespace,
        name: h.record.name,
      });
    }
    if (this.hops.length > LOG_LIMIT) this.hops.splice(0, this.hops.length - LOG_LIMIT);
    if (out.length) {
      this.pendingRecent = [...out.slice().reverse(), ...this.pendingRecent].slice(0, RECENT);
      this.pendingCurrent = out[out.length - 1];
    }
    // The panel is for reading: refresh it a few times a second, or at once when stepping.
    const now = performance.now();
    if (this.holding || now - this.lastPanel >= PANEL_MS) {
      this.lastPanel = now;
      this.flushPanel();
    }
    return out;
  }

  /**
   * True when a hop matching `q` (each given field equal) has been drawn since the page loaded or
   * `resetSeen`. Reads `seenVersion`, so reactive callers re-run when new hops are seen.
   */
  seen(q: { kind?: string; verb?: string; resource?: string }): boolean {
    void this.seenVersion;
    for (const k of this.seenKeys) {
      const [kind, verb, resource] = k.split('\u0000');
      if (
        (q.kind === undefined || q.kind === kind) &&
        (q.verb === undefined || q.verb === verb) &&
        (q.resource === undefined || q.resource === resource)
      )
        return true;
    }
    return false;
  }

  /** Forgets which hops were seen (a lesson starts). */
  resetSeen(): void {
    this.seenKeys.clear();
    this.seenVersion++;
  }

  private markSeen(h: Hop): void {
    const r = h.record;
    const key = [r.kind, r.verb, r.resource ?? ''].join('\u0000');
    if (this.seenKeys.has(key)) return;
    this.seenKeys.add(key);
    this.seenVersion++;
  }

  private flushPanel(): void {
    if (this.pendingCurrent) {
      this.current = this.pendingCurrent;
      this.recent = [...this.pendingRecent, ...this.recent].slice(0, RECENT);
      this.pendingCurrent = undefined;
      this.pendingRecent = [];
    }
    this.counts = this.queue.stats();
  }

  /** The counters as they are now (not throttled). */
  liveCounts(): HopCounts {
    return this.queue.stats();
  }

  /** Refreshes the counters (e.g. while held). */
  refreshCounts(): void {
    const c = this.queue.stats();
    if (c.queued !== this.counts.queued || c.received !== this.counts.received) this.counts = c;
  }
}
