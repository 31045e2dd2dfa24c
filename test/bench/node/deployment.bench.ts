/**
 * A 1,000-replica Deployment from create to every pod Running on 100 simulated nodes, in Node: a
 * SimCluster (etcd on the memory backend, kube-apiserver, kube-scheduler, kube-controller-manager and
 * 100 worker kubelets with their container runtime) on the virtual clock. After the cluster has
 * started, the Deployment (nginx:1.27, no requests) is created and the clock is advanced 1 s at a
 * time until a watch on pods has seen all 1,000 Running. Reports the wall time from the create until
 * then (`controllers.node.deployment_1000_replicas_100_nodes_wall_s`), the rate
 * (`..._pods_per_s`) and, for context, the CPU seconds the process used meanwhile (`..._cpu_s`, which a
 * busy machine does not skew), the cluster time it took (`..._cluster_s`) and the start-up
 * wall time of the 100-node cluster until its add-ons (kube-proxy on every node, CoreDNS) run
 * (`controllers.node.sim_cluster_100_nodes_start_wall_s`); the add-ons are up before the create.
 * KUBELAB_BENCH_REPLICAS / KUBELAB_BENCH_WORKERS shrink it for a quick look (the names keep 1000/100).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../../src/client/rest-client';
import { setDefaultFreezeMode } from '../../../src/client/store';
import { SimCluster } from '../../../src/runtime/sim-cluster';
import type { Report } from '../types';

const REPLICAS = Number(process.env.KUBELAB_BENCH_REPLICAS ?? 1_000);
const WORKERS = Number(process.env.KUBELAB_BENCH_WORKERS ?? 100);
/** Give up after this much cluster time (the bench then throws). */
const CLUSTER_LIMIT_MS = 30 * 60_000;
const NAME = 'controllers.node.deployment_1000_replicas_100_nodes';

/** Runs the benchmark. */
export async function run(report: Report): Promise<void> {
  setDefaultFreezeMode('shallow');
  const t0 = performance.now();
  const c = await SimCluster.start({ seed: 'bench', workers: WORKERS });
  try {
    const client = new Clientset(c.connect('bench'), { from: 'bench' });
    // Let the add-ons (kube-proxy on every node, CoreDNS) come up first, so only the Deployment is measured.
    for (let i = 0; i < 300; i++) {
      const sys = await c.drive(client.pods.list('kube-system'), 0);
      if (sys.items.length > WORKERS && sys.items.every((p) => p.status?.phase === 'Running')) break;
      await c.advance(1000);
    }
    report(
      'controllers.node.sim_cluster_100_nodes_start_wall_s',
      round((performance.now() - t0) / 1000),
      's',
    );
    const running = new Set<string>();
    const list = await c.drive(client.pods.list('default'));
    const cancel = client.pods.watch(
      'default',
      { resourceVersion: list.metadata?.resourceVersion, labelSelector: 'app=web' },
      (ev) => {
        const p = ev.object as Pod;
        const name = p.metadata?.name ?? '';
        if (ev.type !== 'DELETED' && p.status?.phase === 'Running') running.add(name);
        else running.delete(name);
      },
      () => undefined,
    );
    const clusterStart = c.clock.now();
    const w0 = performance.now();
    const cpu0 = process.cpuUsage();
    const created = client.deployments.create('default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    });
    await c.drive(created, 0);
    while (running.size < REPLICAS) {
      if (c.clock.now() - clusterStart > CLUSTER_LIMIT_MS)
        throw new Error(
          `only ${running.size}/${REPLICAS} pods Running after ${CLUSTER_LIMIT_MS / 1000} s of cluster time`,
        );
      await c.advance(1000);
    }
    const wall = (performance.now() - w0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    cancel();
    report(`${NAME}_wall_s`, round(wall), 's');
    report(`${NAME}_pods_per_s`, round(REPLICAS / wall), 'pods/s');
    report(`${NAME}_cpu_s`, round(cpuS), 's');
    report(`${NAME}_cluster_s`, round((c.clock.now() - clusterStart) / 1000), 's');
  } finally {
    await c.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
