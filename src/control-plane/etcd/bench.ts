/**
 * A small benchmark of group commit, in the spirit of etcd's `tools/benchmark put`: n pod-sized puts
 * issued all at once (they share backend transactions) against n puts each awaited before the next
 * (one backend transaction each). Runs in Node and in a browser (only `performance.now()` is used).
 */
import { VirtualClock } from '../../runtime/clock';
import type { Backend, CommitBatch } from './backend';
import { MvccStore } from './mvcc-store';

/** Result of `benchEtcd`. */
export interface EtcdBenchResult {
  groupCommitPutsPerSec: number;
  serialPutsPerSec: number;
  /** groupCommitPutsPerSec / serialPutsPerSec. */
  ratio: number;
  /** Backend commits in the group run (KubeLab addition). */
  groupCommits: number;
  /** Backend commits in the serial run (KubeLab addition). */
  serialCommits: number;
}

/** A pod-like JSON document of about `size` bytes. */
export function podValue(i: number, size: number): string {
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: `bench-${i}`,
      namespace: 'default',
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      labels: { app: 'bench' },
      annotations: { pad: '' },
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: {} }], nodeName: 'node-1' },
    status: { phase: 'Running' },
  };
  const base = JSON.stringify(pod).length;
  pod.metadata.annotations.pad = 'x'.repeat(Math.max(0, size - base));
  return JSON.stringify(pod);
}

/** Counts the commits a backend receives. */
function counting(b: Backend): { backend: Backend; commits: () => number } {
  let n = 0;
  return {
    backend: {
      kind: b.kind,
      load: () => b.load(),
      commit: (batch: CommitBatch) => {
        n++;
        return b.commit(batch);
      },
      close: () => b.close(),
    },
    commits: () => n,
  };
}

/** Measures puts/s with group commit (n concurrent puts) and serially (each awaited). */
export async function benchEtcd(
  makeBackend: () => Promise<Backend>,
  opts: { n: number; valueSize: number },
): Promise<EtcdBenchResult> {
  const values = Array.from({ length: opts.n }, (_, i) => podValue(i, opts.valueSize));
  const key = (i: number) => `/registry/pods/default/bench-${i}`;

  const g = counting(await makeBackend());
  const gStore = await MvccStore.open({ backend: g.backend, clock: new VirtualClock() });
  const t0 = performance.now();
  await Promise.all(values.map((v, i) => gStore.put(key(i), v)));
  const groupMs = Math.max(performance.now() - t0, 0.001);
  await gStore.close();

  const s = counting(await makeBackend());
  const sStore = await MvccStore.open({ backend: s.backend, clock: new VirtualClock() });
  const t1 = performance.now();
  for (let i = 0; i < values.length; i++) await sStore.put(key(i), values[i]);
  const serialMs = Math.max(performance.now() - t1, 0.001);
  await sStore.close();

  const groupCommitPutsPerSec = (opts.n * 1000) / groupMs;
  const serialPutsPerSec = (opts.n * 1000) / serialMs;
  return {
    groupCommitPutsPerSec,
    serialPutsPerSec,
    ratio: groupCommitPutsPerSec / serialPutsPerSec,
    groupCommits: g.commits(),
    serialCommits: s.commits(),
  };
}
