/**
 * Cluster-level behaviour: bootstrap objects, Service ClusterIP / NodePort allocation, etcd key layout,
 * Event expiry through an etcd lease, Table output, discovery and /version, and the same basics over
 * a real MessageChannel transport.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Status } from 'kubernetes-types/meta/v1';
import type { KubeList, KubeObject } from '../../../src/api/types';
import { TABLE_ACCEPT } from '../../../src/api/rest';
import { startHarness, pod, node, status, PODS, NODES, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.c.stop();
});

const SVCS = '/api/v1/namespaces/default/services';
const svc = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

function ipInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

describe('bootstrap', () => {
  it('namespaces, the kubernetes service and the system priority classes exist', async () => {
    const nss = await h.ok<KubeList>('GET', '/api/v1/namespaces');
    expect(nss.items.map((n) => [n.metadata.name, (n.status as { phase: string }).phase])).toEqual([
      ['default', 'Active'],
      ['kube-node-lease', 'Active'],
      ['kube-public', 'Active'],
      ['kube-system', 'Active'],
    ]);
    const k = await h.ok('GET', `${SVCS}/kubernetes`);
    expect(k.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(k.spec).toMatchObject({
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    });
    const pcs = await h.ok<KubeList>('GET', '/apis/scheduling.k8s.io/v1/priorityclasses');
    expect(pcs.items.map((p) => [p.metadata.name, p.value])).toEqual([
      ['system-cluster-critical', 2000000000],
      ['system-node-critical', 2000001000],
    ]);
  });
});

describe('Service allocation', () => {
  it('allocates unique ClusterIPs from 10.96.0.0/12', async () => {
    const ips = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const s = await h.ok('POST', SVCS, svc(`s${i}`));
      const spec = s.spec as { clusterIP: string; clusterIPs: string[] };
      expect(spec.clusterIPs).toEqual([spec.clusterIP]);
      const n = ipInt(spec.clusterIP);
      expect(n).toBeGreaterThan(ipInt('10.96.0.1'));
      expect(n).toBeLessThan(ipInt('10.112.0.0'));
      ips.add(spec.clusterIP);
    }
    expect(ips.size).toBe(20);
    expect(ips.has('10.96.0.1')).toBe(false);
  });

  it('an explicit free IP is taken; a taken one is 422 with upstream message; out of range too', async () => {
    const dns = await h.ok('POST', SVCS, svc('dns', { clusterIP: '10.96.0.10' }));
    expect((dns.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10');
    const dup = await h.call('POST', SVCS, svc('dup', { clusterIP: '10.96.0.10' }));
    expect(dup.status).toBe(422);
    expect(status(dup).message).toBe(
      'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    const out = await h.call('POST', SVCS, svc('out', { clusterIP: '10.0.0.5' }));
    expect(out.status).toBe(422);
    expect(status(out).message).toBe(
      'Service "out" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    // Deleting frees the IP.
    await h.ok('DELETE', `${SVCS}/dns`);
    await h.ok('POST', SVCS, svc('dns2', { clusterIP: '10.96.0.10' }));
  });

  it('headless services get no IP; NodePorts come from 30000-32767 and clash with 422', async () => {
    const hl = await h.ok('POST', SVCS, svc('hl', { clusterIP: 'None' }));
    expect(hl.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
    const np = await h.ok('POST', SVCS, svc('np', { type: 'NodePort' }));
    const port = (np.spec as { ports: Array<{ nodePort: number }> }).ports[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    const clash = await h.call(
      'POST',
      SVCS,
      svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] }),
    );
    expect(clash.status).toBe(422);
    expect(status(clash).message).toBe(
      `Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`,
    );
    const range = await h.call(
      'POST',
      SVCS,
      svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
    );
    expect(status(range).message).toBe(
      'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });
});

describe('etcd layout', () => {
  it.each([
    ['/registry/pods/default/nginx', async () => h.ok('POST', PODS, pod('nginx'))],
    ['/registry/minions/node-1', async () => h.ok('POST', NODES, node('node-1'))],
    ['/registry/services/specs/default/kubernetes', async () => undefined],
    ['/registry/namespaces/kube-system', async () => undefined],
    ['/registry/priorityclasses/system-node-critical', async () => undefined],
    [
      '/registry/deployments/default/web',
      async () =>
        h.ok('POST', '/apis/apps/v1/namespaces/default/deployments', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: {
            selector: { matchLabels: { a: 'b' } },
            template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
          },
        }),
    ],
  ])('%s holds the object as JSON', async (key, make) => {
    await make();
    const r = await h.c.etcd.range(key);
    expect(r.kvs).toHaveLength(1);
    const stored = JSON.parse(r.kvs[0].value) as KubeObject;
    expect(stored.metadata.name).toBe(key.split('/').pop());
    expect(stored.metadata.resourceVersion).toBeUndefined();
    expect(r.kvs[0].version).toBe(1);
  });
});

describe('Events expire after 1 h', () => {
  it('an Event is stored with an etcd lease and is gone after the TTL', async () => {
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'p.1' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/p to n1',
      type: 'Normal',
      source: { component: 'default-scheduler' },
    };
    await h.ok('POST', '/api/v1/namespaces/default/events', ev);
    const kv = (await h.c.etcd.range('/registry/events/default/p.1')).kvs[0];
    expect(kv.lease).toBeGreaterThan(0);
    const w = h.watch('/api/v1/namespaces/default/events', { resourceVersion: String(kv.modRevision) });
    await h.c.advance(3599_000);
    expect((await h.call('GET', '/api/v1/namespaces/default/events/p.1')).status).toBe(200);
    await h.c.advance(62_000);
    const r = await h.call('GET', '/api/v1/namespaces/default/events/p.1');
    expect(r.status).toBe(404);
    expect(status(r).message).toBe('events "p.1" not found');
    expect(w.summary()).toEqual(['DELETED p.1']);
    w.cancel();
    // Other kinds have no lease.
    await h.ok('POST', PODS, pod('p'));
    expect((await h.c.etcd.range('/registry/pods/default/p')).kvs[0].lease ?? 0).toBe(0);
  });
});

describe('Table output', () => {
  it('list and get as meta.k8s.io/v1 Table', async () => {
    await h.ok('POST', PODS, pod('a'));
    await h.ok('POST', PODS, pod('b'));
    await h.c.advance(65_000);
    const t = await h.ok<Record<string, unknown>>('GET', PODS, undefined, undefined, {
      accept: TABLE_ACCEPT,
    });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    const cols = (t.columnDefinitions as Array<{ name: string; priority: number }>).map((c) => [
      c.name,
      c.priority,
    ]);
    expect(cols).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    const rows = t.rows as Array<{ cells: unknown[]; object: KubeObject }>;
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', '0/1', 'Pending', '0', '65s', '<none>', '<none>', '<none>', '<none>'],
      ['b', '0/1', 'Pending', '0', '65s', '<none>', '<none>', '<none>', '<none>'],
    ]);
    expect(rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'a', namespace: 'default' },
    });
    const list = await h.ok<KubeList>('GET', PODS);
    expect((t.metadata as { resourceVersion: string }).resourceVersion).toBe(list.metadata.resourceVersion);
    const one = await h.ok<Record<string, unknown>>('GET', `${PODS}/a`, undefined, undefined, {
      accept: TABLE_ACCEPT,
    });
    expect((one.rows as unknown[]).length).toBe(1);
  });
});

describe('discovery', () => {
  it('/api, /apis, /api/v1, /apis/apps/v1, /version', async () => {
    expect(await h.ok('GET', '/api')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
    });
    const apis = await h.ok<{
      kind: string;
      apiVersion: string;
      groups: Array<{ name: string; preferredVersion: unknown }>;
    }>('GET', '/apis');
    expect(apis.kind).toBe('APIGroupList');
    expect(apis.apiVersion).toBe('v1');
    const apps = apis.groups.find((g) => g.name === 'apps');
    expect(apps).toEqual({
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    const v1 = await h.ok<{ groupVersion: string; resources: Array<Record<string, unknown>> }>(
      'GET',
      '/api/v1',
    );
    expect(v1.groupVersion).toBe('v1');
    expect(v1.resources.find((r) => r.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(v1.resources.find((r) => r.name === 'pods/binding')).toMatchObject({
      kind: 'Binding',
      verbs: ['create'],
    });
    expect(v1.resources.find((r) => r.name === 'nodes')).toMatchObject({
      namespaced: false,
      shortNames: ['no'],
    });
    const appsV1 = await h.ok<{ groupVersion: string; resources: Array<Record<string, unknown>> }>(
      'GET',
      '/apis/apps/v1',
    );
    expect(appsV1.groupVersion).toBe('apps/v1');
    expect(appsV1.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    const v = await h.ok<Record<string, string>>('GET', '/version');
    expect(v).toMatchObject({ major: '1', minor: '34', gitVersion: 'v1.34.0', platform: 'linux/amd64' });
    expect((await h.call('GET', '/apis/nope.example.com')).status).toBe(404);
  });
});

describe('over a real MessageChannel', () => {
  it('create, get and watch work with transport: port', async () => {
    const p = await startHarness({ transport: 'port' });
    try {
      const w = p.watch(PODS);
      const created = await p.ok('POST', PODS, pod('nginx'));
      expect(created.metadata.uid).toBeDefined();
      const got = await p.ok('GET', `${PODS}/nginx`);
      expect(got).toEqual(created);
      for (let i = 0; i < 50 && w.events.length === 0; i++) await p.c.settle();
      expect(w.summary()).toEqual(['ADDED nginx']);
      expect(w.events[0].object).toEqual(created);
      const missing = await p.call('GET', `${PODS}/nope`);
      expect(missing.status).toBe(404);
      expect((missing.body as Status).message).toBe('pods "nope" not found');
      w.cancel();
    } finally {
      await p.c.stop();
    }
  });
});
