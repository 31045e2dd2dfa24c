import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../client/rest-client';
// kubeadm's manifests, as the kubelet finds them on disk (test input, not a component dependency).
// eslint-disable-next-line kubelab/no-cross-component-import
import { controlPlaneStaticPods } from '../../control-plane/addons/static-pod-manifests';
import { LocalCluster } from '../../runtime/local-cluster';
import { Kubelet } from './kubelet';
import { isMirrorPodOf, mirrorPodFor, rfc3339Nano, staticPodFromManifest, staticPodHash } from './static-pods';

const manifests = controlPlaneStaticPods({ nodeName: 'control-plane', advertiseAddress: '172.18.0.2' });
const etcd = manifests[0];

describe('static pod helpers', () => {
  it.each([
    [Date.UTC(2026, 0, 1), '2026-01-01T00:00:00Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 1, 500), '2026-01-01T00:00:01.5Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 1, 123), '2026-01-01T00:00:01.123Z'],
  ])('rfc3339Nano(%d) = %s', (ms, want) => expect(rfc3339Nano(ms)).toBe(want));

  it('the file source names, hashes and annotates a manifest', () => {
    const p = staticPodFromManifest(etcd, 'control-plane', Date.UTC(2026, 0, 1));
    const hash = staticPodHash(etcd, 'control-plane');
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(p.metadata).toMatchObject({ name: 'etcd-control-plane', namespace: 'kube-system', uid: hash });
    expect(p.metadata?.annotations).toEqual({
      'kubeadm.kubernetes.io/etcd.advertise-client-urls': 'https://172.18.0.2:2379',
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.seen': '2026-01-01T00:00:00Z',
      'kubernetes.io/config.source': 'file',
    });
    expect(p.spec?.nodeName).toBe('control-plane');
    expect(p.spec?.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    // the hash depends on the node and on the manifest
    expect(staticPodHash(etcd, 'other')).not.toBe(hash);
    expect(staticPodHash(manifests[1], 'control-plane')).not.toBe(hash);
  });

  it('a mirror pod carries config.mirror and is owned by its Node', () => {
    const p = staticPodFromManifest(etcd, 'control-plane', Date.UTC(2026, 0, 1));
    const m = mirrorPodFor(p, 'node-uid');
    expect(m.metadata?.uid).toBeUndefined();
    expect(m.metadata?.annotations?.['kubernetes.io/config.mirror']).toBe(p.metadata?.uid);
    expect(m.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: 'node-uid', controller: true },
    ]);
    expect(isMirrorPodOf(m, p)).toBe(true);
    const other = structuredClone(m);
    other.metadata!.annotations!['kubernetes.io/config.mirror'] = 'x';
    expect(isMirrorPodOf(other, p)).toBe(false);
  });

  it('kubeadm manifests: names, images, requests, priority', () => {
    expect(
      manifests.map((m) => [
        m.metadata?.name,
        m.metadata?.labels,
        m.spec?.containers[0].image,
        m.spec?.containers[0].resources?.requests,
        m.spec?.priorityClassName,
        m.spec?.hostNetwork,
      ]),
    ).toEqual([
      ['etcd', { component: 'etcd', tier: 'control-plane' }, 'registry.k8s.io/etcd:3.6.4-0', { cpu: '100m', memory: '100Mi' }, 'system-node-critical', true],
      ['kube-apiserver', { component: 'kube-apiserver', tier: 'control-plane' }, 'registry.k8s.io/kube-apiserver:v1.34.0', { cpu: '250m' }, 'system-node-critical', true],
      ['kube-controller-manager', { component: 'kube-controller-manager', tier: 'control-plane' }, 'registry.k8s.io/kube-controller-manager:v1.34.0', { cpu: '200m' }, 'system-node-critical', true],
      ['kube-scheduler', { component: 'kube-scheduler', tier: 'control-plane' }, 'registry.k8s.io/kube-scheduler:v1.34.0', { cpu: '100m' }, 'system-node-critical', true],
    ]);
    expect(manifests[1].spec?.containers[0].command?.slice(0, 2)).toEqual(['kube-apiserver', '--advertise-address=172.18.0.2']);
    expect(manifests[1].spec?.containers[0].command).toContain('--service-cluster-ip-range=10.96.0.0/12');
  });
});

async function controlPlane() {
  const c = await LocalCluster.start({ seed: 'static-pods' });
  const kubelet = new Kubelet({
    api: c.connect('kubelet/control-plane'),
    clock: c.clock,
    rng: c.rng.fork('kubelet/control-plane'),
    tracer: c.tracer('kubelet/control-plane'),
    node: { name: 'control-plane', podCIDR: '10.244.0.0/24', internalIP: '172.18.0.2', staticPods: manifests },
  });
  const started = kubelet.start();
  await c.settle();
  await started;
  const kubectl = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
  return { c, kubelet, kubectl };
}

async function call<T>(c: LocalCluster, p: Promise<T>): Promise<T> {
  const out = p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  await c.settle();
  const r = await out;
  if (!r.ok) throw r.e;
  return r.v;
}

