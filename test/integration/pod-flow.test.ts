/**
 * The pod-creation flow through every real component on the virtual clock: apiserver → etcd →
 * scheduler → binding → kubelet → container runtime → status, with the exact events a learner sees
 * in `kubectl describe pod`, and the scheduling outcomes for taints, selectors, affinity, resources
 * and host ports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { ApiTransport } from '../../src/api/rest';
import { SimCluster } from '../../src/runtime/sim-cluster';

let cluster: SimCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

async function start(workers = 2): Promise<{ c: SimCluster; api: ApiTransport }> {
  cluster = await SimCluster.start({ seed: 7, workers });
  return { c: cluster, api: cluster.connect('kubectl') };
}

async function createPod(c: SimCluster, api: ApiTransport, pod: Record<string, unknown>): Promise<void> {
  const p = api.request({
    method: 'POST',
    path: '/api/v1/namespaces/default/pods',
    body: { apiVersion: 'v1', kind: 'Pod', ...pod },
  });
  await c.settle();
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function getPod(api: ApiTransport, name: string): Promise<Pod> {
  return (await api.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` })).body as Pod;
}

/** Events about one object, oldest first, as `Type Reason From: message`. */
async function events(api: ApiTransport, name: string): Promise<string[]> {
  const r = await api.request({
    method: 'GET',
    path: '/api/v1/namespaces/default/events',
    query: { fieldSelector: `involvedObject.name=${name}` },
  });
  const items = (r.body as { items: Event[] }).items;
  items.sort(
    (a, b) =>
      (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') ||
      Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion),
  );
  return items.map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`);
}

function nginx(
  name: string,
  extra: Record<string, unknown> = {},
  container: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...container }], ...extra },
  };
}

describe('a pod from creation to Running', () => {
  it('is scheduled, pulled, created and started with the exact events, in order', async () => {
    const { c, api } = await start();
    await createPod(c, api, nginx('web'));
    await c.advance(30_000);
    const pod = await getPod(api, 'web');
    expect(pod.spec?.nodeName).toMatch(/^node-[12]$/);
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(pod.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    const node = pod.spec!.nodeName!;
    expect(await events(api, 'web')).toEqual([
      `Normal Scheduled default-scheduler: Successfully assigned default/web to ${node}`,
      'Normal Pulling kubelet: Pulling image "nginx:1.27"',
      expect.stringMatching(
        /^Normal Pulled kubelet: Successfully pulled image "nginx:1\.27" in \d+\.\d+s \(\d+\.\d+s including waiting\)\. Image size: \d+ bytes\.$/,
      ),
      'Normal Created kubelet: Created container: nginx',
      'Normal Started kubelet: Started container nginx',
    ]);
  });

  it('never lands on the tainted control-plane node and reports the exact FailedScheduling histogram', async () => {
    const { c, api } = await start();
    await createPod(c, api, nginx('huge', {}, { resources: { requests: { cpu: '1500m' } } }));
    await createPod(c, api, nginx('huge-2', {}, { resources: { requests: { cpu: '1500m' } } }));
    await createPod(c, api, nginx('huge-3', {}, { resources: { requests: { cpu: '1500m' } } }));
    await c.advance(5_000);
    const placed = await Promise.all(['huge', 'huge-2', 'huge-3'].map((n) => getPod(api, n)));
    const bound = placed.filter((p) => p.spec?.nodeName);
    expect(bound.map((p) => p.spec?.nodeName).sort()).toEqual(['node-1', 'node-2']);
    const pending = placed.find((p) => !p.spec?.nodeName)!;
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const cond = pending.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(await events(api, pending.metadata!.name!)).toEqual([
      `Warning FailedScheduling default-scheduler: ${msg}`,
    ]);
  });

  it('schedules a pending pod once a node that fits is added', async () => {
    const { c, api } = await start(0);
    await createPod(c, api, nginx('waiting'));
    await c.advance(2_000);
    expect((await getPod(api, 'waiting')).status?.conditions?.[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: 'no nodes available to schedule pods',
    });
    const add = api.request({
      method: 'POST',
      path: '/api/v1/nodes',
      body: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'late' },
        status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
      },
    });
    await c.settle();
    expect((await add).status).toBe(201);
    await c.advance(30_000);
    const pod = await getPod(api, 'waiting');
    expect(pod.spec?.nodeName).toBe('late');
    expect(pod.status?.phase).toBe('Running');
  });
});

describe('scheduling decisions', () => {
  it.each([
    [
      'a nodeSelector no node has',
      nginx('sel', { nodeSelector: { disktype: 'ssd' } }),
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
    [
      'more memory than any node has',
      nginx('mem', {}, { resources: { requests: { memory: '64Gi' } } }),
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ],
    [
      'required node affinity to a missing zone',
      nginx('aff', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-1'] },
                  ],
                },
              ],
            },
          },
        },
      }),
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
  ])('%s', async (_name, pod, msg) => {
    const { c, api } = await start();
    await createPod(c, api, pod);
    await c.advance(1_000);
    const name = (pod.metadata as { name: string }).name;
    const got = await getPod(api, name);
    expect(got.spec?.nodeName).toBeUndefined();
    expect(got.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toBe(msg);
  });

  it('a toleration lets a pod onto the control-plane node, a nodeSelector puts it there', async () => {
    const { c, api } = await start();
    await createPod(
      c,
      api,
      nginx('cp', {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    await c.advance(1_000);
    expect((await getPod(api, 'cp')).spec?.nodeName).toBe('control-plane');
  });

  it('host ports: two pods wanting the same port go to different nodes, the third waits', async () => {
    const { c, api } = await start();
    for (const n of ['hp-1', 'hp-2', 'hp-3'])
      await createPod(c, api, nginx(n, {}, { ports: [{ containerPort: 80, hostPort: 8080 }] }));
    await c.advance(1_000);
    const pods = await Promise.all(['hp-1', 'hp-2', 'hp-3'].map((n) => getPod(api, n)));
    expect(
      pods
        .filter((p) => p.spec?.nodeName)
        .map((p) => p.spec?.nodeName)
        .sort(),
    ).toEqual(['node-1', 'node-2']);
    const waiting = pods.find((p) => !p.spec?.nodeName)!;
    expect(waiting.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  it('too many pods', async () => {
    cluster = await SimCluster.start({
      seed: 3,
      nodes: [{ name: 'tiny', capacity: { cpu: '4', memory: '8Gi', pods: '1' }, podCIDR: '10.244.9.0/24' }],
    });
    const c = cluster;
    const api = c.connect('kubectl');
    await createPod(c, api, nginx('one'));
    await createPod(c, api, nginx('two'));
    await c.advance(1_000);
    const two = await getPod(api, 'two');
    const one = await getPod(api, 'one');
    const waiting = one.spec?.nodeName ? two : one;
    expect(waiting.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });
});

describe('container failures', () => {
  it('a missing image: ErrImagePull, then ImagePullBackOff', async () => {
    const { c, api } = await start();
    await createPod(c, api, nginx('bad', {}, { image: 'nginx:doesnotexist' }));
    await c.advance(8_000);
    const pod = await getPod(api, 'bad');
    expect(pod.status?.containerStatuses?.[0].state?.waiting?.reason).toMatch(
      /^(ErrImagePull|ImagePullBackOff)$/,
    );
    await c.advance(30_000);
    expect((await getPod(api, 'bad')).status?.containerStatuses?.[0].state?.waiting?.reason).toBe(
      'ImagePullBackOff',
    );
    const ev = await events(api, 'bad');
    expect(ev).toContain('Warning Failed kubelet: Error: ErrImagePull');
    expect(ev).toContain('Normal BackOff kubelet: Back-off pulling image "nginx:doesnotexist"');
    expect(ev).toContain('Warning Failed kubelet: Error: ImagePullBackOff');
  });

  it('a crashing container goes into CrashLoopBackOff with growing back-off', async () => {
    const { c, api } = await start();
    await createPod(c, api, {
      metadata: { name: 'crash' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] },
    });
    await c.advance(120_000);
    const pod = await getPod(api, 'crash');
    const cs = pod.status!.containerStatuses![0];
    expect(cs.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.restartCount).toBeGreaterThanOrEqual(3);
    expect(await events(api, 'crash')).toContain(
      `Warning BackOff kubelet: Back-off restarting failed container c in pod crash_default(${pod.metadata!.uid})`,
    );
  });

  it('a container over its memory limit is OOMKilled', async () => {
    const { c, api } = await start();
    await createPod(c, api, {
      metadata: { name: 'oom' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'stress',
            image: 'polinux/stress',
            command: ['stress'],
            args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
            resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } },
          },
        ],
      },
    });
    await c.advance(60_000);
    const pod = await getPod(api, 'oom');
    expect(pod.status?.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
    });
    expect(pod.status?.phase).toBe('Failed');
  });

  it('a deleted pod is killed gracefully and then disappears', async () => {
    const { c, api } = await start();
    await createPod(c, api, nginx('bye'));
    await c.advance(30_000);
    const del = api.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/bye' });
    await c.settle();
    expect((await del).status).toBe(200);
    const terminating = await getPod(api, 'bye');
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    expect(await events(api, 'bye')).toContain('Normal Killing kubelet: Stopping container nginx');
    await c.advance(31_000);
    const gone = await api.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/bye' });
    expect(gone.status).toBe(404);
  });
});
