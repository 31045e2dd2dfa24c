/**
 * kube-scheduler throughput in Chromium with etcd on IndexedDB (group commit): 500 nodes, 1,000
 * pods, everything in the page's main thread. Reports `scheduler.chromium.500nodes_1000pods`.
 */
import { IdbBackend } from '../../../src/control-plane/etcd/idb-backend';
import { runSchedulerBench } from '../scheduler-common';
import type { Report } from '../types';
import { ensureSetImmediate } from './set-immediate';

/** Runs the benchmark. */
export async function run(report: Report): Promise<void> {
  ensureSetImmediate();
  const db = `kubelab-bench-scheduler-${performance.now().toFixed(0)}`;
  const r = await runSchedulerBench({ nodes: 500, pods: 1_000, backend: new IdbBackend(db) });
  report('scheduler.chromium.500nodes_1000pods', r.podsPerS, 'pods/s');
  await new Promise<void>((resolve) => {
    const del = indexedDB.deleteDatabase(db);
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  });
}
