/**
 * Strategic-merge-patch metadata of the built-in types: for each field that is a list, its
 * `patchStrategy` and `patchMergeKey`, as the `patchStrategy:"merge" patchMergeKey:"name"` struct tags of
 * k8s.io/api (core/v1, apps/v1, batch/v1, ...) declare them, plus the `retainKeys` maps.
 *
 * Upstream reads the tags by reflection (strategicpatch.PatchMetaFromStruct); kubernetes-types has no
 * tags, so this is a hand-written type graph that only lists the fields on the way to a tagged field.
 * A field not listed has no strategy: maps merge key by key, lists are replaced whole (atomic), which is
 * what an untagged Go field does (e.g. tolerations, envFrom, taints, resizePolicy, endpoint subsets).
 */

/** A field's patch metadata. `type` names the (element) type in TYPES, for recursion. */
export interface FieldPatchMeta {
  type?: string;
  /** e.g. ['merge'], ['retainKeys'], ['merge', 'retainKeys'], ['replace']. */
  strategies?: string[];
  mergeKey?: string;
}

/** The type graph: type name → field name → metadata. */
export type PatchSchema = Record<string, Record<string, FieldPatchMeta>>;

const merge = (mergeKey?: string, type?: string): FieldPatchMeta => ({
  strategies: ['merge'],
  mergeKey,
  type,
});
const conditions = merge('type');

const container: Record<string, FieldPatchMeta> = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

/** Field metadata of the built-in types (only what leads to a tagged field). */
export const PATCH_SCHEMA: PatchSchema = {
  ObjectMeta: {
    finalizers: merge(),
    ownerReferences: merge('uid'),
  },
  PodSpec: {
    volumes: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    resourceClaims: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
    schedulingGates: merge('name'),
  },
  Container: container,
  PodStatus: {
    conditions,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  WorkloadSpec: { template: { type: 'PodTemplateSpec' } },
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategies: ['retainKeys'] } },
  ConditionsStatus: { conditions },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' } },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions, addresses: merge('type') },
  ServiceSpec: { ports: merge('port') },
  // Root types, one per kind.
  Pod: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { metadata: { type: 'ObjectMeta' }, template: { type: 'PodTemplateSpec' } },
  Deployment: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'DeploymentSpec' },
    status: { type: 'ConditionsStatus' },
  },
  Workload: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'WorkloadSpec' },
    status: { type: 'ConditionsStatus' },
  },
  CronJob: { metadata: { type: 'ObjectMeta' }, spec: { type: 'CronJobSpec' } },
  Node: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  Service: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'ServiceSpec' },
    status: { type: 'ConditionsStatus' },
  },
  WithConditions: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: merge('name') },
  Object: { metadata: { type: 'ObjectMeta' } },
};

/** Which root type of PATCH_SCHEMA describes each kind (kinds not listed use `Object`: metadata only). */
export const KIND_PATCH_TYPES: Readonly<Record<string, string>> = {
  Pod: 'Pod',
  PodTemplate: 'PodTemplate',
  Deployment: 'Deployment',
  ReplicaSet: 'Workload',
  ReplicationController: 'Workload',
  DaemonSet: 'Workload',
  StatefulSet: 'Workload',
  Job: 'Workload',
  CronJob: 'CronJob',
  Node: 'Node',
  Service: 'Service',
  ServiceAccount: 'ServiceAccount',
  Namespace: 'WithConditions',
  PersistentVolumeClaim: 'WithConditions',
  HorizontalPodAutoscaler: 'WithConditions',
  PodDisruptionBudget: 'WithConditions',
};

/** The root patch type of a kind. */
export function patchTypeForKind(kind: string): string {
  return KIND_PATCH_TYPES[kind] ?? 'Object';
}

/** A lookup result: the field's type (for recursion), strategies and merge key ('' for none). */
export interface PatchMetaLookup {
  type?: string;
  strategies: string[];
  mergeKey: string;
}

/** Looks a field up in a type (upstream `LookupPatchMetadataForStruct/ForSlice`). */
export function lookupPatchMeta(type: string | undefined, field: string): PatchMetaLookup {
  const f = type ? PATCH_SCHEMA[type]?.[field] : undefined;
  return { type: f?.type, strategies: f?.strategies ?? [], mergeKey: f?.mergeKey ?? '' };
}

/** Patch metadata at a path below a kind, e.g. `('Deployment', ['spec','template','spec','containers'])`. */
export function patchMetaForPath(kind: string, path: string[]): PatchMetaLookup {
  let type: string | undefined = patchTypeForKind(kind);
  let meta: PatchMetaLookup = { type, strategies: [], mergeKey: '' };
  for (const seg of path) {
    meta = lookupPatchMeta(type, seg);
    type = meta.type;
  }
  return meta;
}

/** upstream `extractRetainKeysPatchStrategy`: whether retainKeys is set, and the other strategy. */
export function splitStrategies(strategies: string[]): { retainKeys: boolean; strategy: string } {
  if (strategies.length === 0) return { retainKeys: false, strategy: '' };
  if (strategies.length === 1) {
    return strategies[0] === 'retainKeys'
      ? { retainKeys: true, strategy: '' }
      : { retainKeys: false, strategy: strategies[0] };
  }
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return { retainKeys: true, strategy: strategies[1] };
    if (strategies[1] === 'retainKeys') return { retainKeys: true, strategy: strategies[0] };
  }
  throw new Error(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
