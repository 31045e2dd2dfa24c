/**
 * The typed clientset, mirroring client-go's `kubernetes.Clientset` + `rest.Request` (and the dynamic
 * client's `Resource(gvr).Namespace(ns)`): every verb becomes a REST-shaped `ApiRequest` with the real
 * path, query parameter names and bodies, sent over an `ApiTransport`. Non-2xx answers become
 * `ApiError`s carrying the server's Status. Leaves out protobuf, request retries/throttling (client-side
 * QPS), server-side apply helpers and streaming (`follow`) logs.
 */
import type { ListMeta, ObjectMeta, Status, Preconditions, DeleteOptions } from 'kubernetes-types/meta/v1';
import type {
  Pod,
  Node,
  Namespace,
  Service,
  Event,
  ConfigMap,
  Secret,
  Endpoints,
  ReplicationController,
  PersistentVolume,
  PersistentVolumeClaim,
  Binding,
} from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet, DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job, CronJob } from 'kubernetes-types/batch/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Scale } from 'kubernetes-types/autoscaling/v1';
import type { Eviction } from 'kubernetes-types/policy/v1';
import { ApiError, failureStatus } from '../api/errors';
import {
  PATCH_TYPES,
  type ApiRequest,
  type ApiResponse,
  type ApiTransport,
  type HttpMethod,
} from '../api/rest';
import { findByKind, findResource, type ResourceInfo } from '../api/resources';
import type { WatchEvent } from '../api/types';

/** The least an API object has: optional apiVersion/kind and metadata (kubernetes-types' shape). */
export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A list as the API returns it (`PodList`, ...). */
export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: ListMeta;
  items: T[];
}

/** Options every call accepts. */
export interface CallOptions {
  /** Trace id of what caused this request; goes on `ApiRequest.cause`. */
  cause?: string;
}

/** `metav1.GetOptions`. */
export interface GetOptions extends CallOptions {
  resourceVersion?: string;
}

/** `metav1.ListOptions` (and the watch options that share it). */
export interface ListOptions extends CallOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  limit?: number;
  continue?: string;
  timeoutSeconds?: number;
}

/** Options of a watch (`ListOptions` with `watch=true`). */
export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
}

/** `metav1.CreateOptions` / `UpdateOptions` / `PatchOptions`. */
export interface WriteOptions extends CallOptions {
  /** Sends `dryRun=All`. */
  dryRun?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  fieldManager?: string;
}

/** `metav1.PatchOptions`. */
export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take over conflicting fields. */
  force?: boolean;
  /** Patch a subresource (`status`, `scale`) instead of the object. */
  subresource?: string;
}

/** `metav1.DeleteOptions`, sent as the request body. */
export interface DeleteOpts extends CallOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: Preconditions;
  dryRun?: boolean;
}

/** Patch kinds (`kubectl patch --type`), plus server-side apply. */
export type PatchType = 'strategic' | 'merge' | 'json' | 'apply';

/** Options of `logs` (`corev1.PodLogOptions`, without `follow`). */
export interface LogOptions extends CallOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Options for the Clientset. */
export interface ClientsetOptions {
  /** Component name as it appears in the trace (`kube-scheduler`, `kubelet/node-1`). */
  from: string;
}

/** Turns a non-2xx response into an ApiError carrying the server's Status. */
export function checkResponse<T>(res: ApiResponse<T>): T {
  if (res.status >= 200 && res.status < 300) return res.body as T;
  const b = res.body as Status | undefined;
  if (b && typeof b === 'object' && (b as Status).kind === 'Status') {
    const st: Status = { ...b };
    if (st.code === undefined) st.code = res.status;
    throw new ApiError(st);
  }
  throw new ApiError(
    failureStatus(
      res.status,
      res.status === 404 ? 'NotFound' : '',
      `the server responded with the status code ${res.status} but did not return more information`,
    ),
  );
}

