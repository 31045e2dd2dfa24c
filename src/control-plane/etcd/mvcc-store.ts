/**
 * The MVCC key-value store, mirroring etcd's `server/storage/mvcc` (kvstore, keyIndex, watchableStore),
 * `server/lease` (lessor) and the backend's batched commits. One cluster-wide revision, +1 per write
 * transaction; every key keeps its versions since the last compaction; watches replay history then
 * follow live changes. Writes are applied in memory at once and acknowledged (and shown to watches)
 * only once the backend transaction holding them is durable; writes that arrive meanwhile are
 * gathered into the next single commit. Left out: raft, multi-member clusters, auth, range_end other
 * than a prefix, sort orders, lease checkpoints, defragmentation and the hash checker.
 */
import type { Clock, TimerId } from '../../runtime/clock';
import { SortedKeys } from './sorted-keys';
import {
  type Backend,
  type CommitBatch,
  type LoadedState,
  type StoredKv,
  type StoredLease,
  toStorageError,
} from './backend';
import {
  type Compare,
  type EtcdApi,
  EtcdError,
  type KeyHistory,
  type KeyValue,
  type KvEvent,
  type LeaseInfo,
  type RangeOptions,
  type RangeResult,
  type StoreStatus,
  type TxnOp,
  type TxnOpResult,
  type TxnRequest,
  type TxnResult,
  type WatchEnd,
  type WatchOptions,
} from './types';

/** etcd's message when a revision below the compaction point is asked for. */
export const compactedMessage = 'mvcc: required revision has been compacted';
/** etcd's message when a revision after the current one is asked for. */
export const futureRevisionMessage = 'mvcc: required revision is a future revision';
/** etcd's message for an unknown lease. */
export const leaseNotFoundMessage = 'etcdserver: requested lease not found';
/** etcd's message once the server stopped. */
export const stoppedMessage = 'etcdserver: server stopped';
/**
 * Smallest lease TTL in seconds. etcd raises shorter TTLs to 1.5 election timeouts rounded up:
 * (3 × 10 ticks / 2) × 100 ms = 1.5 s → 2 s with the default flags.
 */
export const minLeaseTtlSeconds = 2;

/** Options of the store. */
export interface MvccStoreOptions {
  backend: Backend;
  clock: Clock;
}

/** A write transaction being applied: its revision and how many changes it made so far. */
interface WriteCtx {
  rev: number;
  sub: number;
  cause: string | undefined;
}

/**
 * Writes gathered for one backend commit. Key changes are not listed here: they are the tail of the
 * revision log after the previous batch. Lease changes are listed, with closures that undo them.
 */
interface Batch {
  leasePuts: Map<number, StoredLease>;
  leaseDeletes: Set<number>;
  compacted: Array<[number, number]>;
  leaseUndo: Array<() => void>;
  resolves: Array<(v: never) => void>;
  values: unknown[];
  rejects: Array<(e: unknown) => void>;
  lastRev: number;
}

interface LeaseState {
  id: number;
  ttl: number;
  expiresAt: number;
  timer: TimerId | undefined;
  keys: Set<string>;
}

interface Watcher {
  key: string;
  prefix: boolean;
  prevKv: boolean;
  nextRev: number;
  onEvents: (events: KvEvent[]) => void;
  onEnd: ((end: WatchEnd) => void) | undefined;
  done: boolean;
}

function toKv(r: StoredKv, keysOnly = false): KeyValue {
  return {
    key: r.key,
    value: keysOnly ? '' : r.value,
    createRevision: r.createRevision,
    modRevision: r.modRevision,
    version: r.version,
    lease: r.lease,
  };
}

function cmp(a: number, op: '=' | '!=' | '<' | '>', b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
  }
}

/** The version of a key visible at `rev` (undefined if absent or deleted then). */
function versionAt(versions: StoredKv[], rev: number): StoredKv | undefined {
  const last = versions[versions.length - 1];
  if (last.modRevision <= rev) return last.tombstone ? undefined : last;
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (versions[mid].modRevision <= rev) lo = mid + 1;
    else hi = mid;
  }
  const r = versions[lo - 1];
  return r && !r.tombstone ? r : undefined;
}

