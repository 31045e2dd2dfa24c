/**
 * The etcd put benchmark shared by the Node and browser suites: runs `benchEtcd`
 * (src/control-plane/etcd/bench.ts, after etcd's `tools/benchmark put`) on a backend, a warm-up run
 * first, then a few measured runs, and reports the run with the median ratio. Throughputs and the
 * ratio of a reported figure set always come from one and the same run.
 */
import { benchEtcd, type EtcdBenchResult } from '../../src/control-plane/etcd/bench';
import type { Backend } from '../../src/control-plane/etcd/backend';
import type { Report } from './types';

/** Options of `runEtcdPutBench`. */
export interface EtcdPutBenchOptions {
  /** Puts per run (both the group-commit and the serial half of `benchEtcd`). */
  n: number;
  /** Value size in bytes (default 2048, a pod). */
  valueSize?: number;
  /** Measured runs (default 5); the run with the median ratio is reported. */
  runs?: number;
  /** Puts in the unreported warm-up run (default n / 10, at least 50). */
  warmupN?: number;
}

/** The run whose ratio is the median of `runs`. */
export function medianRun(runs: EtcdBenchResult[]): EtcdBenchResult {
  const sorted = [...runs].sort((a, b) => a.ratio - b.ratio);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Runs `benchEtcd` on fresh backends from `makeBackend` and reports
 * `<prefix>.group_commit_ratio` (x), `<prefix>.group_commit_puts_per_s` and
 * `<prefix>.serial_puts_per_s` (puts/s), and `<prefix>.group_commit_backend_commits` (backend
 * transactions the n concurrent puts took; the serial half always takes n). Returns the reported run.
 */
export async function runEtcdPutBench(
  prefix: string,
  makeBackend: () => Promise<Backend>,
  report: Report,
  opts: EtcdPutBenchOptions,
): Promise<EtcdBenchResult> {
  const valueSize = opts.valueSize ?? 2048;
  await benchEtcd(makeBackend, { n: opts.warmupN ?? Math.max(50, Math.floor(opts.n / 10)), valueSize });
  const runs: EtcdBenchResult[] = [];
  for (let i = 0; i < (opts.runs ?? 5); i++)
    runs.push(await benchEtcd(makeBackend, { n: opts.n, valueSize }));
  const r = medianRun(runs);
  report(`${prefix}.group_commit_ratio`, r.ratio, 'x');
  report(`${prefix}.group_commit_puts_per_s`, r.groupCommitPutsPerSec, 'puts/s');
  report(`${prefix}.serial_puts_per_s`, r.serialPutsPerSec, 'puts/s');
  report(`${prefix}.group_commit_backend_commits`, r.groupCommits, 'commits');
  return r;
}
