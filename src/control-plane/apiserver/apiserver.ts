/**
 * kube-apiserver: the cluster's only gateway and etcd's only client. Every request walks the same
 * pipeline as upstream — authentication → authorization → mutating admission → validation →
 * validating admission → etcd — and every stage is published on the trace bus so the UI can show a
 * request walking through it. Reads and watches are served from per-resource watch caches.
 *
 * Left out: authentication and authorization are recorded but admit everyone (RBAC objects are
 * stored and served, not enforced); aggregated APIs, CRDs, server-side apply's managedFields.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, errors, failureStatus, toStatus, type GroupResource } from '../../api/errors';
import { type FieldError } from '../../api/field-errors';
import type { ApiRequest, ApiResponse, HttpMethod } from '../../api/rest';
import {
  RESOURCES,
  etcdKey,
  findResource,
  groupVersion,
  storageInfo as storageInfoOf,
  type ResourceInfo,
} from '../../api/resources';
import type { KubeObject, WatchEvent, WatchEventType } from '../../api/types';
import {
  parseSelector,
  matches as labelsMatch,
  selectorFromLabelSelector,
  selectorFromSet,
  selectorToString,
  type Selector as LabelSelector,
} from '../../api/labels';
import type { LabelSelector as K8sLabelSelector } from 'kubernetes-types/meta/v1';
import {
  parseFieldSelector,
  convertFieldSelector,
  requiresExactMatchField,
  matchesFields,
  fieldSetFor,
  type FieldSelector,
} from '../../api/fields';
import { printTable } from '../../api/printers';
import { applyDefaults, prepareJobForCreate } from './defaults';
import { validateCreate, validateUpdate, validateStatusUpdate } from './validation';
import {
  checkTypes,
  definitionFor,
  resolveShared as resolveSchema,
  type SchemaNode,
  findUnknownFields,
  strictDecodingMessage,
  unknownFieldWarnings,
} from '../../api/schema';
import { applyJsonPatch } from '../../api/patch/json-patch';
import { applyMergePatch } from '../../api/patch/merge-patch';
import { applyStrategicMergePatch } from '../../api/patch/strategic-merge';
import { parseQuantity, toNumber } from '../../api/quantity';
import type { Clock } from '../../runtime/clock';
import { randomSuffix, type Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { EtcdError, type EtcdApi, type TxnResult } from '../etcd/types';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './admission/types';
import { namespaceLifecycle } from './admission/namespace-lifecycle';
import { defaultTolerationSeconds } from './admission/default-toleration-seconds';
import { serviceAccount } from './admission/service-account';
import { limitRanger } from './admission/limit-ranger';
import { resourceQuota } from './admission/resource-quota';
import { priority, SYSTEM_PRIORITY_CLASSES } from './admission/priority';
import { WatchCache, deepFreeze } from './watch-cache';
import { resolveRequest, type ResourceRequest } from './router';
import { discovery } from './discovery';
import {
  jsonEqual,
  podQosClass,
  prepareForCreate,
  prepareForStatusUpdate,
  prepareForUpdate,
} from './strategy';
import { ServiceAllocator } from './service-allocator';
import { converterFor, type VersionConverter } from './conversion';

/** Admission plugins in upstream's order (mutating pass, then validating pass). */
export const ADMISSION_PLUGINS: AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccount,
  defaultTolerationSeconds,
  priority,
  resourceQuota,
];

/** The kubelet side of the apiserver→kubelet connection (logs, exec). */
export type KubeletHandler = (kind: 'log' | 'exec', params: Record<string, unknown>) => Promise<unknown>;

/** What an ApiServer needs. */
export interface ApiServerOptions {
  etcd: EtcdApi;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  /** How often to compact etcd (ms of cluster time); upstream: 5 minutes. */
  compactionIntervalMs?: number;
  /** Skip creating default namespaces and services (tests of a bare server). */
  noBootstrap?: boolean;
}

const NAME = 'kube-apiserver';
/** The address the apiserver advertises (the control-plane node's InternalIP). */
export const APISERVER_IP = '172.18.0.2';
const PATCH_CT = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
} as const;

let lastRfc3339Ms = NaN;
let lastRfc3339 = '';

/** Kubernetes' RFC 3339 timestamp without fractions. */
export function rfc3339(ms: number): string {
  // Requests at the same cluster instant share the text.
  if (ms !== lastRfc3339Ms) {
    lastRfc3339 = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastRfc3339Ms = ms;
  }
  return lastRfc3339;
}

/** Thrown by `copyPlain` for data it does not copy itself (structuredClone takes over). */
const NOT_PLAIN = new Error('not plain JSON data');
const MAX_PLAIN_DEPTH = 256;

/** Deep copy of plain objects, arrays and primitives (what structuredClone gives for them, several times faster). */
function copyPlain(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'function' || typeof v === 'symbol') throw NOT_PLAIN;
    return v;
  }
  if (depth > MAX_PLAIN_DEPTH) throw NOT_PLAIN; // deep or cyclic: structuredClone keeps cycles
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      if (!(i in v)) throw NOT_PLAIN; // holes
      out[i] = copyPlain(v[i], depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  const src = v as Record<string, unknown>;
  for (const k of Object.keys(src)) out[k] = copyPlain(src[k], depth + 1);
  return out;
}

/** A deep copy, as structuredClone makes it (JSON-like data is copied directly, anything else by structuredClone). */
function clone<T>(o: T): T {
  try {
    return copyPlain(o, 0) as T;
  } catch (e) {
    if (e === NOT_PLAIN) return structuredClone(o);
    throw e;
  }
}

