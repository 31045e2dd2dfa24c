/**
 * The Endpoints controller (upstream pkg/controller/endpoint, `endpoints-controller`): for every Service
 * with a selector, an Endpoints object of the same name whose subsets list the selected pods' IPs
 * (ready ones in `addresses`, the others in `notReadyAddresses`) with the target ports resolved per pod
 * (named container ports included), repacked so pods with the same ports share a subset; label
 * `service.kubernetes.io/headless` on headless Services; annotation
 * `endpoints.kubernetes.io/last-change-trigger-time`. Also writes `default/kubernetes` (upstream: the
 * apiserver's endpoint reconciler). Services without selectors are left alone.
 * Left out: the 1000-address truncation annotation, hostname/subdomain, ports ordered by name instead
 * of by hash.
 */
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  Pod,
  Service,
} from 'kubernetes-types/core/v1';
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
import { QueueController, isNotFound } from './util';

/** The subsets for a Service over its pods (upstream: per-pod subsets, then RepackSubsets). */
export function buildSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const p of servicePods(svc, pods)) {
    if (p.metadata?.deletionTimestamp && !publishNotReady) continue;
    const addr: EndpointAddress = {
      ip: p.status!.podIP!,
      nodeName: p.spec?.nodeName,
      targetRef: {
        kind: 'Pod',
        namespace: p.metadata!.namespace,
        name: p.metadata!.name,
        uid: p.metadata!.uid,
      },
    };
    if (!addr.nodeName) delete addr.nodeName;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const n = findPort(p, sp);
      if (n === undefined) continue;
      const ep: EndpointPort = { name: sp.name, port: n, protocol: sp.protocol ?? 'TCP' };
      if (!ep.name) delete ep.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if ((svc.spec?.ports?.length ?? 0) > 0 && ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const k = JSON.stringify(ports);
    const g = groups.get(k) ?? { ports, ready: [], notReady: [] };
    (publishNotReady || podReady(p) ? g.ready : g.notReady).push(addr);
    groups.set(k, g);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip, 'en', { numeric: true });
  return [...groups.values()].map((g) => {
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byIp);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length) s.ports = g.ports;
    return s;
  });
}

/** The endpoints-controller. */
export class EndpointsController extends QueueController {
  private readonly services;
  private readonly pods;
  private readonly endpoints;
  constructor(ctx: ControllerContext) {
    super(ctx, 'endpoint-controller');
    this.services = this.use(ctx.informers.informerFor(ctx.client.services));
    this.pods = this.use(ctx.informers.informerFor(ctx.client.pods));
    this.endpoints = this.use(ctx.informers.informerFor(ctx.client.endpoints));
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
    this.endpoints.addEventHandler({
      onDelete: (o) =>
        this.queue.add(`${unwrapTombstone(o).metadata!.namespace}/${unwrapTombstone(o).metadata!.name}`),
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const svc = this.services.lister().get(ns, name);
    const current = this.endpoints.lister().get(ns, name);
    if (!svc) {
      if (current)
        await this.ctx.client.endpoints.delete(ns, name).catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
      return;
    }
    let subsets: EndpointSubset[];
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
    let trigger: string | undefined;
    if (isKubernetesService(svc)) {
      subsets = [
        {
          addresses: [{ ip: APISERVER_ADDRESS.ip }],
          ports: [{ name: 'https', port: APISERVER_ADDRESS.port, protocol: 'TCP' }],
        },
      ];
      labels['endpointslice.kubernetes.io/skip-mirror'] = 'true';
    } else {
      if (!svc.spec?.selector) return;
      const pods = this.pods.lister().namespace(ns).list();
      subsets = buildSubsets(svc, pods);
      trigger = triggerTime(svc, servicePods(svc, pods));
    }
    if (isHeadless(svc)) labels['service.kubernetes.io/headless'] = '';
    if (
      current &&
      JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) &&
      JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels)
    )
      return;
    const annotations = { ...(current?.metadata?.annotations ?? {}) };
    if (trigger) annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: Object.keys(annotations).length ? annotations : undefined,
        resourceVersion: current?.metadata?.resourceVersion,
      },
      subsets: subsets.length ? subsets : undefined,
    };
    if (current) await this.ctx.client.endpoints.update(ep);
    else await this.ctx.client.endpoints.create(ns, ep);
  }
}

/** Registry entry. */
export const endpointsDescriptor: ControllerDescriptor = {
  name: 'endpoints-controller',
  workers: 5,
  create: (ctx) => new EndpointsController(ctx),
};
