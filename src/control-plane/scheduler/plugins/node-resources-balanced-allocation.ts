/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/
 * balanced_allocation.go). Favours nodes whose cpu and memory would be used in equal fractions:
 * f = (node requested + pod requested) / allocatable, capped at 1; score = int((1 − std) * 100), where
 * std is |f1 − f2| / 2 for two resources (the standard deviation in general). Uses real requests (not
 * the 100m / 200Mi defaults); best-effort pods skip this plugin (v1.33+). Left out: plugin args
 * (other resources), DRA extended resources.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type NodeInfo,
  type PluginFactory,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import { podInfo } from '../framework/node-info';

/** The plugin name. */
export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = 'PreScore' + NODE_RESOURCES_BALANCED_ALLOCATION;

/** upstream balancedResourceScorer. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** `balancedResourceScore([reqCpu, reqMem], [allocCpu, allocMem])` without the arrays (Score's hot path). */
export function balancedResourceScore2(
  reqCpu: number,
  reqMem: number,
  allocCpu: number,
  allocMem: number,
): number {
  if (allocCpu === 0 || allocMem === 0) return balancedResourceScore([reqCpu, reqMem], [allocCpu, allocMem]);
  const f1 = Math.min(reqCpu / allocCpu, 1);
  const f2 = Math.min(reqMem / allocMem, 1);
  return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * MAX_NODE_SCORE);
}

function podRequests(pod: Pod): number[] {
  const r = podInfo(pod).requests;
  return [r.milliCPU, r.memory];
}

/** Builds the NodeResourcesBalancedAllocation plugin. */
export const nodeResourcesBalancedAllocation: PluginFactory = (): PreScorePlugin & ScorePlugin => ({
  name: NODE_RESOURCES_BALANCED_ALLOCATION,
  preScore(state: CycleState, pod: Pod) {
    const req = podRequests(pod);
    if (req[0] === 0 && req[1] === 0) return status.skip();
    state.write(PRE_SCORE_KEY, req);
    return status.success();
  },
  score(state: CycleState, pod: Pod, ni: NodeInfo) {
    const req = state.read<number[]>(PRE_SCORE_KEY) ?? podRequests(pod);
    if (req[0] === 0 && req[1] === 0) return 0;
    const score = balancedResourceScore2(
      ni.requested.milliCPU + req[0],
      ni.requested.memory + req[1],
      ni.allocatable.milliCPU,
      ni.allocatable.memory,
    );
    return score;
  },
});