function successStatus(details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/** A UUID v4 from the seeded random source. */
/** A random source re-derived from the seed at each start (see `doStart`). */
class RestartableRng implements Rng {
  private inner: Rng;
  constructor(private readonly base: Rng) {
    this.inner = base;
  }
  reseed(label: string): void {
    this.inner = this.base.fork(label);
  }
  next(): number {
    return this.inner.next();
  }
  int(n: number): number {
    return this.inner.int(n);
  }
  fork(label: string): Rng {
    return this.inner.fork(label);
  }
}

const HEX = '0123456789abcdef';

function uuid(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += i === 12 ? '4' : i === 16 ? HEX[8 + rng.int(4)] : HEX[rng.int(16)];
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
}

/** The API server. `request` and `watch` implement the REST API over whatever transport carries them. */
export class ApiServer {
  private caches = new Map<ResourceInfo, WatchCache>();
  /** Revision of the latest write this server made (it is etcd's only writer). */
  private lastWrite = 0;
  /** Per resource, the revision of this server's latest write to it (what its cache must reach). */
  private lastWriteOf = new Map<ResourceInfo, number>();
  private pendingHops = new Map<
    string,
    {
      reqId: string | undefined;
      verb: string;
      info: ResourceInfo;
      namespace?: string;
      name?: string;
      key: string;
    }
  >();
  private kubelets = new Map<string, KubeletHandler>();
  private eventLease: { id: number; until: number } | undefined;
  private compactTimer: number | undefined;
  private compactCandidate = 0;
  private services: ServiceAllocator;
  private started: Promise<void> | undefined;
  private readonly admissionCtx: AdmissionContext;
  private readonly rng: RestartableRng;

  constructor(private readonly o: ApiServerOptions) {
    this.rng = new RestartableRng(o.rng);
    this.services = new ServiceAllocator(this.rng);
    for (const info of RESOURCES) {
      if (info.resource === 'bindings') continue;
      this.caches.set(
        info,
        new WatchCache({
          info,
          etcd: o.etcd,
          clock: o.clock,
          onApply: (cause, rev) => this.onCacheApply(cause, rev),
          indexField:
            info.kind === 'Pod'
              ? (p) => (p.spec as { nodeName?: string } | undefined)?.nodeName || undefined
              : undefined,
        }),
      );
    }
    this.admissionCtx = {
      get: (resource, group, ns, name) => {
        const info = findResource(group, resource);
        return info ? this.cacheOf(info).get(etcdKey(info, ns, name)) : undefined;
      },
      list: (resource, group, ns) => {
        const info = findResource(group, resource);
        if (!info) return [];
        const out: KubeObject[] = [];
        for (const obj of this.cacheOf(info).list()) if (!ns || obj.metadata.namespace === ns) out.push(obj);
        return out;
      },
      clock: o.clock,
      rng: this.rng,
    };
  }

  /** Fills every watch cache from etcd, creates the bootstrap objects, starts compaction. */
  start(): Promise<void> {
    if (!this.started) this.started = this.doStart();
    return this.started;
  }

  private async doStart(): Promise<void> {
    await Promise.all([...this.caches.values()].map((c) => c.start()));
    this.lastWrite = Math.max(...[...this.caches.values()].map((c) => c.rev));
    // A restarted apiserver (or a reloaded page) must not hand out the uids and names it gave before:
    // its random source continues from the seed and the revision the store has reached.
    this.rng.reseed(`start@${this.lastWrite}`);
    this.services.load(this.cacheOf(findResource('', 'services')!).list());
    if (!this.o.noBootstrap) await this.bootstrap();
    this.scheduleCompaction();
  }

  /** Stops timers and etcd watches. */
  stop(): void {
    if (this.compactTimer !== undefined) this.o.clock.clearTimeout(this.compactTimer);
    for (const c of this.caches.values()) c.stop();
  }

  /** Registers the connection to a node's kubelet (for logs and exec). Returns the unregister function. */
  registerKubelet(node: string, handler: KubeletHandler): () => void {
    this.kubelets.set(node, handler);
    return () => {
      if (this.kubelets.get(node) === handler) this.kubelets.delete(node);
    };
  }

  private cacheOf(info: ResourceInfo): WatchCache {
    return this.caches.get(info)!;
  }

  // ---------------------------------------------------------------- bootstrap and compaction

  private async bootstrap(): Promise<void> {
    const sys = {
      method: 'POST' as HttpMethod,
      from: NAME,
      user: { username: 'system:apiserver', groups: ['system:masters'] },
    };
    const ensure = async (path: string, body: KubeObject) => {
      const r = await this.handle({ ...sys, path, body });
      if (r.status >= 300 && r.status !== 409) throw new ApiError(r.body as Status);
    };
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      if (!this.admissionCtx.get('namespaces', '', undefined, ns))
        await ensure('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    for (const pc of SYSTEM_PRIORITY_CLASSES) {
      if (!this.admissionCtx.get('priorityclasses', 'scheduling.k8s.io', undefined, pc.name))
        await ensure('/apis/scheduling.k8s.io/v1/priorityclasses', {
          apiVersion: 'scheduling.k8s.io/v1',
          kind: 'PriorityClass',
          metadata: { name: pc.name },
          value: pc.value,
          description: pc.description,
          preemptionPolicy: 'PreemptLowerPriority',
          globalDefault: false,
        });
    }
    if (!this.admissionCtx.get('services', '', 'default', 'kubernetes')) {
      await ensure('/api/v1/namespaces/default/services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
        },
      });
    }
    // Like the apiserver's endpoint reconciler: the kubernetes service points at the apiserver itself.
    if (!this.admissionCtx.get('endpoints', '', 'default', 'kubernetes')) {
      await ensure('/api/v1/namespaces/default/endpoints', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [
          { addresses: [{ ip: APISERVER_IP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
        ],
      });
    }
    if (!this.admissionCtx.get('endpointslices', 'discovery.k8s.io', 'default', 'kubernetes')) {
      await ensure('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [APISERVER_IP], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      });
    }
  }

  private scheduleCompaction(): void {
    const every = this.o.compactionIntervalMs ?? 5 * 60_000;
    this.compactTimer = this.o.clock.setTimeout(() => {
      // Like upstream: compact to the revision seen one interval ago, so watch history is about one interval.
      const target = this.compactCandidate;
      this.compactCandidate = this.lastWrite;
      if (target > 0) {
        this.o.etcd.compact(target).then(
          () => {
            for (const c of this.caches.values()) c.compacted(target);
          },
          () => {},
        );
        this.o.tracer.emit({ to: 'etcd', kind: 'etcd', verb: 'compact', revision: target });
      }
      this.scheduleCompaction();
    }, every);
  }

  // ---------------------------------------------------------------- entry points

  /** Handles one REST request. Never throws: failures come back as a Status body. */
  async request(req: ApiRequest): Promise<ApiResponse> {
    try {
      await this.start();
    } catch (e) {
      return {
        status: 503,
        body: toStatus(errors.serviceUnavailable(`the apiserver could not start: ${(e as Error).message}`)),
      };
    }
    return this.handle(req);
  }

  /** Handles a request once the caches are filled. */
  private async handle(req: ApiRequest): Promise<ApiResponse> {
    // With tracing off, emit() only hands back the cause: skip building the records.
    const reqId = !this.o.tracer.enabled
      ? req.cause
      : this.o.tracer.emit({
          causeId: req.cause,
          from: req.from ?? 'client',
          to: NAME,
          kind: 'request',
          verb: req.method,
          detail: { path: req.path, query: req.query },
          ...this.traceTarget(req),
        });
    let res: ApiResponse;
    try {
      res = await this.dispatch(req, reqId);
    } catch (e) {
      res = {
        status: e instanceof ApiError ? e.code : 500,
        body: toStatus(e instanceof EtcdError ? this.etcdFailure(e) : e),
      };
    }
    res.trace = !this.o.tracer.enabled
      ? reqId
      : this.o.tracer.emit({
          causeId: reqId,
          from: NAME,
          to: req.from ?? 'client',
          kind: 'response',
          verb: String(res.status),
          detail: { path: req.path, reason: (res.body as Status)?.reason },
          ...this.traceTarget(req),
        });
    return res;
  }

  private traceTarget(req: ApiRequest): { resource?: string; namespace?: string; name?: string } {
    const ri = resolveRequest(req);
    if (ri.kind !== 'resource') return {};
    const body = req.body as KubeObject | undefined;
    return {
      resource: ri.subresource ? `${ri.info.resource}/${ri.subresource}` : ri.info.resource,
      namespace: ri.namespace,
      name: ri.name ?? body?.metadata?.name,
    };
  }

  private etcdFailure(e: EtcdError): ApiError {
    if (e.code === 'storage-full') return errors.insufficientStorage(e.message);
    if (e.code === 'compacted') return errors.expired(e.message);
    return errors.internal(e.message);
  }

  private async dispatch(req: ApiRequest, reqId: string | undefined): Promise<ApiResponse> {
    const ri = resolveRequest(req);
    if (ri.kind === 'resource' && ri.served) {
      // A version served from another version's storage: bodies in are converted by decode/patch,
      // every object going out is converted back to the requested version.
      const conv = servedConverter(ri)!;
      const res = await this.dispatchResource(ri, req, reqId);
      return { ...res, body: convertOut(conv, ri.served, res.body) };
    }
    if (ri.kind === 'resource') return this.dispatchResource(ri, req, reqId);
    if (ri.kind === 'notfound') throw errors.notFoundPath();
    if (ri.kind === 'nonresource') {
      if (req.method !== 'GET') throw errors.notFoundPath();
      const body = discovery(req.path);
      if (body === undefined) throw errors.notFoundPath();
      return { status: 200, body };
    }
    return this.dispatchResource(ri, req, reqId);
  }

  private async dispatchResource(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
  ): Promise<ApiResponse> {
    this.stage('authentication', reqId, req.user?.username ?? 'system:anonymous');
    this.stage(
      'authorization',
      reqId,
      `${ri.verb} ${ri.info.resource}${ri.subresource ? '/' + ri.subresource : ''}: allowed`,
    );
    const allowed = allowedMethods(ri.info, ri.name !== undefined, ri.subresource);
    if (allowed && !allowed.includes(req.method)) throw methodNotAllowed();
    const q = req.query ?? {};
    if (ri.info.resource === 'bindings') {
      if (ri.verb !== 'create' || !ri.namespace) throw errors.methodNotSupported(gr(ri.info), ri.verb);
      const b = this.decode(req, ri, reqId) as KubeObject & { target?: { name?: string } };
      return this.bind(ri.namespace, b.metadata?.name ?? '', b, reqId, q);
    }
    switch (ri.subresource) {
      case undefined:
      case 'status':
        break;
      case 'binding':
        if (ri.verb !== 'create') throw errors.methodNotSupported(gr(ri.info), ri.verb);
        return this.bind(ri.namespace!, ri.name!, this.decode(req, ri, reqId), reqId, q);
      case 'scale':
        return this.scale(req, ri, reqId);
      case 'eviction':
        if (ri.verb !== 'create') throw errors.methodNotSupported(gr(ri.info), ri.verb);
        return this.evict(ri, this.decode(req, ri, reqId), reqId);
      case 'log':
        if (ri.verb !== 'get') throw errors.methodNotSupported(gr(ri.info), ri.verb);
        return this.log(ri, q);
      case 'finalize':
        if (ri.verb !== 'update') throw errors.methodNotSupported(gr(ri.info), ri.verb);
        return this.update(ri, req, reqId, 'finalize');
      default:
        throw errors.notFoundPath();
    }
    switch (ri.verb) {
      case 'get':
        return this.get(ri, req);
      case 'list':
        return this.list(ri, req);
      case 'create':
        if (ri.subresource) throw errors.methodNotSupported(gr(ri.info), 'create');
        return this.create(ri, req, reqId);
      case 'update':
        return this.update(ri, req, reqId, ri.subresource === 'status' ? 'status' : undefined);
      case 'patch':
        return this.patch(ri, req, reqId);
      case 'delete':
        return this.delete(ri, req, reqId);
      case 'deletecollection':
        return this.deleteCollection(ri, req, reqId);
      case 'watch':
        throw errors.badRequest('watch requests must use the watch stream');
    }
  }

  private stage(
    name: string,
    reqId: string | undefined,
    detail?: string,
    extra?: Record<string, unknown>,
  ): void {
    if (!this.o.tracer.enabled) return;
    this.o.tracer.emit({
      causeId: reqId,
      to: NAME,
      kind: 'stage',
      verb: name,
      detail: { note: detail, ...extra },
    });
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes a request body like the apiserver's codec: kind/apiVersion checks, type errors, unknown fields. */
  private decode(
    req: ApiRequest,
    ri: ResourceRequest,
    reqId: string | undefined,
    warnings?: string[],
  ): KubeObject {
    if (
      req.body === undefined ||
      req.body === null ||
      typeof req.body !== 'object' ||
      Array.isArray(req.body)
    ) {
      throw errors.badRequest(
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      );
    }
    const obj = clone(req.body) as KubeObject;
    const expected = this.bodyTypeFor(ri);
    if (!obj.kind && !obj.apiVersion && expected) {
      obj.kind = expected.kind;
      obj.apiVersion = expected.apiVersion;
    }
    if (expected) {
      if (!obj.kind) throw errors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(req.body)}'`);
      if (obj.apiVersion !== expected.apiVersion || obj.kind !== expected.kind) {
        if (obj.kind !== expected.kind && expected.kind !== 'DeleteOptions')
          throw errors.badRequest(
            `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected.apiVersion})`,
          );
        if (obj.apiVersion !== expected.apiVersion)
          throw errors.badRequest(
            `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected.apiVersion})`,
          );
      }
      // The generated schema may lack a subresource kind (Scale, Eviction): such bodies are taken as they are.
      const known = definitionFor(expected.apiVersion, expected.kind) !== undefined;
      const typeErr = known ? checkTypes(expected.apiVersion, expected.kind, obj) : null;
      if (typeErr) throw errors.badRequest(typeErr);
      const mode = (req.query?.fieldValidation ?? 'Warn').toLowerCase();
      if (mode !== 'ignore' && known) {
        const unknown = findUnknownFields(expected.apiVersion, expected.kind, obj);
        if (unknown.length) {
          if (mode === 'strict')
            throw errors.badRequest(strictDecodingMessage(expected.apiVersion, expected.kind, unknown));
          warnings?.push(...unknownFieldWarnings(unknown));
        }
      }
      // Like Go's JSON decoding into typed structs, fields the schema doesn't know are dropped.
      if (known) pruneUnknownFields(expected.apiVersion, expected.kind, obj);
    }
    obj.metadata ??= {};
    this.stage('decode', reqId, `${obj.kind ?? ''} ${obj.metadata.name ?? ''}`);
    const conv = expected && converterFor(expected.apiVersion, expected.kind);
    if (conv) {
      // No generated schema for this version: its own field list says what is unknown.
      const mode = (req.query?.fieldValidation ?? 'Warn').toLowerCase();
      const unknown = mode === 'ignore' ? [] : conv.unknownFields(obj);
      if (unknown.length && mode === 'strict')
        throw errors.badRequest(strictDecodingMessage(expected.apiVersion, expected.kind, unknown));
      warnings?.push(...unknownFieldWarnings(unknown));
      return conv.toStorage(obj);
    }
    return obj;
  }

  private bodyTypeFor(ri: ResourceRequest): { apiVersion: string; kind: string } | undefined {
    switch (ri.subresource) {
      case 'binding':
        return { apiVersion: 'v1', kind: 'Binding' };
      case 'scale':
        return { apiVersion: 'autoscaling/v1', kind: 'Scale' };
      case 'eviction':
        return { apiVersion: 'policy/v1', kind: 'Eviction' };
    }
    if (ri.info.resource === 'bindings') return { apiVersion: 'v1', kind: 'Binding' };
    const served = ri.served ?? ri.info;
    return { apiVersion: groupVersion(served), kind: served.kind };
  }

  // ---------------------------------------------------------------- reads

  /** Waits until the cache has every write this server made (consistent reads from cache). */
  private async fresh(info: ResourceInfo): Promise<WatchCache> {
    const c = this.cacheOf(info);
    await c.start();
    await c.waitFor(this.lastWriteOf.get(info) ?? 0);
    return c;
  }

  private async getCurrent(info: ResourceInfo, ns: string | undefined, name: string): Promise<KubeObject> {
    const c = await this.fresh(info);
    const obj = c.get(etcdKey(info, ns, name));
    if (!obj) throw errors.notFound(gr(info), name);
    return obj;
  }

  private async get(ri: ResourceRequest, req: ApiRequest): Promise<ApiResponse> {
    this.requireNamespace(ri);
    const obj = await this.getCurrent(ri.info, ri.namespace, ri.name!);
    if (wantsTable(req))
      return { status: 200, body: this.table(ri.info, [obj], obj.metadata.resourceVersion!, req) };
    return { status: 200, body: obj };
  }

  private requireNamespace(ri: ResourceRequest): void {
    if (ri.info.namespaced && ri.namespace === undefined && ri.name !== undefined)
      throw errors.notFoundPath();
  }

  private selectors(info: ResourceInfo, q: Record<string, string | undefined>): (o: KubeObject) => boolean {
    let ls: LabelSelector | undefined;
    let fs: FieldSelector | undefined;
    try {
      if (q.labelSelector) ls = parseSelector(q.labelSelector);
    } catch (e) {
      throw errors.badRequest((e as Error).message);
    }
    try {
      if (q.fieldSelector) fs = convertFieldSelector(info.kind, parseFieldSelector(q.fieldSelector));
    } catch (e) {
      throw errors.badRequest((e as Error).message);
    }
    return (o) =>
      (!ls || labelsMatch(ls, o.metadata.labels ?? {})) &&
      (!fs || matchesFields(fs, fieldSetFor(info.kind, o)));
  }

  private async list(ri: ResourceRequest, req: ApiRequest): Promise<ApiResponse> {
    const q = req.query ?? {};
    const c = q.resourceVersion === '0' ? this.cacheOf(ri.info) : await this.fresh(ri.info);
    await c.start();
    if (q.resourceVersion && q.resourceVersion !== '0') {
      const want = Number(q.resourceVersion);
      if (!Number.isFinite(want)) throw errors.badRequest(`invalid resource version: ${q.resourceVersion}`);
      if (want > c.rev) await c.waitFor(want);
    }
    const match = this.selectors(ri.info, q);
    const items: Array<[string, KubeObject]> = [];
    const prefix =
      ri.namespace !== undefined ? `${ri.info.etcdPrefix}/${ri.namespace}/` : `${ri.info.etcdPrefix}/`;
    for (const obj of c.list()) {
      const key = etcdKey(ri.info, obj.metadata.namespace, obj.metadata.name!);
      if (key.startsWith(prefix) && match(obj)) items.push([key, obj]);
    }
    items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let start = 0;
    let rv = c.rev;
    if (q.continue) {
      const tok = decodeContinue(q.continue);
      if (!tok)
        throw errors.badRequest(
          'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
        );
      if (tok.rv < c.oldestResumable)
        throw errors.expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      start = items.findIndex(([k]) => k >= tok.start);
      if (start < 0) start = items.length;
      rv = tok.rv;
    }
    const limit = q.limit ? Number(q.limit) : 0;
    let page = items.slice(start);
    let cont: string | undefined;
    let remaining: number | undefined;
    if (limit > 0 && page.length > limit) {
      remaining = page.length - limit;
      page = page.slice(0, limit);
      cont = encodeContinue(rv, items[start + limit][0]);
    }
    const objs = page.map(([, o]) => o);
    if (wantsTable(req)) {
      const t = this.table(ri.info, objs, String(rv), req);
      if (cont) (t.metadata as Record<string, unknown>).continue = cont;
      return { status: 200, body: t };
    }
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    if (cont) {
      metadata.continue = cont;
      metadata.remainingItemCount = remaining;
    }
    return {
      status: 200,
      body: { kind: `${ri.info.kind}List`, apiVersion: groupVersion(ri.info), metadata, items: objs },
    };
  }

  private table(
    info: ResourceInfo,
    objs: KubeObject[],
    rv: string,
    req: ApiRequest,
  ): Record<string, unknown> {
    const include = (req.query?.includeObject ?? 'Metadata') as 'None' | 'Metadata' | 'Object';
    const t = printTable(info, objs, this.o.clock.now(), { includeObject: include }) as unknown as Record<
      string,
      unknown
    >;
    t.metadata = { ...((t.metadata as object) ?? {}), resourceVersion: rv };
    return t;
  }

  // ---------------------------------------------------------------- writes

  private async admit(a: AdmissionAttributes, reqId: string | undefined): Promise<void> {
    for (const p of ADMISSION_PLUGINS) if (p.admit) await p.admit(a, this.admissionCtx);
    this.stage(
      'mutating-admission',
      reqId,
      ADMISSION_PLUGINS.filter((p) => p.admit)
        .map((p) => p.name)
        .join(', '),
    );
  }

  private async validateAdmission(a: AdmissionAttributes, reqId: string | undefined): Promise<void> {
    for (const p of ADMISSION_PLUGINS) if (p.validate) await p.validate(a, this.admissionCtx);
    this.stage(
      'validating-admission',
      reqId,
      ADMISSION_PLUGINS.filter((p) => p.validate)
        .map((p) => p.name)
        .join(', '),
    );
  }

  private invalid(info: ResourceInfo, name: string, errs: FieldError[]): ApiError {
    return errors.invalid(info.kind, info.group, name, errs);
  }

  /** Writes `obj` at `key` if the key's mod revision is still `expectMod` (0: must not exist). */
  private async write(
    info: ResourceInfo,
    key: string,
    obj: KubeObject,
    expectMod: number,
    reqId: string | undefined,
    lease?: number,
  ): Promise<{ ok: boolean; rev: number; obj: KubeObject }> {
    // What etcd stores: the object without metadata.resourceVersion (shallow copies; `obj` is not changed).
    const { resourceVersion: _rv, ...meta } = obj.metadata;
    const stored = { ...obj, metadata: meta };
    const etcdId = this.etcdHopStart(reqId, 'txn put', info, obj, key);
    const res: TxnResult = await this.o.etcd.txn({
      compare: [
        expectMod === 0
          ? { key, target: 'create', op: '=', value: 0 }
          : { key, target: 'mod', op: '=', value: expectMod },
      ],
      success: [{ op: 'put', key, value: JSON.stringify(stored), lease }],
      failure: [],
      cause: etcdId,
    });
    this.noteWrite(info, res);
    this.etcdHop(
      etcdId,
      reqId,
      res.succeeded ? 'txn put' : 'txn put (compare failed)',
      info,
      obj,
      key,
      res.revision,
    );
    obj.metadata.resourceVersion = String(res.revision);
    return { ok: res.succeeded, rev: res.revision, obj };
  }

  private async remove(
    info: ResourceInfo,
    key: string,
    obj: KubeObject,
    expectMod: number,
    reqId: string | undefined,
  ): Promise<boolean> {
    const etcdId = this.etcdHopStart(reqId, 'txn delete', info, obj, key);
    const res = await this.o.etcd.txn({
      compare: [{ key, target: 'mod', op: '=', value: expectMod }],
      success: [{ op: 'delete', key }],
      failure: [],
      cause: etcdId,
    });
    this.noteWrite(info, res);
    this.etcdHop(
      etcdId,
      reqId,
      res.succeeded ? 'txn delete' : 'txn delete (compare failed)',
      info,
      obj,
      key,
      res.revision,
    );
    return res.succeeded;
  }

  /**
   * The etcd hop of a write is published when the commit is first seen — by the watch cache (which
   * then tells its watchers) or by the transaction's answer, whichever comes first — so the trace
   * shows etcd before the watch events it causes.
   */
  private etcdHopStart(
    reqId: string | undefined,
    verb: string,
    info: ResourceInfo,
    obj: KubeObject,
    key: string,
  ): string | undefined {
    if (!this.o.tracer.enabled) return reqId;
    const id = this.o.tracer.nextId();
    this.pendingHops.set(id, {
      reqId,
      verb,
      info,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      key,
    });
    return id;
  }

  private etcdHop(
    id: string | undefined,
    reqId: string | undefined,
    verb: string,
    info: ResourceInfo,
    obj: KubeObject,
    key: string,
    revision: number,
  ): void {
    if (!id || !this.pendingHops.has(id)) return;
    this.pendingHops.delete(id);
    this.o.tracer.emit({
      id,
      causeId: reqId,
      to: 'etcd',
      kind: 'etcd',
      verb,
      resource: info.resource,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      revision,
      detail: { key },
    });
  }

  /** Called by a watch cache as it applies a change, before it tells its watchers. */
  private onCacheApply(cause: string | undefined, rev: number): void {
    if (!cause) return;
    const h = this.pendingHops.get(cause);
    if (!h) return;
    this.pendingHops.delete(cause);
    this.o.tracer.emit({
      id: cause,
      causeId: h.reqId,
      to: 'etcd',
      kind: 'etcd',
      verb: h.verb,
      resource: h.info.resource,
      namespace: h.namespace,
      name: h.name,
      revision: rev,
      detail: { key: h.key },
    });
  }

  private noteWrite(info: ResourceInfo, res: TxnResult): void {
    if (!res.succeeded) return;
    this.lastWrite = Math.max(this.lastWrite, res.revision);
    this.lastWriteOf.set(info, Math.max(this.lastWriteOf.get(info) ?? 0, res.revision));
  }

  private async eventLeaseId(): Promise<number> {
    const now = this.o.clock.now();
    if (this.eventLease && now < this.eventLease.until) return this.eventLease.id;
    // Like upstream's lease manager: one lease shared by the events of a minute, TTL 1 h (+ the reuse window).
    const lease = await this.o.etcd.leaseGrant(3600 + 60);
    this.eventLease = { id: lease.id, until: now + 60_000 };
    return lease.id;
  }

  private async create(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
  ): Promise<ApiResponse> {
    const info = ri.info;
    const warnings: string[] = [];
    const obj = this.decode(req, ri, reqId, warnings);
    const m = obj.metadata;
    if (info.namespaced) {
      if (ri.namespace === undefined) throw errors.notFoundPath();
      if (m.namespace && m.namespace !== ri.namespace)
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      m.namespace = ri.namespace;
    } else {
      delete m.namespace;
    }
    if (!m.name && m.generateName) m.name = m.generateName.slice(0, 58) + randomSuffix(this.rng, 5);
    applyDefaults(info, obj);
    const now = this.o.clock.now();
    m.uid = uuid(this.rng);
    m.creationTimestamp = rfc3339(now);
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete (m as Record<string, unknown>).selfLink;
    prepareForCreate(info, obj);
    if (info.kind === 'Job') prepareJobForCreate(obj, m.uid);
    const dryRun = req.query?.dryRun === 'All';
    const attrs: AdmissionAttributes = {
      operation: 'CREATE',
      info,
      namespace: ri.namespace,
      name: m.name ?? '',
      object: obj,
      user: req.user,
      dryRun,
    };
    await this.admit(attrs, reqId);
    if (info.kind === 'Pod') this.preparePod(obj);
    if (info.kind === 'Service') {
      const errs = this.services.allocate(obj, dryRun);
      if (errs.length) throw this.invalid(info, m.name ?? '', errs);
    }
    const errs = validateCreate(info, obj);
    this.stage('validation', reqId, errs.length ? `${errs.length} error(s)` : 'valid');
    if (errs.length) {
      if (info.kind === 'Service') this.services.release(obj);
      throw this.invalid(info, m.name ?? '', errs);
    }
    try {
      await this.validateAdmission(attrs, reqId);
    } catch (e) {
      if (info.kind === 'Service') this.services.release(obj);
      throw e;
    }
    if (dryRun) return { status: 201, body: obj, warnings };
    const key = etcdKey(info, m.namespace, m.name!);
    await this.fresh(info);
    const lease = info.kind === 'Event' ? await this.eventLeaseId() : undefined;
    const w = await this.write(info, key, obj, 0, reqId, lease);
    if (!w.ok) {
      if (info.kind === 'Service') this.services.release(obj);
      throw errors.alreadyExists(gr(info), m.name!);
    }
    return { status: 201, body: w.obj, warnings: warnings.length ? warnings : undefined };
  }

  /** Pod fields the server computes on create. */
  private preparePod(pod: KubeObject): void {
    const st = (pod.status ??= {}) as Record<string, unknown>;
    st.phase = 'Pending';
    try {
      st.qosClass = podQosClass(pod, (v) => toNumber(parseQuantity(v)));
    } catch {
      // Bad quantities are reported by validation.
    }
  }

  /** PUT: replace an object (or its status / finalize subresource), with optimistic concurrency. */
  private async update(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
    sub?: 'status' | 'finalize',
  ): Promise<ApiResponse> {
    this.requireNamespace(ri);
    const warnings: string[] = [];
    const obj = this.decode(req, ri, reqId, warnings);
    if (obj.metadata.name && obj.metadata.name !== ri.name)
      throw errors.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${ri.name})`,
      );
    if (ri.info.namespaced && obj.metadata.namespace && obj.metadata.namespace !== ri.namespace)
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    obj.metadata.name = ri.name;
    if (ri.info.namespaced) obj.metadata.namespace = ri.namespace;
    const rv = obj.metadata.resourceVersion;
    const res = await this.guaranteedUpdate(ri, req, reqId, sub, rv, () => clone(obj));
    return { ...res, warnings: warnings.length ? warnings : undefined };
  }

  /**
   * Reads the current object, applies `mutate`, runs the pipeline and writes with a compare on the
   * mod revision. With `rv` (a client's precondition) a mismatch is a 409; without, it retries.
   */
  private async guaranteedUpdate(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
    sub: 'status' | 'finalize' | undefined,
    rv: string | undefined,
    mutate: (current: KubeObject) => KubeObject,
  ): Promise<ApiResponse> {
    const info = ri.info;
    const key = etcdKey(info, ri.namespace, ri.name!);
    const dryRun = req.query?.dryRun === 'All';
    for (let attempt = 0; ; attempt++) {
      const current = await this.getCurrent(info, ri.namespace, ri.name!).catch((e) => {
        throw e;
      });
      const curRev = Number(current.metadata.resourceVersion);
      if (rv && rv !== current.metadata.resourceVersion) throw errors.staleConflict(gr(info), ri.name!);
      let obj = mutate(current);
      if (rv === undefined) obj.metadata.resourceVersion = current.metadata.resourceVersion;
      if (obj.kind === undefined) {
        obj.kind = info.kind;
        obj.apiVersion = groupVersion(info);
      }
      applyDefaults(info, obj);
      let errs: FieldError[];
      if (sub === 'status') {
        obj = prepareForStatusUpdate(obj, current as KubeObject, info);
        errs = validateStatusUpdate(info, obj, current);
      } else if (sub === 'finalize') {
        const next = clone(current) as KubeObject;
        next.spec = {
          ...((current.spec as object) ?? {}),
          finalizers: (obj.spec as { finalizers?: string[] })?.finalizers ?? [],
        };
        obj = next;
        errs = [];
      } else {
        prepareForUpdate(info, obj, current);
        if (info.kind === 'Service') {
          const serr = this.services.update(obj, current, dryRun);
          if (serr.length) throw this.invalid(info, ri.name!, serr);
        }
        errs = validateUpdate(info, obj, current);
      }
      const attrs: AdmissionAttributes = {
        operation: 'UPDATE',
        info,
        subresource: ri.subresource,
        namespace: ri.namespace,
        name: ri.name!,
        object: obj,
        oldObject: current,
        user: req.user,
        dryRun,
      };
      await this.admit(attrs, reqId);
      this.stage('validation', reqId, errs.length ? `${errs.length} error(s)` : 'valid');
      if (errs.length) throw this.invalid(info, ri.name!, errs);
      await this.validateAdmission(attrs, reqId);
      // Nothing changed: upstream does not write (and the resourceVersion stays).
      const unchanged = jsonEqual(stripRv(obj), stripRv(current));
      if (unchanged || dryRun) {
        obj.metadata.resourceVersion = current.metadata.resourceVersion;
        return { status: 200, body: unchanged ? current : obj };
      }
      // An object being deleted whose last finalizer went away (and whose grace is over) is deleted now.
      if (
        obj.metadata.deletionTimestamp &&
        !obj.metadata.finalizers?.length &&
        obj.metadata.deletionGracePeriodSeconds === 0
      ) {
        if (
          info.kind === 'Namespace' &&
          ((obj.spec as { finalizers?: string[] })?.finalizers?.length ?? 0) > 0
        ) {
          // a namespace also waits for its spec.finalizers (the namespace controller's)
        } else {
          const ok = await this.remove(info, key, obj, curRev, reqId);
          if (!ok) continue;
          if (info.kind === 'Service') this.services.release(obj);
          return { status: 200, body: obj };
        }
      }
      const w = await this.write(info, key, obj, curRev, reqId);
      if (w.ok) return { status: 200, body: w.obj };
      if (rv) throw errors.staleConflict(gr(info), ri.name!);
      if (attempt > 20) throw errors.staleConflict(gr(info), ri.name!);
      await this.cacheOf(info).waitFor(w.rev);
    }
  }

  private async patch(ri: ResourceRequest, req: ApiRequest, reqId: string | undefined): Promise<ApiResponse> {
    this.requireNamespace(ri);
    const ct = (req.headers?.contentType ?? '').split(';')[0].trim();
    const type = PATCH_CT[ct as keyof typeof PATCH_CT];
    if (!type) throw errors.unsupportedMediaType(ct || '(none)');
    const patchBody = req.body;
    if (patchBody === undefined || patchBody === null)
      throw errors.badRequest('the body of the request was empty');
    if (type !== 'json' && (typeof patchBody !== 'object' || Array.isArray(patchBody)))
      throw errors.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
    if (type === 'json' && !Array.isArray(patchBody))
      throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    let rv: string | undefined;
    if (type !== 'json') rv = (patchBody as KubeObject).metadata?.resourceVersion;
    const sub = ri.subresource === 'status' ? 'status' : undefined;
    const warnings: string[] = [];
    const conv = servedConverter(ri);
    return this.guaranteedUpdate(ri, req, reqId, sub, rv, (current) => {
      let next: unknown;
      try {
        const base = (conv ? conv.fromStorage(current) : clone(current)) as KubeObject;
        if (type === 'json') next = applyJsonPatch(base, patchBody as never);
        else if (type === 'merge') next = applyMergePatch(base, patchBody);
        else next = applyStrategicMergePatch(base, patchBody as Record<string, unknown>, ri.info.kind);
      } catch (e) {
        if (e instanceof ApiError) throw e;
        // Upstream answers a JSON patch that does not apply with a generic 422 that drops the detail.
        if (type === 'json')
          throw new ApiError(
            failureStatus(
              422,
              'Invalid',
              'the server rejected our request due to an error in our request',
              {},
            ),
          );
        throw errors.badRequest((e as Error).message);
      }
      const obj = next as KubeObject;
      if (conv) {
        const mode = (req.query?.fieldValidation ?? 'Warn').toLowerCase();
        const unknown = mode === 'ignore' ? [] : conv.unknownFields(obj);
        if (unknown.length && mode === 'strict')
          throw errors.badRequest(strictDecodingMessage(groupVersion(ri.served!), ri.info.kind, unknown));
        warnings.push(...unknownFieldWarnings(unknown));
        if (obj.metadata?.name !== ri.name)
          throw errors.badRequest(
            'metadata.name: Invalid value: the name of the object cannot be changed by a patch',
          );
        return conv.toStorage(obj);
      }
      const expected = { apiVersion: groupVersion(ri.info), kind: ri.info.kind };
      const typeErr = checkTypes(expected.apiVersion, expected.kind, obj);
      if (typeErr) throw errors.badRequest(typeErr);
      const mode = (req.query?.fieldValidation ?? 'Warn').toLowerCase();
      if (mode !== 'ignore') {
        const unknown = findUnknownFields(expected.apiVersion, expected.kind, obj);
        if (unknown.length && mode === 'strict')
          throw errors.badRequest(strictDecodingMessage(expected.apiVersion, expected.kind, unknown));
        warnings.push(...unknownFieldWarnings(unknown));
      }
      pruneUnknownFields(expected.apiVersion, expected.kind, obj);
      if (obj.metadata?.name !== ri.name)
        throw errors.badRequest(
          'metadata.name: Invalid value: the name of the object cannot be changed by a patch',
        );
      return obj;
    }).then((r) => ({ ...r, warnings: warnings.length ? warnings : undefined }));
  }

  private deleteOptions(req: ApiRequest): DeleteOptions {
    const q = req.query ?? {};
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as DeleteOptions;
    const o: DeleteOptions = { ...body };
    if (q.gracePeriodSeconds !== undefined) o.gracePeriodSeconds = Number(q.gracePeriodSeconds);
    if (q.propagationPolicy) o.propagationPolicy = q.propagationPolicy as DeleteOptions['propagationPolicy'];
    if (o.orphanDependents !== undefined && !o.propagationPolicy)
      o.propagationPolicy = o.orphanDependents ? 'Orphan' : 'Background';
    if (o.propagationPolicy && !['Background', 'Foreground', 'Orphan'].includes(o.propagationPolicy))
      throw errors.badRequest(
        `propagationPolicy: Unsupported value: "${o.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    if (
      o.gracePeriodSeconds !== undefined &&
      (!Number.isInteger(o.gracePeriodSeconds) || o.gracePeriodSeconds < 0)
    )
      o.gracePeriodSeconds = Math.max(0, Math.trunc(o.gracePeriodSeconds) || 0);
    return o;
  }

  private async delete(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
  ): Promise<ApiResponse> {
    this.requireNamespace(ri);
    return this.deleteOne(ri.info, ri.namespace, ri.name!, this.deleteOptions(req), req, reqId);
  }

  /**
   * Graceful deletion as upstream's registry Store.Delete: pods bound to a node get a deletionTimestamp
   * and grace period (the kubelet finishes the deletion); objects with finalizers get a
   * deletionTimestamp and stay until their finalizers are gone; everything else is removed at once.
   */
  private async deleteOne(
    info: ResourceInfo,
    ns: string | undefined,
    name: string,
    o: DeleteOptions,
    req: ApiRequest,
    reqId: string | undefined,
  ): Promise<ApiResponse> {
    const key = etcdKey(info, ns, name);
    const dryRun = isDryRun(req);
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.getCurrent(info, ns, name);
      const curRev = Number(current.metadata.resourceVersion);
      if (o.preconditions?.uid && o.preconditions.uid !== current.metadata.uid)
        throw errors.conflict(
          gr(info),
          name,
          `Precondition failed: UID in precondition: ${o.preconditions.uid}, UID in object meta: ${current.metadata.uid}`,
        );
      if (
        o.preconditions?.resourceVersion &&
        o.preconditions.resourceVersion !== current.metadata.resourceVersion
      )
        throw errors.conflict(
          gr(info),
          name,
          `Precondition failed: ResourceVersion in precondition: ${o.preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
        );
      const attrs: AdmissionAttributes = {
        operation: 'DELETE',
        info,
        namespace: ns,
        name,
        oldObject: current,
        user: req.user,
        dryRun,
      };
      await this.admit(attrs, reqId);
      await this.validateAdmission(attrs, reqId);

      const next = clone(current) as KubeObject;
      const meta = next.metadata;
      let grace = 0;
      if (info.kind === 'Pod') {
        const spec = (current.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
        const phase = (current.status as { phase?: string } | undefined)?.phase;
        grace = o.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
        // Pods never scheduled, or already finished, have nothing to stop: they go at once.
        if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      }
      const finalizers = new Set(meta.finalizers ?? []);
      const policy = o.propagationPolicy;
      if (policy === 'Orphan') finalizers.add('orphan');
      if (policy === 'Foreground') finalizers.add('foregroundDeletion');
      if (info.kind === 'Namespace') {
        // Namespaces are emptied by the namespace controller before they go.
        if (current.metadata.deletionTimestamp) return { status: 200, body: current };
        meta.deletionTimestamp = rfc3339(this.o.clock.now());
        meta.deletionGracePeriodSeconds = 0;
        next.status = { ...((next.status as object) ?? {}), phase: 'Terminating' };
        if (dryRun) return { status: 200, body: next };
        const w = await this.write(info, key, next, curRev, reqId);
        if (!w.ok) continue;
        return { status: 200, body: w.obj };
      }
      if (current.metadata.deletionTimestamp) {
        // Already being deleted: a shorter grace period (e.g. the kubelet's final grace-0 delete) shortens it.
        const curGrace = current.metadata.deletionGracePeriodSeconds ?? 0;
        if (grace > 0 && grace >= curGrace) return { status: 200, body: current };
        if (grace > 0 || finalizers.size > 0) {
          meta.deletionGracePeriodSeconds = grace;
          meta.deletionTimestamp = rfc3339(this.o.clock.now() + grace * 1000);
          meta.finalizers = [...finalizers];
          if (dryRun) return { status: 200, body: next };
          const w = await this.write(info, key, next, curRev, reqId);
          if (!w.ok) continue;
          return { status: 200, body: w.obj };
        }
      } else if (grace > 0 || finalizers.size > 0) {
        meta.deletionTimestamp = rfc3339(this.o.clock.now() + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
        if (finalizers.size) meta.finalizers = [...finalizers];
        if (meta.generation !== undefined) meta.generation += 1;
        if (dryRun) return { status: 200, body: next };
        const w = await this.write(info, key, next, curRev, reqId);
        if (!w.ok) continue;
        return { status: 200, body: w.obj };
      }
      if (dryRun) return { status: 200, body: current };
      const ok = await this.remove(info, key, current, curRev, reqId);
      if (!ok) continue;
      if (info.kind === 'Service') this.services.release(current);
      if (info.kind === 'Pod' || info.resource === 'services' || info.resource === 'namespaces')
        return { status: 200, body: current };
      return {
        status: 200,
        body: successStatus({
          name,
          group: info.group || undefined,
          kind: info.resource,
          uid: current.metadata.uid,
        }),
      };
    }
    throw errors.staleConflict(gr(info), name);
  }

  private async deleteCollection(
    ri: ResourceRequest,
    req: ApiRequest,
    reqId: string | undefined,
  ): Promise<ApiResponse> {
    const listed = await this.list(ri, { ...req, method: 'GET', headers: {} });
    const items = (listed.body as { items: KubeObject[] }).items;
    const o = this.deleteOptions(req);
    const deleted: KubeObject[] = [];
    for (const it of items) {
      try {
        const r = await this.deleteOne(ri.info, it.metadata.namespace, it.metadata.name!, o, req, reqId);
        if (r.status < 300) deleted.push(it);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    return {
      status: 200,
      body: { kind: `${ri.info.kind}List`, apiVersion: groupVersion(ri.info), metadata: {}, items: deleted },
    };
  }

  // ---------------------------------------------------------------- subresources

  /** POST pods/{name}/binding: the scheduler's decision, stored as spec.nodeName. */
  private async bind(
    ns: string,
    name: string,
    binding: KubeObject,
    reqId: string | undefined,
    q: Record<string, string | undefined>,
  ): Promise<ApiResponse> {
    const info = findResource('', 'pods')!;
    const target = (binding as { target?: { name?: string; kind?: string } }).target;
    if (!target?.name)
      throw errors.invalid('Binding', '', name, [{ type: 'FieldValueRequired', field: 'target.name' }]);
    if (target.kind && target.kind !== 'Node')
      throw errors.invalid('Binding', '', name, [
        { type: 'FieldValueNotSupported', field: 'target.kind', badValue: target.kind, supported: ['Node'] },
      ]);
    const bgr = { group: '', resource: 'pods/binding' };
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.getCurrent(info, ns, name);
      const spec = (current.spec ?? {}) as { nodeName?: string };
      if (current.metadata.deletionTimestamp)
        throw errors.conflict(bgr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
      if (spec.nodeName)
        throw errors.conflict(bgr, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      if (binding.metadata?.uid && binding.metadata.uid !== current.metadata.uid)
        throw errors.conflict(
          bgr,
          name,
          `Precondition failed: UID in precondition: ${binding.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
        );
      const next = clone(current) as KubeObject;
      (next.spec as { nodeName?: string }).nodeName = target.name;
      const status = (next.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
      const conds = (status.conditions ??= []);
      const i = conds.findIndex((c) => c.type === 'PodScheduled');
      const cond = {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(this.o.clock.now()),
      };
      if (i >= 0) conds[i] = cond;
      else conds.push(cond);
      this.stage('validation', reqId, 'binding valid');
      if (q.dryRun === 'All') return { status: 201, body: { ...successStatus(), code: 201 } };
      const w = await this.write(
        info,
        etcdKey(info, ns, name),
        next,
        Number(current.metadata.resourceVersion),
        reqId,
      );
      if (w.ok) return { status: 201, body: { ...successStatus(), code: 201 } };
    }
    throw errors.staleConflict(bgr, name);
  }

  private async scale(req: ApiRequest, ri: ResourceRequest, reqId: string | undefined): Promise<ApiResponse> {
    const info = ri.info;
    const toScale = (o: KubeObject): KubeObject => {
      const spec = (o.spec ?? {}) as {
        replicas?: number;
        selector?:
          { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | Record<string, string>;
      };
      const st = (o.status ?? {}) as { replicas?: number };
      let selector = '';
      if (spec.selector) {
        try {
          selector =
            info.kind === 'ReplicationController'
              ? selectorToString(selectorFromSet(spec.selector as Record<string, string>))
              : selectorToString(selectorFromLabelSelector(spec.selector as K8sLabelSelector));
        } catch {
          selector = '';
        }
      }
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: o.metadata.name,
          namespace: o.metadata.namespace,
          uid: o.metadata.uid,
          resourceVersion: o.metadata.resourceVersion,
          creationTimestamp: o.metadata.creationTimestamp,
        },
        spec: { replicas: spec.replicas ?? 0 },
        status: { replicas: st.replicas ?? 0, selector },
      };
    };
    if (ri.verb === 'get')
      return { status: 200, body: toScale(await this.getCurrent(info, ri.namespace, ri.name!)) };
    if (ri.verb !== 'update' && ri.verb !== 'patch') throw errors.methodNotSupported(gr(info), ri.verb);
    const mainRi: ResourceRequest = { ...ri, subresource: undefined };
    let wanted: number | undefined;
    let rv: string | undefined;
    if (ri.verb === 'update') {
      const s = this.decode(req, ri, reqId) as KubeObject & { spec?: { replicas?: number } };
      wanted = s.spec?.replicas;
      rv = s.metadata.resourceVersion;
    }
    const res = await this.guaranteedUpdate(mainRi, req, reqId, undefined, rv, (current) => {
      let replicas = wanted;
      if (ri.verb === 'patch') {
        const ct = (req.headers?.contentType ?? '').split(';')[0].trim();
        const scale = toScale(current);
        const patched = (
          ct === 'application/json-patch+json'
            ? applyJsonPatch(scale, req.body as never)
            : applyMergePatch(scale, req.body)
        ) as { spec?: { replicas?: number } };
        replicas = patched.spec?.replicas;
      }
      if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0)
        throw errors.invalid('Scale', 'autoscaling', ri.name!, [
          {
            type: 'FieldValueInvalid',
            field: 'spec.replicas',
            badValue: replicas ?? null,
            detail: 'must be greater than or equal to 0',
          },
        ]);
      const next = clone(current) as KubeObject;
      (next.spec as { replicas?: number }).replicas = replicas;
      return next;
    });
    return { status: res.status, body: res.status < 300 ? toScale(res.body as KubeObject) : res.body };
  }

  /**
   * POST pods/{name}/eviction: a delete that respects PodDisruptionBudgets, as upstream's EvictionREST:
   * pods that are Pending, finished or already being deleted ignore budgets; otherwise the one budget
   * selecting the pod must allow a disruption, which the eviction spends (status.disruptionsAllowed − 1,
   * the pod recorded in status.disruptedPods) before the pod is deleted.
   */
  private async evict(ri: ResourceRequest, ev: KubeObject, reqId: string | undefined): Promise<ApiResponse> {
    const opts = ((ev as { deleteOptions?: DeleteOptions }).deleteOptions ?? {}) as DeleteOptions;
    const pdbInfo = findResource('policy', 'poddisruptionbudgets')!;
    for (let attempt = 0; attempt < 20; attempt++) {
      const pod = await this.getCurrent(ri.info, ri.namespace, ri.name!);
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      const ignorePdb =
        phase === 'Succeeded' ||
        phase === 'Failed' ||
        phase === 'Pending' ||
        !!pod.metadata.deletionTimestamp;
      if (!ignorePdb) {
        await this.fresh(pdbInfo);
        const labels = pod.metadata.labels ?? {};
        const pdbs = this.admissionCtx.list('poddisruptionbudgets', 'policy', ri.namespace).filter((pdb) => {
          try {
            return labelsMatch(
              selectorFromLabelSelector((pdb.spec as { selector?: K8sLabelSelector })?.selector),
              labels,
            );
          } catch {
            return false;
          }
        });
        if (pdbs.length > 1)
          throw errors.internal(
            'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
          );
        if (pdbs.length === 1) {
          const pdb = pdbs[0];
          const st = (pdb.status ?? {}) as PdbStatus;
          if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0))
            return tooManyRequests(
              10,
              `The disruption budget ${pdb.metadata.name} is still being processed by the server.`,
            );
          if ((st.disruptionsAllowed ?? 0) <= 0)
            return tooManyRequests(
              0,
              `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
            );
          const next = clone(pdb) as KubeObject;
          const ns = (next.status ??= {}) as PdbStatus;
          ns.disruptionsAllowed = (st.disruptionsAllowed ?? 0) - 1;
          ns.disruptedPods = {
            ...(st.disruptedPods ?? {}),
            [pod.metadata.name!]: rfc3339(this.o.clock.now()),
          };
          const key = etcdKey(pdbInfo, pdb.metadata.namespace, pdb.metadata.name!);
          const w = await this.write(pdbInfo, key, next, Number(pdb.metadata.resourceVersion), reqId);
          if (!w.ok) {
            await this.cacheOf(pdbInfo).waitFor(w.rev);
            continue;
          }
        }
      }
      await this.deleteOne(ri.info, ri.namespace, ri.name!, opts, { method: 'DELETE', path: '' }, reqId);
      return { status: 201, body: { ...successStatus(), code: 201 } };
    }
    throw errors.staleConflict(gr(ri.info), ri.name!);
  }

  /**
   * GET pods/{name}/log: picks the container as upstream's LogLocation does (the only one, or the one
   * named, which may be an init or ephemeral container) and asks the pod's kubelet. A pod with no node
   * yet has no log: the body is empty.
   */
  private async log(ri: ResourceRequest, q: Record<string, string | undefined>): Promise<ApiResponse> {
    const pod = await this.getCurrent(ri.info, ri.namespace, ri.name!);
    type Named = Array<{ name: string }>;
    const spec = (pod.spec ?? {}) as {
      nodeName?: string;
      containers?: Named;
      initContainers?: Named;
      ephemeralContainers?: Named;
    };
    const containers = spec.containers ?? [];
    const names = (cs: Named | undefined) => (cs ?? []).map((c) => c.name).join(' ');
    let container = q.container;
    if (!container) {
      if (containers.length === 0)
        throw errors.badRequest(`a container name must be specified for pod ${ri.name}`);
      if (containers.length > 1) {
        let msg = `a container name must be specified for pod ${ri.name}, choose one of: [${names(containers)}]`;
        if (spec.initContainers?.length)
          msg += ` or one of the init containers: [${names(spec.initContainers)}]`;
        throw errors.badRequest(msg);
      }
      container = containers[0].name;
    } else if (
      ![...containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].some(
        (c) => c.name === container,
      )
    ) {
      throw errors.badRequest(`container ${container} is not valid for pod ${ri.name}`);
    }
    if (!spec.nodeName) return { status: 200, body: '' };
    const kubelet = this.kubelets.get(spec.nodeName);
    if (!kubelet) throw errors.serviceUnavailable(`the kubelet on node "${spec.nodeName}" is not reachable`);
    const text = await kubelet('log', {
      namespace: ri.namespace,
      pod: ri.name,
      uid: pod.metadata.uid,
      container,
      ...q,
    });
    return { status: 200, body: text };
  }

  // ---------------------------------------------------------------- watch

  /**
   * Opens a watch. Events come from the resource's watch cache; with no resourceVersion (or "0") the
   * current objects arrive first as ADDED. A resourceVersion older than the cache's window gets one
   * ERROR event with a 410 Expired status and the stream ends, as upstream.
   */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void {
    let cancelled = false;
    let cancelInner: (() => void) | undefined;
    let timers: number[] = [];
    const end = (err?: Status) => {
      if (cancelled) return;
      cancelled = true;
      cancelInner?.();
      for (const t of timers) this.o.clock.clearTimeout(t);
      timers = [];
      onEnd(err);
    };
    const begin = async () => {
      await this.start();
      const ri = resolveRequest({ ...req, method: 'GET', query: { ...req.query, watch: 'true' } });
      if (ri.kind !== 'resource' || ri.subresource) throw errors.notFoundPath();
      const q = { ...(req.query ?? {}) };
      if (ri.name) q.fieldSelector = [q.fieldSelector, `metadata.name=${ri.name}`].filter(Boolean).join(',');
      const match = this.selectors(ri.info, q);
      const ns = ri.namespace;
      const fullMatch = (o: KubeObject) => (ns === undefined || o.metadata.namespace === ns) && match(o);
      const c = this.cacheOf(ri.info);
      await c.start();
      const rvq = q.resourceVersion;
      let from: number | undefined;
      if (rvq && rvq !== '0') {
        from = Number(rvq);
        if (!Number.isFinite(from)) throw errors.badRequest(`invalid resource version: ${rvq}`);
      } else {
        await c.waitFor(this.lastWriteOf.get(ri.info) ?? 0);
      }
      let indexValue: string | undefined;
      if (ri.info.kind === 'Pod' && q.fieldSelector) {
        indexValue =
          requiresExactMatchField(parseFieldSelector(q.fieldSelector), 'spec.nodeName') || undefined;
      }
      const to = req.from ?? 'client';
      const tracer = this.o.tracer;
      const conv = servedConverter(ri);
      const send = (type: WatchEventType, stored: KubeObject, rev: number, cause?: string) => {
        if (cancelled) return;
        const obj = conv ? conv.fromStorage(stored) : stored;
        let id = cause;
        if (tracer.enabled) {
          id = tracer.emit({
            causeId: cause,
            to,
            kind: 'watch',
            verb: type,
            resource: ri.info.resource,
            namespace: obj.metadata.namespace,
            name: obj.metadata.name,
            revision: rev,
          });
        }
        onEvent({ type, object: obj, cause: id });
      };
      cancelInner = c.watch({ matches: fullMatch, indexValue, send }, from);
      if (cancelled) {
        cancelInner();
        return;
      }
      if (q.allowWatchBookmarks === 'true') {
        const tick = () => {
          if (cancelled) return;
          onEvent({
            type: 'BOOKMARK',
            object: {
              kind: ri.info.kind,
              apiVersion: groupVersion(ri.served ?? ri.info),
              metadata: { resourceVersion: String(c.rev) },
            },
          });
          timers.push(this.o.clock.setTimeout(tick, 60_000));
        };
        timers.push(this.o.clock.setTimeout(tick, 60_000));
      }
      if (q.timeoutSeconds)
        timers.push(this.o.clock.setTimeout(() => end(), Number(q.timeoutSeconds) * 1000));
    };
    begin().catch((e) => {
      const st = toStatus(e);
      if (!cancelled && st.code === 410) onEvent({ type: 'ERROR', object: st as unknown as KubeObject });
      end(st.code === 410 ? undefined : st);
    });
    return () => {
      if (cancelled) return;
      cancelled = true;
      cancelInner?.();
      for (const t of timers) this.o.clock.clearTimeout(t);
    };
  }

  /** Numbers for status pages and benchmarks. */
  stats(): { lastWrite: number; objects: number; watchers: number } {
    let objects = 0;
    let watchers = 0;
    for (const c of this.caches.values()) {
      objects += c.size;
      watchers += c.watcherCount;
    }
    return { lastWrite: this.lastWrite, objects, watchers };
  }

  /** A frozen snapshot of one cached object (for in-process tools). */
  peek(info: ResourceInfo, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.cacheOf(info).get(etcdKey(info, ns, name));
    return o ? deepFreeze(o) : undefined;
  }
}

/** The converter of a request addressed to a version other than the storage version. */
function servedConverter(ri: ResourceRequest): VersionConverter | undefined {
  return ri.served ? converterFor(groupVersion(ri.served), ri.served.kind) : undefined;
}

/** A response body with every stored object in it (object, list items, Table rows) in the served version. */
function convertOut(conv: VersionConverter, served: ResourceInfo, body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const storedVersion = groupVersion(storageInfoOf(served));
  const one = (o: unknown): unknown =>
    isPlainObject(o) && o.kind === served.kind && o.apiVersion === storedVersion
      ? conv.fromStorage(o as unknown as KubeObject)
      : o;
  if (body.kind === served.kind) return one(body);
  if (body.kind === `${served.kind}List` && Array.isArray(body.items))
    return { ...body, apiVersion: groupVersion(served), items: body.items.map(one) };
  if (body.kind === 'Table' && Array.isArray(body.rows))
    return {
      ...body,
      rows: body.rows.map((r: unknown) => (isPlainObject(r) ? { ...r, object: one(r.object) } : r)),
    };
  return body;
}

function gr(info: ResourceInfo): GroupResource {
  return { group: info.group, resource: info.resource };
}

/** dryRun=All in the query, or in a DeleteOptions body (where kubectl puts it for deletes). */
function isDryRun(req: ApiRequest): boolean {
  if (req.query?.dryRun === 'All') return true;
  const body = req.body as { dryRun?: unknown } | undefined;
  return Array.isArray(body?.dryRun) && body.dryRun.includes('All');
}

function wantsTable(req: ApiRequest): boolean {
  return (req.headers?.accept ?? '').includes('as=Table');
}

function stripRv(o: KubeObject): KubeObject {
  const c = { ...o, metadata: { ...o.metadata } };
  delete c.metadata.resourceVersion;
  return c;
}

function encodeContinue(rv: number, start: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
}

function decodeContinue(tok: string): { rv: number; start: string } | undefined {
  try {
    const o = JSON.parse(atob(tok)) as { v?: string; rv?: number; start?: string };
    if (o.v !== 'meta.k8s.io/v1' || typeof o.rv !== 'number' || typeof o.start !== 'string') return undefined;
    return { rv: o.rv, start: o.start };
  } catch {
    return undefined;
  }
}

interface PdbStatus {
  observedGeneration?: number;
  disruptionsAllowed?: number;
  desiredHealthy?: number;
  currentHealthy?: number;
  disruptedPods?: Record<string, string>;
}

/** The eviction's 429 (upstream errors.NewTooManyRequests plus a DisruptionBudget cause). */
function tooManyRequests(retryAfterSeconds: number, cause: string): ApiResponse {
  const details: Status['details'] = { causes: [{ reason: 'DisruptionBudget', message: cause }] };
  if (retryAfterSeconds) details.retryAfterSeconds = retryAfterSeconds;
  return {
    status: 429,
    body: failureStatus(
      429,
      'TooManyRequests',
      "Cannot evict pod as it would violate the pod's disruption budget.",
      details,
    ),
  };
}

/** The methods a path has routes for (upstream registers no route for other methods: 405), if known. */
function allowedMethods(
  info: ResourceInfo,
  named: boolean,
  sub: string | undefined,
): HttpMethod[] | undefined {
  if (sub !== undefined) {
    switch (sub) {
      case 'status':
      case 'scale':
        return ['GET', 'PUT', 'PATCH'];
      case 'binding':
      case 'eviction':
        return ['POST'];
      case 'log':
        return ['GET'];
      case 'finalize':
        return ['PUT'];
      default:
        return undefined;
    }
  }
  const v = new Set(info.verbs);
  const out: HttpMethod[] = [];
  if (named) {
    if (v.has('get')) out.push('GET');
    if (v.has('update')) out.push('PUT');
    if (v.has('patch')) out.push('PATCH');
    if (v.has('delete')) out.push('DELETE');
  } else {
    if (v.has('list')) out.push('GET');
    if (v.has('create')) out.push('POST');
    if (v.has('deletecollection')) out.push('DELETE');
  }
  return out;
}

/** go-restful's answer when a path has no route for the method. */
function methodNotAllowed(): ApiError {
  return new ApiError(
    failureStatus(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
      {},
    ),
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deletes, in place, every field the schema of `apiVersion`/`kind` does not define. */
function pruneUnknownFields(apiVersion: string, kind: string, obj: unknown): void {
  const def = definitionFor(apiVersion, kind);
  if (!def) return;
  const walk = (value: unknown, field: SchemaNode): void => {
    if (value === null || value === undefined) return;
    const node = resolveSchema(field);
    if (
      node['x-kubernetes-int-or-string'] ||
      node['x-kubernetes-quantity'] ||
      node['x-kubernetes-preserve-unknown-fields']
    )
      return;
    if (node.type === 'array') {
      if (Array.isArray(value)) for (const item of value) walk(item, node.items ?? {});
    } else if (node.type === 'object' && isPlainObject(value)) {
      if (node.properties) {
        for (const key of Object.keys(value)) {
          const prop = node.properties[key];
          if (prop) walk(value[key], prop);
          else delete value[key];
        }
      } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        for (const key of Object.keys(value)) walk(value[key], node.additionalProperties);
      }
    }
  };
  walk(obj, def);
}
