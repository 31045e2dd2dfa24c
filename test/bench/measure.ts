/**
 * Timing helpers shared by the Node and browser benchmarks (wall clock through `performance.now()`,
 * which both have). Not cluster code, so real time is what we want here.
 */

/** The result of timing a function. */
export interface Measurement {
  /** Timed calls (warm-up excluded). */
  iterations: number;
  /** Total timed milliseconds. */
  totalMs: number;
  /** Mean time per call in microseconds. */
  usPerOp: number;
  /** Calls per second. */
  opsPerSec: number;
}

/** Options of `measure` / `measureAsync`. */
export interface MeasureOptions {
  /** Minimum timed duration in ms (default 500). */
  minTimeMs?: number;
  /** Warm-up duration in ms before timing (default 100). */
  warmupMs?: number;
  /** Minimum timed calls (default 10). */
  minIterations?: number;
}

let blackhole: unknown;

/** The last value a measured function returned (read it so the work cannot be optimised away). */
export function sink(): unknown {
  return blackhole;
}

function result(iterations: number, totalMs: number): Measurement {
  return {
    iterations,
    totalMs,
    usPerOp: (totalMs * 1000) / iterations,
    opsPerSec: iterations / (totalMs / 1000),
  };
}

/** Times a synchronous function: runs it in growing batches until `minTimeMs` has passed. */
export function measure(fn: () => unknown, opts: MeasureOptions = {}): Measurement {
  const { minTimeMs = 500, warmupMs = 100, minIterations = 10 } = opts;
  const warmEnd = performance.now() + warmupMs;
  do blackhole = fn();
  while (performance.now() < warmEnd);
  let iterations = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minTimeMs || iterations < minIterations) {
    for (let i = 0; i < batch; i++) blackhole = fn();
    iterations += batch;
    elapsed = performance.now() - start;
    if (batch < 1 << 20) batch *= 2;
  }
  return result(iterations, elapsed);
}

/** Times an async function, one call at a time, until `minTimeMs` has passed. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  opts: MeasureOptions = {},
): Promise<Measurement> {
  const { minTimeMs = 500, warmupMs = 100, minIterations = 10 } = opts;
  const warmEnd = performance.now() + warmupMs;
  do blackhole = await fn();
  while (performance.now() < warmEnd);
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minTimeMs || iterations < minIterations) {
    blackhole = await fn();
    iterations++;
    elapsed = performance.now() - start;
  }
  return result(iterations, elapsed);
}
