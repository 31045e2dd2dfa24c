/**
 * Helpers for the kube-apiserver benchmarks: pod request bodies, creating many pods with a bounded
 * number of requests in flight, medians and percentiles. Transport-agnostic (any `ApiTransport`), so
 * Node and browser suites can share them.
 */
import type { ApiTransport } from '../../src/api/rest';
import { makeSamplePod } from './fixtures';

/** The pods collection of the default namespace. */
export const PODS_PATH = '/api/v1/namespaces/default/pods';

/** A Pod as a client would POST it: the stored sample pod without server-set fields or status. */
export function podBody(name: string, i = 0): Record<string, unknown> {
  const pod = makeSamplePod(i) as { metadata: Record<string, unknown> } & Record<string, unknown>;
  const { labels, namespace } = pod.metadata;
  pod.metadata = { name, namespace, labels };
  delete pod.status;
  return pod;
}

/**
 * POSTs one pod per name with at most `concurrency` requests in flight; resolves to the elapsed
 * milliseconds. Throws on the first response that is not 201 Created.
 */
export async function createPods(api: ApiTransport, names: string[], concurrency: number): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const i = next++;
      const res = await api.request({ method: 'POST', path: PODS_PATH, body: podBody(names[i]!, i) });
      if (res.status !== 201)
        throw new Error(`creating ${names[i]}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return performance.now() - t0;
}

/** `count` pod names `<prefix>-<from>` … `<prefix>-<from + count - 1>`. */
export function podNames(prefix: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
}

/** The value at quantile `q` (0..1) of `values`, nearest-rank (p50 of [1,2,3,4] is 2). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** The median (nearest-rank p50). */
export function median(values: number[]): number {
  return percentile(values, 0.5);
}

/** Rejects with `message` if `p` has not settled within `ms` of real time (so a lost event fails, not hangs). */
export function within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
