/**
 * kube-scheduler (upstream pkg/scheduler: scheduler.go, schedule_one.go, eventhandlers.go): informers
 * feed the cache (assigned pods, nodes) and the queue (pending pods of this scheduler); one pod at a
 * time is popped, run through the framework on a snapshot, assumed in the cache, reserved and
 * permitted; the binding cycle (PreBind, Bind, PostBind) runs asynchronously. Failures record a
 * `FailedScheduling` event and the PodScheduled=False condition (plus status.nominatedNodeName after
 * preemption) and send the pod back to the queue. The loop runs only while this instance holds the
 * `kube-system/kube-scheduler` Lease. Every attempt can be recorded as kube-scheduler-simulator
 * annotations on the pod (one merge patch) and as a `decision` trace record.
 * Leaves out: multiple profiles, extenders, metrics, the component config file, the pod group / gang
 * and DRA paths, queueing hints (see queue/scheduling-queue.ts) and async preemption.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiTransport } from '../../api/rest';
import { findResource } from '../../api/resources';
import { EventRecorder } from '../../client/event-recorder';
import { SharedInformerFactory, unwrapTombstone, type SharedInformer } from '../../client/informer';
import { LeaderElector } from '../../client/leader-election';
import { Clientset, type ApiObject } from '../../client/rest-client';
import type { Clock } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { CacheSnapshot, SchedulerCache, cloneNodeInfo } from './cache/cache';
import { fitErrorMessage, truncateMessage, type Diagnosis } from './framework/fit-error';
import {
  Framework,
  attachRecord,
  newAttemptRecord,
  type AttemptRecord,
  type PluginEntry,
} from './framework/framework';
import { CAUSE_KEY, CycleState, type Handle, type QueuedPodInfo, type Status } from './framework/interface';
import { addPod, podInfo } from './framework/node-info';
import { DEFAULT_BINDER, defaultBinder } from './plugins/default-binder';
import { DEFAULT_PREEMPTION, defaultPreemption } from './plugins/default-preemption';
import { DEFAULT_PLUGINS } from './plugins/registry';
import { SchedulingQueue, podKey } from './queue/scheduling-queue';
import { ScheduleAlgorithm } from './schedule-one';
import { recordAnnotations } from './record';

/** The default scheduler name (`spec.schedulerName`). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Options of a scheduler. */
export interface SchedulerOptions {
  api: ApiTransport;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  /** Pods with this spec.schedulerName are ours (default `default-scheduler`). */
  schedulerName?: string;
  /** Run only while holding the `kube-system/kube-scheduler` Lease (default true). */
  leaderElection?: boolean;
  /** Leader identity (default `kube-scheduler-<random>`). */
  identity?: string;
  /** Write the kube-scheduler-simulator annotations on every attempted pod (default true). */
  recordAnnotations?: boolean;
  /** Plugins (default: the registry's, plus DefaultPreemption and DefaultBinder if absent). */
  plugins?: PluginEntry[];
  /** 0 (default) = adaptive, as upstream. */
  percentageOfNodesToScore?: number;
  /** How long an assumed pod may stay unconfirmed after binding (default 0 = forever, as upstream). */
  assumedPodTtlMs?: number;
  /** Where problems are reported. */
  onError?: (message: string) => void;
}

