/**
 * The ResourceQuota controller (upstream pkg/controller/resourcequota, `resourcequota-controller`):
 * keeps `status.hard` (= spec.hard) and `status.used` of every quota, counting as the apiserver's
 * ResourceQuota admission does (object counts, `count/<resource>[.<group>]`, compute requests/limits
 * of non-terminal pods, `requests.storage` of claims, NodePort/LoadBalancer services). The counting
 * mirrors src/control-plane/apiserver/admission/resource-quota.ts (components may not import each
 * other). Re-counts when a counted object in the namespace changes.
 * Left out: scopes, extended resources, the 5-minute full resync.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { fromMilli, fromValue, parseQuantity, quantityToString, toNumber } from '../../../../api/quantity';
import { findResource } from '../../../../api/resources';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone, type SharedInformer } from '../../../../client/informer';
import type { ApiObject } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, clone } from './util';

/** Resource names counted by object count. */
const COUNTED: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

const COMPUTE = /^(requests\.|limits\.)?(cpu|memory|ephemeral-storage)$/;

interface Container {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

interface Obj extends ApiObject {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

function terminal(p: Obj): boolean {
  const ph = p.status?.phase;
  return ph === 'Succeeded' || ph === 'Failed';
}

/** A pod's usage of `requests.cpu`, `limits.memory`, `cpu`, ... (max of the sum and any init container). */
export function podUsage(pod: Obj, res: string): number {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const [kind, name] = res.includes('.') ? (res.split('.', 2) as [string, string]) : ['requests', res];
  if (kind !== 'requests' && kind !== 'limits') return 0;
  const one = (c: Container) => {
    const v = c.resources?.[kind]?.[name];
    return v === undefined ? 0 : toNumber(parseQuantity(v));
  };
  const sum = (spec.containers ?? []).reduce((a, c) => a + one(c), 0);
  const initMax = (spec.initContainers ?? []).reduce((m, c) => Math.max(m, one(c)), 0);
  return Math.max(sum, initMax);
}

/** Prints a usage value the way the quota's hard value for the same resource would print. */
export function formatUsage(res: string, n: number): string {
  if (/cpu$/.test(res)) return quantityToString(fromMilli(Math.round(n * 1000)));
  if (/memory|storage$/.test(res)) {
    for (const [u, m] of [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const)
      if (n >= m && n % m === 0) return `${n / m}${u}`;
    return quantityToString(fromValue(Math.round(n)));
  }
  return String(Math.round(n));
}

/** The resourcequota-controller. */
export class ResourceQuotaController extends QueueController {
  private readonly quotas;
  private readonly informers = new Map<string, SharedInformer<Obj>>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'resourcequota-controller');
    this.quotas = this.use(
      ctx.informers.informerFor(ctx.client.resource<ResourceQuota>('', 'v1', 'resourcequotas')),
    );
    const add = (q: ResourceQuota) => this.queue.add(`${q.metadata!.namespace}/${q.metadata!.name}`);
    this.quotas.addEventHandler({
      onAdd: add,
      onUpdate: (o, n) => JSON.stringify(o.spec) !== JSON.stringify(n.spec) && add(n),
    });
    for (const r of [
      'pods',
      'services',
      'configmaps',
      'secrets',
      'persistentvolumeclaims',
      'replicationcontrollers',
    ]) {
      const inf = this.use(ctx.informers.informerFor(ctx.client.resource<Obj>('', 'v1', r)));
      this.informers.set(r, inf);
      const touch = (o: Obj) => {
        for (const q of this.quotas.lister().namespace(o.metadata!.namespace!).list()) add(q);
      };
      inf.addEventHandler({
        onAdd: touch,
        onUpdate: (_o, n) => touch(n),
        onDelete: (o) => touch(unwrapTombstone(o)),
      });
    }
  }

  private list(resource: string, group: string, ns: string): Obj[] {
    const inf = group ? undefined : this.informers.get(resource);
    if (inf) return inf.lister().namespace(ns).list();
    const info = findResource(group, resource);
    if (!info) return [];
    // Other kinds (count/deployments.apps, ...): an informer started on first use.
    const key = `${group}/${resource}`;
    let extra = this.informers.get(key);
    if (!extra) {
      extra = this.ctx.informers.informerFor(this.ctx.client.forInfo<Obj>(info));
      this.informers.set(key, extra);
      extra.addEventHandler({
        onAdd: (o) => this.touchNamespace(o),
        onUpdate: (_o, n) => this.touchNamespace(n),
        onDelete: (o) => this.touchNamespace(unwrapTombstone(o)),
      });
      this.ctx.informers.start();
    }
    return extra.lister().namespace(ns).list();
  }

  private touchNamespace(o: Obj): void {
    for (const q of this.quotas.lister().namespace(o.metadata!.namespace!).list())
      this.queue.add(`${q.metadata!.namespace}/${q.metadata!.name}`);
  }

  /** Current usage of one quota resource name in `ns`. */
  usage(ns: string, res: string): number {
    if (res in COUNTED || res.startsWith('count/')) {
      const plural = res.startsWith('count/') ? res.slice(6).split('.')[0] : COUNTED[res];
      const group = res.startsWith('count/') ? res.slice(6).split('.').slice(1).join('.') : '';
      const items = this.list(plural, group, ns);
      return plural === 'pods' ? items.filter((p) => !terminal(p)).length : items.length;
    }
    if (COMPUTE.test(res))
      return this.list('pods', '', ns)
        .filter((p) => !terminal(p))
        .reduce((a, p) => a + podUsage(p, res), 0);
    if (res === 'requests.storage')
      return this.list('persistentvolumeclaims', '', ns).reduce((a, c) => {
        const v = (c.spec?.resources as { requests?: Record<string, string> } | undefined)?.requests?.storage;
        return a + (v ? toNumber(parseQuantity(v)) : 0);
      }, 0);
    if (res === 'services.nodeports' || res === 'services.loadbalancers') {
      const types = res === 'services.nodeports' ? ['NodePort', 'LoadBalancer'] : ['LoadBalancer'];
      return this.list('services', '', ns).filter((s) => types.includes(String(s.spec?.type))).length;
    }
    return 0;
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.quotas.lister().get(ns, name);
    if (!cached) return;
    const q = clone(cached);
    const hard = { ...(q.spec?.hard ?? {}) } as Record<string, string>;
    const used: Record<string, string> = {};
    for (const res of Object.keys(hard).sort()) used[res] = formatUsage(res, this.usage(ns, res));
    const same = (a: Record<string, unknown> | undefined, b: Record<string, string>) =>
      JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort());
    if (same(q.status?.hard, hard) && same(q.status?.used, used)) return;
    await this.ctx.client
      .resource<ResourceQuota>('', 'v1', 'resourcequotas')
      .updateStatus({ ...q, status: { hard, used } });
  }
}

/** Registry entry. */
export const resourceQuotaDescriptor: ControllerDescriptor = {
  name: 'resourcequota-controller',
  workers: 5,
  create: (ctx) => new ResourceQuotaController(ctx),
};
