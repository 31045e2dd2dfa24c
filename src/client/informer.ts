/**
 * Shared informers, mirroring client-go's `tools/cache` Reflector + DeltaFIFO + sharedIndexInformer and
 * `informers.SharedInformerFactory`: LIST (resourceVersion "0", pages of 500) then WATCH from the list's
 * resourceVersion with bookmarks; a clean watch close re-watches from the last seen resourceVersion; a
 * 410 (ERROR event or end), another watch error or a failed list ends the cycle, and after the
 * reflector's back-off (800 ms doubling to 30 s, on the Clock) the informer relists, turning the
 * difference into add/update/delete notifications (`DeletedFinalStateUnknown` for objects that vanished).
 * Periodic resync re-delivers `onUpdate(obj, obj)`. Handlers run synchronously, in event order.
 * Leaves out: the streaming WatchList mode, per-handler resync periods, transformers, the DeltaFIFO's
 * separate goroutine, and the 429 / internal-error watch retries (they relist instead).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError } from '../api/errors';
import type { WatchEvent } from '../api/types';
import type { Clock, TimerId } from '../runtime/clock';
import type { Rng } from '../runtime/rng';
import type { ApiObject, ListOptions, ObjectList, ResourceClient } from './rest-client';
import type { Clientset } from './rest-client';
import { Indexer, type FreezeMode, type Indexers } from './store';
import { Lister } from './lister';

/** What `onDelete` receives when a relist found an object gone: its last known state (client-go's type). */
export interface DeletedFinalStateUnknown<T> {
  readonly kind: 'DeletedFinalStateUnknown';
  readonly key: string;
  readonly obj: T;
}

/** True when `x` is a DeletedFinalStateUnknown tombstone. */
export function isTombstone<T>(x: T | DeletedFinalStateUnknown<T>): x is DeletedFinalStateUnknown<T> {
  return (
    !!x &&
    typeof x === 'object' &&
    (x as { kind?: string }).kind === 'DeletedFinalStateUnknown' &&
    'obj' in (x as object)
  );
}

/** The object inside a tombstone, or the object itself. */
export function unwrapTombstone<T>(x: T | DeletedFinalStateUnknown<T>): T {
  return isTombstone(x) ? x.obj : x;
}

/** Event handlers (client-go `ResourceEventHandlerFuncs`); each receives the trace id of the cause. */
export interface ResourceEventHandler<T> {
  /** A new object; `isInInitialList` is true for objects of the first list (or replayed to a late handler). */
  onAdd?(obj: T, cause: string | undefined, isInInitialList: boolean): void;
  /** A changed object (or a resync: `oldObj === newObj`). */
  onUpdate?(oldObj: T, newObj: T, cause: string | undefined): void;
  /** A deleted object, or a tombstone when a relist found it gone. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>, cause: string | undefined): void;
}

/** What `addEventHandler` returns (client-go `ResourceEventHandlerRegistration`). */
export interface HandlerRegistration {
  /** Stops delivering to this handler. */
  remove(): void;
  /** True once the informer has synced (every handler here is up to date at that point). */
  hasSynced(): boolean;
}

/** Options of one informer. */
export interface InformerOptions<T> {
  clock: Clock;
  /** Jitter for back-off and watch timeouts (none without it). */
  rng?: Rng;
  /** Watch one namespace only (undefined: all). */
  namespace?: string;
  labelSelector?: string;
  /** E.g. `spec.nodeName=node-1` (the kubelet's pod informer). */
  fieldSelector?: string;
  /** Resync period in ms (0 or undefined: never). */
  resyncPeriodMs?: number;
  /** Extra cache indexes. */
  indexers?: Indexers<T>;
  /** How cached objects are frozen. */
  freeze?: FreezeMode;
  /** Where errors (failed lists, watch errors, handler exceptions) are reported. */
  onError?: (message: string, err?: unknown) => void;
  /** Page size of the list (client-go's pager default: 500). */
  pageSize?: number;
}

/** Base of the reflector's back-off (client-go: 800 ms, ×2, cap 30 s, reset after 2 min, jitter 1.0). */
export const REFLECTOR_BACKOFF = {
  initialMs: 800,
  maxMs: 30_000,
  resetMs: 120_000,
  factor: 2,
  jitter: 1.0,
} as const;
/** The reflector's minimum watch timeout; each watch asks for 1–2× this (client-go: 5 min). */
export const MIN_WATCH_TIMEOUT_SECONDS = 300;

function rvOf(o: ApiObject | undefined): string | undefined {
  return o?.metadata?.resourceVersion;
}

/** One informer over one resource (client-go `SharedIndexInformer`). */
export class SharedInformer<T extends ApiObject> {
  /** The cache. Read it through `lister()`; never modify what it returns. */
  readonly indexer: Indexer<T>;
  private handlers: ResourceEventHandler<T>[] = [];
  private started = false;
  private stopped = false;
  private synced = false;
  private syncWaiters: ((ok: boolean) => void)[] = [];
  private lastSyncRV = '';
  private lastSyncRVUnavailable = false;
  private cancelWatch: (() => void) | undefined;
  private watchGen = 0;
  private cycleTimer: TimerId | undefined;
  private resyncTimer: TimerId | undefined;
  private backoffMs: number = REFLECTOR_BACKOFF.initialMs;
  private lastBackoffStart = -Infinity;
  private readonly clock: Clock;

