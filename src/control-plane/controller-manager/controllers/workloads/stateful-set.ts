/**
 * The StatefulSet controller (upstream pkg/controller/statefulset: stateful_set.go,
 * stateful_set_control.go, stateful_set_utils.go, stateful_pod_control.go): pods `<set>-<ordinal>` with
 * stable identity (hostname, subdomain = serviceName, labels `statefulset.kubernetes.io/pod-name` and
 * `apps.kubernetes.io/pod-index`), PVCs `<claim>-<set>-<ordinal>` created before their pod and kept on
 * scale-down (Retain), OrderedReady (one pod at a time, next only when the previous is Running and
 * Ready; scale down highest ordinal first) or Parallel, RollingUpdate in reverse ordinal order down to
 * the partition (or OnDelete), ControllerRevisions and the `controller-revision-hash` pod label, events
 * and status. Leaves out: maxUnavailable for rolling updates (alpha), the Delete retention policies'
 * owner references, spec.ordinals other than start, and metrics.
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { matches, selectorFromLabelSelector } from '../../../../api/labels';
import { keyFunc, splitKey } from '../../../../client/controller-base';
import { unwrapTombstone, type SharedInformer } from '../../../../client/informer';
import type { ResourceClient } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { claimObjects, QueueController, recheckOwner } from './base';
import { currentRevision, HashCollisionError, ownedRevisions, truncateHistory } from './history';
import {
  clone,
  deepEqual,
  errorCode,
  errorMessage,
  getControllerOf,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  omitZero,
} from './util';

/** Pod label with the pod's own name. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Pod label with the ordinal. */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** Pod label with the revision name. */
export const REVISION_LABEL = 'controller-revision-hash';

/** The ordinal of a pod of `set`, or -1 (`getParentNameAndOrdinal`). */
export function ordinalOf(setName: string, pod: Pod): number {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata?.name ?? '');
  if (!m || m[1] !== setName) return -1;
  return Number(m[2]);
}

/** `<claim>-<set>-<ordinal>`. */
export function claimName(claim: string, setName: string, ordinal: number): string {
  return `${claim}-${setName}-${ordinal}`;
}

/** The PVCs a pod of `set` needs (upstream getPersistentVolumeClaims). */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const name = set.metadata?.name ?? '';
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = clone(t);
    const labels = { ...(c.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    const meta: PersistentVolumeClaim['metadata'] = {
      name: claimName(c.metadata?.name ?? '', name, ordinal),
      namespace: set.metadata?.namespace,
      labels,
    };
    if (c.metadata?.annotations && Object.keys(c.metadata.annotations).length)
      meta.annotations = { ...c.metadata.annotations };
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta, spec: c.spec };
  });
}

