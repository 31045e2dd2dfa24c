import { describe, it, expect } from 'vitest';
import type { ApiResponse } from '../api/rest';
import { VirtualClock } from './clock';
import { LocalCluster } from './local-cluster';
import type { TraceRecord } from './trace';

interface PodLike {
  metadata: { name: string; uid: string; creationTimestamp: string; resourceVersion: string };
}

/** Sends a request and settles the cluster until it is answered. */
async function send<T>(c: LocalCluster, p: Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
  await c.settle();
  return p;
}

const podBody = (over: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: over,
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
});

/** Creates `n` pods with generateName `web-` and returns what the apiserver answered. */
async function createPods(seed: number | string, n: number): Promise<PodLike[]> {
  const c = await LocalCluster.start({ seed });
  const api = c.connect('kubectl');
  const out: PodLike[] = [];
  for (let i = 0; i < n; i++) {
    const r = await send(
      c,
      api.request<PodLike>({
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: podBody({ generateName: 'web-' }),
      }),
    );
    expect(r.status).toBe(201);
    out.push(r.body as PodLike);
  }
  await c.stop();
  return out;
}

describe('LocalCluster', () => {
  it('starts on a virtual clock at 2026-01-01 and settles', async () => {
    const c = await LocalCluster.start();
    expect(c.clock).toBeInstanceOf(VirtualClock);
    expect(c.clock.now()).toBe(Date.UTC(2026, 0, 1));
    await expect(c.settle()).resolves.toBeUndefined();
    expect(c.clock.now()).toBe(Date.UTC(2026, 0, 1));
    await c.stop();
  });

  it('connect() gives a working transport: create, get, not found, watch', async () => {
    const c = await LocalCluster.start();
    const api = c.connect('kubectl');
    const created = await send(
      c,
      api.request({
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: podBody({ name: 'nginx' }),
      }),
    );
    expect(created.status).toBe(201);
    const got = await send(
      c,
      api.request<PodLike>({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' }),
    );
    expect(got.status).toBe(200);
    expect((got.body as PodLike).metadata.name).toBe('nginx');
    expect((got.body as PodLike).metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    const missing = await send(
      c,
      api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nope' }),
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      code: 404,
    });

    const events: Array<[string, string]> = [];
    const stop = api.watch(
      {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods',
        query: { watch: 'true', resourceVersion: (got.body as PodLike).metadata.resourceVersion },
      },
      (ev) => events.push([ev.type, (ev.object as { metadata?: { name?: string } }).metadata?.name ?? '']),
      () => events.push(['END', '']),
    );
    await c.settle();
    const del = await send(
      c,
      api.request({
        method: 'DELETE',
        path: '/api/v1/namespaces/default/pods/nginx',
        query: { gracePeriodSeconds: '0' },
      }),
    );
    expect(del.status).toBe(200);
    await c.settle();
    expect(events.at(-1)).toEqual(['DELETED', 'nginx']);
    stop();
    await c.stop();
  });

  it('advance() fires each timer at its own instant, in order', async () => {
    const c = await LocalCluster.start();
    const t0 = c.clock.now();
    const fired: Array<[string, number]> = [];
    c.clock.setTimeout(() => fired.push(['25s', c.clock.now() - t0]), 25_000);
    c.clock.setTimeout(() => {
      fired.push(['10s', c.clock.now() - t0]);
      c.clock.setTimeout(() => fired.push(['10s+5s', c.clock.now() - t0]), 5000);
    }, 10_000);
    c.clock.setTimeout(() => fired.push(['31s', c.clock.now() - t0]), 31_000);
    await c.advance(30_000);
    expect(fired).toEqual([
      ['10s', 10_000],
      ['10s+5s', 15_000],
      ['25s', 25_000],
    ]);
    expect(c.clock.now() - t0).toBe(30_000);
    await c.advance(1000);
    expect(fired.at(-1)).toEqual(['31s', 31_000]);
    await c.stop();
  });

  it('advance() lets async work started by a timer finish before the next timer', async () => {
    const c = await LocalCluster.start();
    const api = c.connect('kubectl');
    const t0 = c.clock.now();
    const log: string[] = [];
    c.clock.setTimeout(() => {
      void api
        .request({
          method: 'POST',
          path: '/api/v1/namespaces/default/configmaps',
          body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } },
        })
        .then((r) => log.push(`created ${r.status} at ${c.clock.now() - t0}`));
    }, 1000);
    c.clock.setTimeout(() => log.push(`timer at ${c.clock.now() - t0}`), 2000);
    await c.advance(5000);
    expect(log).toEqual(['created 201 at 1000', 'timer at 2000']);
    await c.stop();
  });

  it('tracer() publishes on the cluster bus with cluster time', async () => {
    const c = await LocalCluster.start();
    const got: TraceRecord[] = [];
    const un = c.bus.subscribe((r) => got.push(r), { components: ['test'] });
    const id = c.tracer('test').emit({ to: 'kube-apiserver', kind: 'lifecycle', verb: 'start' });
    un();
    expect(id).toBe('test:1');
    expect(got).toEqual([
      {
        id: 'test:1',
        from: 'test',
        to: 'kube-apiserver',
        kind: 'lifecycle',
        verb: 'start',
        time: Date.UTC(2026, 0, 1),
      },
    ]);
    await c.stop();
  });

  it('the same seed gives byte-identical results', async () => {
    const a = await createPods(7, 5);
    const b = await createPods(7, 5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const names = a.map((p) => p.metadata.name);
    expect(names.every((n) => /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(5);
    expect(
      a.every((p) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(p.metadata.uid),
      ),
    ).toBe(true);
  });

  it('a different seed gives different names and uids', async () => {
    const a = await createPods(7, 5);
    const b = await createPods('other', 5);
    expect(a.map((p) => p.metadata.name)).not.toEqual(b.map((p) => p.metadata.name));
    expect(a.map((p) => p.metadata.uid)).not.toEqual(b.map((p) => p.metadata.uid));
  });

  it('works over real MessageChannels too, and settle() waits for their messages', async () => {
    const c = await LocalCluster.start({ transport: 'port' });
    const api = c.connect('kubectl');
    let answered = 0;
    const p = api
      .request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: podBody({ name: 'p' }) })
      .then((r) => ((answered = r.status), r));
    await c.settle();
    expect(answered).toBe(201);
    await p;
    const got = await send(
      c,
      api.request<PodLike>({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }),
    );
    expect((got.body as PodLike).metadata.name).toBe('p');
    const t0 = c.clock.now();
    const log: string[] = [];
    c.clock.setTimeout(() => {
      void api
        .request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' })
        .then((r) => log.push(`got ${r.status} at ${c.clock.now() - t0}`));
    }, 1000);
    c.clock.setTimeout(() => log.push(`timer at ${c.clock.now() - t0}`), 2000);
    await c.advance(3000);
    expect(log).toEqual(['got 200 at 1000', 'timer at 2000']);
    await c.stop();
  });
});