  constructor(
    /** The client of the watched resource. */
    public readonly client: ResourceClient<T>,
    private readonly opts: InformerOptions<T>,
  ) {
    this.clock = opts.clock;
    this.indexer = new Indexer<T>({ indexers: opts.indexers, freeze: opts.freeze });
  }

  /** A typed lister over the cache. */
  lister(): Lister<T> {
    return new Lister<T>(this.indexer, {
      group: this.client.info.group,
      resource: this.client.info.resource,
    });
  }

  /** Adds cache indexes (only before `run`). */
  addIndexers(indexers: Indexers<T>): void {
    if (this.started) throw new Error('informer has already started');
    this.indexer.addIndexers(indexers);
  }

  /** Registers handlers; a handler added after objects are cached gets `onAdd` for each of them first. */
  addEventHandler(h: ResourceEventHandler<T>): HandlerRegistration {
    this.handlers.push(h);
    for (const o of this.indexer.list()) this.safe(() => h.onAdd?.(o, undefined, true));
    return {
      remove: () => {
        this.handlers = this.handlers.filter((x) => x !== h);
      },
      hasSynced: () => this.synced,
    };
  }

  /** True once the first list has been stored and delivered. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true when synced, false if the informer stops first. */
  waitForSync(): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((r) => this.syncWaiters.push(r));
  }

  /** The resourceVersion the informer has caught up to. */
  lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** True after `run` (and before `stop`). */
  isRunning(): boolean {
    return this.started && !this.stopped;
  }

