/**
 * The storage backend under the MVCC store, mirroring etcd's `server/storage/backend` (bbolt): the
 * store keeps everything in memory and hands the backend one batch per commit (etcd's batch tx), so
 * many writes cost one disk transaction. Left out: bbolt's page layout, defragmentation, hash checks.
 */
import { EtcdError } from './types';

/** One stored key revision, as the backend keeps it (etcd's `key` bucket: revision → KeyValue). */
export interface StoredKv {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  /** Position of this change inside its revision (etcd's sub-revision): a txn can change many keys. */
  sub: number;
  version: number;
  lease: number;
  /** True for the mark a delete leaves in history. */
  tombstone: boolean;
}

/** A lease as stored (etcd's `lease` bucket). Remaining time is not stored: a reload grants the full TTL again. */
export interface StoredLease {
  id: number;
  ttl: number;
}

/** Everything a backend holds, as `load()` returns it. */
export interface LoadedState {
  /** Store revision of the last commit (1 for an empty store, as etcd). */
  revision: number;
  /** Revision of the last compaction (0 if none). */
  compactRevision: number;
  /** Every stored key revision, in (modRevision, sub) order. */
  entries: StoredKv[];
  leases: StoredLease[];
  /** Next lease id to hand out. */
  nextLeaseId: number;
}

/** What one backend transaction writes: the writes gathered since the previous commit (group commit). */
export interface CommitBatch {
  /** Store revision after this batch. */
  revision: number;
  /** Compaction point to record. */
  compactRevision: number;
  nextLeaseId: number;
  /** New key revisions, in (modRevision, sub) order. */
  entries: StoredKv[];
  leasePuts: StoredLease[];
  leaseDeletes: number[];
  /** Key revisions superseded by a compaction, as [modRevision, sub]: delete them. */
  compacted: Array<[number, number]>;
}

/**
 * A storage backend. `commit` must be atomic: all of the batch or nothing. It is never called again
 * before the previous call settled.
 */
export interface Backend {
  readonly kind: 'memory' | 'indexeddb';
  /** Opens the storage and returns all it holds. Fails with `storage-*` EtcdErrors. */
  load(): Promise<LoadedState>;
  /** Writes one batch in one transaction; resolves once it is durable. */
  commit(batch: CommitBatch): Promise<void>;
  /** Releases the storage. */
  close(): Promise<void>;
}

/** The state of an empty backend. */
export function emptyState(): LoadedState {
  return { revision: 1, compactRevision: 0, entries: [], leases: [], nextLeaseId: 1 };
}

/** Message of a failed commit because the browser's storage quota is full. */
export const storageFullMessage =
  "etcd: the browser's storage quota is full; this change was not saved (nothing saved before it was lost). " +
  'Free space by deleting objects or reset the cluster.';

/** Message when another tab keeps an older version of the database open. */
export const storageBlockedMessage =
  'etcd: the cluster database is open in another tab running an older KubeLab, so it cannot be upgraded; ' +
  'close the other KubeLab tabs and reload this one. Nothing was changed.';

/** Message when the database was written by a newer KubeLab. */
export function storageVersionMessage(found?: number, ours?: number): string {
  const which =
    found !== undefined && ours !== undefined ? ` (schema ${found}; this version reads schema ${ours})` : '';
  return (
    `etcd: the cluster database was written by a newer KubeLab${which}. ` +
    'It was left untouched: open it with the newer KubeLab, or reset the cluster to start over.'
  );
}

/** Turns any backend failure into an EtcdError a user can understand. */
export function toStorageError(e: unknown): EtcdError {
  if (e instanceof EtcdError) return e;
  const name =
    typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message =
    e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)
      ? String((e as { message: unknown }).message)
      : String(e);
  if (name === 'QuotaExceededError') return new EtcdError('storage-full', storageFullMessage);
  if (name === 'VersionError') return new EtcdError('storage-version', storageVersionMessage());
  return new EtcdError(
    'storage-failed',
    `etcd: saving to the browser's storage failed (${name || 'Error'}: ${message}); this change was not saved ` +
      '(nothing saved before it was lost).',
  );
}
