/**
 * Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`), `/version` and the
 * health endpoints, as kube-apiserver serves them. kubectl reads these to learn which resources exist.
 */
import { SERVED_RESOURCES, groupVersion, type ResourceInfo } from '../../api/resources';

/** The Kubernetes version KubeLab reproduces. */
export const KUBE_VERSION = { major: '1', minor: '34', gitVersion: 'v1.34.0' };

/** `/version` body. */
export function versionInfo(): Record<string, string> {
  return {
    major: KUBE_VERSION.major,
    minor: KUBE_VERSION.minor,
    emulationMajor: KUBE_VERSION.major,
    emulationMinor: KUBE_VERSION.minor,
    minCompatibilityMajor: KUBE_VERSION.major,
    minCompatibilityMinor: String(Number(KUBE_VERSION.minor) - 1),
    gitVersion: KUBE_VERSION.gitVersion,
    gitCommit: 'kubelab',
    gitTreeState: 'clean',
    buildDate: '2025-08-27T00:00:00Z',
    goVersion: 'go1.24.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Verbs of each subresource, as discovery lists them. */
export const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  log: ['get'],
  exec: ['create', 'get'],
  attach: ['create', 'get'],
  portforward: ['create', 'get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
  finalize: ['update'],
  token: ['create'],
  ephemeralcontainers: ['get', 'patch', 'update'],
  resize: ['get', 'patch', 'update'],
};

/** The kind a subresource takes and returns when it is not the resource's own (empty group/version: core v1). */
export const SUB_KIND: Record<string, { group?: string; version?: string; kind: string }> = {
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  binding: { kind: 'Binding' },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction' },
  log: { kind: 'Pod' },
  token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
  exec: { kind: 'PodExecOptions' },
  attach: { kind: 'PodAttachOptions' },
  portforward: { kind: 'PodPortForwardOptions' },
  proxy: { kind: 'PodProxyOptions' },
};

function resourceList(group: string, version: string): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const r of SERVED_RESOURCES.filter((x) => x.group === group && x.version === version)) {
    const entry: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length) entry.shortNames = r.shortNames;
    if (r.categories.length) entry.categories = r.categories;
    resources.push(entry);
    for (const s of r.subresources) {
      const k = SUB_KIND[s];
      const sub: Record<string, unknown> = {
        name: `${r.resource}/${s}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: k?.kind ?? r.kind,
        verbs: SUB_VERBS[s] ?? ['get'],
      };
      if (k?.group) sub.group = k.group;
      if (k?.version) sub.version = k.version;
      resources.push(sub);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function groups(): Map<string, ResourceInfo[]> {
  const m = new Map<string, ResourceInfo[]>();
  for (const r of SERVED_RESOURCES) {
    if (!r.group) continue;
    if (!m.has(r.group)) m.set(r.group, []);
    m.get(r.group)!.push(r);
  }
  return m;
}

function apiGroup(name: string, rs: ResourceInfo[]): Record<string, unknown> {
  const versions = [...new Set(rs.map((r) => r.version))].map((v) => ({
    groupVersion: groupVersion({ group: name, version: v }),
    version: v,
  }));
  return { name, versions, preferredVersion: versions[0] };
}

/** The body for a non-resource GET path, or undefined when the path is unknown. */
export function discovery(path: string): unknown {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') return versionInfo();
  if (p === '/healthz' || p === '/livez' || p === '/readyz') return 'ok';
  if (p === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
    };
  }
  if (p === '/api/v1') return resourceList('', 'v1');
  if (p === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups()].map(([name, rs]) => apiGroup(name, rs)),
    };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(p);
  if (m) {
    const rs = groups().get(m[1]);
    if (!rs) return undefined;
    if (!m[2]) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(m[1], rs) };
    if (!rs.some((r) => r.version === m[2])) return undefined;
    return resourceList(m[1], m[2]);
  }
  return undefined;
}