/** The in-memory MVCC store over a durable backend (see the file header). */
export class MvccStore implements EtcdApi {
  private readonly backend: Backend;
  private readonly clock: Clock;
  /** key → versions since the compaction point, oldest first (etcd's keyIndex + key bucket). */
  private keys = new Map<string, StoredKv[]>();
  /** Keys of `keys`, in order (etcd's B-tree index). */
  private index = new SortedKeys();
  /** Changes since the compaction point in (revision, sub) order. */
  private log: StoredKv[] = [];
  /** Trace id of the request behind each log entry. */
  private logCause: Array<string | undefined> = [];
  /** Keys changed since the last compaction (the only ones a compaction must look at). */
  private touched = new Set<string>();
  private rev = 1;
  private committedRev = 1;
  /** Last revision handed to the backend (committed or in flight). */
  private sentRev = 1;
  private compactRev = 0;
  private liveKeys = 0;
  private historyEntries = 0;
  private bytes = 0;
  private leaseMap = new Map<number, LeaseState>();
  private nextLeaseId = 1;
  private watchers = new Set<Watcher>();
  private pending: Batch | null = null;
  private inflight: Batch | null = null;
  private flushQueued = false;
  private revWaiters: Array<() => void> = [];
  private closed = false;

  constructor(opts: MvccStoreOptions) {
    this.backend = opts.backend;
    this.clock = opts.clock;
  }

  /** Opens a store on a backend, rebuilding memory from what it holds. */
  static async open(opts: MvccStoreOptions): Promise<MvccStore> {
    const store = new MvccStore(opts);
    store.restore(await opts.backend.load());
    return store;
  }

  // ---------------------------------------------------------------- reads

