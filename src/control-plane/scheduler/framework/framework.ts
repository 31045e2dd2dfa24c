/**
 * The framework runtime (upstream pkg/scheduler/framework/runtime/framework.go): instantiates the
 * registry's plugins with the Handle, sorts them by extension point (a plugin is at every point whose
 * method it has) and runs each point as upstream does — PreFilter intersects node sets and collects
 * Skips; Filter stops at the first rejection; PostFilter returns at the first success or
 * unresolvable; Score runs every plugin on every node, NormalizeScore per plugin, then multiplies by
 * the weight; Bind stops at the first plugin that does not Skip. Optionally it records every result
 * in an `AttemptRecord` (the kube-scheduler-simulator's debuggable-scheduler view).
 * Leaves out: metrics, parallelism (one goroutine here), extenders, multi-point plugin config,
 * per-profile plugin enabling/disabling and Permit's waiting-pod API beyond allow/reject/timeout.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../../../runtime/clock';
import {
  CycleState,
  MAX_NODE_SCORE,
  status as st,
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PermitPlugin,
  type Plugin,
  type PluginFactory,
  type PodInfo,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueuedPodInfo,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
  type Status,
} from './interface';

/** One registry entry: a plugin name, its factory, its score weight and args. */
export interface PluginEntry {
  name: string;
  factory: PluginFactory;
  weight?: number;
  args?: Record<string, unknown>;
}

/** Everything one scheduling attempt decided, per plugin (the simulator's annotations, as objects). */
export interface AttemptRecord {
  /** PreFilter status per plugin (`success`, or the message). */
  preFilterStatus: Record<string, string>;
  /** PreFilter node subsets per plugin. */
  preFilterResult: Record<string, string[]>;
  /** node → Filter plugin → `passed` or the rejection message. */
  filter: Record<string, Record<string, string>>;
  /** node → PostFilter plugin → result. */
  postFilter: Record<string, Record<string, string>>;
  /** PreScore status per plugin. */
  preScore: Record<string, string>;
  /** node → Score plugin → raw score (before NormalizeScore). */
  score: Record<string, Record<string, number>>;
  /** node → Score plugin → normalised score. */
  normalizedScore: Record<string, Record<string, number>>;
  /** node → Score plugin → weight × normalised score. */
  finalScore: Record<string, Record<string, number>>;
  /** node → Σ weight × normalised score. */
  total: Record<string, number>;
  reserve: Record<string, string>;
  permit: Record<string, string>;
  permitTimeout: Record<string, string>;
  preBind: Record<string, string>;
  bind: Record<string, string>;
  /** The node chosen, if any. */
  selected?: string;
}

/** A fresh, empty attempt record. */
export function newAttemptRecord(): AttemptRecord {
  return {
    preFilterStatus: {},
    preFilterResult: {},
    filter: {},
    postFilter: {},
    preScore: {},
    score: {},
    normalizedScore: {},
    finalScore: {},
    total: {},
    reserve: {},
    permit: {},
    permitTimeout: {},
    preBind: {},
    bind: {},
  };
}

/** A node's weighted total and (when recording) each plugin's weighted score (upstream NodePluginScores). */
export interface NodePluginScores {
  name: string;
  scores: Array<{ plugin: string; score: number }>;
  totalScore: number;
}

/** The record attached to a cycle state, if recording. */
export function recordOf(state: CycleState): AttemptRecord | undefined {
  return state.fw.record as AttemptRecord | undefined;
}

/** Attaches a record to a cycle state (the framework fills it). */
export function attachRecord(state: CycleState, rec: AttemptRecord): void {
  state.fw.record = rec;
}

const NO_PODS: Pod[] = [];
/** `scores` of every node when nothing is recorded (read-only). */
const NO_SCORES: NodePluginScores['scores'] = [];

function text(s: Status): string {
  return s.code === 'Success' ? 'success' : s.reasons.join(', ') || s.code;
}

function withPlugin(s: Status, plugin: string): Status {
  return s.plugin ? s : { ...s, plugin };
}

