/**
 * The taint eviction controller (upstream pkg/controller/tainteviction, `taint-eviction-controller`):
 * a pod on a node with NoExecute taints is deleted at once when it does not tolerate them all, else
 * when the shortest `tolerationSeconds` of the tolerations used runs out (counted from when this
 * controller first saw the taints, as upstream); tolerations without seconds keep it forever. Before
 * deleting it adds the DisruptionTarget condition (DeletionByTaintManager) and records
 * `TaintManagerEviction` `Marking for deletion Pod ns/name`; a scheduled eviction whose taints go away
 * is cancelled (`Cancelling deletion of Pod ns/name`).
 * Left out: the timed worker pool's per-node fan-out (pods are queued one by one).
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone } from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, clone, isNotFound, rfc3339 } from './util';

/** upstream `Toleration.ToleratesTaint`. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/**
 * How long a pod may stay given NoExecute `taints`: 0 to evict now, Infinity to keep it, else the
 * shortest tolerationSeconds (ms) of the tolerations that match.
 */
export function tolerationWindowMs(tolerations: readonly Toleration[], taints: readonly Taint[]): number {
  let min = Infinity;
  for (const taint of taints) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (!used.length) return 0;
    for (const t of used)
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
        min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min;
}

/** The taint-eviction-controller. */
export class TaintEvictionController extends QueueController {
  private readonly nodes;
  private readonly pods;
  /** Scheduled evictions: pod key → when it was first seen under the taints. */
  private readonly scheduled = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'taint-eviction-controller');
    this.nodes = this.use(ctx.informers.informerFor(ctx.client.nodes));
    this.pods = this.use(
      ctx.informers.informerFor(ctx.client.pods, {
        indexers: { nodeName: (p: Pod) => (p.spec?.nodeName ? [p.spec.nodeName] : []) },
      }),
    );
    const onNode = (o: Node | undefined, n: Node) => {
      const before = JSON.stringify((o?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
      const after = JSON.stringify((n.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
      if (o && before === after) return;
      for (const p of this.pods.lister().byIndex('nodeName', n.metadata!.name!))
        this.queue.add(`${p.metadata!.namespace}/${p.metadata!.name}`);
    };
    this.nodes.addEventHandler({ onAdd: (n) => onNode(undefined, n), onUpdate: onNode });
    const onPod = (p: Pod) => {
      if (p.spec?.nodeName) this.queue.add(`${p.metadata!.namespace}/${p.metadata!.name}`);
    };
    this.pods.addEventHandler({
      onAdd: onPod,
      onUpdate: (o, n) => {
        if (
          o.spec?.nodeName !== n.spec?.nodeName ||
          JSON.stringify(o.spec?.tolerations) !== JSON.stringify(n.spec?.tolerations)
        )
          onPod(n);
      },
      onDelete: (o) => {
        const p = unwrapTombstone(o);
        this.scheduled.delete(`${p.metadata!.namespace}/${p.metadata!.name}`);
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const pod = this.pods.lister().get(ns, name);
    if (!pod || !pod.spec?.nodeName || pod.metadata?.deletionTimestamp) {
      this.scheduled.delete(key);
      return;
    }
    const node = this.nodes.lister().get(undefined, pod.spec.nodeName);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const now = this.ctx.clock.now();
    const window = taints.length ? tolerationWindowMs(pod.spec.tolerations ?? [], taints) : Infinity;
    if (window === Infinity) {
      if (this.scheduled.delete(key)) this.emit(pod, `Cancelling deletion of Pod ${key}`);
      return;
    }
    const start = this.scheduled.get(key) ?? now;
    this.scheduled.set(key, start);
    const due = start + window;
    if (due > now) {
      this.queue.addAfter(key, due - now);
      return;
    }
    this.emit(pod, `Marking for deletion Pod ${key}`);
    const p = clone(pod);
    const conds = (p.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: rfc3339(now),
    });
    try {
      await this.ctx.client.pods.updateStatus({ ...p, status: { ...p.status, conditions: conds } });
      await this.ctx.client.pods.delete(ns, name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    this.scheduled.delete(key);
  }

  private emit(pod: Pod, message: string): void {
    this.events.emit(pod, 'v1', 'Pod', 'Normal', 'TaintManagerEviction', message);
  }
}

/** Registry entry. */
export const taintEvictionDescriptor: ControllerDescriptor = {
  name: 'taint-eviction-controller',
  workers: 8,
  create: (ctx) => new TaintEvictionController(ctx),
};