/** `newVersionedStatefulSetPod`: the pod for `ordinal` from `template` at revision `revision`. */
export function newStatefulPod(
  set: StatefulSet,
  template: StatefulSet['spec'],
  ordinal: number,
  revision: string,
): Pod {
  const setName = set.metadata?.name ?? '';
  const t = clone(template!.template);
  const name = `${setName}-${ordinal}`;
  const labels: Record<string, string> = {
    ...(t.metadata?.labels ?? {}),
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [REVISION_LABEL]: revision,
  };
  const meta: Pod['metadata'] = {
    name,
    namespace: set.metadata?.namespace,
    labels,
    ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
  };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    meta.annotations = { ...t.metadata.annotations };
  const spec = t.spec ?? { containers: [] };
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const vols: Volume[] = [...(spec.volumes ?? [])];
  for (const c of template!.volumeClaimTemplates ?? []) {
    const v: Volume = {
      name: c.metadata?.name ?? '',
      persistentVolumeClaim: { claimName: claimName(c.metadata?.name ?? '', setName, ordinal) },
    };
    const i = vols.findIndex((x) => x.name === v.name);
    if (i >= 0) vols[i] = v;
    else vols.push(v);
  }
  if (vols.length) spec.volumes = vols;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

const isCreated = (p: Pod) => !!p.status?.phase;
const isTerminating = (p: Pod) => !!p.metadata?.deletionTimestamp;
const isFailed = (p: Pod) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isHealthy = (p: Pod) => isRunningAndReady(p) && !isTerminating(p);

/** Reconciles StatefulSets. */
export class StatefulSetController extends QueueController {
  private readonly setInformer: SharedInformer<StatefulSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly pvcInformer: SharedInformer<PersistentVolumeClaim>;
  private readonly crInformer: SharedInformer<ControllerRevision>;
  private readonly crClient: ResourceClient<ControllerRevision>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'statefulset-controller', { kind: 'StatefulSet', apiVersion: 'apps/v1' });
    this.crClient = ctx.client.resource<ControllerRevision>('apps', 'v1', 'controllerrevisions');
    this.setInformer = ctx.informers.informerFor(ctx.client.statefulSets);
    this.podInformer = ctx.informers.informerFor(ctx.client.pods);
    this.pvcInformer = ctx.informers.informerFor(ctx.client.persistentVolumeClaims);
    this.crInformer = ctx.informers.informerFor(this.crClient);
    this.waitFor.push(this.setInformer, this.podInformer, this.pvcInformer, this.crInformer);
    this.setInformer.addEventHandler({
      onAdd: (o) => this.queue.add(keyFunc(o)),
      onUpdate: (_o, n) => this.queue.add(keyFunc(n)),
      onDelete: (o) => this.queue.add(keyFunc(o)),
    });
    const onPod = (p: Pod) => {
      const ref = getControllerOf(p);
      if (ref) {
        if (ref.kind !== 'StatefulSet') return;
        const set = this.setInformer.lister().get(p.metadata?.namespace, ref.name ?? '');
        if (set?.metadata?.uid === ref.uid) this.queue.add(keyFunc(set));
        return;
      }
      for (const set of this.setInformer
        .lister()
        .namespace(p.metadata?.namespace ?? '')
        .list())
        if (matches(selectorFromLabelSelector(set.spec?.selector), p.metadata?.labels))
          this.queue.add(keyFunc(set));
    };
    this.podInformer.addEventHandler({
      onAdd: onPod,
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        if (!deepEqual(getControllerOf(old), getControllerOf(cur))) onPod(old);
        onPod(cur);
      },
      onDelete: (x) => onPod(unwrapTombstone(x)),
    });
  }

  /** Reconciles one StatefulSet. */
  async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.setInformer.lister().get(ns, name);
    if (!cached) return;
    const set = clone(cached);
    if (set.metadata?.deletionTimestamp) return;
    const selector = selectorFromLabelSelector(set.spec?.selector);
    const pods = await claimObjects<Pod>({
      owner: set,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'StatefulSet',
      selector,
      objects: this.podInformer.lister().namespace(ns).list(),
      client: this.ctx.client.pods,
      canAdopt: recheckOwner(this.ctx.client.statefulSets, set, 'StatefulSet'),
      adoptable: (p) => ordinalOf(name, p) >= 0,
    });
    const revisions = ownedRevisions(set, this.crInformer.lister().namespace(ns).list());
    let collisionCount = set.status?.collisionCount ?? 0;
    let updateRevision: ControllerRevision;
    try {
      const r = await currentRevision({
        client: this.crClient,
        owner: set,
        ownerApiVersion: 'apps/v1',
        ownerKind: 'StatefulSet',
        template: set.spec?.template,
        revisions,
        collisionCount,
      });
      updateRevision = r.revision;
      collisionCount = r.collisionCount;
    } catch (e) {
      if (e instanceof HashCollisionError) {
        const status: StatefulSetStatus = {
          ...(set.status ?? { replicas: 0 }),
          collisionCount: e.collisionCount,
        };
        await this.ctx.client.statefulSets.updateStatus({ ...set, status });
      }
      throw e;
    }
    const currentName = set.status?.currentRevision;
    const current = revisions.find((r) => r.metadata?.name === currentName) ?? updateRevision;
    const currentTemplate = this.specFromRevision(set, current);
    let err: unknown;
    try {
      await this.updateStatefulSet(
        set,
        pods,
        current.metadata!.name!,
        currentTemplate,
        updateRevision.metadata!.name!,
      );
    } catch (e) {
      err = e;
    }
    const fresh = this.podInformer
      .lister()
      .namespace(ns)
      .list()
      .filter((p) => getControllerOf(p)?.uid === set.metadata?.uid);
    await this.updateStatus(
      set,
      fresh,
      current.metadata!.name!,
      updateRevision.metadata!.name!,
      collisionCount,
    );
    const live = new Set<string>([current.metadata!.name!, updateRevision.metadata!.name!]);
    for (const p of fresh)
      if (p.metadata?.labels?.[REVISION_LABEL]) live.add(p.metadata.labels[REVISION_LABEL]);
    await truncateHistory(
      this.crClient,
      ownedRevisions(set, this.crInformer.lister().namespace(ns).list()),
      live,
      set.spec?.revisionHistoryLimit ?? 10,
    );
    if (err !== undefined) throw err;
  }

  /** The set's spec as of `rev` (the revision's template patched over the current spec). */
  private specFromRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet['spec'] {
    const data = rev.data as { spec?: { template?: Record<string, unknown> } } | undefined;
    const t = clone(data?.spec?.template ?? set.spec?.template) as Record<string, unknown>;
    delete t.$patch;
    return { ...clone(set.spec!), template: t as NonNullable<StatefulSet['spec']>['template'] };
  }

  private async updateStatefulSet(
    set: StatefulSet,
    pods: Pod[],
    currentRev: string,
    currentSpec: StatefulSet['spec'],
    updateRev: string,
  ): Promise<void> {
    const name = set.metadata?.name ?? '';
    const start = set.spec?.ordinals?.start ?? 0;
    const count = set.spec?.replicas ?? 1;
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const replicas: (Pod | undefined)[] = Array.from({ length: count }, () => undefined);
    const condemned: Pod[] = [];
    for (const p of pods) {
      const ord = ordinalOf(name, p);
      if (ord < 0) continue;
      if (ord >= start && ord < start + count) replicas[ord - start] = p;
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
    // Pods to create use the current revision below the partition, the update revision above it.
    const podFor = (ord: number) =>
      strategy === 'RollingUpdate' && ord < start + partition
        ? newStatefulPod(set, currentSpec, ord, currentRev)
        : newStatefulPod(set, set.spec, ord, updateRev);

    let firstUnhealthy: Pod | undefined;
    for (let i = 0; i < count; i++) {
      const ord = start + i;
      let pod = replicas[i];
      if (pod && isFailed(pod) && !isTerminating(pod)) {
        await this.deletePod(set, pod);
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        pod = podFor(ord);
        await this.createPersistentVolumeClaims(set, pod, ord);
        await this.createPod(set, pod);
        if (monotonic) return;
        continue;
      }
      if (!isHealthy(pod) && !firstUnhealthy) firstUnhealthy = pod;
      if (isTerminating(pod) && monotonic) return;
      if (!isRunningAndReady(pod) && monotonic) return;
      // Missing claims are recreated (a deleted PVC comes back with the pod's next start).
      await this.createPersistentVolumeClaims(set, pod, ord);
    }
    // Scale down, highest ordinal first.
    for (const target of condemned) {
      if (isTerminating(target)) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && firstUnhealthy && firstUnhealthy !== target) return;
      await this.deletePod(set, target);
      if (monotonic) return;
    }
    if (strategy !== 'RollingUpdate') return;
    // Rolling update: highest ordinal first, down to the partition, one pod at a time.
    for (let i = count - 1; i >= partition; i--) {
      const pod = replicas[i];
      if (!pod) return;
      if (pod.metadata?.labels?.[REVISION_LABEL] !== updateRev && !isTerminating(pod)) {
        await this.deletePod(set, pod);
        return;
      }
      if (!isHealthy(pod)) return;
    }
  }

  private async createPersistentVolumeClaims(set: StatefulSet, pod: Pod, ordinal: number): Promise<void> {
    const ns = set.metadata?.namespace ?? '';
    for (const claim of claimsFor(set, ordinal)) {
      const n = claim.metadata!.name!;
      if (this.pvcInformer.lister().get(ns, n)) continue;
      try {
        await this.ctx.client.persistentVolumeClaims.create(ns, claim);
        this.recorder.event(
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${n} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} success`,
        );
      } catch (e) {
        if (errorCode(e) === 409) continue;
        this.recorder.event(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${n} for Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${errorMessage(e)}`,
        );
        throw e;
      }
    }
  }

  private async createPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.ctx.client.pods.create(set.metadata?.namespace, pod);
      this.recorder.event(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`,
      );
    } catch (e) {
      if (errorCode(e) === 409) return;
      this.recorder.event(
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${errorMessage(e)}`,
      );
      throw e;
    }
  }

  private async deletePod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.ctx.client.pods.delete(set.metadata?.namespace, pod.metadata!.name!);
      this.recorder.event(
        set,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`,
      );
    } catch (e) {
      if (errorCode(e) === 404) return;
      this.recorder.event(
        set,
        'Warning',
        'FailedDelete',
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${errorMessage(e)}`,
      );
      throw e;
    }
  }

  private async updateStatus(
    set: StatefulSet,
    pods: Pod[],
    currentRev: string,
    updateRev: string,
    collisionCount: number,
  ): Promise<void> {
    const now = this.ctx.clock.now();
    const mrs = set.spec?.minReadySeconds ?? 0;
    const s: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation,
      replicas: 0,
      readyReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      currentRevision: currentRev,
      updateRevision: updateRev,
      collisionCount,
    };
    for (const p of pods) {
      if (ordinalOf(set.metadata?.name ?? '', p) < 0) continue;
      if (isCreated(p)) s.replicas++;
      if (isRunningAndReady(p)) {
        s.readyReplicas!++;
        if (isPodAvailable(p, mrs, now)) s.availableReplicas!++;
      }
      if (isCreated(p) && !isTerminating(p)) {
        const r = p.metadata?.labels?.[REVISION_LABEL];
        if (r === currentRev) s.currentReplicas!++;
        if (r === updateRev) s.updatedReplicas!++;
      }
    }
    const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
    if (strategy === 'RollingUpdate' && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) {
      s.currentReplicas = s.updatedReplicas;
      s.currentRevision = updateRev;
    }
    omitZero(s, ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas']);
    if (set.status?.conditions) s.conditions = set.status.conditions;
    if (!deepEqual(set.status ?? {}, s)) {
      try {
        await this.ctx.client.statefulSets.updateStatus({ ...set, status: s });
      } catch (e) {
        if (errorCode(e) !== 409) throw e;
        const fresh = await this.ctx.client.statefulSets.get(set.metadata?.namespace, set.metadata!.name!);
        await this.ctx.client.statefulSets.updateStatus({ ...fresh, status: s });
      }
    }
    if (mrs > 0 && s.availableReplicas !== s.readyReplicas) this.queue.addAfter(keyFunc(set), mrs * 1000);
  }
}

/** Registry entry (`--concurrent-statefulset-syncs` 5). */
export const STATEFUL_SET_CONTROLLER: ControllerDescriptor = {
  name: 'statefulset-controller',
  workers: 5,
  create: (ctx) => new StatefulSetController(ctx),
};
