/**
 * The watch cache (kube-apiserver's Cacher): one etcd watch per resource feeds an in-memory copy of
 * every object plus a window of recent events, so LISTs and new WATCHes never hit etcd. Objects in it
 * are deep-frozen: nobody may change a cached object.
 *
 * Left out from upstream: per-resource capacity tuning, progress-notify requests (the apiserver is
 * etcd's only writer here, so it knows the latest revision itself).
 */
import type { KubeObject, WatchEventType } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';
import { errors } from '../../api/errors';
import type { Clock } from '../../runtime/clock';
import type { EtcdApi, KeyValue, KvEvent } from '../etcd/types';

/** Freezes an object and everything in it. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) deepFreeze(o[i]);
    } else {
      const rec = o as Record<string, unknown>;
      for (const k of Object.keys(rec)) deepFreeze(rec[k]);
    }
  }
  return o;
}

/** Decodes a stored value: JSON plus resourceVersion = the key's mod revision. */
export function decodeKv(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

/** One change as the cache records it. */
export interface CacheEvent {
  type: 'PUT' | 'DELETE';
  key: string;
  /** The object after the change (for DELETE: the last state, with the delete's resourceVersion). */
  obj: KubeObject;
  /** The object before the change, if it existed. */
  prev?: KubeObject;
  rev: number;
  cause?: string;
}

/** A watcher's view: which objects it sees, and how events reach it. */
export interface CacheWatcher {
  /** Does the watcher see this object? */
  matches(obj: KubeObject): boolean;
  /** Value of the cache's index field this watcher is limited to (e.g. a node name), if any. */
  indexValue?: string;
  send(type: WatchEventType, obj: KubeObject, rev: number, cause?: string): void;
}

/** Options of a cache. */
export interface WatchCacheOptions {
  info: ResourceInfo;
  etcd: EtcdApi;
  clock: Clock;
  /** Extracts the indexed field (pods: spec.nodeName) so watchers limited to one value are found fast. */
  indexField?: (obj: KubeObject) => string | undefined;
  /** How long events are kept for watch resumption (ms of cluster time). */
  historyMs?: number;
  onError?: (e: unknown) => void;
  /** Called with each change's cause and revision before watchers hear of it (the apiserver traces the etcd hop). */
  onApply?: (cause: string | undefined, rev: number) => void;
}

/** The cache of one resource. */
export class WatchCache {
  readonly info: ResourceInfo;
  /** Latest revision this cache has applied. */
  rev = 0;
  private objects = new Map<string, KubeObject>();
  private history: CacheEvent[] = [];
  private historyTimes: number[] = [];
  /** Oldest revision still resumable (a watch from rev ≥ this - 1 works). */
  private oldest = 0;
  private watchers = new Set<CacheWatcher>();
  private indexed = new Map<string, Set<CacheWatcher>>();
  private waiters: Array<{ rev: number; resolve: () => void }> = [];
  private cancelWatch: (() => void) | undefined;
  private readyPromise: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: WatchCacheOptions) {
    this.info = opts.info;
  }

  /** Lists the prefix from etcd and starts watching; resolves when the cache is filled. */
  start(): Promise<void> {
    if (!this.readyPromise) this.readyPromise = this.fill();
    return this.readyPromise;
  }

  private async fill(): Promise<void> {
    const prefix = this.info.etcdPrefix + '/';
    const res = await this.opts.etcd.range(prefix, { prefix: true });
    this.objects.clear();
    for (const kv of res.kvs) this.objects.set(kv.key, deepFreeze(decodeKv(kv)));
    this.rev = res.revision;
    this.oldest = res.revision + 1;
    this.history = [];
    this.historyTimes = [];
    if (this.stopped) return;
    this.cancelWatch = this.opts.etcd.watch(
      prefix,
      { prefix: true, startRevision: res.revision + 1, prevKv: true },
      (evs) => this.apply(evs),
      (end) => {
        if (this.stopped) return;
        // etcd ended the watch (restart, compaction): refill and carry on.
        this.cancelWatch = undefined;
        this.opts.onError?.(new Error(end.error ?? `watch ended at compaction ${end.compactRevision}`));
        this.readyPromise = this.fill();
      },
    );
    this.wake();
  }

  /** Stops watching etcd. */
  stop(): void {
    this.stopped = true;
    this.cancelWatch?.();
  }

  /** Resolves when the cache has applied revision `rev` (read-your-writes for the apiserver's own writes). */
  waitFor(rev: number): Promise<void> {
    if (this.rev >= rev) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ rev, resolve }));
  }

  private wake(): void {
    if (!this.waiters.length) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.rev >= w.rev) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private apply(evs: KvEvent[]): void {
    const now = this.opts.clock.now();
    for (const ev of evs) {
      const prev = this.objects.get(ev.kv.key);
      let obj: KubeObject;
      if (ev.type === 'PUT') {
        obj = deepFreeze(decodeKv(ev.kv));
        this.objects.set(ev.kv.key, obj);
      } else {
        if (!prev) continue;
        const last = structuredClone(prev) as KubeObject;
        last.metadata.resourceVersion = String(ev.kv.modRevision);
        obj = deepFreeze(last);
        this.objects.delete(ev.kv.key);
      }
      const ce: CacheEvent = {
        type: ev.type,
        key: ev.kv.key,
        obj,
        prev,
        rev: ev.kv.modRevision,
        cause: ev.cause,
      };
      this.history.push(ce);
      this.historyTimes.push(now);
      this.rev = Math.max(this.rev, ev.kv.modRevision);
      this.opts.onApply?.(ce.cause, ce.rev);
      this.dispatch(ce);
    }
    this.trim(now);
    this.wake();
  }

  private trim(now: number): void {
    const keepMs = this.opts.historyMs ?? 5 * 60_000;
    let drop = 0;
    while (
      drop < this.history.length - 100 &&
      (now - this.historyTimes[drop] > keepMs || this.history.length - drop > 200_000)
    )
      drop++;
    if (drop > 1000 || (drop > 0 && drop === this.history.length - 100)) {
      this.oldest = this.history[drop].rev;
      this.history.splice(0, drop);
      this.historyTimes.splice(0, drop);
    }
  }

  private dispatch(ce: CacheEvent): void {
    if (!this.watchers.size) return;
    const idx = this.opts.indexField;
    if (!idx || !this.indexed.size) {
      for (const w of this.watchers) deliver(w, ce);
      return;
    }
    for (const w of this.watchers) if (w.indexValue === undefined) deliver(w, ce);
    const a = idx(ce.obj);
    const b = ce.prev ? idx(ce.prev) : undefined;
    if (a !== undefined) for (const w of this.indexed.get(a) ?? []) deliver(w, ce);
    if (b !== undefined && b !== a) for (const w of this.indexed.get(b) ?? []) deliver(w, ce);
  }

  /** Current objects (frozen). */
  list(): IterableIterator<KubeObject> {
    return this.objects.values();
  }

  /** Number of objects. */
  get size(): number {
    return this.objects.size;
  }

  /** One object by etcd key. */
  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  /**
   * Adds a watcher from `fromRev` (exclusive: events with rev > fromRev). `fromRev` undefined: the current
   * state is sent as ADDED first. Throws 410 Expired when `fromRev` is older than the window.
   */
  watch(w: CacheWatcher, fromRev: number | undefined): () => void {
    if (fromRev === undefined) {
      for (const obj of this.objects.values()) if (w.matches(obj)) w.send('ADDED', obj, this.rev);
    } else if (fromRev < this.rev) {
      if (fromRev < this.oldest - 1) {
        throw errors.expired(`too old resource version: ${fromRev} (${this.oldest - 1})`);
      }
      let i = lowerBound(this.history, fromRev + 1);
      for (; i < this.history.length; i++) deliver(w, this.history[i]);
    }
    this.watchers.add(w);
    if (w.indexValue !== undefined && this.opts.indexField) {
      let s = this.indexed.get(w.indexValue);
      if (!s) this.indexed.set(w.indexValue, (s = new Set()));
      s.add(w);
    }
    return () => {
      this.watchers.delete(w);
      if (w.indexValue !== undefined) {
        const s = this.indexed.get(w.indexValue);
        s?.delete(w);
        if (s && !s.size) this.indexed.delete(w.indexValue);
      }
    };
  }

  /**
   * etcd was compacted at `rev`: the history up to it is dropped, so a watch from an older revision
   * gets 410 Expired (the apiserver compacts every 5 minutes, so watch history is about that long).
   */
  compacted(rev: number): void {
    if (rev + 1 <= this.oldest) return;
    const keep = lowerBound(this.history, rev + 1);
    this.history.splice(0, keep);
    this.historyTimes.splice(0, keep);
    this.oldest = rev + 1;
  }

  /** Number of watchers (for status pages and tests). */
  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Oldest resumable revision minus one (the number 410 messages quote). */
  get oldestResumable(): number {
    return this.oldest - 1;
  }
}

function lowerBound(h: CacheEvent[], rev: number): number {
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (h[mid].rev < rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sends one cache event to a watcher, turning it into ADDED/MODIFIED/DELETED from the watcher's view. */
function deliver(w: CacheWatcher, ce: CacheEvent): void {
  const was = ce.prev !== undefined && w.matches(ce.prev);
  if (ce.type === 'DELETE') {
    if (was) w.send('DELETED', ce.obj, ce.rev, ce.cause);
    return;
  }
  const is = w.matches(ce.obj);
  if (is && was) w.send('MODIFIED', ce.obj, ce.rev, ce.cause);
  else if (is) w.send('ADDED', ce.obj, ce.rev, ce.cause);
  else if (was) w.send('DELETED', ce.obj, ce.rev, ce.cause);
}
