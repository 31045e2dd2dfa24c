/**
 * The DaemonSet controller (upstream pkg/controller/daemon: daemon_controller.go, update.go,
 * util/daemonset_util.go): one pod per node that should run it (`NodeShouldRunDaemonPod`: node name,
 * nodeSelector + required node affinity, NoSchedule/NoExecute taints vs tolerations), pods pinned with
 * node affinity `matchFields metadata.name In [node]` for the default scheduler to bind, automatic
 * daemon tolerations, RollingUpdate (maxUnavailable, maxSurge) and OnDelete, ControllerRevision history
 * (`<ds>-<hash>`, pod label `controller-revision-hash`), events and status. Leaves out: the failed-pod
 * back-off (failed pods are replaced at once), preferred affinity, and metrics.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type {
  Affinity,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodSpec,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
import { matches, selectorFromLabelSelector } from '../../../../api/labels';
import { keyFunc, splitKey } from '../../../../client/controller-base';
import {
  unwrapTombstone,
  type DeletedFinalStateUnknown,
  type SharedInformer,
} from '../../../../client/informer';
import type { ResourceClient } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { claimObjects, QueueController, recheckOwner } from './base';
import { currentRevision, HashCollisionError, ownedRevisions, truncateHistory } from './history';
import {
  clone,
  deepEqual,
  errorCode,
  errorMessage,
  Expectations,
  getControllerOf,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  omitZero,
  parseTime,
  scaledValue,
  slowStartBatch,
} from './util';

/** Pod label with the DaemonSet revision hash. */
export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
/** Deprecated pod label with the template generation. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** At most this many creates/deletes per sync (upstream BurstReplicas for DaemonSets). */
export const DS_BURST_REPLICAS = 250;

// ---------------------------------------------------------------------------------------------
// Node predicates (the controller's own, as upstream's NodeShouldRunDaemonPod).

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && vals.includes(value);
    case 'NotIn':
      return value === undefined || !vals.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || vals.length !== 1) return false;
      const a = Number(value);
      const b = Number(vals[0]);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function termMatches(t: NodeSelectorTerm, node: Node): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, labels[r.key])) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (!requirementMatches(r, node.metadata?.name)) return false;
  }
  return true;
}

/** `GetRequiredNodeAffinity(pod).Match(node)`: nodeSelector and required node affinity. */
export function nodeMatchesPod(spec: PodSpec | undefined, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

/** `Toleration.ToleratesTaint`. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

function untolerated(
  taints: readonly Taint[],
  tols: readonly Toleration[],
  effects: string[],
): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tols.some((t) => tolerates(t, taint)));
}

/** The tolerations every daemon pod gets (upstream AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork)
    t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** Adds `t` unless an identical (key, operator, value, effect) toleration exists (`AddOrUpdateTolerationInPodSpec`). */
function addToleration(list: Toleration[], t: Toleration): void {
  const i = list.findIndex(
    (x) =>
      x.key === t.key &&
      (x.operator ?? 'Equal') === t.operator &&
      (x.value ?? '') === (t.value ?? '') &&
      x.effect === t.effect,
  );
  if (i < 0) list.push(t);
  else list[i] = t;
}

/** `ReplaceDaemonSetPodNodeNameNodeAffinity`: pins the pod to `nodeName` via matchFields. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const req: NodeSelectorRequirement = { key: 'metadata.name', operator: 'In', values: [nodeName] };
  const a = clone(affinity ?? {});
  const na = (a.nodeAffinity ??= {});
  const sel = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (!sel || !sel.nodeSelectorTerms?.length) {
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [req] }] };
    return a;
  }
  sel.nodeSelectorTerms = sel.nodeSelectorTerms.map((t) => ({ ...t, matchFields: [req] }));
  return a;
}

/** The template generation (deprecated annotation, else metadata.generation). */
function templateGeneration(ds: DaemonSet): string {
  return (
    ds.metadata?.annotations?.['deprecated.daemonset.template.generation'] ??
    String(ds.metadata?.generation ?? 1)
  );
}

/** `NewPod` / `CreatePodTemplate`: the daemon pod for `nodeName` (generateName `<ds>-`). */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const t = clone(ds.spec!.template);
  const spec: PodSpec = t.spec ?? { containers: [] };
  const tols = [...(spec.tolerations ?? [])];
  for (const x of daemonTolerations(!!spec.hostNetwork)) addToleration(tols, x);
  spec.tolerations = tols;
  spec.affinity = pinToNode(spec.affinity, nodeName);
  const labels: Record<string, string> = {
    ...(t.metadata?.labels ?? {}),
    [DAEMONSET_HASH_LABEL]: hash,
    [TEMPLATE_GENERATION_LABEL]: templateGeneration(ds),
  };
  const meta: Pod['metadata'] = {
    generateName: `${ds.metadata?.name}-`,
    namespace: ds.metadata?.namespace,
    labels,
    ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
  };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    meta.annotations = { ...t.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

/** `NodeShouldRunDaemonPod`: [shouldRun, shouldContinueRunning]. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const spec = ds.spec?.template?.spec;
  if (spec?.nodeName && spec.nodeName !== node.metadata?.name) return [false, false];
  const pod = newDaemonPod(ds, node.metadata?.name ?? '', '');
  if (!nodeMatchesPod(pod.spec, node)) return [false, false];
  const taints = node.spec?.taints ?? [];
  const tols = pod.spec?.tolerations ?? [];
  if (untolerated(taints, tols, ['NoSchedule', 'NoExecute']))
    return [false, !untolerated(taints, tols, ['NoExecute'])];
  return [true, true];
}

/** The node a daemon pod is for: spec.nodeName, else its matchFields metadata.name (`GetTargetNodeName`). */
export function targetNodeName(p: Pod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms =
    p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms)
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

function podUpdated(p: Pod, hash: string, ds: DaemonSet): boolean {
  const gen = ds.metadata?.annotations?.['deprecated.daemonset.template.generation'];
  return (
    (!!hash && p.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash) ||
    (!!gen && p.metadata?.labels?.[TEMPLATE_GENERATION_LABEL] === gen)
  );
}

/** `findUpdatedPodsOnNode`: [newPod, oldPod, ok] (ok false when there are two of either). */
function updatedPodsOnNode(
  ds: DaemonSet,
  pods: readonly Pod[],
  hash: string,
): [Pod | undefined, Pod | undefined, boolean] {
  let np: Pod | undefined;
  let op: Pod | undefined;
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp) continue;
    if (podUpdated(p, hash, ds)) {
      if (np) return [undefined, undefined, false];
      np = p;
    } else {
      if (op) return [undefined, undefined, false];
      op = p;
    }
  }
  return [np, op, true];
}

