/**
 * KubeLab's simulated resource metrics (stands in for metrics-server and the kubelet's cAdvisor stats,
 * which KubeLab does not run). The contract, usable by the HPA, `kubectl top` and lessons:
 *  - a pod's CPU usage is the quantity in its annotation `kubelab.dev/cpu-usage` (e.g. `250m`);
 *  - else the sum of its containers' CPU requests × a load factor: the pod's annotation `kubelab.dev/load`
 *    (e.g. `0.8`, usually set in a Deployment's pod template), else the workload's own
 *    `kubelab.dev/load` annotation (the HPA passes its scale target's), else 0.1 (10 % of requests);
 *  - memory likewise with `kubelab.dev/memory-usage` and memory requests.
 * Usage of a pod without requests and without an explicit usage annotation is 0.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, toMilli, toNumber } from '../../../../api/quantity';

/** Pod annotation with the pod's CPU usage (a quantity). */
export const CPU_USAGE_ANNOTATION = 'kubelab.dev/cpu-usage';
/** Pod annotation with the pod's memory usage (a quantity). */
export const MEMORY_USAGE_ANNOTATION = 'kubelab.dev/memory-usage';
/** Pod (template) or workload annotation: usage as a fraction of requests. */
export const LOAD_ANNOTATION = 'kubelab.dev/load';
/** Load factor when nothing says otherwise. */
export const DEFAULT_LOAD = 0.1;

function loadFactor(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Sum of the containers' requests of `resource`, in millicores (cpu) or bytes (memory). */
export function podRequests(pod: Pod, resource: 'cpu' | 'memory'): { total: number; missing: string[] } {
  let total = 0;
  const missing: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    const q = c.resources?.requests?.[resource];
    if (q === undefined) {
      missing.push(c.name);
      continue;
    }
    const parsed = parseQuantity(String(q));
    total += resource === 'cpu' ? toMilli(parsed) : toNumber(parsed);
  }
  return { total, missing };
}

/**
 * A pod's simulated usage of `resource`: millicores for cpu, bytes for memory. `workloadLoad` is the
 * scale target's `kubelab.dev/load` annotation, if any.
 */
export function podUsage(pod: Pod, resource: 'cpu' | 'memory', workloadLoad?: string): number {
  const ann = pod.metadata?.annotations ?? {};
  const explicit = ann[resource === 'cpu' ? CPU_USAGE_ANNOTATION : MEMORY_USAGE_ANNOTATION];
  if (explicit !== undefined) {
    try {
      const q = parseQuantity(explicit);
      return resource === 'cpu' ? toMilli(q) : toNumber(q);
    } catch {
      // an unparseable annotation falls back to the load factor
    }
  }
  const load = loadFactor(ann[LOAD_ANNOTATION]) ?? loadFactor(workloadLoad) ?? DEFAULT_LOAD;
  const usage = podRequests(pod, resource).total * load;
  return Math.round(usage);
}
