/**
 * The supervisor on the main thread: starts every component in its own Web Worker, wires their
 * MessagePorts (apiserver ↔ etcd, each client ↔ apiserver — components talk to the apiserver
 * directly, not through the main thread), notices a worker that died (error, fatal report, or no
 * answer to pings), restarts it and re-wires its peers, and broadcasts the cluster clock.
 */
import type { ClockState, ScaledClock } from './clock';
import { ConnectionSlot } from './connection';
import { portEndpoint } from './endpoint';
import {
  isWorkerToControl,
  PROTOCOL_VERSION,
  type ComponentKind,
  type ComponentSpec,
  type ControlToWorker,
} from './protocol';
import { RemoteApi, remoteEtcd } from './remote';
import type { EtcdApi } from '../control-plane/etcd/types';
import { TraceBus, type TraceFilter, type TraceRecord } from './trace';

/** Creates the Worker for a component kind (the browser build points at the worker entry files). */
export type WorkerFactory = (kind: ComponentKind) => Worker;

/** A component's state as the UI shows it. */
export interface ComponentStatus {
  name: string;
  kind: ComponentKind;
  state: 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';
  restarts: number;
  lastError?: string;
}

interface Managed {
  /** Restarts since the component was last ready. */
  failuresInARow: number;
  spec: ComponentSpec;
  worker: Worker | undefined;
  status: ComponentStatus;
  lastPong: number;
  ready: Promise<void>;
  markReady: () => void;
}

/** Options of a supervisor. */
export interface SupervisorOptions {
  createWorker: WorkerFactory;
  specs: ComponentSpec[];
  clock: ScaledClock;
  /** Wall ms between pings; a worker silent for `deadAfterMs` is restarted. */
  pingMs?: number;
  deadAfterMs?: number;
  /** Give up restarting a component after this many restarts in a row without becoming ready. */
  maxRestarts?: number;
}

/** Runs the cluster's workers. */
export class Supervisor {
  readonly bus = new TraceBus();
  private managed = new Map<string, Managed>();
  private clients = new Map<string, ConnectionSlot>();
  private etcdClients = new Map<string, ConnectionSlot>();
  private listeners = new Set<(s: ComponentStatus[]) => void>();
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pingN = 0;
  private traceFilter: TraceFilter | null = null;
  private unsubBus: (() => void) | undefined;

  constructor(private readonly o: SupervisorOptions) {
    for (const spec of o.specs) {
      let markReady!: () => void;
      const ready = new Promise<void>((r) => (markReady = r));
      this.managed.set(spec.name, {
        failuresInARow: 0,
        spec,
        worker: undefined,
        status: { name: spec.name, kind: spec.kind, state: 'stopped', restarts: 0 },
        lastPong: 0,
        ready,
        markReady,
      });
    }
  }

  /** The cluster clock (main-thread copy). */
  get clock(): ScaledClock {
    return this.o.clock;
  }

  /**
   * Starts every component and resolves when all are ready; rejects with the component's error when
   * one fails for good (e.g. etcd cannot open its database).
   */
  async start(): Promise<void> {
    for (const m of this.managed.values()) this.launch(m);
    this.pingTimer = setInterval(() => this.health(), this.o.pingMs ?? 1000);
    await new Promise<void>((resolve, reject) => {
      this.failStart = reject;
      Promise.all([...this.managed.values()].map((m) => m.ready)).then(() => resolve());
    });
  }

  private failStart: ((e: Error) => void) | undefined;

