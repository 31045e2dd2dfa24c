/**
 * Shared plumbing of the cluster controllers: a queue-driven controller base (upstream's
 * `Run`/`worker`/`processNextWorkItem` with `cache.WaitForCacheSync`), event recording with explicit
 * kinds (informer objects carry no kind), condition helpers (`SetCondition` semantics: the transition
 * time moves only when the status changes), RFC 3339 times and owner-reference helpers.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { EventRecorder, type EventType } from '../../../../client/event-recorder';
import { runWorkers } from '../../../../client/controller-base';
import type { SharedInformer } from '../../../../client/informer';
import type { ApiObject } from '../../../../client/rest-client';
import { RateLimitingQueue } from '../../../../client/workqueue';
import type { ApiError } from '../../../../api/errors';
import type { Controller, ControllerContext } from '../../types';

/** RFC 3339 with second precision (metav1.Time). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses a metav1.Time (undefined → undefined). */
export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const v = Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
}

/** The HTTP code of an ApiError (or undefined). */
export function errorCode(e: unknown): number | undefined {
  const s = (e as ApiError | undefined)?.status as { code?: number } | undefined;
  return s?.code ?? (e as { code?: number } | undefined)?.code;
}

/** True for a 404. */
export function isNotFound(e: unknown): boolean {
  return errorCode(e) === 404;
}

/** True for a 409 (conflict or already exists). */
export function isConflict(e: unknown): boolean {
  return errorCode(e) === 409;
}

/** A status condition (Job, Node, HPA, Namespace, Pod conditions share these fields). */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string;
  lastHeartbeatTime?: string;
  [k: string]: unknown;
}

/** The condition of `type`, if any. */
export function findCondition<C extends { type?: string }>(
  conds: readonly C[] | undefined,
  type: string,
): C | undefined {
  return conds?.find((c) => c.type === type);
}

/**
 * Sets a condition in a copy of `conds`: the transition time moves only when the status changes
 * (upstream `SetStatusCondition` / HPA `setCondition`). Returns the new list.
 */
export function setCondition<C extends Condition>(conds: readonly C[] | undefined, c: C, nowMs: number): C[] {
  const out = [...(conds ?? [])];
  const i = out.findIndex((x) => x.type === c.type);
  if (i < 0) {
    out.push({ ...c, lastTransitionTime: c.lastTransitionTime ?? rfc3339(nowMs) });
    return out;
  }
  const old = out[i];
  const next = { ...old, ...c };
  next.lastTransitionTime =
    old.status === c.status ? old.lastTransitionTime : (c.lastTransitionTime ?? rfc3339(nowMs));
  out[i] = next;
  return out;
}

/** The controller owner reference of `obj`, if any. */
export function controllerRef(obj: ApiObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

/** An owner reference to `owner` (controller, blocking the owner's foreground deletion). */
export function ownerRefTo(owner: ApiObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A deep, mutable copy of a (frozen) cached object. */
export function clone<T>(o: T): T {
  return structuredClone(o) as T;
}

/** `ns/name` or `name`. */
export function keyOf(obj: ApiObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

/** Event recording with the involved object's kind given explicitly. */
export class Events {
  /** The underlying recorder (tests may `flush()` it). */
  readonly recorder: EventRecorder;
  constructor(ctx: ControllerContext, component: string) {
    this.recorder = new EventRecorder({ events: ctx.client.events, clock: ctx.clock, component });
  }
  /** Records an event about `obj` of `apiVersion`/`kind`. */
  emit(
    obj: ApiObject,
    apiVersion: string,
    kind: string,
    type: EventType,
    reason: string,
    message: string,
  ): void {
    this.recorder.event({ ...obj, apiVersion, kind }, type, reason, message);
  }
}

/**
 * A controller over one rate-limited workqueue of string keys: `run` waits for the listed informers to
 * sync, then starts the workers calling `sync(key)`; failures are re-queued with back-off.
 */
export abstract class QueueController implements Controller {
  /** The work queue. */
  readonly queue: RateLimitingQueue<string>;
  /** Informers that must have synced before the workers start. */
  protected readonly synced: SharedInformer<ApiObject>[] = [];
  protected readonly events: Events;
  private stopped = false;

  constructor(
    protected readonly ctx: ControllerContext,
    /** The event source component (`job-controller`, `node-controller`, ...). */
    component: string,
  ) {
    this.queue = new RateLimitingQueue<string>(ctx.clock);
    this.events = new Events(ctx, component);
  }

  /** Registers an informer that `run` waits for; returns it. */
  protected use<T extends ApiObject>(inf: SharedInformer<T>): SharedInformer<T> {
    this.synced.push(inf as unknown as SharedInformer<ApiObject>);
    return inf;
  }

  /** Reconciles one key (level-triggered, idempotent). */
  protected abstract sync(key: string): Promise<void>;

  /** Called once after the caches synced, before the workers start. */
  protected async started(): Promise<void> {}

  async run(workers: number): Promise<void> {
    await Promise.all(this.synced.map((i) => i.waitForSync()));
    if (this.stopped) return;
    await this.started();
    void runWorkers(this.queue, (k) => this.sync(k), { workers });
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutDown();
  }
}