  /** Starts listing and watching (idempotent). */
  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.listAndWatch();
    const period = this.opts.resyncPeriodMs ?? 0;
    if (period > 0) this.scheduleResync(period);
  }

  /** Stops the watch and every timer; pending `waitForSync` calls resolve false. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.watchGen++;
    this.cancelWatch?.();
    this.cancelWatch = undefined;
    if (this.cycleTimer !== undefined) this.clock.clearTimeout(this.cycleTimer);
    if (this.resyncTimer !== undefined) this.clock.clearTimeout(this.resyncTimer);
    const w = this.syncWaiters;
    this.syncWaiters = [];
    for (const r of w) r(false);
  }

  // --- reflector -----------------------------------------------------------------------------------

  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV === '' ? '0' : this.lastSyncRV;
  }

  private baseListOptions(): ListOptions {
    const o: ListOptions = {};
    if (this.opts.labelSelector) o.labelSelector = this.opts.labelSelector;
    if (this.opts.fieldSelector) o.fieldSelector = this.opts.fieldSelector;
    return o;
  }

  private async listAll(rv: string): Promise<{ items: T[]; rv: string; trace?: string }> {
    const pageSize = rv !== '' && rv !== '0' ? 0 : (this.opts.pageSize ?? 500);
    const items: T[] = [];
    let cont: string | undefined;
    let trace: string | undefined;
    let listRV = '';
    for (;;) {
      const o: ListOptions = this.baseListOptions();
      if (cont) o.continue = cont;
      else o.resourceVersion = rv;
      if (pageSize > 0) o.limit = pageSize;
      const res = await this.client.listWithTrace(this.opts.namespace, o);
      const list: ObjectList<T> = res.list;
      trace ??= res.trace;
      items.push(...(list.items ?? []));
      listRV = list.metadata?.resourceVersion ?? listRV;
      cont = list.metadata?.continue;
      if (!cont) break;
    }
    return { items, rv: listRV, trace };
  }

  private async listAndWatch(): Promise<void> {
    if (this.stopped) return;
    let result: { items: T[]; rv: string; trace?: string };
    try {
      try {
        result = await this.listAll(this.relistResourceVersion());
      } catch (e) {
        if (e instanceof ApiError && e.code === 410) {
          this.lastSyncRVUnavailable = true;
          result = await this.listAll(this.relistResourceVersion());
        } else throw e;
      }
    } catch (e) {
      if (this.stopped) return;
      this.report(`failed to list ${this.describe()}: ${e instanceof Error ? e.message : String(e)}`, e);
      this.endCycle();
      return;
    }
    if (this.stopped) return;
    this.lastSyncRVUnavailable = false;
    this.replace(result.items, result.trace);
    this.lastSyncRV = result.rv;
    if (!this.synced) {
      this.synced = true;
      const w = this.syncWaiters;
      this.syncWaiters = [];
      for (const r of w) r(true);
    }
    this.startWatch();
  }

  private startWatch(): void {
    if (this.stopped) return;
    const gen = ++this.watchGen;
    const start = this.clock.now();
    let events = 0;
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_SECONDS * ((this.opts.rng?.next() ?? 0) + 1));
    let ended = false;
    const finish = (err: Status | undefined, fromEvent: boolean) => {
      if (ended || gen !== this.watchGen || this.stopped) return;
      ended = true;
      if (fromEvent) this.cancelWatch?.();
      this.cancelWatch = undefined;
      if (err) {
        const code = err.code ?? 0;
        if (code !== 410) this.report(`watch of ${this.describe()} ended with: ${err.message ?? ''}`, err);
        this.endCycle();
        return;
      }
      if (this.clock.now() - start < 1000 && events === 0) {
        this.report(
          `very short watch: ${this.describe()}: Unexpected watch close - watch lasted less than a second and no items received`,
        );
        this.endCycle();
        return;
      }
      this.startWatch();
    };
    const cancel = this.client.watch(
      this.opts.namespace,
      {
        ...this.baseListOptions(),
        resourceVersion: this.lastSyncRV,
        timeoutSeconds,
        allowWatchBookmarks: true,
      },
      (ev) => {
        if (ended || gen !== this.watchGen || this.stopped) return;
        if (ev.type === 'ERROR') {
          finish(ev.object as unknown as Status, true);
          return;
        }
        events++;
        this.handleEvent(ev);
      },
      (err) => finish(err, false),
    );
    // A transport may end the stream synchronously; only keep the cancel of the live watch.
    if (!ended && gen === this.watchGen) this.cancelWatch = cancel;
    else cancel();
  }

  private handleEvent(ev: WatchEvent<T>): void {
    const obj = ev.object;
    const rv = rvOf(obj);
    switch (ev.type) {
      case 'BOOKMARK':
        break;
      case 'ADDED':
      case 'MODIFIED': {
        const old = this.indexer.get(obj);
        const stored = this.indexer.add(obj);
        if (old) this.notify((h) => h.onUpdate?.(old, stored, ev.cause));
        else this.notify((h) => h.onAdd?.(stored, ev.cause, false));
        break;
      }
      case 'DELETED': {
        this.indexer.delete(obj);
        this.notify((h) => h.onDelete?.(obj, ev.cause));
        break;
      }
    }
    if (rv) this.lastSyncRV = rv;
  }

  /** The relist: stores the list and notifies the difference (DeltaFIFO.Replace + processDeltas). */
  private replace(items: T[], cause: string | undefined): void {
    const initial = !this.synced;
    const seen = new Set<string>();
    for (const o of items) {
      const key = this.indexer.keyOf(o);
      seen.add(key);
      const old = this.indexer.getByKey(key);
      const stored = this.indexer.add(o);
      if (!old) this.notify((h) => h.onAdd?.(stored, cause, initial));
      else if (rvOf(old) !== rvOf(stored) || rvOf(stored) === undefined)
        this.notify((h) => h.onUpdate?.(old, stored, cause));
    }
    for (const key of this.indexer.listKeys()) {
      if (seen.has(key)) continue;
      const old = this.indexer.deleteKey(key)!;
      const tomb: DeletedFinalStateUnknown<T> = { kind: 'DeletedFinalStateUnknown', key, obj: old };
      this.notify((h) => h.onDelete?.(tomb, cause));
    }
  }

  private endCycle(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    if (now - this.lastBackoffStart > REFLECTOR_BACKOFF.resetMs) this.backoffMs = REFLECTOR_BACKOFF.initialMs;
    this.lastBackoffStart = now;
    let d = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * REFLECTOR_BACKOFF.factor, REFLECTOR_BACKOFF.maxMs);
    if (this.opts.rng) d = d + this.opts.rng.next() * REFLECTOR_BACKOFF.jitter * d;
    this.cycleTimer = this.clock.setTimeout(() => {
      this.cycleTimer = undefined;
      void this.listAndWatch();
    }, d);
  }

  private scheduleResync(period: number): void {
    this.resyncTimer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      if (this.synced) for (const o of this.indexer.list()) this.notify((h) => h.onUpdate?.(o, o, undefined));
      this.scheduleResync(period);
    }, period);
  }

  private notify(fn: (h: ResourceEventHandler<T>) => void): void {
    for (const h of [...this.handlers]) this.safe(() => fn(h));
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.report(
        `event handler of ${this.describe()} failed: ${e instanceof Error ? e.message : String(e)}`,
        e,
      );
    }
  }

  private report(msg: string, err?: unknown): void {
    this.opts.onError?.(msg, err);
  }

  private describe(): string {
    const i = this.client.info;
    return `*${i.group ? `${i.group}/` : ''}${i.version}.${i.kind || i.resource}`;
  }
}

