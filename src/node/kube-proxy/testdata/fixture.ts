/**
 * The small cluster the golden test and the routing tests share: the `kubernetes` service, a ClusterIP
 * service with three endpoints (one not ready, one terminating-but-serving on another slice), a
 * NodePort service, a service with no endpoints, a headless and an ExternalName service (no rules).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

/** A Service as the apiserver stores it (defaults filled in). */
export function service(
  ns: string,
  name: string,
  spec: Partial<NonNullable<Service['spec']>>,
  status?: Service['status'],
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: ns, name },
    spec: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ...spec },
    status: status ?? { loadBalancer: {} },
  };
}

/** One endpoint of a slice. */
export interface Ep {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

/** An EndpointSlice as the EndpointSlice controller writes it. */
export function slice(
  ns: string,
  svc: string,
  name: string,
  ports: Array<{ name?: string; port: number; protocol?: string }>,
  eps: Ep[],
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: ns, name, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      nodeName: e.node,
      conditions: {
        ready: e.ready ?? true,
        serving: e.serving ?? e.ready ?? true,
        terminating: e.terminating ?? false,
      },
    })),
  };
}

/** Services of the fixture. */
export const services: Service[] = [
  service('default', 'kubernetes', {
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1'],
    ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
  }),
  service('default', 'web', {
    clusterIP: '10.96.12.34',
    clusterIPs: ['10.96.12.34'],
    selector: { app: 'web' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  }),
  service('default', 'shop', {
    type: 'NodePort',
    clusterIP: '10.96.45.6',
    clusterIPs: ['10.96.45.6'],
    externalTrafficPolicy: 'Cluster',
    selector: { app: 'shop' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }],
  }),
  service('default', 'empty', {
    type: 'NodePort',
    clusterIP: '10.96.7.8',
    clusterIPs: ['10.96.7.8'],
    externalTrafficPolicy: 'Cluster',
    selector: { app: 'nothing' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30081 }],
  }),
  service('kube-system', 'kube-dns', {
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ],
  }),
  service('default', 'headless', {
    clusterIP: 'None',
    clusterIPs: ['None'],
    selector: { app: 'web' },
    ports: [{ port: 80, protocol: 'TCP' }],
  }),
  service('default', 'external', { type: 'ExternalName', externalName: 'example.com' }),
];

/** EndpointSlices of the fixture. */
export const endpointSlices: EndpointSlice[] = [
  slice('default', 'kubernetes', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '172.18.0.2' }]),
  slice(
    'default',
    'web',
    'web-abcde',
    [{ port: 8080 }],
    [
      { ip: '10.244.1.5', node: 'node-1' },
      { ip: '10.244.2.7', node: 'node-2' },
      { ip: '10.244.1.9', node: 'node-1', ready: false, serving: false },
    ],
  ),
  slice(
    'default',
    'web',
    'web-fghij',
    [{ port: 8080 }],
    [
      { ip: '10.244.2.3', node: 'node-2' },
      { ip: '10.244.2.4', node: 'node-2', ready: false, serving: true, terminating: true },
    ],
  ),
  slice(
    'default',
    'shop',
    'shop-xyz12',
    [{ name: 'http', port: 8080 }],
    [
      { ip: '10.244.1.20', node: 'node-1' },
      { ip: '10.244.2.21', node: 'node-2' },
    ],
  ),
  slice('default', 'empty', 'empty-00000', [{ port: 80 }], []),
  slice(
    'kube-system',
    'kube-dns',
    'kube-dns-k2v9x',
    [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
    [
      { ip: '10.244.0.2', node: 'control-plane' },
      { ip: '10.244.0.3', node: 'control-plane' },
    ],
  ),
];
