/**
 * An event recorder, mirroring client-go's `tools/record` EventRecorder + EventCorrelator as components
 * use it: `recorder.event(obj, type, reason, message)` writes a core/v1 Event named
 * `<object name>.<hex timestamp>` in the object's namespace; a repeat of the same event (same involved
 * object, type, reason and message, as the correlator's event key) PATCHes the existing Event's `count`
 * and `lastTimestamp` instead of creating a new one (a create again if that Event is gone).
 * Leaves out: the broadcaster's goroutine and sink retries, the spam filter (token bucket per object),
 * the similar-event aggregator ("(combined from similar events)") and the events.k8s.io/v1 API.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { ApiError } from '../api/errors';
import type { Clock } from '../runtime/clock';
import type { ResourceClient } from './rest-client';

/** `Normal` or `Warning`. */
export type EventType = 'Normal' | 'Warning';

/** The least an involved object must have. */
export interface EventSubject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** Options of a recorder. */
export interface EventRecorderOptions {
  /** core/v1 events client (`clientset.events`). */
  events: ResourceClient<Event>;
  clock: Clock;
  /** `source.component` and `reportingComponent` (e.g. `default-scheduler`, `kubelet`). */
  component: string;
  /** `source.host` (kubelet: the node name). */
  host?: string;
  /** `reportingInstance` (defaults to the host, else empty). */
  instance?: string;
  /** Kind/apiVersion for objects that do not carry them (informer objects usually do not). */
  defaultKind?: { kind: string; apiVersion: string };
  /** Where failed writes are reported. */
  onError?: (message: string, err?: unknown) => void;
  /** Max remembered event series (LRU, client-go: 4096). */
  maxSeries?: number;
}

interface Series {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Writes (and aggregates) core/v1 Events for one component. */
export class EventRecorder {
  private series = new Map<string, Series>();
  private seq = 0;
  /** Writes in flight (tests await `flush()`). */
  private pending = new Set<Promise<void>>();

  constructor(private readonly opts: EventRecorderOptions) {}

  /** Records an event about `obj`; the write happens in the background (see `flush`). */
  event(obj: EventSubject, type: EventType, reason: string, message: string): void {
    const p = this.record(obj, type, reason, message).catch((e: unknown) =>
      this.opts.onError?.(
        `could not record event ${reason}: ${e instanceof Error ? e.message : String(e)}`,
        e,
      ),
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves when every event written so far has reached the apiserver. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** The involvedObject reference of `obj`. */
  reference(obj: EventSubject): ObjectReference {
    const m = obj.metadata ?? {};
    const ref: ObjectReference = {
      kind: obj.kind ?? this.opts.defaultKind?.kind,
      namespace: m.namespace,
      name: m.name,
      uid: m.uid,
      apiVersion: obj.apiVersion ?? this.opts.defaultKind?.apiVersion,
      resourceVersion: m.resourceVersion,
    };
    for (const k of Object.keys(ref) as Array<keyof ObjectReference>) if (ref[k] === undefined) delete ref[k];
    return ref;
  }

  private async record(obj: EventSubject, type: EventType, reason: string, message: string): Promise<void> {
    const ref = this.reference(obj);
    const namespace = ref.namespace || 'default';
    const now = rfc3339(this.opts.clock.now());
    const key = [
      this.opts.component,
      this.opts.host ?? '',
      ref.kind,
      ref.namespace,
      ref.name,
      ref.uid,
      ref.apiVersion,
      type,
      reason,
      message,
    ].join('\u0000');
    const known = this.series.get(key);
    if (known) {
      known.count++;
      const count = known.count;
      try {
        await this.opts.events.patch(known.namespace, known.name, 'strategic', {
          count,
          lastTimestamp: now,
          message,
        });
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 404) throw e;
        this.series.delete(key);
      }
    }
    const ms = this.opts.clock.now();
    const suffix = (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16);
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${ref.name ?? 'unknown'}.${suffix}`, namespace },
      involvedObject: ref,
      reason,
      message,
      source: this.opts.host
        ? { component: this.opts.component, host: this.opts.host }
        : { component: this.opts.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: undefined,
      reportingComponent: this.opts.component,
      reportingInstance: this.opts.instance ?? this.opts.host ?? '',
    };
    delete ev.eventTime;
    const s: Series = { namespace, name: ev.metadata!.name!, count: 1, firstTimestamp: now };
    this.series.set(key, s);
    if (this.series.size > (this.opts.maxSeries ?? 4096))
      this.series.delete(this.series.keys().next().value!);
    await this.opts.events.create(namespace, ev);
  }
}
