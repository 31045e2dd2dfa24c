/**
 * The scheduling queue (upstream pkg/scheduler/backend/queue/scheduling_queue.go, PriorityQueue):
 * activeQ (a heap in QueueSort order), backoffQ (ordered by back-off expiry: 1 s × 2^(attempts−1),
 * capped at 10 s) and unschedulablePods (parked until a cluster event moves them, or flushed after
 * 5 min); PreEnqueue gates (SchedulingGates) keep pods out of activeQ; the nominator remembers
 * nominated pods per node. Leaves out: queueing hints (any cluster event moves every unschedulable pod,
 * as the pre-hints queue did), in-flight event tracking (a move request during a pod's cycle sends it
 * to backoffQ instead), the 1 s backoffQ ticker (a timer fires at the exact expiry instead) and
 * pop-from-backoffQ.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Clock, TimerId } from '../../../runtime/clock';
import type { QueuedPodInfo, Status } from '../framework/interface';
import { KeyedHeap } from './heap';

/** Upstream defaults (podInitialBackoffSeconds, podMaxBackoffSeconds, podMaxInUnschedulablePodsDuration). */
export const QUEUE_DEFAULTS = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 10_000,
  maxInUnschedulableMs: 5 * 60_000,
  flushUnschedulableEveryMs: 30_000,
} as const;

/** The key the queue uses for a pod: `namespace/name`. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** Priority of a pod (spec.priority, 0 when unset). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** PrioritySort's less: higher priority first, then earlier queue timestamp. */
export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = podPriority(a.pod);
  const pb = podPriority(b.pod);
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}

/** Options of the queue. */
export interface SchedulingQueueOptions {
  clock: Clock;
  /** QueueSort plugin's less (default: PrioritySort). */
  less?: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** PreEnqueue plugins, run on add/update; a non-success keeps the pod gated. */
  preEnqueue?: (pod: Pod) => Status;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
  /** Whether a pod update is worth retrying (default: anything outside status / resourceVersion changed). */
  isPodUpdated?: (oldPod: Pod, newPod: Pod) => boolean;
}

/** Where a pod sits (for tests and the UI). */
export type QueueName = 'active' | 'backoff' | 'unschedulable' | 'gated';

/** Annotation keys that describe a scheduling attempt (their change alone does not retry a pod). */
const RECORD_ANNOTATION_PREFIX = 'kube-scheduler-simulator.sigs.k8s.io/';

function strip(pod: Pod): unknown {
  const m = { ...(pod.metadata ?? {}) };
  delete m.resourceVersion;
  delete m.generation;
  delete m.managedFields;
  if (m.annotations) {
    const a: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.annotations)) if (!k.startsWith(RECORD_ANNOTATION_PREFIX)) a[k] = v;
    if (Object.keys(a).length) m.annotations = a;
    else delete m.annotations;
  }
  return { metadata: m, spec: pod.spec };
}

/** Upstream isPodUpdated: true when something other than status / resourceVersion / generation changed. */
export function defaultIsPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  return JSON.stringify(strip(oldPod)) !== JSON.stringify(strip(newPod));
}

