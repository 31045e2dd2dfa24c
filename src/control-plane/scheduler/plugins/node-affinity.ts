/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity). PreFilter narrows the candidates to
 * the node names of `matchFields metadata.name In` terms; Filter checks spec.nodeSelector AND the
 * required node affinity terms (ORed); Score sums the weights of the matching preferred terms and
 * normalises by the highest. Left out: the plugin args (addedAffinity), queueing hints.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import {
  compileTerm,
  defaultNormalizeScore,
  getRequiredNodeAffinity,
  requiredNodeAffinityMatches,
  termMatchesNode,
  type CompiledTerm,
  type RequiredNodeAffinity,
} from './helper';

/** The plugin name. */
export const NODE_AFFINITY = 'NodeAffinity';
/** upstream ErrReasonPod. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** upstream errReasonConflict (PreFilter: the metadata.name terms leave no node). */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilter' + NODE_AFFINITY;
const PRE_SCORE_KEY = 'PreScore' + NODE_AFFINITY;

interface Preferred {
  weight: number;
  term: CompiledTerm;
}

function preferredTerms(pod: Pod): Preferred[] {
  const ps = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return ps.filter((p) => p.weight !== 0).map((p) => ({ weight: p.weight, term: compileTerm(p.preference) }));
}

/** Node names a pod's required terms pin it to (undefined: no restriction). */
export function nodeNamesFromTerms(pod: Pod): Set<string> | undefined {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a metadata.name In requirement may match any node: the terms are ORed.
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** Builds the NodeAffinity plugin. */
export const nodeAffinity: PluginFactory = (): PreFilterPlugin &
  FilterPlugin &
  PreScorePlugin &
  ScorePlugin => ({
  name: NODE_AFFINITY,
  preFilter(state: CycleState, pod: Pod) {
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const selector = pod.spec?.nodeSelector;
    if (!required && !selector) return { status: status.skip() };
    state.write(PRE_FILTER_KEY, getRequiredNodeAffinity(pod));
    const names = nodeNamesFromTerms(pod);
    if (!names) return { status: status.success() };
    if (names.size === 0) return { status: status.unresolvable(ERR_REASON_CONFLICT) };
    return { result: { nodeNames: names }, status: status.success() };
  },
  filter(state: CycleState, pod: Pod, ni: NodeInfo) {
    const r = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? getRequiredNodeAffinity(pod);
    return requiredNodeAffinityMatches(r, ni.node) ? status.success() : status.unresolvable(ERR_REASON_POD);
  },
  preScore(state: CycleState, pod: Pod) {
    const terms = preferredTerms(pod);
    if (terms.length === 0) return status.skip();
    state.write(PRE_SCORE_KEY, terms);
    return status.success();
  },
  score(state: CycleState, pod: Pod, ni: NodeInfo) {
    const terms = state.read<Preferred[]>(PRE_SCORE_KEY) ?? preferredTerms(pod);
    let s = 0;
    for (const t of terms) if (termMatchesNode(t.term, ni.node)) s += t.weight;
    return s;
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]) {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
});