  /** Terminates every worker. */
  shutdown(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const m of this.managed.values()) {
      this.send(m, { v: PROTOCOL_VERSION, t: 'stop' });
      m.worker?.terminate();
      m.worker = undefined;
      m.status.state = 'stopped';
    }
    this.emitStatus();
  }

  /** A main-thread client of the apiserver (kubectl, the UI); reconnected when the apiserver restarts. */
  connect(client: string): RemoteApi {
    let slot = this.clients.get(client);
    if (!slot) {
      slot = new ConnectionSlot('kube-apiserver');
      this.clients.set(client, slot);
      const api = this.byKind('kube-apiserver');
      if (api?.worker) this.wireClient(client, (port) => slot!.set(portEndpoint(port)));
    }
    const s = slot;
    return new RemoteApi(() => s.get());
  }

  /**
   * A main-thread client of etcd itself (like etcdctl), for the etcd browser: reads keys, revisions
   * and history. Reconnected when etcd restarts.
   */
  connectEtcd(client: string): EtcdApi {
    let slot = this.etcdClients.get(client);
    if (!slot) {
      slot = new ConnectionSlot('etcd');
      this.etcdClients.set(client, slot);
      const etcd = this.byKind('etcd');
      if (etcd?.worker) this.wireEtcdClient(etcd, client, slot);
    }
    const s = slot;
    return remoteEtcd(() => s.now());
  }

  private wireEtcdClient(etcd: Managed, client: string, slot: ConnectionSlot): void {
    const ch = new MessageChannel();
    this.send(etcd, { v: PROTOCOL_VERSION, t: 'accept', client, port: ch.port1 }, [ch.port1]);
    slot.set(portEndpoint(ch.port2));
  }

  /** Current status of every component. */
  status(): ComponentStatus[] {
    return [...this.managed.values()].map((m) => ({ ...m.status }));
  }

  /** Calls `fn` with every status change; returns the unsubscribe function. */
  onStatus(fn: (s: ComponentStatus[]) => void): () => void {
    this.listeners.add(fn);
    fn(this.status());
    return () => this.listeners.delete(fn);
  }

  /** Kills a worker as a crash would (the supervisor notices and restarts it). */
  kill(name: string): void {
    const m = this.get(name);
    m.worker?.terminate();
    m.lastPong = -Infinity;
  }

  /** Stops a component on purpose (it stays stopped until `startComponent`). */
  stopComponent(name: string): void {
    const m = this.get(name);
    this.send(m, { v: PROTOCOL_VERSION, t: 'stop' });
    m.worker?.terminate();
    m.worker = undefined;
    m.status.state = 'stopped';
    this.emitStatus();
  }

  /** Starts a stopped component again. */
  startComponent(name: string): void {
    const m = this.get(name);
    if (m.worker) return;
    this.launch(m);
  }

  /**
   * Restarts a component now. A component that fails again and again without becoming ready (more
   * than `maxRestarts` times in a row) is left stopped in state `failed` with its error shown.
   */
  restart(name: string, reason = 'restarted', permanent = false): void {
    const m = this.get(name);
    m.worker?.terminate();
    m.worker = undefined;
    m.status.lastError = reason;
    if (permanent || ++m.failuresInARow > (this.o.maxRestarts ?? 3)) {
      m.status.state = 'failed';
      this.emitStatus();
      this.failStart?.(new Error(`${name}: ${reason}`));
      return;
    }
    m.status.restarts++;
    m.status.state = 'restarting';
    this.launch(m);
  }

  /** Sets the cluster speed (0 pauses) everywhere. */
  setRate(rate: number): void {
    this.broadcastClock(this.o.clock.setRate(rate));
  }

  /** Moves a paused cluster's time forward by `ms` everywhere. */
  step(ms: number): void {
    this.broadcastClock(this.o.clock.advance(ms));
  }

  /**
   * Subscribes to trace records from every worker. Workers are told the filter (the union of all
   * subscribers': with one subscriber its own filter, so records nobody wants never cross a port).
   */
  subscribeTrace(fn: (r: TraceRecord) => void, filter: TraceFilter = {}): () => void {
    const unsub = this.bus.subscribe(fn, filter);
    this.traceFilters.push(filter);
    this.sendTraceFilter();
    return () => {
      unsub();
      const i = this.traceFilters.indexOf(filter);
      if (i >= 0) this.traceFilters.splice(i, 1);
      this.sendTraceFilter();
    };
  }

  private traceFilters: TraceFilter[] = [];

  private sendTraceFilter(): void {
    const fs = this.traceFilters;
    this.traceFilter = fs.length === 0 ? null : fs.length === 1 ? { ...fs[0], sampleEvery: undefined } : {};
    for (const m of this.managed.values())
      this.send(m, { v: PROTOCOL_VERSION, t: 'trace', filter: this.traceFilter });
  }

  private broadcastClock(state: ClockState): void {
    for (const m of this.managed.values()) this.send(m, { v: PROTOCOL_VERSION, t: 'clock', state });
  }

  private get(name: string): Managed {
    const m = this.managed.get(name);
    if (!m) throw new Error(`no component named ${name}`);
    return m;
  }

  private byKind(kind: ComponentKind): Managed | undefined {
    for (const m of this.managed.values()) if (m.spec.kind === kind) return m;
    return undefined;
  }

  private send(m: Managed, msg: ControlToWorker, transfer: Transferable[] = []): void {
    m.worker?.postMessage(msg, transfer);
  }

  private emitStatus(): void {
    const s = this.status();
    for (const fn of this.listeners) fn(s);
  }

  private launch(m: Managed): void {
    const w = this.o.createWorker(m.spec.kind);
    m.worker = w;
    m.lastPong = performance.now();
    if (m.status.state !== 'restarting') m.status.state = 'starting';
    w.onmessage = (e: MessageEvent) => {
      if (m.worker !== w) return;
      const msg: unknown = e.data;
      if (!isWorkerToControl(msg)) return;
      switch (msg.t) {
        case 'ready':
          m.status.state = 'running';
          m.failuresInARow = 0;
          m.markReady();
          this.emitStatus();
          return;
        case 'pong':
          m.lastPong = performance.now();
          return;
        case 'trace':
          for (const r of msg.records) this.bus.publish(r);
          return;
        case 'fatal': {
          // A database it cannot open (newer schema, blocked upgrade) will not get better by restarting.
          const permanent = msg.error.code === 'storage-version' || msg.error.code === 'storage-blocked';
          this.restart(
            m.spec.name,
            permanent ? msg.error.message : `crashed: ${msg.error.message}`,
            permanent,
          );
          return;
        }
        case 'log':
          return;
      }
    };
    w.onerror = (e: ErrorEvent) => {
      if (m.worker !== w) return;
      e.preventDefault();
      this.restart(m.spec.name, `crashed: ${e.message}`);
    };
    // A restarted component gets a fresh random stream, so it does not repeat what it generated before.
    const seed = m.status.restarts > 0 ? `${m.spec.seed}#${m.status.restarts}` : m.spec.seed;
    this.send(m, {
      v: PROTOCOL_VERSION,
      t: 'init',
      spec: { ...m.spec, seed },
      clock: this.o.clock.getState(),
    });
    if (this.traceFilter) this.send(m, { v: PROTOCOL_VERSION, t: 'trace', filter: this.traceFilter });
    this.wire(m);
    this.emitStatus();
  }

  /** Connects a (re)started component to its peers. */
  private wire(m: Managed): void {
    const etcd = this.byKind('etcd');
    const api = this.byKind('kube-apiserver');
    if (m.spec.kind === 'etcd') {
      if (api?.worker) this.wireEtcd(m, api);
      for (const [client, slot] of this.etcdClients) this.wireEtcdClient(m, client, slot);
      return;
    }
    if (m.spec.kind === 'kube-apiserver') {
      if (etcd?.worker) this.wireEtcd(etcd, m);
      for (const other of this.managed.values()) {
        if (other.spec.kind === 'etcd' || other.spec.kind === 'kube-apiserver' || !other.worker) continue;
        this.wireClient(other.spec.name, (port) =>
          this.send(other, { v: PROTOCOL_VERSION, t: 'connect', peer: 'apiserver', port }, [port]),
        );
      }
      for (const [client, slot] of this.clients)
        this.wireClient(client, (port) => slot.set(portEndpoint(port)));
      return;
    }
    if (api?.worker)
      this.wireClient(m.spec.name, (port) =>
        this.send(m, { v: PROTOCOL_VERSION, t: 'connect', peer: 'apiserver', port }, [port]),
      );
  }

  private wireEtcd(etcd: Managed, api: Managed): void {
    const ch = new MessageChannel();
    this.send(etcd, { v: PROTOCOL_VERSION, t: 'accept', client: api.spec.name, port: ch.port1 }, [ch.port1]);
    this.send(api, { v: PROTOCOL_VERSION, t: 'connect', peer: 'etcd', port: ch.port2 }, [ch.port2]);
  }

  private wireClient(client: string, give: (port: MessagePort) => void): void {
    const api = this.byKind('kube-apiserver');
    if (!api?.worker) return;
    const ch = new MessageChannel();
    this.send(api, { v: PROTOCOL_VERSION, t: 'accept', client, port: ch.port1 }, [ch.port1]);
    give(ch.port2);
  }

  private health(): void {
    const now = performance.now();
    const dead = this.o.deadAfterMs ?? 5000;
    for (const m of this.managed.values()) {
      if (!m.worker) continue;
      if (now - m.lastPong > dead) {
        this.restart(m.spec.name, 'stopped answering');
        continue;
      }
      this.send(m, { v: PROTOCOL_VERSION, t: 'ping', n: ++this.pingN });
    }
  }
}
