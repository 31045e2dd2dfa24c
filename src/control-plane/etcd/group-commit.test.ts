import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock';
import { type Backend, type CommitBatch, storageFullMessage } from './backend';
import { benchEtcd } from './bench';
import { MemoryBackend } from './memory-backend';
import { MvccStore } from './mvcc-store';
import { EtcdError, type KvEvent } from './types';

/** A backend whose commits stay in flight until the test releases or fails them. */
class GateBackend implements Backend {
  readonly kind = 'memory' as const;
  readonly inner = new MemoryBackend();
  readonly batches: CommitBatch[] = [];
  private gates: Array<{ ok: () => void; fail: (e: unknown) => void }> = [];
  load() {
    return this.inner.load();
  }
  commit(batch: CommitBatch): Promise<void> {
    this.batches.push(batch);
    return new Promise((resolve, reject) => {
      this.gates.push({ ok: () => this.inner.commit(batch).then(resolve, reject), fail: reject });
    });
  }
  close() {
    return this.inner.close();
  }
  /** Completes the oldest in-flight commit. */
  release(): void {
    this.gates.shift()!.ok();
  }
  /** Fails the oldest in-flight commit. */
  fail(e: unknown): void {
    this.gates.shift()!.fail(e);
  }
  get inFlight(): number {
    return this.gates.length;
  }
}

const settle = () => new Promise<void>((r) => setTimeout(r, 0));

/** Tracks whether a promise has settled, and how. */
function track<T>(p: Promise<T>) {
  const t = { done: false, value: undefined as T | undefined, error: undefined as unknown };
  p.then(
    (v) => {
      t.done = true;
      t.value = v;
    },
    (e) => {
      t.done = true;
      t.error = e;
    },
  );
  return t;
}

