/**
 * etcd put throughput in Node: group commit against serial puts on the IndexedDB backend over
 * fake-indexeddb (an in-memory IndexedDB, so it shows the cost of the store and of the IDB layer, not
 * of a disk), and raw MvccStore throughput on the memory backend.
 */
// The IDB globals (IDBRequest, IDBCursor, ...) that the `idb` wrapper tests against; the backend
// itself is handed its own factory below.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IdbBackend } from '../../../src/control-plane/etcd/idb-backend';
import { MemoryBackend } from '../../../src/control-plane/etcd/memory-backend';
import { runEtcdPutBench } from '../etcd-common';
import type { Report } from '../types';

/** Reports etcd.node.* put figures (IndexedDB via fake-indexeddb, and memory). */
export async function run(report: Report): Promise<void> {
  let db = 0;
  await runEtcdPutBench(
    'etcd.node',
    () => Promise.resolve(new IdbBackend(`kubelab-bench-${db++}`, new IDBFactory())),
    report,
    { n: 2000, runs: 5 },
  );
  const mem = await runEtcdPutBench(
    'etcd.node.memory',
    () => Promise.resolve(new MemoryBackend()),
    () => {},
    {
      n: 10_000,
      runs: 5,
    },
  );
  report('etcd.node.memory_puts_per_s', mem.groupCommitPutsPerSec, 'puts/s');
  report('etcd.node.memory_serial_puts_per_s', mem.serialPutsPerSec, 'puts/s');
}
