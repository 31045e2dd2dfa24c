import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { VirtualClock } from '../runtime/clock';
import { failureStatus } from '../api/errors';
import type { KubeObject } from '../api/types';
import { Clientset } from './rest-client';
import {
  SharedInformer,
  SharedInformerFactory,
  isTombstone,
  type DeletedFinalStateUnknown,
} from './informer';
import { FakeTransport } from './testing/fake-transport';
import { advance, flush } from './testing/clock-helpers';

const pod = (name: string, node = '', ns = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec: { nodeName: node || undefined, containers: [{ name: 'c', image: 'nginx' }] },
});

function setup(resyncPeriodMs?: number) {
  const clock = new VirtualClock();
  const t = new FakeTransport();
  const cs = new Clientset(t, { from: 'test' });
  const errors: string[] = [];
  const inf = new SharedInformer<Pod>(cs.pods, { clock, resyncPeriodMs, onError: (m) => errors.push(m) });
  const log: string[] = [];
  inf.addEventHandler({
    onAdd: (o, cause, initial) =>
      log.push(
        `add ${o.metadata!.name} rv=${o.metadata!.resourceVersion}${initial ? ' initial' : ''}${cause ? ` cause=${cause}` : ''}`,
      ),
    onUpdate: (o, n, cause) =>
      log.push(
        `update ${n.metadata!.name} ${o.metadata!.resourceVersion}->${n.metadata!.resourceVersion}${cause ? ` cause=${cause}` : ''}`,
      ),
    onDelete: (o, cause) =>
      log.push(
        isTombstone(o)
          ? `delete-unknown ${(o as DeletedFinalStateUnknown<Pod>).key}`
          : `delete ${(o as Pod).metadata!.name}${cause ? ` cause=${cause}` : ''}`,
      ),
  });
  return { clock, t, cs, inf, log, errors };
}

const watchReqs = (t: FakeTransport) => t.requests.filter((r) => r.query?.watch === 'true');
const listReqs = (t: FakeTransport) =>
  t.requests.filter((r) => r.method === 'GET' && r.query?.watch !== 'true');

