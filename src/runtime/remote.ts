/**
 * Client adapters that implement the served interfaces (`EtcdApi`, `ApiTransport`) over RPC, and the
 * serving side of an apiserver connection. Both ends are typed by the same interface, so a message
 * shape can't drift from the method it calls.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { errors, toStatus } from '../api/errors';
import type { ApiRequest, ApiResponse, ApiTransport, UserInfo } from '../api/rest';
import type { WatchEvent } from '../api/types';
import type { EtcdApi, KvEvent, WatchEnd } from '../control-plane/etcd/types';
import type { Endpoint } from './endpoint';
import { RpcClient, RpcServer } from './rpc';

/** Stream methods of the etcd service. */
export const ETCD_STREAMS: ReadonlySet<string> = new Set(['watch']);
/** Stream methods of an apiserver connection. */
export const API_STREAMS: ReadonlySet<string> = new Set(['watch', 'kubeletTunnel']);

/** Serves an etcd store on an endpoint. */
export function serveEtcd(ep: Endpoint, store: EtcdApi): RpcServer {
  const impl: EtcdApi = {
    range: (k, o) => store.range(k, o),
    put: (k, v, o) => store.put(k, v, o),
    delete: (k, o) => store.delete(k, o),
    txn: (r) => store.txn(r),
    watch: (k, o, onEvents, onEnd) => store.watch(k, o, onEvents, onEnd),
    compact: (r) => store.compact(r),
    leaseGrant: (t) => store.leaseGrant(t),
    leaseRevoke: (id) => store.leaseRevoke(id),
    leaseKeepAlive: (id) => store.leaseKeepAlive(id),
    leases: () => store.leases(),
    history: (k) => store.history(k),
    status: () => store.status(),
  };
  return new RpcServer(ep, impl, ETCD_STREAMS);
}

/** An `EtcdApi` that forwards to a served store. */
export function remoteEtcd(rpc: () => RpcClient): EtcdApi {
  return {
    range: (k, o) => rpc().call('range', [k, o]),
    put: (k, v, o) => rpc().call('put', [k, v, o]),
    delete: (k, o) => rpc().call('delete', [k, o]),
    txn: (r) => rpc().call('txn', [r]),
    watch: (k, o, onEvents, onEnd) =>
      rpc().stream(
        'watch',
        [k, o],
        (v) => onEvents(v as KvEvent[]),
        (v, err) => onEnd?.(err ? { error: err.message } : ((v ?? {}) as WatchEnd)),
      ),
    compact: (r) => rpc().call('compact', [r]),
    leaseGrant: (t) => rpc().call('leaseGrant', [t]),
    leaseRevoke: (id) => rpc().call('leaseRevoke', [id]),
    leaseKeepAlive: (id) => rpc().call('leaseKeepAlive', [id]),
    leases: () => rpc().call('leases', []),
    history: (k) => rpc().call('history', [k]),
    status: () => rpc().call('status', []),
  };
}

/** A request the apiserver sends down to a kubelet (logs, exec). */
export interface KubeletCall {
  id: number;
  kind: 'log' | 'exec';
  params: Record<string, unknown>;
}

/** What the apiserver offers a connection. */
export interface ApiServerCore {
  request(req: ApiRequest): Promise<ApiResponse>;
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void;
  registerKubelet(
    node: string,
    handler: (kind: 'log' | 'exec', params: Record<string, unknown>) => Promise<unknown>,
  ): () => void;
}

/** The methods one apiserver connection serves. */
export interface ApiConnection {
  request(req: ApiRequest): Promise<ApiResponse>;
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void;
  /** A kubelet announces itself; the apiserver streams `KubeletCall`s down this stream. */
  kubeletTunnel(node: string, onItem: (c: KubeletCall) => void, onEnd: () => void): () => void;
  /** The kubelet's answer to a `KubeletCall`. */
  kubeletReply(id: number, ok: boolean, value: unknown): void;
}

/** Serves the apiserver to one client connection, stamping the client's identity on every request. */
export function serveApi(
  ep: Endpoint,
  api: ApiServerCore,
  client: { name: string; user: UserInfo },
): RpcServer {
  let nextCall = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const conn: ApiConnection = {
    request: (req) => api.request({ ...req, user: client.user, from: req.from ?? client.name }),
    watch: (req, onEvent, onEnd) =>
      api.watch({ ...req, user: client.user, from: req.from ?? client.name }, onEvent, onEnd),
    kubeletTunnel: (node, onItem) =>
      api.registerKubelet(node, (kind, params) => {
        const id = nextCall++;
        return new Promise((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          onItem({ id, kind, params });
        });
      }),
    kubeletReply: (id, ok, value) => {
      const w = waiting.get(id);
      waiting.delete(id);
      if (!w) return;
      if (ok) w.resolve(value);
      else w.reject(errors.badRequest(String(value)));
    },
  };
  return new RpcServer(ep, conn, API_STREAMS);
}

/** An ApiTransport over an apiserver connection (which may be swapped after a restart). */
export class RemoteApi implements ApiTransport {
  constructor(private readonly rpc: () => Promise<RpcClient>) {}
  async request<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>> {
    try {
      const c = await this.rpc();
      return await c.call<ApiResponse<T>>('request', [req]);
    } catch (e) {
      const st = toStatus(e);
      if (st.code === 500)
        return {
          status: 503,
          body: errors.serviceUnavailable(`the apiserver is unreachable: ${st.message}`).status,
        };
      return { status: st.code ?? 500, body: st };
    }
  }
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void {
    let cancel: (() => void) | undefined;
    let cancelled = false;
    this.rpc().then(
      (c) => {
        if (cancelled) return;
        cancel = c.stream(
          'watch',
          [req],
          (v) => onEvent(v as WatchEvent),
          (v, err) => {
            if (cancelled) return;
            if (err) onEnd(errors.serviceUnavailable(`watch connection lost: ${err.message}`).status);
            else onEnd(v as Status | undefined);
          },
        );
      },
      (e: unknown) => {
        if (!cancelled) onEnd(toStatus(e));
      },
    );
    return () => {
      cancelled = true;
      cancel?.();
    };
  }
  /** Offers this node's kubelet to the apiserver (logs, exec). Returns a stop function. */
  serveKubelet(node: string, handler: (call: KubeletCall) => Promise<unknown>): () => void {
    let cancel: (() => void) | undefined;
    let stopped = false;
    const open = () => {
      this.rpc().then(
        (c) => {
          if (stopped) return;
          cancel = c.stream(
            'kubeletTunnel',
            [node],
            (v) => {
              const call = v as KubeletCall;
              handler(call).then(
                (value) => c.call('kubeletReply', [call.id, true, value]).catch(() => {}),
                (e: unknown) =>
                  c
                    .call('kubeletReply', [call.id, false, e instanceof Error ? e.message : String(e)])
                    .catch(() => {}),
              );
            },
            () => {
              if (!stopped) queueMicrotask(open);
            },
          );
        },
        () => {},
      );
    };
    open();
    return () => {
      stopped = true;
      cancel?.();
    };
  }
}
