/**
 * The common skeleton of the workload controllers (upstream: each controller's `Run`/`worker` plus
 * pkg/controller's `ControllerRefManager`): a rate-limited queue of `namespace/name` keys drained by
 * N workers calling a level-triggered `sync(key)` once the informers have synced, an event recorder,
 * and claiming (adopting matching orphans, releasing owned objects that stopped matching).
 * Leaves out: the per-controller metrics and `utilruntime.HandleCrash`.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { matches, type Selector } from '../../../../api/labels';
import { runWorkers } from '../../../../client/controller-base';
import { EventRecorder } from '../../../../client/event-recorder';
import type { SharedInformer } from '../../../../client/informer';
import type { ApiObject, ResourceClient } from '../../../../client/rest-client';
import { RateLimitingQueue } from '../../../../client/workqueue';
import type { Controller, ControllerContext } from '../../types';
import { errorCode, getControllerOf, newControllerRef } from './util';

/** A controller over a rate-limited queue of keys. */
export abstract class QueueController implements Controller {
  /** Keys waiting to be synced. */
  readonly queue: RateLimitingQueue<string>;
  /** Writes this controller's Events. */
  readonly recorder: EventRecorder;
  /** Informers that must have synced before the workers start. */
  protected readonly waitFor: Pick<SharedInformer<ApiObject>, 'waitForSync'>[] = [];
  private stopped = false;
  /** Resolves when the workers have exited (after `stop`). */
  done: Promise<void> = Promise.resolve();

  constructor(
    protected readonly ctx: ControllerContext,
    /** Upstream controller name (event source component). */
    readonly name: string,
    kind: { kind: string; apiVersion: string },
  ) {
    this.queue = new RateLimitingQueue<string>(ctx.clock);
    this.recorder = new EventRecorder({
      events: ctx.client.events,
      clock: ctx.clock,
      component: name,
      defaultKind: kind,
    });
  }

  /** Reconciles one object, idempotently. */
  abstract sync(key: string): Promise<void>;

  /** Starts the workers in the background once every informer has synced. */
  run(workers: number): void {
    this.done = (async () => {
      const ok = await Promise.all(this.waitFor.map((i) => i.waitForSync()));
      if (this.stopped || !ok.every(Boolean)) return;
      await runWorkers(this.queue, (k) => this.sync(k), { workers });
    })();
  }

  /** Stops the workers. */
  stop(): void {
    this.stopped = true;
    this.queue.shutDown();
  }
}

/** What `claimObjects` needs to know about the owner. */
export interface ClaimOptions<T extends ApiObject> {
  owner: ApiObject;
  ownerApiVersion: string;
  ownerKind: string;
  selector: Selector;
  /** Candidates (e.g. every pod in the namespace). */
  objects: readonly T[];
  /** Client used to patch the objects' ownerReferences. */
  client: ResourceClient<T>;
  /** Fresh (uncached) check that the owner still exists and is not being deleted; throws otherwise. */
  canAdopt: () => Promise<void>;
  /** Extra filter for orphans (e.g. only active pods). */
  adoptable?: (o: T) => boolean;
}

/**
 * `ControllerRefManager.ClaimObject` for every candidate: keeps what the owner controls and still
 * matches, adopts matching orphans (strategic-merge patch adding a controller ownerReference) and
 * releases owned objects that no longer match. Returns the claimed objects.
 */
export async function claimObjects<T extends ApiObject>(o: ClaimOptions<T>): Promise<T[]> {
  const ownerUid = o.owner.metadata?.uid;
  const ownerDeleting = !!o.owner.metadata?.deletionTimestamp;
  const claimed: T[] = [];
  const errs: unknown[] = [];
  let adoptChecked: Promise<void> | undefined;
  for (const obj of o.objects) {
    const ref = getControllerOf(obj);
    const m = obj.metadata ?? {};
    const ns = m.namespace;
    const match = matches(o.selector, m.labels);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (match) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      try {
        await o.client.patch(ns, m.name!, 'strategic', {
          metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: m.uid },
        });
      } catch (e) {
        const c = errorCode(e);
        if (c !== 404 && c !== 422) errs.push(e);
      }
      continue;
    }
    if (ownerDeleting || !match || m.deletionTimestamp) continue;
    if (o.adoptable && !o.adoptable(obj)) continue;
    try {
      adoptChecked ??= o.canAdopt();
      await adoptChecked;
      const cref: OwnerReference = newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind);
      const patched = await o.client.patch(ns, m.name!, 'strategic', {
        metadata: { ownerReferences: [cref], uid: m.uid },
      });
      claimed.push(patched);
    } catch (e) {
      if (errorCode(e) !== 404) errs.push(e);
    }
  }
  if (errs.length) throw errs[0];
  return claimed;
}

/** `RecheckDeletionTimestamp`: GETs the owner fresh and checks uid and deletion. */
export function recheckOwner<T extends ApiObject>(
  client: ResourceClient<T>,
  owner: ApiObject,
  kindLabel: string,
): () => Promise<void> {
  return async () => {
    const m = owner.metadata ?? {};
    const fresh = await client.get(m.namespace, m.name!);
    if (fresh.metadata?.uid !== m.uid)
      throw new Error(
        `original ${kindLabel} ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${m.uid}`,
      );
    if (fresh.metadata?.deletionTimestamp)
      throw new Error(
        `${kindLabel} ${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
      );
  };
}
