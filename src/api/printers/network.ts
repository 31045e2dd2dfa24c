/**
 * Networking printers (pkg/printers/internalversion): Service, Endpoints, EndpointSlice, Ingress,
 * IngressClass, NetworkPolicy. The server prints wide, so load-balancer addresses are never clipped.
 */
import type { Endpoints, LoadBalancerIngress, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { col, nameCol, ageCol } from './columns';
import { doc } from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabelSelector, formatLabels, joinHostPort, listWithMore } from './format';
import { printer } from './printer';

/** loadBalancerStatusStringer (wide): the sorted, de-duplicated IPs or hostnames joined by commas. */
export function loadBalancerString(ingress: LoadBalancerIngress[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

/** getServiceExternalIP: the EXTERNAL-IP cell for each service type. */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerString(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by commas. */
export function servicePorts(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

/** Services. */
export const servicePrinter = printer<Service>(
  [
    nameCol(),
    col('Type', 'string', doc('ServiceSpec.type')),
    col('Cluster-IP', 'string', doc('ServiceSpec.clusterIP')),
    col('External-IP', 'string', doc('ServiceSpec.externalIPs')),
    col('Port(s)', 'string', doc('ServiceSpec.ports')),
    ageCol(),
    col('Selector', 'string', doc('ServiceSpec.selector'), 1),
  ],
  (o, now) => {
    // The v1 -> internal conversion fills clusterIPs from clusterIP when only the latter is set.
    const clusterIP = o.spec?.clusterIPs?.[0] ?? (o.spec?.clusterIP || '<none>');
    return [
      o.metadata?.name ?? '',
      o.spec?.type ?? 'ClusterIP',
      clusterIP,
      serviceExternalIP(o),
      servicePorts(o.spec?.ports) || '<none>',
      translateTimestampSince(o.metadata?.creationTimestamp, now),
      formatLabels(o.spec?.selector),
    ];
  },
);

/** formatEndpoints: up to three `ip:port` (or bare IPs for port-less subsets), then `+ N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** Endpoints. */
export const endpointsPrinter = printer<Endpoints>(
  [nameCol(), col('Endpoints', 'string', doc('Endpoints.subsets')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    formatEndpoints(o),
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** EndpointSlices: ADDRESSTYPE, PORTS (numbers, names or `*`) and ENDPOINTS (addresses), three at most. */
export const endpointSlicePrinter = printer<EndpointSlice>(
  [
    nameCol(),
    col('AddressType', 'string', doc('EndpointSlice.addressType')),
    col('Ports', 'string', doc('EndpointSlice.ports')),
    col('Endpoints', 'string', doc('EndpointSlice.endpoints')),
    ageCol(),
  ],
  (o, now) => {
    const max = 3;
    const ports: string[] = [];
    let pMore = false;
    let pCount = 0;
    for (const p of o.ports ?? []) {
      if (ports.length < max)
        ports.push(p.port !== undefined && p.port !== null ? String(p.port) : p.name != null ? p.name : '*');
      else pMore = true;
      pCount++;
    }
    const addrs: string[] = [];
    let aMore = false;
    let aCount = 0;
    for (const e of o.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (addrs.length < max) addrs.push(a);
        else aMore = true;
        aCount++;
      }
    }
    return [
      o.metadata?.name ?? '',
      o.addressType ?? '',
      listWithMore(ports, pMore, pCount, max),
      listWithMore(addrs, aMore, aCount, max),
      translateTimestampSince(o.metadata?.creationTimestamp, now),
    ];
  },
);

/** formatHosts: up to three rule hosts, `*` when none, then `+ N more...` (N counts rules). */
function formatHosts(rules: { host?: string }[] | undefined): string {
  const rs = rules ?? [];
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rs) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rs.length - max} more...` : ret;
}

/** Ingresses. */
export const ingressPrinter = printer<Ingress>(
  [
    nameCol(),
    col(
      'Class',
      'string',
      'The name of the IngressClass resource that should be used for additional configuration',
    ),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  (o, now) => [
    o.metadata?.name ?? '',
    o.spec?.ingressClassName ?? '<none>',
    formatHosts(o.spec?.rules),
    loadBalancerString(o.status?.loadBalancer?.ingress),
    (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** IngressClasses: PARAMETERS is `Kind.apiGroup/name` or `<none>`. */
export const ingressClassPrinter = printer<IngressClass>(
  [
    nameCol(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  (o, now) => {
    const p = o.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}`;
    return [
      o.metadata?.name ?? '',
      o.spec?.controller ?? '',
      params,
      translateTimestampSince(o.metadata?.creationTimestamp, now),
    ];
  },
);

/** NetworkPolicies. */
export const networkPolicyPrinter = printer<NetworkPolicy>(
  [nameCol(), col('Pod-Selector', 'string', doc('NetworkPolicySpec.podSelector')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    formatLabelSelector(o.spec?.podSelector ?? {}),
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);