/** A variant of an informer: namespace / selectors (a different watch), plus per-variant settings. */
export interface InformerVariant<T> {
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
  /** Overrides the factory's default resync period. */
  resyncPeriodMs?: number;
  /** Indexes to add (only before the informer starts). */
  indexers?: Indexers<T>;
}

/** Options of a factory. */
export interface FactoryOptions {
  clock: Clock;
  rng?: Rng;
  /** Default resync period in ms (0: never). */
  defaultResyncMs?: number;
  /** Restrict every informer to one namespace (`WithNamespace`). */
  namespace?: string;
  freeze?: FreezeMode;
  onError?: (message: string, err?: unknown) => void;
}

/** Shares one informer per resource and variant (client-go `SharedInformerFactory`). */
export class SharedInformerFactory {
  private informers = new Map<string, SharedInformer<ApiObject>>();

  constructor(
    /** The clientset the informers use. */
    public readonly clientset: Clientset,
    private readonly opts: FactoryOptions,
  ) {}

  /** The shared informer for `client`'s resource (and variant), created on first use. */
  informerFor<T extends ApiObject>(
    client: ResourceClient<T>,
    variant: InformerVariant<T> = {},
  ): SharedInformer<T> {
    const ns = variant.namespace ?? this.opts.namespace;
    const i = client.info;
    const key = `${i.group}/${i.version}/${i.resource}|ns=${ns ?? ''}|fs=${variant.fieldSelector ?? ''}|ls=${variant.labelSelector ?? ''}`;
    let inf = this.informers.get(key) as unknown as SharedInformer<T> | undefined;
    if (!inf) {
      inf = new SharedInformer<T>(client, {
        clock: this.opts.clock,
        rng: this.opts.rng?.fork(key),
        namespace: i.namespaced ? ns : undefined,
        fieldSelector: variant.fieldSelector,
        labelSelector: variant.labelSelector,
        resyncPeriodMs: variant.resyncPeriodMs ?? this.opts.defaultResyncMs,
        indexers: variant.indexers,
        freeze: this.opts.freeze,
        onError: this.opts.onError,
      });
      this.informers.set(key, inf as unknown as SharedInformer<ApiObject>);
    } else if (variant.indexers) {
      const missing = Object.fromEntries(
        Object.entries(variant.indexers).filter(([n]) => !inf!.indexer.getIndexers().includes(n)),
      );
      if (Object.keys(missing).length) inf.addIndexers(missing);
    }
    return inf;
  }

  /** The shared informer for `group`/`resource` (see `Clientset.resource`). */
  forResource<T extends ApiObject = ApiObject>(
    group: string,
    version: string | undefined,
    resource: string,
    variant?: InformerVariant<T>,
  ): SharedInformer<T> {
    return this.informerFor(this.clientset.resource<T>(group, version, resource), variant);
  }

  /** Starts every informer requested so far that is not running yet. */
  start(): void {
    for (const inf of this.informers.values()) inf.run();
  }

  /** Resolves true when every started informer has synced (false if one stopped first). */
  async waitForCacheSync(): Promise<boolean> {
    const rs = await Promise.all(
      [...this.informers.values()].filter((i) => i.isRunning()).map((i) => i.waitForSync()),
    );
    return rs.every(Boolean);
  }

  /** Stops every informer. */
  shutdown(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}
