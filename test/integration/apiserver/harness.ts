/**
 * Shared helpers of the apiserver integration tests: an in-process cluster on a virtual clock, a
 * kubectl connection, request shorthands and a watch recorder.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { ApiRequest, ApiResponse, HttpMethod } from '../../../src/api/rest';
import type { KubeObject, WatchEvent } from '../../../src/api/types';
import { LocalCluster, type LocalClusterOptions } from '../../../src/runtime/local-cluster';

/** A started cluster plus shorthands bound to one kubectl connection. */
export interface Harness {
  c: LocalCluster;
  call(
    method: HttpMethod,
    path: string,
    body?: unknown,
    query?: ApiRequest['query'],
    headers?: ApiRequest['headers'],
  ): Promise<ApiResponse>;
  /** A successful call's body (fails the test with the Status otherwise). */
  ok<T = KubeObject>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    query?: ApiRequest['query'],
    headers?: ApiRequest['headers'],
  ): Promise<T>;
  /** Opens a watch and records what it delivers. */
  watch(path: string, query?: ApiRequest['query']): Recorder;
}

/** What a watch delivered so far. */
export interface Recorder {
  events: WatchEvent[];
  ended: boolean;
  endErr: Status | undefined;
  cancel(): void;
  /** `TYPE name` of each event (ERROR: `ERROR <code>`; BOOKMARK: `BOOKMARK`). */
  summary(): string[];
}

/** Starts a cluster (seed 1) and connects kubectl. */
export async function startHarness(opts: LocalClusterOptions = {}): Promise<Harness> {
  const c = await LocalCluster.start({ seed: 1, ...opts });
  const api = c.connect('kubectl');
  const call: Harness['call'] = (method, path, body, query, headers) =>
    api.request({ method, path, body, query, headers });
  return {
    c,
    call,
    async ok(method, path, body, query, headers) {
      const r = await call(method, path, body, query, headers);
      if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${(r.body as Status).message}`);
      return r.body as never;
    },
    watch(path, query) {
      const rec: Recorder = {
        events: [],
        ended: false,
        endErr: undefined,
        cancel: () => {},
        summary() {
          return rec.events.map((e) =>
            e.type === 'ERROR'
              ? `ERROR ${(e.object as unknown as Status).code}`
              : e.type === 'BOOKMARK'
                ? 'BOOKMARK'
                : `${e.type} ${e.object.metadata.name}`,
          );
        },
      };
      rec.cancel = api.watch(
        { method: 'GET', path, query: { ...query, watch: 'true' } },
        (ev) => rec.events.push(ev),
        (err) => {
          rec.ended = true;
          rec.endErr = err;
        },
      );
      return rec;
    },
  };
}

/** A minimal pod. */
export function pod(
  name: string,
  extra: { labels?: Record<string, string>; containers?: unknown[]; spec?: Record<string, unknown> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: { containers: extra.containers ?? [{ name: 'nginx', image: 'nginx' }], ...extra.spec },
  };
}

/** A minimal apps/v1 Deployment. */
export function deployment(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  };
}

/** A minimal node. */
export function node(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, ...(labels ? { labels } : {}) } };
}

/** A Binding of pod `name` to node `nodeName`. */
export function binding(name: string, nodeName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name },
    target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
  };
}

/** The Status body of a response. */
export function status(r: ApiResponse): Status {
  return r.body as Status;
}

/** Paths. */
export const PODS = '/api/v1/namespaces/default/pods';
export const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
export const NODES = '/api/v1/nodes';
