/**
 * The trace bus: every hop between components (request, response, watch event, etcd transaction,
 * admission stage, scheduling decision, container action) is published as a `TraceRecord` that the
 * UI animates and tests assert on. Publishing costs one boolean check when nobody listens.
 */

/** What kind of hop a record describes. */
export type TraceKind =
  | 'request' // a client's API call reaching the apiserver
  | 'response' // the apiserver's answer
  | 'stage' // a stage of the apiserver's request pipeline (authentication, admission, validation, ...)
  | 'etcd' // an etcd transaction / range
  | 'watch' // a watch event delivered to a component
  | 'decision' // a component's own decision (scheduler filter/score, controller sync)
  | 'runtime' // container runtime actions on a node (pull, create, start, kill)
  | 'lifecycle'; // component start / stop / crash / restart

/** One hop. Fields follow the contract; `detail` carries kind-specific data for the UI. */
export interface TraceRecord {
  /** Unique id (`<component>:<n>`). */
  id: string;
  /** The record that caused this one, for causal ordering. */
  causeId?: string;
  from: string;
  to: string;
  kind: TraceKind;
  /** HTTP verb, watch event type, etcd op, stage name, ... */
  verb: string;
  resource?: string;
  namespace?: string;
  name?: string;
  /** etcd revision / resourceVersion involved, if any. */
  revision?: number;
  /** Cluster-clock time in ms. */
  time: number;
  /** Optional extra data (status code, reason, scheduler table, ...). Plain JSON. */
  detail?: Record<string, unknown>;
}

/** A filter of records; undefined fields match anything. */
export interface TraceFilter {
  kinds?: TraceKind[];
  components?: string[];
  resource?: string;
  namespace?: string;
  name?: string;
  /** Keep only one record in N (sampling), 1 = all. */
  sampleEvery?: number;
}

/** True when the record passes the filter. */
export function traceMatches(r: TraceRecord, f: TraceFilter | undefined): boolean {
  if (!f) return true;
  if (f.kinds && !f.kinds.includes(r.kind)) return false;
  if (f.components && !f.components.includes(r.from) && !f.components.includes(r.to)) return false;
  if (f.resource && r.resource !== f.resource) return false;
  if (f.namespace && r.namespace !== f.namespace) return false;
  if (f.name && r.name !== f.name) return false;
  return true;
}

type Listener = (r: TraceRecord) => void;

/**
 * The bus one process (or one worker) publishes to. `enabled` is false until someone subscribes, and
 * callers check it before building a record.
 */
export class TraceBus {
  private listeners = new Set<{ fn: Listener; filter?: TraceFilter; n: number }>();
  /** True when at least one subscriber listens. */
  enabled = false;
  /** Subscribes; returns the unsubscribe function. */
  subscribe(fn: Listener, filter?: TraceFilter): () => void {
    const l = { fn, filter, n: 0 };
    this.listeners.add(l);
    this.enabled = true;
    return () => {
      this.listeners.delete(l);
      this.enabled = this.listeners.size > 0;
    };
  }
  /** Delivers a record to the subscribers whose filter it passes. */
  publish(r: TraceRecord): void {
    for (const l of this.listeners) {
      if (!traceMatches(r, l.filter)) continue;
      const every = l.filter?.sampleEvery ?? 1;
      if (every > 1 && l.n++ % every !== 0) continue;
      l.fn(r);
    }
  }
}

/**
 * A component's handle on the bus: makes ids and stamps time. `emit` returns the new record's id (or
 * undefined when tracing is off, so callers can pass it on as a cause either way).
 */
export class Tracer {
  private n = 0;
  constructor(
    readonly component: string,
    private readonly bus: TraceBus,
    private readonly now: () => number,
  ) {}
  get enabled(): boolean {
    return this.bus.enabled;
  }
  /** Allocates an id even when tracing is off (used to link causes across components). */
  nextId(): string {
    return `${this.component}:${++this.n}`;
  }
  /** Publishes a record if anyone listens; returns its id. */
  emit(r: Omit<TraceRecord, 'id' | 'time' | 'from'> & { from?: string; id?: string }): string | undefined {
    if (!this.bus.enabled) return r.causeId;
    const id = r.id ?? this.nextId();
    this.bus.publish({ ...r, id, from: r.from ?? this.component, time: this.now() });
    return id;
  }
}
