import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { Clientset } from '../../client/rest-client';
import { advance } from '../../client/testing/clock-helpers';
import { FakeTransport } from '../../client/testing/fake-transport';
import { VirtualClock } from '../../runtime/clock';
import { LocalCluster } from '../../runtime/local-cluster';
import { SeededRng } from '../../runtime/rng';
import { TraceBus, Tracer, type TraceRecord } from '../../runtime/trace';
import { FULL_SYNC_PERIOD_MS, KubeProxy } from './kube-proxy';
import { routeRequest } from './route';
import { buildIptablesRules, type IptablesRules } from './rules';
import { endpointSlices, services, slice } from './testdata/fixture';

const NODE_IPS = ['172.18.0.3'];
/** A kubernetes-types object as the fake apiserver stores it. */
const obj = (o: unknown) => o as KubeObject;
const CIDR = '10.244.0.0/16';

function setup() {
  const clock = new VirtualClock();
  const api = new FakeTransport({ now: () => clock.now() });
  for (const o of [...services, ...endpointSlices]) api.seed(obj(o));
  const bus = new TraceBus();
  const records: TraceRecord[] = [];
  bus.subscribe((r) => records.push(r), { kinds: ['decision'] });
  const proxy = new KubeProxy({
    api,
    clock,
    tracer: new Tracer('kube-proxy/node-1', bus, () => clock.now()),
    nodeName: 'node-1',
    nodeIPs: NODE_IPS,
    clusterCIDR: CIDR,
  });
  const changes: IptablesRules[] = [];
  proxy.onChange((r) => changes.push(r));
  return { clock, api, proxy, records, changes };
}

let current: KubeProxy | undefined;
afterEach(() => current?.stop());

describe('KubeProxy', () => {
  it('writes the rules for what the informers listed once both have synced', async () => {
    const { clock, api, proxy, records, changes } = setup();
    current = proxy;
    expect(proxy.rules().services).toEqual([]);
    proxy.start();
    await advance(clock, 0);
    expect(proxy.hasSynced()).toBe(true);
    const want = buildIptablesRules({
      nodeName: 'node-1',
      nodeIPs: NODE_IPS,
      services,
      endpointSlices,
      clusterCIDR: CIDR,
    });
    expect(proxy.rules().text).toBe(want.text);
    expect(changes).toHaveLength(1);
    expect(records.map((r) => [r.from, r.kind, r.verb, r.detail])).toEqual([
      ['kube-proxy/node-1', 'decision', 'sync rules', { services: 6, endpoints: 12 }],
    ]);
    const lists = api.requests.filter((r) => r.method === 'GET' && !r.query?.watch);
    expect(lists.map((r) => [r.path, r.query?.labelSelector, r.from])).toEqual([
      ['/api/v1/services', '!service.kubernetes.io/service-proxy-name', 'kube-proxy/node-1'],
      [
        '/apis/discovery.k8s.io/v1/endpointslices',
        '!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless',
        'kube-proxy/node-1',
      ],
    ]);
  });

  it('waits out minSyncPeriod (1 s) after a sync, then folds the changes into one sync', async () => {
    const { clock, api, proxy, records, changes } = setup();
    current = proxy;
    proxy.start();
    await advance(clock, 0);
    await advance(clock, 300);
    api.seed(
      obj(slice('default', 'empty', 'empty-11111', [{ port: 80 }], [{ ip: '10.244.2.50', node: 'node-2' }])),
    );
    api.seed(
      obj(slice('default', 'empty', 'empty-22222', [{ port: 80 }], [{ ip: '10.244.1.51', node: 'node-1' }])),
    );
    await advance(clock, 600);
    expect(records).toHaveLength(1);
    await advance(clock, 100);
    expect(records).toHaveLength(2);
    expect(records[1].detail).toEqual({ services: 6, endpoints: 14 });
    expect(records[1].time - records[0].time).toBe(1000);
    expect(changes).toHaveLength(2);
    const empty = proxy.rules().services.find((s) => s.name === 'default/empty')!;
    expect(empty.clusterEndpoints.map((e) => e.ip)).toEqual(['10.244.1.51', '10.244.2.50']);
    expect(proxy.rules().filter.rules.some((r) => r.service === 'default/empty')).toBe(false);
  });

  it('syncs at once when the last sync is older than 1 s', async () => {
    const { clock, api, proxy, records } = setup();
    current = proxy;
    proxy.start();
    await advance(clock, 5000);
    api.mutate('', 'services', 'default', 'empty', () => null);
    await advance(clock, 0);
    expect(records).toHaveLength(2);
    expect(records[1].time - records[0].time).toBe(5000);
    expect(records[1].detail).toEqual({ services: 5, endpoints: 12 });
    expect(proxy.rules().text).not.toContain('default/empty');
  });

  it('runs a full sync every hour even without changes, without notifying unchanged rules', async () => {
    const { clock, proxy, records, changes } = setup();
    current = proxy;
    proxy.start();
    await advance(clock, FULL_SYNC_PERIOD_MS);
    expect(records).toHaveLength(2);
    expect(changes).toHaveLength(1);
  });

  it('stops syncing after stop()', async () => {
    const { clock, api, proxy, records } = setup();
    proxy.start();
    await advance(clock, 200);
    api.mutate('', 'services', 'default', 'empty', () => null);
    proxy.stop();
    await advance(clock, FULL_SYNC_PERIOD_MS * 2);
    expect(records).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });
});

describe('KubeProxy against the in-process control plane', () => {
  it('routes a request to a Service created through the apiserver', async () => {
    const cluster = await LocalCluster.start();
    const proxy = new KubeProxy({
      api: cluster.connect('kube-proxy/node-1'),
      clock: cluster.clock,
      tracer: cluster.tracer('kube-proxy/node-1'),
      nodeName: 'node-1',
      nodeIPs: NODE_IPS,
      clusterCIDR: CIDR,
    });
    try {
      proxy.start();
      await cluster.advance(0);
      // The apiserver's own `kubernetes` service exists, with the apiserver as its endpoint.
      expect(proxy.rules().services.map((s) => [s.name, s.hasEndpoints])).toEqual([
        ['default/kubernetes:https', true],
      ]);
      const client = new Clientset(cluster.connect('test'), { from: 'test' });
      const svc = await client.services.create('default', {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      });
      await client
        .resource('discovery.k8s.io', 'v1', 'endpointslices')
        .create(
          'default',
          slice('default', 'web', 'web-1', [{ port: 8080 }], [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }]),
        );
      await cluster.advance(1000);
      const web = proxy.rules().services.find((s) => s.name === 'default/web')!;
      expect(web.clusterIP).toBe(svc.spec!.clusterIP);
      const r = routeRequest(
        proxy.rules(),
        { destIP: svc.spec!.clusterIP!, destPort: 80, protocol: 'tcp', sourceIP: '10.244.1.9' },
        new SeededRng(3),
        { nodeIPs: NODE_IPS },
      );
      expect('endpoint' in r && r.endpoint.port).toBe(8080);
    } finally {
      proxy.stop();
      await cluster.stop();
    }
  });
});
