/**
 * Every message that crosses a MessagePort in KubeLab, as discriminated unions with a protocol version.
 * Only this module, `rpc.ts`, `endpoint.ts` and the worker entry files touch `postMessage`; everything
 * received is checked with the guards below before it is used (no casts from `event.data`).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { ClockState } from './clock';
import type { TraceFilter, TraceRecord } from './trace';

/** Bumped whenever a message shape changes; both ends check it. */
export const PROTOCOL_VERSION = 1;

/** An error as it travels: enough to rebuild an ApiError or EtcdError on the other side. */
export interface WireError {
  name: string;
  message: string;
  /** A Kubernetes Status (ApiError). */
  status?: Status;
  /** An etcd error code (EtcdError). */
  code?: string;
  compactRevision?: number;
}

/** Request/response and streaming RPC between a client and a served object (etcd, apiserver). */
export type RpcMessage =
  | { v: 1; t: 'call'; id: number; method: string; args: unknown[] }
  | { v: 1; t: 'result'; id: number; value: unknown }
  | { v: 1; t: 'error'; id: number; error: WireError }
  | { v: 1; t: 'next'; id: number; value: unknown }
  | { v: 1; t: 'end'; id: number; value?: unknown }
  | { v: 1; t: 'cancel'; id: number };

/** The components the supervisor runs. */
export type ComponentKind = 'etcd' | 'kube-apiserver' | 'kube-scheduler' | 'kube-controller-manager' | 'node';

/** What a worker is told to be. */
export interface ComponentSpec {
  kind: ComponentKind;
  /** Unique name: `etcd`, `kube-apiserver`, `node-pool-0`, ... */
  name: string;
  /** Seed of the component's random source. */
  seed: string;
  /** Component options (etcd: backend and database name; node: the node names it hosts). */
  options: Record<string, unknown>;
}

/** Messages from the supervisor (main thread) to a worker. Ports travel as transferables. */
export type ControlToWorker =
  | { v: 1; t: 'init'; spec: ComponentSpec; clock: ClockState }
  /** A port to a peer: `etcd` (for the apiserver) or `apiserver` (for clients); replaces an old one. */
  | { v: 1; t: 'connect'; peer: 'etcd' | 'apiserver'; port: MessagePort }
  /** For the apiserver: a new client connection, with the client's identity. */
  | { v: 1; t: 'accept'; client: string; port: MessagePort }
  | { v: 1; t: 'clock'; state: ClockState }
  | { v: 1; t: 'trace'; filter: TraceFilter | null }
  | { v: 1; t: 'ping'; n: number }
  | { v: 1; t: 'stop' };

/** Messages from a worker to the supervisor. */
export type WorkerToControl =
  | { v: 1; t: 'ready'; name: string }
  | { v: 1; t: 'pong'; n: number }
  | { v: 1; t: 'trace'; records: TraceRecord[] }
  | { v: 1; t: 'fatal'; name: string; error: WireError }
  | { v: 1; t: 'log'; name: string; level: 'info' | 'warn' | 'error'; message: string };

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isWireError(x: unknown): x is WireError {
  return isObj(x) && typeof x.name === 'string' && typeof x.message === 'string';
}

function isClockState(x: unknown): x is ClockState {
  return (
    isObj(x) &&
    typeof x.clusterAnchor === 'number' &&
    typeof x.wallAnchor === 'number' &&
    typeof x.rate === 'number'
  );
}

const COMPONENT_KINDS: readonly unknown[] = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'node',
];

function isComponentSpec(x: unknown): x is ComponentSpec {
  return (
    isObj(x) &&
    COMPONENT_KINDS.includes(x.kind) &&
    typeof x.name === 'string' &&
    typeof x.seed === 'string' &&
    isObj(x.options)
  );
}

/** Guards an RPC message. */
export function isRpcMessage(x: unknown): x is RpcMessage {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION || typeof x.id !== 'number') return false;
  switch (x.t) {
    case 'call':
      return typeof x.method === 'string' && Array.isArray(x.args);
    case 'result':
    case 'next':
    case 'end':
    case 'cancel':
      return true;
    case 'error':
      return isWireError(x.error);
    default:
      return false;
  }
}

/** Guards a supervisor→worker message. */
export function isControlToWorker(x: unknown): x is ControlToWorker {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION || typeof x.t !== 'string') return false;
  switch (x.t) {
    case 'init':
      return isComponentSpec(x.spec) && isClockState(x.clock);
    case 'connect':
      return (x.peer === 'etcd' || x.peer === 'apiserver') && isObj(x.port);
    case 'accept':
      return typeof x.client === 'string' && isObj(x.port);
    case 'clock':
      return isClockState(x.state);
    case 'trace':
      return x.filter === null || isObj(x.filter);
    case 'ping':
      return typeof x.n === 'number';
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** Guards a worker→supervisor message. */
export function isWorkerToControl(x: unknown): x is WorkerToControl {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION || typeof x.t !== 'string') return false;
  switch (x.t) {
    case 'ready':
      return typeof x.name === 'string';
    case 'pong':
      return typeof x.n === 'number';
    case 'trace':
      return Array.isArray(x.records);
    case 'fatal':
      return typeof x.name === 'string' && isWireError(x.error);
    case 'log':
      return (
        typeof x.name === 'string' &&
        (x.level === 'info' || x.level === 'warn' || x.level === 'error') &&
        typeof x.message === 'string'
      );
    default:
      return false;
  }
}
