/**
 * kube-apiserver creates/s in Chromium: the same in-process `LocalCluster` as the Node suite (etcd on
 * the memory backend, loopback transport), run on the page's main thread, so the figure shows the
 * browser's JavaScript engine on the apiserver's create path (in the app it runs in a worker, behind
 * MessagePorts, which the Node suite's `_port` figures cover).
 */
import { LocalCluster } from '../../../src/runtime/local-cluster';
import { createPods, podNames } from '../apiserver-common';
import type { Report } from '../types';
import { ensureSetImmediate } from './set-immediate';

/** Measured creates. */
const CREATES = 5_000;
/** Unmeasured warm-up creates before them. */
const WARMUP = 500;
/** Requests in flight. */
const CONCURRENCY = 50;

/** Reports apiserver.chromium.creates_per_s. */
export async function run(report: Report): Promise<void> {
  ensureSetImmediate();
  const c = await LocalCluster.start({ noBootstrap: false });
  try {
    const api = c.connect('bench');
    await createPods(api, podNames('warm', 0, WARMUP), CONCURRENCY);
    const ms = await createPods(api, podNames('pod', 0, CREATES), CONCURRENCY);
    report('apiserver.chromium.creates_per_s', (CREATES * 1000) / ms, 'creates/s');
  } finally {
    await c.stop();
  }
}
