/**
 * The etcd v3 data model as KubeLab's store exposes it (mirrors etcd's mvccpb.KeyValue, RangeRequest,
 * TxnRequest, WatchRequest and lease API, simplified to what kube-apiserver uses).
 */

/** A key's value at one revision (etcd `mvccpb.KeyValue`). */
export interface KeyValue {
  key: string;
  /** The stored bytes, as text (the apiserver stores JSON). */
  value: string;
  /** Revision of the last creation of this key. */
  createRevision: number;
  /** Revision of the last modification of this key. */
  modRevision: number;
  /** 1 on create, +1 per change; reset by a delete. */
  version: number;
  /** Lease id attached to the key, 0 for none. */
  lease: number;
}

/** One change, as a watch delivers it. */
export interface KvEvent {
  type: 'PUT' | 'DELETE';
  /** For PUT the new value; for DELETE a tombstone with the key and `modRevision` = the delete revision. */
  kv: KeyValue;
  /** The value before this change, when the watch asked for it (`prevKv`). */
  prevKv?: KeyValue;
  /** Trace id of the request that caused the change (KubeLab addition). */
  cause?: string;
}

/** Options of a range read. */
export interface RangeOptions {
  /** Read every key with this prefix instead of only `key`. */
  prefix?: boolean;
  /** Read at this past revision (0 or absent: current). Fails with a compacted error below the compaction point. */
  revision?: number;
  /** At most this many keys (0: no limit). `more` tells whether more were left. */
  limit?: number;
  /** Only count matching keys. */
  countOnly?: boolean;
  /** Return keys without values. */
  keysOnly?: boolean;
}

/** A range read's answer. */
export interface RangeResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
  /** The store's current revision when the read happened (etcd `header.revision`). */
  revision: number;
}

/** A comparison in a transaction (etcd `Compare`). */
export type Compare =
  | { key: string; target: 'mod'; op: '=' | '!=' | '<' | '>'; value: number }
  | { key: string; target: 'create'; op: '=' | '!=' | '<' | '>'; value: number }
  | { key: string; target: 'version'; op: '=' | '!=' | '<' | '>'; value: number }
  | { key: string; target: 'value'; op: '=' | '!='; value: string };

/** An operation in a transaction branch. */
export type TxnOp =
  | { op: 'put'; key: string; value: string; lease?: number }
  | { op: 'delete'; key: string; prefix?: boolean }
  | { op: 'range'; key: string; options?: RangeOptions };

/** A compare-and-swap transaction (etcd `TxnRequest`). */
export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure: TxnOp[];
  /** Trace id of the request that caused this transaction. */
  cause?: string;
}

/** The per-op answer of a transaction. */
export type TxnOpResult =
  | { op: 'put'; prevKv?: KeyValue }
  | { op: 'delete'; deleted: number; prevKvs: KeyValue[] }
  | { op: 'range'; result: RangeResult };

/** A transaction's answer. `revision` is the store revision after it (unchanged if nothing was written). */
export interface TxnResult {
  succeeded: boolean;
  revision: number;
  results: TxnOpResult[];
}

/** Options of a watch. */
export interface WatchOptions {
  prefix?: boolean;
  /** First revision to deliver (inclusive). 0 or absent: only changes after now. */
  startRevision?: number;
  /** Include the previous value on each event. */
  prevKv?: boolean;
}

/** Why a watch ended. */
export interface WatchEnd {
  /** Set when the watch started below the compaction point: the oldest revision still available - 1. */
  compactRevision?: number;
  /** Any other failure. */
  error?: string;
}

/** A lease (etcd `LeaseGrant`): keys attached to it are deleted when it expires or is revoked. */
export interface LeaseInfo {
  id: number;
  ttl: number;
  /** Cluster-clock time (ms) at which the lease expires. */
  expiresAt: number;
}

/** The store's persistent summary, for status pages and the etcd browser. */
export interface StoreStatus {
  revision: number;
  compactRevision: number;
  keys: number;
  /** Number of key versions held in history (including the current ones). */
  historyEntries: number;
  backend: 'memory' | 'indexeddb';
  /** Approximate bytes of all stored values. */
  dbSize: number;
}

/** A key's full history since the compaction point (for the etcd browser). */
export interface KeyHistory {
  key: string;
  versions: Array<KeyValue & { deleted: boolean }>;
}

/**
 * The store API: what the apiserver (and the etcd browser) call. Every write method resolves only
 * after the write is durable in the backend; failures reject with `EtcdError`.
 */
export interface EtcdApi {
  range(key: string, options?: RangeOptions): Promise<RangeResult>;
  put(key: string, value: string, opts?: { lease?: number; cause?: string }): Promise<TxnResult>;
  delete(key: string, opts?: { prefix?: boolean; cause?: string }): Promise<TxnResult>;
  txn(req: TxnRequest): Promise<TxnResult>;
  /**
   * Streams events for `key` (or the prefix) from `startRevision`. Events of one revision arrive in one
   * batch. Returns a function that cancels the watch. `onEnd` is called once if the store ends it.
   */
  watch(
    key: string,
    options: WatchOptions,
    onEvents: (events: KvEvent[]) => void,
    onEnd?: (end: WatchEnd) => void,
  ): () => void;
  /** Drops history below `revision` (exclusive); reads and watches below it then fail. */
  compact(revision: number): Promise<void>;
  leaseGrant(ttlSeconds: number): Promise<LeaseInfo>;
  leaseRevoke(id: number): Promise<void>;
  leaseKeepAlive(id: number): Promise<LeaseInfo>;
  leases(): Promise<LeaseInfo[]>;
  history(key: string): Promise<KeyHistory>;
  status(): Promise<StoreStatus>;
}

/** Error codes of the store. */
export type EtcdErrorCode =
  | 'compacted'
  | 'future-revision'
  | 'lease-not-found'
  | 'storage-full'
  | 'storage-blocked'
  | 'storage-version'
  | 'storage-failed'
  | 'closed';

/** An error from the store, with etcd's own message text. */
export class EtcdError extends Error {
  constructor(
    public readonly code: EtcdErrorCode,
    message: string,
    public readonly compactRevision?: number,
  ) {
    super(message);
    this.name = 'EtcdError';
  }
}