describe('Kubelet static pods', () => {
  it('runs static pods without a scheduler and mirrors them in the API', async () => {
    const { c, kubelet, kubectl } = await controlPlane();
    await c.advance(30_000);
    const pods = (await call(c, kubectl.pods.list('kube-system'))).items as Pod[];
    expect(pods.map((p) => p.metadata?.name).sort()).toEqual([
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-scheduler-control-plane',
    ]);
    const node = await call(c, kubectl.nodes.get(undefined, 'control-plane'));
    const e = pods.find((p) => p.metadata?.name === 'etcd-control-plane')!;
    const hash = staticPodHash(etcd, 'control-plane');
    expect(e.metadata?.annotations).toEqual({
      'kubeadm.kubernetes.io/etcd.advertise-client-urls': 'https://172.18.0.2:2379',
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': '2026-01-01T00:00:00Z',
      'kubernetes.io/config.source': 'file',
    });
    expect(e.metadata?.uid).not.toBe(hash);
    expect(e.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: node.metadata?.uid, controller: true },
    ]);
    expect(e.spec?.priority).toBe(2000001000);
    expect(e.status?.phase).toBe('Running');
    expect(e.status?.podIP).toBe('172.18.0.2');
    expect(e.status?.qosClass).toBe('Burstable');
    expect(e.status?.containerStatuses?.[0]).toMatchObject({
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.6.4-0',
      ready: true,
      started: true,
      restartCount: 0,
    });
    // the images were there already (kubeadm pre-pulls them): no Pulling event
    await kubelet.flushEvents();
    const events = (await call(c, kubectl.events.list('kube-system'))).items;
    const etcdEvents = events.filter((x) => x.involvedObject.name === 'etcd-control-plane');
    expect(etcdEvents.map((x) => [x.reason, x.message])).toEqual([
      ['Pulled', 'Container image "registry.k8s.io/etcd:3.6.4-0" already present on machine'],
      ['Created', 'Created container: etcd'],
      ['Started', 'Started container etcd'],
    ]);
    expect(etcdEvents[0].involvedObject.uid).toBe(hash);
    // logs are served for the mirror pod
    const logs = await call(c, kubectl.pods.logs('kube-system', 'kube-apiserver-control-plane', { tailLines: 1 }));
    expect(logs).toMatch(/^I0101 00:00:\d\d\.\d{6} {7}1 controller\.go:667\] quota admission added evaluator for: leases\.coordination\.k8s\.io\n$/);
    const etcdLog = await call(c, kubectl.pods.logs('kube-system', 'etcd-control-plane', { tailLines: 1 }));
    expect(JSON.parse(etcdLog)).toMatchObject({ level: 'info', msg: 'serving client traffic securely', address: '172.18.0.2:2379' });
    kubelet.stop();
    await c.stop();
  });

  it('a deleted mirror pod comes back; the static pod keeps running', async () => {
    const { c, kubelet, kubectl } = await controlPlane();
    await c.advance(30_000);
    const before = await call(c, kubectl.pods.get('kube-system', 'kube-scheduler-control-plane'));
    const containerID = before.status?.containerStatuses?.[0].containerID;
    await call(c, kubectl.pods.delete('kube-system', 'kube-scheduler-control-plane'));
    await c.advance(2_000);
    const after = await call(c, kubectl.pods.get('kube-system', 'kube-scheduler-control-plane'));
    expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
    expect(after.metadata?.deletionTimestamp).toBeUndefined();
    expect(after.metadata?.creationTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(after.status?.phase).toBe('Running');
    expect(after.status?.containerStatuses?.[0].containerID).toBe(containerID);
    expect(after.status?.containerStatuses?.[0].restartCount).toBe(0);
    // a grace-0 delete is recreated as well
    await call(c, kubectl.pods.delete('kube-system', 'etcd-control-plane', { gracePeriodSeconds: 0 }));
    await c.advance(1_000);
    expect((await call(c, kubectl.pods.get('kube-system', 'etcd-control-plane'))).status?.phase).toBe('Running');
    kubelet.stop();
    await c.stop();
  });

  it('an orphaned mirror pod (no manifest) is deleted', async () => {
    const { c, kubelet, kubectl } = await controlPlane();
    const node = await call(c, kubectl.nodes.get(undefined, 'control-plane'));
    const stale: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'old-control-plane',
        namespace: 'kube-system',
        annotations: { 'kubernetes.io/config.mirror': 'abc' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: node.metadata!.uid!, controller: true }],
      },
      spec: { nodeName: 'control-plane', containers: [{ name: 'c', image: 'nginx' }] },
    };
    await call(c, kubectl.pods.create('kube-system', stale));
    await c.advance(1_000);
    await expect(call(c, kubectl.pods.get('kube-system', 'old-control-plane'))).rejects.toThrow(
      'pods "old-control-plane" not found',
    );
    kubelet.stop();
    await c.stop();
  });
});
