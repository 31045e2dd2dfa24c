/**
 * The scheduler_perf SchedulingBasic shape, shared by the Node and Chromium benches: Node objects
 * with capacity created through the API (no kubelets), the Scheduler running in-process (leader
 * election on, annotations off), then pods with requests created through the API, 50 in flight,
 * measured from the first pod creation until a watch has seen every pod bound.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../src/api/types';
import { Clientset } from '../../src/client/rest-client';
import { setDefaultFreezeMode } from '../../src/client/store';
import { Scheduler } from '../../src/control-plane/scheduler/scheduler';
import type { Backend } from '../../src/control-plane/etcd/backend';
import { LocalCluster } from '../../src/runtime/local-cluster';

const CONCURRENCY = 50;

function nodeObj(i: number): Node {
  const name = `node-${i}`;
  const res = { cpu: '32', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function podObj(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'registry.k8s.io/pause:3.10',
          resources: { requests: { cpu: '100m', memory: '100Mi' } },
        },
      ],
    },
  };
}

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, worker));
}

/** Result of one run. */
export interface SchedulerBenchResult {
  ms: number;
  podsPerS: number;
  maxPodsOnANode: number;
}

/** Schedules `pods` pods onto `nodes` nodes through the apiserver and etcd (`backend`, memory by default). */
export async function runSchedulerBench(o: {
  nodes: number;
  pods: number;
  backend?: Backend;
  cpuMs?: () => number;
}): Promise<SchedulerBenchResult & { cpuMs?: number }> {
  const NODES = o.nodes;
  const PODS = o.pods;
  // Production builds freeze informer objects shallowly; measure that configuration.
  setDefaultFreezeMode('shallow');
  const c = await LocalCluster.start({ backend: o.backend });
  const kubectl = new Clientset(c.connect('bench'), { from: 'bench' });
  await pool(NODES, CONCURRENCY, (i) => kubectl.nodes.create(undefined, nodeObj(i)));

  const scheduler = new Scheduler({
    api: c.connect('kube-scheduler'),
    clock: c.clock,
    rng: c.rng.fork('kube-scheduler'),
    tracer: c.tracer('kube-scheduler'),
    recordAnnotations: false,
    onError: (m) => console.error(m),
  });
  await scheduler.start();
  // With IndexedDB the commits finish outside the virtual clock: give the leader election real time.
  for (let i = 0; i < 500 && !scheduler.isRunning; i++) {
    await c.settle();
    if (!scheduler.isRunning) await new Promise((r) => setTimeout(r, 10));
  }
  if (!scheduler.isRunning) throw new Error('the scheduler did not become leader');

  const rv = (await kubectl.pods.list('default', { limit: 1 })).metadata?.resourceVersion;
  let bound = 0;
  let done!: () => void;
  const allBound = new Promise<void>((r) => (done = r));
  const seen = new Set<string>();
  const cancel = kubectl.pods.watch(
    'default',
    { resourceVersion: rv },
    (ev: WatchEvent<Pod>) => {
      const p = ev.object;
      if (ev.type !== 'MODIFIED' || !p.spec?.nodeName) return;
      const name = p.metadata!.name!;
      if (seen.has(name)) return;
      seen.add(name);
      if (++bound === PODS) done();
    },
    (err) => {
      if (err) console.error('pod watch ended', err);
    },
  );

  const t0 = performance.now();
  const cpu0 = o.cpuMs?.();
  const creating = pool(PODS, CONCURRENCY, (i) => kubectl.pods.create('default', podObj(i)));
  await creating;
  const tCreated = performance.now();
  await allBound;
  const ms = performance.now() - t0;
  const cpuMs = cpu0 === undefined ? undefined : o.cpuMs!() - cpu0;
  cancel();
  const perNode = new Map<string, number>();
  for (const ni of scheduler.snapshot.nodes()) perNode.set(ni.name, ni.pods.length);
  void tCreated;
  await scheduler.stop();
  await c.stop();
  return {
    ms,
    podsPerS: Math.round((PODS / ms) * 1000),
    maxPodsOnANode: Math.max(...perNode.values()),
    cpuMs,
  };
}
