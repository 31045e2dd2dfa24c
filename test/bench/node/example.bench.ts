/** Example Node benchmark: JSON encode/decode of a pod-sized object (proves the bench harness). */
import { makeSamplePod } from '../fixtures';
import { measure } from '../measure';
import type { Report } from '../types';

/** Reports JSON.stringify / JSON.parse throughput for one Pod. */
export async function run(report: Report): Promise<void> {
  const pod = makeSamplePod(1);
  const text = JSON.stringify(pod);
  report('pod JSON size', text.length, 'bytes');
  const enc = measure(() => JSON.stringify(pod));
  report('JSON.stringify pod', enc.opsPerSec, 'ops/s');
  const dec = measure(() => JSON.parse(text));
  report('JSON.parse pod', dec.opsPerSec, 'ops/s');
}
