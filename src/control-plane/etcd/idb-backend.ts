/**
 * The IndexedDB backend (through `idb`), laid out like etcd's bbolt file: a `kv` object store keyed by
 * [modRevision, sub] (etcd's `key` bucket, keyed by revision) holding every key revision, a `meta`
 * store (etcd's `meta` bucket: schema, current and compacted revision) and a `leases` store (etcd's
 * `lease` bucket). Each commit is one readwrite transaction. Left out: bbolt's freelist and
 * defragmentation; the browser manages space.
 */
import { type IDBPDatabase, unwrap, wrap } from 'idb';
import {
  type Backend,
  type CommitBatch,
  type LoadedState,
  type StoredKv,
  type StoredLease,
  emptyState,
  storageBlockedMessage,
  storageVersionMessage,
  toStorageError,
} from './backend';
import { EtcdError } from './types';

/** Schema version this code writes (the IndexedDB database version and `meta.schema`). */
export const idbSchemaVersion = 1;

const KV = 'kv';
const META = 'meta';
const LEASES = 'leases';

/** A key revision as stored in the `kv` store (the revision is the record's key). */
interface KvRecord {
  key: string;
  value: string;
  createRevision: number;
  version: number;
  lease: number;
  tombstone: boolean;
}

/** Options of the IndexedDB backend. */
export interface IdbBackendOptions {
  /** Transaction durability hint ('default' leaves it to the browser). */
  durability?: 'default' | 'strict' | 'relaxed';
  /** Schema version to open with; only tests change it (to play an older/newer KubeLab). */
  schemaVersion?: number;
}

/** Stores the cluster in one IndexedDB database. */
export class IdbBackend implements Backend {
  readonly kind = 'indexeddb' as const;
  private db: IDBPDatabase | undefined;
  private readonly schema: number;

  /** `factory` defaults to the global `indexedDB` (tests pass fake-indexeddb's). */
  constructor(
    private readonly name: string,
    private readonly factory?: IDBFactory,
    private readonly opts: IdbBackendOptions = {},
  ) {
    this.schema = opts.schemaVersion ?? idbSchemaVersion;
  }

  /** Opens (creating or upgrading if needed) and reads the whole database. */
  async load(): Promise<LoadedState> {
    const db = await this.open();
    try {
      const tx = db.transaction([KV, META, LEASES], 'readonly');
      const meta = tx.objectStore(META);
      const [schema, revision, compactRevision, nextLeaseId, keys, values, leases] = await Promise.all([
        meta.get('schema') as Promise<number | undefined>,
        meta.get('revision') as Promise<number | undefined>,
        meta.get('compactRevision') as Promise<number | undefined>,
        meta.get('nextLeaseId') as Promise<number | undefined>,
        tx.objectStore(KV).getAllKeys() as Promise<IDBValidKey[]>,
        tx.objectStore(KV).getAll() as Promise<KvRecord[]>,
        tx.objectStore(LEASES).getAll() as Promise<StoredLease[]>,
      ]);
      await tx.done;
      if (schema !== undefined && schema > this.schema) {
        throw new EtcdError('storage-version', storageVersionMessage(schema, this.schema));
      }
      const entries: StoredKv[] = values.map((v, i) => {
        const [modRevision, sub] = keys[i] as [number, number];
        return {
          key: v.key,
          value: v.value,
          createRevision: v.createRevision,
          modRevision,
          sub,
          version: v.version,
          lease: v.lease,
          tombstone: v.tombstone,
        };
      });
      const empty = emptyState();
      this.db = db;
      return {
        revision: revision ?? empty.revision,
        compactRevision: compactRevision ?? empty.compactRevision,
        entries,
        leases: leases.map((l) => ({ id: l.id, ttl: l.ttl })),
        nextLeaseId: nextLeaseId ?? empty.nextLeaseId,
      };
    } catch (e) {
      db.close();
      throw toStorageError(e);
    }
  }

  private open(): Promise<IDBPDatabase> {
    const factory = this.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) {
      return Promise.reject(
        new EtcdError(
          'storage-failed',
          'etcd: this browser offers no IndexedDB storage, so the cluster cannot be saved.',
        ),
      );
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      let request: IDBOpenDBRequest;
      try {
        request = factory.open(this.name, this.schema);
      } catch (e) {
        reject(toStorageError(e));
        return;
      }
      request.onupgradeneeded = (ev) => {
        if (settled) {
          // We already told the user it was blocked: change nothing.
          request.transaction?.abort();
          return;
        }
        const db = request.result;
        if (ev.oldVersion < 1) {
          db.createObjectStore(KV);
          db.createObjectStore(META);
          db.createObjectStore(LEASES, { keyPath: 'id' });
        }
        request.transaction?.objectStore(META).put(this.schema, 'schema');
      };
      request.onblocked = () => {
        if (settled) return;
        settled = true;
        reject(new EtcdError('storage-blocked', storageBlockedMessage));
      };
      request.onsuccess = () => {
        const db = request.result;
        if (settled) {
          db.close();
          return;
        }
        settled = true;
        resolve(wrap(db));
      };
      request.onerror = (ev) => {
        ev.preventDefault();
        if (settled) return;
        settled = true;
        const err = request.error;
        if (err?.name === 'VersionError') {
          reject(new EtcdError('storage-version', storageVersionMessage()));
        } else {
          reject(toStorageError(err));
        }
      };
    });
  }

  /** Writes one batch in one readwrite transaction. */
  async commit(batch: CommitBatch): Promise<void> {
    const db = this.db;
    if (!db)
      throw new EtcdError('storage-failed', 'etcd: the database is not open; this change was not saved.');
    try {
      const tx = db.transaction([KV, META, LEASES], 'readwrite', {
        durability: this.opts.durability ?? 'default',
      });
      // Plain IDB requests, not awaited one by one (and so no stray rejected promises): any failure
      // aborts the whole transaction and `tx.done` rejects.
      const rawTx = unwrap(tx);
      const raw = (s: string) => rawTx.objectStore(s);
      const kvs = raw(KV);
      for (const [r, s] of batch.compacted) kvs.delete([r, s]);
      for (const e of batch.entries) {
        const rec: KvRecord = {
          key: e.key,
          value: e.value,
          createRevision: e.createRevision,
          version: e.version,
          lease: e.lease,
          tombstone: e.tombstone,
        };
        kvs.put(rec, [e.modRevision, e.sub]);
      }
      const leases = raw(LEASES);
      for (const l of batch.leasePuts) leases.put({ id: l.id, ttl: l.ttl });
      for (const id of batch.leaseDeletes) leases.delete(id);
      const meta = raw(META);
      meta.put(this.schema, 'schema');
      meta.put(batch.revision, 'revision');
      meta.put(batch.compactRevision, 'compactRevision');
      meta.put(batch.nextLeaseId, 'nextLeaseId');
      await tx.done;
    } catch (e) {
      throw toStorageError(e);
    }
  }

  /** Closes the database connection. */
  close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
    return Promise.resolve();
  }
}
