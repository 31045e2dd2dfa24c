/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding and its binder.go).
 *
 * PreFilter sorts the pod's claims: a missing claim, one being deleted, or an unbound claim of an
 * Immediate StorageClass makes the pod UnschedulableAndUnresolvable. Filter checks, per node: bound
 * claims' PersistentVolumes exist and their node affinity matches; each unbound WaitForFirstConsumer
 * claim gets the smallest Available PV that fits (class, access modes, size, selector, node affinity),
 * or else dynamic provisioning (the class has a provisioner other than kubernetes.io/no-provisioner
 * and its allowedTopologies match the node). Reserve records the decisions in the cycle state.
 * A claim counts as bound when spec.volumeName is set and it carries pv.kubernetes.io/bind-completed
 * (or, as a fallback for simpler controllers, status.phase Bound).
 *
 * PreBind (upstream BindPodVolumes) writes the decisions through `handle.clientset`: each chosen PV
 * gets `spec.claimRef` to its claim (plus `pv.kubernetes.io/bound-by-controller: yes` unless it was
 * pre-bound), and each claim to provision gets `volume.kubernetes.io/selected-node: <node>`. It then
 * waits, checking the informer caches every second as upstream does, until the PV controller has
 * fully bound every claim (spec.volumeName + bind-completed), failing with `binding volumes: ...` if a
 * claimRef is dropped, the selected-node annotation is removed (provisioning failed), a provisioned
 * PV does not fit the node, or `args.bindTimeoutSeconds` (default 600) pass (`context deadline
 * exceeded`). Differs: for a static binding it also sets the claim's spec.volumeName (upstream leaves
 * that write to the PV controller), so a controller that waits for selected-node before binding
 * delayed claims still completes it. Without a clientset (plugin tests) PreBind writes nothing;
 * without a clock it does not wait. `args.preBind(pod, nodeName, decisions)` replaces the whole step.
 * Left out: CSIStorageCapacity checks (NotEnoughSpace) and the alpha capacity scoring (Score is
 * skipped, as upstream with StorageCapacityScoring off).
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { compare, parseQuantity } from '../../../api/quantity';
import { matches, selectorFromLabelSelector } from '../../../api/labels';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PluginFactory,
  type PreBindPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ReservePlugin,
  type ScorePlugin,
  type Status,
} from '../framework/interface';
import { matchNodeSelectorTerms } from './helper';

/** The plugin name. */
export const VOLUME_BINDING = 'VolumeBinding';
/** upstream ErrReasonBindConflict. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** upstream ErrReasonNodeConflict. */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
/** upstream ErrReasonPVNotExist. */
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** upstream ErrReasonNotEnoughSpace (not produced: storage capacity is not tracked). */
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
/** upstream's PreFilter reason for unbound Immediate claims. */
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** The annotation the PV controller sets when binding completes. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** The annotation that asks the provisioner for a volume on that node (volume.AnnSelectedNode). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** The annotation marking a PV bound by a controller rather than pre-bound by a user. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** upstream VolumeBindingArgs.BindTimeoutSeconds default. */
export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;
/** upstream polls the binding every second. */
const BIND_POLL_MS = 1000;
/** The provisioner name that means "static PVs only". */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

const PRE_FILTER_KEY = 'PreFilter' + VOLUME_BINDING;
const DECISIONS_KEY = 'Decisions' + VOLUME_BINDING;

/** What binding a pod's volumes to a node needs (upstream PodVolumes). */
export interface VolumeDecisions {
  /** Claims to bind to an existing PV: claim name → PV name. */
  staticBindings: { claim: string; pv: string }[];
  /** Claims to provision dynamically on that node. */
  dynamicProvisions: string[];
}

interface PodVolumeClaims {
  bound: PersistentVolumeClaim[];
  toBind: PersistentVolumeClaim[];
}

/** The claim names a pod uses, with whether each is a generic ephemeral volume. */
function claimNames(pod: Pod): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata?.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** storagehelpers.GetPersistentVolumeClaimClass (spec field, then the beta annotation). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return (
    pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
  );
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClass(pv: PersistentVolume): string {
  return (
    pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? ''
  );
}

/** upstream isPVCFullyBound: spec.volumeName and the bind-completed annotation. */
export function isClaimFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && ANN_BIND_COMPLETED in (pvc.metadata?.annotations ?? {});
}

/** True when the claim is fully bound. */
export function isClaimBound(pvc: PersistentVolumeClaim): boolean {
  if (!pvc.spec?.volumeName) return false;
  return !!pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] || pvc.status?.phase === 'Bound';
}

/** upstream CheckNodeAffinity: the PV's required node affinity matches the node (none = matches). */
export function pvNodeAffinityMatches(pv: PersistentVolume, node: NodeInfo['node']): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return matchNodeSelectorTerms(terms, node);
}

