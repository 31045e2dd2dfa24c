/**
 * Request/response and streaming RPC over an `Endpoint`. The server side exposes an object that
 * implements a service interface (`EtcdApi`, `ApiTransport`); the client side is an adapter that
 * implements the same interface (see `remote-*.ts`), so both ends are checked against one type.
 */
import { ApiError } from '../api/errors';
import { EtcdError, type EtcdErrorCode } from '../control-plane/etcd/types';
import type { Endpoint } from './endpoint';
import { PROTOCOL_VERSION, isRpcMessage, type RpcMessage, type WireError } from './protocol';

/** Serialises an error for the wire. */
export function toWireError(e: unknown): WireError {
  if (e instanceof ApiError) return { name: 'ApiError', message: e.message, status: e.status };
  if (e instanceof EtcdError)
    return { name: 'EtcdError', message: e.message, code: e.code, compactRevision: e.compactRevision };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Rebuilds an error from the wire. */
export function fromWireError(w: WireError): Error {
  if (w.name === 'ApiError' && w.status) return new ApiError(w.status);
  if (w.name === 'EtcdError' && w.code)
    return new EtcdError(w.code as EtcdErrorCode, w.message, w.compactRevision);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

type AnyFn = (...args: unknown[]) => unknown;

/**
 * Serves `impl` on an endpoint. Unary methods return a value or a promise. Stream methods (named in
 * `streams`) take `(…args, onItem, onEnd)` and return a cancel function.
 */
export class RpcServer {
  private cancels = new Map<number, () => void>();
  constructor(
    private readonly ep: Endpoint,
    private readonly impl: object,
    private readonly streams: ReadonlySet<string>,
  ) {
    ep.listen((m) => this.onMessage(m));
  }
  private send(m: RpcMessage): void {
    this.ep.post(m);
  }
  private onMessage(m: unknown): void {
    if (!isRpcMessage(m)) return;
    if (m.t === 'cancel') {
      const c = this.cancels.get(m.id);
      this.cancels.delete(m.id);
      c?.();
      return;
    }
    if (m.t !== 'call') return;
    // Methods every object inherits (toString, constructor, ...) are not part of any service.
    const fn = m.method in Object.prototype ? undefined : (this.impl as Record<string, unknown>)[m.method];
    const id = m.id;
    if (typeof fn !== 'function') {
      this.send({
        v: PROTOCOL_VERSION,
        t: 'error',
        id,
        error: { name: 'Error', message: `unknown method ${m.method}` },
      });
      return;
    }
    if (this.streams.has(m.method)) {
      let ended = false;
      const onItem = (value: unknown) => {
        if (!ended) this.send({ v: PROTOCOL_VERSION, t: 'next', id, value });
      };
      const onEnd = (value?: unknown) => {
        if (ended) return;
        ended = true;
        this.cancels.delete(id);
        this.send({ v: PROTOCOL_VERSION, t: 'end', id, value });
      };
      try {
        const cancel = (fn as AnyFn).apply(this.impl, [...m.args, onItem, onEnd]);
        if (!ended && typeof cancel === 'function') this.cancels.set(id, cancel as () => void);
      } catch (e) {
        this.send({ v: PROTOCOL_VERSION, t: 'error', id, error: toWireError(e) });
      }
      return;
    }
    let result: unknown;
    try {
      result = (fn as AnyFn).apply(this.impl, m.args);
    } catch (e) {
      this.send({ v: PROTOCOL_VERSION, t: 'error', id, error: toWireError(e) });
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value) => this.sendResult(id, value),
        (e) => this.send({ v: PROTOCOL_VERSION, t: 'error', id, error: toWireError(e) }),
      );
    } else {
      this.sendResult(id, result);
    }
  }
  /** Sends a result; one that cannot be posted (not cloneable) becomes an error, so the caller never hangs. */
  private sendResult(id: number, value: unknown): void {
    try {
      this.send({ v: PROTOCOL_VERSION, t: 'result', id, value });
    } catch (e) {
      this.send({ v: PROTOCOL_VERSION, t: 'error', id, error: toWireError(e) });
    }
  }
  /** Cancels every open stream (the connection is going away). */
  close(): void {
    for (const c of this.cancels.values()) c();
    this.cancels.clear();
    this.ep.close();
  }
}

interface PendingCall {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}
interface OpenStream {
  onItem: (v: unknown) => void;
  onEnd: (v?: unknown, err?: Error) => void;
}

/** The calling side of an RPC connection. */
export class RpcClient {
  private nextId = 1;
  private calls = new Map<number, PendingCall>();
  private streamsOpen = new Map<number, OpenStream>();
  private closedWith: Error | undefined;
  constructor(private readonly ep: Endpoint) {
    ep.listen((m) => this.onMessage(m));
  }
  /** Calls a unary method. */
  call<T>(method: string, args: unknown[]): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.ep.post({ v: PROTOCOL_VERSION, t: 'call', id, method, args } satisfies RpcMessage);
      } catch (e) {
        // Arguments that cannot be posted: nothing was sent, so nothing stays pending.
        this.calls.delete(id);
        throw e;
      }
    });
  }
  /** Opens a stream; `onEnd` gets the server's end value, or an error if the connection failed. */
  stream(
    method: string,
    args: unknown[],
    onItem: (v: unknown) => void,
    onEnd: (v?: unknown, err?: Error) => void,
  ): () => void {
    const id = this.nextId++;
    if (this.closedWith) {
      const err = this.closedWith;
      queueMicrotask(() => onEnd(undefined, err));
      return () => {};
    }
    this.streamsOpen.set(id, { onItem, onEnd });
    try {
      this.ep.post({ v: PROTOCOL_VERSION, t: 'call', id, method, args } satisfies RpcMessage);
    } catch (e) {
      this.streamsOpen.delete(id);
      throw e;
    }
    return () => {
      if (this.streamsOpen.delete(id))
        this.ep.post({ v: PROTOCOL_VERSION, t: 'cancel', id } satisfies RpcMessage);
    };
  }
  private onMessage(m: unknown): void {
    if (!isRpcMessage(m)) return;
    switch (m.t) {
      case 'result': {
        const c = this.calls.get(m.id);
        this.calls.delete(m.id);
        c?.resolve(m.value);
        return;
      }
      case 'error': {
        const c = this.calls.get(m.id);
        if (c) {
          this.calls.delete(m.id);
          c.reject(fromWireError(m.error));
          return;
        }
        const s = this.streamsOpen.get(m.id);
        this.streamsOpen.delete(m.id);
        s?.onEnd(undefined, fromWireError(m.error));
        return;
      }
      case 'next':
        this.streamsOpen.get(m.id)?.onItem(m.value);
        return;
      case 'end': {
        const s = this.streamsOpen.get(m.id);
        this.streamsOpen.delete(m.id);
        s?.onEnd(m.value);
        return;
      }
    }
  }
  /** Fails every pending call and stream with `err` (the peer died or the connection was replaced). */
  fail(err: Error): void {
    this.closedWith = err;
    const calls = [...this.calls.values()];
    const streams = [...this.streamsOpen.values()];
    this.calls.clear();
    this.streamsOpen.clear();
    for (const c of calls) c.reject(err);
    for (const s of streams) s.onEnd(undefined, err);
    this.ep.close();
  }
  /** Calls and streams still open. */
  get pending(): number {
    return this.calls.size + this.streamsOpen.size;
  }
}