/** Options of a framework. */
export interface FrameworkOptions {
  /** Nominated pods per node (the queue's nominator), for Filter with nominated pods. */
  nominatedPodsForNode?: (nodeName: string) => Pod[];
  /** Builds PodInfos of nominated pods and adds them to a NodeInfo copy. */
  addPodToNodeInfo?: (ni: NodeInfo, pod: Pod) => void;
  podInfo?: (pod: Pod) => PodInfo;
  cloneNodeInfo?: (ni: NodeInfo) => NodeInfo;
  clock?: Clock;
}

interface Waiting {
  pending: Set<string>;
  resolve: (s: Status) => void;
  timers: number[];
}

/** A profile's plugins, ready to run (upstream frameworkImpl). */
export class Framework {
  readonly plugins: Plugin[] = [];
  readonly preEnqueuePlugins: PreEnqueuePlugin[] = [];
  readonly queueSortPlugin?: QueueSortPlugin;
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: Array<{ plugin: ScorePlugin; weight: number }> = [];
  readonly reservePlugins: ReservePlugin[] = [];
  readonly permitPlugins: PermitPlugin[] = [];
  readonly preBindPlugins: PreBindPlugin[] = [];
  readonly bindPlugins: BindPlugin[] = [];
  readonly postBindPlugins: PostBindPlugin[] = [];
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    entries: PluginEntry[],
    readonly handle: Handle,
    private readonly opts: FrameworkOptions = {},
  ) {
    let queueSort: QueueSortPlugin | undefined;
    for (const e of entries) {
      const p = e.factory(handle, e.args);
      this.plugins.push(p);
      const has = (m: string) => typeof (p as unknown as Record<string, unknown>)[m] === 'function';
      if (has('preEnqueue')) this.preEnqueuePlugins.push(p as PreEnqueuePlugin);
      if (has('less') && !queueSort) queueSort = p as QueueSortPlugin;
      if (has('preFilter')) this.preFilterPlugins.push(p as PreFilterPlugin);
      if (has('filter')) this.filterPlugins.push(p as FilterPlugin);
      if (has('postFilter')) this.postFilterPlugins.push(p as PostFilterPlugin);
      if (has('preScore')) this.preScorePlugins.push(p as PreScorePlugin);
      if (has('score')) this.scorePlugins.push({ plugin: p as ScorePlugin, weight: e.weight ?? 1 });
      if (has('reserve')) this.reservePlugins.push(p as ReservePlugin);
      if (has('permit')) this.permitPlugins.push(p as PermitPlugin);
      if (has('preBind')) this.preBindPlugins.push(p as PreBindPlugin);
      if (has('bind')) this.bindPlugins.push(p as BindPlugin);
      if (has('postBind')) this.postBindPlugins.push(p as PostBindPlugin);
    }
    this.queueSortPlugin = queueSort;
  }

  /** The QueueSort plugin's less, if there is one. */
  queueSortLess(): ((a: QueuedPodInfo, b: QueuedPodInfo) => boolean) | undefined {
    const q = this.queueSortPlugin;
    return q ? (a, b) => q.less(a, b) : undefined;
  }

  /** PreEnqueue: the first non-success gates the pod. */
  runPreEnqueuePlugins(pod: Pod): Status {
    for (const p of this.preEnqueuePlugins) {
      const s = p.preEnqueue(pod);
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** PreFilter: node subsets are intersected; Skip disables that plugin's Filter; a rejection ends it. */
  runPreFilterPlugins(
    state: CycleState,
    pod: Pod,
    nodes: NodeInfo[],
  ): { result?: PreFilterResult; status: Status } {
    const rec = recordOf(state);
    const skip = new Set<string>();
    state.skipFilterPlugins = skip;
    state.fw.activeFilter = this.filterPlugins;
    let result: PreFilterResult | undefined;
    const returners: string[] = [];
    for (const p of this.preFilterPlugins) {
      const r = p.preFilter(state, pod, nodes);
      const s = r.status;
      if (rec) rec.preFilterStatus[p.name] = s.code === 'Skip' ? 'skip' : text(s);
      if (s.code === 'Skip') {
        skip.add(p.name);
        state.fw.activeFilter = this.filterPlugins.filter((f) => !skip.has(f.name));
        continue;
      }
      if (s.code !== 'Success') return { status: withPlugin(s, p.name) };
      if (r.result?.nodeNames) {
        if (rec) rec.preFilterResult[p.name] = [...r.result.nodeNames].sort();
        returners.push(p.name);
        if (!result?.nodeNames) result = { nodeNames: new Set(r.result.nodeNames) };
        else
          result = { nodeNames: new Set([...result.nodeNames].filter((n) => r.result!.nodeNames!.has(n))) };
        if (result.nodeNames!.size === 0)
          return {
            result,
            status: {
              code: 'UnschedulableAndUnresolvable',
              reasons: [`node(s) didn't satisfy plugin(s) [${returners.join(' ')}] simultaneously`],
              plugin: p.name,
            },
          };
      }
    }
    return { result, status: st.success() };
  }

  /** Filter: plugins in order; the first rejection is the node's status. */
  runFilterPlugins(state: CycleState, pod: Pod, node: NodeInfo): Status {
    const rec = recordOf(state);
    let nodeRec: Record<string, string> | undefined;
    if (rec) nodeRec = rec.filter[node.name] ??= {};
    const plugins = state.fw.activeFilter ?? this.filterPlugins;
    for (let i = 0; i < plugins.length; i++) {
      const p = plugins[i];
      const s = p.filter(state, pod, node);
      if (s.code !== 'Success') {
        const out = withPlugin(s.code === 'Error' ? s : s, p.name);
        if (nodeRec) nodeRec[p.name] = text(out);
        return out;
      }
      if (nodeRec) nodeRec[p.name] = 'passed';
    }
    return st.success();
  }

  /**
   * Filter with the nominated pods of priority ≥ the pod's counted on the node first (upstream
   * RunFilterPluginsWithNominatedPods: both with and without them must pass).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, node: NodeInfo): Status {
    const nominated = this.opts.nominatedPodsForNode ? this.opts.nominatedPodsForNode(node.name) : NO_PODS;
    if (nominated.length && this.opts.cloneNodeInfo && this.opts.addPodToNodeInfo && this.opts.podInfo) {
      const prio = pod.spec?.priority ?? 0;
      const uid = pod.metadata?.uid;
      const add = nominated.filter((p) => (p.spec?.priority ?? 0) >= prio && p.metadata?.uid !== uid);
      if (add.length) {
        const ni = this.opts.cloneNodeInfo(node);
        const s2 = state.clone();
        for (const p of add) {
          this.opts.addPodToNodeInfo(ni, p);
          const s = this.runPreFilterExtensionAddPod(s2, pod, this.opts.podInfo(p), ni);
          if (s.code !== 'Success') return s;
        }
        const s = this.runFilterPlugins(s2, pod, ni);
        if (s.code !== 'Success') return s;
      }
    }
    return this.runFilterPlugins(state, pod, node);
  }

  /** PreFilterExtensions.AddPod of every PreFilter plugin that has it. */
  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, added: PodInfo, node: NodeInfo): Status {
    const skip = state.skipFilterPlugins;
    for (const p of this.preFilterPlugins) {
      if (!p.addPod || skip.has(p.name)) continue;
      const s = p.addPod(state, pod, added, node);
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** PreFilterExtensions.RemovePod of every PreFilter plugin that has it. */
  runPreFilterExtensionRemovePod(state: CycleState, pod: Pod, removed: PodInfo, node: NodeInfo): Status {
    const skip = state.skipFilterPlugins;
    for (const p of this.preFilterPlugins) {
      if (!p.removePod || skip.has(p.name)) continue;
      const s = p.removePod(state, pod, removed, node);
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** PostFilter: the first success or unresolvable answer wins; otherwise the reasons are merged. */
  async runPostFilterPlugins(
    state: CycleState,
    pod: Pod,
    filtered: Map<string, Status>,
  ): Promise<{ nominatedNodeName?: string; status: Status }> {
    const rec = recordOf(state);
    const reasons: string[] = [];
    let result: { nominatedNodeName?: string } | undefined;
    for (const p of this.postFilterPlugins) {
      const r = await p.postFilter(state, pod, filtered);
      if (rec && r.nominatedNodeName)
        (rec.postFilter[r.nominatedNodeName] ??= {})[p.name] = 'preemption victim(s) evicted';
      if (r.status.code === 'Success')
        return { nominatedNodeName: r.nominatedNodeName, status: withPlugin(r.status, p.name) };
      if (r.status.code === 'UnschedulableAndUnresolvable')
        return { ...r, status: withPlugin(r.status, p.name) };
      if (r.status.code === 'Error') return { ...r, status: withPlugin(r.status, p.name) };
      reasons.push(...r.status.reasons);
      if (r.nominatedNodeName !== undefined) result = { nominatedNodeName: r.nominatedNodeName };
    }
    return { ...result, status: { code: 'Unschedulable', reasons } };
  }

  /** PreScore: Skip disables that plugin's Score. */
  runPreScorePlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status {
    const rec = recordOf(state);
    const skip = new Set<string>();
    state.skipScorePlugins = skip;
    for (const p of this.preScorePlugins) {
      const s = p.preScore(state, pod, nodes);
      if (rec) rec.preScore[p.name] = s.code === 'Skip' ? 'skip' : text(s);
      if (s.code === 'Skip') {
        skip.add(p.name);
        continue;
      }
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** Score → NormalizeScore → × weight, per plugin; returns each node's scores and total. */
  runScorePlugins(
    state: CycleState,
    pod: Pod,
    nodes: NodeInfo[],
  ): { scores: NodePluginScores[]; status: Status } {
    const rec = recordOf(state);
    const skip = state.skipScorePlugins;
    const active = skip.size ? this.scorePlugins.filter((s) => !skip.has(s.plugin.name)) : this.scorePlugins;
    const out: NodePluginScores[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++)
      out[i] = { name: nodes[i].name, scores: rec ? [] : NO_SCORES, totalScore: 0 };
    const list: NodeScore[] = new Array(nodes.length);
    for (const { plugin, weight } of active) {
      for (let i = 0; i < nodes.length; i++) {
        const r = plugin.score(state, pod, nodes[i]);
        let score: number;
        if (typeof r === 'number') score = r;
        else if (r.status.code !== 'Success')
          return { scores: [], status: withPlugin(r.status, plugin.name) };
        else score = r.score;
        const ns = list[i];
        if (ns) {
          ns.name = out[i].name;
          ns.score = score;
        } else list[i] = { name: out[i].name, score };
      }
      if (rec) for (const ns of list) (rec.score[ns.name] ??= {})[plugin.name] = ns.score;
      if (plugin.normalizeScore) {
        const s = plugin.normalizeScore(state, pod, list);
        if (s.code !== 'Success') return { scores: [], status: withPlugin(s, plugin.name) };
      }
      for (let i = 0; i < list.length; i++) {
        const sc = list[i].score;
        if (sc > MAX_NODE_SCORE || sc < 0)
          return {
            scores: [],
            status: withPlugin(
              st.error(
                `plugin "${plugin.name}" returns an invalid score ${sc}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`,
              ),
              plugin.name,
            ),
          };
        const weighted = sc * weight;
        out[i].totalScore += weighted;
        if (rec) {
          out[i].scores.push({ plugin: plugin.name, score: weighted });
          (rec.normalizedScore[list[i].name] ??= {})[plugin.name] = sc;
          (rec.finalScore[list[i].name] ??= {})[plugin.name] = weighted;
        }
      }
    }
    if (rec) for (const o of out) rec.total[o.name] = o.totalScore;
    return { scores: out, status: st.success() };
  }

  /** Reserve: on the first failure the caller must run Unreserve. */
  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    const rec = recordOf(state);
    for (const p of this.reservePlugins) {
      const s = p.reserve(state, pod, nodeName);
      if (rec) rec.reserve[p.name] = text(s);
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** Unreserve, in reverse order. */
  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--)
      this.reservePlugins[i].unreserve(state, pod, nodeName);
  }

  /** Permit: a rejection fails the pod; Wait parks it (see `waitOnPermit`). */
  runPermitPlugins(state: CycleState, pod: Pod, nodeName: string): Status {
    const rec = recordOf(state);
    const waitFor = new Map<string, number>();
    for (const p of this.permitPlugins) {
      const { status: s, timeoutMs } = p.permit(state, pod, nodeName);
      if (rec) {
        rec.permit[p.name] = s.code === 'Wait' ? 'wait' : text(s);
        if (s.code === 'Wait') rec.permitTimeout[p.name] = `${timeoutMs / 1000}s`;
      }
      if (s.code === 'Wait') {
        waitFor.set(p.name, Math.min(timeoutMs, 15 * 60_000));
        continue;
      }
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    if (waitFor.size && this.opts.clock) {
      const uid = pod.metadata?.uid ?? '';
      const clock = this.opts.clock;
      const w: Waiting = { pending: new Set(waitFor.keys()), resolve: () => undefined, timers: [] };
      const promise = new Promise<Status>((r) => (w.resolve = r));
      for (const [plugin, ms] of waitFor)
        w.timers.push(
          clock.setTimeout(
            () =>
              this.rejectWaitingPod(
                uid,
                plugin,
                `rejected due to timeout after waiting ${ms / 1000}s at plugin ${plugin}`,
              ),
            ms,
          ),
        );
      this.waiting.set(uid, w);
      state.write('__framework/permitWait', promise);
      return { code: 'Wait', reasons: [] };
    }
    return st.success();
  }

  /** Resolves once every waiting Permit plugin allowed the pod (or one rejected / timed out). */
  async waitOnPermit(state: CycleState): Promise<Status> {
    const p = state.read<Promise<Status>>('__framework/permitWait');
    return p ? p : st.success();
  }

  /** A Permit plugin allows a waiting pod. */
  allowWaitingPod(uid: string, plugin: string): void {
    const w = this.waiting.get(uid);
    if (!w) return;
    w.pending.delete(plugin);
    if (w.pending.size === 0) this.finishWaiting(uid, st.success());
  }

  /** A Permit plugin (or the timeout) rejects a waiting pod. */
  rejectWaitingPod(uid: string, plugin: string, msg: string): void {
    if (!this.waiting.has(uid)) return;
    this.finishWaiting(uid, { code: 'Unschedulable', reasons: [msg], plugin });
  }

  private finishWaiting(uid: string, s: Status): void {
    const w = this.waiting.get(uid)!;
    this.waiting.delete(uid);
    for (const t of w.timers) this.opts.clock?.clearTimeout(t);
    w.resolve(s);
  }

  /** PreBind: the first failure ends it; an error is wrapped as `running PreBind plugin "<name>": <error>`. */
  async runPreBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    const rec = recordOf(state);
    for (const p of this.preBindPlugins) {
      const s = await p.preBind(state, pod, nodeName);
      if (rec) rec.preBind[p.name] = s.code === 'Skip' ? 'skip' : text(s);
      if (s.code === 'Skip') continue;
      if (s.code === 'Error')
        return withPlugin(st.error(`running PreBind plugin "${p.name}": ${text(s)}`), p.name);
      if (s.code !== 'Success') return withPlugin(s, p.name);
    }
    return st.success();
  }

  /** Bind: the first plugin that does not Skip binds. */
  async runBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    const rec = recordOf(state);
    if (!this.bindPlugins.length) return st.skip();
    let last: Status = st.skip();
    for (const p of this.bindPlugins) {
      const s = await p.bind(state, pod, nodeName);
      last = s;
      if (s.code === 'Skip') continue;
      if (rec) rec.bind[p.name] = text(s);
      return withPlugin(s, p.name);
    }
    return last;
  }

  /** PostBind: informational. */
  runPostBindPlugins(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of this.postBindPlugins) p.postBind(state, pod, nodeName);
  }

  /** True when the profile has Filter plugins. */
  hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }

  /** True when the profile has Score plugins. */
  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }
}
