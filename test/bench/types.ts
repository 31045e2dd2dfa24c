/**
 * The contract of a benchmark module (test/bench/node/*.bench.ts and test/bench/browser/*.bench.ts):
 * it exports `run(report)` and reports figures; scripts/bench.mjs collects and prints them.
 */

/**
 * Reports one figure under its full, final name (used as-is in the table and the JSON output), e.g.
 * report('etcd.node.serial_puts_per_s', 9504, 'puts/s').
 */
export type Report = (name: string, value: number, unit: string) => void;

/** A benchmark module. */
export interface BenchModule {
  /** Runs the benchmark and reports its figures. */
  run(report: Report): Promise<void>;
}

/** One reported figure, as scripts/bench.mjs prints and writes it (`suite` is e.g. "node/etcd"). */
export interface BenchFigure {
  suite: string;
  name: string;
  value: number;
  unit: string;
}
