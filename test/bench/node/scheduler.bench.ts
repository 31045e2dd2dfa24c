/**
 * kube-scheduler throughput in Node, as upstream scheduler_perf's SchedulingBasic (5000 nodes, 10k
 * pods; CI floor 680 pods/s): etcd (memory backend) + kube-apiserver through `LocalCluster` on the
 * default VirtualClock, 5,000 Node objects created through the API (no kubelets; cpu 32, memory
 * 256Gi, pods 110), the Scheduler running in-process (leader election on, annotations off), then
 * 10,000 pods requesting cpu 100m / memory 100Mi created through the API with 50 requests in flight.
 * Measured from the first pod creation until a watch on pods has seen all 10,000 bound.
 * Reports `scheduler.node.5000nodes_10000pods` in pods/s (wall clock) and `..._per_cpu_s` (pods per
 * CPU second of the process, which a busy machine does not skew).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../../src/api/types';
import { Clientset } from '../../../src/client/rest-client';
import { setDefaultFreezeMode } from '../../../src/client/store';
import { Scheduler } from '../../../src/control-plane/scheduler/scheduler';
import { LocalCluster } from '../../../src/runtime/local-cluster';
import type { Report } from '../types';

const NODES = Number(process.env.KUBELAB_BENCH_NODES ?? 5_000);
const PODS = Number(process.env.KUBELAB_BENCH_PODS ?? 10_000);
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

/** Runs the benchmark. */
export async function run(report: Report): Promise<void> {
  // Production builds freeze informer objects shallowly; measure that configuration.
  setDefaultFreezeMode('shallow');
  const c = await LocalCluster.start();
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
  await c.settle();
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
  const cpu0 = process.cpuUsage();
  const creating = pool(PODS, CONCURRENCY, (i) => kubectl.pods.create('default', podObj(i)));
  await creating;
  const tCreated = performance.now();
  await allBound;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  cancel();
  const perNode = new Map<string, number>();
  for (const ni of scheduler.snapshot.nodes()) perNode.set(ni.name, ni.pods.length);
  console.log(
    `scheduler: ${NODES} nodes, ${PODS} pods bound in ${ms.toFixed(0)} ms (creates done after ${(tCreated - t0).toFixed(0)} ms); ` +
      `max pods on a node ${Math.max(...perNode.values())}; process CPU ${cpuMs.toFixed(0)} ms`,
  );
  report(`scheduler.node.${NODES}nodes_${PODS}pods`, Math.round((PODS / ms) * 1000), 'pods/s');
  // The same run per CPU second of this process (apiserver + etcd + scheduler share one thread), which
  // does not depend on how busy the machine is.
  report(`scheduler.node.${NODES}nodes_${PODS}pods_per_cpu_s`, Math.round((PODS / cpuMs) * 1000), 'pods/s');
  await scheduler.stop();
  await c.stop();
}