function byCreationThenPhase(a: Pod, b: Pod): number {
  const d = (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0);
  if (d !== 0) return d;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------

/** Reconciles DaemonSets into one pod per eligible node. */
export class DaemonSetController extends QueueController {
  readonly expectations: Expectations;
  private readonly dsInformer: SharedInformer<DaemonSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly nodeInformer: SharedInformer<Node>;
  private readonly crInformer: SharedInformer<ControllerRevision>;
  private readonly crClient: ResourceClient<ControllerRevision>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'daemonset-controller', { kind: 'DaemonSet', apiVersion: 'apps/v1' });
    this.expectations = new Expectations(ctx.clock);
    this.crClient = ctx.client.resource<ControllerRevision>('apps', 'v1', 'controllerrevisions');
    this.dsInformer = ctx.informers.informerFor(ctx.client.daemonSets);
    this.podInformer = ctx.informers.informerFor(ctx.client.pods);
    this.nodeInformer = ctx.informers.informerFor(ctx.client.nodes);
    this.crInformer = ctx.informers.informerFor(this.crClient);
    this.waitFor.push(this.dsInformer, this.podInformer, this.nodeInformer, this.crInformer);
    this.dsInformer.addEventHandler({
      onAdd: (o) => this.queue.add(keyFunc(o)),
      onUpdate: (_o, n) => this.queue.add(keyFunc(n)),
      onDelete: (o) => {
        this.expectations.delete(keyFunc(o));
        this.queue.add(keyFunc(o));
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => {
        if (p.metadata?.deletionTimestamp) return this.onPodDeleted(p);
        const ds = this.owner(p);
        if (ds) {
          this.expectations.creationObserved(keyFunc(ds));
          this.queue.add(keyFunc(ds));
        } else if (!getControllerOf(p)) this.enqueueMatching(p);
      },
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        if (cur.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp)
          return this.onPodDeleted(cur);
        const ds = this.owner(cur);
        const oldDs = this.owner(old);
        if (oldDs && oldDs !== ds) this.queue.add(keyFunc(oldDs));
        if (ds) {
          this.queue.add(keyFunc(ds));
          const mrs = ds.spec?.minReadySeconds ?? 0;
          if (mrs > 0 && !isPodReady(old) && isPodReady(cur))
            this.queue.addAfter(keyFunc(ds), mrs * 1000 + 1000);
        } else if (!getControllerOf(cur)) this.enqueueMatching(cur);
      },
      onDelete: (x) => this.onPodDeleted(unwrapTombstone(x)),
    });
    const allDs = () => {
      for (const ds of this.dsInformer.lister().list()) this.queue.add(keyFunc(ds));
    };
    this.nodeInformer.addEventHandler({
      onAdd: allDs,
      onUpdate: (old, cur) => {
        if (
          !deepEqual(old.metadata?.labels, cur.metadata?.labels) ||
          !deepEqual(old.spec?.taints, cur.spec?.taints) ||
          old.spec?.unschedulable !== cur.spec?.unschedulable
        )
          allDs();
      },
      onDelete: allDs,
    });
    this.crInformer.addEventHandler({
      onDelete: (x: ControllerRevision | DeletedFinalStateUnknown<ControllerRevision>) => {
        const ref = getControllerOf(unwrapTombstone(x));
        if (ref?.kind === 'DaemonSet')
          this.queue.add(`${unwrapTombstone(x).metadata?.namespace}/${ref.name}`);
      },
    });
  }

  private owner(p: Pod): DaemonSet | undefined {
    const ref = getControllerOf(p);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.dsInformer.lister().get(p.metadata?.namespace, ref.name ?? '');
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  private enqueueMatching(p: Pod): void {
    for (const ds of this.dsInformer
      .lister()
      .namespace(p.metadata?.namespace ?? '')
      .list())
      if (matches(selectorFromLabelSelector(ds.spec?.selector), p.metadata?.labels))
        this.queue.add(keyFunc(ds));
  }

  private onPodDeleted(p: Pod): void {
    const ds = this.owner(p);
    if (!ds) return;
    this.expectations.deletionObserved(keyFunc(ds), keyFunc(p));
    this.queue.add(keyFunc(ds));
  }

  /** Reconciles one DaemonSet. */
  async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.dsInformer.lister().get(ns, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const ds = clone(cached);
    if (ds.metadata?.deletionTimestamp) return;
    const nodes = this.nodeInformer.lister().list();
    let collisionCount = ds.status?.collisionCount ?? 0;
    const revisions = ownedRevisions(ds, this.crInformer.lister().namespace(ns).list());
    let hash: string;
    try {
      const r = await currentRevision({
        client: this.crClient,
        owner: ds,
        ownerApiVersion: 'apps/v1',
        ownerKind: 'DaemonSet',
        template: ds.spec?.template,
        revisions,
        collisionCount,
        extraLabels: (h) => ({ [DAEMONSET_HASH_LABEL]: h }),
      });
      hash = r.hash;
      collisionCount = r.collisionCount;
    } catch (e) {
      if (e instanceof HashCollisionError) {
        const status: DaemonSetStatus = {
          ...(ds.status as DaemonSetStatus),
          collisionCount: e.collisionCount,
        };
        await this.ctx.client.daemonSets.updateStatus({ ...ds, status });
      }
      throw e;
    }
    const nodeToPods = await this.nodesToDaemonPods(ds);
    let syncErr: unknown;
    if (this.expectations.satisfied(key)) {
      try {
        await this.manage(ds, nodes, nodeToPods, hash, key);
        if (
          (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
          this.expectations.satisfied(key)
        )
          await this.rollingUpdate(ds, nodes, await this.nodesToDaemonPods(ds), hash, key);
        await this.cleanupHistory(ds, hash);
      } catch (e) {
        syncErr = e;
      }
    }
    await this.updateStatus(ds, nodes, await this.nodesToDaemonPods(ds, false), hash, collisionCount);
    if (syncErr !== undefined) throw syncErr;
  }

  /** Claimed pods grouped by target node (pods on their way out are left out unless asked). */
  private async nodesToDaemonPods(ds: DaemonSet, claim = true): Promise<Map<string, Pod[]>> {
    const ns = ds.metadata?.namespace ?? '';
    const all = this.podInformer.lister().namespace(ns).list();
    const pods = claim
      ? await claimObjects<Pod>({
          owner: ds,
          ownerApiVersion: 'apps/v1',
          ownerKind: 'DaemonSet',
          selector: selectorFromLabelSelector(ds.spec?.selector),
          objects: all,
          client: this.ctx.client.pods,
          canAdopt: recheckOwner(this.ctx.client.daemonSets, ds, 'DaemonSet'),
        })
      : all.filter((p) => getControllerOf(p)?.uid === ds.metadata?.uid);
    const m = new Map<string, Pod[]>();
    for (const p of pods) {
      const phase = p.status?.phase;
      if (p.metadata?.deletionTimestamp && (phase === 'Succeeded' || phase === 'Failed')) continue;
      const n = targetNodeName(p);
      if (n === undefined) continue;
      m.set(n, [...(m.get(n) ?? []), p]);
    }
    return m;
  }

  private async manage(
    ds: DaemonSet,
    nodes: Node[],
    nodeToPods: Map<string, Pod[]>,
    hash: string,
    key: string,
  ) {
    const needPods: string[] = [];
    const toDelete: Pod[] = [];
    const surge = this.surgeCount(ds, nodes);
    for (const node of nodes) {
      const nn = node.metadata!.name!;
      const pods = nodeToPods.get(nn) ?? [];
      const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, ds);
      if (shouldRun && pods.length === 0) {
        needPods.push(nn);
        continue;
      }
      if (shouldContinue) {
        if (pods.some((p) => p.metadata?.deletionTimestamp)) continue;
        const running: Pod[] = [];
        for (const p of pods) {
          if (p.status?.phase === 'Failed') {
            this.recorder.event(
              ds,
              'Warning',
              'FailedDaemonPod',
              `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${nn}, will try to kill it`,
            );
            toDelete.push(p);
          } else if (p.status?.phase !== 'Succeeded') running.push(p);
        }
        if (running.length === 0 && shouldRun && toDelete.length) needPods.push(nn);
        if (running.length > 1) {
          running.sort(byCreationThenPhase);
          if (surge > 0) {
            // Keep the oldest updated pod and the oldest old one; the rolling update retires the old.
            const keepNew = running.find((p) => podUpdated(p, hash, ds));
            const keepOld = running.find((p) => !podUpdated(p, hash, ds));
            for (const p of running) if (p !== keepNew && p !== keepOld) toDelete.push(p);
          } else toDelete.push(...running.slice(1));
        }
        continue;
      }
      if (pods.length) toDelete.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
    }
    // Unscheduled pods aimed at nodes that no longer exist.
    const names = new Set(nodes.map((n) => n.metadata?.name));
    for (const [nn, pods] of nodeToPods)
      if (!names.has(nn))
        for (const p of pods) if (!p.spec?.nodeName && !p.metadata?.deletionTimestamp) toDelete.push(p);
    await this.syncNodes(ds, toDelete, needPods, hash, key);
  }

  private async syncNodes(ds: DaemonSet, toDelete: Pod[], needPods: string[], hash: string, key: string) {
    const create = needPods.slice(0, DS_BURST_REPLICAS);
    const del = toDelete.slice(0, DS_BURST_REPLICAS);
    if (!create.length && !del.length) return;
    const ns = ds.metadata?.namespace ?? '';
    this.expectations.expect(
      key,
      create.length,
      del.map((p) => keyFunc(p)),
    );
    let errs: unknown[] = [];
    if (create.length) {
      let i = 0;
      const { successes, error } = await slowStartBatch(create.length, 1, async () => {
        const node = create[i++];
        try {
          const pod = await this.ctx.client.pods.create(ns, newDaemonPod(ds, node, hash));
          this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
        } catch (e) {
          this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
          throw e;
        }
      });
      if (create.length - successes > 0) this.expectations.lowerCreations(key, create.length - successes);
      if (error !== undefined) errs.push(error);
    }
    if (del.length) {
      const results = await Promise.allSettled(
        del.map(async (p) => {
          try {
            await this.ctx.client.pods.delete(ns, p.metadata!.name!);
            this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`);
          } catch (e) {
            this.expectations.deletionObserved(key, keyFunc(p));
            if (errorCode(e) === 404) return;
            this.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
            throw e;
          }
        }),
      );
      errs = errs.concat(
        results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
      );
    }
    if (errs.length) throw errs[0];
  }

  private desiredNodes(ds: DaemonSet, nodes: Node[]): Node[] {
    return nodes.filter((n) => nodeShouldRunDaemonPod(n, ds)[0]);
  }

  private surgeCount(ds: DaemonSet, nodes: Node[]): number {
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || !ru) return 0;
    return scaledValue(ru.maxSurge ?? 0, this.desiredNodes(ds, nodes).length, true);
  }

  /** `rollingUpdate`: retire old pods within maxUnavailable, or surge new ones within maxSurge. */
  private async rollingUpdate(
    ds: DaemonSet,
    nodes: Node[],
    nodeToPods: Map<string, Pod[]>,
    hash: string,
    key: string,
  ) {
    const desired = this.desiredNodes(ds, nodes);
    for (const n of desired) if (!nodeToPods.has(n.metadata!.name!)) nodeToPods.set(n.metadata!.name!, []);
    const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
    let maxUnavailable = scaledValue(ru.maxUnavailable ?? 1, desired.length, true);
    const maxSurge = scaledValue(ru.maxSurge ?? 0, desired.length, true);
    if (desired.length > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const now = this.ctx.clock.now();
    const mrs = ds.spec?.minReadySeconds ?? 0;
    const avail = (p: Pod) => isPodAvailable(p, mrs, now);
    const entries = [...nodeToPods.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const replace: Pod[] = [];
      const candidates: Pod[] = [];
      for (const [, pods] of entries) {
        const [np, op, ok] = updatedPodsOnNode(ds, pods, hash);
        if (!ok) {
          numUnavailable++;
          continue;
        }
        if ((!op && !np) || (op && np)) numUnavailable++;
        else if (np) {
          if (!avail(np)) numUnavailable++;
        } else if (op) {
          if (!avail(op)) {
            replace.push(op);
            numUnavailable++;
          } else if (numUnavailable < maxUnavailable) candidates.push(op);
        }
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
      return this.syncNodes(ds, [...replace, ...candidates.slice(0, remaining)], [], hash, key);
    }
    const oldToDelete: Pod[] = [];
    const allowedNew: string[] = [];
    const candidateNew: string[] = [];
    let numSurge = 0;
    for (const [nn, pods] of entries) {
      const [np, op, ok] = updatedPodsOnNode(ds, pods, hash);
      if (!ok) {
        numSurge++;
        continue;
      }
      if (!op) continue;
      if (!np) {
        if (!avail(op)) allowedNew.push(nn);
        else if (numSurge < maxSurge) candidateNew.push(nn);
        continue;
      }
      if (!avail(np)) {
        numSurge++;
        continue;
      }
      oldToDelete.push(op);
    }
    const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
    return this.syncNodes(ds, oldToDelete, [...allowedNew, ...candidateNew.slice(0, remaining)], hash, key);
  }

  /** Deletes old revisions no live pod uses, beyond revisionHistoryLimit. */
  private async cleanupHistory(ds: DaemonSet, hash: string): Promise<void> {
    const revs = ownedRevisions(
      ds,
      this.crInformer
        .lister()
        .namespace(ds.metadata?.namespace ?? '')
        .list(),
    );
    const live = new Set<string>([`${ds.metadata?.name}-${hash}`]);
    for (const p of this.podInformer
      .lister()
      .namespace(ds.metadata?.namespace ?? '')
      .list())
      if (getControllerOf(p)?.uid === ds.metadata?.uid) {
        const h = p.metadata?.labels?.[DAEMONSET_HASH_LABEL];
        if (h) live.add(`${ds.metadata?.name}-${h}`);
      }
    for (const r of revs)
      if (live.has(r.metadata?.name ?? '') || r.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash)
        live.add(r.metadata!.name!);
    await truncateHistory(this.crClient, revs, live, ds.spec?.revisionHistoryLimit ?? 10);
  }

  private async updateStatus(
    ds: DaemonSet,
    nodes: Node[],
    nodeToPods: Map<string, Pod[]>,
    hash: string,
    collisionCount: number,
  ) {
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    const now = this.ctx.clock.now();
    for (const node of nodes) {
      const [shouldRun] = nodeShouldRunDaemonPod(node, ds);
      const pods = nodeToPods.get(node.metadata!.name!) ?? [];
      if (shouldRun) {
        desired++;
        if (!pods.length) continue;
        current++;
        const p = [...pods].sort(byCreationThenPhase)[0];
        if (isPodReady(p)) {
          ready++;
          if (isPodAvailable(p, ds.spec?.minReadySeconds ?? 0, now)) available++;
        }
        if (podUpdated(p, hash, ds)) updated++;
      } else if (pods.length) misscheduled++;
    }
    const status: DaemonSetStatus = omitZero(
      {
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata?.generation,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
      },
      ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'],
    );
    if (collisionCount) status.collisionCount = collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    if (!deepEqual(ds.status ?? {}, status)) {
      try {
        await this.ctx.client.daemonSets.updateStatus({ ...ds, status });
      } catch (e) {
        if (errorCode(e) !== 409) throw e;
        const fresh = await this.ctx.client.daemonSets.get(ds.metadata?.namespace, ds.metadata!.name!);
        await this.ctx.client.daemonSets.updateStatus({ ...fresh, status });
      }
    }
    const mrs = ds.spec?.minReadySeconds ?? 0;
    if (mrs > 0 && ready !== available) this.queue.addAfter(keyFunc(ds), mrs * 1000);
  }
}

/** Registry entry (`--concurrent-daemonset-syncs` 2). */
export const DAEMON_SET_CONTROLLER: ControllerDescriptor = {
  name: 'daemonset-controller',
  workers: 2,
  create: (ctx) => new DaemonSetController(ctx),
};
