import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock';
import { MemoryBackend } from './memory-backend';
import { MvccStore } from './mvcc-store';
import { EtcdError, type KeyValue, type KvEvent, type WatchEnd } from './types';

function setup() {
  const clock = new VirtualClock();
  const backend = new MemoryBackend();
  const store = new MvccStore({ backend, clock });
  return { clock, backend, store };
}

/** Lets queued microtasks (commits, watch delivery) run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function kv(
  key: string,
  value: string,
  createRevision: number,
  modRevision: number,
  version: number,
  lease = 0,
): KeyValue {
  return { key, value, createRevision, modRevision, version, lease };
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

describe('revisions and versions', () => {
  it('tracks create/mod revision and version through put, update, delete and re-create', async () => {
    const { store } = setup();
    expect((await store.status()).revision).toBe(1);
    const steps: Array<[string, () => Promise<unknown>, KeyValue | undefined, number]> = [
      ['create', () => store.put('/a', 'v1'), kv('/a', 'v1', 2, 2, 1), 2],
      ['update', () => store.put('/a', 'v2'), kv('/a', 'v2', 2, 3, 2), 3],
      ['other key', () => store.put('/b', 'x'), kv('/a', 'v2', 2, 3, 2), 4],
      ['delete', () => store.delete('/a'), undefined, 5],
      ['delete missing: no revision', () => store.delete('/a'), undefined, 5],
      ['re-create', () => store.put('/a', 'v3'), kv('/a', 'v3', 6, 6, 1), 6],
    ];
    for (const [, op, want, rev] of steps) {
      await op();
      const r = await store.range('/a');
      expect(r.kvs).toEqual(want ? [want] : []);
      expect(r.revision).toBe(rev);
    }
  });

  it('returns prevKv from put and delete', async () => {
    const { store } = setup();
    expect(await store.put('/k', 'a')).toEqual({ succeeded: true, revision: 2, results: [{ op: 'put' }] });
    expect(await store.put('/k', 'b')).toEqual({
      succeeded: true,
      revision: 3,
      results: [{ op: 'put', prevKv: kv('/k', 'a', 2, 2, 1) }],
    });
    expect(await store.delete('/k')).toEqual({
      succeeded: true,
      revision: 4,
      results: [{ op: 'delete', deleted: 1, prevKvs: [kv('/k', 'b', 2, 3, 2)] }],
    });
  });

  it('gives every op of one txn the same revision', async () => {
    const { store } = setup();
    const r = await store.txn({
      compare: [],
      success: [
        { op: 'put', key: '/x', value: '1' },
        { op: 'put', key: '/y', value: '2' },
        { op: 'range', key: '/x' },
      ],
      failure: [],
    });
    expect(r.revision).toBe(2);
    expect(r.results[2]).toEqual({
      op: 'range',
      result: { kvs: [kv('/x', '1', 2, 2, 1)], count: 1, more: false, revision: 2 },
    });
    expect((await store.range('/', { prefix: true })).kvs).toEqual([
      kv('/x', '1', 2, 2, 1),
      kv('/y', '2', 2, 2, 1),
    ]);
  });

  it('does not bump the revision for a txn that writes nothing', async () => {
    const { store } = setup();
    await store.put('/a', '1');
    const r = await store.txn({ compare: [], success: [{ op: 'range', key: '/a' }], failure: [] });
    expect(r.revision).toBe(2);
    expect((await store.status()).revision).toBe(2);
  });
});

describe('range', () => {
  async function filled() {
    const s = setup();
    for (const k of ['/r/c', '/r/a', '/r/b', '/q/z', '/s/a']) await s.store.put(k, `v${k}`);
    return s;
  }

  it.each([
    ['prefix sorted by key', '/r/', {}, ['/r/a', '/r/b', '/r/c'], 3, false],
    ['limit', '/r/', { limit: 2 }, ['/r/a', '/r/b'], 3, true],
    ['limit equal to count', '/r/', { limit: 3 }, ['/r/a', '/r/b', '/r/c'], 3, false],
    ['countOnly', '/r/', { countOnly: true }, [], 3, false],
    ['everything', '', {}, ['/q/z', '/r/a', '/r/b', '/r/c', '/s/a'], 5, false],
    ['no match', '/t/', {}, [], 0, false],
  ])('%s', async (_n, key, opts, keys, count, more) => {
    const { store } = await filled();
    const r = await store.range(key, { prefix: true, ...opts });
    expect(r.kvs.map((k) => k.key)).toEqual(keys);
    expect(r.count).toBe(count);
    expect(r.more).toBe(more);
  });

  it('keysOnly leaves values out', async () => {
    const { store } = await filled();
    const r = await store.range('/r/a', { keysOnly: true });
    expect(r.kvs).toEqual([kv('/r/a', '', 3, 3, 1)]);
  });

  it('reads at past revisions', async () => {
    const { store } = setup();
    await store.put('/p/a', '1'); // 2
    await store.put('/p/b', '1'); // 3
    await store.put('/p/a', '2'); // 4
    await store.delete('/p/b'); // 5
    const at = async (revision: number) =>
      (await store.range('/p/', { prefix: true, revision })).kvs.map(
        (k) => `${k.key}=${k.value}@${k.modRevision}`,
      );
    expect(await at(1)).toEqual([]);
    expect(await at(2)).toEqual(['/p/a=1@2']);
    expect(await at(3)).toEqual(['/p/a=1@2', '/p/b=1@3']);
    expect(await at(4)).toEqual(['/p/a=2@4', '/p/b=1@3']);
    expect(await at(5)).toEqual(['/p/a=2@4']);
    const e = await caught(store.range('/p/', { prefix: true, revision: 6 }));
    expect([e.code, e.message]).toEqual(['future-revision', 'mvcc: required revision is a future revision']);
  });

  it('keeps 100k keys sorted and ranges a prefix quickly', async () => {
    const { store } = setup();
    const n = 100_000;
    const ps: Promise<unknown>[] = [];
    // Insert in a scrambled order.
    for (let i = 0; i < n; i++) {
      const j = (i * 7919) % n;
      ps.push(store.put(`/registry/pods/ns${j % 10}/p${String(j).padStart(6, '0')}`, 'x'));
    }
    await Promise.all(ps);
    const t0 = performance.now();
    const r = await store.range('/registry/pods/ns3/', { prefix: true });
    const ms = performance.now() - t0;
    expect(r.count).toBe(10_000);
    const keys = r.kvs.map((k) => k.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]).toBe('/registry/pods/ns3/p000003');
    expect(ms).toBeLessThan(200);
    expect((await store.status()).keys).toBe(n);
  });
});

describe('history and compaction', () => {
  async function withHistory() {
    const s = setup();
    await s.store.put('/h/a', '1'); // 2
    await s.store.put('/h/a', '2'); // 3
    await s.store.put('/h/b', '1'); // 4
    await s.store.delete('/h/b'); // 5
    await s.store.put('/h/a', '3'); // 6
    await s.store.put('/h/c', '1'); // 7
    return s;
  }

  it('history lists every version with tombstones', async () => {
    const { store } = await withHistory();
    expect(await store.history('/h/b')).toEqual({
      key: '/h/b',
      versions: [
        { ...kv('/h/b', '1', 4, 4, 1), deleted: false },
        { ...kv('/h/b', '', 0, 5, 0), deleted: true },
      ],
    });
  });

  it('compaction keeps the latest version at or below the revision of each live key', async () => {
    const { store, backend } = await withHistory();
    expect((await store.status()).historyEntries).toBe(6);
    await store.compact(5);
    expect((await store.history('/h/a')).versions.map((v) => v.modRevision)).toEqual([3, 6]);
    expect((await store.history('/h/b')).versions).toEqual([]);
    expect((await store.history('/h/c')).versions.map((v) => v.modRevision)).toEqual([7]);
    const st = await store.status();
    expect([st.revision, st.compactRevision, st.keys, st.historyEntries]).toEqual([7, 5, 2, 3]);
    // Reading at the compaction point still works; below it fails with etcd's error.
    expect((await store.range('/h/', { prefix: true, revision: 5 })).kvs).toEqual([kv('/h/a', '2', 2, 3, 2)]);
    const e = await caught(store.range('/h/a', { revision: 4 }));
    expect([e.code, e.message, e.compactRevision]).toEqual([
      'compacted',
      'mvcc: required revision has been compacted',
      5,
    ]);
    // The backend dropped the same entries.
    const loaded = await backend.load();
    expect(loaded.entries.map((x) => x.modRevision)).toEqual([3, 6, 7]);
    expect(loaded.compactRevision).toBe(5);
  });

  it.each([
    ['at the compaction point', 5, 'compacted', 'mvcc: required revision has been compacted'],
    ['below it', 3, 'compacted', 'mvcc: required revision has been compacted'],
    ['in the future', 8, 'future-revision', 'mvcc: required revision is a future revision'],
  ])('refuses to compact %s', async (_n, rev, code, message) => {
    const { store } = await withHistory();
    await store.compact(5);
    const e = await caught(store.compact(rev));
    expect([e.code, e.message]).toEqual([code, message]);
  });

  it('reopening a backend gives the same keys, revisions and compaction point', async () => {
    const { store, backend, clock } = await withHistory();
    await store.compact(4);
    const again = await MvccStore.open({ backend, clock });
    expect(await again.range('', { prefix: true })).toEqual(await store.range('', { prefix: true }));
    expect(await again.status()).toEqual(await store.status());
    expect(await again.history('/h/a')).toEqual(await store.history('/h/a'));
  });
});

describe('transactions', () => {
  it.each([
    ['mod = current', { key: '/c', target: 'mod', op: '=', value: 2 } as const, true],
    ['mod = stale', { key: '/c', target: 'mod', op: '=', value: 1 } as const, false],
    ['mod > 1', { key: '/c', target: 'mod', op: '>', value: 1 } as const, true],
    ['create = 2', { key: '/c', target: 'create', op: '=', value: 2 } as const, true],
    ['version < 2', { key: '/c', target: 'version', op: '<', value: 2 } as const, true],
    ['version != 1', { key: '/c', target: 'version', op: '!=', value: 1 } as const, false],
    ['value = a', { key: '/c', target: 'value', op: '=', value: 'a' } as const, true],
    ['value != a', { key: '/c', target: 'value', op: '!=', value: 'a' } as const, false],
    ['missing key: mod = 0', { key: '/none', target: 'mod', op: '=', value: 0 } as const, true],
    ['missing key: create = 0', { key: '/none', target: 'create', op: '=', value: 0 } as const, true],
    ['missing key: version > 0', { key: '/none', target: 'version', op: '>', value: 0 } as const, false],
    [
      'missing key: value = "" fails (as etcd)',
      { key: '/none', target: 'value', op: '=', value: '' } as const,
      false,
    ],
    [
      'missing key: value != "x" fails (as etcd)',
      { key: '/none', target: 'value', op: '!=', value: 'x' } as const,
      false,
    ],
  ])('compare %s', async (_n, compare, want) => {
    const { store } = setup();
    await store.put('/c', 'a');
    const r = await store.txn({
      compare: [compare],
      success: [{ op: 'put', key: '/won', value: 'yes' }],
      failure: [{ op: 'range', key: '/c' }],
    });
    expect(r.succeeded).toBe(want);
    expect(r.revision).toBe(want ? 3 : 2);
    expect((await store.range('/won')).count).toBe(want ? 1 : 0);
  });

  it('implements create-if-absent and compare-and-swap as the apiserver uses them', async () => {
    const { store } = setup();
    const create = () =>
      store.txn({
        compare: [{ key: '/registry/pods/default/p', target: 'mod', op: '=', value: 0 }],
        success: [{ op: 'put', key: '/registry/pods/default/p', value: 'v1' }],
        failure: [{ op: 'range', key: '/registry/pods/default/p' }],
      });
    expect((await create()).succeeded).toBe(true);
    expect((await create()).succeeded).toBe(false);
    const cas = (rev: number, value: string) =>
      store.txn({
        compare: [{ key: '/registry/pods/default/p', target: 'mod', op: '=', value: rev }],
        success: [{ op: 'put', key: '/registry/pods/default/p', value }],
        failure: [],
      });
    expect((await cas(2, 'v2')).succeeded).toBe(true);
    expect((await cas(2, 'v3')).succeeded).toBe(false);
    expect((await store.range('/registry/pods/default/p')).kvs[0].value).toBe('v2');
  });

  it('deletes a prefix in one revision', async () => {
    const { store } = setup();
    for (const k of ['/d/a', '/d/b', '/e/a']) await store.put(k, '1');
    const r = await store.delete('/d/', { prefix: true });
    expect(r.revision).toBe(5);
    expect(r.results).toEqual([
      { op: 'delete', deleted: 2, prevKvs: [kv('/d/a', '1', 2, 2, 1), kv('/d/b', '1', 3, 3, 1)] },
    ]);
    expect((await store.range('', { prefix: true })).kvs.map((k) => k.key)).toEqual(['/e/a']);
  });
});

describe('watch', () => {
  function collect() {
    const batches: KvEvent[][] = [];
    const ends: WatchEnd[] = [];
    return {
      batches,
      ends,
      onEvents: (e: KvEvent[]) => batches.push(e),
      onEnd: (e: WatchEnd) => ends.push(e),
    };
  }
  const brief = (batches: KvEvent[][]) =>
    batches.map((b) =>
      b.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}${e.prevKv ? ` prev=${e.prevKv.value}` : ''}`),
    );

  it('replays history from a past revision (inclusive), then follows live changes', async () => {
    const { store } = setup();
    await store.put('/w/a', '1'); // 2
    await store.put('/w/a', '2'); // 3
    await store.put('/x/a', '1'); // 4
    const c = collect();
    store.watch('/w/', { prefix: true, startRevision: 3, prevKv: true }, c.onEvents, c.onEnd);
    await settle();
    expect(brief(c.batches)).toEqual([['PUT /w/a@3 prev=1']]);
    await store.delete('/w/a'); // 5
    await store.put('/w/b', 'n'); // 6
    expect(brief(c.batches)).toEqual([['PUT /w/a@3 prev=1'], ['DELETE /w/a@5 prev=2'], ['PUT /w/b@6']]);
    expect(c.ends).toEqual([]);
  });

  it('from now (no start revision) sees only later changes', async () => {
    const { store } = setup();
    await store.put('/k', '1');
    const c = collect();
    store.watch('/k', {}, c.onEvents);
    await settle();
    await store.put('/k', '2');
    await store.put('/k2', 'other');
    expect(brief(c.batches)).toEqual([['PUT /k@3']]);
    expect(c.batches[0][0].prevKv).toBeUndefined();
  });

  it('delivers the events of one revision together and carries the cause', async () => {
    const { store } = setup();
    const c = collect();
    store.watch('/t/', { prefix: true }, c.onEvents);
    await settle();
    await store.txn({
      compare: [],
      success: [
        { op: 'put', key: '/t/1', value: 'a' },
        { op: 'put', key: '/t/2', value: 'b' },
      ],
      failure: [],
      cause: 'trace-1',
    });
    await store.put('/t/3', 'c', { cause: 'trace-2' });
    expect(brief(c.batches)).toEqual([['PUT /t/1@2', 'PUT /t/2@2'], ['PUT /t/3@3']]);
    expect(c.batches.map((b) => b.map((e) => e.cause))).toEqual([['trace-1', 'trace-1'], ['trace-2']]);
  });

  it('stops after cancel', async () => {
    const { store } = setup();
    const c = collect();
    const cancel = store.watch('/k', {}, c.onEvents);
    await settle();
    await store.put('/k', '1');
    cancel();
    await store.put('/k', '2');
    expect(brief(c.batches)).toEqual([['PUT /k@2']]);
  });

  it('ends a watch from a compacted revision with the compaction revision', async () => {
    const { store } = setup();
    for (let i = 0; i < 5; i++) await store.put('/k', String(i)); // revs 2..6
    await store.compact(4);
    const c = collect();
    store.watch('/k', { startRevision: 3 }, c.onEvents, c.onEnd);
    await settle();
    expect(c.batches).toEqual([]);
    expect(c.ends).toEqual([{ compactRevision: 4 }]);
    const ok = collect();
    store.watch('/k', { startRevision: 4 }, ok.onEvents, ok.onEnd);
    await settle();
    expect(brief(ok.batches)).toEqual([['PUT /k@4'], ['PUT /k@5'], ['PUT /k@6']]);
    expect(ok.ends).toEqual([]);
  });

  it('waits at a future start revision', async () => {
    const { store } = setup();
    const c = collect();
    store.watch('/k', { startRevision: 4 }, c.onEvents);
    await settle();
    for (let i = 0; i < 4; i++) await store.put('/k', String(i)); // revs 2..5
    expect(brief(c.batches)).toEqual([['PUT /k@4'], ['PUT /k@5']]);
  });
});

describe('leases', () => {
  it('expires on the cluster clock and deletes attached keys in one revision', async () => {
    const { store, clock } = setup();
    const t0 = clock.now();
    const lease = await store.leaseGrant(10);
    expect(lease).toEqual({ id: 1, ttl: 10, expiresAt: t0 + 10_000 });
    await store.put('/l/a', '1', { lease: lease.id }); // 2
    await store.put('/l/b', '1', { lease: lease.id }); // 3
    await store.put('/l/c', '1'); // 4
    expect((await store.range('/l/a')).kvs[0].lease).toBe(1);
    const events: KvEvent[][] = [];
    store.watch('/l/', { prefix: true }, (e) => events.push(e));
    await settle();
    clock.jumpTo(t0 + 9_999);
    expect(clock.fireDue()).toBe(0);
    clock.jumpTo(t0 + 10_000);
    expect(clock.fireDue()).toBe(1);
    await settle();
    expect(events.map((b) => b.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`))).toEqual([
      ['DELETE /l/a@5', 'DELETE /l/b@5'],
    ]);
    expect((await store.range('/l/', { prefix: true })).kvs.map((k) => k.key)).toEqual(['/l/c']);
    expect(await store.leases()).toEqual([]);
  });

  it('keepAlive re-arms the expiry', async () => {
    const { store, clock } = setup();
    const t0 = clock.now();
    const { id } = await store.leaseGrant(10);
    await store.put('/k', 'v', { lease: id });
    clock.jumpTo(t0 + 8_000);
    expect(await store.leaseKeepAlive(id)).toEqual({ id, ttl: 10, expiresAt: t0 + 18_000 });
    clock.jumpTo(t0 + 12_000);
    clock.fireDue();
    await settle();
    expect((await store.range('/k')).count).toBe(1);
    clock.jumpTo(t0 + 18_000);
    clock.fireDue();
    await settle();
    expect((await store.range('/k')).count).toBe(0);
  });

  it('revoke deletes keys; a key moved to another lease or deleted is not touched', async () => {
    const { store } = setup();
    const a = await store.leaseGrant(60);
    const b = await store.leaseGrant(60);
    await store.put('/1', 'x', { lease: a.id });
    await store.put('/2', 'x', { lease: a.id });
    await store.put('/2', 'y', { lease: b.id });
    await store.put('/3', 'x', { lease: a.id });
    await store.delete('/3');
    await store.leaseRevoke(a.id);
    expect((await store.range('/', { prefix: true })).kvs.map((k) => `${k.key}=${k.value}`)).toEqual([
      '/2=y',
    ]);
    expect((await store.leases()).map((l) => l.id)).toEqual([b.id]);
  });

  it.each([
    ['put with an unknown lease', (s: MvccStore) => s.put('/k', 'v', { lease: 42 })],
    ['revoke of an unknown lease', (s: MvccStore) => s.leaseRevoke(42)],
    ['keepAlive of an unknown lease', (s: MvccStore) => s.leaseKeepAlive(42)],
  ])("%s fails with etcd's message", async (_n, f) => {
    const { store } = setup();
    const e = await caught(f(store));
    expect([e.code, e.message]).toEqual(['lease-not-found', 'etcdserver: requested lease not found']);
    expect((await store.status()).revision).toBe(1);
  });

  it('raises a TTL below the minimum to 2 s, as etcd', async () => {
    const { store } = setup();
    expect((await store.leaseGrant(1)).ttl).toBe(2);
  });

  it('leases survive a reload with their full TTL', async () => {
    const { store, backend, clock } = setup();
    const { id } = await store.leaseGrant(30);
    await store.put('/k', 'v', { lease: id });
    await store.close();
    const again = await MvccStore.open({ backend, clock });
    expect((await again.leases()).map((l) => [l.id, l.ttl])).toEqual([[id, 30]]);
    clock.jumpTo(clock.now() + 30_000);
    clock.fireDue();
    await settle();
    expect((await again.range('/k')).count).toBe(0);
    expect((await again.leaseGrant(5)).id).toBe(id + 1);
  });
});

describe('performance', () => {
  it('10,000 concurrent puts with the memory backend take well under 100 ms', async () => {
    const value = 'x'.repeat(2000);
    const times: number[] = [];
    // Best of five fresh stores, so a busy test machine does not decide the result.
    for (let round = 0; round < 5; round++) {
      const { store } = setup();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 10_000 }, (_, i) => store.put(`/registry/pods/default/p-${i}`, value)),
      );
      times.push(performance.now() - t0);
      expect((await store.status()).revision).toBe(1 + 10_000);
    }
    expect(Math.min(...times)).toBeLessThan(100);
  });
});

describe('close', () => {
  it('ends watches and refuses later calls', async () => {
    const { store } = setup();
    const ends: WatchEnd[] = [];
    store.watch(
      '/k',
      {},
      () => {},
      (e) => ends.push(e),
    );
    await store.close();
    expect(ends).toEqual([{ error: 'etcdserver: server stopped' }]);
    const e = await caught(store.put('/k', 'v'));
    expect([e.code, e.message]).toEqual(['closed', 'etcdserver: server stopped']);
  });
});
