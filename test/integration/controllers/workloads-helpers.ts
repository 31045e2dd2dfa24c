/**
 * Helpers of the workload controller tests: an in-process cluster on a virtual clock running only the
 * workload controllers, plus stand-ins for the components that are not running (no scheduler, no
 * kubelet): binding pods to nodes and writing pod status (Running + Ready) through the API.
 */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../../src/client/rest-client';
import { ControllerManager } from '../../../src/control-plane/controller-manager/controller-manager';
import { WORKLOAD_CONTROLLERS } from '../../../src/control-plane/controller-manager/controllers/workloads';
import { LocalCluster } from '../../../src/runtime/local-cluster';

/** A cluster with the workload controllers and a test client. */
export interface WorkloadsEnv {
  c: LocalCluster;
  client: Clientset;
  cm: ControllerManager;
  /** `reason: message` of every Event in `ns`, oldest first (by name, which embeds the time). */
  events(ns?: string, involvedName?: string): Promise<string[]>;
  /** Pods in `ns` (optionally matching a label selector), sorted by name. */
  pods(ns?: string, labelSelector?: string): Promise<Pod[]>;
  stop(): Promise<void>;
}

/** Starts etcd + apiserver + the workload controllers (only `only` when given). */
export async function startWorkloads(only?: string[]): Promise<WorkloadsEnv> {
  const c = await LocalCluster.start({ seed: 1 });
  const client = new Clientset(c.connect('test'), { from: 'test' });
  const cm = new ControllerManager({
    api: c.connect('kube-controller-manager'),
    clock: c.clock,
    rng: c.rng.fork('kcm'),
    tracer: c.tracer('kube-controller-manager'),
    descriptors: WORKLOAD_CONTROLLERS,
    only,
  });
  await cm.start();
  await c.settle();
  return {
    c,
    client,
    cm,
    async events(ns = 'default', involvedName?: string) {
      const list = await client.events.list(ns);
      return list.items
        .filter((e: Event) => !involvedName || e.involvedObject.name === involvedName)
        .sort(
          (a, b) =>
            (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') ||
            Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion),
        )
        .map((e) => `${e.reason}: ${e.message}`);
    },
    async pods(ns = 'default', labelSelector?: string) {
      const list = await client.pods.list(ns, { labelSelector });
      return list.items.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    },
    async stop() {
      cm.stop();
      await c.stop();
    },
  };
}

/** Writes pod status as a kubelet would once the containers run: phase Running, Ready (or not). */
export async function setPodStatus(
  env: WorkloadsEnv,
  pod: Pod,
  opts: { ready?: boolean; phase?: 'Pending' | 'Running' | 'Unknown'; restarts?: number } = {},
): Promise<Pod> {
  const cur = await env.client.pods.get(pod.metadata!.namespace, pod.metadata!.name!);
  const now = new Date(env.c.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ready = opts.ready ?? true;
  const phase = opts.phase ?? 'Running';
  const st = String(ready ? 'True' : 'False');
  const next: Pod = {
    ...cur,
    status: {
      ...cur.status,
      phase,
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: st, lastTransitionTime: now },
        { type: 'ContainersReady', status: st, lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: (cur.spec?.containers ?? []).map((ct) => ({
        name: ct.name,
        image: ct.image ?? '',
        imageID: '',
        ready,
        restartCount: opts.restarts ?? 0,
        started: phase === 'Running',
        state:
          phase === 'Running'
            ? { running: { startedAt: now } }
            : { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
  return env.client.pods.updateStatus(next);
}

/** Marks every active, not yet ready pod in `ns` matching `labelSelector` Running and Ready. */
export async function readyAll(env: WorkloadsEnv, ns = 'default', labelSelector?: string): Promise<number> {
  let n = 0;
  for (const p of await env.pods(ns, labelSelector)) {
    if (p.metadata?.deletionTimestamp) continue;
    if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    await setPodStatus(env, p);
    n++;
  }
  return n;
}

/** Binds a pod to a node through the binding subresource, as the scheduler does. */
export async function bindPod(env: WorkloadsEnv, pod: Pod, node: string): Promise<void> {
  await env.client.pods.bind(pod.metadata!.namespace!, pod.metadata!.name!, node);
}

/** Finishes deletion of terminating pods, as a kubelet would (delete with grace period 0). */
export async function reapTerminating(env: WorkloadsEnv, ns = 'default'): Promise<number> {
  let n = 0;
  for (const p of await env.pods(ns)) {
    if (!p.metadata?.deletionTimestamp) continue;
    await env.client.pods.delete(ns, p.metadata.name!, { gracePeriodSeconds: 0 });
    n++;
  }
  return n;
}

/** A Ready node with the given labels and taints. */
export function makeNode(name: string, labels: Record<string, string> = {}, taints: Node['spec'] = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: taints,
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  };
}
