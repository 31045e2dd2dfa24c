/**
 * The controller skeleton of sample-controller / kube-controller-manager: event handlers that enqueue
 * `namespace/name` keys (`cache.MetaNamespaceKeyFunc`, `DeletionHandlingMetaNamespaceKeyFunc`,
 * `SplitMetaNamespaceKey`), and N workers that take keys from a rate-limiting queue and call a
 * level-triggered `sync(key)`: forget on success, `addRateLimited` on error (optionally dropping the
 * key after `maxRetries`), `done` always. Leaves out `utilruntime.HandleError`'s rate limiting of logs.
 */
import { isTombstone, type DeletedFinalStateUnknown, type ResourceEventHandler } from './informer';
import type { RateLimitingQueue } from './workqueue';
import { metaNamespaceKey, type Keyed } from './store';

/** `namespace/name`, or `name` for cluster-scoped objects; tombstones give their stored key. */
export function keyFunc<T extends Keyed>(obj: T | DeletedFinalStateUnknown<T>): string {
  if (isTombstone(obj)) return obj.key;
  return metaNamespaceKey(obj);
}

/** Splits a key into `[namespace, name]` (namespace `''` for cluster-scoped); throws on a bad key. */
export function splitKey(key: string): [string, string] {
  const parts = key.split('/');
  if (parts.length === 1) return ['', parts[0]];
  if (parts.length === 2) return [parts[0], parts[1]];
  throw new Error(`unexpected key format: "${key}"`);
}

/** Event handlers that put the key of every added, updated or deleted object on `queue`. */
export function enqueueHandler<T extends Keyed>(
  queue: { add(key: string): void },
  key: (obj: T | DeletedFinalStateUnknown<T>) => string = keyFunc,
): ResourceEventHandler<T> {
  return {
    onAdd: (o) => queue.add(key(o)),
    onUpdate: (_old, o) => queue.add(key(o)),
    onDelete: (o) => queue.add(key(o)),
  };
}

/** Options of `runWorkers`. */
export interface WorkerOptions {
  /** Number of workers (default 1). */
  workers?: number;
  /** Give up on a key after this many failed syncs (default: never). */
  maxRetries?: number;
  /** Called with the key and the error of a failed sync (`utilruntime.HandleError`). */
  onError?: (key: string, err: unknown, willRetry: boolean) => void;
}

/** Takes one key from the queue and syncs it; false when the queue has shut down. */
export async function processNextWorkItem(
  queue: RateLimitingQueue<string>,
  sync: (key: string) => Promise<void> | void,
  opts: WorkerOptions = {},
): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  try {
    await sync(key);
    queue.forget(key);
  } catch (e) {
    const retry = opts.maxRetries === undefined || queue.numRequeues(key) < opts.maxRetries;
    if (retry) queue.addRateLimited(key);
    else queue.forget(key);
    opts.onError?.(key, e, retry);
  } finally {
    queue.done(key);
  }
  return true;
}

/**
 * Runs `workers` loops over the queue until it shuts down (`wait.Until(worker, time.Second)` without
 * the pause, since a worker only returns at shutdown). Resolves when all workers have exited.
 */
export async function runWorkers(
  queue: RateLimitingQueue<string>,
  sync: (key: string) => Promise<void> | void,
  opts: WorkerOptions = {},
): Promise<void> {
  const n = Math.max(1, opts.workers ?? 1);
  const worker = async () => {
    while (await processNextWorkItem(queue, sync, opts));
  };
  await Promise.all(Array.from({ length: n }, worker));
}
