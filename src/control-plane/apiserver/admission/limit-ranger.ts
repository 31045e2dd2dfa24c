/**
 * LimitRanger: applies a namespace's LimitRange defaults (`default` → limits, `defaultRequest` →
 * requests) to containers that lack them, and refuses pods outside `min`/`max`/`maxLimitRequestRatio`,
 * with upstream's messages and the `kubernetes.io/limit-ranger` annotation.
 *
 * Left out: PersistentVolumeClaim limits.
 */
import { errors } from '../../../api/errors';
import { parseQuantity, toNumber } from '../../../api/quantity';
import type { KubeObject } from '../../../api/types';
import type { AdmissionPlugin } from './types';

interface LimitItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}
interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

const q = (s: string | number) => toNumber(parseQuantity(s));

/** Fills a container's missing requests and limits; returns the annotation parts (upstream mergeContainerResources). */
function mergeContainer(
  c: Container,
  requests: Record<string, string>,
  limits: Record<string, string>,
  prefix: string,
): string[] {
  const res = (c.resources ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(limits)) {
    if (res.limits?.[k] === undefined) {
      (res.limits ??= {})[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(requests)) {
    if (res.requests?.[k] === undefined) {
      (res.requests ??= {})[k] = v;
      setRequests.push(k);
    }
  }
  const out: string[] = [];
  if (setRequests.length) out.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) out.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  return out;
}

/** The LimitRanger plugin. */
export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(a, ctx) {
    if (a.info.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource || !a.object) return;
    const ranges = ctx.list('limitranges', '', a.namespace);
    if (!ranges.length) return;
    const spec = (a.object.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
    // Each LimitRange applies its container defaults in turn; the annotation names what the last one set.
    for (const lr of ranges) {
      const requests: Record<string, string> = {};
      const limits: Record<string, string> = {};
      for (const item of ((lr.spec as { limits?: LimitItem[] })?.limits ?? []).filter(
        (l) => l.type === 'Container',
      )) {
        Object.assign(requests, item.defaultRequest ?? {});
        Object.assign(limits, item.default ?? {});
      }
      if (!Object.keys(requests).length && !Object.keys(limits).length) continue;
      const notes: string[] = [];
      for (const c of spec.containers ?? []) notes.push(...mergeContainer(c, requests, limits, 'container'));
      for (const c of spec.initContainers ?? [])
        notes.push(...mergeContainer(c, requests, limits, 'init container'));
      if (notes.length) {
        const ann = (a.object.metadata.annotations ??= {});
        ann['kubernetes.io/limit-ranger'] = `LimitRanger plugin set: ${notes.join('; ')}`;
      }
    }
  },
  validate(a, ctx) {
    if (a.info.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource || !a.object) return;
    const ranges = ctx.list('limitranges', '', a.namespace);
    if (!ranges.length) return;
    const problems = limitProblems(a.object, ranges);
    if (problems.length) {
      throw errors.forbidden(
        { group: '', resource: 'pods' },
        a.name,
        problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`,
      );
    }
  },
};

/** Every violation of the ranges by the pod's containers, in upstream's wording. */
export function limitProblems(pod: KubeObject, ranges: KubeObject[]): string[] {
  const out: string[] = [];
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  for (const lr of ranges) {
    for (const item of (lr.spec as { limits?: LimitItem[] })?.limits ?? []) {
      if (item.type !== 'Container') continue;
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        const req = c.resources?.requests ?? {};
        const lim = c.resources?.limits ?? {};
        for (const [k, min] of Object.entries(item.min ?? {})) {
          if (req[k] === undefined)
            out.push(`minimum ${k} usage per Container is ${min}.  No request is specified`);
          else if (q(req[k]) < q(min))
            out.push(`minimum ${k} usage per Container is ${min}, but request is ${req[k]}`);
          else if (lim[k] !== undefined && q(lim[k]) < q(min))
            out.push(`minimum ${k} usage per Container is ${min}, but limit is ${lim[k]}`);
        }
        for (const [k, max] of Object.entries(item.max ?? {})) {
          if (lim[k] === undefined)
            out.push(`maximum ${k} usage per Container is ${max}.  No limit is specified`);
          else if (q(lim[k]) > q(max))
            out.push(`maximum ${k} usage per Container is ${max}, but limit is ${lim[k]}`);
          else if (req[k] !== undefined && q(req[k]) > q(max))
            out.push(`maximum ${k} usage per Container is ${max}, but request is ${req[k]}`);
        }
        for (const [k, ratio] of Object.entries(item.maxLimitRequestRatio ?? {})) {
          if (req[k] === undefined || q(req[k]) === 0) {
            out.push(
              `${k} max limit to request ratio per Container is ${ratio}, but no request is specified or request is 0`,
            );
            continue;
          }
          if (lim[k] === undefined || q(lim[k]) === 0) {
            out.push(
              `${k} max limit to request ratio per Container is ${ratio}, but no limit is specified or limit is 0`,
            );
            continue;
          }
          const r = q(lim[k]) / q(req[k]);
          if (r > q(ratio))
            out.push(
              `${k} max limit to request ratio per Container is ${ratio}, but provided ratio is ${r.toFixed(6)}`,
            );
        }
      }
    }
  }
  return out;
}
