/**
 * etcd put throughput in real Chromium on the IndexedDB backend (the storage the app uses): group
 * commit (puts issued together share one readwrite transaction) against serial puts (one transaction
 * each). Every backend gets a fresh database, deleted afterwards.
 */
import { IdbBackend } from '../../../src/control-plane/etcd/idb-backend';
import { runEtcdPutBench } from '../etcd-common';
import type { Report } from '../types';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

/** Reports etcd.chromium.* put figures. */
export async function run(report: Report): Promise<void> {
  const names: string[] = [];
  const stamp = `${Date.now().toString(36)}-${Math.floor(performance.now())}`;
  try {
    await runEtcdPutBench(
      'etcd.chromium',
      () => {
        const name = `kubelab-bench-${stamp}-${names.length}`;
        names.push(name);
        return Promise.resolve(new IdbBackend(name));
      },
      report,
      { n: 2000, runs: 5 },
    );
  } finally {
    for (const n of names) await deleteDatabase(n);
  }
}
