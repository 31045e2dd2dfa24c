/**
 * The EndpointSlice controller (upstream pkg/controller/endpointslice + staging endpointslice
 * reconciler, `endpointslice-controller`): for every Service with a selector, IPv4 EndpointSlices named
 * `<service>-<5 random chars>` (generateName), labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, owned by the Service, with
 * at most 100 endpoints each; one set of slices per distinct port mapping (named target ports resolve
 * per pod); endpoint conditions ready / serving / terminating, nodeName, targetRef and the node's zone;
 * a placeholder slice with no endpoints when no pod matches. Also writes the `default/kubernetes` slice
 * (upstream: the apiserver's endpoint reconciler).
 * Left out: the reconciler's packing heuristics (slices are refilled in order), topology hints,
 * dual-stack, the max-endpoints-per-slice flag.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone } from '../../../../client/informer';
import { matches, selectorFromSet } from '../../../../api/labels';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import {
  APISERVER_ADDRESS,
  LAST_CHANGE_TRIGGER_TIME,
  findPort,
  isHeadless,
  isKubernetesService,
  podReady,
  servicePods,
  triggerTime,
} from './service-pods';
import { QueueController, isNotFound, ownerRefTo } from './util';

/** Label naming a slice's Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Label naming the slice's manager. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** This controller's manager value. */
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** Endpoints per slice (upstream --max-endpoints-per-slice default). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface Group {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** The desired endpoints of a Service, grouped by port mapping. */
export function desiredGroups(
  svc: Service,
  pods: readonly Pod[],
  zoneOf: (node: string) => string | undefined,
): Group[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, Group>();
  for (const p of servicePods(svc, pods)) {
    const terminating = !!p.metadata?.deletionTimestamp;
    const ready = podReady(p);
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const n = findPort(p, sp);
      if (n === undefined) continue;
      const ep: EndpointPort = { name: sp.name ?? '', port: n, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if ((svc.spec?.ports?.length ?? 0) > 0 && ports.length === 0) continue;
    const e: Endpoint = {
      addresses: [p.status!.podIP!],
      conditions: {
        ready: publishNotReady || (ready && !terminating),
        serving: publishNotReady || ready,
        terminating,
      },
      targetRef: {
        kind: 'Pod',
        namespace: p.metadata!.namespace,
        name: p.metadata!.name,
        uid: p.metadata!.uid,
      },
    };
    if (p.spec?.nodeName) {
      e.nodeName = p.spec.nodeName;
      const z = zoneOf(p.spec.nodeName);
      if (z) e.zone = z;
    }
    const k = JSON.stringify(ports);
    const g = groups.get(k) ?? { ports, endpoints: [] };
    g.endpoints.push(e);
    groups.set(k, g);
  }
  for (const g of groups.values())
    g.endpoints.sort((a, b) => a.addresses[0].localeCompare(b.addresses[0], 'en', { numeric: true }));
  return [...groups.values()];
}

/** The endpointslice-controller. */
export class EndpointSliceController extends QueueController {
  private readonly services;
  private readonly pods;
  private readonly slices;
  private readonly nodes;
  /** Slices created but not yet in the cache, by Service key (upstream: the endpointSliceTracker). */
  private readonly unseen = new Map<string, Set<string>>();
  constructor(ctx: ControllerContext) {
    super(ctx, 'endpoint-slice-controller');
    this.services = this.use(ctx.informers.informerFor(ctx.client.services));
    this.pods = this.use(ctx.informers.informerFor(ctx.client.pods));
    this.slices = this.use(ctx.informers.informerFor(ctx.client.endpointSlices));
    this.nodes = this.use(ctx.informers.informerFor(ctx.client.nodes));
    const add = (s: Service) => this.queue.add(`${s.metadata!.namespace}/${s.metadata!.name}`);
    this.services.addEventHandler({
      onAdd: add,
      onUpdate: (_o, n) => add(n),
      onDelete: (o) => add(unwrapTombstone(o)),
    });
    const onPod = (...ps: Pod[]) => {
      for (const s of this.services.lister().namespace(ps[0].metadata!.namespace!).list()) {
        if (!s.spec?.selector) continue;
        const sel = selectorFromSet(s.spec.selector);
        if (ps.some((p) => matches(sel, p.metadata?.labels))) add(s);
      }
    };
    this.pods.addEventHandler({
      onAdd: (p) => onPod(p),
      onUpdate: (o, n) => onPod(o, n),
      onDelete: (o) => onPod(unwrapTombstone(o)),
    });
    const onSlice = (s: EndpointSlice) => {
      const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
      if (svc) this.queue.add(`${s.metadata!.namespace}/${svc}`);
    };
    this.slices.addEventHandler({
      onAdd: (s) => {
        const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
        if (svc) this.unseen.get(`${s.metadata!.namespace}/${svc}`)?.delete(s.metadata!.name!);
      },
      onUpdate: (_o, n) => onSlice(n),
      onDelete: (o) => onSlice(unwrapTombstone(o)),
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const svc = this.services.lister().get(ns, name);
    const client = this.ctx.client.endpointSlices;
    const owned = this.slices
      .lister()
      .namespace(ns)
      .list()
      .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name);
    if (svc && isKubernetesService(svc)) {
      await this.syncKubernetes(owned.find((s) => s.metadata?.name === 'kubernetes'));
      return;
    }
    const mine = owned.filter((s) => s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    if (!svc || !svc.spec?.selector) {
      // The Service went (the garbage collector also removes owned slices) or lost its selector.
      for (const s of mine) await client.delete(ns, s.metadata!.name!).catch(ignoreNotFound);
      return;
    }
    const pending = this.unseen.get(key);
    if (pending?.size) {
      // Our own writes are not in the cache yet: try again shortly instead of acting on stale slices.
      this.queue.addAfter(key, 100);
      return;
    }
    const pods = this.pods.lister().namespace(ns).list();
    const zoneOf = (n: string) =>
      this.nodes.lister().get(undefined, n)?.metadata?.labels?.['topology.kubernetes.io/zone'];
    const groups = desiredGroups(svc, pods, zoneOf);
    const labels: Record<string, string> = {
      ...(svc.metadata?.labels ?? {}),
      [SERVICE_NAME_LABEL]: name,
      [MANAGED_BY_LABEL]: MANAGED_BY,
    };
    if (isHeadless(svc)) labels['service.kubernetes.io/headless'] = '';
    const trigger = triggerTime(svc, servicePods(svc, pods));
    const wanted: Array<{ ports: EndpointPort[]; endpoints: Endpoint[] }> = [];
    for (const g of groups)
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
        wanted.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    if (!wanted.length) wanted.push({ ports: [], endpoints: [] }); // the placeholder slice
    const byPorts = new Map<string, EndpointSlice[]>();
    for (const s of [...mine].sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))) {
      const k = JSON.stringify(s.ports ?? []);
      byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
    }
    const used = new Set<string>();
    for (const w of wanted) {
      const k = JSON.stringify(w.ports);
      const existing = (byPorts.get(k) ?? []).find((s) => !used.has(s.metadata!.name!));
      const annotations = trigger ? { [LAST_CHANGE_TRIGGER_TIME]: trigger } : undefined;
      if (existing) {
        used.add(existing.metadata!.name!);
        const same =
          JSON.stringify(existing.endpoints ?? []) === JSON.stringify(w.endpoints) &&
          JSON.stringify(existing.metadata?.labels ?? {}) === JSON.stringify(labels);
        if (same) continue;
        await client.update({
          ...existing,
          metadata: {
            ...existing.metadata,
            labels,
            annotations: { ...(existing.metadata?.annotations ?? {}), ...annotations },
          },
          endpoints: w.endpoints,
          ports: w.ports,
        });
      } else {
        const created = await client.create(ns, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels,
            annotations,
            ownerReferences: [ownerRefTo(svc, 'v1', 'Service')],
          },
          addressType: 'IPv4',
          endpoints: w.endpoints,
          ports: w.ports,
        });
        const n = created.metadata!.name!;
        if (!this.slices.lister().get(ns, n))
          this.unseen.set(key, (this.unseen.get(key) ?? new Set()).add(n));
      }
    }
    for (const s of mine)
      if (!used.has(s.metadata!.name!)) await client.delete(ns, s.metadata!.name!).catch(ignoreNotFound);
  }

  private async syncKubernetes(current: EndpointSlice | undefined): Promise<void> {
    const want: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME_LABEL]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [APISERVER_ADDRESS.ip], conditions: { ready: true } }],
      ports: [{ name: 'https', port: APISERVER_ADDRESS.port, protocol: 'TCP' }],
    };
    if (!current) {
      await this.ctx.client.endpointSlices.create('default', want);
      return;
    }
    if (
      JSON.stringify(current.endpoints) === JSON.stringify(want.endpoints) &&
      JSON.stringify(current.ports) === JSON.stringify(want.ports)
    )
      return;
    await this.ctx.client.endpointSlices.update({
      ...want,
      metadata: { ...want.metadata, resourceVersion: current.metadata?.resourceVersion },
    });
  }
}

function ignoreNotFound(e: unknown): void {
  if (!isNotFound(e)) throw e;
}

/** Registry entry. */
export const endpointSliceDescriptor: ControllerDescriptor = {
  name: 'endpointslice-controller',
  workers: 5,
  create: (ctx) => new EndpointSliceController(ctx),
};
