/**
 * The runtime inside a worker: answers the supervisor's control messages (init, connect, clock,
 * trace, ping, stop), gives the component its clock, random source, tracer and connections, and
 * reports a crash. Worker entry files are thin mains that call `hostComponent` with a factory.
 */
import type { ApiTransport } from '../api/rest';
import { ScaledClock, type Clock } from './clock';
import { ConnectionSlot } from './connection';
import { portEndpoint, type Endpoint } from './endpoint';
import { isControlToWorker, PROTOCOL_VERSION, type ComponentSpec, type WorkerToControl } from './protocol';
import { RemoteApi } from './remote';
import { SeededRng, type Rng } from './rng';
import { toWireError } from './rpc';
import { TraceBus, Tracer, type TraceRecord } from './trace';

/** What a component gets from its worker. */
export interface WorkerContext {
  spec: ComponentSpec;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  bus: TraceBus;
  /** The connection to kube-apiserver (reconnects by itself when the apiserver is restarted). */
  api: RemoteApi & ApiTransport;
  /** The connection slot to etcd (only the apiserver uses it). */
  etcd: ConnectionSlot;
  /** Called for every new client connection (only the apiserver uses it). */
  onAccept(fn: (client: string, ep: Endpoint) => void): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** A running component. */
export interface Component {
  stop(): void | Promise<void>;
}

interface WorkerScope {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  addEventListener(type: 'error' | 'unhandledrejection', fn: (e: Event) => void): void;
}

/** Runs a component in this worker. */
export function hostComponent(factory: (ctx: WorkerContext) => Promise<Component> | Component): void {
  const scope = globalThis as unknown as WorkerScope;
  const post = (m: WorkerToControl) => scope.postMessage(m);
  let clock: ScaledClock | undefined;
  let component: Component | undefined;
  let name = 'worker';
  const bus = new TraceBus();
  const etcd = new ConnectionSlot('etcd');
  const apiSlot = new ConnectionSlot('kube-apiserver');
  let acceptFn: ((client: string, ep: Endpoint) => void) | undefined;
  const pendingAccepts: Array<[string, Endpoint]> = [];
  let unsubscribeTrace: (() => void) | undefined;
  let traceBuffer: TraceRecord[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const fatal = (e: unknown) => post({ v: PROTOCOL_VERSION, t: 'fatal', name, error: toWireError(e) });
  scope.addEventListener('error', (e) => fatal((e as ErrorEvent).error ?? (e as ErrorEvent).message));
  scope.addEventListener('unhandledrejection', (e) => fatal((e as PromiseRejectionEvent).reason));

  scope.onmessage = (e: MessageEvent) => {
    const m: unknown = e.data;
    if (!isControlToWorker(m)) return;
    switch (m.t) {
      case 'init': {
        name = m.spec.name;
        clock = new ScaledClock(m.clock);
        const ctx: WorkerContext = {
          spec: m.spec,
          clock,
          rng: new SeededRng(m.spec.seed),
          tracer: new Tracer(m.spec.name, bus, () => clock!.now()),
          bus,
          api: new RemoteApi(() => apiSlot.get()),
          etcd,
          onAccept(fn) {
            acceptFn = fn;
            for (const [c, ep] of pendingAccepts.splice(0)) fn(c, ep);
          },
          log: (level, message) => post({ v: PROTOCOL_VERSION, t: 'log', name, level, message }),
        };
        Promise.resolve(factory(ctx)).then((c) => {
          component = c;
          post({ v: PROTOCOL_VERSION, t: 'ready', name });
        }, fatal);
        return;
      }
      case 'connect':
        (m.peer === 'etcd' ? etcd : apiSlot).set(portEndpoint(m.port));
        return;
      case 'accept': {
        const ep = portEndpoint(m.port);
        if (acceptFn) acceptFn(m.client, ep);
        else pendingAccepts.push([m.client, ep]);
        return;
      }
      case 'clock':
        clock?.setState(m.state);
        return;
      case 'trace':
        unsubscribeTrace?.();
        unsubscribeTrace = undefined;
        if (m.filter) {
          unsubscribeTrace = bus.subscribe((r) => {
            traceBuffer.push(r);
            // Batched to the main thread (not cluster logic: wall time only paces the messages).
            flushTimer ??= setTimeout(() => {
              flushTimer = undefined;
              const records = traceBuffer;
              traceBuffer = [];
              post({ v: PROTOCOL_VERSION, t: 'trace', records });
            }, 16);
          }, m.filter);
        }
        return;
      case 'ping':
        post({ v: PROTOCOL_VERSION, t: 'pong', n: m.n });
        return;
      case 'stop':
        Promise.resolve(component?.stop()).finally(() => clock?.dispose());
        return;
    }
  };
}
