/**
 * The queue between the trace bus and the animation. Records arrive in bursts far faster than hops
 * can be drawn; when the backlog grows past a limit, queued hops with the same ends, kind and coarse
 * label are merged into one hop carrying the count (`watch MODIFIED pods ×37`) — aggregated, never
 * dropped: the counts of everything taken plus everything queued always equal what was pushed.
 * A follow filter (one object's flow) diverts non-matching records to a counted `filtered` tally.
 */
import type { TraceRecord } from '../../runtime/trace';
import { hopLabel, toHop, type Hop, type LabelContext } from './hops';

/** Which records to keep when following one object. */
export interface FollowTarget {
  namespace?: string;
  name: string;
  resource?: string;
}

/** Counters for the "nothing silently dropped" check. */
export interface HopCounts {
  /** Records pushed that map to drawable hops. */
  received: number;
  /** Records handed out for drawing (sum of hop counts). */
  taken: number;
  /** Records waiting in the queue. */
  queued: number;
  /** Records set aside by the follow filter. */
  filtered: number;
  /** Records of the page's own plumbing (not drawn). */
  hidden: number;
}

/** Maximum ids remembered for the follow filter's causal closure. */
const FOLLOW_MEMORY = 5000;

/** A FIFO of hops with aggregation under pressure. */
export class HopQueue {
  private q: Hop[] = [];
  private seq = 0;
  private counts: HopCounts = { received: 0, taken: 0, queued: 0, filtered: 0, hidden: 0 };
  private follow: FollowTarget | undefined;
  private followed = new Set<string>();

  constructor(private readonly ctx: LabelContext = {}) {}

  /**
   * Follows one object's flow (records naming it, and records caused by those), or all (undefined).
   * Queued hops of other objects are set aside at once (counted as filtered).
   */
  setFollow(t: FollowTarget | undefined): void {
    this.follow = t;
    this.followed.clear();
    if (!t) return;
    const keep: Hop[] = [];
    for (const h of this.q) {
      if (h.ids.length === 1 && this.matchesFollow(h.record)) keep.push(h);
      else {
        this.counts.filtered += h.count;
        this.counts.queued -= h.count;
      }
    }
    this.q = keep;
  }

  /** The current follow target. */
  get following(): FollowTarget | undefined {
    return this.follow;
  }

  /** Queues a record. Returns the hop, or undefined when it is hidden or filtered out. */
  push(r: TraceRecord): Hop | undefined {
    const hop = toHop(r, ++this.seq, this.ctx);
    if (!hop) {
      this.counts.hidden++;
      return undefined;
    }
    this.counts.received++;
    if (this.follow && !this.matchesFollow(r)) {
      this.counts.filtered++;
      return undefined;
    }
    this.q.push(hop);
    this.counts.queued++;
    return hop;
  }

  private matchesFollow(r: TraceRecord): boolean {
    const f = this.follow!;
    const named =
      r.name === f.name &&
      (f.namespace === undefined || r.namespace === undefined || r.namespace === f.namespace) &&
      (f.resource === undefined || r.resource === undefined || r.resource.split('/')[0] === f.resource);
    const caused = r.causeId !== undefined && this.followed.has(r.causeId);
    if (!named && !caused) return false;
    this.followed.add(r.id);
    if (this.followed.size > FOLLOW_MEMORY) {
      const first = this.followed.values().next().value;
      if (first !== undefined) this.followed.delete(first);
    }
    return true;
  }

  /** Number of hops waiting. */
  get length(): number {
    return this.q.length;
  }

  /** A copy of the counters. */
  stats(): HopCounts {
    return { ...this.counts };
  }

  /**
   * Takes up to `n` hops in order. When more than `maxBacklog` hops wait, similar hops are merged
   * first (each merged hop sits where its first member was).
   */
  take(n: number, maxBacklog = Infinity): Hop[] {
    if (this.q.length > maxBacklog) this.aggregate();
    const out = this.q.splice(0, Math.max(0, n));
    for (const h of out) {
      // A binding's target node is known once the scheduler's decision arrived: label it late.
      if (h.count === 1 && h.kind === 'request' && h.label.startsWith('bind ') && !h.label.includes('→'))
        h.label = hopLabel(h.record, this.ctx);
      this.counts.taken += h.count;
      this.counts.queued -= h.count;
    }
    return out;
  }

  /** Merges queued hops with the same ends, kind and coarse label. */
  aggregate(): void {
    const byKey = new Map<string, Hop>();
    const out: Hop[] = [];
    for (const h of this.q) {
      const key = `${h.from}\u0000${h.to}\u0000${h.kind}\u0000${h.group}`;
      const into = byKey.get(key);
      if (!into) {
        const copy = { ...h, ids: [...h.ids] };
        byKey.set(key, copy);
        out.push(copy);
        continue;
      }
      into.ids.push(...h.ids);
      into.count += h.count;
      if (into.label !== h.label) into.label = h.group;
    }
    this.q = out;
  }

  /** Empties the queue, counting the removed records as taken (used when the view is reset). */
  clear(): Hop[] {
    return this.take(this.q.length);
  }
}
