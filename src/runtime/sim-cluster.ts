/**
 * A whole cluster in one process: etcd, kube-apiserver, kube-scheduler, kube-controller-manager and a
 * pool of simulated nodes (kubelet + container runtime), each with its own apiserver connection, on
 * the virtual clock by default. Once everything is up, kubeadm's add-ons (CoreDNS, kube-proxy) are
 * created through the API, and the control-plane node's kubelet mirrors its static pods, so
 * `kube-system` looks like a kubeadm cluster's. This is what `kubelab script`, the integration tests and the
 * benchmarks run; the browser runs the same components in workers.
 */
import type { ApiTransport } from '../api/rest';
import { installAddons } from '../control-plane/addons/addons';
import { ControllerManager } from '../control-plane/controller-manager/controller-manager';
import { Scheduler } from '../control-plane/scheduler/scheduler';
import type { NodeConfig } from '../node/kubelet/node-registration';
import { NodePool } from '../node/node-pool';
import { defaultNodes } from './cluster-spec';
import type { Clock } from './clock';
import { LocalCluster } from './local-cluster';

/** Options of a simulated cluster. */
export interface SimClusterOptions {
  seed?: number | string;
  clock?: Clock;
  /** Worker nodes besides the control-plane node (default 2); 0 gives a cluster with no nodes at all. */
  workers?: number;
  /** Exact node configs (overrides `workers`). */
  nodes?: NodeConfig[];
  scheduler?: boolean;
  controllerManager?: boolean;
  /** Create kubeadm's add-ons (CoreDNS, kube-proxy) once the cluster is up (default true). */
  addons?: boolean;
}

/** Control-plane components that can be stopped and started again (fault hooks for lessons). */
export type StoppableComponent = 'kube-scheduler' | 'kube-controller-manager';

/** The running components. */
export class SimCluster {
  private generation = 0;
  private constructor(
    readonly local: LocalCluster,
    public scheduler: Scheduler | undefined,
    public controllerManager: ControllerManager | undefined,
    readonly nodes: NodePool,
  ) {}

  private newScheduler(): Scheduler {
    const g = this.generation++;
    return new Scheduler({
      api: this.local.connect('kube-scheduler'),
      clock: this.local.clock,
      rng: this.local.rng.fork(`kube-scheduler/${g}`),
      tracer: this.local.tracer('kube-scheduler'),
    });
  }

  private newControllerManager(): ControllerManager {
    const g = this.generation++;
    return new ControllerManager({
      api: this.local.connect('kube-controller-manager'),
      clock: this.local.clock,
      rng: this.local.rng.fork(`kube-controller-manager/${g}`),
      tracer: this.local.tracer('kube-controller-manager'),
    });
  }

  /** Stops a control-plane component (as if its process died); false if it was not running. */
  stopComponent(name: StoppableComponent): boolean {
    if (name === 'kube-scheduler' && this.scheduler) {
      this.scheduler.stop();
      this.scheduler = undefined;
      return true;
    }
    if (name === 'kube-controller-manager' && this.controllerManager) {
      this.controllerManager.stop();
      this.controllerManager = undefined;
      return true;
    }
    return false;
  }

  /** Starts a stopped component again (it lists, watches and takes the leader Lease again); false if already running. */
  async startComponent(name: StoppableComponent): Promise<boolean> {
    if (name === 'kube-scheduler' && !this.scheduler) {
      this.scheduler = this.newScheduler();
      await this.drive(this.scheduler.start());
      return true;
    }
    if (name === 'kube-controller-manager' && !this.controllerManager) {
      this.controllerManager = this.newControllerManager();
      await this.drive(this.controllerManager.start());
      return true;
    }
    return false;
  }

  /** Starts every component and lets the cluster settle (nodes registered and Ready). */
  static async start(o: SimClusterOptions = {}): Promise<SimCluster> {
    const local = await LocalCluster.start({ seed: o.seed, clock: o.clock });
    const rng = local.rng;
    const nodes =
      o.nodes ?? (o.workers === 0 ? [] : defaultNodes(o.workers ?? 2));
    const pool = new NodePool({
      api: local.connect('kubelet'),
      clock: local.clock,
      rng: rng.fork('nodes'),
      tracer: local.tracer('kubelet'),
      nodes,
      manageNodes: true,
    });
    const c = new SimCluster(local, undefined, undefined, pool);
    if (o.scheduler !== false) c.scheduler = c.newScheduler();
    if (o.controllerManager !== false) c.controllerManager = c.newControllerManager();
    const scheduler = c.scheduler;
    const kcm = c.controllerManager;
    const starting = Promise.all([pool.start(), scheduler?.start(), kcm?.start()]);
    await c.settle();
    await starting;
    await c.settle();
    if (o.addons !== false) await c.drive(installAddons(c.connect('kubeadm')));
    await c.settle();
    return c;
  }

  /** A new client connection (kubectl, tests). */
  connect(name: string): ApiTransport {
    return this.local.connect(name);
  }

  get clock(): Clock {
    return this.local.clock;
  }

  /** Runs everything due now. */
  settle(): Promise<void> {
    return this.local.settle();
  }

  /** Moves the virtual clock forward by `ms`. */
  advance(ms: number): Promise<void> {
    return this.local.advance(ms);
  }

  /**
   * Drives the virtual clock until `p` settles (for commands that wait: `kubectl wait`, `rollout
   * status`, `delete --wait`), or until `limitMs` of cluster time has passed.
   */
  async drive<T>(p: Promise<T>, limitMs = 24 * 3_600_000): Promise<T> {
    let done = false;
    const tracked = p.finally(() => {
      done = true;
    });
    const clock = this.local.clock as Clock & { nextDue?: () => number | undefined; jumpTo?: (t: number) => void };
    const end = clock.now() + limitMs;
    await this.settle();
    while (!done && clock.nextDue && clock.jumpTo) {
      const next = clock.nextDue();
      if (next === undefined || next > end) break;
      clock.jumpTo(Math.max(next, clock.now()));
      await this.settle();
    }
    return tracked;
  }

  /** Stops everything. */
  async stop(): Promise<void> {
    this.scheduler?.stop();
    this.controllerManager?.stop();
    this.nodes.stop();
    await this.local.stop();
  }
}
