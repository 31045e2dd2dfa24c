/**
 * ResourceQuota admission: refuses a create that would take a namespace's usage over a quota's
 * `spec.hard`, with upstream's `exceeded quota` / `failed quota` messages. Usage is computed from the
 * watch cache at admission time (upstream reads the quota's status and updates it in the same request;
 * the quota controller keeps `status.used` for `kubectl describe quota`).
 *
 * Left out: scopes and scope selectors, extended resources.
 */
import { errors } from '../../../api/errors';
import { parseQuantity, toNumber } from '../../../api/quantity';
import type { KubeObject } from '../../../api/types';
import type { AdmissionContext, AdmissionPlugin } from './types';

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** Resources counted by object count, by plural. */
const COUNTED: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

function podTerminal(p: KubeObject): boolean {
  const phase = (p.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Compute-resource usage of one pod for a quota resource name (requests.cpu, limits.memory, cpu, ...). */
function podUsage(pod: KubeObject, res: string): number {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const [kind, name] = res.includes('.') ? (res.split('.', 2) as [string, string]) : ['requests', res];
  if (kind !== 'requests' && kind !== 'limits') return 0;
  const sum = (cs: Container[] | undefined) =>
    (cs ?? []).reduce((acc, c) => {
      const v = c.resources?.[kind]?.[name];
      return acc + (v === undefined ? 0 : toNumber(parseQuantity(v)));
    }, 0);
  const initMax = (spec.initContainers ?? []).reduce((m, c) => {
    const v = c.resources?.[kind]?.[name];
    return Math.max(m, v === undefined ? 0 : toNumber(parseQuantity(v)));
  }, 0);
  return Math.max(sum(spec.containers), initMax);
}

function missing(pod: KubeObject, res: string): string[] {
  const spec = (pod.spec ?? {}) as { containers?: Container[] };
  const [kind, name] = res.includes('.') ? (res.split('.', 2) as [string, string]) : ['requests', res];
  if (kind !== 'requests' && kind !== 'limits') return [];
  return (spec.containers ?? []).filter((c) => c.resources?.[kind]?.[name] === undefined).map((c) => c.name);
}

const COMPUTE = /^(requests\.|limits\.)?(cpu|memory|ephemeral-storage)$/;

/** Formats a usage number for messages the way quantities print (cpu in m when fractional). */
function fmt(res: string, n: number): string {
  if (/cpu$/.test(res)) return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
  if (/memory|storage$/.test(res)) {
    const units: Array<[string, number]> = [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ];
    for (const [u, m] of units) if (n >= m && n % m === 0) return `${n / m}${u}`;
  }
  return String(n);
}

function usage(ctx: AdmissionContext, ns: string, res: string): number {
  if (res in COUNTED || res.startsWith('count/')) {
    const plural = res.startsWith('count/') ? res.slice(6).split('.')[0] : COUNTED[res];
    const group = res.startsWith('count/') ? res.slice(6).split('.').slice(1).join('.') : '';
    const items = ctx.list(plural, group, ns);
    return plural === 'pods' ? items.filter((p) => !podTerminal(p)).length : items.length;
  }
  if (COMPUTE.test(res)) {
    return ctx
      .list('pods', '', ns)
      .filter((p) => !podTerminal(p))
      .reduce((acc, p) => acc + podUsage(p, res), 0);
  }
  if (res === 'services.nodeports' || res === 'services.loadbalancers') {
    const type = res === 'services.nodeports' ? 'NodePort' : 'LoadBalancer';
    return ctx.list('services', '', ns).filter((s) => (s.spec as { type?: string })?.type === type).length;
  }
  return 0;
}

function requested(obj: KubeObject, resource: string, group: string, res: string): number {
  if (res === resource && COUNTED[res]) return 1;
  if (res.startsWith('count/')) {
    const want = res.slice(6);
    return want === (group ? `${resource}.${group}` : resource) ? 1 : 0;
  }
  if (resource === 'pods' && COMPUTE.test(res)) return podUsage(obj, res);
  if (resource === 'services') {
    const type = (obj.spec as { type?: string })?.type;
    if (res === 'services.nodeports' && (type === 'NodePort' || type === 'LoadBalancer')) return 1;
    if (res === 'services.loadbalancers' && type === 'LoadBalancer') return 1;
  }
  return 0;
}

/** The ResourceQuota plugin. */
export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(a, ctx) {
    if (a.operation !== 'CREATE' || a.subresource || !a.object || !a.namespace) return;
    const quotas = ctx.list('resourcequotas', '', a.namespace);
    if (!quotas.length) return;
    const gr = { group: a.info.group, resource: a.info.resource };
    for (const quota of quotas) {
      const hard = ((quota.spec as { hard?: Record<string, string> })?.hard ?? {}) as Record<string, string>;
      const names = Object.keys(hard).sort();
      if (a.info.resource === 'pods') {
        const lacking: string[] = [];
        for (const res of names) {
          if (!COMPUTE.test(res)) continue;
          const who = missing(a.object, res);
          if (who.length)
            lacking.push(`${res.includes('.') ? res : `requests.${res}`} for: ${who.join(',')}`);
        }
        if (lacking.length) {
          throw errors.forbidden(
            gr,
            a.name,
            `failed quota: ${quota.metadata.name}: must specify ${lacking.join('; ')}`,
          );
        }
      }
      const over: string[] = [];
      const req: string[] = [];
      const used: string[] = [];
      const lim: string[] = [];
      for (const res of names) {
        const want = requested(a.object, a.info.resource, a.info.group, res);
        if (!want) continue;
        const now = usage(ctx, a.namespace, res);
        const limit = toNumber(parseQuantity(hard[res]));
        if (now + want > limit + 1e-9) {
          over.push(res);
          req.push(`${res}=${fmt(res, want)}`);
          used.push(`${res}=${fmt(res, now)}`);
          lim.push(`${res}=${hard[res]}`);
        }
      }
      if (over.length) {
        throw errors.forbidden(
          gr,
          a.name,
          `exceeded quota: ${quota.metadata.name}, requested: ${req.join(',')}, used: ${used.join(',')}, limited: ${lim.join(',')}`,
        );
      }
    }
  },
};
