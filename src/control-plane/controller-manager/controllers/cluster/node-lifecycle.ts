/**
 * The node lifecycle controller (upstream pkg/controller/nodelifecycle, `node-lifecycle-controller`,
 * events as `node-controller`): every node-monitor-period (5 s) it checks each Node's heartbeats (the
 * Ready condition's lastHeartbeatTime and the kube-node-lease Lease's renewTime, timed by when this
 * controller *observed* them change); after node-monitor-grace-period (50 s; 60 s startup grace for a
 * node that never posted Ready) it sets Ready/MemoryPressure/DiskPressure/PIDPressure to Unknown
 * (NodeStatusUnknown, `Kubelet stopped posting node status.`); keeps the condition taints
 * (TaintNodesByCondition: not-ready / unreachable / *-pressure / network-unavailable / unschedulable,
 * NoSchedule) and the NoExecute taints not-ready / unreachable (with timeAdded); marks the pods of a
 * not-ready node Ready=False with a `NodeNotReady` event. When heartbeats return the kubelet posts
 * Ready=True and the taints go.
 * Left out: zones and eviction rate limiting (taints are applied at once), the NodeLost pod reason.
 */
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { unwrapTombstone } from '../../../../client/informer';
import type { TimerId } from '../../../../runtime/clock';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, clone, findCondition, isNotFound, rfc3339 } from './util';

/** node-monitor-grace-period (v1.32+ default). */
export const NODE_MONITOR_GRACE_MS = 50_000;
/** node-startup-grace-period. */
export const NODE_STARTUP_GRACE_MS = 60_000;
/** node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000;

/** Well-known taint keys. */
export const TAINTS = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
  unschedulable: 'node.kubernetes.io/unschedulable',
} as const;

const MANAGED_KEYS = new Set<string>(Object.values(TAINTS));
const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** The taints a node's conditions and spec call for (upstream doNoScheduleTaintingPass + NoExecute pass). */
export function desiredTaints(node: Node): Array<{ key: string; effect: 'NoSchedule' | 'NoExecute' }> {
  const out: Array<{ key: string; effect: 'NoSchedule' | 'NoExecute' }> = [];
  const conds = node.status?.conditions ?? [];
  const ready = findCondition(conds, 'Ready')?.status;
  if (ready === 'False')
    out.push({ key: TAINTS.notReady, effect: 'NoSchedule' }, { key: TAINTS.notReady, effect: 'NoExecute' });
  if (ready === 'Unknown')
    out.push(
      { key: TAINTS.unreachable, effect: 'NoSchedule' },
      { key: TAINTS.unreachable, effect: 'NoExecute' },
    );
  if (findCondition(conds, 'MemoryPressure')?.status === 'True')
    out.push({ key: TAINTS.memoryPressure, effect: 'NoSchedule' });
  if (findCondition(conds, 'DiskPressure')?.status === 'True')
    out.push({ key: TAINTS.diskPressure, effect: 'NoSchedule' });
  if (findCondition(conds, 'PIDPressure')?.status === 'True')
    out.push({ key: TAINTS.pidPressure, effect: 'NoSchedule' });
  if (findCondition(conds, 'NetworkUnavailable')?.status === 'True')
    out.push({ key: TAINTS.networkUnavailable, effect: 'NoSchedule' });
  if (node.spec?.unschedulable) out.push({ key: TAINTS.unschedulable, effect: 'NoSchedule' });
  return out;
}

interface Health {
  probeTimestamp: number;
  heartbeat: string | undefined;
  renew: string | undefined;
  readyStatus: string | undefined;
}

/** The node-lifecycle-controller. */
export class NodeLifecycleController extends QueueController {
  private readonly nodes;
  private readonly leases;
  private readonly pods;
  private readonly health = new Map<string, Health>();
  private timer: TimerId | undefined;

  constructor(ctx: ControllerContext) {
    super(ctx, 'node-controller');
    this.nodes = this.use(ctx.informers.informerFor(ctx.client.nodes));
    this.leases = this.use(ctx.informers.informerFor(ctx.client.leases, { namespace: 'kube-node-lease' }));
    this.pods = this.use(
      ctx.informers.informerFor(ctx.client.pods, {
        indexers: { nodeName: (p: Pod) => (p.spec?.nodeName ? [p.spec.nodeName] : []) },
      }),
    );
    const add = (n: Node) => this.queue.add(n.metadata!.name!);
    this.nodes.addEventHandler({
      onAdd: add,
      onUpdate: (_o, n) => add(n),
      onDelete: (o) => this.health.delete(unwrapTombstone(o).metadata!.name!),
    });
    const onLease = (l: Lease) => this.queue.add(l.metadata!.name!);
    this.leases.addEventHandler({ onAdd: onLease, onUpdate: (_o, n) => onLease(n) });
  }