function listQuery(o: ListOptions | undefined): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  if (!o) return q;
  if (o.labelSelector) q.labelSelector = o.labelSelector;
  if (o.fieldSelector) q.fieldSelector = o.fieldSelector;
  if (o.resourceVersion !== undefined) q.resourceVersion = o.resourceVersion;
  if (o.resourceVersionMatch) q.resourceVersionMatch = o.resourceVersionMatch;
  if (o.timeoutSeconds !== undefined) q.timeoutSeconds = String(o.timeoutSeconds);
  if (o.limit !== undefined && o.limit > 0) q.limit = String(o.limit);
  if (o.continue) q.continue = o.continue;
  return q;
}

function writeQuery(o: PatchOptions | undefined): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  if (!o) return q;
  if (o.dryRun) q.dryRun = 'All';
  if (o.fieldManager) q.fieldManager = o.fieldManager;
  if (o.fieldValidation) q.fieldValidation = o.fieldValidation;
  if (o.force !== undefined) q.force = String(o.force);
  return q;
}

/** Builds the `DeleteOptions` body client-go sends with DELETE. */
export function deleteOptionsBody(o: DeleteOpts | undefined): DeleteOptions {
  const b: DeleteOptions = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (!o) return b;
  if (o.gracePeriodSeconds !== undefined) b.gracePeriodSeconds = o.gracePeriodSeconds;
  if (o.preconditions) b.preconditions = o.preconditions;
  if (o.propagationPolicy) b.propagationPolicy = o.propagationPolicy;
  if (o.dryRun) b.dryRun = ['All'];
  return b;
}

/** A client for one resource (client-go's typed `PodInterface`, or the dynamic `ResourceInterface`). */
export class ResourceClient<T extends ApiObject, L extends ObjectList<T> = ObjectList<T>> {
  constructor(
    private readonly transport: ApiTransport,
    /** Registry entry of the resource. */
    public readonly info: ResourceInfo,
    private readonly from: string,
  ) {}

  /** `/api/v1` or `/apis/apps/v1`. */
  get basePath(): string {
    return this.info.group ? `/apis/${this.info.group}/${this.info.version}` : `/api/${this.info.version}`;
  }

  /** The collection path: `/api/v1/namespaces/ns/pods`, `/api/v1/pods` (all namespaces), `/api/v1/nodes`. */
  collectionPath(ns: string | undefined): string {
    if (this.info.namespaced && ns) return `${this.basePath}/namespaces/${ns}/${this.info.resource}`;
    return `${this.basePath}/${this.info.resource}`;
  }

  /** The path of one object, optionally a subresource: `/api/v1/namespaces/ns/pods/x/status`. */
  objectPath(ns: string | undefined, name: string, subresource?: string): string {
    if (!name) throw new Error('resource name may not be empty');
    if (this.info.namespaced && !ns)
      throw new Error('an empty namespace may not be set when a resource name is provided');
    const p = `${this.collectionPath(ns)}/${name}`;
    return subresource ? `${p}/${subresource}` : p;
  }

  /** Sends a request and returns the raw response (errors are not thrown). */
  async raw<R = unknown>(
    method: HttpMethod,
    path: string,
    extra: Omit<ApiRequest, 'method' | 'path' | 'from'> = {},
  ): Promise<ApiResponse<R>> {
    const req: ApiRequest = { method, path, from: this.from };
    if (extra.query && Object.keys(extra.query).length) req.query = extra.query;
    if (extra.body !== undefined) req.body = extra.body;
    if (extra.headers) req.headers = extra.headers;
    if (extra.cause) req.cause = extra.cause;
    return this.transport.request<R>(req);
  }

  private async call<R>(
    method: HttpMethod,
    path: string,
    extra: Omit<ApiRequest, 'method' | 'path' | 'from'> = {},
  ): Promise<R> {
    return checkResponse(await this.raw<R>(method, path, extra));
  }

  /** GET one object. */
  get(ns: string | undefined, name: string, opts?: GetOptions): Promise<T> {
    const q: Record<string, string | undefined> = {};
    if (opts?.resourceVersion !== undefined) q.resourceVersion = opts.resourceVersion;
    return this.call<T>('GET', this.objectPath(ns, name), { query: q, cause: opts?.cause });
  }

