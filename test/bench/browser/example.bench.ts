/**
 * Example browser benchmark: JSON encode of a pod-sized object, generateName suffixes from
 * src/runtime/rng, and a postMessage round trip through a bundled module Web Worker (proves the page
 * can import from test/ and src/ and bundle workers).
 */
import { randomSuffix, SeededRng } from '../../../src/runtime/rng';
import { makeSamplePod } from '../fixtures';
import { measure, measureAsync } from '../measure';
import type { Report } from '../types';

/** Reports JSON.stringify and name-suffix throughput, and worker round-trip latency for one Pod. */
export async function run(report: Report): Promise<void> {
  const pod = makeSamplePod(1);
  const enc = measure(() => JSON.stringify(pod));
  report('JSON.stringify pod', enc.opsPerSec, 'ops/s');

  const rng = new SeededRng(42);
  const names = measure(() => randomSuffix(rng));
  report('generateName suffix (src/runtime/rng)', names.opsPerSec, 'ops/s');

  const worker = new Worker(new URL('./echo.worker.ts', import.meta.url), { type: 'module' });
  try {
    const roundTrip = (): Promise<unknown> =>
      new Promise((resolve, reject) => {
        worker.onmessage = (e: MessageEvent) => resolve(e.data);
        worker.onerror = (e: ErrorEvent) => reject(new Error(e.message));
        worker.postMessage(pod);
      });
    const rt = await measureAsync(roundTrip, { minTimeMs: 300 });
    report('worker postMessage round trip (pod)', rt.usPerOp, 'µs/op');
  } finally {
    worker.terminate();
  }
}
