/**
 * Test helpers for the cluster controllers: a LocalCluster with a ControllerManager running only the
 * cluster controllers (no scheduler, no kubelet), and stand-ins for what the kubelet would write:
 * pod phases and readiness, node heartbeats (Lease renewals and the Ready condition).
 */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { Clientset } from '../../../src/client/rest-client';
import { ControllerManager } from '../../../src/control-plane/controller-manager/controller-manager';
import { CLUSTER_CONTROLLERS } from '../../../src/control-plane/controller-manager/controllers/cluster';
import { LocalCluster } from '../../../src/runtime/local-cluster';

/** A running cluster with the given cluster controllers. */
export interface Harness {
  c: LocalCluster;
  kcm: ControllerManager;
  client: Clientset;
  /** Awaits a request while the cluster runs. */
  call<T>(p: Promise<T>): Promise<T>;
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts etcd + apiserver + the named cluster controllers. */
export async function startHarness(only: string[]): Promise<Harness> {
  const c = await LocalCluster.start();
  const kcm = new ControllerManager({
    api: c.connect('kube-controller-manager'),
    clock: c.clock,
    rng: c.rng.fork('kcm'),
    tracer: c.tracer('kube-controller-manager'),
    descriptors: CLUSTER_CONTROLLERS,
    only,
  });
  const started = kcm.start();
  await c.settle();
  await started;
  await c.settle();
  const client = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
  const call = async <T>(p: Promise<T>): Promise<T> => {
    const out = p.then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    await c.settle();
    const r = await out;
    if (!r.ok) throw r.e;
    return r.v;
  };
  return {
    c,
    kcm,
    client,
    call,
    advance: (ms) => c.advance(ms),
    stop: async () => {
      kcm.stop();
      await c.stop();
    },
  };
}

/** Writes a pod's status as the kubelet would: phase, IP and Ready condition. */
export async function setPodStatus(
  h: Harness,
  ns: string,
  name: string,
  s: { phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'; ready?: boolean; podIP?: string },
): Promise<Pod> {
  const pod = await h.call(h.client.pods.get(ns, name));
  const t = new Date(h.c.clock.now()).toISOString().replace('.000Z', 'Z');
  const status: Pod['status'] = {
    ...pod.status,
    phase: s.phase,
    podIP: s.podIP ?? pod.status?.podIP,
    podIPs: s.podIP ? [{ ip: s.podIP }] : pod.status?.podIPs,
    conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: t }],
  };
  return h.call(h.client.pods.updateStatus({ ...pod, status }));
}

/** metav1.MicroTime. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Creates a Ready node and its Lease in kube-node-lease. */
export async function createNode(h: Harness, name: string): Promise<void> {
  const now = new Date(h.c.clock.now()).toISOString().replace('.000Z', 'Z');
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
  };
  const created = await h.call(h.client.nodes.create(undefined, node));
  const status: Node['status'] = {
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      },
    ],
  };
  await h.call(h.client.nodes.updateStatus({ ...created, status }));
  const lease: Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease' },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(h.c.clock.now()) },
  };
  await h.call(h.client.leases.create('kube-node-lease', lease));
}

/** The kubelet's heartbeat: renews the Lease and posts Ready=True. */
export async function heartbeat(h: Harness, name: string): Promise<void> {
  const iso = new Date(h.c.clock.now()).toISOString();
  const lease = await h.call(h.client.leases.get('kube-node-lease', name));
  await h.call(
    h.client.leases.update({ ...lease, spec: { ...lease.spec, renewTime: microTime(h.c.clock.now()) } }),
  );
  const node = await h.call(h.client.nodes.get(undefined, name));
  const now = iso.replace(/\.\d+Z$/, 'Z');
  const conds = (node.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
  const old = node.status?.conditions?.find((c) => c.type === 'Ready');
  conds.unshift({
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    lastHeartbeatTime: now,
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now,
  });
  await h.call(h.client.nodes.updateStatus({ ...node, status: { ...node.status, conditions: conds } }));
}

/** Events about `name` in `ns`, as `type reason message`, oldest first. */
export async function eventsFor(h: Harness, ns: string, name: string): Promise<string[]> {
  const list = await h.call(h.client.events.list(ns));
  return list.items
    .filter((e: Event) => e.involvedObject.name === name)
    .sort(
      (a, b) =>
        (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') ||
        a.metadata!.name!.localeCompare(b.metadata!.name!),
    )
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

/** A minimal pod template spec. */
export const CONTAINER = { name: 'c', image: 'busybox' };