/** Resources the plugins read through `handle.lister` (informers started with the scheduler). */
const LISTED: Array<[group: string, resource: string]> = [
  ['', 'namespaces'],
  ['', 'services'],
  ['', 'persistentvolumeclaims'],
  ['', 'persistentvolumes'],
  ['', 'replicationcontrollers'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['policy', 'poddisruptionbudgets'],
  ['storage.k8s.io', 'storageclasses'],
  ['storage.k8s.io', 'csinodes'],
];

const NO_PODS: Pod[] = [];

/** What `handle.lister` returns. */
type ListerFacade<T> = {
  list(namespace?: string): T[];
  get(namespace: string | undefined, name: string): T | undefined;
};

function isAssigned(p: Pod): boolean {
  return !!p.spec?.nodeName;
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Node changes that can make a pod schedulable (upstream nodeSchedulingPropertiesChange). */
function nodeSchedulingPropertiesChanged(a: Node, b: Node): boolean {
  if (a.spec?.unschedulable !== b.spec?.unschedulable) return true;
  const j = (x: unknown) => JSON.stringify(x ?? null);
  if (j(a.spec?.taints) !== j(b.spec?.taints)) return true;
  if (j(a.metadata?.labels) !== j(b.metadata?.labels)) return true;
  if (j(a.status?.allocatable) !== j(b.status?.allocatable)) return true;
  const conds = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  if (conds(a) !== conds(b)) return true;
  return j(a.metadata?.annotations) !== j(b.metadata?.annotations);
}

/** The kube-scheduler. */
export class Scheduler {
  readonly schedulerName: string;
  readonly clientset: Clientset;
  readonly cache: SchedulerCache;
  readonly snapshot = new CacheSnapshot();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  readonly recorder: EventRecorder;
  private readonly algorithm: ScheduleAlgorithm;
  private factory: SharedInformerFactory | undefined;
  private podInformer: SharedInformer<Pod> | undefined;
  private readonly listers = new Map<string, SharedInformer<ApiObject>>();
  /** `handle.lister` results, per group/resource, for the informer factory they were made from. */
  private readonly listerFacades = new Map<
    string,
    { factory: SharedInformerFactory; facade: ListerFacade<unknown> }
  >();
  private elector: LeaderElector | undefined;
  private running = false;
  private stopped = false;
  private loopDone: Promise<void> | undefined;
  private readonly bindings = new Set<Promise<void>>();
  private readonly record: boolean;

  constructor(private readonly opts: SchedulerOptions) {
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.record = opts.recordAnnotations ?? true;
    this.clientset = new Clientset(opts.api, { from: 'kube-scheduler' });
    this.recorder = new EventRecorder({
      events: this.clientset.events,
      clock: opts.clock,
      component: this.schedulerName,
      defaultKind: { kind: 'Pod', apiVersion: 'v1' },
      onError: (m) => opts.onError?.(m),
    });
    this.cache = new SchedulerCache({ clock: opts.clock, assumedPodTtlMs: opts.assumedPodTtlMs });
    const handle: Handle = {
      snapshot: () => this.snapshot,
      lister: <T>(resource: string, group?: string) => this.lister<T>(resource, group),
      now: () => opts.clock.now(),
      clientset: this.clientset,
      recorder: this.recorder,
      runFilterPluginsWithNominatedPods: (s, p, n) =>
        this.framework.runFilterPluginsWithNominatedPods(s, p, n),
      runPreFilterExtensionAddPod: (s, p, a, n) => this.framework.runPreFilterExtensionAddPod(s, p, a, n),
      runPreFilterExtensionRemovePod: (s, p, r, n) =>
        this.framework.runPreFilterExtensionRemovePod(s, p, r, n),
      nominatedPodsForNode: (n) => this.queue.nominatedPodsForNode(n),
      rng: opts.rng.fork('preemption'),
      clock: opts.clock,
    };
    const entries = opts.plugins ?? Scheduler.defaultPlugins();
    this.framework = new Framework(entries, handle, {
      nominatedPodsForNode: (n) =>
        this.queue.hasNominatedPods ? this.queue.nominatedPodsForNode(n) : NO_PODS,
      addPodToNodeInfo: (ni, p) => addPod(ni, p),
      podInfo,
      cloneNodeInfo,
      clock: opts.clock,
    });
    this.queue = new SchedulingQueue({
      clock: opts.clock,
      less: this.framework.queueSortLess(),
      preEnqueue: this.framework.preEnqueuePlugins.length
        ? (p) => this.framework.runPreEnqueuePlugins(p)
        : undefined,
    });
    this.algorithm = new ScheduleAlgorithm(
      this.framework,
      opts.rng.fork('select-host'),
      opts.percentageOfNodesToScore ?? 0,
    );
  }

  /** The registry's plugins plus DefaultPreemption and DefaultBinder (when the registry lacks them). */
  static defaultPlugins(): PluginEntry[] {
    const out: PluginEntry[] = [...DEFAULT_PLUGINS];
    if (!out.some((e) => e.name === DEFAULT_PREEMPTION))
      out.push({ name: DEFAULT_PREEMPTION, factory: defaultPreemption });
    if (!out.some((e) => e.name === DEFAULT_BINDER))
      out.push({ name: DEFAULT_BINDER, factory: defaultBinder });
    return out;
  }

  /** Starts: with leader election, waits for the Lease and runs while holding it; else runs now. */
  async start(): Promise<void> {
    if (this.opts.leaderElection === false) {
      await this.run();
      return;
    }
    const identity = this.opts.identity ?? `kube-scheduler-${this.opts.rng.int(2 ** 31).toString(16)}`;
    this.elector = new LeaderElector({
      leases: this.clientset.leases,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('leader-election'),
      namespace: 'kube-system',
      name: 'kube-scheduler',
      identity,
      releaseOnCancel: true,
      callbacks: {
        onStartedLeading: () => {
          this.opts.tracer.emit({
            to: 'kube-scheduler',
            kind: 'lifecycle',
            verb: 'leading',
            resource: 'leases',
            namespace: 'kube-system',
            name: 'kube-scheduler',
          });
          void this.run();
        },
        onStoppedLeading: () => this.halt(),
      },
      onError: (m) => this.opts.onError?.(m),
    });
    void this.elector.run();
  }

  /** Stops scheduling (and gives up the Lease). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.elector?.stop();
    this.halt();
    await this.loopDone;
  }

  /** True while the scheduling loop runs (this instance leads). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Resolves when every binding cycle and event write in flight has finished (tests). */
  async idle(): Promise<void> {
    while (this.bindings.size) await Promise.all([...this.bindings]);
    await this.recorder.flush();
  }

  private halt(): void {
    if (!this.running) return;
    this.running = false;
    this.queue.close();
    this.cache.stop();
    this.factory?.shutdown();
  }

  /** Starts informers, waits for them to sync, then runs the scheduling loop. */
  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    const factory = new SharedInformerFactory(this.clientset, {
      clock: this.opts.clock,
      rng: this.opts.rng.fork('informers'),
      onError: (m) => this.opts.onError?.(m),
    });
    this.factory = factory;
    const nodes = factory.informerFor(this.clientset.nodes);
    const pods = factory.informerFor(this.clientset.pods);
    this.podInformer = pods;
    for (const [g, r] of LISTED) if (findResource(g, r)) this.informerForLister(g, r);
    nodes.addEventHandler({
      onAdd: (n) => {
        this.cache.addNode(n);
        this.queue.moveAllToActiveOrBackoffQueue('NodeAdd');
      },
      onUpdate: (o, n) => {
        this.cache.updateNode(o, n);
        if (o !== n && nodeSchedulingPropertiesChanged(o, n))
          this.queue.moveAllToActiveOrBackoffQueue('NodeUpdate');
      },
      onDelete: (x) => this.cache.removeNode(unwrapTombstone(x)),
    });
    pods.addEventHandler({
      onAdd: (p, cause) => this.onPodAdd(p, cause),
      onUpdate: (o, n) => this.onPodUpdate(o, n),
      onDelete: (x) => this.onPodDelete(unwrapTombstone(x)),
    });
    this.cache.run();
    this.queue.run();
    factory.start();
    await factory.waitForCacheSync();
    if (!this.running) return;
    this.loopDone = this.loop();
  }

  private informerForLister(group: string, resource: string): SharedInformer<ApiObject> {
    const key = `${group}/${resource}`;
    let inf = this.listers.get(key);
    if (!inf) {
      inf = this.factory!.forResource(group, undefined, resource);
      this.listers.set(key, inf);
      if (this.running) inf.run();
    }
    return inf;
  }

  private lister<T>(
    resource: string,
    group = '',
  ): { list(namespace?: string): T[]; get(namespace: string | undefined, name: string): T | undefined } {
    const factory = this.factory;
    if (!factory) return { list: () => [] as T[], get: () => undefined };
    const key = `${group}/${resource}`;
    const cached = this.listerFacades.get(key);
    if (cached && cached.factory === factory) return cached.facade as ListerFacade<T>;
    let facade: ListerFacade<unknown>;
    if (!findResource(group, resource)) facade = { list: () => [], get: () => undefined };
    else {
      const l = this.informerForLister(group, resource).lister();
      facade = {
        list: (ns?: string) => (ns ? l.namespace(ns).list() : l.list()) as unknown[],
        get: (ns: string | undefined, name: string) => l.get(ns, name) as unknown,
      };
    }
    this.listerFacades.set(key, { factory, facade });
    return facade as ListerFacade<T>;
  }

  private responsible(p: Pod): boolean {
    return (p.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  private onPodAdd(p: Pod, cause?: string): void {
    if (isAssigned(p)) {
      this.cache.addPod(p);
      return;
    }
    if (this.responsible(p) && !p.metadata?.deletionTimestamp) this.queue.add(p, cause);
  }

  private onPodUpdate(o: Pod, n: Pod): void {
    if (isAssigned(n)) {
      if (!isAssigned(o)) {
        this.queue.delete(n);
        this.cache.addPod(n);
      } else if (o !== n) this.cache.updatePod(o, n);
      return;
    }
    if (!this.responsible(n)) return;
    if (n.metadata?.deletionTimestamp) {
      this.queue.delete(n);
      return;
    }
    if (o !== n) this.queue.update(o, n);
  }

  private onPodDelete(p: Pod): void {
    if (isAssigned(p) || this.cache.podState(p)) {
      this.cache.removePod(p);
      this.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
      if (!isAssigned(p)) this.queue.delete(p);
      return;
    }
    this.queue.delete(p);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const q = await this.queue.pop();
      if (!q) return;
      try {
        await this.scheduleOne(q);
      } catch (e) {
        this.opts.onError?.(
          `scheduling ${podKey(q.pod)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        this.queue.addUnschedulableIfNotPresent(q, this.queue.schedulingCycle, { error: true });
      }
    }
  }

  /** One scheduling cycle (upstream ScheduleOne + schedulingCycle), then the async binding cycle. */
  async scheduleOne(q: QueuedPodInfo): Promise<void> {
    const pod = q.pod;
    if (pod.metadata?.deletionTimestamp || this.cache.podState(pod)) {
      this.queue.done(pod);
      return;
    }
    const cycle = this.queue.schedulingCycle;
    const state = new CycleState();
    const tracing = this.opts.tracer.enabled;
    const rec = this.record || tracing ? newAttemptRecord() : undefined;
    if (rec) attachRecord(state, rec);
    this.cache.updateSnapshot(this.snapshot);
    const result = this.algorithm.schedulePod(state, pod, this.snapshot);
    if (result.kind === 'error') {
      const unresolvable = result.status.code === 'UnschedulableAndUnresolvable';
      await this.handleFailure(
        q,
        cycle,
        result.status.reasons.join(', '),
        unresolvable ? 'Unschedulable' : 'SchedulerError',
        undefined,
        rec,
      );
      return;
    }
    if (result.kind === 'unschedulable') {
      const d = result.diagnosis;
      for (const pl of d.unschedulablePlugins) q.unschedulablePlugins.add(pl);
      let nominated: string | undefined;
      if (this.framework.postFilterPlugins.length) {
        const filtered = this.fullStatusMap(d);
        const pf = await this.framework.runPostFilterPlugins(state, pod, filtered);
        if (pf.status.code !== 'Success') d.postFilterMsg = pf.status.reasons.join(', ');
        nominated = pf.nominatedNodeName;
      }
      await this.handleFailure(
        q,
        cycle,
        fitErrorMessage(result.numAllNodes, d),
        'Unschedulable',
        nominated,
        rec,
      );
      return;
    }
    const host = result.host;
    if (rec) rec.selected = host;
    const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName: host } };
    this.cache.assumePod(assumed);
    const rs = this.framework.runReservePluginsReserve(state, assumed, host);
    if (rs.code !== 'Success') {
      this.framework.runReservePluginsUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      await this.handleFailure(
        q,
        cycle,
        rs.reasons.join(', '),
        rs.code === 'Error' ? 'SchedulerError' : 'Unschedulable',
        undefined,
        rec,
      );
      return;
    }
    const ps = this.framework.runPermitPlugins(state, assumed, host);
    if (ps.code !== 'Success' && ps.code !== 'Wait') {
      this.framework.runReservePluginsUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      await this.handleFailure(
        q,
        cycle,
        ps.reasons.join(', '),
        ps.code === 'Error' ? 'SchedulerError' : 'Unschedulable',
        undefined,
        rec,
      );
      return;
    }
    // The decision (filter and score results, the chosen node) is traced before the binding it causes.
    state.write(CAUSE_KEY, this.decision(pod, rec, q.cause, 'schedule'));
    // A nomination is no longer needed once the pod has a node.
    this.queue.deleteNominatedPodIfExists(pod);
    const b = this.bindingCycle(q, cycle, state, assumed, host, rec);
    this.bindings.add(b);
    void b.finally(() => this.bindings.delete(b));
  }

  /** Node → status for every node: the evaluated ones, then the absent ones with the absent status. */
  private fullStatusMap(d: Diagnosis): Map<string, Status> {
    if (!d.absentNodesStatus) return d.nodeToStatus;
    const m = new Map(d.nodeToStatus);
    for (const ni of this.snapshot.nodes()) if (!m.has(ni.name)) m.set(ni.name, d.absentNodesStatus);
    return m;
  }

  /** upstream bindingCycle: WaitOnPermit, PreBind, Bind, then the Scheduled event and PostBind. */
  private async bindingCycle(
    q: QueuedPodInfo,
    cycle: number,
    state: CycleState,
    assumed: Pod,
    host: string,
    rec: AttemptRecord | undefined,
  ): Promise<void> {
    const fail = async (s: Status) => {
      this.framework.runReservePluginsUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      // The cluster may have changed meanwhile: let parked pods retry (upstream moves on binding failure).
      this.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
      await this.handleFailure(
        q,
        cycle,
        s.reasons.join(', '),
        s.code === 'Error' ? 'SchedulerError' : 'Unschedulable',
        undefined,
        rec,
      );
    };
    const w = await this.framework.waitOnPermit(state);
    if (w.code !== 'Success') return fail(w);
    const pb = await this.framework.runPreBindPlugins(state, assumed, host);
    if (pb.code !== 'Success') return fail(pb);
    const bs = await this.framework.runBindPlugins(state, assumed, host);
    if (bs.code !== 'Success')
      return fail(bs.code === 'Skip' ? { code: 'Error', reasons: ['no bind plugin bound the pod'] } : bs);
    this.cache.finishBinding(assumed);
    const ns = assumed.metadata?.namespace ?? 'default';
    this.recorder.event(
      assumed,
      'Normal',
      'Scheduled',
      `Successfully assigned ${ns}/${assumed.metadata?.name} to ${host}`,
    );
    this.framework.runPostBindPlugins(state, assumed, host);
    this.queue.done(assumed);
    this.annotate(assumed, rec);
  }

  /** upstream handleSchedulingFailure: event, PodScheduled=False condition, back to the queue. */
  private async handleFailure(
    q: QueuedPodInfo,
    cycle: number,
    message: string,
    reason: 'Unschedulable' | 'SchedulerError',
    nominatedNodeName: string | undefined,
    rec: AttemptRecord | undefined,
  ): Promise<void> {
    const pod = q.pod;
    const cached = this.podInformer?.indexer.getByKey(podKey(pod));
    if (!cached) {
      // Deleted meanwhile.
      this.queue.done(pod);
      return;
    }
    if (isAssigned(cached)) {
      this.queue.done(pod);
      return;
    }
    q.pod = cached;
    if (nominatedNodeName) this.queue.addNominatedPod(cached, nominatedNodeName);
    else if (nominatedNodeName === '') this.queue.deleteNominatedPodIfExists(cached);
    this.queue.addUnschedulableIfNotPresent(q, cycle, { error: reason === 'SchedulerError' });
    this.recorder.event(cached, 'Warning', 'FailedScheduling', truncateMessage(message));
    this.decision(cached, rec, q.cause, 'FailedScheduling', message);
    this.annotate(cached, rec);
    await this.updatePodStatus(cached, reason, message, nominatedNodeName);
  }

  /** Patches PodScheduled=False (and nominatedNodeName), skipping the write when nothing changed. */
  private async updatePodStatus(
    pod: Pod,
    reason: string,
    message: string,
    nominatedNodeName: string | undefined,
  ): Promise<void> {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const condChanged = !old || old.status !== 'False' || old.reason !== reason || old.message !== message;
    const curNom = pod.status?.nominatedNodeName ?? '';
    const nomChanged = nominatedNodeName !== undefined && nominatedNodeName !== curNom;
    if (!condChanged && !nomChanged) return;
    const cond: Record<string, unknown> = { type: 'PodScheduled', status: 'False', reason, message };
    cond.lastProbeTime = null;
    cond.lastTransitionTime =
      !old || old.status !== 'False' ? rfc3339(this.opts.clock.now()) : old.lastTransitionTime;
    const status: Record<string, unknown> = { conditions: [cond] };
    if (nomChanged) status.nominatedNodeName = nominatedNodeName || null;
    try {
      await this.clientset.pods.patch(
        pod.metadata?.namespace ?? 'default',
        pod.metadata?.name ?? '',
        'strategic',
        { status },
        { subresource: 'status' },
      );
    } catch (e) {
      this.opts.onError?.(
        `updating the status of ${podKey(pod)}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** The attempt's record as a `decision` trace record; returns its id (the cause of what follows). */
  private decision(
    pod: Pod,
    rec: AttemptRecord | undefined,
    cause: string | undefined,
    verb: string,
    message?: string,
  ): string | undefined {
    if (!rec || !this.opts.tracer.enabled) return cause;
    return this.opts.tracer.emit({
      causeId: cause,
      to: 'kube-scheduler',
      kind: 'decision',
      verb,
      resource: 'pods',
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      detail: {
        filter: rec.filter,
        score: rec.score,
        normalizedScore: rec.normalizedScore,
        finalScore: rec.finalScore,
        total: rec.total,
        selected: rec.selected ?? null,
        ...(message ? { message } : {}),
      },
    });
  }

  /** The attempt's record as kube-scheduler-simulator annotations on the pod. */
  private annotate(pod: Pod, rec: AttemptRecord | undefined): void {
    if (!rec) return;
    const ns = pod.metadata?.namespace;
    const name = pod.metadata?.name;
    if (!this.record) return;
    const p = this.clientset.pods
      .patch(ns ?? 'default', name ?? '', 'merge', { metadata: { annotations: recordAnnotations(rec) } })
      .then(
        () => undefined,
        (e: unknown) => {
          const code = (e as { code?: number }).code;
          if (code !== 404)
            this.opts.onError?.(
              `recording the attempt on ${ns}/${name}: ${e instanceof Error ? e.message : String(e)}`,
            );
        },
      );
    this.bindings.add(p);
    void p.finally(() => this.bindings.delete(p));
  }
}