function storageOf(list: Record<string, unknown> | undefined): ReturnType<typeof parseQuantity> {
  const v = list?.storage;
  return parseQuantity(typeof v === 'string' || typeof v === 'number' ? v : '0');
}

/** upstream FindMatchingVolume on the scheduler path: the smallest fitting PV (or the pre-bound one). */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  pvs: PersistentVolume[],
  node: NodeInfo['node'],
  excluded: Set<string>,
): PersistentVolume | undefined {
  const requested = storageOf(claim.spec?.resources?.requests as Record<string, unknown> | undefined);
  const cls = claimClass(claim);
  let selector: ReturnType<typeof selectorFromLabelSelector> | undefined;
  try {
    selector = claim.spec?.selector ? selectorFromLabelSelector(claim.spec.selector) : undefined;
  } catch {
    return undefined;
  }
  const claimMode = claim.spec?.volumeMode ?? 'Filesystem';
  let best: PersistentVolume | undefined;
  for (const pv of pvs) {
    const name = pv.metadata?.name ?? '';
    if (excluded.has(name)) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== claimMode) continue;
    const affinityOk = pvNodeAffinityMatches(pv, node);
    const ref = pv.spec?.claimRef;
    if (
      ref &&
      ref.name === claim.metadata?.name &&
      ref.namespace === claim.metadata?.namespace &&
      (!ref.uid || ref.uid === claim.metadata?.uid)
    ) {
      return affinityOk ? pv : undefined;
    }
    if (pv.status?.phase !== 'Available' || ref) continue;
    if (selector && !matches(selector, pv.metadata?.labels)) continue;
    if (volumeClass(pv) !== cls || !affinityOk) continue;
    const modes = pv.spec?.accessModes ?? [];
    if (!(claim.spec?.accessModes ?? []).every((m) => modes.includes(m))) continue;
    const size = storageOf(pv.spec?.capacity as Record<string, unknown> | undefined);
    if (compare(size, requested) < 0) continue;
    if (!best || compare(storageOf(best.spec?.capacity as Record<string, unknown> | undefined), size) > 0)
      best = pv;
  }
  return best;
}

/** upstream IsVolumeBoundToClaim: the PV's claimRef names the claim (and its uid, if set). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function rvNumber(o: { metadata?: { resourceVersion?: string } } | undefined): number {
  return Number(o?.metadata?.resourceVersion ?? 0) || 0;
}

/** upstream MatchTopologySelectorTerms: no terms match every node. */
function allowedTopologiesMatch(sc: StorageClass, labels: Record<string, string>): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => e.key in labels && e.values.includes(labels[e.key])),
  );
}

