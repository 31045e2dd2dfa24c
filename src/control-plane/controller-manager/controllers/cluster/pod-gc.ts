/**
 * The pod garbage collector (upstream pkg/controller/podgc, `pod-garbage-collector-controller`): every
 * 20 s it force-deletes (grace period 0) pods bound to a Node that no longer exists (after a 40 s
 * quarantine and a live GET of the Node; DisruptionTarget `DeletionByPodGC` `PodGC: node no longer
 * exists`), terminating pods that were never scheduled, terminating pods on a not-ready node tainted
 * `node.kubernetes.io/out-of-service`, and the oldest terminated pods beyond the threshold (12500).
 * Pods not yet Succeeded/Failed are patched to phase Failed first, as upstream does.
 * Left out: metrics.
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { TimerId } from '../../../../runtime/clock';
import type { Controller, ControllerContext, ControllerDescriptor } from '../../types';
import { findCondition, isNotFound, rfc3339 } from './util';

/** gcCheckPeriod. */
export const POD_GC_PERIOD_MS = 20_000;
/** quarantineTime: how long a missing node must stay missing before its pods go. */
export const POD_GC_QUARANTINE_MS = 40_000;
/** --terminated-pod-gc-threshold default. */
export const TERMINATED_POD_THRESHOLD = 12_500;

const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

const terminated = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const evicted = (p: Pod) => p.status?.phase === 'Failed' && p.status?.reason === 'Evicted';

/** upstream byEvictionAndCreationTimestamp: evicted first, then oldest, then by name. */
export function gcOrder(a: Pod, b: Pod): number {
  if (evicted(a) !== evicted(b)) return evicted(a) ? -1 : 1;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The pod-garbage-collector-controller. */
export class PodGcController implements Controller {
  private readonly pods;
  private readonly nodes;
  /** Missing node name → when it was first seen missing (the quarantine queue). */
  private readonly missingSince = new Map<string, number>();
  private timer: TimerId | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly threshold = TERMINATED_POD_THRESHOLD,
  ) {
    this.pods = ctx.informers.informerFor(ctx.client.pods);
    this.nodes = ctx.informers.informerFor(ctx.client.nodes);
  }

  async run(): Promise<void> {
    await Promise.all([this.pods.waitForSync(), this.nodes.waitForSync()]);
    if (this.stopped) return;
    const tick = async () => {
      this.timer = undefined;
      try {
        await this.gc();
      } finally {
        if (!this.stopped) this.timer = this.ctx.clock.setTimeout(() => void tick(), POD_GC_PERIOD_MS);
      }
    };
    void tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.ctx.clock.clearTimeout(this.timer);
  }

  /** One pass (upstream `gc`). */
  async gc(): Promise<void> {
    const pods = this.pods.lister().list();
    const nodes = new Map(
      this.nodes
        .lister()
        .list()
        .map((n) => [n.metadata!.name!, n] as const),
    );
    const work: Array<Promise<void>> = [];
    if (this.threshold > 0) {
      const done = pods.filter(terminated).sort(gcOrder);
      for (const p of done.slice(0, Math.max(0, done.length - this.threshold)))
        work.push(this.forceDelete(p));
    }
    for (const p of pods) {
      if (!p.metadata?.deletionTimestamp || !p.spec?.nodeName) continue;
      const n = nodes.get(p.spec.nodeName);
      if (n && !nodeReady(n) && (n.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE))
        work.push(this.forceDelete(p));
    }
    work.push(this.gcOrphaned(pods, nodes));
    for (const p of pods)
      if (p.metadata?.deletionTimestamp && !p.spec?.nodeName) work.push(this.forceDelete(p));
    await Promise.all(work.map((w) => w.catch(() => undefined)));
  }

  private async gcOrphaned(pods: readonly Pod[], nodes: Map<string, Node>): Promise<void> {
    const now = this.ctx.clock.now();
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (n && !nodes.has(n) && !this.missingSince.has(n)) this.missingSince.set(n, now);
    }
    const gone = new Set<string>();
    for (const [name, since] of [...this.missingSince]) {
      if (nodes.has(name)) {
        this.missingSince.delete(name);
        continue;
      }
      if (now - since < POD_GC_QUARANTINE_MS) continue;
      this.missingSince.delete(name);
      try {
        await this.ctx.client.nodes.get(undefined, name);
      } catch (e) {
        if (isNotFound(e)) gone.add(name);
      }
    }
    const cond: PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    };
    await Promise.all(
      pods
        .filter((p) => gone.has(p.spec?.nodeName ?? ''))
        .map((p) => this.forceDelete(p, cond).catch(() => undefined)),
    );
  }

  /** upstream markFailedAndDeletePodWithCondition. */
  private async forceDelete(p: Pod, cond?: PodCondition): Promise<void> {
    const ns = p.metadata!.namespace!;
    const name = p.metadata!.name!;
    try {
      if (!terminated(p)) {
        const status: Record<string, unknown> = { phase: 'Failed' };
        if (cond) {
          const old = findCondition(p.status?.conditions, cond.type);
          const same = old?.status === cond.status;
          status.conditions = [
            {
              ...cond,
              lastTransitionTime: same ? old?.lastTransitionTime : rfc3339(this.ctx.clock.now()),
            },
          ];
        }
        await this.ctx.client.pods.patch(
          ns,
          name,
          'strategic',
          { metadata: { uid: p.metadata!.uid }, status },
          {
            subresource: 'status',
          },
        );
      }
      await this.ctx.client.pods.delete(ns, name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function nodeReady(n: Node): boolean {
  return findCondition(n.status?.conditions, 'Ready')?.status === 'True';
}

/** Registry entry. */
export const podGcDescriptor: ControllerDescriptor = {
  name: 'pod-garbage-collector-controller',
  workers: 1,
  create: (ctx) => new PodGcController(ctx),
};
