/**
 * The ReplicaSet controller and the ReplicationController manager, one implementation (upstream
 * pkg/controller/replicaset; pkg/controller/replication wraps the same code for v1 RCs with a map
 * selector). Keeps `spec.replicas` active pods: slow-start creates (1, 2, 4, … ≤ 500 per sync) guarded
 * by expectations, deletes in upstream's victim order (ActivePodsWithRanks), adopts/releases pods, and
 * writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration,
 * ReplicaFailure). Leaves out: the TerminatingReplicas feature, metrics, and the deletion-cost feature
 * gate switch (pod-deletion-cost is always honoured, as with the gate on by default).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { matches, selectorFromLabelSelector, selectorFromSet, type Selector } from '../../../../api/labels';
import { keyFunc, splitKey } from '../../../../client/controller-base';
import {
  unwrapTombstone,
  type DeletedFinalStateUnknown,
  type SharedInformer,
} from '../../../../client/informer';
import type { ApiObject, ResourceClient } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { claimObjects, QueueController, recheckOwner } from './base';
import {
  clone,
  deepEqual,
  errorCode,
  errorMessage,
  Expectations,
  getControllerOf,
  isPodActive,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  omitZero,
  parseTime,
  rfc3339,
  slowStartBatch,
} from './util';

/** At most this many creates or deletes per sync (upstream BurstReplicas). */
export const BURST_REPLICAS = 500;
/** First slow-start batch size (upstream SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The fields the controller uses; both ReplicaSet and ReplicationController have them. */
export interface ReplicatedObject extends ApiObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: unknown;
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: unknown;
    };
  };
  status?: ReplicaSetStatus;
}

/** Which kind the controller manages (upstream: GroupVersionKind + the RC conversion wrapper). */
export interface ReplicaKind {
  /** Upstream controller name. */
  name: string;
  kind: 'ReplicaSet' | 'ReplicationController';
  apiVersion: 'apps/v1' | 'v1';
  client(ctx: ControllerContext): ResourceClient<ReplicatedObject>;
  /** The label selector of the object. */
  selector(o: ReplicatedObject): Selector;
}

/** ReplicaSets (apps/v1, LabelSelector). */
export const REPLICA_SET_KIND: ReplicaKind = {
  name: 'replicaset-controller',
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  client: (ctx) => ctx.client.replicaSets as unknown as ResourceClient<ReplicatedObject>,
  selector: (o) => selectorFromLabelSelector((o as ReplicaSet).spec?.selector),
};

/** ReplicationControllers (v1, the selector is a label map). */
export const REPLICATION_CONTROLLER_KIND: ReplicaKind = {
  name: 'replicationcontroller-controller',
  kind: 'ReplicationController',
  apiVersion: 'v1',
  client: (ctx) => ctx.client.replicationControllers as unknown as ResourceClient<ReplicatedObject>,
  selector: (o) => {
    const s = o.spec?.selector as Record<string, string> | undefined;
    return s && Object.keys(s).length ? selectorFromSet(s) : selectorFromSet({ '\u0000none': '\u0000' });
  },
};

