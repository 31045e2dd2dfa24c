/**
 * Per-kind storage strategies (upstream: pkg/registry/<group>/<resource>/strategy.go): what the server
 * sets on create, what an update may change on the main resource versus the status subresource, and
 * when `metadata.generation` moves.
 */
import type { KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';

/** Kinds whose spec changes bump metadata.generation (and get generation 1 on create). */
const GENERATION_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'NetworkPolicy',
]);

/** True when `info`'s objects have a separate status written only through the status subresource. */
export function hasStatusSubresource(info: ResourceInfo): boolean {
  return info.subresources.includes('status');
}

/** Fields that are "spec" for generation purposes: everything except metadata and status. */
function specOf(o: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') rest[k] = v;
  return rest;
}

/** Deep equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** Server-side changes on create (after defaulting, before validation). */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject): void {
  if (GENERATION_KINDS.has(info.kind)) obj.metadata.generation = 1;
  else delete obj.metadata.generation;
  if (hasStatusSubresource(info) && info.kind !== 'Namespace' && info.kind !== 'Node') {
    // Status is the controllers' to write; a client's status on create is dropped (pods start Pending).
    obj.status = info.kind === 'Pod' ? { phase: 'Pending' } : {};
    if (info.kind === 'PersistentVolumeClaim' || info.kind === 'PersistentVolume')
      obj.status = { phase: 'Pending' };
    if (info.kind === 'PersistentVolume') obj.status = { phase: 'Pending' };
  }
  if (info.kind === 'Namespace') {
    // The namespace strategy's PrepareForCreate: the namespace controller's finalizer.
    obj.status = { phase: 'Active' };
    const spec = ((obj.spec ??= {}) as { finalizers?: string[] });
    if (!spec.finalizers?.includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
  }
}

/**
 * Server-side changes on update of the main resource: status is kept from the old object for kinds
 * with a status subresource, and generation moves when the spec changed.
 */
export function prepareForUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  if (hasStatusSubresource(info) && info.kind !== 'Node') {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  keepServerMeta(obj, old);
  // spec.finalizers of a namespace change only through the finalize subresource.
  if (info.kind === 'Namespace') obj.spec = { ...((obj.spec as object) ?? {}), finalizers: (old.spec as { finalizers?: string[] })?.finalizers };
  if (GENERATION_KINDS.has(info.kind)) {
    const g = old.metadata.generation ?? 1;
    obj.metadata.generation = jsonEqual(specOf(obj), specOf(old)) ? g : g + 1;
  } else {
    delete obj.metadata.generation;
  }
}

/**
 * On a status update only `status` may change; everything else is taken from the old object. A pod's
 * `status.qosClass` is set once at creation: a status that leaves it out keeps the old value.
 */
export function prepareForStatusUpdate(obj: KubeObject, old: KubeObject, info?: ResourceInfo): KubeObject {
  const next = structuredClone(old) as KubeObject;
  if (obj.status === undefined) delete next.status;
  else next.status = structuredClone(obj.status);
  if (info?.kind === 'Pod' && next.status && typeof next.status === 'object') {
    const st = next.status as { qosClass?: string };
    const was = (old.status as { qosClass?: string } | undefined)?.qosClass;
    if (!st.qosClass && was) st.qosClass = was;
  }
  next.metadata.resourceVersion = obj.metadata.resourceVersion;
  return next;
}

/** Fields of metadata only the server sets, kept across updates. */
function keepServerMeta(obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  if (o.generateName !== undefined && m.generateName === undefined) m.generateName = o.generateName;
}

/** Quality-of-service class of a pod (upstream pkg/apis/core/helper/qos). */
export function podQosClass(
  pod: KubeObject,
  parse: (q: string | number) => number,
): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const req: Record<string, number> = {};
  const lim: Record<string, number> = {};
  let isGuaranteed = true;
  let any = false;
  for (const c of all) {
    const r = c.resources ?? {};
    for (const [k, v] of Object.entries(r.requests ?? {})) {
      if (k !== 'cpu' && k !== 'memory') continue;
      const n = parse(v);
      if (n !== 0) any = true;
      req[k] = (req[k] ?? 0) + n;
    }
    const cl: Record<string, number> = {};
    for (const [k, v] of Object.entries(r.limits ?? {})) {
      if (k !== 'cpu' && k !== 'memory') continue;
      const n = parse(v);
      if (n !== 0) any = true;
      cl[k] = n;
      lim[k] = (lim[k] ?? 0) + n;
    }
    if (!('cpu' in cl) || !('memory' in cl)) isGuaranteed = false;
  }
  if (!any) return 'BestEffort';
  if (isGuaranteed) {
    for (const k of ['cpu', 'memory']) if (req[k] !== undefined && req[k] !== lim[k]) isGuaranteed = false;
  }
  return isGuaranteed && Object.keys(lim).length === 2 ? 'Guaranteed' : 'Burstable';
}

interface Container {
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
}
