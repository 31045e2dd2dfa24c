/**
 * kube-scheduler throughput in Node, as upstream scheduler_perf's SchedulingBasic (5000 nodes, 10k
 * pods; CI floor 680 pods/s), with etcd on the memory backend. Reports
 * `scheduler.node.5000nodes_10000pods` in pods/s (wall clock) and `..._per_cpu_s` (pods per CPU
 * second of the process, which a busy machine does not skew).
 */
import { runSchedulerBench } from '../scheduler-common';
import type { Report } from '../types';

const NODES = Number(process.env.KUBELAB_BENCH_NODES ?? 5_000);
const PODS = Number(process.env.KUBELAB_BENCH_PODS ?? 10_000);

/** Runs the benchmark. */
export async function run(report: Report): Promise<void> {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const r = await runSchedulerBench({ nodes: NODES, pods: PODS, cpuMs });
  console.log(
    `scheduler: ${NODES} nodes, ${PODS} pods bound in ${r.ms.toFixed(0)} ms; max pods on a node ${r.maxPodsOnANode}; process CPU ${r.cpuMs!.toFixed(0)} ms`,
  );
  report(`scheduler.node.${NODES}nodes_${PODS}pods`, r.podsPerS, 'pods/s');
  // apiserver + etcd + scheduler share one thread here; per CPU second does not depend on machine load.
  report(
    `scheduler.node.${NODES}nodes_${PODS}pods_per_cpu_s`,
    Math.round((PODS / r.cpuMs!) * 1000),
    'pods/s',
  );
}
