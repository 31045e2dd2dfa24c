/**
 * The scheduling algorithm of one cycle (upstream pkg/scheduler/schedule_one.go: schedulePod,
 * findNodesThatFitPod, findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost):
 * PreFilter, then Filter over the nodes starting at the rotating `nextStartNodeIndex` until enough
 * feasible nodes are found (percentageOfNodesToScore), then PreScore/Score, then the host with the
 * highest total (ties broken by reservoir sampling with the injected Rng).
 * Leaves out: extenders, parallel filtering (one thread; results are the same as upstream's with one
 * worker), and the per-pod percentageOfNodesToScore of profiles.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../../runtime/rng';
import { ERR_NO_NODES_AVAILABLE, newDiagnosis, type Diagnosis } from './framework/fit-error';
import type { Framework, NodePluginScores } from './framework/framework';
import type { CycleState, NodeInfo, Snapshot, Status } from './framework/interface';

/** upstream minFeasibleNodesToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** upstream minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes to look for (upstream numFeasibleNodesToFind): all under 100 nodes; else
 * `percentage` (0 = adaptive: max(5, 50 − N/125)) of N, at least 100. Integer arithmetic as in Go.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * upstream selectHost: the node with the highest total; among equals, each later one replaces the
 * current choice with probability 1/count (reservoir sampling), so every tied node is equally likely.
 */
export function selectHost(scores: NodePluginScores[], rng: Rng): string | undefined {
  if (!scores.length) return undefined;
  let selected = scores[0];
  let max = selected.totalScore;
  let cnt = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i];
    if (s.totalScore > max) {
      max = s.totalScore;
      selected = s;
      cnt = 1;
    } else if (s.totalScore === max) {
      cnt++;
      if (rng.int(cnt) === 0) selected = s;
    }
  }
  return selected.name;
}

/** The result of one scheduling attempt's algorithm part. */
export type ScheduleResult =
  | { kind: 'scheduled'; host: string; evaluatedNodes: number; feasibleNodes: number }
  /** No node fits (upstream FitError). */
  | { kind: 'unschedulable'; numAllNodes: number; diagnosis: Diagnosis }
  /** A plugin failed, or there are no nodes at all. */
  | { kind: 'error'; status: Status };

/** The algorithm's state across cycles: the rotating start index. */
export class ScheduleAlgorithm {
  /** upstream nextStartNodeIndex. */
  nextStartNodeIndex = 0;

  constructor(
    private readonly fwk: Framework,
    private readonly rng: Rng,
    private readonly percentageOfNodesToScore = 0,
  ) {}

  /** upstream schedulePod. */
  schedulePod(state: CycleState, pod: Pod, snapshot: Snapshot): ScheduleResult {
    const all = snapshot.nodes();
    if (all.length === 0)
      return {
        kind: 'error',
        status: { code: 'UnschedulableAndUnresolvable', reasons: [ERR_NO_NODES_AVAILABLE] },
      };
    const fit = this.findNodesThatFitPod(state, pod, snapshot);
    if ('error' in fit) return { kind: 'error', status: fit.error };
    const { feasible, diagnosis } = fit;
    if (feasible.length === 0) return { kind: 'unschedulable', numAllNodes: all.length, diagnosis };
    if (feasible.length === 1)
      return {
        kind: 'scheduled',
        host: feasible[0].name,
        evaluatedNodes: 1 + diagnosis.nodeToStatus.size,
        feasibleNodes: 1,
      };
    const pr = this.prioritizeNodes(state, pod, feasible);
    if ('error' in pr) return { kind: 'error', status: pr.error };
    const host = selectHost(pr.scores, this.rng)!;
    return {
      kind: 'scheduled',
      host,
      evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size,
      feasibleNodes: feasible.length,
    };
  }

  /** upstream findNodesThatFitPod: PreFilter, the nominated node first, then Filter. */
  findNodesThatFitPod(
    state: CycleState,
    pod: Pod,
    snapshot: Snapshot,
  ): { feasible: NodeInfo[]; diagnosis: Diagnosis } | { error: Status } {
    const diagnosis = newDiagnosis();
    const all = snapshot.nodes();
    const pre = this.fwk.runPreFilterPlugins(state, pod, all);
    if (pre.status.code !== 'Success') {
      if (pre.status.code === 'Error') return { error: pre.status };
      diagnosis.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.reasons.join(', ');
      if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
      return { feasible: [], diagnosis };
    }
    // The nominated node (from an earlier preemption) is tried alone first.
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = snapshot.get(nominated);
      if (ni && (!pre.result?.nodeNames || pre.result.nodeNames.has(nominated))) {
        const s = this.fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
        if (s.code === 'Error') return { error: s };
        if (s.code === 'Success') return { feasible: [ni], diagnosis };
      }
    }
    let nodes = all;
    if (pre.result?.nodeNames) {
      nodes = [];
      for (const name of pre.result.nodeNames) {
        const ni = snapshot.get(name);
        if (ni) nodes.push(ni);
      }
      diagnosis.absentNodesStatus = {
        code: 'UnschedulableAndUnresolvable',
        reasons: ["node(s) didn't satisfy plugin(s) [PreFilter result]"],
      };
    }
    return this.findNodesThatPassFilters(state, pod, nodes, diagnosis);
  }

  /** upstream findNodesThatPassFilters: from nextStartNodeIndex, stop after enough feasible nodes. */
  findNodesThatPassFilters(
    state: CycleState,
    pod: Pod,
    nodes: NodeInfo[],
    diagnosis: Diagnosis,
  ): { feasible: NodeInfo[]; diagnosis: Diagnosis } | { error: Status } {
    const n = nodes.length;
    const toFind = numFeasibleNodesToFind(n, this.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    if (n === 0) return { feasible, diagnosis };
    if (!this.fwk.hasFilterPlugins()) {
      for (let i = 0; i < toFind; i++) feasible.push(nodes[(this.nextStartNodeIndex + i) % n]);
      this.nextStartNodeIndex = (this.nextStartNodeIndex + toFind) % n;
      return { feasible, diagnosis };
    }
    let processed = 0;
    for (let i = 0; i < n; i++) {
      const ni = nodes[(this.nextStartNodeIndex + i) % n];
      const s = this.fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
      processed++;
      if (s.code === 'Success') {
        feasible.push(ni);
        if (feasible.length >= toFind) break;
      } else if (s.code === 'Error') {
        return { error: s };
      } else {
        diagnosis.nodeToStatus.set(ni.name, s);
        if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % n;
    return { feasible, diagnosis };
  }

  /** upstream prioritizeNodes: PreScore + Score; without Score plugins every node scores 1. */
  prioritizeNodes(
    state: CycleState,
    pod: Pod,
    nodes: NodeInfo[],
  ): { scores: NodePluginScores[] } | { error: Status } {
    if (!this.fwk.hasScorePlugins())
      return { scores: nodes.map((n) => ({ name: n.name, scores: [], totalScore: 1 })) };
    const pre = this.fwk.runPreScorePlugins(state, pod, nodes);
    if (pre.code !== 'Success') return { error: pre };
    const r = this.fwk.runScorePlugins(state, pod, nodes);
    if (r.status.code !== 'Success') return { error: r.status };
    return { scores: r.scores };
  }
}