  /** Reads one key or a prefix, at the current or a past revision (served from memory). */
  range(key: string, options: RangeOptions = {}): Promise<RangeResult> {
    try {
      this.checkOpen();
      return Promise.resolve(this.rangeNow(key, options));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** A range read; `current` is the revision reads see (inside a txn that wrote: the txn's own). */
  private rangeNow(key: string, o: RangeOptions, current = this.rev): RangeResult {
    const rev = o.revision && o.revision > 0 ? o.revision : current;
    if (rev > current) throw new EtcdError('future-revision', futureRevisionMessage);
    if (rev < this.compactRev) throw new EtcdError('compacted', compactedMessage, this.compactRev);
    const limit = o.limit && o.limit > 0 ? o.limit : Infinity;
    const kvs: KeyValue[] = [];
    let count = 0;
    const visit = (versions: StoredKv[]): void => {
      const r = versionAt(versions, rev);
      if (!r) return;
      count++;
      if (!o.countOnly && kvs.length < limit) kvs.push(toKv(r, o.keysOnly));
    };
    if (o.prefix) {
      this.index.scan(key, (k) => {
        if (!k.startsWith(key)) return false;
        visit(this.keys.get(k)!);
        return true;
      });
    } else {
      const versions = this.keys.get(key);
      if (versions) visit(versions);
    }
    return { kvs, count, more: !o.countOnly && count > kvs.length, revision: current };
  }

  /** The key's full history since the compaction point, tombstones included. */
  history(key: string): Promise<KeyHistory> {
    const versions = this.keys.get(key) ?? [];
    return Promise.resolve({ key, versions: versions.map((r) => ({ ...toKv(r), deleted: r.tombstone })) });
  }

  /** Revision, compaction point and sizes. */
  status(): Promise<StoreStatus> {
    return Promise.resolve({
      revision: this.rev,
      compactRevision: this.compactRev,
      keys: this.liveKeys,
      historyEntries: this.historyEntries,
      backend: this.backend.kind,
      dbSize: this.bytes,
    });
  }

  /** Live leases. */
  leases(): Promise<LeaseInfo[]> {
    return Promise.resolve(
      [...this.leaseMap.values()].map((l) => ({ id: l.id, ttl: l.ttl, expiresAt: l.expiresAt })),
    );
  }

  // ---------------------------------------------------------------- writes

  /** Puts a value (one revision). */
  put(key: string, value: string, opts?: { lease?: number; cause?: string }): Promise<TxnResult> {
    if (this.closed) return Promise.reject(new EtcdError('closed', stoppedMessage));
    const lease = opts?.lease ?? 0;
    if (lease && !this.leaseMap.has(lease))
      return Promise.reject(new EtcdError('lease-not-found', leaseNotFoundMessage));
    const ctx: WriteCtx = { rev: this.rev + 1, sub: 0, cause: opts?.cause };
    const prev = this.putKey(ctx, key, value, lease);
    const result: TxnResult = {
      succeeded: true,
      revision: ctx.rev,
      results: [prev ? { op: 'put', prevKv: toKv(prev) } : { op: 'put' }],
    };
    return this.end(ctx, result);
  }

  /** Deletes a key or a prefix (one revision, none if nothing matched). */
  delete(key: string, opts?: { prefix?: boolean; cause?: string }): Promise<TxnResult> {
    return this.txn({
      compare: [],
      success: [{ op: 'delete', key, prefix: opts?.prefix }],
      failure: [],
      cause: opts?.cause,
    });
  }

  /** Compare-and-swap transaction: all its writes share one revision. */
  txn(req: TxnRequest): Promise<TxnResult> {
    try {
      this.checkOpen();
      const succeeded = req.compare.every((c) => this.compare(c));
      const ops = succeeded ? req.success : req.failure;
      for (const op of ops) {
        if (op.op === 'put' && op.lease && !this.leaseMap.has(op.lease)) {
          throw new EtcdError('lease-not-found', leaseNotFoundMessage);
        }
      }
      const ctx: WriteCtx = { rev: this.rev + 1, sub: 0, cause: req.cause };
      const results: TxnOpResult[] = [];
      for (const op of ops) results.push(this.applyOp(ctx, op));
      return this.end(ctx, { succeeded, revision: ctx.sub ? ctx.rev : this.rev, results });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private compare(c: Compare): boolean {
    const cur = this.current(c.key);
    if (c.target === 'value') {
      // As etcd: a value compare on a missing key always fails (there is no "missing" value).
      if (!cur) return false;
      return c.op === '=' ? cur.value === c.value : cur.value !== c.value;
    }
    const actual = !cur
      ? 0
      : c.target === 'mod'
        ? cur.modRevision
        : c.target === 'create'
          ? cur.createRevision
          : cur.version;
    return cmp(actual, c.op, c.value);
  }

  private applyOp(ctx: WriteCtx, op: TxnOp): TxnOpResult {
    switch (op.op) {
      case 'range':
        // As etcd, a read after a write in the same txn sees that write.
        return { op: 'range', result: this.rangeNow(op.key, op.options ?? {}, ctx.sub ? ctx.rev : this.rev) };
      case 'put': {
        const prev = this.putKey(ctx, op.key, op.value, op.lease ?? 0);
        return prev ? { op: 'put', prevKv: toKv(prev) } : { op: 'put' };
      }
      case 'delete': {
        const targets = op.prefix ? this.liveKeysWithPrefix(op.key) : [op.key];
        const prevKvs: KeyValue[] = [];
        for (const k of targets) {
          const prev = this.deleteKey(ctx, k);
          if (prev) prevKvs.push(toKv(prev));
        }
        return { op: 'delete', deleted: prevKvs.length, prevKvs };
      }
    }
  }

  private liveKeysWithPrefix(prefix: string): string[] {
    return this.index.withPrefix(prefix).filter((k) => this.current(k) !== undefined);
  }

  /** Current live version of a key. */
  private current(key: string): StoredKv | undefined {
    const v = this.keys.get(key);
    const last = v?.[v.length - 1];
    return last && !last.tombstone ? last : undefined;
  }

  private putKey(ctx: WriteCtx, key: string, value: string, lease: number): StoredKv | undefined {
    let versions = this.keys.get(key);
    if (!versions) {
      versions = [];
      this.keys.set(key, versions);
      this.index.add(key);
    }
    const last = versions[versions.length - 1];
    const prev = last && !last.tombstone ? last : undefined;
    const rec: StoredKv = {
      key,
      value,
      createRevision: prev ? prev.createRevision : ctx.rev,
      modRevision: ctx.rev,
      sub: ctx.sub++,
      version: prev ? prev.version + 1 : 1,
      lease,
      tombstone: false,
    };
    this.append(versions, rec, ctx.cause);
    if (!prev) this.liveKeys++;
    this.moveLease(key, prev ? prev.lease : 0, lease);
    return prev;
  }

  private deleteKey(ctx: WriteCtx, key: string): StoredKv | undefined {
    const versions = this.keys.get(key);
    const prev = versions?.[versions.length - 1];
    if (!versions || !prev || prev.tombstone) return undefined;
    const rec: StoredKv = {
      key,
      value: '',
      createRevision: 0,
      modRevision: ctx.rev,
      sub: ctx.sub++,
      version: 0,
      lease: 0,
      tombstone: true,
    };
    this.append(versions, rec, ctx.cause);
    this.liveKeys--;
    this.moveLease(key, prev.lease, 0);
    return prev;
  }

  private append(versions: StoredKv[], rec: StoredKv, cause: string | undefined): void {
    versions.push(rec);
    this.log.push(rec);
    this.logCause.push(cause);
    this.historyEntries++;
    this.bytes += rec.key.length + rec.value.length;
    this.touched.add(rec.key);
  }

  private moveLease(key: string, from: number, to: number): void {
    if (from === to) return;
    if (from) this.leaseMap.get(from)?.keys.delete(key);
    if (to) this.leaseMap.get(to)?.keys.add(key);
  }

  /** Ends a write transaction; resolves with `value` once it is durable (at once if it wrote nothing). */
  private end<T>(ctx: WriteCtx, value: T): Promise<T> {
    if (ctx.sub === 0) return Promise.resolve(value);
    this.rev = ctx.rev;
    return this.durable(value);
  }

  /** Queues everything written so far for the next commit; resolves with `value` once it is durable. */
  private durable<T>(value: T): Promise<T> {
    const b = this.batch();
    b.lastRev = this.rev;
    this.scheduleFlush();
    return new Promise<T>((resolve, reject) => {
      b.resolves.push(resolve as (v: never) => void);
      b.values.push(value);
      b.rejects.push(reject);
    });
  }

  private batch(): Batch {
    return (this.pending ??= {
      leasePuts: new Map(),
      leaseDeletes: new Set(),
      compacted: [],
      leaseUndo: [],
      resolves: [],
      values: [],
      rejects: [],
      lastRev: this.rev,
    });
  }

  // ---------------------------------------------------------------- group commit

  private scheduleFlush(): void {
    if (this.inflight || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  /** Sends the gathered batch as one backend transaction; the next batch gathers meanwhile. */
  private async flush(): Promise<void> {
    const b = this.pending;
    if (!b || this.inflight) return;
    this.pending = null;
    this.inflight = b;
    const from = this.logIndex(this.sentRev + 1);
    const commit: CommitBatch = {
      revision: b.lastRev,
      compactRevision: this.compactRev,
      nextLeaseId: this.nextLeaseId,
      entries: this.log.slice(from),
      leasePuts: [...b.leasePuts.values()],
      leaseDeletes: [...b.leaseDeletes],
      compacted: b.compacted,
    };
    this.sentRev = b.lastRev;
    try {
      await this.backend.commit(commit);
    } catch (e) {
      this.inflight = null;
      this.rollback(b, toStorageError(e));
      return;
    }
    this.inflight = null;
    this.committedRev = b.lastRev;
    for (const w of this.watchers) this.pump(w);
    for (let i = 0; i < b.resolves.length; i++) b.resolves[i](b.values[i] as never);
    this.wakeRevWaiters();
    if (this.pending) this.scheduleFlush();
  }

  /** Undoes every uncommitted write (the failed batch and all gathered after it) and rejects them. */
  private rollback(failed: Batch, err: EtcdError): void {
    const later = this.pending;
    this.pending = null;
    // Lease grants/revokes first (newest first), then key changes from the log's tail.
    if (later) for (let i = later.leaseUndo.length - 1; i >= 0; i--) later.leaseUndo[i]();
    for (let i = failed.leaseUndo.length - 1; i >= 0; i--) failed.leaseUndo[i]();
    const log = this.log;
    while (log.length && log[log.length - 1].modRevision > this.committedRev) {
      this.undoChange(log.pop()!);
      this.logCause.pop();
    }
    const oldRev = this.rev;
    this.rev = this.sentRev = this.committedRev;
    for (const w of this.watchers) {
      if (w.nextRev > this.committedRev + 1 && w.nextRev <= oldRev + 1) w.nextRev = this.committedRev + 1;
    }
    for (const r of failed.rejects) r(err);
    if (later) for (const r of later.rejects) r(err);
    this.wakeRevWaiters();
  }

  /** Removes the newest version of a key (the reverse of `append` plus its bookkeeping). */
  private undoChange(rec: StoredKv): void {
    const versions = this.keys.get(rec.key)!;
    versions.pop();
    const last = versions[versions.length - 1];
    const prev = last && !last.tombstone ? last : undefined;
    if (rec.tombstone) this.liveKeys++;
    else if (!prev) this.liveKeys--;
    this.moveLease(rec.key, rec.lease, prev ? prev.lease : 0);
    if (versions.length === 0) {
      this.keys.delete(rec.key);
      this.index.delete(rec.key);
    }
    this.historyEntries--;
    this.bytes -= rec.key.length + rec.value.length;
  }

  private wakeRevWaiters(): void {
    const ws = this.revWaiters;
    this.revWaiters = [];
    for (const w of ws) w();
  }

  /** Resolves at the next commit or rollback. */
  private nextSettle(): Promise<void> {
    return new Promise((r) => this.revWaiters.push(r));
  }

  /** Index of the first log entry at or after `rev`. */
  private logIndex(rev: number): number {
    const log = this.log;
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (log[mid].modRevision < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---------------------------------------------------------------- watch

  /** Watches a key or prefix from a revision (inclusive); history first, then live changes. */
  watch(
    key: string,
    options: WatchOptions,
    onEvents: (events: KvEvent[]) => void,
    onEnd?: (end: WatchEnd) => void,
  ): () => void {
    const start = options.startRevision && options.startRevision > 0 ? options.startRevision : this.rev + 1;
    const w: Watcher = {
      key,
      prefix: !!options.prefix,
      prevKv: !!options.prevKv,
      nextRev: start,
      onEvents,
      onEnd,
      done: false,
    };
    if (this.closed) {
      w.done = true;
      queueMicrotask(() => onEnd?.({ error: stoppedMessage }));
      return () => {};
    }
    this.watchers.add(w);
    queueMicrotask(() => this.pump(w));
    return () => {
      w.done = true;
      this.watchers.delete(w);
    };
  }

  /** Delivers every committed revision the watcher has not seen, one call per revision. */
  private pump(w: Watcher): void {
    if (w.done) return;
    if (w.nextRev < this.compactRev) {
      this.endWatch(w, { compactRevision: this.compactRev });
      return;
    }
    if (w.nextRev > this.committedRev) return;
    const log = this.log;
    const upTo = this.committedRev;
    let events: KvEvent[] = [];
    let cur = -1;
    for (let i = this.logIndex(w.nextRev); i < log.length; i++) {
      const rec = log[i];
      const r = rec.modRevision;
      if (r > upTo) break;
      if (r !== cur) {
        if (events.length) {
          w.nextRev = cur + 1;
          this.emit(w, events);
          if (w.done) return;
          events = [];
        }
        cur = r;
      }
      const k = rec.key;
      if (w.prefix ? k.startsWith(w.key) : k === w.key)
        events.push(this.toEvent(rec, this.logCause[i], w.prevKv));
    }
    w.nextRev = upTo + 1;
    if (events.length) this.emit(w, events);
  }

  private toEvent(rec: StoredKv, cause: string | undefined, withPrev: boolean): KvEvent {
    const ev: KvEvent = { type: rec.tombstone ? 'DELETE' : 'PUT', kv: toKv(rec) };
    if (withPrev) {
      const prev = this.prevOf(rec);
      if (prev) ev.prevKv = toKv(prev);
    }
    if (cause !== undefined) ev.cause = cause;
    return ev;
  }

  /** The live version a change replaced, if still held (etcd reads it at modRevision - 1). */
  private prevOf(rec: StoredKv): StoredKv | undefined {
    const versions = this.keys.get(rec.key);
    if (!versions) return undefined;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = versions[mid];
      if (v.modRevision < rec.modRevision || (v.modRevision === rec.modRevision && v.sub < rec.sub))
        lo = mid + 1;
      else hi = mid;
    }
    if (versions[lo] !== rec) return undefined;
    const p = versions[lo - 1];
    return p && !p.tombstone ? p : undefined;
  }

  private emit(w: Watcher, events: KvEvent[]): void {
    try {
      w.onEvents(events);
    } catch (err) {
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  private endWatch(w: Watcher, end: WatchEnd): void {
    w.done = true;
    this.watchers.delete(w);
    try {
      w.onEnd?.(end);
    } catch (err) {
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  // ---------------------------------------------------------------- compaction

  /** Drops history below `revision`; keeps each key's latest version at or below it unless deleted. */
  async compact(revision: number): Promise<void> {
    this.checkOpen();
    for (;;) {
      if (revision <= this.compactRev) throw new EtcdError('compacted', compactedMessage, this.compactRev);
      if (revision > this.rev) throw new EtcdError('future-revision', futureRevisionMessage);
      if (revision <= this.committedRev) break;
      // Only compact durable history, so a rollback can never land below the compaction point.
      await this.nextSettle();
    }
    const dropped = this.compactMemory(revision);
    for (const w of this.watchers) this.pump(w);
    const b = this.batch();
    for (const d of dropped) b.compacted.push(d);
    await this.durable(undefined);
  }

  private compactMemory(rev: number): Array<[number, number]> {
    const dropped: Array<[number, number]> = [];
    for (const key of this.touched) {
      const versions = this.keys.get(key);
      if (!versions) {
        this.touched.delete(key);
        continue;
      }
      let lo = 0;
      let hi = versions.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (versions[mid].modRevision <= rev) lo = mid + 1;
        else hi = mid;
      }
      const idx = lo - 1;
      if (idx < 0) continue;
      const cut = versions[idx].tombstone ? idx + 1 : idx;
      for (let i = 0; i < cut; i++) {
        const r = versions[i];
        dropped.push([r.modRevision, r.sub]);
        this.historyEntries--;
        this.bytes -= r.key.length + r.value.length;
      }
      if (cut > 0) versions.splice(0, cut);
      if (versions.length === 0) {
        this.keys.delete(key);
        this.index.delete(key);
        this.touched.delete(key);
      } else if (versions.length === 1 && versions[0].modRevision <= rev) {
        this.touched.delete(key);
      }
    }
    const from = this.logIndex(rev);
    if (from > 0) {
      this.log = this.log.slice(from);
      this.logCause = this.logCause.slice(from);
    }
    this.compactRev = rev;
    return dropped;
  }

  // ---------------------------------------------------------------- leases

  /** Grants a lease of `ttlSeconds` (raised to etcd's minimum), expiring on the cluster clock. */
  leaseGrant(ttlSeconds: number): Promise<LeaseInfo> {
    if (this.closed) return Promise.reject(new EtcdError('closed', stoppedMessage));
    const ttl = Math.max(minLeaseTtlSeconds, Math.ceil(ttlSeconds));
    const id = this.nextLeaseId++;
    const l: LeaseState = { id, ttl, expiresAt: 0, timer: undefined, keys: new Set() };
    this.leaseMap.set(id, l);
    this.arm(l);
    const b = this.batch();
    b.leasePuts.set(id, { id, ttl });
    b.leaseUndo.push(() => {
      this.disarm(l);
      this.leaseMap.delete(id);
    });
    return this.durable(undefined).then(() => ({ id, ttl, expiresAt: l.expiresAt }));
  }

  /** Revokes a lease: all keys attached to it are deleted in one revision. */
  leaseRevoke(id: number): Promise<void> {
    try {
      this.checkOpen();
      return this.revoke(id);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private revoke(id: number): Promise<void> {
    const l = this.leaseMap.get(id);
    if (!l) throw new EtcdError('lease-not-found', leaseNotFoundMessage);
    const ctx: WriteCtx = { rev: this.rev + 1, sub: 0, cause: undefined };
    for (const key of [...l.keys].sort()) this.deleteKey(ctx, key);
    if (ctx.sub) this.rev = ctx.rev;
    this.disarm(l);
    this.leaseMap.delete(id);
    const b = this.batch();
    if (!b.leasePuts.delete(id)) b.leaseDeletes.add(id);
    b.leaseUndo.push(() => {
      this.leaseMap.set(id, l);
      this.arm(l);
    });
    return this.durable(undefined);
  }

  /** Renews a lease for its full TTL from now. */
  leaseKeepAlive(id: number): Promise<LeaseInfo> {
    if (this.closed) return Promise.reject(new EtcdError('closed', stoppedMessage));
    const l = this.leaseMap.get(id);
    if (!l) return Promise.reject(new EtcdError('lease-not-found', leaseNotFoundMessage));
    this.arm(l);
    return Promise.resolve({ id, ttl: l.ttl, expiresAt: l.expiresAt });
  }

  private arm(l: LeaseState): void {
    this.disarm(l);
    l.expiresAt = this.clock.now() + l.ttl * 1000;
    l.timer = this.clock.setTimeout(() => {
      l.timer = undefined;
      if (this.leaseMap.get(l.id) !== l || this.closed) return;
      // An expired lease is revoked like a LeaseRevoke request; a failed save re-arms it via rollback.
      this.revoke(l.id).catch(() => {});
    }, l.ttl * 1000);
  }

  private disarm(l: LeaseState): void {
    if (l.timer !== undefined) this.clock.clearTimeout(l.timer);
    l.timer = undefined;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Waits for pending writes, stops lease timers, ends watches and closes the backend. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.pending || this.inflight) await this.nextSettle();
    this.closed = true;
    for (const l of this.leaseMap.values()) this.disarm(l);
    for (const w of [...this.watchers]) this.endWatch(w, { error: stoppedMessage });
    await this.backend.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new EtcdError('closed', stoppedMessage);
  }

  /** Rebuilds memory from a loaded backend state (etcd's restore on start). */
  private restore(st: LoadedState): void {
    const entries = st.entries;
    for (let i = 1; i < entries.length; i++) {
      const a = entries[i - 1];
      const b = entries[i];
      if (a.modRevision > b.modRevision || (a.modRevision === b.modRevision && a.sub > b.sub)) {
        entries.sort((x, y) => x.modRevision - y.modRevision || x.sub - y.sub);
        break;
      }
    }
    let maxRev = 1;
    for (const rec of entries) {
      let versions = this.keys.get(rec.key);
      if (!versions) this.keys.set(rec.key, (versions = []));
      versions.push(rec);
      this.historyEntries++;
      this.bytes += rec.key.length + rec.value.length;
      this.touched.add(rec.key);
      if (rec.modRevision > maxRev) maxRev = rec.modRevision;
    }
    this.log = entries;
    this.logCause = new Array<string | undefined>(entries.length).fill(undefined);
    this.rev = this.committedRev = this.sentRev = Math.max(st.revision, maxRev);
    this.nextLeaseId = st.nextLeaseId;
    for (const sl of st.leases) {
      // As etcd on start ("promote"): every lease gets its full TTL again.
      const l: LeaseState = { id: sl.id, ttl: sl.ttl, expiresAt: 0, timer: undefined, keys: new Set() };
      this.leaseMap.set(l.id, l);
      this.nextLeaseId = Math.max(this.nextLeaseId, l.id + 1);
    }
    let dropped: Array<[number, number]> = [];
    if (st.compactRevision > 0) dropped = this.compactMemory(st.compactRevision);
    for (const key of [...this.keys.keys()].sort()) this.index.add(key);
    for (const [key, versions] of this.keys) {
      const last = versions[versions.length - 1];
      if (last.tombstone) continue;
      this.liveKeys++;
      if (last.lease) this.leaseMap.get(last.lease)?.keys.add(key);
    }
    for (const l of this.leaseMap.values()) this.arm(l);
    if (dropped.length) {
      // History a crash left behind the compaction point: clean it up now.
      const b = this.batch();
      for (const d of dropped) b.compacted.push(d);
      this.durable(undefined).catch(() => {});
    }
  }
}