  protected override async started(): Promise<void> {
    const tick = () => {
      for (const n of this.nodes.lister().list()) this.queue.add(n.metadata!.name!);
      this.timer = this.ctx.clock.setTimeout(tick, NODE_MONITOR_PERIOD_MS);
    };
    this.timer = this.ctx.clock.setTimeout(tick, NODE_MONITOR_PERIOD_MS);
  }

  override stop(): void {
    if (this.timer !== undefined) this.ctx.clock.clearTimeout(this.timer);
    super.stop();
  }

  protected async sync(name: string): Promise<void> {
    const cached = this.nodes.lister().get(undefined, name);
    if (!cached) return;
    let node = clone(cached);
    const now = this.ctx.clock.now();
    const ready = findCondition(node.status?.conditions, 'Ready');
    const lease = this.leases.lister().get('kube-node-lease', name);
    const heartbeat = ready?.lastHeartbeatTime;
    const renew = lease?.spec?.renewTime;
    let h = this.health.get(name);
    if (!h) {
      h = { probeTimestamp: now, heartbeat, renew, readyStatus: ready?.status };
      this.health.set(name, h);
    } else if (h.heartbeat !== heartbeat || h.renew !== renew) {
      h.probeTimestamp = now;
      h.heartbeat = heartbeat;
      h.renew = renew;
    }
    const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    if (now > h.probeTimestamp + grace && ready?.status !== 'Unknown') {
      const conds: NodeCondition[] = [...(node.status?.conditions ?? [])];
      const nowStr = rfc3339(now);
      for (const type of ['Ready', ...PRESSURE_CONDITIONS]) {
        const i = conds.findIndex((c) => c.type === type);
        if (i < 0)
          conds.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: rfc3339(Date.parse(node.metadata!.creationTimestamp!) || now),
            lastTransitionTime: nowStr,
          });
        else if (conds[i].status !== 'Unknown')
          conds[i] = {
            ...conds[i],
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: nowStr,
          };
      }
      node = await this.ctx.client.nodes.updateStatus({
        ...node,
        status: { ...node.status, conditions: conds },
      });
    }
    const readyNow = findCondition(node.status?.conditions, 'Ready')?.status;
    if (readyNow !== h.readyStatus) {
      if (readyNow === 'True') {
        if (h.readyStatus !== undefined) this.emit(node, 'NodeReady');
      } else if (h.readyStatus === 'True' || h.readyStatus === undefined) this.emit(node, 'NodeNotReady');
      h.readyStatus = readyNow;
    }
    await this.reconcileTaints(node, now);
    if (readyNow !== 'True') await this.markPodsNotReady(name, now);
    // Re-check when the grace period would run out.
    if (readyNow !== 'Unknown') this.queue.addAfter(name, Math.max(1, h.probeTimestamp + grace + 1 - now));
  }

  private emit(node: Node, status: 'NodeReady' | 'NodeNotReady'): void {
    const ref = { ...node, metadata: { ...node.metadata, uid: node.metadata!.name } };
    this.events.emit(
      ref,
      'v1',
      'Node',
      'Normal',
      status,
      `Node ${node.metadata!.name} status is now: ${status}`,
    );
  }

  private async reconcileTaints(node: Node, now: number): Promise<void> {
    const want = desiredTaints(node);
    const taints: Taint[] = node.spec?.taints ?? [];
    const keep = taints.filter(
      (t) => !MANAGED_KEYS.has(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect),
    );
    const next = [...keep];
    for (const w of want) {
      if (next.some((t) => t.key === w.key && t.effect === w.effect)) continue;
      next.push(w.effect === 'NoExecute' ? { ...w, timeAdded: rfc3339(now) } : { ...w });
    }
    if (next.length === taints.length && next.every((t, i) => t === taints[i])) return;
    await this.ctx.client.nodes.update({
      ...node,
      spec: { ...node.spec, taints: next.length ? next : undefined },
    });
  }

  private async markPodsNotReady(nodeName: string, now: number): Promise<void> {
    for (const p of this.pods.lister().byIndex('nodeName', nodeName)) {
      const conds = p.status?.conditions ?? [];
      const i = conds.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conds[i].status !== 'True') continue;
      const pod = clone(p);
      pod.status!.conditions![i] = { ...conds[i], status: 'False', lastTransitionTime: rfc3339(now) };
      try {
        await this.ctx.client.pods.updateStatus(pod);
        this.events.emit(pod, 'v1', 'Pod', 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }
}

/** Registry entry. */
export const nodeLifecycleDescriptor: ControllerDescriptor = {
  name: 'node-lifecycle-controller',
  workers: 1,
  create: (ctx) => new NodeLifecycleController(ctx),
};
