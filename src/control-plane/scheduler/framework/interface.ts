/**
 * The scheduling framework's extension points and shared types (upstream
 * pkg/scheduler/framework/interface.go and types.go). Plugins implement the small interfaces for
 * the points they use; the registry (`plugins/registry.ts`) lists them by name.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Clientset } from '../../../client/rest-client';
import type { Clock } from '../../../runtime/clock';
import type { Rng } from '../../../runtime/rng';

/** Status codes of a plugin result (framework.Code). */
export type Code =
  'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** A plugin's verdict. `reasons` are the exact upstream strings (e.g. `Insufficient cpu`). */
export interface Status {
  code: Code;
  reasons: string[];
  /** The plugin that produced it (set by the framework). */
  plugin?: string;
}

const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as unknown as string[] });

/** Helpers to build statuses. `success()` is one shared, frozen object (the hot Filter/Score paths return it). */
export const status = {
  success: (): Status => SUCCESS,
  unschedulable: (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons }),
  unresolvable: (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons }),
  error: (reason: string): Status => ({ code: 'Error', reasons: [reason] }),
  skip: (): Status => ({ code: 'Skip', reasons: [] }),
  isSuccess: (s: Status | undefined): boolean => !s || s.code === 'Success',
};

/** Resource amounts in integer base units: milliCPU, bytes, pod count, and named scalars. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Record<string, number>;
}

/** A pod as the scheduler caches it, with precomputed requests. */
export interface PodInfo {
  pod: Pod;
  /** Sum of container requests (max with init containers), as NodeResourcesFit counts them. */
  requests: Resource;
  /** Same, but containers with no cpu/memory request count as 100m / 200Mi (for scoring). */
  nonZeroRequests: Resource;
}

/** Everything the scheduler knows about one node (framework.NodeInfo). */
export interface NodeInfo {
  node: Node;
  name: string;
  pods: PodInfo[];
  /** Pods with required (anti-)affinity terms, for InterPodAffinity. */
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  /** Sum of the pods' requests. */
  requested: Resource;
  nonZeroRequested: Resource;
  allocatable: Resource;
  /** Host ports in use: `protocol/hostIP/port`. */
  usedPorts: Set<string>;
  /** Images on the node (from node.status.images): normalised name → size in bytes. */
  imageSizes: Map<string, number>;
  /** Bumped on every change (for snapshots). */
  generation: number;
}

/** The read-only view of the cluster for one scheduling cycle (framework.SharedLister). */
export interface Snapshot {
  nodes(): NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes having pods with affinity / required anti-affinity (for InterPodAffinity). */
  havePodsWithAffinity(): NodeInfo[];
  havePodsWithRequiredAntiAffinity(): NodeInfo[];
  /** Images across all nodes: image name → number of nodes that have it (ImageLocality spread). */
  imageNodeCount(image: string): number;
}

const NO_PLUGINS: ReadonlySet<string> = new Set();

/** CycleState key of the trace id the binding request carries (the scheduling decision). */
export const CAUSE_KEY = 'kubelab/cause';