/** Pod phase order for scale-down: Pending < Unknown < Running. */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: Pod): number {
  const v = p.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(p: Pod): number {
  let m = 0;
  for (const c of p.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount ?? 0);
  return m;
}

/** floor(log2(ns)) of the age at `now`, or -1 (upstream logarithmicRankDiff's bucket). */
function logRank(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/**
 * `controller.ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`.
 * `rank` = number of related active pods on the pod's node; `now` enables logarithmic age buckets.
 */
export function deleteFirst(a: Pod, ra: number, b: Pod, rb: number, now: number): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready.
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  // 4. Lower pod-deletion-cost < higher.
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) < deletionCost(b);
  // 5. Doubled up (more related pods on the same node) < fewer.
  if (ra !== rb) return ra > rb;
  const uidLess = () => (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
  // 6. Ready for a shorter time < longer (logarithmic buckets).
  if (isPodReady(a) && isPodReady(b)) {
    const ta = podReadyTimeOf(a);
    const tb = podReadyTimeOf(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const d = logRank(ta, now) - logRank(tb, now);
      return d === 0 ? uidLess() : d < 0;
    }
  }
  // 7. More restarts < fewer.
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  // 8. Newer < older (logarithmic buckets).
  const ca = parseTime(a.metadata?.creationTimestamp);
  const cb = parseTime(b.metadata?.creationTimestamp);
  if (ca !== cb) {
    if (ca === undefined || cb === undefined) return afterOrZero(ca, cb);
    const d = logRank(ca, now) - logRank(cb, now);
    return d === 0 ? uidLess() : d < 0;
  }
  return false;
}

function podReadyTimeOf(p: Pod): number | undefined {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return parseTime(c?.lastTransitionTime);
}

/** Upstream afterOrZero: an unset time sorts first, else the later one. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/**
 * `getPodsToDelete`: the `diff` pods to delete first. `related` are the active pods of every replica
 * set sharing this one's controller (a Deployment's), used to rank doubled-up nodes.
 */
export function podsToDelete(
  filtered: readonly Pod[],
  related: readonly Pod[],
  diff: number,
  now: number,
): Pod[] {
  if (diff >= filtered.length) return [...filtered];
  const onNode = new Map<string, number>();
  for (const p of related)
    if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = filtered.map((p) => ({ p, r: onNode.get(p.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) =>
    deleteFirst(x.p, x.r, y.p, y.r, now) ? -1 : deleteFirst(y.p, y.r, x.p, x.r, now) ? 1 : 0,
  );
  return ranked.slice(0, diff).map((x) => x.p);
}

/** `calculateStatus`: counts of the claimed active pods, plus the ReplicaFailure condition. */
export function calculateStatus(
  rs: ReplicatedObject,
  filtered: readonly Pod[],
  manageErr: unknown,
  now: number,
): ReplicaSetStatus {
  const tl = rs.spec?.template?.metadata?.labels ?? {};
  const templateSel = selectorFromSet(tl);
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fully = 0;
  let ready = 0;
  let available = 0;
  for (const p of filtered) {
    if (matches(templateSel, p.metadata?.labels)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  const status: ReplicaSetStatus = {
    ...clone(rs.status ?? { replicas: 0 }),
    replicas: filtered.length,
    fullyLabeledReplicas: fully,
    readyReplicas: ready,
    availableReplicas: available,
  };
  omitZero(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']);
  const conds = status.conditions ?? [];
  const failure = conds.find((c) => c.type === 'ReplicaFailure');
  if (manageErr !== undefined && !failure) {
    const diff = filtered.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: ReplicaSetCondition = {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason,
      message: errorMessage(manageErr),
    };
    status.conditions = [...conds, cond];
  } else if (manageErr === undefined && failure) {
    status.conditions = conds.filter((c) => c.type !== 'ReplicaFailure');
  }
  if (status.conditions && status.conditions.length === 0) delete status.conditions;
  return status;
}

/** `controller.GetPodFromTemplate`: a pod for the replica set (generateName `<name>-`). */
export function podFromTemplate(rs: ReplicatedObject, kind: ReplicaKind): Pod {
  const t = rs.spec?.template ?? {};
  const name = rs.metadata?.name ?? '';
  const meta: Pod['metadata'] = {
    generateName: `${name}-`,
    namespace: rs.metadata?.namespace,
    labels: { ...(t.metadata?.labels ?? {}) },
    ownerReferences: [newControllerRef(rs, kind.apiVersion, kind.kind)],
  };
  const ann = t.metadata?.annotations;
  if (ann && Object.keys(ann).length) meta.annotations = { ...ann };
  const fin = (t.metadata as { finalizers?: string[] } | undefined)?.finalizers;
  if (fin?.length) meta.finalizers = [...fin];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: clone(t.spec) as Pod['spec'] };
}

/** The ReplicaSet (or ReplicationController) controller. */
export class ReplicaSetController extends QueueController {
  readonly expectations: Expectations;
  private readonly rsInformer: SharedInformer<ReplicatedObject>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly rsClient: ResourceClient<ReplicatedObject>;

  constructor(
    ctx: ControllerContext,
    private readonly kind: ReplicaKind = REPLICA_SET_KIND,
  ) {
    super(ctx, kind.name, { kind: kind.kind, apiVersion: kind.apiVersion });
    this.expectations = new Expectations(ctx.clock);
    this.rsClient = kind.client(ctx);
    this.rsInformer = ctx.informers.informerFor(this.rsClient);
    this.podInformer = ctx.informers.informerFor(ctx.client.pods);
    this.waitFor.push(this.rsInformer, this.podInformer);
    this.rsInformer.addEventHandler({
      onAdd: (o) => this.queue.add(keyFunc(o)),
      onUpdate: (_old, o) => this.queue.add(keyFunc(o)),
      onDelete: (o) => {
        const key = keyFunc(o);
        this.expectations.delete(key);
        this.queue.add(key);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (p) => this.deletePod(p),
    });
  }

  private resolve(ns: string | undefined, ref: { kind?: string; name?: string; uid?: string } | undefined) {
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const rs = this.rsInformer.lister().get(ns, ref.name ?? '');
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  }

  private matchingOwners(p: Pod): ReplicatedObject[] {
    const ns = p.metadata?.namespace ?? '';
    return this.rsInformer
      .lister()
      .namespace(ns)
      .list()
      .filter((rs) => matches(this.kind.selector(rs), p.metadata?.labels));
  }

  private addPod(p: Pod): void {
    if (p.metadata?.deletionTimestamp) return this.deletePod(p);
    const ref = getControllerOf(p);
    if (ref) {
      const rs = this.resolve(p.metadata?.namespace, ref);
      if (!rs) return;
      const key = keyFunc(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.matchingOwners(p)) this.queue.add(keyFunc(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = !deepEqual(old.metadata?.labels, cur.metadata?.labels);
    if (cur.metadata?.deletionTimestamp) {
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const o = this.resolve(old.metadata?.namespace, oldRef);
      if (o) this.queue.add(keyFunc(o));
    }
    if (curRef) {
      const rs = this.resolve(cur.metadata?.namespace, curRef);
      if (!rs) return;
      this.queue.add(keyFunc(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0)
        this.queue.addAfter(keyFunc(rs), minReady * 1000 + 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.matchingOwners(cur)) this.queue.add(keyFunc(rs));
  }

  private deletePod(x: Pod | DeletedFinalStateUnknown<Pod>): void {
    const p = unwrapTombstone(x);
    const ref = getControllerOf(p);
    if (!ref) return;
    const rs = this.resolve(p.metadata?.namespace, ref);
    if (!rs) return;
    const key = keyFunc(rs);
    this.expectations.deletionObserved(key, keyFunc(p));
    this.queue.add(key);
  }

  /** Pods of every replica set controlled by the same owner (a Deployment), for node ranks. */
  private relatedPods(rs: ReplicatedObject, own: readonly Pod[]): Pod[] {
    const owner = getControllerOf(rs);
    if (!owner) return [...own];
    const ns = rs.metadata?.namespace ?? '';
    const uids = new Set(
      this.rsInformer
        .lister()
        .namespace(ns)
        .list()
        .filter((r) => getControllerOf(r)?.uid === owner.uid)
        .map((r) => r.metadata?.uid),
    );
    return this.podInformer
      .lister()
      .namespace(ns)
      .list()
      .filter((p) => uids.has(getControllerOf(p)?.uid));
  }

  /** Reconciles one replica set. */
  async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const rs = this.rsInformer.lister().get(ns, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const selector = this.kind.selector(rs);
    const needsSync = this.expectations.satisfied(key) && !rs.metadata?.deletionTimestamp;
    const active = this.podInformer.lister().namespace(ns).list().filter(isPodActive);
    const filtered = await claimObjects<Pod>({
      owner: rs,
      ownerApiVersion: this.kind.apiVersion,
      ownerKind: this.kind.kind,
      selector,
      objects: active,
      client: this.ctx.client.pods,
      canAdopt: recheckOwner(this.rsClient, rs, this.kind.kind),
    });
    let manageErr: unknown;
    if (needsSync) {
      try {
        await this.manageReplicas(filtered, rs, key);
      } catch (e) {
        manageErr = e;
      }
    }
    const now = this.ctx.clock.now();
    const status = calculateStatus(rs, filtered, manageErr, now);
    const updated = await this.updateStatus(rs, status);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (
      manageErr === undefined &&
      minReady > 0 &&
      updated.status?.readyReplicas === rs.spec?.replicas &&
      updated.status?.availableReplicas !== rs.spec?.replicas
    )
      this.queue.addAfter(key, minReady * 1000);
    if (manageErr !== undefined) throw manageErr;
  }

  private async manageReplicas(filtered: readonly Pod[], rs: ReplicatedObject, key: string): Promise<void> {
    const want = rs.spec?.replicas ?? 1;
    let diff = filtered.length - want;
    const ns = rs.metadata?.namespace ?? '';
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, diff);
      const { successes, error } = await slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, async () => {
        try {
          const pod = await this.ctx.client.pods.create(ns, podFromTemplate(rs, this.kind));
          this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
        } catch (e) {
          this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
          throw e;
        }
      });
      // Creates that failed or were skipped will never be observed.
      const skipped = diff - successes;
      if (skipped > 0) this.expectations.lowerCreations(key, skipped);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(filtered, this.relatedPods(rs, filtered), diff, this.ctx.clock.now());
      this.expectations.expectDeletions(
        key,
        victims.map((p) => keyFunc(p)),
      );
      const results = await Promise.allSettled(
        victims.map(async (p) => {
          try {
            await this.ctx.client.pods.delete(ns, p.metadata!.name!);
            this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`);
          } catch (e) {
            this.expectations.deletionObserved(key, keyFunc(p));
            if (errorCode(e) === 404) return;
            this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
            throw e;
          }
        }),
      );
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }
  }

  private async updateStatus(rs: ReplicatedObject, status: ReplicaSetStatus): Promise<ReplicatedObject> {
    const gen = rs.metadata?.generation ?? 0;
    const next: ReplicaSetStatus = omitZero({ ...status, observedGeneration: gen }, ['observedGeneration']);
    if (deepEqual(rs.status ?? {}, next)) return rs;
    let cur = rs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.rsClient.updateStatus({ ...clone(cur), status: next } as ReplicatedObject);
      } catch (e) {
        if (attempt >= 1 || errorCode(e) !== 409) throw e;
        cur = await this.rsClient.get(rs.metadata?.namespace, rs.metadata!.name!);
      }
    }
  }
}

/** Registry entry of the ReplicaSet controller (`--concurrent-replicaset-syncs` 5). */
export const REPLICA_SET_CONTROLLER: ControllerDescriptor = {
  name: REPLICA_SET_KIND.name,
  workers: 5,
  create: (ctx) => new ReplicaSetController(ctx, REPLICA_SET_KIND),
};

/** Registry entry of the ReplicationController manager (`--concurrent-rc-syncs` 5). */
export const REPLICATION_CONTROLLER_CONTROLLER: ControllerDescriptor = {
  name: REPLICATION_CONTROLLER_KIND.name,
  workers: 5,
  create: (ctx) => new ReplicaSetController(ctx, REPLICATION_CONTROLLER_KIND),
};
