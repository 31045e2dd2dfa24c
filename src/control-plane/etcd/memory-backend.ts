/**
 * An in-memory backend, for tests and the headless CLI (etcd's tests use an in-memory bbolt the same
 * way). Commits resolve on the next microtask and nothing uses timers, so runs are deterministic.
 * A byte quota can be set to play a full disk.
 */
import type { Backend, CommitBatch, LoadedState, StoredKv, StoredLease } from './backend';
import { EtcdError } from './types';

/** Options of the memory backend. */
export interface MemoryBackendOptions {
  /** Fail commits with a QuotaExceededError once stored keys + values would pass this many bytes. */
  quotaBytes?: number;
}

/** Keeps committed batches in plain arrays; a new store opened on the same instance sees them (a "reload"). */
export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  /** Number of successful commits (for tests and the bench). */
  commits = 0;
  private entries: StoredKv[] = [];
  private leases = new Map<number, StoredLease>();
  private revision = 1;
  private compactRevision = 0;
  private nextLeaseId = 1;
  private bytes = 0;
  private closed = false;

  constructor(private readonly opts: MemoryBackendOptions = {}) {}

  load(): Promise<LoadedState> {
    this.closed = false;
    return Promise.resolve({
      revision: this.revision,
      compactRevision: this.compactRevision,
      entries: this.entries.slice(),
      leases: [...this.leases.values()].map((l) => ({ ...l })),
      nextLeaseId: this.nextLeaseId,
    });
  }

  commit(batch: CommitBatch): Promise<void> {
    if (this.closed) return Promise.reject(new EtcdError('closed', 'etcdserver: server stopped'));
    let added = 0;
    for (const e of batch.entries) added += e.key.length + e.value.length;
    if (this.opts.quotaBytes !== undefined && this.bytes + added > this.opts.quotaBytes) {
      return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    }
    if (batch.compacted.length) {
      const drop = new Set(batch.compacted.map(([r, s]) => `${r}/${s}`));
      this.entries = this.entries.filter((e) => {
        if (!drop.has(`${e.modRevision}/${e.sub}`)) return true;
        this.bytes -= e.key.length + e.value.length;
        return false;
      });
    }
    for (const e of batch.entries) this.entries.push(e);
    this.bytes += added;
    for (const l of batch.leasePuts) this.leases.set(l.id, { ...l });
    for (const id of batch.leaseDeletes) this.leases.delete(id);
    this.revision = batch.revision;
    this.compactRevision = batch.compactRevision;
    this.nextLeaseId = batch.nextLeaseId;
    this.commits++;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