/** Per-cycle scratch space shared between a plugin's extension points (framework.CycleState). */
export class CycleState {
  private data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter (and PreFilter extensions) do not run (upstream SkipFilterPlugins). */
  skipFilterPlugins: ReadonlySet<string> = NO_PLUGINS;
  /** Plugins whose PreScore returned Skip: their Score does not run (upstream SkipScorePlugins). */
  skipScorePlugins: ReadonlySet<string> = NO_PLUGINS;
  /** The framework's per-cycle scratch (the Filter plugins left after the skips, the attempt record). */
  fw: { activeFilter?: FilterPlugin[]; record?: unknown } = {};
  /** Stores `v` under `key`. */
  write(key: string, v: unknown): void {
    this.data.set(key, v);
  }
  /** Reads the value stored under `key`. */
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  /** A copy for a what-if run (preemption): values with a `clone()` method are cloned, others shared. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cl = (v as { clone?: () => unknown } | null)?.clone;
      c.data.set(k, typeof cl === 'function' ? cl.call(v) : v);
    }
    c.skipFilterPlugins = this.skipFilterPlugins;
    c.skipScorePlugins = this.skipScorePlugins;
    c.fw = { ...this.fw };
    return c;
  }
}

/** What PreFilter can say about which nodes are worth filtering (undefined = all). */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

/** A node's score from one plugin. */
export interface NodeScore {
  name: string;
  score: number;
}

/** Largest score a plugin may give after normalisation. */
export const MAX_NODE_SCORE = 100;

/** Services the framework gives plugins (framework.Handle). */
export interface Handle {
  snapshot(): Snapshot;
  /** Other cluster objects plugins need (PVCs, PVs, StorageClasses, namespaces, PDBs, ...), from informers. */
  lister<T = unknown>(
    resource: string,
    group?: string,
  ): { list(namespace?: string): T[]; get(namespace: string | undefined, name: string): T | undefined };
  now(): number;
  /** KubeLab addition: the scheduler's API client (DefaultBinder binds, DefaultPreemption deletes victims). */
  clientset?: Clientset;
  /** KubeLab addition: records core/v1 Events as `default-scheduler` (e.g. `Preempted`). */
  recorder?: { event(obj: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void };
  /** KubeLab addition: runs every Filter plugin on `node`, counting nominated pods of priority ≥ the pod's (preemption). */
  runFilterPluginsWithNominatedPods?(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /** KubeLab addition: runs the PreFilter extensions' removePod/addPod on `state` (preemption's what-if). */
  runPreFilterExtensionRemovePod?(state: CycleState, pod: Pod, victim: PodInfo, node: NodeInfo): Status;
  runPreFilterExtensionAddPod?(state: CycleState, pod: Pod, added: PodInfo, node: NodeInfo): Status;
  /** KubeLab addition: pods nominated to a node (the queue's nominator). */
  nominatedPodsForNode?(nodeName: string): Pod[];
  /** KubeLab addition: the scheduler's seeded random source (preemption's random offset). */
  rng?: Rng;
  /** KubeLab addition: the scheduler's clock (VolumeBinding's PreBind polls the binding with it). */
  clock?: Clock;
}

/** Every plugin has a name (the upstream plugin name, e.g. `NodeResourcesFit`). */
export interface Plugin {
  readonly name: string;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status;
}
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: NodeInfo[]): { result?: PreFilterResult; status: Status };
  /** Optional PreFilterExtensions: update the plugin's cycle state when a pod is added to / removed from `node`. */
  addPod?(state: CycleState, podToSchedule: Pod, added: PodInfo, node: NodeInfo): Status;
  removePod?(state: CycleState, podToSchedule: Pod, removed: PodInfo, node: NodeInfo): Status;
}
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}
export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: Pod,
    filtered: Map<string, Status>,
  ): Promise<{ nominatedNodeName?: string; status: Status }>;
}
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status;
}
/** A Score result with its status (upstream's `(int64, *Status)`). */
export interface ScoreResult {
  score: number;
  status: Status;
}

/** The score of a Score result: a plain number is a successful score; undefined for a failed status. */
export function scoreOf(r: number | ScoreResult): number | undefined {
  if (typeof r === 'number') return r;
  return r.status.code === 'Success' ? r.score : undefined;
}

export interface ScorePlugin extends Plugin {
  /** The node's score; a plain number means Success (no allocation on the hot path). */
  score(state: CycleState, pod: Pod, node: NodeInfo): number | ScoreResult;
  /** Optional normalisation of all nodes' scores to 0..MAX_NODE_SCORE (in place). */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status;
}
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}
export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: Pod, nodeName: string): { status: Status; timeoutMs: number };
}
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}
export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  pod: Pod;
  /** Cluster time it was first added to the queue. */
  initialAttemptTimestamp: number;
  /** Cluster time it was (re)added to activeQ. */
  timestamp: number;
  attempts: number;
  /** Plugins that rejected it in the last attempt (for queueing hints). */
  unschedulablePlugins: Set<string>;
  /** Trace id of the watch event that brought the pod (the scheduling decision's cause). */
  cause?: string;
}

/** Builds a plugin with access to the framework handle and its args (plugins/registry.ts). */
export type PluginFactory = (handle: Handle, args?: Record<string, unknown>) => Plugin;
