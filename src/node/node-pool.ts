/**
 * Many simulated nodes in one worker, KWOK style: a `NodePool` runs one Kubelet per configured node,
 * and a `NodeManager` makes Nodes API objects: a Node created by a user (labels, taints,
 * status.capacity / status.allocatable) gets a kubelet at once that keeps those values, and deleting
 * the Node stops it.
 *
 * Ownership rule: kubelets of a pool create their Node with the annotation `kubelab.dev/node-pool:
 * <pool>`. The one pool started with `manageNodes: true` adopts every Node object *without* that
 * annotation (a user's manifest) — so no two workers ever run a kubelet for the same Node.
 * An adopted Node without capacity gets DEFAULT_CAPACITY (2 CPUs, 4Gi, 110 pods, 100Gi ephemeral
 * storage); without spec.podCIDR it gets the first free `10.244.<n>.0/24`; without an InternalIP
 * address the first free `172.18.0.<n>`.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { ApiTransport } from '../api/rest';
import { SharedInformer, unwrapTombstone } from '../client/informer';
import { Clientset } from '../client/rest-client';
import type { Clock } from '../runtime/clock';
import type { Rng } from '../runtime/rng';
import type { Tracer } from '../runtime/trace';
import { Kubelet } from './kubelet/kubelet';
import type { NodeConfig } from './kubelet/node-registration';

/** Annotation naming the pool that runs a Node's kubelet. */
export const POOL_ANNOTATION = 'kubelab.dev/node-pool';

/** Options of a pool. */
export interface NodePoolOptions {
  api: ApiTransport;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  nodes: NodeConfig[];
  /** Pool name written in POOL_ANNOTATION (default `pool`). */
  name?: string;
  /** Adopt user-created Node objects (exactly one pool in a cluster should). */
  manageNodes?: boolean;
}

/** Kubelets of several nodes in one worker. */
export class NodePool {
  readonly kubelets = new Map<string, Kubelet>();
  readonly name: string;
  private manager?: NodeManager;

  constructor(private readonly o: NodePoolOptions) {
    this.name = o.name ?? 'pool';
    for (const cfg of o.nodes)
      this.add({ ...cfg, annotations: { ...(cfg.annotations ?? {}), [POOL_ANNOTATION]: this.name } });
  }

  /** Starts every kubelet (and the NodeManager when asked). */
  async start(): Promise<void> {
    await Promise.all([...this.kubelets.values()].map((k) => k.start()));
    if (this.o.manageNodes) {
      this.manager = new NodeManager(this, this.o);
      this.manager.start();
    }
  }

  /** Adds a kubelet for `cfg` (not started). */
  add(cfg: NodeConfig): Kubelet {
    const k = new Kubelet({
      api: this.o.api,
      clock: this.o.clock,
      rng: this.o.rng.fork(`kubelet/${cfg.name}`),
      tracer: this.o.tracer,
      node: cfg,
    });
    this.kubelets.set(cfg.name, k);
    return k;
  }

  /** Removes (and stops) a node's kubelet. */
  remove(name: string): void {
    this.kubelets.get(name)?.stop();
    this.kubelets.delete(name);
  }

  /** Fault hook: the node stops (no heartbeats, containers gone). */
  stopNode(name: string): void {
    this.kubelets.get(name)?.stop();
  }

  /** Fault hook: the node comes back. */
  async startNode(name: string): Promise<void> {
    await this.kubelets.get(name)?.startAgain();
  }

  /** Stops everything. */
  stop(): void {
    this.manager?.stop();
    for (const k of this.kubelets.values()) k.stop();
  }
}

/** The config a kubelet needs to run a user's Node object. */
export function configFromNode(node: Node, taken: { cidrs: Set<string>; ips: Set<string> }): NodeConfig {
  const cfg: NodeConfig = { name: node.metadata!.name! };
  if (node.status?.capacity) cfg.capacity = { ...(node.status.capacity as Record<string, string>) };
  if (node.status?.allocatable) cfg.allocatable = { ...(node.status.allocatable as Record<string, string>) };
  cfg.podCIDR = node.spec?.podCIDR;
  for (let n = 1; !cfg.podCIDR && n < 255; n++)
    if (!taken.cidrs.has(`10.244.${n}.0/24`)) cfg.podCIDR = `10.244.${n}.0/24`;
  cfg.internalIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  for (let n = 2; !cfg.internalIP && n < 255; n++)
    if (!taken.ips.has(`172.18.0.${n}`)) cfg.internalIP = `172.18.0.${n}`;
  taken.cidrs.add(cfg.podCIDR!);
  taken.ips.add(cfg.internalIP!);
  return cfg;
}

/** Watches Node objects: adopts unowned ones, stops kubelets of deleted ones. */
export class NodeManager {
  private informer: SharedInformer<Node>;
  private adopted = new Set<string>();
  constructor(
    private readonly pool: NodePool,
    o: { api: ApiTransport; clock: Clock; rng: Rng },
  ) {
    const client = new Clientset(o.api, { from: `node-manager/${pool.name}` });
    this.informer = new SharedInformer<Node>(client.nodes, {
      clock: o.clock,
      rng: o.rng.fork('node-manager'),
      freeze: 'none',
    });
    this.informer.addEventHandler({
      onAdd: (n) => this.consider(n),
      onUpdate: (_o, n) => this.consider(n),
      onDelete: (n) => this.gone(unwrapTombstone(n)),
    });
  }

  /** Starts watching. */
  start(): void {
    this.informer.run();
  }

  /** Stops watching (adopted kubelets are stopped by the pool). */
  stop(): void {
    this.informer.stop();
  }

  private consider(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (
      node.metadata?.annotations?.[POOL_ANNOTATION] ||
      this.pool.kubelets.has(name) ||
      node.metadata?.deletionTimestamp
    )
      return;
    const taken = { cidrs: new Set<string>(), ips: new Set<string>() };
    for (const n of this.informer.lister().list()) {
      if (n.spec?.podCIDR) taken.cidrs.add(n.spec.podCIDR);
      for (const a of n.status?.addresses ?? []) if (a.type === 'InternalIP') taken.ips.add(a.address);
    }
    const k = this.pool.add(configFromNode(node, taken));
    this.adopted.add(name);
    void k.start().catch(() => {
      this.pool.remove(name);
      this.adopted.delete(name);
    });
  }

  private gone(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (!this.adopted.has(name)) return;
    this.adopted.delete(name);
    this.pool.remove(name);
  }
}
