/**
 * The whole control plane in one process, for tests, benchmarks and the headless CLI. The components
 * are the same as in the browser; only the transport (in-process loopback instead of MessagePorts
 * between workers) and the storage backend (memory) change. On a `VirtualClock`, `settle()` runs
 * everything that is due now and `advance(ms)` moves time deterministically.
 */
import type { ApiTransport, UserInfo } from '../api/rest';
import { ApiServer } from '../control-plane/apiserver/apiserver';
import type { Backend } from '../control-plane/etcd/backend';
import { MemoryBackend } from '../control-plane/etcd/memory-backend';
import { MvccStore } from '../control-plane/etcd/mvcc-store';
import { VirtualClock, type Clock } from './clock';
import { ConnectionSlot } from './connection';
import { loopbackPair, loopbackStats, portEndpoint, type Endpoint } from './endpoint';
import { RemoteApi, remoteEtcd, serveApi, serveEtcd } from './remote';
import { SeededRng } from './rng';
import { TraceBus, Tracer } from './trace';

/** Options of an in-process cluster. */
export interface LocalClusterOptions {
  clock?: Clock;
  seed?: number | string;
  backend?: Backend;
  /** `loopback` (default): in-order microtask delivery, no copying. `port`: real MessageChannels. */
  transport?: 'loopback' | 'port';
  /** Skip the apiserver's bootstrap objects. */
  noBootstrap?: boolean;
}

/** Messages posted on this module's MessageChannels and not yet received (`settle` waits for them). */
const portStats = { inFlight: 0 };

/** A MessageChannel whose messages in flight are counted, as loopback ones are. */
function countedPortPair(): [Endpoint, Endpoint] {
  const ch = new MessageChannel();
  const toSide = [0, 0];
  let closed = false;
  const wrap = (side: 0 | 1, ep: Endpoint): Endpoint => ({
    post(msg, transfer) {
      if (closed) return;
      ep.post(msg, transfer);
      toSide[1 - side]++;
      portStats.inFlight++;
    },
    listen(fn) {
      ep.listen((m) => {
        if (toSide[side] > 0) {
          toSide[side]--;
          portStats.inFlight--;
        }
        fn(m);
      });
    },
    close() {
      if (!closed) portStats.inFlight -= toSide[0] + toSide[1];
      closed = true;
      toSide[0] = toSide[1] = 0;
      ep.close();
    },
    get inFlight() {
      return toSide[side];
    },
  });
  return [wrap(0, portEndpoint(ch.port1)), wrap(1, portEndpoint(ch.port2))];
}

function channel(kind: 'loopback' | 'port'): [Endpoint, Endpoint] {
  return kind === 'loopback' ? loopbackPair() : countedPortPair();
}

const inFlight = () => loopbackStats.inFlight + portStats.inFlight;

const macrotask = () => new Promise<void>((r) => setImmediate(r));

/** etcd + kube-apiserver wired as in the browser, in one process. */
export class LocalCluster {
  readonly bus = new TraceBus();
  readonly clock: Clock;
  readonly rng: SeededRng;
  private constructor(
    readonly etcd: MvccStore,
    readonly apiserver: ApiServer,
    clock: Clock,
    rng: SeededRng,
    private readonly kind: 'loopback' | 'port',
    private readonly closers: Array<() => void>,
  ) {
    this.clock = clock;
    this.rng = rng;
  }

  /** Starts etcd and the apiserver (bootstrap objects included) and waits until they are ready. */
  static async start(opts: LocalClusterOptions = {}): Promise<LocalCluster> {
    const clock = opts.clock ?? new VirtualClock();
    const rng = new SeededRng(opts.seed ?? 1);
    const kind = opts.transport ?? 'loopback';
    const bus = new TraceBus();
    const etcd = await MvccStore.open({ backend: opts.backend ?? new MemoryBackend(), clock });
    const [a, b] = channel(kind);
    const etcdServer = serveEtcd(a, etcd);
    const slot = new ConnectionSlot('etcd');
    slot.set(b);
    const apiserver = new ApiServer({
      etcd: remoteEtcd(() => slot.now()),
      clock,
      rng: rng.fork('kube-apiserver'),
      tracer: new Tracer('kube-apiserver', bus, () => clock.now()),
      noBootstrap: opts.noBootstrap,
    });
    const c = new LocalCluster(etcd, apiserver, clock, rng, kind, [
      () => etcdServer.close(),
      () => apiserver.stop(),
    ]);
    (c as { bus: TraceBus }).bus = bus;
    const started = apiserver.start();
    if (clock instanceof VirtualClock) await c.settle();
    await started;
    return c;
  }

  /** A new client connection to the apiserver, as a component would have. */
  connect(name: string, user: UserInfo = { username: name, groups: ['system:authenticated'] }): RemoteApi {
    const [a, b] = channel(this.kind);
    const server = serveApi(a, this.apiserver, { name, user });
    const slot = new ConnectionSlot('kube-apiserver');
    slot.set(b);
    this.closers.push(() => server.close());
    return new RemoteApi(() => slot.get());
  }

  /** A tracer publishing on this cluster's bus as `component`. */
  tracer(component: string): Tracer {
    return new Tracer(component, this.bus, () => this.clock.now());
  }

  /** Runs everything due at the current virtual instant (messages, promises, timers) until quiet. */
  async settle(maxRounds = 100_000): Promise<void> {
    const clock = this.clock;
    for (let i = 0; i < maxRounds; i++) {
      await macrotask();
      if (inFlight() > 0) continue;
      const fired = clock instanceof VirtualClock ? clock.fireDue() : 0;
      if (fired === 0 && inFlight() === 0) {
        await macrotask();
        if (
          inFlight() === 0 &&
          !(clock instanceof VirtualClock && (clock.nextDue() ?? Infinity) <= clock.now())
        )
          return;
      }
    }
    throw new Error('cluster did not settle');
  }

  /** Moves the virtual clock forward by `ms`, running every timer at its own instant. */
  async advance(ms: number): Promise<void> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock)) throw new Error('advance needs a VirtualClock');
    const target = clock.now() + ms;
    await this.settle();
    for (;;) {
      const next = clock.nextDue();
      if (next === undefined || next > target) break;
      clock.jumpTo(next);
      await this.settle();
    }
    clock.jumpTo(target);
    await this.settle();
  }

  /** Stops everything. */
  async stop(): Promise<void> {
    for (const c of this.closers.reverse()) c();
    await this.etcd.close();
  }
}

/** Convenience: a client transport for tests (`kubectl`). */
export type { ApiTransport };