/** The scheduler's PriorityQueue. */
export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly gated = new Map<string, QueuedPodInfo>();
  /** Pods popped and not yet done (their cycle is running). */
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private waiters: Array<(p: QueuedPodInfo | undefined) => void> = [];
  private backoffTimer: TimerId | undefined;
  private backoffTimerDue = Infinity;
  private flushTimer: TimerId | undefined;
  private cycle = 0;
  private moveRequestCycle = -1;
  private closed = false;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private readonly isPodUpdated: (a: Pod, b: Pod) => boolean;
  /** Nominated pods: node name → pod key → pod. */
  private readonly nominated = new Map<string, Map<string, Pod>>();
  private readonly nominatedNodeOf = new Map<string, string>();

  constructor(private readonly opts: SchedulingQueueOptions) {
    this.clock = opts.clock;
    this.less = opts.less ?? prioritySortLess;
    this.initialBackoff = opts.initialBackoffMs ?? QUEUE_DEFAULTS.initialBackoffMs;
    this.maxBackoff = opts.maxBackoffMs ?? QUEUE_DEFAULTS.maxBackoffMs;
    this.maxInUnschedulable = opts.maxInUnschedulableMs ?? QUEUE_DEFAULTS.maxInUnschedulableMs;
    this.isPodUpdated = opts.isPodUpdated ?? defaultIsPodUpdated;
    this.activeQ = new KeyedHeap(
      (q) => podKey(q.pod),
      (a, b) => this.less(a, b),
    );
    this.backoffQ = new KeyedHeap(
      (q) => podKey(q.pod),
      (a, b) =>
        this.backoffExpiry(a) < this.backoffExpiry(b) ||
        (this.backoffExpiry(a) === this.backoffExpiry(b) && this.less(a, b)),
    );
  }

  /** Starts the periodic flush of pods left in unschedulablePods too long. */
  run(): void {
    const tick = () => {
      this.flushUnschedulableLeftover();
      this.flushTimer = this.clock.setTimeout(tick, QUEUE_DEFAULTS.flushUnschedulableEveryMs);
    };
    this.flushTimer = this.clock.setTimeout(tick, QUEUE_DEFAULTS.flushUnschedulableEveryMs);
  }

  /** Stops timers and wakes any pending `pop` with undefined. */
  close(): void {
    this.closed = true;
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    if (this.backoffTimer !== undefined) this.clock.clearTimeout(this.backoffTimer);
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** The number of scheduling cycles started (pops). */
  get schedulingCycle(): number {
    return this.cycle;
  }

  /** Back-off of a pod after `attempts` failed attempts: 1 s, 2 s, 4 s, 8 s, 10 s, 10 s, ... */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoff;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d > this.maxBackoff) return this.maxBackoff;
    }
    return Math.min(d, this.maxBackoff);
  }

  /** When the pod's back-off ends (its last failure time + back-off). */
  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  /** Adds a new pending pod (informer add); `cause` is the trace id of the event that brought it. */
  add(pod: Pod, cause?: string): void {
    const key = podKey(pod);
    const now = this.clock.now();
    const q: QueuedPodInfo = {
      pod,
      initialAttemptTimestamp: now,
      timestamp: now,
      attempts: 0,
      unschedulablePlugins: new Set(),
      cause,
    };
    this.unschedulable.delete(key);
    this.backoffQ.delete(key);
    this.gated.delete(key);
    this.toActive(q);
    this.updateNominated(pod);
  }

  /** A pending pod changed (informer update). */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    this.updateNominated(newPod);
    const inActive = this.activeQ.get(key);
    if (inActive) {
      this.activeQ.addOrUpdate({ ...inActive, pod: newPod });
      return;
    }
    const inBackoff = this.backoffQ.get(key);
    if (inBackoff) {
      this.backoffQ.addOrUpdate({ ...inBackoff, pod: newPod });
      return;
    }
    const inGated = this.gated.get(key);
    if (inGated) {
      this.gated.delete(key);
      this.toActive({ ...inGated, pod: newPod });
      return;
    }
    const parked = this.unschedulable.get(key);
    if (parked) {
      const q = { ...parked, pod: newPod };
      if (this.isPodUpdated(oldPod, newPod)) {
        this.unschedulable.delete(key);
        if (this.backoffExpiry(q) > this.clock.now()) this.toBackoff(q);
        else this.toActive(q);
      } else this.unschedulable.set(key, q);
      return;
    }
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.pod = newPod;
      return;
    }
    this.add(newPod);
  }

  /** A pod was deleted, or got assigned: it leaves every queue. */
  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.gated.delete(key);
    this.deleteNominatedPodIfExists(pod);
  }

  /** Waits for the next pod in activeQ (undefined once closed). */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const q = this.tryPop();
    if (q) return Promise.resolve(q);
    return new Promise((r) => this.waiters.push(r));
  }

  /** Pops synchronously if a pod is ready. */
  tryPop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    this.cycle++;
    q.attempts++;
    this.inFlight.set(podKey(q.pod), q);
    return q;
  }

  /** The pod's scheduling cycle ended (success or failure handled). */
  done(pod: Pod): void {
    this.inFlight.delete(podKey(pod));
  }

  /**
   * Puts a pod that failed back (upstream AddUnschedulableIfNotPresent): to backoffQ when the failure
   * was an error or a move request happened during its cycle, otherwise to unschedulablePods.
   */
  addUnschedulableIfNotPresent(
    q: QueuedPodInfo,
    podSchedulingCycle: number,
    opts: { error?: boolean } = {},
  ): void {
    const key = podKey(q.pod);
    this.inFlight.delete(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key) || this.gated.has(key))
      return;
    q.timestamp = this.clock.now();
    if (opts.error || q.unschedulablePlugins.size === 0 || this.moveRequestCycle >= podSchedulingCycle)
      this.toBackoff(q);
    else this.unschedulable.set(key, q);
  }

  /** A cluster event: every unschedulable pod goes to backoffQ (still backing off) or activeQ. */
  moveAllToActiveOrBackoffQueue(_event?: string): void {
    void _event;
    // Recorded first: moving a pod may wake a waiting pop, which starts the next cycle at once.
    this.moveRequestCycle = this.cycle;
    const now = this.clock.now();
    for (const [key, q] of this.unschedulable) {
      this.unschedulable.delete(key);
      if (this.backoffExpiry(q) > now) this.toBackoff(q);
      else this.toActive(q);
    }
  }

  /** Moves pods parked longer than podMaxInUnschedulablePodsDuration (5 min). */
  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp <= this.maxInUnschedulable) continue;
      this.unschedulable.delete(key);
      if (this.backoffExpiry(q) > now) this.toBackoff(q);
      else this.toActive(q);
    }
  }

  /** Moves every pod whose back-off has ended to activeQ. */
  flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (let q = this.backoffQ.peek(); q && this.backoffExpiry(q) <= now; q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.toActive(q);
    }
    this.armBackoffTimer();
  }

  /** Where the pod with this key is. */
  where(key: string): QueueName | 'in-flight' | undefined {
    if (this.activeQ.has(key)) return 'active';
    if (this.backoffQ.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    if (this.gated.has(key)) return 'gated';
    if (this.inFlight.has(key)) return 'in-flight';
    return undefined;
  }

  /** Pending pods per queue (upstream PendingPods). */
  pendingPods(): Record<QueueName, Pod[]> {
    return {
      active: this.activeQ.list().map((q) => q.pod),
      backoff: this.backoffQ.list().map((q) => q.pod),
      unschedulable: [...this.unschedulable.values()].map((q) => q.pod),
      gated: [...this.gated.values()].map((q) => q.pod),
    };
  }

  // ------------------------------------------------------------------ nominator

  /** Records that `pod` is nominated to `nodeName` (status.nominatedNodeName or a fresh preemption). */
  addNominatedPod(pod: Pod, nodeName: string): void {
    this.deleteNominatedPodIfExists(pod);
    if (!nodeName) return;
    const key = podKey(pod);
    let m = this.nominated.get(nodeName);
    if (!m) this.nominated.set(nodeName, (m = new Map()));
    m.set(key, pod);
    this.nominatedNodeOf.set(key, nodeName);
  }

  /** Forgets the pod's nomination. */
  deleteNominatedPodIfExists(pod: Pod): void {
    const key = podKey(pod);
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    const m = this.nominated.get(node);
    m?.delete(key);
    if (m && m.size === 0) this.nominated.delete(node);
  }

  /** Pods nominated to `nodeName`. */
  nominatedPodsForNode(nodeName: string): Pod[] {
    const m = this.nominated.get(nodeName);
    return m ? [...m.values()] : [];
  }

  /** True when some pod is nominated anywhere (fast path for filters). */
  get hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  private updateNominated(pod: Pod): void {
    const n = pod.status?.nominatedNodeName;
    if (n) this.addNominatedPod(pod, n);
    else if (this.nominatedNodeOf.has(podKey(pod))) {
      // Keep a nomination made by this scheduler until the pod is scheduled or deleted.
      const node = this.nominatedNodeOf.get(podKey(pod))!;
      this.nominated.get(node)?.set(podKey(pod), pod);
    }
  }

  // ------------------------------------------------------------------ moves

  private toActive(q: QueuedPodInfo): void {
    const key = podKey(q.pod);
    const gate = this.opts.preEnqueue?.(q.pod);
    if (gate && gate.code !== 'Success') {
      this.gated.set(key, q);
      return;
    }
    q.timestamp = this.clock.now();
    this.activeQ.addOrUpdate(q);
    const w = this.waiters.shift();
    if (w) {
      const popped = this.tryPop();
      if (popped) w(popped);
      else this.waiters.unshift(w);
    }
  }

  private toBackoff(q: QueuedPodInfo): void {
    this.backoffQ.addOrUpdate(q);
    this.armBackoffTimer();
  }

  private armBackoffTimer(): void {
    const head = this.backoffQ.peek();
    const due = head ? this.backoffExpiry(head) : Infinity;
    if (due === this.backoffTimerDue) return;
    if (this.backoffTimer !== undefined) this.clock.clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
    this.backoffTimerDue = due;
    if (!head || this.closed) return;
    this.backoffTimer = this.clock.setTimeout(() => {
      this.backoffTimer = undefined;
      this.backoffTimerDue = Infinity;
      this.flushBackoffCompleted();
    }, due - this.clock.now());
  }
}