  /** LIST, in one namespace or (undefined) all namespaces. */
  async list(ns: string | undefined, opts?: ListOptions): Promise<L> {
    return (await this.listWithTrace(ns, opts)).list;
  }

  /** LIST, also returning the apiserver's trace id (informers use it as the cause of list-driven events). */
  async listWithTrace(ns: string | undefined, opts?: ListOptions): Promise<{ list: L; trace?: string }> {
    const res = await this.raw<L>('GET', this.collectionPath(ns), {
      query: listQuery(opts),
      cause: opts?.cause,
    });
    return { list: checkResponse(res), trace: res.trace };
  }

  /** POST a new object into `ns`. */
  create(ns: string | undefined, obj: T, opts?: WriteOptions): Promise<T> {
    return this.call<T>('POST', this.collectionPath(ns ?? obj.metadata?.namespace), {
      query: writeQuery(opts),
      body: obj,
      cause: opts?.cause,
    });
  }

  /** PUT the whole object (its namespace/name come from metadata; resourceVersion guards the write). */
  update(obj: T, opts?: WriteOptions): Promise<T> {
    return this.call<T>('PUT', this.objectPath(obj.metadata?.namespace, obj.metadata?.name ?? ''), {
      query: writeQuery(opts),
      body: obj,
      cause: opts?.cause,
    });
  }

  /** PUT the `status` subresource. */
  updateStatus(obj: T, opts?: WriteOptions): Promise<T> {
    return this.call<T>('PUT', this.objectPath(obj.metadata?.namespace, obj.metadata?.name ?? '', 'status'), {
      query: writeQuery(opts),
      body: obj,
      cause: opts?.cause,
    });
  }

  /** PATCH with the given patch type; `body` is the patch document. */
  patch(
    ns: string | undefined,
    name: string,
    patchType: PatchType,
    body: unknown,
    opts?: PatchOptions,
  ): Promise<T> {
    return this.call<T>('PATCH', this.objectPath(ns, name, opts?.subresource), {
      query: writeQuery(opts),
      body,
      headers: { contentType: PATCH_TYPES[patchType] },
      cause: opts?.cause,
    });
  }

  /** DELETE one object; the options go as a DeleteOptions body. Returns the object (graceful) or a Status. */
  delete(ns: string | undefined, name: string, opts?: DeleteOpts): Promise<T | Status> {
    const q: Record<string, string | undefined> = {};
    if (opts?.dryRun) q.dryRun = 'All';
    return this.call<T | Status>('DELETE', this.objectPath(ns, name), {
      query: q,
      body: deleteOptionsBody(opts),
      cause: opts?.cause,
    });
  }

  /** DELETE the collection (filtered by the list options). */
  deleteCollection(ns: string | undefined, opts?: DeleteOpts, listOpts?: ListOptions): Promise<L | Status> {
    const q = listQuery(listOpts);
    if (opts?.dryRun) q.dryRun = 'All';
    return this.call<L | Status>('DELETE', this.collectionPath(ns), {
      query: q,
      body: deleteOptionsBody(opts),
      cause: opts?.cause ?? listOpts?.cause,
    });
  }

  /**
   * WATCH from `opts.resourceVersion`. Events arrive in order; `onEnd` is called once when the stream
   * ends (never after the returned cancel function is called).
   */
  watch(
    ns: string | undefined,
    opts: WatchOptions,
    onEvent: (ev: WatchEvent<T>) => void,
    onEnd: (err?: Status) => void,
  ): () => void {
    const q = listQuery(opts);
    q.watch = 'true';
    if (opts.allowWatchBookmarks) q.allowWatchBookmarks = 'true';
    const req: ApiRequest = { method: 'GET', path: this.collectionPath(ns), query: q, from: this.from };
    if (opts.cause) req.cause = opts.cause;
    return this.transport.watch(req, onEvent as unknown as (ev: WatchEvent) => void, onEnd);
  }

