/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity).
 *
 * PreFilter counts, per topology pair (key, value): existing pods' required anti-affinity terms that
 * match the incoming pod; existing pods matching ALL the incoming pod's required affinity terms; and
 * existing pods matching each of its required anti-affinity terms. Filter then checks, in upstream's
 * order: affinity (UnschedulableAndUnresolvable; a pod whose terms match only itself may go first),
 * the pod's anti-affinity, existing pods' anti-affinity (both Unschedulable).
 * Score adds preferred term weights (and existing pods' required affinity at hardPodAffinityWeight 1)
 * per topology pair, then normalises `100 × (s − min) / (max − min)`.
 * Left out: plugin args (hardPodAffinityWeight, ignorePreferredTermsOfExistingPods are fixed at their
 * defaults 1 / false), PreFilter AddPod/RemovePod extensions (used by preemption), queueing hints.
 */
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import {
  affinityTermMatches,
  preferredTerms,
  requiredAffinityTerms,
  requiredAntiAffinityTerms,
  type AffinityTerm,
  type WeightedAffinityTerm,
} from './helper';

/** The plugin name. */
export const INTER_POD_AFFINITY = 'InterPodAffinity';
/** upstream ErrReasonAffinityRulesNotMatch. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** upstream ErrReasonAntiAffinityRulesNotMatch. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
/** upstream ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
/** upstream default InterPodAffinityArgs.HardPodAffinityWeight. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const PRE_FILTER_KEY = 'PreFilter' + INTER_POD_AFFINITY;
const PRE_SCORE_KEY = 'PreScore' + INTER_POD_AFFINITY;

/** The parsed affinity terms of a pod (upstream framework.PodInfo's term fields). */
interface Terms {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAnti: WeightedAffinityTerm[];
}

const termCache = new WeakMap<Pod, Terms>();
function termsOf(pod: Pod): Terms {
  let t = termCache.get(pod);
  if (!t) {
    t = {
      requiredAffinity: requiredAffinityTerms(pod),
      requiredAnti: requiredAntiAffinityTerms(pod),
      preferredAffinity: preferredTerms(pod, false),
      preferredAnti: preferredTerms(pod, true),
    };
    termCache.set(pod, t);
  }
  return t;
}

const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

interface PreFilterState {
  terms: Terms;
  existingAnti: Map<string, number>;
  affinity: Map<string, number>;
  anti: Map<string, number>;
}

function bump(m: Map<string, number>, key: string, by: number): void {
  const v = (m.get(key) ?? 0) + by;
  if (v === 0) m.delete(key);
  else m.set(key, v);
}

/** upstream podMatchesAllAffinityTerms (false for no terms). */
function matchesAll(terms: AffinityTerm[], pod: Pod, nsLabels: Record<string, string> | undefined): boolean {
  return terms.length > 0 && terms.every((t) => affinityTermMatches(t, pod, nsLabels));
}

function labelOf(node: Node, key: string): string | undefined {
  const l = node.metadata?.labels ?? {};
  return key in l ? l[key] : undefined;
}

/** Builds the InterPodAffinity plugin. */
export const interPodAffinity: PluginFactory = (
  handle: Handle,
): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin => {
  const nsLabelsFn = () => {
    const cache = new Map<string, Record<string, string> | undefined>();
    return (ns: string | undefined) => {
      const key = ns ?? '';
      if (!cache.has(key))
        cache.set(key, handle.lister<Namespace>('namespaces').get(undefined, key)?.metadata?.labels);
      return cache.get(key);
    };
  };

  const calPreFilterState = (pod: Pod): PreFilterState => {
    const snap = handle.snapshot();
    const nsLabels = nsLabelsFn();
    const terms = termsOf(pod);
    const s: PreFilterState = { terms, existingAnti: new Map(), affinity: new Map(), anti: new Map() };
    const podNsLabels = nsLabels(pod.metadata?.namespace);
    for (const ni of snap.havePodsWithRequiredAntiAffinity()) {
      for (const ex of ni.podsWithRequiredAntiAffinity) {
        for (const t of termsOf(ex.pod).requiredAnti) {
          const v = labelOf(ni.node, t.topologyKey);
          if (v !== undefined && affinityTermMatches(t, pod, podNsLabels))
            bump(s.existingAnti, pairKey(t.topologyKey, v), 1);
        }
      }
    }
    if (terms.requiredAffinity.length === 0 && terms.requiredAnti.length === 0) return s;
    for (const ni of snap.nodes()) {
      for (const ex of ni.pods) {
        const exNs = nsLabels(ex.pod.metadata?.namespace);
        if (matchesAll(terms.requiredAffinity, ex.pod, exNs)) {
          for (const t of terms.requiredAffinity) {
            const v = labelOf(ni.node, t.topologyKey);
            if (v !== undefined) bump(s.affinity, pairKey(t.topologyKey, v), 1);
          }
        }
        for (const t of terms.requiredAnti) {
          const v = labelOf(ni.node, t.topologyKey);
          if (v !== undefined && affinityTermMatches(t, ex.pod, exNs))
            bump(s.anti, pairKey(t.topologyKey, v), 1);
        }
      }
    }
    return s;
  };

  const satisfyPodAffinity = (s: PreFilterState, pod: Pod, node: Node): boolean => {
    let podsExist = true;
    for (const t of s.terms.requiredAffinity) {
      const v = labelOf(node, t.topologyKey);
      if (v === undefined) return false;
      if ((s.affinity.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    // The first pod of a group with affinity to itself may go anywhere that has the topology keys.
    const own = handle.lister<Namespace>('namespaces').get(undefined, pod.metadata?.namespace ?? '')
      ?.metadata?.labels;
    return s.affinity.size === 0 && matchesAll(s.terms.requiredAffinity, pod, own);
  };

  const satisfyPodAntiAffinity = (s: PreFilterState, node: Node): boolean => {
    for (const t of s.terms.requiredAnti) {
      const v = labelOf(node, t.topologyKey);
      if (v !== undefined && (s.anti.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return false;
    }
    return true;
  };

  const satisfyExistingAnti = (s: PreFilterState, node: Node): boolean => {
    if (s.existingAnti.size === 0) return true;
    for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
      if ((s.existingAnti.get(pairKey(k, v)) ?? 0) > 0) return false;
    }
    return true;
  };

  return {
    name: INTER_POD_AFFINITY,
    preFilter(state: CycleState, pod: Pod) {
      const s = calPreFilterState(pod);
      if (
        s.existingAnti.size === 0 &&
        s.terms.requiredAffinity.length === 0 &&
        s.terms.requiredAnti.length === 0
      )
        return { status: status.skip() };
      state.write(PRE_FILTER_KEY, s);
      return { status: status.success() };
    },
    filter(state: CycleState, pod: Pod, ni: NodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY) ?? calPreFilterState(pod);
      if (!satisfyPodAffinity(s, pod, ni.node))
        return status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
      if (!satisfyPodAntiAffinity(s, ni.node))
        return status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
      if (!satisfyExistingAnti(s, ni.node))
        return status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
      return status.success();
    },
    preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]) {
      if (nodes.length === 0) return status.skip();
      const snap = handle.snapshot();
      const nsLabels = nsLabelsFn();
      const terms = termsOf(pod);
      const hasConstraints = terms.preferredAffinity.length > 0 || terms.preferredAnti.length > 0;
      const podNsLabels = nsLabels(pod.metadata?.namespace);
      const scores = new Map<string, Map<string, number>>();
      const add = (
        t: AffinityTerm,
        weight: number,
        target: Pod,
        targetNs: Record<string, string> | undefined,
        node: Node,
      ) => {
        if (!affinityTermMatches(t, target, targetNs)) return;
        const v = labelOf(node, t.topologyKey);
        if (v === undefined) return;
        let m = scores.get(t.topologyKey);
        if (!m) scores.set(t.topologyKey, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + weight);
      };
      for (const ni of hasConstraints ? snap.nodes() : snap.havePodsWithAffinity()) {
        const node = ni.node;
        if (Object.keys(node.metadata?.labels ?? {}).length === 0) continue;
        for (const ex of hasConstraints ? ni.pods : ni.podsWithAffinity) {
          const exNs = nsLabels(ex.pod.metadata?.namespace);
          for (const t of terms.preferredAffinity) add(t, t.weight, ex.pod, exNs, node);
          for (const t of terms.preferredAnti) add(t, -t.weight, ex.pod, exNs, node);
          const et = termsOf(ex.pod);
          for (const t of et.requiredAffinity) add(t, HARD_POD_AFFINITY_WEIGHT, pod, podNsLabels, node);
          for (const t of et.preferredAffinity) add(t, t.weight, pod, podNsLabels, node);
          for (const t of et.preferredAnti) add(t, -t.weight, pod, podNsLabels, node);
        }
      }
      if (scores.size === 0) return status.skip();
      state.write(PRE_SCORE_KEY, scores);
      return status.success();
    },
    score(state: CycleState, _pod: Pod, ni: NodeInfo) {
      const scores = state.read<Map<string, Map<string, number>>>(PRE_SCORE_KEY);
      let s = 0;
      if (scores) {
        for (const [key, values] of scores) {
          const v = labelOf(ni.node, key);
          if (v !== undefined) s += values.get(v) ?? 0;
        }
      }
      return s;
    },
    normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]) {
      const pre = state.read<Map<string, Map<string, number>>>(PRE_SCORE_KEY);
      if (!pre || pre.size === 0) return status.success();
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        if (s.score > max) max = s.score;
        if (s.score < min) min = s.score;
      }
      const diff = max - min;
      for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
      return status.success();
    },
  };
};
