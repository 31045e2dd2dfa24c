import { describe, it, expect } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../client/rest-client';
import { LocalCluster } from '../../runtime/local-cluster';
import type { TraceRecord } from '../../runtime/trace';
import { NodePool } from '../node-pool';
import { Kubelet, PodIPAllocator } from './kubelet';

async function cluster() {
  const c = await LocalCluster.start({ seed: 'kubelet-test' });
  const kubelet = new Kubelet({
    api: c.connect('kubelet/node-1'),
    clock: c.clock,
    rng: c.rng.fork('kubelet/node-1'),
    tracer: c.tracer('kubelet/node-1'),
    node: { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3' },
  });
  const started = kubelet.start();
  await c.settle();
  await started;
  const kubectl = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
  return { c, kubelet, kubectl };
}

/** Settles the cluster, then gives the request's outcome (a rejection is not left unhandled meanwhile). */
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

const nginxPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx' }] },
};

describe('Kubelet with LocalCluster', () => {
  it('runs a bound pod: exact events in order, pod IP, Running; logs; graceful delete', async () => {
    const { c, kubelet, kubectl } = await cluster();
    const records: TraceRecord[] = [];
    c.bus.subscribe((r) => records.push(r));
    await call(c, kubectl.pods.create('default', nginxPod));
    await c.advance(10_000);
    await kubelet.flushEvents();
    const pod = await call(c, kubectl.pods.get('default', 'nginx'));
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toBe('10.244.1.2');
    expect(pod.status?.hostIP).toBe('172.18.0.3');
    expect(pod.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const cs = pod.status!.containerStatuses![0];
    expect(cs.image).toBe('docker.io/library/nginx:latest');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.state?.running?.startedAt).toMatch(/^2026-01-01T00:00:0\dZ$/);
    const events = (await call(c, kubectl.events.list('default'))).items as Event[];
    const rows = events.map((e) => [e.type, e.reason, e.message, e.source?.component, e.source?.host]);
    expect(rows.map((r) => r[1])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(rows[0]).toEqual(['Normal', 'Pulling', 'Pulling image "nginx"', 'kubelet', 'node-1']);
    expect(rows[1][2]).toMatch(
      /^Successfully pulled image "nginx" in 4\.\d{1,3}s \(4\.\d{1,3}s including waiting\)\. Image size: 72223946 bytes\.$/,
    );
    expect(rows.slice(2)).toEqual([
      ['Normal', 'Created', 'Created container: nginx', 'kubelet', 'node-1'],
      ['Normal', 'Started', 'Started container nginx', 'kubelet', 'node-1'],
    ]);
    // the runtime actions are traced from kubelet to containerd with the cause of the watch event
    const rt = records.filter((r) => r.kind === 'runtime').map((r) => [r.from, r.to, r.verb]);
    expect(rt).toEqual([
      ['kubelet/node-1', 'containerd/node-1', 'pull'],
      ['kubelet/node-1', 'containerd/node-1', 'create'],
      ['kubelet/node-1', 'containerd/node-1', 'start'],
    ]);
    expect(records.find((r) => r.kind === 'runtime')?.causeId).toBeTruthy();

    // kubectl logs reaches the kubelet through the apiserver
    const logs = await call(c, kubectl.pods.logs('default', 'nginx', { tailLines: 2 }));
    expect(logs).toBe(
      '2026/01/01 00:00:05 [notice] 1#1: start worker process 29\n2026/01/01 00:00:05 [notice] 1#1: start worker process 30\n',
    );

    // node status reports the pulled image
    await c.advance(10_000);
    const node = await call(c, kubectl.nodes.get(undefined, 'node-1'));
    expect(node.status?.images?.[0]?.names?.[1]).toBe('docker.io/library/nginx:latest');
    expect(node.status?.images?.[0]?.sizeBytes).toBe(72223946);

    // graceful delete: Killing, nginx exits on SIGQUIT, the kubelet deletes with grace 0
    await call(c, kubectl.pods.delete('default', 'nginx'));
    await c.advance(500);
    expect((await call(c, kubectl.pods.get('default', 'nginx'))).metadata?.deletionTimestamp).toBeTruthy();
    await c.advance(2_000);
    await expect(call(c, kubectl.pods.get('default', 'nginx'))).rejects.toThrow('pods "nginx" not found');
    await kubelet.flushEvents();
    const after = (await call(c, kubectl.events.list('default'))).items as Event[];
    expect(after.at(-1)?.reason).toBe('Killing');
    expect(after.at(-1)?.message).toBe('Stopping container nginx');
    kubelet.stop();
    await c.stop();
  });

  it('a sleeping container waits the whole grace period before the pod goes', async () => {
    const { c, kubelet, kubectl } = await cluster();
    await call(
      c,
      kubectl.pods.create('default', {
        ...nginxPod,
        metadata: { name: 'sleeper', namespace: 'default' },
        spec: {
          nodeName: 'node-1',
          terminationGracePeriodSeconds: 20,
          containers: [{ name: 's', image: 'busybox:1.36', command: ['sleep', '3600'] }],
        },
      }),
    );
    await c.advance(5_000);
    expect((await call(c, kubectl.pods.get('default', 'sleeper'))).status?.phase).toBe('Running');
    await call(c, kubectl.pods.delete('default', 'sleeper'));
    await c.advance(19_000);
    expect((await call(c, kubectl.pods.get('default', 'sleeper'))).metadata?.deletionGracePeriodSeconds).toBe(
      20,
    );
    await c.advance(3_000);
    await expect(call(c, kubectl.pods.get('default', 'sleeper'))).rejects.toThrow('not found');
    kubelet.stop();
    await c.stop();
  });

  it('node stop: the lease stops renewing; start again: it renews', async () => {
    const { c, kubelet, kubectl } = await cluster();
    const renew = async () =>
      ((await call(c, kubectl.leases.get('kube-node-lease', 'node-1'))) as Lease).spec?.renewTime;
    await c.advance(10_000);
    const r1 = await renew();
    expect(r1).toBe('2026-01-01T00:00:10.000000Z');
    kubelet.stop();
    await c.advance(60_000);
    expect(await renew()).toBe(r1);
    const again = kubelet.startAgain();
    await c.settle();
    await again;
    expect(await renew()).toBe('2026-01-01T00:01:10.000000Z');
    kubelet.stop();
    await c.stop();
  });

  it('kubectl logs errors use the kubelet texts', async () => {
    const { c, kubelet, kubectl } = await cluster();
    await call(
      c,
      kubectl.pods.create('default', {
        ...nginxPod,
        metadata: { name: 'bad', namespace: 'default' },
        spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:doesnotexist' }] },
      }),
    );
    await c.advance(3_000);
    await expect(call(c, kubectl.pods.logs('default', 'bad'))).rejects.toThrow(
      'container "web" in pod "bad" is waiting to start: image can\'t be pulled',
    );
    await expect(call(c, kubectl.pods.logs('default', 'bad', { previous: true }))).rejects.toThrow(
      'previous terminated container "web" in pod "bad" not found',
    );
    const pod = await call(c, kubectl.pods.get('default', 'bad'));
    expect(pod.status?.containerStatuses?.[0].state?.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message:
        'Back-off pulling image "nginx:doesnotexist": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    });
    kubelet.stop();
    await c.stop();
  });
});

describe('NodePool + NodeManager', () => {
  it('adopts a user-created Node (keeps capacity and taints) and stops it when the Node is deleted', async () => {
    const c = await LocalCluster.start({ seed: 'pool' });
    const pool = new NodePool({
      api: c.connect('node-pool-0'),
      clock: c.clock,
      rng: c.rng.fork('pool'),
      tracer: c.tracer('node-pool-0'),
      nodes: [{ name: 'node-1', podCIDR: '10.244.1.0/24' }],
      manageNodes: true,
    });
    const started = pool.start();
    await c.settle();
    await started;
    const kubectl = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
    const mine: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'big-node', labels: { disk: 'ssd' } },
      spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      status: { capacity: { cpu: '16', memory: '64Gi', pods: '250' } },
    };
    await call(c, kubectl.nodes.create(undefined, mine));
    await c.advance(1_000);
    expect([...pool.kubelets.keys()]).toEqual(['node-1', 'big-node']);
    const got = await call(c, kubectl.nodes.get(undefined, 'big-node'));
    expect(got.status?.capacity).toEqual({
      cpu: '16',
      memory: '64Gi',
      pods: '250',
      'ephemeral-storage': '100Gi',
    });
    expect(got.spec?.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(got.metadata?.labels?.disk).toBe('ssd');
    expect(got.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    const lease = await call(c, kubectl.leases.get('kube-node-lease', 'big-node'));
    expect(lease.spec?.holderIdentity).toBe('big-node');
    await call(c, kubectl.nodes.delete(undefined, 'big-node'));
    await c.advance(1_000);
    expect([...pool.kubelets.keys()]).toEqual(['node-1']);
    pool.stop();
    await c.stop();
  });
});

describe('PodIPAllocator', () => {
  it('hands out .2, .3, … and skips addresses in use', () => {
    const a = new PodIPAllocator('10.244.1.0/24');
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    a.release('10.244.1.3');
    expect(a.allocate()).toBe('10.244.1.5');
  });
});
