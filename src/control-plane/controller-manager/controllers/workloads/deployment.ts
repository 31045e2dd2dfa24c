/**
 * The Deployment controller (upstream pkg/controller/deployment: deployment_controller.go, sync.go,
 * rolling.go, recreate.go, progress.go): owns ReplicaSets named `<deploy>-<pod-template-hash>`,
 * rolls out with RollingUpdate (maxSurge/maxUnavailable) or Recreate, scales proportionally, pauses,
 * keeps revisionHistoryLimit old ReplicaSets, and reports Progressing/Available conditions and status.
 * A rollback (`kubectl rollout undo`) is a template change back to an old ReplicaSet's template: that RS
 * is found again and gets the next revision. Leaves out: the deprecated `rollbackTo` spec field, the
 * TerminatingReplicas feature and metrics. The pod-template-hash is computed over a canonical JSON of
 * the template instead of Go-spew's print, so hashes differ from a real cluster's.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { matches, selectorFromLabelSelector } from '../../../../api/labels';
import { keyFunc, splitKey } from '../../../../client/controller-base';
import {
  unwrapTombstone,
  type DeletedFinalStateUnknown,
  type SharedInformer,
} from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { claimObjects, QueueController, recheckOwner } from './base';
import {
  actualReplicas,
  activeReplicaSets,
  availableReplicas,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  DESIRED_REPLICAS_ANNOTATION,
  findActiveOrLatest,
  findNewReplicaSet,
  getCondition,
  getProportion,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL,
  readyReplicas,
  REASONS,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionOf,
  REVISION_ANNOTATION,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
} from './deployment-util';
import {
  clone,
  computeHash,
  omitZero,
  deepEqual,
  errorCode,
  errorMessage,
  getControllerOf,
  newControllerRef,
  parseTime,
} from './util';

/** Reconciles Deployments into ReplicaSets. */
export class DeploymentController extends QueueController {
  private readonly dInformer: SharedInformer<Deployment>;
  private readonly rsInformer: SharedInformer<ReplicaSet>;
  private readonly podInformer: SharedInformer<Pod>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'deployment-controller', { kind: 'Deployment', apiVersion: 'apps/v1' });
    this.dInformer = ctx.informers.informerFor(ctx.client.deployments);
    this.rsInformer = ctx.informers.informerFor(ctx.client.replicaSets);
    this.podInformer = ctx.informers.informerFor(ctx.client.pods);
    this.waitFor.push(this.dInformer, this.rsInformer, this.podInformer);
    this.dInformer.addEventHandler({
      onAdd: (d) => this.queue.add(keyFunc(d)),
      onUpdate: (_o, d) => this.queue.add(keyFunc(d)),
      onDelete: (d) => this.queue.add(keyFunc(d)),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.onReplicaSet(rs),
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        const oldRef = getControllerOf(old);
        if (oldRef && !deepEqual(oldRef, getControllerOf(cur))) this.onReplicaSet(old);
        this.onReplicaSet(cur, !deepEqual(old.metadata?.labels, cur.metadata?.labels));
      },
      onDelete: (x) => this.onReplicaSet(unwrapTombstone(x)),
    });
    this.podInformer.addEventHandler({ onDelete: (p) => this.onPodDelete(p) });
  }

  private owner(ns: string | undefined, ref: { kind?: string; name?: string; uid?: string } | undefined) {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.lister().get(ns, ref.name ?? '');
    return d && d.metadata?.uid === ref.uid ? d : undefined;
  }

  private onReplicaSet(rs: ReplicaSet, orphanLabelsChanged = true): void {
    const ref = getControllerOf(rs);
    if (ref) {
      const d = this.owner(rs.metadata?.namespace, ref);
      if (d) this.queue.add(keyFunc(d));
      return;
    }
    if (!orphanLabelsChanged) return;
    for (const d of this.dInformer
      .lister()
      .namespace(rs.metadata?.namespace ?? '')
      .list())
      if (matches(selectorFromLabelSelector(d.spec?.selector), rs.metadata?.labels))
        this.queue.add(keyFunc(d));
  }

  /** Recreate waits for old pods to be gone: a pod deletion may unblock it. */
  private onPodDelete(x: Pod | DeletedFinalStateUnknown<Pod>): void {
    const p = unwrapTombstone(x);
    const ref = getControllerOf(p);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.lister().get(p.metadata?.namespace, ref.name ?? '');
    if (!rs || rs.metadata?.uid !== ref.uid) return;
    const d = this.owner(rs.metadata?.namespace, getControllerOf(rs));
    if (d && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyFunc(d));
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  /** Reconciles one Deployment. */
  async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.dInformer.lister().get(ns, name);
    if (!cached) return;
    const d = clone(cached);
    const sel = d.spec?.selector;
    if (
      !sel ||
      (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
    ) {
      this.recorder.event(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation };
        await this.ctx.client.deployments.updateStatus(d);
      }
      return;
    }
    const rsList = await this.replicaSetsFor(d);
    if (d.metadata?.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    await this.checkPausedConditions(d);
    if (d.spec?.paused) return this.syncScale(d, rsList);
    if (await this.isScalingEvent(d, rsList)) return this.syncScale(d, rsList);
    if (d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(d, rsList);
    return this.rolloutRolling(d, rsList);
  }

  /** ReplicaSets owned by (or adopted into) the deployment. */
  private async replicaSetsFor(d: Deployment): Promise<ReplicaSet[]> {
    const ns = d.metadata?.namespace ?? '';
    return claimObjects<ReplicaSet>({
      owner: d,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'Deployment',
      selector: selectorFromLabelSelector(d.spec?.selector),
      objects: this.rsInformer.lister().namespace(ns).list(),
      client: this.ctx.client.replicaSets,
      canAdopt: recheckOwner(this.ctx.client.deployments, d, 'Deployment'),
    });
  }

  private async updateStatus(d: Deployment): Promise<Deployment> {
    const res = await this.ctx.client.deployments.updateStatus(d);
    d.metadata = { ...d.metadata, resourceVersion: res.metadata?.resourceVersion };
    return d;
  }

  private async checkPausedConditions(d: Deployment): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASONS.TimedOut) return;
    const pausedExists = cond?.reason === REASONS.Paused;
    const status: DeploymentStatus = clone(d.status ?? {});
    let changed = false;
    if (d.spec?.paused && !pausedExists) {
      setCondition(
        status,
        newCondition('Progressing', 'Unknown', REASONS.Paused, 'Deployment is paused', this.now()),
      );
      changed = true;
    } else if (!d.spec?.paused && pausedExists) {
      setCondition(
        status,
        newCondition('Progressing', 'Unknown', REASONS.Resumed, 'Deployment is resumed', this.now()),
      );
      changed = true;
    }
    if (!changed) return;
    d.status = status;
    await this.updateStatus(d);
  }

  /** `getAllReplicaSetsAndSyncRevision`: [newRS, all old RSs]. */
  private async allReplicaSets(
    d: Deployment,
    rsList: ReplicaSet[],
    create: boolean,
  ): Promise<[ReplicaSet | undefined, ReplicaSet[]]> {
    const existing = findNewReplicaSet(d, rsList);
    const olds = rsList.filter((rs) => rs !== existing);
    const newRS = await this.getNewReplicaSet(d, rsList, olds, existing, create);
    return [newRS, olds];
  }

  private async getNewReplicaSet(
    d: Deployment,
    rsList: ReplicaSet[],
    olds: ReplicaSet[],
    existing: ReplicaSet | undefined,
    create: boolean,
  ): Promise<ReplicaSet | undefined> {
    const maxOld = olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const newRevision = String(maxOld + 1);
    const ns = d.metadata?.namespace ?? '';
    if (existing) {
      let rs = clone(existing);
      const annChanged = setNewReplicaSetAnnotations(d, rs, newRevision, true);
      const mrsChanged = (rs.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (annChanged || mrsChanged) {
        rs.spec = { ...rs.spec!, minReadySeconds: d.spec?.minReadySeconds };
        rs = await this.ctx.client.replicaSets.update(rs);
        this.replaceInList(rsList, rs);
      }
      let needsUpdate = this.setRevision(d, rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        d.status = clone(d.status ?? {});
        setCondition(
          d.status,
          newCondition(
            'Progressing',
            'True',
            REASONS.FoundNewRS,
            `Found new replica set "${rs.metadata?.name}"`,
            this.now(),
          ),
        );
        needsUpdate = true;
      }
      if (needsUpdate) await this.persistRevisionAndStatus(d);
      return rs;
    }
    if (!create) return undefined;
    const collision = d.status?.collisionCount;
    const hash = computeHash(d.spec?.template, collision);
    const template = clone(d.spec!.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const selector = clone(d.spec!.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const rsName = `${d.metadata?.name}-${hash}`;
    const fresh: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: ns,
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
        labels: { ...(template.metadata.labels ?? {}) },
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
    };
    const count = newRSNewReplicas(d, [...olds, fresh], fresh);
    fresh.spec!.replicas = count;
    setNewReplicaSetAnnotations(d, fresh, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.ctx.client.replicaSets.create(ns, fresh);
    } catch (e) {
      if (errorCode(e) === 409) {
        const found =
          this.rsInformer.lister().get(ns, rsName) ?? (await this.ctx.client.replicaSets.get(ns, rsName));
        const ref = getControllerOf(found);
        if (ref && ref.uid === d.metadata?.uid && findNewReplicaSet(d, [found])) {
          created = found;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount so the next sync computes another name.
          d.status = { ...clone(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
          await this.updateStatus(d);
          throw e;
        }
      } else {
        const msg = `Failed to create new replica set "${rsName}": ${errorMessage(e)}`;
        if (hasProgressDeadline(d)) {
          d.status = clone(d.status ?? {});
          setCondition(
            d.status,
            newCondition('Progressing', 'False', REASONS.FailedRSCreate, msg, this.now()),
          );
          await this.updateStatus(d);
        }
        this.recorder.event(d, 'Warning', REASONS.FailedRSCreate, msg);
        throw e;
      }
    }
    if (!alreadyExists && count > 0)
      this.recorder.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata?.name} from 0 to ${count}`,
      );
    let needsUpdate = this.setRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      d.status = clone(d.status ?? {});
      setCondition(
        d.status,
        newCondition(
          'Progressing',
          'True',
          REASONS.NewRS,
          `Created new replica set "${created.metadata?.name}"`,
          this.now(),
        ),
      );
      needsUpdate = true;
    }
    if (needsUpdate) await this.persistRevisionAndStatus(d);
    rsList.push(created);
    return created;
  }

  /** Writes the revision annotation (object) and status, as upstream's UpdateStatus of a changed copy. */
  private async persistRevisionAndStatus(d: Deployment): Promise<void> {
    const cachedRev = this.dInformer.lister().get(d.metadata?.namespace, d.metadata!.name!)?.metadata
      ?.annotations?.[REVISION_ANNOTATION];
    if (d.metadata?.annotations?.[REVISION_ANNOTATION] !== cachedRev) {
      const res = await this.ctx.client.deployments.update(d);
      d.metadata = {
        ...d.metadata,
        resourceVersion: res.metadata?.resourceVersion,
        generation: res.metadata?.generation,
      };
    }
    await this.updateStatus(d);
  }

  private setRevision(d: Deployment, revision: string): boolean {
    const a = ((d.metadata ??= {}).annotations ??= {});
    if (a[REVISION_ANNOTATION] === revision) return false;
    a[REVISION_ANNOTATION] = revision;
    return true;
  }

  private replaceInList(list: ReplicaSet[], rs: ReplicaSet): void {
    const i = list.findIndex((x) => x.metadata?.uid === rs.metadata?.uid);
    if (i >= 0) list[i] = rs;
  }

  private async isScalingEvent(d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
    const [newRS, olds] = await this.allReplicaSets(d, rsList, false);
    for (const rs of activeReplicaSets([...olds, newRS])) {
      const v = rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      if (v === undefined || !Number.isInteger(Number(v))) continue;
      if (Number(v) !== replicasOf(d)) return true;
    }
    return false;
  }

  /** `sync`: scaling and status only (paused deployments and scaling events). */
  private async syncScale(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const [newRS, olds] = await this.allReplicaSets(d, rsList, false);
    await this.scale(d, newRS, olds);
    if (d.spec?.paused) await this.cleanupDeployment(olds, d);
    await this.syncDeploymentStatus([...olds, newRS], newRS, d);
  }

  private async syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const [newRS, olds] = await this.allReplicaSets(d, rsList, false);
    await this.syncDeploymentStatus([...olds, newRS], newRS, d);
  }

  /** Proportional scaling across the active ReplicaSets. */
  private async scale(d: Deployment, newRS: ReplicaSet | undefined, olds: ReplicaSet[]): Promise<void> {
    const want = replicasOf(d);
    const one = findActiveOrLatest(newRS, olds);
    if (one) {
      if (replicasOf(one) === want) return;
      await this.scaleAndRecord(one, want, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(olds)) await this.scaleAndRecord(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets([...olds, newRS]);
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(all);
    if (toAdd > 0) all.sort(bySizeNewer);
    else if (toAdd < 0) all.sort(bySizeOlder);
    let added = 0;
    const size = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = getProportion(rs, d, toAdd, added);
        size.set(rs.metadata!.name!, replicasOf(rs) + p);
        added += p;
      } else size.set(rs.metadata!.name!, replicasOf(rs));
    }
    for (let i = 0; i < all.length; i++) {
      const rs = all[i];
      const n = rs.metadata!.name!;
      if (i === 0 && toAdd !== 0) size.set(n, Math.max(0, size.get(n)! + toAdd - added));
      await this.scaleReplicaSet(rs, size.get(n)!, d);
    }
  }

  /** `scaleReplicaSetAndRecordEvent`. */
  private async scaleAndRecord(rs: ReplicaSet, n: number, d: Deployment): Promise<[boolean, ReplicaSet]> {
    if (replicasOf(rs) === n) return [false, rs];
    return this.scaleReplicaSet(rs, n, d);
  }

  /** `scaleReplicaSet`: sets size and replica annotations; event `Scaled up/down replica set x from a to b`. */
  private async scaleReplicaSet(rs: ReplicaSet, n: number, d: Deployment): Promise<[boolean, ReplicaSet]> {
    const sizeChange = replicasOf(rs) !== n;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeChange && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return [false, rs];
    const from = replicasOf(rs);
    const copy = clone(rs);
    copy.spec = { ...copy.spec!, replicas: n };
    setReplicasAnnotations(copy, replicasOf(d), max);
    const updated = await this.ctx.client.replicaSets.update(copy);
    if (sizeChange)
      this.recorder.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${from < n ? 'up' : 'down'} replica set ${updated.metadata?.name} from ${from} to ${n}`,
      );
    return [sizeChange, updated];
  }

  private async rolloutRolling(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const [newRS, olds] = await this.allReplicaSets(d, rsList, true);
    const all = [...olds, newRS!];
    if (await this.reconcileNewReplicaSet(all, newRS!, d)) return this.syncRolloutStatus(all, newRS, d);
    if (await this.reconcileOldReplicaSets(all, activeReplicaSets(olds), newRS!, d))
      return this.syncRolloutStatus(all, newRS, d);
    if (deploymentComplete(d, d.status ?? {})) await this.cleanupDeployment(olds, d);
    return this.syncRolloutStatus(all, newRS, d);
  }

  private async reconcileNewReplicaSet(
    all: ReplicaSet[],
    newRS: ReplicaSet,
    d: Deployment,
  ): Promise<boolean> {
    const want = replicasOf(d);
    if (replicasOf(newRS) === want) return false;
    if (replicasOf(newRS) > want) return (await this.scaleAndRecord(newRS, want, d))[0];
    const n = newRSNewReplicas(d, all, newRS);
    return (await this.scaleAndRecord(newRS, n, d))[0];
  }

  private async reconcileOldReplicaSets(
    all: ReplicaSet[],
    olds: ReplicaSet[],
    newRS: ReplicaSet,
    d: Deployment,
  ): Promise<boolean> {
    if (specReplicas(olds) === 0) return false;
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const [cleaned, cleanupCount] = await this.cleanupUnhealthyReplicas(olds, d, maxScaledDown);
    const scaledDown = await this.scaleDownOldForRollingUpdate([...cleaned, newRS], cleaned, d);
    return cleanupCount + scaledDown > 0;
  }

  private async cleanupUnhealthyReplicas(
    olds: ReplicaSet[],
    d: Deployment,
    maxCleanup: number,
  ): Promise<[ReplicaSet[], number]> {
    const list = [...olds].sort(byCreation);
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      const rs = list[i];
      if (total >= maxCleanup) break;
      const want = replicasOf(rs);
      const avail = rs.status?.availableReplicas ?? 0;
      if (want === 0 || want === avail) continue;
      const down = Math.min(maxCleanup - total, want - avail);
      const [, updated] = await this.scaleAndRecord(rs, want - down, d);
      total += down;
      list[i] = updated;
    }
    return [list, total];
  }

  private async scaleDownOldForRollingUpdate(
    all: ReplicaSet[],
    olds: ReplicaSet[],
    d: Deployment,
  ): Promise<number> {
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const avail = availableReplicas(all);
    if (avail <= minAvailable) return 0;
    const list = [...olds].sort(byCreation);
    const totalDown = avail - minAvailable;
    let done = 0;
    for (const rs of list) {
      if (done >= totalDown) break;
      if (replicasOf(rs) === 0) continue;
      const down = Math.min(replicasOf(rs), totalDown - done);
      await this.scaleAndRecord(rs, replicasOf(rs) - down, d);
      done += down;
    }
    return done;
  }

  private async rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    let [newRS, olds] = await this.allReplicaSets(d, rsList, false);
    let all: (ReplicaSet | undefined)[] = [...olds, newRS];
    let scaledDown = false;
    for (const rs of activeReplicaSets(olds)) if ((await this.scaleAndRecord(rs, 0, d))[0]) scaledDown = true;
    if (scaledDown) return this.syncRolloutStatus(all, newRS, d);
    if (this.oldPodsRunning(newRS, olds, d)) return this.syncRolloutStatus(all, newRS, d);
    if (!newRS) {
      [newRS, olds] = await this.allReplicaSets(d, rsList, true);
      all = [...olds, newRS];
    }
    await this.scaleAndRecord(newRS!, replicasOf(d), d);
    if (deploymentComplete(d, d.status ?? {})) await this.cleanupDeployment(olds, d);
    return this.syncRolloutStatus(all, newRS, d);
  }

  /** `oldPodsRunning`: old ReplicaSets still report pods, or non-terminal pods of theirs exist. */
  private oldPodsRunning(newRS: ReplicaSet | undefined, olds: ReplicaSet[], d: Deployment): boolean {
    if (actualReplicas(olds) > 0) return true;
    const oldUids = new Set(olds.map((rs) => rs.metadata?.uid));
    const sel = selectorFromLabelSelector(d.spec?.selector);
    for (const p of this.podInformer
      .lister()
      .namespace(d.metadata?.namespace ?? '')
      .list(sel)) {
      const uid = getControllerOf(p)?.uid;
      if (!oldUids.has(uid) || uid === newRS?.metadata?.uid) continue;
      const phase = p.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
    return false;
  }

  /** `cleanupDeployment`: deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private async cleanupDeployment(olds: ReplicaSet[], d: Deployment): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const cleanable = olds.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if (
        (rs.status?.replicas ?? 0) !== 0 ||
        replicasOf(rs) !== 0 ||
        (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
      )
        continue;
      try {
        await this.ctx.client.replicaSets.delete(rs.metadata?.namespace, rs.metadata!.name!);
      } catch (e) {
        if (errorCode(e) !== 404) throw e;
      }
    }
  }

  /** `calculateStatus`. */
  private calculateStatus(
    all: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): DeploymentStatus {
    const available = availableReplicas(all);
    const unavailable = Math.max(0, specReplicas(all) - available);
    const s: DeploymentStatus = {
      observedGeneration: d.metadata?.generation,
      replicas: actualReplicas(all),
      updatedReplicas: actualReplicas([newRS]),
      readyReplicas: readyReplicas(all),
      availableReplicas: available,
      unavailableReplicas: unavailable,
    };
    omitZero(s, [
      'observedGeneration',
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
    ]);
    if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount;
    if (d.status?.conditions?.length) s.conditions = clone(d.status.conditions);
    if (available >= replicasOf(d) - maxUnavailable(d))
      setCondition(
        s,
        newCondition(
          'Available',
          'True',
          REASONS.MinimumReplicasAvailable,
          'Deployment has minimum availability.',
          this.now(),
        ),
      );
    else
      setCondition(
        s,
        newCondition(
          'Available',
          'False',
          REASONS.MinimumReplicasUnavailable,
          'Deployment does not have minimum availability.',
          this.now(),
        ),
      );
    return s;
  }

  private async syncDeploymentStatus(
    all: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ) {
    const s = this.calculateStatus(all, newRS, d);
    if (deepEqual(d.status ?? {}, s)) return;
    d.status = s;
    await this.updateStatus(d);
  }

  /** `syncRolloutStatus`: status plus the Progressing condition and the deadline check. */
  private async syncRolloutStatus(
    all: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ) {
    const s = this.calculateStatus(all, newRS, d);
    const now = this.now();
    const name = d.metadata?.name;
    if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
    const cur = getCondition(d.status, 'Progressing');
    const complete = s.replicas === s.updatedReplicas && cur?.reason === REASONS.NewRSAvailable;
    if (hasProgressDeadline(d) && !complete) {
      const rsName = newRS?.metadata?.name;
      if (deploymentComplete(d, s)) {
        const msg = newRS
          ? `ReplicaSet "${rsName}" has successfully progressed.`
          : `Deployment "${name}" has successfully progressed.`;
        setCondition(s, newCondition('Progressing', 'True', REASONS.NewRSAvailable, msg, now));
      } else if (deploymentProgressing(d, s)) {
        const msg = newRS ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${name}" is progressing.`;
        const c = newCondition('Progressing', 'True', REASONS.ReplicaSetUpdated, msg, now);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeCondition(s, 'Progressing');
        }
        s.conditions = [...(s.conditions ?? []), c];
      } else if (deploymentTimedOut(d, s, now)) {
        const msg = newRS
          ? `ReplicaSet "${rsName}" has timed out progressing.`
          : `Deployment "${name}" has timed out progressing.`;
        setCondition(s, newCondition('Progressing', 'False', REASONS.TimedOut, msg, now));
      }
    }
    const failure = this.replicaFailure(all, newRS);
    if (failure) setCondition(s, failure);
    else removeCondition(s, 'ReplicaFailure');
    if (deepEqual(d.status ?? {}, s)) {
      this.requeueStuck(d, s);
      return;
    }
    d.status = s;
    await this.updateStatus(d);
  }

  private replicaFailure(all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
    const ordered = newRS ? [newRS, ...all.filter((r) => r !== newRS)] : all;
    for (const rs of ordered) {
      const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
      if (c)
        return {
          type: 'ReplicaFailure',
          status: c.status,
          reason: c.reason,
          message: c.message,
          lastUpdateTime: c.lastTransitionTime,
          lastTransitionTime: c.lastTransitionTime,
        };
    }
    return undefined;
  }

  /** `requeueStuckDeployment`: re-check when the progress deadline would pass. */
  private requeueStuck(d: Deployment, s: DeploymentStatus): void {
    const cur = getCondition(d.status, 'Progressing');
    if (!hasProgressDeadline(d) || !cur) return;
    if (deploymentComplete(d, s) || cur.reason === REASONS.TimedOut) return;
    const last = parseTime(cur.lastUpdateTime) ?? 0;
    const after = last + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 - this.now();
    const key = keyFunc(d);
    if (after < 1000) this.queue.addRateLimited(key);
    else this.queue.addAfter(key, after + 1000);
  }
}

/** Registry entry (`--concurrent-deployment-syncs` 5). */
export const DEPLOYMENT_CONTROLLER: ControllerDescriptor = {
  name: 'deployment-controller',
  workers: 5,
  create: (ctx) => new DeploymentController(ctx),
};
