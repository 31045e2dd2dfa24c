/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go,
 * resource_allocation.go). Filter: the pod's requests must fit in allocatable minus what the node's
 * pods request; every failing resource is reported, and a request larger than the node's whole
 * allocatable makes the status UnschedulableAndUnresolvable (preemption cannot help; v1.34).
 * Score (LeastAllocated, cpu and memory weight 1): per resource `(cap − req) * 100 / cap`, 0 when
 * req > cap, req = node non-zero requests + the pod's non-zero requests; integer weighted average.
 * Left out: MostAllocated / RequestedToCapacityRatio strategies, ignored resources args, DRA-backed
 * extended resources. Differs: insufficient extended resources are reported sorted by name (upstream
 * follows Go's random map order).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
  type PreFilterPlugin,
  type PreScorePlugin,
  type Resource,
  type ScorePlugin,
  type PodInfo,
} from '../framework/interface';
import { podInfo } from '../framework/node-info';
import { idiv } from './helper';

/** The plugin name. */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const PRE_FILTER_KEY = 'PreFilter' + NODE_RESOURCES_FIT;
const PRE_SCORE_KEY = 'PreScore' + NODE_RESOURCES_FIT;

/** One resource that does not fit (upstream InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  unresolvable: boolean;
}

function insufficient(
  out: InsufficientResource[],
  name: string,
  reason: string,
  r: number,
  u: number,
  c: number,
): void {
  if (r > 0 && r > c - u)
    out.push({ resourceName: name, reason, requested: r, used: u, capacity: c, unresolvable: r > c });
}

/** The pod's extended resource names, sorted (computed once per cycle in PreFilter). */
export function sortedScalarNames(req: Resource): string[] {
  return Object.keys(req.scalar).sort();
}

/**
 * upstream fitsRequest: the resources of `req` that the node cannot hold. `scalarNames` are
 * `req.scalar`'s keys sorted (PreFilter computes them once per pod).
 */
export function fitsRequest(
  req: Resource,
  ni: NodeInfo,
  scalarNames: string[] = sortedScalarNames(req),
): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: ni.pods.length,
      capacity: alloc.allowedPodNumber,
      unresolvable: false,
    });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalarNames.length === 0)
    return out;
  insufficient(out, 'cpu', 'Insufficient cpu', req.milliCPU, used.milliCPU, alloc.milliCPU);
  insufficient(out, 'memory', 'Insufficient memory', req.memory, used.memory, alloc.memory);
  insufficient(
    out,
    'ephemeral-storage',
    'Insufficient ephemeral-storage',
    req.ephemeralStorage,
    used.ephemeralStorage,
    alloc.ephemeralStorage,
  );
  for (let i = 0; i < scalarNames.length; i++) {
    const name = scalarNames[i];
    insufficient(
      out,
      name,
      `Insufficient ${name}`,
      req.scalar[name],
      used.scalar[name] ?? 0,
      alloc.scalar[name] ?? 0,
    );
  }
  return out;
}

/** True when `fitsRequest` would report nothing (the allocation-free fast path of Filter). */
export function fitsAll(req: Resource, ni: NodeInfo, scalarNames: string[]): boolean {
  const alloc = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.length + 1 > alloc.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage)
    return false;
  for (let i = 0; i < scalarNames.length; i++) {
    const name = scalarNames[i];
    const r = req.scalar[name];
    if (r > 0 && r > (alloc.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) return false;
  }
  return true;
}

/** upstream leastRequestedScore. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** upstream leastResourceScorer with cpu and memory at weight 1. */
export function leastAllocatedScore(requested: number[], allocatable: number[]): number {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    score += leastRequestedScore(requested[i], allocatable[i]);
    weights += 1;
  }
  return weights === 0 ? 0 : idiv(score, weights);
}

/** `leastAllocatedScore([reqCpu, reqMem], [allocCpu, allocMem])` without the arrays (Score's hot path). */
export function leastAllocatedScore2(
  reqCpu: number,
  reqMem: number,
  allocCpu: number,
  allocMem: number,
): number {
  let score = 0;
  let weights = 0;
  if (allocCpu !== 0) {
    score += leastRequestedScore(reqCpu, allocCpu);
    weights++;
  }
  if (allocMem !== 0) {
    score += leastRequestedScore(reqMem, allocMem);
    weights++;
  }
  return weights === 0 ? 0 : idiv(score, weights);
}

interface PreFilterState {
  pi: PodInfo;
  scalarNames: string[];
}

function preFilterState(pod: Pod): PreFilterState {
  const pi = podInfo(pod);
  return { pi, scalarNames: sortedScalarNames(pi.requests) };
}

/** Builds the NodeResourcesFit plugin. */
export const nodeResourcesFit: PluginFactory = (): PreFilterPlugin &
  FilterPlugin &
  PreScorePlugin &
  ScorePlugin => ({
  name: NODE_RESOURCES_FIT,
  preFilter(state: CycleState, pod: Pod) {
    state.write(PRE_FILTER_KEY, preFilterState(pod));
    return { status: status.success() };
  },
  filter(state: CycleState, pod: Pod, ni: NodeInfo) {
    const pre = state.read<PreFilterState>(PRE_FILTER_KEY) ?? preFilterState(pod);
    if (fitsAll(pre.pi.requests, ni, pre.scalarNames)) return status.success();
    const bad = fitsRequest(pre.pi.requests, ni, pre.scalarNames);
    const reasons = bad.map((b) => b.reason);
    return bad.some((b) => b.unresolvable)
      ? status.unresolvable(...reasons)
      : status.unschedulable(...reasons);
  },
  preScore(state: CycleState, pod: Pod) {
    const pre = state.read<PreFilterState>(PRE_FILTER_KEY);
    state.write(PRE_SCORE_KEY, pre ? pre.pi : podInfo(pod));
    return status.success();
  },
  score(state: CycleState, pod: Pod, ni: NodeInfo) {
    const pi = state.read<PodInfo>(PRE_SCORE_KEY) ?? podInfo(pod);
    const nz = pi.nonZeroRequests;
    const score = leastAllocatedScore2(
      ni.nonZeroRequested.milliCPU + nz.milliCPU,
      ni.nonZeroRequested.memory + nz.memory,
      ni.allocatable.milliCPU,
      ni.allocatable.memory,
    );
    return score;
  },
});
