/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread).
 *
 * Filter (DoNotSchedule constraints): PreFilter counts, per topology domain, the pods matching each
 * constraint's selector (same namespace, not terminating) on the nodes that pass the constraint's
 * node inclusion policies (nodeAffinityPolicy Honor / nodeTaintsPolicy Ignore by default) and carry
 * every constraint's topology key. A node fails when `matching in its domain + self-match − global
 * minimum > maxSkew`; the global minimum counts as 0 while there are fewer domains than minDomains.
 *
 * Score (ScheduleAnyway constraints, or the system defaults hostname maxSkew 3 / zone maxSkew 5 when
 * the pod has none and a Service, ReplicaSet, StatefulSet or ReplicationController selects it):
 * `Σ count × log(domains + 2) + (maxSkew − 1)`, rounded, then normalised so the emptiest node gets 100:
 * `100 × (max + min − s) / max`.
 * Left out: queueing hints, PreFilter AddPod/RemovePod extensions (used by preemption).
 */
import type {
  Node,
  Pod,
  Service,
  ReplicationController,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import {
  addRequirements,
  matches,
  selectorFromLabelSelector,
  selectorFromSet,
  type Requirement,
  type Selector,
} from '../../../api/labels';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import {
  findMatchingUntoleratedTaint,
  getRequiredNodeAffinity,
  requiredNodeAffinityMatches,
  type RequiredNodeAffinity,
} from './helper';

/** The plugin name. */
export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
/** upstream ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** upstream ErrReasonNodeLabelNotMatch. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const LABEL_ZONE = 'topology.kubernetes.io/zone';
const PRE_FILTER_KEY = 'PreFilter' + POD_TOPOLOGY_SPREAD;
const PRE_SCORE_KEY = 'PreScore' + POD_TOPOLOGY_SPREAD;
const MAX_INT32 = 2 ** 31 - 1;

/** upstream systemDefaultConstraints (all ScheduleAnyway). */
export const SYSTEM_DEFAULT_CONSTRAINTS: { topologyKey: string; maxSkew: number }[] = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
];

/** A constraint ready for counting (upstream topologySpreadConstraint). */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

function isEmpty(sel: Selector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** upstream filterTopologySpreadConstraints: the pod's constraints with `action`, selectors built. */
export function podConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const labels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c: TopologySpreadConstraint) => c.whenUnsatisfiable === action)
    .map((c) => {
      let selector: Selector;
      try {
        selector = selectorFromLabelSelector(c.labelSelector);
      } catch {
        selector = { requirements: [], nothing: true };
      }
      const extra: Requirement[] = [];
      for (const k of c.matchLabelKeys ?? [])
        if (k in labels) extra.push({ key: k, operator: 'in', values: [labels[k]] });
      if (extra.length && !selector.nothing) selector = addRequirements(selector, ...extra);
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
      };
    });
}

/** upstream helper.DefaultSelector: the selectors of the Services and the controller owning the pod. */
export function defaultSelector(handle: Handle, pod: Pod): Selector {
  const ns = pod.metadata?.namespace;
  const set: Record<string, string> = {};
  for (const svc of handle.lister<Service>('services').list(ns)) {
    const sel = svc.spec?.selector;
    if (!sel) continue;
    if (matches(selectorFromSet(sel), pod.metadata?.labels)) Object.assign(set, sel);
  }
  let selector = selectorFromSet(set);
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller);
  if (!owner) return selector;
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
  if (owner.kind === 'ReplicationController' && group === '') {
    const rc = handle.lister<ReplicationController>('replicationcontrollers').get(ns, owner.name);
    if (rc) selector = selectorFromSet({ ...set, ...(rc.spec?.selector ?? {}) });
  } else if ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && group === 'apps') {
    const resource = owner.kind === 'ReplicaSet' ? 'replicasets' : 'statefulsets';
    const obj = handle.lister<ReplicaSet | StatefulSet>(resource, 'apps').get(ns, owner.name);
    if (obj) {
      try {
        const other = selectorFromLabelSelector(obj.spec?.selector);
        if (!other.nothing) selector = addRequirements(selector, ...other.requirements);
      } catch {
        // upstream ignores an invalid selector
      }
    }
  }
  return selector;
}

/** upstream buildDefaultConstraints: none unless the default selector selects something. */
export function defaultConstraints(handle: Handle, pod: Pod): SpreadConstraint[] {
  const selector = defaultSelector(handle, pod);
  if (isEmpty(selector)) return [];
  return SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({
    ...c,
    selector,
    minDomains: 1,
    nodeAffinityPolicy: 'Honor',
    nodeTaintsPolicy: 'Ignore',
  }));
}

/** upstream countPodsMatchSelector. */
export function countPodsMatchSelector(pods: PodInfo[], selector: Selector, ns: string): number {
  if (isEmpty(selector)) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.pod.metadata?.deletionTimestamp || (p.pod.metadata?.namespace ?? '') !== ns) continue;
    if (matches(selector, p.pod.metadata?.labels)) n++;
  }
  return n;
}

function hasAllKeys(node: Node, cs: SpreadConstraint[]): boolean {
  const labels = node.metadata?.labels ?? {};
  return cs.every((c) => c.topologyKey in labels);
}

/** upstream topologySpreadConstraint.matchNodeInclusionPolicies. */
export function matchNodeInclusionPolicies(
  c: SpreadConstraint,
  pod: Pod,
  node: Node,
  aff: RequiredNodeAffinity,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityMatches(aff, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const bad = findMatchingUntoleratedTaint(
      node.spec?.taints,
      pod.spec?.tolerations,
      (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    );
    if (bad) return false;
  }
  return true;
}

interface PreFilterState {
  constraints: SpreadConstraint[];
  /** `key\0value` → matching pods. */
  pairToMatchNum: Map<string, number>;
  keyToMin: Map<string, number>;
  keyToDomains: Map<string, number>;
}

interface PreScoreState {
  constraints: SpreadConstraint[];
  ignored: Set<string>;
  /** Per constraint: topology value → matching pods. */
  valueToCount: Map<string, number>[];
  weights: number[];
}

const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

/** upstream topologyNormalizingWeight: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** upstream scoreForCount. */
export function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1);
}

/** Builds the PodTopologySpread plugin. */
export const podTopologySpread: PluginFactory = (
  handle: Handle,
): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin => {
  const calPreFilterState = (pod: Pod): PreFilterState => {
    const constraints = podConstraints(pod, 'DoNotSchedule');
    const s: PreFilterState = {
      constraints,
      pairToMatchNum: new Map(),
      keyToMin: new Map(),
      keyToDomains: new Map(),
    };
    if (constraints.length === 0) return s;
    const aff = getRequiredNodeAffinity(pod);
    const ns = pod.metadata?.namespace ?? '';
    const pairs = new Map<string, { key: string; count: number }>();
    for (const ni of handle.snapshot().nodes()) {
      if (!hasAllKeys(ni.node, constraints)) continue;
      // Per node, one count per topology pair (a later constraint on the same key overwrites).
      const perNode = new Map<string, { key: string; count: number }>();
      for (const c of constraints) {
        if (!matchNodeInclusionPolicies(c, pod, ni.node, aff)) continue;
        const k = pairKey(c.topologyKey, ni.node.metadata!.labels![c.topologyKey]);
        perNode.set(k, { key: c.topologyKey, count: countPodsMatchSelector(ni.pods, c.selector, ns) });
      }
      for (const [k, v] of perNode) {
        const cur = pairs.get(k);
        pairs.set(k, { key: v.key, count: (cur?.count ?? 0) + v.count });
      }
    }
    for (const [k, { key, count }] of pairs) {
      s.pairToMatchNum.set(k, count);
      s.keyToDomains.set(key, (s.keyToDomains.get(key) ?? 0) + 1);
      s.keyToMin.set(key, Math.min(s.keyToMin.get(key) ?? MAX_INT32, count));
    }
    return s;
  };

  const initPreScoreState = (pod: Pod, filtered: NodeInfo[]): PreScoreState | undefined => {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    const constraints =
      own.length > 0 ? podConstraints(pod, 'ScheduleAnyway') : defaultConstraints(handle, pod);
    if (constraints.length === 0) return undefined;
    // Only non-default constraints require every topology key: a node without a zone label can still
    // take part in hostname spreading.
    const requireAll = own.length > 0;
    const s: PreScoreState = {
      constraints,
      ignored: new Set(),
      valueToCount: constraints.map(() => new Map()),
      weights: [],
    };
    const sizes = constraints.map(() => 0);
    for (const ni of filtered) {
      if (requireAll && !hasAllKeys(ni.node, constraints)) {
        s.ignored.add(ni.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const v = ni.node.metadata?.labels?.[c.topologyKey] ?? '';
        if (!s.valueToCount[i].has(v)) {
          s.valueToCount[i].set(v, 0);
          sizes[i]++;
        }
      });
    }
    s.weights = constraints.map((c, i) =>
      topologyNormalizingWeight(
        c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignored.size : sizes[i],
      ),
    );
    const aff = getRequiredNodeAffinity(pod);
    const ns = pod.metadata?.namespace ?? '';
    for (const ni of handle.snapshot().nodes()) {
      if (requireAll && !hasAllKeys(ni.node, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!matchNodeInclusionPolicies(c, pod, ni.node, aff)) return;
        const v = ni.node.metadata?.labels?.[c.topologyKey] ?? '';
        const cur = s.valueToCount[i].get(v);
        if (cur === undefined) return;
        s.valueToCount[i].set(v, cur + countPodsMatchSelector(ni.pods, c.selector, ns));
      });
    }
    return s;
  };

  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state: CycleState, pod: Pod) {
      const s = calPreFilterState(pod);
      if (s.constraints.length === 0) return { status: status.skip() };
      state.write(PRE_FILTER_KEY, s);
      return { status: status.success() };
    },
    filter(state: CycleState, pod: Pod, ni: NodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY) ?? calPreFilterState(pod);
      const labels = ni.node.metadata?.labels ?? {};
      for (const c of s.constraints) {
        if (!(c.topologyKey in labels)) return status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
        let minMatch = s.keyToMin.get(c.topologyKey) ?? MAX_INT32;
        if ((s.keyToDomains.get(c.topologyKey) ?? 0) < c.minDomains) minMatch = 0;
        const self = matches(c.selector, pod.metadata?.labels) ? 1 : 0;
        const matchNum = s.pairToMatchNum.get(pairKey(c.topologyKey, labels[c.topologyKey])) ?? 0;
        if (matchNum + self - minMatch > c.maxSkew)
          return status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
      return status.success();
    },
    preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]) {
      if (handle.snapshot().nodes().length === 0) return status.skip();
      const s = initPreScoreState(pod, nodes);
      if (!s) return status.skip();
      state.write(PRE_SCORE_KEY, s);
      return status.success();
    },
    score(state: CycleState, pod: Pod, ni: NodeInfo) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.ignored.has(ni.name)) return 0;
      const labels = ni.node.metadata?.labels ?? {};
      let score = 0;
      s.constraints.forEach((c, i) => {
        if (!(c.topologyKey in labels)) return;
        const cnt =
          c.topologyKey === LABEL_HOSTNAME
            ? countPodsMatchSelector(ni.pods, c.selector, pod.metadata?.namespace ?? '')
            : (s.valueToCount[i].get(labels[c.topologyKey]) ?? 0);
        score += scoreForCount(cnt, c.maxSkew, s.weights[i]);
      });
      return goRound(score);
    },
    normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return status.success();
      let min = Number.MAX_SAFE_INTEGER;
      let max = 0;
      for (const sc of scores) {
        if (s.ignored.has(sc.name)) continue;
        if (sc.score < min) min = sc.score;
        if (sc.score > max) max = sc.score;
      }
      for (const sc of scores) {
        if (s.ignored.has(sc.name)) sc.score = 0;
        else if (max === 0) sc.score = MAX_NODE_SCORE;
        else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
      }
      return status.success();
    },
  };
};

/** Go's math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