async function setup() {
  const backend = new GateBackend();
  const clock = new VirtualClock();
  const store = await MvccStore.open({ backend, clock });
  const events: string[][] = [];
  store.watch('', { prefix: true }, (evs: KvEvent[]) =>
    events.push(evs.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`)),
  );
  await settle();
  return { backend, clock, store, events };
}

describe('group commit', () => {
  it('gathers the writes issued during an in-flight commit into exactly one next commit', async () => {
    const { backend, store, events } = await setup();
    const a = track(store.put('/a', '1'));
    await settle();
    expect(backend.batches.map((b) => b.entries.map((e) => e.key))).toEqual([['/a']]);
    const later = ['/b', '/c', '/d', '/e'].map((k) => track(store.put(k, '1')));
    await settle();
    // Still one commit: the four wait for the first to finish.
    expect(backend.batches.length).toBe(1);
    expect(a.done).toBe(false);
    expect(events).toEqual([]);
    backend.release();
    await settle();
    expect(a.done).toBe(true);
    expect(events).toEqual([['PUT /a@2']]);
    expect(later.map((t) => t.done)).toEqual([false, false, false, false]);
    expect(backend.batches.map((b) => b.entries.map((e) => e.key))).toEqual([
      ['/a'],
      ['/b', '/c', '/d', '/e'],
    ]);
    expect(backend.batches[1].revision).toBe(6);
    backend.release();
    await settle();
    expect(later.map((t) => t.done)).toEqual([true, true, true, true]);
    expect(later.map((t) => t.value!.revision)).toEqual([3, 4, 5, 6]);
    expect(events).toEqual([['PUT /a@2'], ['PUT /b@3'], ['PUT /c@4'], ['PUT /d@5'], ['PUT /e@6']]);
    expect(backend.batches.length).toBe(2);
  });

  it('lets later compares see a write before it is durable', async () => {
    const { backend, store } = await setup();
    const put = track(store.put('/k', 'v'));
    const cas = track(
      store.txn({
        compare: [{ key: '/k', target: 'mod', op: '=', value: 2 }],
        success: [{ op: 'put', key: '/k', value: 'w' }],
        failure: [],
      }),
    );
    expect((await store.range('/k')).kvs[0].value).toBe('w');
    await settle();
    expect([put.done, cas.done]).toEqual([false, false]);
    backend.release();
    await settle();
    expect(cas.value!.succeeded).toBe(true);
    expect(backend.batches.length).toBe(1);
  });

  it('commits once per put when each is awaited (serial)', async () => {
    const backend = new MemoryBackend();
    const store = new MvccStore({ backend, clock: new VirtualClock() });
    for (let i = 0; i < 5; i++) await store.put(`/k${i}`, 'v');
    expect(backend.commits).toBe(5);
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.put(`/j${i}`, 'v')));
    expect(backend.commits).toBe(6);
  });
});

describe('rollback on a failed commit', () => {
  it('undoes the failed batch and every later write, rejects them all, and keeps committed data', async () => {
    const { backend, store, events } = await setup();
    const lease = await (async () => {
      const p = store.leaseGrant(60);
      await settle();
      backend.release();
      return p;
    })();
    const a = store.put('/a', 'committed', { lease: lease.id });
    await settle();
    backend.release();
    await a;
    const before = await store.status();
    expect(before.revision).toBe(2);

    const b = track(store.put('/a', 'lost-1'));
    await settle(); // batch 2 in flight
    const c = track(store.put('/c', 'lost-2'));
    const d = track(store.delete('/a'));
    const g = track(store.leaseGrant(30));
    const r = track(store.leaseRevoke(lease.id));
    expect((await store.range('/a')).count).toBe(0);
    backend.fail(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await settle();

    for (const t of [b, c, d, g, r]) {
      expect(t.error).toBeInstanceOf(EtcdError);
      expect((t.error as EtcdError).code).toBe('storage-full');
      expect((t.error as EtcdError).message).toBe(storageFullMessage);
    }
    expect((await store.range('', { prefix: true })).kvs).toEqual([
      { key: '/a', value: 'committed', createRevision: 2, modRevision: 2, version: 1, lease: lease.id },
    ]);
    expect(await store.status()).toEqual(before);
    expect((await store.leases()).map((l) => l.id)).toEqual([lease.id]);
    expect(events).toEqual([['PUT /a@2']]);
    expect(backend.inFlight).toBe(0);

    // The store goes on: revision 3 is handed out again, the lease still owns /a.
    const e = store.put('/e', 'ok');
    await settle();
    backend.release();
    expect((await e).revision).toBe(3);
    expect(events).toEqual([['PUT /a@2'], ['PUT /e@3']]);
    const rv = store.leaseRevoke(lease.id);
    await settle();
    backend.release();
    await rv;
    expect((await store.range('', { prefix: true })).kvs.map((k) => k.key)).toEqual(['/e']);
    const saved = await backend.inner.load();
    expect(saved.entries.map((x) => `${x.key}@${x.modRevision}${x.tombstone ? ' deleted' : ''}`)).toEqual([
      '/a@2',
      '/e@3',
      '/a@4 deleted',
    ]);
  });

  it.each([
    ['QuotaExceededError', new DOMException('full', 'QuotaExceededError'), 'storage-full'],
    ['any other failure', new DOMException('disk gone', 'UnknownError'), 'storage-failed'],
  ])('maps %s to a clear error', async (_n, err, code) => {
    const { backend, store } = await setup();
    const p = track(store.put('/k', 'v'));
    await settle();
    backend.fail(err);
    await settle();
    expect((p.error as EtcdError).code).toBe(code);
    if (code === 'storage-failed') {
      expect((p.error as EtcdError).message).toBe(
        "etcd: saving to the browser's storage failed (UnknownError: disk gone); this change was not saved (nothing saved before it was lost).",
      );
    }
  });

  it('a memory backend with a byte quota refuses a write that does not fit', async () => {
    const backend = new MemoryBackend({ quotaBytes: 20 });
    const store = new MvccStore({ backend, clock: new VirtualClock() });
    await store.put('/a', '0123456789');
    const e = await store.put('/b', '0123456789').catch((x: EtcdError) => x);
    expect((e as EtcdError).code).toBe('storage-full');
    expect((await store.range('', { prefix: true })).kvs.map((k) => k.key)).toEqual(['/a']);
  });

  it('a watch opened "from now" during a failed write still sees the revisions handed out again', async () => {
    const { backend, store } = await setup();
    const lost = track(store.put('/x', '1'));
    const seen: number[] = [];
    store.watch('/x', {}, (evs) => seen.push(...evs.map((e) => e.kv.modRevision)));
    await settle();
    backend.fail(new Error('boom'));
    await settle();
    expect(lost.error).toBeInstanceOf(EtcdError);
    const ok = store.put('/x', '2');
    await settle();
    backend.release();
    await ok;
    expect(seen).toEqual([2]);
  });
});

describe('benchEtcd', () => {
  it('runs the group and serial puts with the expected number of commits', async () => {
    const r = await benchEtcd(async () => new MemoryBackend(), { n: 300, valueSize: 2048 });
    expect(r.groupCommits).toBe(1);
    expect(r.serialCommits).toBe(300);
    expect(r.groupCommitPutsPerSec).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.groupCommitPutsPerSec / r.serialPutsPerSec, 6);
  });
});
