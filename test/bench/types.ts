/**
 * The contract of a benchmark module (test/bench/node/*.bench.ts and test/bench/browser/*.bench.ts):
 * it exports `run(report)` and reports figures; scripts/bench.mjs collects and prints them.
 */

/** Reports one figure, e.g. report('JSON.stringify pod', 51234, 'ops/s'). */
export type Report = (name: string, value: number, unit: string) => void;

/** A benchmark module. */
export interface BenchModule {
  /** Runs the benchmark and reports its figures. */
  run(report: Report): Promise<void>;
}

/** One reported figure, as scripts/bench.mjs prints and writes it (`suite` is e.g. "node/example"). */
export interface BenchFigure {
  suite: string;
  name: string;
  value: number;
  unit: string;
}