/** Builds the VolumeBinding plugin; `args.preBind` performs the API writes (see header). */
export const volumeBinding: PluginFactory = (
  handle: Handle,
  args?: Record<string, unknown>,
): PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin & PreScorePlugin & ScorePlugin => {
  const pvcs = () => handle.lister<PersistentVolumeClaim>('persistentvolumeclaims');
  const pvs = () => handle.lister<PersistentVolume>('persistentvolumes');
  const classes = () => handle.lister<StorageClass>('storageclasses', 'storage.k8s.io');
  const preBindFn = args?.preBind as
    ((pod: Pod, nodeName: string, decisions: VolumeDecisions) => Promise<Status>) | undefined;
  const bindTimeoutMs =
    1000 *
    (typeof args?.bindTimeoutSeconds === 'number' ? args.bindTimeoutSeconds : DEFAULT_BIND_TIMEOUT_SECONDS);

  /**
   * upstream checkBindings: true when every claim is fully bound, a string when binding failed, false
   * to look again. `written` are the resourceVersions of our writes: an older cached object is not
   * judged yet.
   */
  const checkBindings = (
    ns: string,
    nodeName: string,
    d: VolumeDecisions,
    written: Map<string, number>,
  ): boolean | string => {
    const node = handle.snapshot().get(nodeName)?.node;
    for (const b of d.staticBindings) {
      const vol = pvs().get(undefined, b.pv);
      if (!vol) return `failed to check binding: persistentvolume "${b.pv}" not found`;
      const claim = pvcs().get(ns, b.claim);
      if (!claim) return `failed to check binding: persistentvolumeclaim "${b.claim}" not found`;
      if (rvNumber(vol) < (written.get(`pv/${b.pv}`) ?? 0)) return false;
      if (node && !pvNodeAffinityMatches(vol, node))
        return `pv "${b.pv}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`;
      if (!vol.spec?.claimRef || !vol.spec.claimRef.uid) return `ClaimRef got reset for pv "${b.pv}"`;
      if (!isClaimFullyBound(claim)) return false;
    }
    for (const name of d.dynamicProvisions) {
      const claim = pvcs().get(ns, name);
      if (!claim) return `failed to check provisioning pvc: persistentvolumeclaim "${name}" not found`;
      if (rvNumber(claim) < (written.get(`pvc/${name}`) ?? 0)) return false;
      const annotations = claim.metadata?.annotations;
      if (!annotations) return `selectedNode annotation reset for PVC "${name}"`;
      if (annotations[ANN_SELECTED_NODE] !== nodeName) return `provisioning failed for PVC "${name}"`;
      const volumeName = claim.spec?.volumeName;
      if (volumeName) {
        const vol = pvs().get(undefined, volumeName);
        if (!vol) return false; // not in the cache yet
        if (node && !pvNodeAffinityMatches(vol, node))
          return `pv "${volumeName}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`;
      }
      if (!isClaimFullyBound(claim)) return false;
    }
    return true;
  };

  /** upstream BindPodVolumes: bindAPIUpdate, then poll checkBindings every second until the timeout. */
  const bindPodVolumes = async (pod: Pod, nodeName: string, d: VolumeDecisions): Promise<Status> => {
    const cs = handle.clientset;
    if (!cs) return status.success();
    const ns = pod.metadata?.namespace ?? 'default';
    const written = new Map<string, number>();
    try {
      for (const b of d.staticBindings) {
        const claim = pvcs().get(ns, b.claim);
        const vol = pvs().get(undefined, b.pv);
        if (!claim) throw new Error(`persistentvolumeclaim "${b.claim}" not found`);
        if (!vol) throw new Error(`persistentvolume "${b.pv}" not found`);
        if (!isVolumeBoundToClaim(vol, claim)) {
          const m = claim.metadata!;
          const updated = await cs.persistentVolumes.update({
            ...vol,
            metadata: {
              ...vol.metadata,
              annotations: { ...vol.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' },
            },
            spec: {
              ...vol.spec,
              claimRef: {
                kind: 'PersistentVolumeClaim',
                namespace: m.namespace,
                name: m.name,
                uid: m.uid,
                apiVersion: 'v1',
                resourceVersion: m.resourceVersion,
              },
            },
          });
          written.set(`pv/${b.pv}`, rvNumber(updated));
        }
        if (!claim.spec?.volumeName) {
          const updated = await cs.persistentVolumeClaims.patch(ns, b.claim, 'merge', {
            spec: { volumeName: b.pv },
          });
          written.set(`pvc/${b.claim}`, rvNumber(updated));
        }
      }
      for (const name of d.dynamicProvisions) {
        const claim = pvcs().get(ns, name);
        if (!claim) throw new Error(`persistentvolumeclaim "${name}" not found`);
        if (claim.metadata?.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
        const updated = await cs.persistentVolumeClaims.patch(ns, name, 'merge', {
          metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } },
        });
        written.set(`pvc/${name}`, rvNumber(updated));
      }
    } catch (e) {
      return status.error(errorText(e));
    }
    const clock = handle.clock;
    if (!clock) return status.success();
    const deadline = clock.now() + bindTimeoutMs;
    return new Promise<Status>((resolve) => {
      const poll = () => {
        let r: boolean | string;
        try {
          r = checkBindings(ns, nodeName, d, written);
        } catch (e) {
          r = errorText(e);
        }
        if (r === true) return resolve(status.success());
        if (typeof r === 'string') return resolve(status.error(`binding volumes: ${r}`));
        const left = deadline - clock.now();
        if (left <= 0) return resolve(status.error('binding volumes: context deadline exceeded'));
        clock.setTimeout(poll, Math.min(BIND_POLL_MS, left));
      };
      clock.setTimeout(poll, Math.min(BIND_POLL_MS, bindTimeoutMs));
    });
  };

  const isDelayBinding = (pvc: PersistentVolumeClaim): boolean => {
    const cls = claimClass(pvc);
    if (!cls) return false;
    return classes().get(undefined, cls)?.volumeBindingMode === 'WaitForFirstConsumer';
  };

  /** Finds the decisions for one node; reasons empty when the node works. */
  const findPodVolumes = (
    claims: PodVolumeClaims,
    ni: NodeInfo,
  ): { reasons: string[]; decisions: VolumeDecisions; error?: string } => {
    const decisions: VolumeDecisions = { staticBindings: [], dynamicProvisions: [] };
    let boundSatisfied = true;
    let pvsFound = true;
    let unboundSatisfied = true;
    for (const c of claims.bound) {
      const pv = pvs().get(undefined, c.spec!.volumeName!);
      if (!pv) {
        pvsFound = false;
        continue;
      }
      if (!pvNodeAffinityMatches(pv, ni.node)) boundSatisfied = false;
    }
    if (claims.toBind.length > 0) {
      const sorted = [...claims.toBind].sort((a, b) =>
        compare(
          storageOf(a.spec?.resources?.requests as Record<string, unknown> | undefined),
          storageOf(b.spec?.resources?.requests as Record<string, unknown> | undefined),
        ),
      );
      const all = pvs().list();
      const chosen = new Set<string>();
      const toProvision: PersistentVolumeClaim[] = [];
      for (const c of sorted) {
        const candidates = all.filter((pv) => volumeClass(pv) === claimClass(c));
        const pv = findMatchingVolume(c, candidates, ni.node, chosen);
        if (pv) {
          chosen.add(pv.metadata!.name!);
          decisions.staticBindings.push({ claim: c.metadata!.name!, pv: pv.metadata!.name! });
        } else toProvision.push(c);
      }
      for (const c of toProvision) {
        const cls = claimClass(c);
        if (!cls) return { reasons: [], decisions, error: `no class for claim "${c.metadata?.name}"` };
        const sc = classes().get(undefined, cls);
        if (!sc) return { reasons: [], decisions, error: `storageclass.storage.k8s.io "${cls}" not found` };
        if (!sc.provisioner || sc.provisioner === NOT_SUPPORTED_PROVISIONER) {
          unboundSatisfied = false;
          break;
        }
        if (!allowedTopologiesMatch(sc, ni.node.metadata?.labels ?? {})) {
          unboundSatisfied = false;
          break;
        }
        decisions.dynamicProvisions.push(c.metadata!.name!);
      }
    }
    const reasons: string[] = [];
    if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
    if (!pvsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
    return { reasons, decisions };
  };

  const podClaims = (pod: Pod): { claims?: PodVolumeClaims; status: Status } => {
    const names = claimNames(pod);
    if (names.length === 0) return { status: status.skip() };
    const ns = pod.metadata?.namespace;
    const claims: PodVolumeClaims = { bound: [], toBind: [] };
    let immediate = 0;
    for (const { name, ephemeral } of names) {
      const pvc = pvcs().get(ns, name);
      if (!pvc) {
        return {
          status: status.unresolvable(
            ephemeral
              ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`
              : `persistentvolumeclaim "${name}" not found`,
          ),
        };
      }
      if (
        ephemeral &&
        !(pvc.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === pod.metadata?.uid)
      ) {
        return {
          status: status.unresolvable(
            `PVC ${ns}/${name} was not created for pod ${ns}/${pod.metadata?.name} (pod is not owner)`,
          ),
        };
      }
      if (pvc.metadata?.deletionTimestamp) {
        return { status: status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
      }
      if (isClaimBound(pvc)) claims.bound.push(pvc);
      else if (isDelayBinding(pvc) && !pvc.spec?.volumeName) claims.toBind.push(pvc);
      else immediate++;
    }
    if (immediate > 0) return { status: status.unresolvable(ERR_REASON_UNBOUND_IMMEDIATE) };
    return { claims, status: status.success() };
  };

  return {
    name: VOLUME_BINDING,
    preFilter(state: CycleState, pod: Pod) {
      const r = podClaims(pod);
      if (r.claims) state.write(PRE_FILTER_KEY, r.claims);
      return { status: r.status };
    },
    filter(state: CycleState, pod: Pod, ni: NodeInfo) {
      let claims = state.read<PodVolumeClaims>(PRE_FILTER_KEY);
      if (!claims) {
        const r = podClaims(pod);
        if (!r.claims)
          return status.isSuccess(r.status) || r.status.code === 'Skip' ? status.success() : r.status;
        claims = r.claims;
      }
      const { reasons, decisions, error } = findPodVolumes(claims, ni);
      if (error) return status.error(error);
      if (reasons.length > 0) return status.unresolvable(...reasons);
      state.write(`${DECISIONS_KEY}/${ni.name}`, decisions);
      return status.success();
    },
    preScore() {
      // upstream: no scorer without the StorageCapacityScoring feature (off by default), so Score is skipped.
      return status.skip();
    },
    score() {
      return 0;
    },
    reserve(state: CycleState, _pod: Pod, nodeName: string) {
      const d = state.read<VolumeDecisions>(`${DECISIONS_KEY}/${nodeName}`);
      if (d) state.write(DECISIONS_KEY, d);
      return status.success();
    },
    unreserve(state: CycleState) {
      state.write(DECISIONS_KEY, undefined);
    },
    async preBind(state: CycleState, pod: Pod, nodeName: string) {
      const d = state.read<VolumeDecisions>(DECISIONS_KEY);
      if (!d || (d.staticBindings.length === 0 && d.dynamicProvisions.length === 0)) return status.success();
      return preBindFn ? preBindFn(pod, nodeName, d) : bindPodVolumes(pod, nodeName, d);
    },
  };
};
