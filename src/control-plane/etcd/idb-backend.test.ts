import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock';
import { storageBlockedMessage, storageVersionMessage } from './backend';
import { benchEtcd } from './bench';
import { IdbBackend, idbSchemaVersion } from './idb-backend';
import { MvccStore } from './mvcc-store';
import { EtcdError } from './types';

/** Opens the database directly, as another tab or another KubeLab version would. */
function rawOpen(
  factory: IDBFactory,
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? factory.open(name) : factory.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawCount(db: IDBDatabase, store: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).count();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function filledStore(factory: IDBFactory, name: string) {
  const clock = new VirtualClock();
  const store = await MvccStore.open({ backend: new IdbBackend(name, factory), clock });
  const lease = await store.leaseGrant(120);
  await store.put('/registry/pods/default/a', '{"v":1}');
  await store.put('/registry/pods/default/a', '{"v":2}');
  await Promise.all([
    store.put('/registry/pods/default/b', '{"v":1}', { lease: lease.id }),
    store.put('/registry/pods/kube-system/c', '{"v":1}'),
  ]);
  await store.delete('/registry/pods/kube-system/c');
  await store.txn({
    compare: [],
    success: [
      { op: 'put', key: '/registry/nodes/n1', value: 'n' },
      { op: 'put', key: '/registry/nodes/n2', value: 'n' },
    ],
    failure: [],
  });
  return { store, clock, lease };
}

async function caught(p: Promise<unknown>): Promise<EtcdError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EtcdError) return e;
    throw e;
  }
  throw new Error('expected an EtcdError');
}

describe('IndexedDB backend', () => {
  it('reopening gives the same keys, values, revisions, history and leases', async () => {
    const factory = new IDBFactory();
    const { store, clock, lease } = await filledStore(factory, 'etcd');
    const all = await store.range('', { prefix: true });
    const status = await store.status();
    const history = await store.history('/registry/pods/default/a');
    const atFour = await store.range('', { prefix: true, revision: 4 });
    await store.close();

    const again = await MvccStore.open({ backend: new IdbBackend('etcd', factory), clock });
    expect(await again.range('', { prefix: true })).toEqual(all);
    expect(await again.status()).toEqual(status);
    expect(status).toMatchObject({ revision: 7, keys: 4, historyEntries: 7, backend: 'indexeddb' });
    expect(await again.history('/registry/pods/default/a')).toEqual(history);
    expect(await again.range('', { prefix: true, revision: 4 })).toEqual({ ...atFour, revision: 7 });
    expect(atFour.kvs.map((k) => k.key)).toEqual(['/registry/pods/default/a', '/registry/pods/default/b']);
    expect((await again.leases()).map((l) => [l.id, l.ttl])).toEqual([[lease.id, 120]]);
    // The next revision and lease id continue where they stopped.
    expect((await again.put('/x', 'y')).revision).toBe(8);
    expect((await again.leaseGrant(60)).id).toBe(lease.id + 1);
    await again.close();
  });

  it('compaction deletes superseded entries and survives a reopen', async () => {
    const factory = new IDBFactory();
    const { store, clock } = await filledStore(factory, 'etcd');
    await store.compact(6);
    const status = await store.status();
    const all = await store.range('', { prefix: true });
    await store.close();
    const db = await rawOpen(factory, 'etcd');
    // Left: a@3, b@4, n1@7, n2@7 (a@2 superseded, c deleted at 6).
    expect(await rawCount(db, 'kv')).toBe(4);
    db.close();
    const again = await MvccStore.open({ backend: new IdbBackend('etcd', factory), clock });
    expect(await again.status()).toEqual(status);
    expect(status).toMatchObject({ revision: 7, compactRevision: 6, historyEntries: 4 });
    expect(await again.range('', { prefix: true })).toEqual(all);
    const e = await caught(again.range('', { prefix: true, revision: 5 }));
    expect([e.code, e.compactRevision]).toEqual(['compacted', 6]);
    await again.close();
  });

  it('refuses a database of a newer IndexedDB version and leaves it intact', async () => {
    const factory = new IDBFactory();
    const { store } = await filledStore(factory, 'etcd');
    await store.close();
    // A newer KubeLab upgraded the database to version 2.
    const newer = await rawOpen(factory, 'etcd', idbSchemaVersion + 1);
    newer.close();
    const e = await caught(
      MvccStore.open({ backend: new IdbBackend('etcd', factory), clock: new VirtualClock() }),
    );
    expect([e.code, e.message]).toEqual(['storage-version', storageVersionMessage()]);
    const db = await rawOpen(factory, 'etcd');
    expect(db.version).toBe(idbSchemaVersion + 1);
    expect(await rawCount(db, 'kv')).toBe(7);
    db.close();
  });

  it('refuses a database whose meta schema is newer and leaves it intact', async () => {
    const factory = new IDBFactory();
    const { store } = await filledStore(factory, 'etcd');
    await store.close();
    const db = await rawOpen(factory, 'etcd');
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put(7, 'schema');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const e = await caught(
      MvccStore.open({ backend: new IdbBackend('etcd', factory), clock: new VirtualClock() }),
    );
    expect([e.code, e.message]).toEqual(['storage-version', storageVersionMessage(7, idbSchemaVersion)]);
    const after = await rawOpen(factory, 'etcd');
    expect(await rawCount(after, 'kv')).toBe(7);
    after.close();
  });

  it('reports a blocked upgrade and then changes nothing', async () => {
    const factory = new IDBFactory();
    const { store } = await filledStore(factory, 'etcd');
    await store.close();
    // Another tab, with today's schema, keeps the database open and does not give way.
    const other = await rawOpen(factory, 'etcd');
    const e = await caught(new IdbBackend('etcd', factory, { schemaVersion: idbSchemaVersion + 1 }).load());
    expect([e.code, e.message]).toEqual(['storage-blocked', storageBlockedMessage]);
    other.close();
    await new Promise((r) => setTimeout(r, 20));
    const db = await rawOpen(factory, 'etcd');
    expect(db.version).toBe(idbSchemaVersion);
    expect(await rawCount(db, 'kv')).toBe(7);
    db.close();
  });

  it('group commit needs far fewer IndexedDB transactions than serial puts', async () => {
    const factory = new IDBFactory();
    let n = 0;
    const r = await benchEtcd(async () => new IdbBackend(`bench-${n++}`, factory), {
      n: 200,
      valueSize: 2048,
    });
    expect(r.groupCommits).toBe(1);
    expect(r.serialCommits).toBe(200);
    // The throughput ratio is a benchmark figure (npm run bench), not asserted: timing on a shared machine is noise.
  });
});
