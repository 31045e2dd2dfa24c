/**
 * The resource registry: every built-in kind KubeLab serves, as kube-apiserver's discovery describes
 * it (group, version, kind, plural, singular, short names, scope, verbs, subresources, categories).
 */

/** Verbs a resource supports (discovery `verbs`). */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** One served resource. */
export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural, lower case: the URL segment (`pods`). */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: Verb[];
  /** Subresources, e.g. `status`, `binding`, `scale`, `log`, `eviction`. */
  subresources: string[];
  categories: string[];
  /** Prefix of its keys in etcd, e.g. `/registry/pods`, `/registry/minions`. */
  etcdPrefix: string;
  /**
   * Set on a version served from another version's storage (autoscaling/v1 HorizontalPodAutoscaler:
   * `v2`): requests are converted to and from that version.
   */
  storageVersion?: string;
}

const ALL: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  group: string,
  version: string,
  kind: string,
  resource: string,
  opts: {
    short?: string[];
    namespaced?: boolean;
    sub?: string[];
    cat?: string[];
    etcd?: string;
    verbs?: Verb[];
    storage?: string;
  } = {},
): ResourceInfo {
  return {
    group,
    version,
    kind,
    resource,
    singular: kind.toLowerCase(),
    shortNames: opts.short ?? [],
    namespaced: opts.namespaced ?? true,
    verbs: opts.verbs ?? ALL,
    subresources: opts.sub ?? [],
    categories: opts.cat ?? [],
    etcdPrefix: opts.etcd ?? `/registry/${resource}`,
    ...(opts.storage ? { storageVersion: opts.storage } : {}),
  };
}

/** Every built-in resource, in discovery order within each group version. */
export const RESOURCES: readonly ResourceInfo[] = [
  // core/v1
  r('', 'v1', 'Binding', 'bindings', { verbs: ['create'] }),
  r('', 'v1', 'ConfigMap', 'configmaps', { short: ['cm'] }),
  r('', 'v1', 'Endpoints', 'endpoints', { short: ['ep'], etcd: '/registry/services/endpoints' }),
  r('', 'v1', 'Event', 'events', { short: ['ev'] }),
  r('', 'v1', 'LimitRange', 'limitranges', { short: ['limits'] }),
  r('', 'v1', 'Namespace', 'namespaces', {
    short: ['ns'],
    namespaced: false,
    sub: ['finalize', 'status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  r('', 'v1', 'Node', 'nodes', {
    short: ['no'],
    namespaced: false,
    sub: ['proxy', 'status'],
    etcd: '/registry/minions',
  }),
  r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { short: ['pvc'], sub: ['status'] }),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', { short: ['pv'], namespaced: false, sub: ['status'] }),
  r('', 'v1', 'Pod', 'pods', {
    short: ['po'],
    sub: [
      'attach',
      'binding',
      'ephemeralcontainers',
      'eviction',
      'exec',
      'log',
      'portforward',
      'proxy',
      'resize',
      'status',
    ],
    cat: ['all'],
  }),
  r('', 'v1', 'PodTemplate', 'podtemplates'),
  r('', 'v1', 'ReplicationController', 'replicationcontrollers', {
    short: ['rc'],
    sub: ['scale', 'status'],
    cat: ['all'],
    etcd: '/registry/controllers',
  }),
  r('', 'v1', 'ResourceQuota', 'resourcequotas', { short: ['quota'], sub: ['status'] }),
  r('', 'v1', 'Secret', 'secrets'),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts', { short: ['sa'], sub: ['token'] }),
  r('', 'v1', 'Service', 'services', {
    short: ['svc'],
    sub: ['proxy', 'status'],
    cat: ['all'],
    etcd: '/registry/services/specs',
  }),
  // apps/v1
  r('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', { short: ['ds'], sub: ['status'], cat: ['all'] }),
  r('apps', 'v1', 'Deployment', 'deployments', { short: ['deploy'], sub: ['scale', 'status'], cat: ['all'] }),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', { short: ['rs'], sub: ['scale', 'status'], cat: ['all'] }),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', { short: ['sts'], sub: ['scale', 'status'], cat: ['all'] }),
  // autoscaling/v2
  r('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    short: ['hpa'],
    sub: ['status'],
    cat: ['all'],
  }),
  // batch/v1
  r('batch', 'v1', 'CronJob', 'cronjobs', { short: ['cj'], sub: ['status'], cat: ['all'] }),
  r('batch', 'v1', 'Job', 'jobs', { sub: ['status'], cat: ['all'] }),
  // coordination.k8s.io/v1
  r('coordination.k8s.io', 'v1', 'Lease', 'leases', { etcd: '/registry/leases' }),
  // discovery.k8s.io/v1
  r('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', { etcd: '/registry/endpointslices' }),
  // events.k8s.io/v1 is served from the same storage as core events in real clusters; KubeLab serves core only.
  // networking.k8s.io/v1
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', {
    namespaced: false,
    etcd: '/registry/ingressclasses',
  }),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses', {
    short: ['ing'],
    sub: ['status'],
    etcd: '/registry/ingress',
  }),
  r('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', {
    short: ['netpol'],
    etcd: '/registry/networkpolicies',
  }),
  // policy/v1
  r('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { short: ['pdb'], sub: ['status'] }),
  // rbac.authorization.k8s.io/v1
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', {
    namespaced: false,
    etcd: '/registry/clusterrolebindings',
  }),
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', {
    namespaced: false,
    etcd: '/registry/clusterroles',
  }),
  r('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', { etcd: '/registry/rolebindings' }),
  r('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', { etcd: '/registry/roles' }),
  // scheduling.k8s.io/v1
  r('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', {
    short: ['pc'],
    namespaced: false,
    etcd: '/registry/priorityclasses',
  }),
  // storage.k8s.io/v1
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', {
    short: ['sc'],
    namespaced: false,
    etcd: '/registry/storageclasses',
  }),
];

/**
 * Versions served besides the preferred one, from the preferred version's storage (upstream v1.34
 * serves autoscaling/v1 next to the preferred and stored autoscaling/v2). Kept out of `RESOURCES`,
 * which like upstream's preferred-resources discovery names each resource once.
 */
export const OTHER_VERSIONS: readonly ResourceInfo[] = [
  r('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    short: ['hpa'],
    sub: ['status'],
    cat: ['all'],
    storage: 'v2',
  }),
];

/** Every served group version's resources: `RESOURCES`, then `OTHER_VERSIONS` (discovery order per group). */
export const SERVED_RESOURCES: readonly ResourceInfo[] = [...RESOURCES, ...OTHER_VERSIONS];

/** The entry of the version that stores `info`'s objects (`info` itself for a storage version). */
export function storageInfo(info: ResourceInfo): ResourceInfo {
  if (!info.storageVersion) return info;
  return RESOURCES.find(
    (x) => x.group === info.group && x.resource === info.resource && x.version === info.storageVersion,
  )!;
}

/** `v1` or `apps/v1`. */
export function groupVersion(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Looks a resource up by group and plural (the preferred version). */
export function findResource(group: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => x.group === group && x.resource === resource);
}

/** Looks a resource up by apiVersion and kind (any served version). */
export function findByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return SERVED_RESOURCES.find((x) => groupVersion(x) === apiVersion && x.kind === kind);
}

/** The etcd key of an object: `/registry/pods/default/nginx`, `/registry/minions/node-1`. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
}