  /** POST `pods/{name}/binding`: the scheduler's bind. */
  bind(ns: string, podName: string, nodeName: string, opts?: WriteOptions): Promise<Status> {
    const body: Binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: podName, namespace: ns },
      target: { kind: 'Node', apiVersion: 'v1', name: nodeName },
    };
    return this.call<Status>('POST', this.objectPath(ns, podName, 'binding'), {
      query: writeQuery(opts),
      body,
      cause: opts?.cause,
    });
  }

  /** GET the `scale` subresource (autoscaling/v1 Scale). */
  getScale(ns: string | undefined, name: string, opts?: CallOptions): Promise<Scale> {
    return this.call<Scale>('GET', this.objectPath(ns, name, 'scale'), { cause: opts?.cause });
  }

  /** PUT the `scale` subresource. */
  updateScale(ns: string | undefined, name: string, scale: Scale, opts?: WriteOptions): Promise<Scale> {
    return this.call<Scale>('PUT', this.objectPath(ns, name, 'scale'), {
      query: writeQuery(opts),
      body: scale,
      cause: opts?.cause,
    });
  }

  /** POST a policy/v1 Eviction to `pods/{name}/eviction` (honours PodDisruptionBudgets). */
  evict(ns: string, name: string, deleteOptions?: DeleteOpts): Promise<Status> {
    const body: Eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } };
    const d = deleteOptionsBody(deleteOptions);
    if (Object.keys(d).length > 2) body.deleteOptions = d;
    const q: Record<string, string | undefined> = {};
    if (deleteOptions?.dryRun) q.dryRun = 'All';
    return this.call<Status>('POST', this.objectPath(ns, name, 'eviction'), {
      query: q,
      body,
      cause: deleteOptions?.cause,
    });
  }

  /** GET `pods/{name}/log`: the container log as text. */
  async logs(ns: string, name: string, opts?: LogOptions): Promise<string> {
    const q: Record<string, string | undefined> = {};
    if (opts?.container) q.container = opts.container;
    if (opts?.previous) q.previous = 'true';
    if (opts?.sinceSeconds !== undefined) q.sinceSeconds = String(opts.sinceSeconds);
    if (opts?.tailLines !== undefined) q.tailLines = String(opts.tailLines);
    if (opts?.timestamps) q.timestamps = 'true';
    if (opts?.limitBytes !== undefined) q.limitBytes = String(opts.limitBytes);
    const body = await this.call<unknown>('GET', this.objectPath(ns, name, 'log'), {
      query: q,
      cause: opts?.cause,
    });
    return typeof body === 'string' ? body : String(body ?? '');
  }
}

/** The clientset: one ResourceClient per resource, plus typed accessors for the common kinds. */
export class Clientset {
  private readonly cache = new Map<string, ResourceClient<ApiObject>>();
  /** Component name stamped on every request as `from`. */
  public readonly from: string;

  constructor(
    /** The connection to the apiserver. */
    public readonly transport: ApiTransport,
    opts: ClientsetOptions,
  ) {
    this.from = opts.from;
  }

  /**
   * A client for `group`/`resource` (version defaults to the registry's). Unknown resources (e.g.
   * custom ones) need an explicit version and are assumed namespaced unless `namespaced` is false.
   */
  resource<T extends ApiObject = ApiObject>(
    group: string,
    version: string | undefined,
    resource: string,
    namespaced?: boolean,
  ): ResourceClient<T> {
    const key = `${group}/${version ?? ''}/${resource}`;
    const hit = this.cache.get(key);
    if (hit) return hit as unknown as ResourceClient<T>;
    const known = findResource(group, resource);
    let info: ResourceInfo;
    if (known && (!version || version === known.version)) info = known;
    else if (known) info = { ...known, version: version! };
    else {
      if (!version)
        throw new Error(
          `the server doesn't have a resource type "${group ? `${resource}.${group}` : resource}"`,
        );
      info = {
        group,
        version,
        kind: '',
        resource,
        singular: '',
        shortNames: [],
        namespaced: namespaced ?? true,
        verbs: [],
        subresources: [],
        categories: [],
        etcdPrefix: `/registry/${group ? `${group}/` : ''}${resource}`,
      };
    }
    const c = new ResourceClient<T>(this.transport, info, this.from);
    this.cache.set(key, c as unknown as ResourceClient<ApiObject>);
    return c;
  }

