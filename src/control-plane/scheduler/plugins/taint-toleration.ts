/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration). Filter: the pod must tolerate
 * every NoSchedule / NoExecute taint. Score: the number of PreferNoSchedule taints the pod does not
 * tolerate, normalised in reverse (fewer is better). Left out: queueing hints, the alpha Gt/Lt
 * toleration operators.
 */
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import { defaultNormalizeScore, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from './helper';

/** The plugin name. */
export const TAINT_TOLERATION = 'TaintToleration';
const PRE_SCORE_KEY = 'PreScore' + TAINT_TOLERATION;

/** upstream's filter reason: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

function preferNoScheduleTolerations(pod: Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

function isNoScheduleOrNoExecute(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

/** Builds the TaintToleration plugin. */
export const taintToleration: PluginFactory = (): FilterPlugin & PreScorePlugin & ScorePlugin => ({
  name: TAINT_TOLERATION,
  filter(_state: CycleState, pod: Pod, ni: NodeInfo) {
    const taint = findMatchingUntoleratedTaint(
      ni.node.spec?.taints,
      pod.spec?.tolerations,
      isNoScheduleOrNoExecute,
    );
    if (!taint) return status.success();
    return status.unresolvable(untoleratedTaintReason(taint.key, taint.value));
  },
  preScore(state: CycleState, pod: Pod) {
    state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod));
    return status.success();
  },
  score(state: CycleState, pod: Pod, ni: NodeInfo) {
    const tols = state.read<Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod);
    let n = 0;
    for (const t of ni.node.spec?.taints ?? []) {
      if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tols, t)) n++;
    }
    return n;
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]) {
    return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
});
