/**
 * The REST shape of a request to kube-apiserver, as it crosses a MessagePort (or, with `kubelab
 * serve`, HTTP). Paths and query parameters are the real ones: `/api/v1/namespaces/default/pods`,
 * `/apis/apps/v1/deployments?labelSelector=app%3Dweb`.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { WatchEvent } from './types';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who is asking (authentication result; KubeLab trusts the component identity given at connect time). */
export interface UserInfo {
  username: string;
  groups: string[];
}

/** A request to the apiserver. */
export interface ApiRequest {
  method: HttpMethod;
  /** Path without query, e.g. `/api/v1/namespaces/default/pods/nginx/status`. */
  path: string;
  /** Query parameters (`labelSelector`, `fieldSelector`, `resourceVersion`, `watch`, `dryRun`, ...). */
  query?: Record<string, string | undefined>;
  /** Request body: an object (JSON) or, for PATCH, the patch document. */
  body?: unknown;
  /** `Content-Type` (patch type for PATCH) and `Accept` (e.g. the Table media type). */
  headers?: { contentType?: string; accept?: string };
  /** Trace id of what caused this request (a watch event, a user command). */
  cause?: string;
  /** Filled by the transport from the connection's identity. */
  user?: UserInfo;
  /** Who sends it, as it appears in the trace (`kubectl`, `kube-scheduler`, `kubelet/node-1`, ...). */
  from?: string;
}

/** A response: a status code and a JSON body (an object, a list, a Table or a Status). */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T | Status;
  /** Trace id of the apiserver's handling of this request. */
  trace?: string;
  /** `Warning` headers (e.g. unknown fields under fieldValidation=Warn). */
  warnings?: string[];
}

/** The media type kubectl asks for to get server-side printed tables. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Patch content types. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/**
 * How a client reaches the apiserver. Implemented over a MessagePort (browser workers, Node tests),
 * in-process loopback, and HTTP.
 */
export interface ApiTransport {
  request<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>>;
  /**
   * Opens a watch (`req.query.watch` is implied). Events arrive in order; `onEnd` is called once when the
   * server or the transport ends the stream (never after `cancel()`).
   */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void;
}