  /** A client for the resource serving `apiVersion`/`kind` (throws for unknown kinds). */
  forKind<T extends ApiObject = ApiObject>(apiVersion: string, kind: string): ResourceClient<T> {
    const info = findByKind(apiVersion, kind);
    if (!info) throw new Error(`no matches for kind "${kind}" in version "${apiVersion}"`);
    return this.resource<T>(info.group, info.version, info.resource);
  }

  /** A client for the given registry entry. */
  forInfo<T extends ApiObject = ApiObject>(info: ResourceInfo): ResourceClient<T> {
    return this.resource<T>(info.group, info.version, info.resource, info.namespaced);
  }

  /** core/v1 pods. */
  get pods(): ResourceClient<Pod> {
    return this.resource<Pod>('', 'v1', 'pods');
  }
  /** core/v1 nodes. */
  get nodes(): ResourceClient<Node> {
    return this.resource<Node>('', 'v1', 'nodes');
  }
  /** core/v1 namespaces. */
  get namespaces(): ResourceClient<Namespace> {
    return this.resource<Namespace>('', 'v1', 'namespaces');
  }
  /** core/v1 services. */
  get services(): ResourceClient<Service> {
    return this.resource<Service>('', 'v1', 'services');
  }
  /** core/v1 events. */
  get events(): ResourceClient<Event> {
    return this.resource<Event>('', 'v1', 'events');
  }
  /** core/v1 configmaps. */
  get configMaps(): ResourceClient<ConfigMap> {
    return this.resource<ConfigMap>('', 'v1', 'configmaps');
  }
  /** core/v1 secrets. */
  get secrets(): ResourceClient<Secret> {
    return this.resource<Secret>('', 'v1', 'secrets');
  }
  /** core/v1 endpoints. */
  get endpoints(): ResourceClient<Endpoints> {
    return this.resource<Endpoints>('', 'v1', 'endpoints');
  }
  /** core/v1 replicationcontrollers. */
  get replicationControllers(): ResourceClient<ReplicationController> {
    return this.resource<ReplicationController>('', 'v1', 'replicationcontrollers');
  }
  /** core/v1 persistentvolumes. */
  get persistentVolumes(): ResourceClient<PersistentVolume> {
    return this.resource<PersistentVolume>('', 'v1', 'persistentvolumes');
  }
  /** core/v1 persistentvolumeclaims. */
  get persistentVolumeClaims(): ResourceClient<PersistentVolumeClaim> {
    return this.resource<PersistentVolumeClaim>('', 'v1', 'persistentvolumeclaims');
  }
  /** coordination.k8s.io/v1 leases. */
  get leases(): ResourceClient<Lease> {
    return this.resource<Lease>('coordination.k8s.io', 'v1', 'leases');
  }
  /** apps/v1 deployments. */
  get deployments(): ResourceClient<Deployment> {
    return this.resource<Deployment>('apps', 'v1', 'deployments');
  }
  /** apps/v1 replicasets. */
  get replicaSets(): ResourceClient<ReplicaSet> {
    return this.resource<ReplicaSet>('apps', 'v1', 'replicasets');
  }
  /** apps/v1 daemonsets. */
  get daemonSets(): ResourceClient<DaemonSet> {
    return this.resource<DaemonSet>('apps', 'v1', 'daemonsets');
  }
  /** apps/v1 statefulsets. */
  get statefulSets(): ResourceClient<StatefulSet> {
    return this.resource<StatefulSet>('apps', 'v1', 'statefulsets');
  }
  /** batch/v1 jobs. */
  get jobs(): ResourceClient<Job> {
    return this.resource<Job>('batch', 'v1', 'jobs');
  }
  /** batch/v1 cronjobs. */
  get cronJobs(): ResourceClient<CronJob> {
    return this.resource<CronJob>('batch', 'v1', 'cronjobs');
  }
  /** discovery.k8s.io/v1 endpointslices. */
  get endpointSlices(): ResourceClient<EndpointSlice> {
    return this.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices');
  }
}