describe('SharedInformer', () => {
  it('lists, then watches from the list resourceVersion with bookmarks, and delivers deltas with causes', async () => {
    const { t, cs, inf, log } = setup();
    t.seed(pod('a'));
    t.seed(pod('b'));
    inf.run();
    expect(await inf.waitForSync()).toBe(true);
    expect(inf.hasSynced()).toBe(true);
    expect(listReqs(t).map((r) => r.query)).toEqual([{ resourceVersion: '0', limit: '500' }]);
    expect(watchReqs(t).map((r) => r.query)).toEqual([
      { resourceVersion: '2', timeoutSeconds: '300', watch: 'true', allowWatchBookmarks: 'true' },
    ]);
    await cs.pods.create('default', pod('c') as Pod, { cause: 'kubectl-1' });
    const b = await cs.pods.get('default', 'b');
    await cs.pods.update({ ...b, metadata: { ...b.metadata, labels: { x: 'y' } } }, { cause: 'u-2' });
    await cs.pods.delete('default', 'a', { cause: 'd-3' });
    await flush();
    expect(log).toEqual([
      'add a rv=1 initial',
      'add b rv=2 initial',
      'add c rv=3 cause=kubectl-1',
      'update b 2->4 cause=u-2',
      'delete a cause=d-3',
    ]);
    expect(
      inf
        .lister()
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['b', 'c']);
    expect(inf.lastSyncResourceVersion()).toBe('5');
    inf.stop();
    expect(t.openWatches).toBe(0);
  });

  it('stores frozen objects', async () => {
    const { t, inf } = setup();
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    const p = inf.lister().get('default', 'a')!;
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.spec!.containers)).toBe(true);
    expect(() => {
      (p.metadata as { name: string }).name = 'x';
    }).toThrow(TypeError);
    inf.stop();
  });

  it('re-watches from the last resourceVersion when the watch closes cleanly (no relist)', async () => {
    const { t, clock, cs, inf, log } = setup();
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    await cs.pods.create('default', pod('b') as Pod);
    await advance(clock, 5000);
    t.closeWatches();
    await flush();
    expect(listReqs(t).length).toBe(1);
    expect(watchReqs(t).map((r) => r.query?.resourceVersion)).toEqual(['1', '2']);
    await cs.pods.create('default', pod('c') as Pod);
    await flush();
    expect(log).toEqual(['add a rv=1 initial', 'add b rv=2', 'add c rv=3']);
    inf.stop();
  });

  it('relists after a 410 ERROR event and turns the difference into add / update / delete', async () => {
    const { t, clock, inf, log } = setup();
    t.seed(pod('keep'));
    t.seed(pod('change'));
    t.seed(pod('gone'));
    inf.run();
    await inf.waitForSync();
    // Changes the informer does not see (its stream is stalled), then the watch expires.
    t.dropWatchEvents = true;
    t.mutate('', 'pods', 'default', 'change', (o) => ({
      ...o,
      metadata: { ...o.metadata, labels: { v: '2' } },
    }));
    t.mutate('', 'pods', 'default', 'gone', () => null);
    t.seed(pod('new'));
    t.compact();
    t.expireWatches();
    t.dropWatchEvents = false;
    await flush();
    expect(t.openWatches).toBe(0);
    // the reflector backs off 800 ms before relisting
    await advance(clock, 799);
    expect(listReqs(t).length).toBe(1);
    await advance(clock, 1);
    // the relist from RV 3 is older than the compaction: 410, so it lists again from ""
    expect(listReqs(t).map((r) => r.query)).toEqual([
      { resourceVersion: '0', limit: '500' },
      { resourceVersion: '3' },
      { resourceVersion: '', limit: '500' },
    ]);
    expect(log).toEqual([
      'add change rv=2 initial',
      'add gone rv=3 initial',
      'add keep rv=1 initial',
      'update change 2->4',
      'add new rv=6',
      'delete-unknown default/gone',
    ]);
    expect(watchReqs(t).at(-1)!.query?.resourceVersion).toBe('6');
    expect(
      inf
        .lister()
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['change', 'keep', 'new']);
    inf.stop();
  });

  it('relists after an expireWatches() 410 on an open watch', async () => {
    const { t, clock, cs, inf, log } = setup();
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    t.expireWatches();
    await flush();
    expect(t.openWatches).toBe(0);
    await cs.pods.create('default', pod('b') as Pod);
    await advance(clock, 800);
    expect(listReqs(t).map((r) => r.query?.resourceVersion)).toEqual(['0', '1']);
    expect(log).toEqual(['add a rv=1 initial', 'add b rv=2']);
    expect(t.openWatches).toBe(1);
    inf.stop();
  });

  it('relists after onEnd with a 410 Status', async () => {
    const { t, clock, inf, errors } = setup();
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    t.closeWatches(failureStatus(410, 'Gone', 'gone'));
    await advance(clock, 800);
    expect(listReqs(t).length).toBe(2);
    expect(errors).toEqual([]);
    inf.stop();
  });

  it('retries a failed list with back-off 800 ms, 1.6 s, 3.2 s on the clock', async () => {
    const { t, clock, inf, errors } = setup();
    t.failNext(
      (r) => r.method === 'GET' && r.query?.watch !== 'true',
      failureStatus(503, 'ServiceUnavailable', 'etcd is down'),
      3,
    );
    inf.run();
    await flush();
    const times: number[] = [];
    const t0 = clock.now();
    let n = listReqs(t).length;
    while (!inf.hasSynced()) {
      await advance(clock, 100);
      if (listReqs(t).length !== n) {
        n = listReqs(t).length;
        times.push(clock.now() - t0);
      }
    }
    expect(times).toEqual([800, 2400, 5600]);
    expect(errors[0]).toBe('failed to list *v1.Pod: etcd is down');
    inf.stop();
  });

  it('resyncs every period on the clock with update(obj, obj)', async () => {
    const { t, clock, inf, log } = setup(30_000);
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    await advance(clock, 29_999);
    expect(log).toEqual(['add a rv=1 initial']);
    await advance(clock, 1);
    expect(log).toEqual(['add a rv=1 initial', 'update a 1->1']);
    await advance(clock, 30_000);
    expect(log.length).toBe(3);
    inf.stop();
    await advance(clock, 60_000);
    expect(log.length).toBe(3);
  });

  it('waitForSync resolves false when stopped before syncing', async () => {
    const { t, inf } = setup();
    t.failNext(() => true, failureStatus(500, 'InternalError', 'x'), 10);
    inf.run();
    const p = inf.waitForSync();
    inf.stop();
    expect(await p).toBe(false);
  });

  it('replays existing objects to a handler added late', async () => {
    const { t, inf } = setup();
    t.seed(pod('a'));
    inf.run();
    await inf.waitForSync();
    const got: string[] = [];
    inf.addEventHandler({ onAdd: (o, _c, initial) => got.push(`${o.metadata!.name} ${initial}`) });
    expect(got).toEqual(['a true']);
    inf.stop();
  });
});

describe('SharedInformerFactory', () => {
  it('shares one informer per resource and variant; field-selector variants watch only their pods', async () => {
    const clock = new VirtualClock();
    const t = new FakeTransport();
    const cs = new Clientset(t, { from: 'kubelet/node-1' });
    const f = new SharedInformerFactory(cs, { clock });
    const all1 = f.informerFor(cs.pods);
    const all2 = f.forResource('', 'v1', 'pods');
    const mine = f.informerFor(cs.pods, {
      fieldSelector: 'spec.nodeName=node-1',
      indexers: { byNode: (p: Pod) => [p.spec?.nodeName ?? ''] },
    });
    expect(all1).toBe(all2 as unknown);
    expect(mine).not.toBe(all1);
    t.seed(pod('a', 'node-1'));
    t.seed(pod('b', 'node-2'));
    f.start();
    expect(await f.waitForCacheSync()).toBe(true);
    expect(
      mine
        .lister()
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['a']);
    expect(
      all1
        .lister()
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['a', 'b']);
    expect(
      mine
        .lister()
        .byIndex('byNode', 'node-1')
        .map((p) => p.metadata!.name),
    ).toEqual(['a']);
    expect(watchReqs(t).map((r) => r.query?.fieldSelector)).toEqual([undefined, 'spec.nodeName=node-1']);
    t.seed(pod('c'));
    await cs.pods.bind('default', 'c', 'node-1');
    await flush();
    expect(
      mine
        .lister()
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['a', 'c']);
    f.shutdown();
    expect(t.openWatches).toBe(0);
  });
});
