/**
 * The Job controller (upstream pkg/controller/job, `job-controller`): runs pods until `completions`
 * succeed (NonIndexed or Indexed), at most `parallelism` at a time; tracks finished pods through the
 * `batch.kubernetes.io/job-tracking` finalizer and `status.uncountedTerminatedPods`; re-creates failed
 * pods after the pod-failure back-off (10 s doubling, capped at 10 min as in job_controller.go; the docs
 * say 6 min); fails the Job past `backoffLimit` (BackoffLimitExceeded) or `activeDeadlineSeconds`
 * (DeadlineExceeded) through FailureTarget then Failed, and completes it through SuccessCriteriaMet then
 * Complete; suspends and resumes.
 *
 * Left out: podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy, container restarts
 * counting toward the limit for restartPolicy OnFailure, slow-start batches, pod expectations (an
 * in-memory set of just-created pods stands in for them).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { matches, selectorFromLabelSelector } from '../../../../api/labels';
import { unwrapTombstone } from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { splitKey } from '../../../../client/controller-base';
import {
  QueueController,
  clone,
  controllerRef,
  findCondition,
  isNotFound,
  ownerRefTo,
  parseTime,
  rfc3339,
} from './util';

/** The finalizer the Job controller puts on its pods until it has counted them. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Label and annotation with an Indexed Job pod's index. */
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** First pod-failure back-off (upstream DefaultJobPodFailureBackOff). */
export const JOB_BACKOFF_INITIAL_MS = 10_000;
/** Back-off cap (upstream MaxJobPodFailureBackOff). */
export const JOB_BACKOFF_MAX_MS = 600_000;

const MSG_BACKOFF = 'Job has reached the specified backoff limit';
const MSG_DEADLINE = 'Job was active longer than specified deadline';
const MSG_COMPLETE = 'Reached expected number of succeeded pods';

type Phase = 'active' | 'succeeded' | 'failed';

/** Where a pod stands for its Job (upstream: active / succeeded / isPodFailed). */
function podPhase(p: Pod): Phase {
  const phase = p.status?.phase;
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed') return 'failed';
  // podReplacementPolicy TerminatingOrFailed: a terminating pod counts as failed.
  if (p.metadata?.deletionTimestamp) return 'failed';
  return 'active';
}

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** True when the Job has a Complete or Failed condition set to True. */
export function isJobFinished(j: Job): 'Complete' | 'Failed' | undefined {
  for (const c of j.status?.conditions ?? [])
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

function podIndex(p: Pod): number | undefined {
  const v = p.metadata?.annotations?.[JOB_COMPLETION_INDEX] ?? p.metadata?.labels?.[JOB_COMPLETION_INDEX];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `1,3-5,7` from a sorted set of indexes (status.completedIndexes). */
export function formatIndexes(ix: Iterable<number>): string {
  const s = [...new Set(ix)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j === i ? String(s[i]) : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Parses `1,3-5` back into indexes. */
export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

/** The pod-failure back-off before re-creating pods after `failures` consecutive failures. */
export function jobBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(JOB_BACKOFF_INITIAL_MS * 2 ** (failures - 1), JOB_BACKOFF_MAX_MS);
}

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number;
}

/** The job-controller. */
export class JobController extends QueueController {
  private readonly jobs;
  private readonly pods;
  /** Pods created but not yet seen by the informer, by job key (stands in for expectations). */
  private readonly inflight = new Map<string, Set<string>>();
  private readonly backoff = new Map<string, BackoffRecord>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'job-controller');
    this.jobs = this.use(ctx.informers.informerFor(ctx.client.jobs));
    this.pods = this.use(ctx.informers.informerFor(ctx.client.pods));
    const enqueueJob = (o: Job) => this.queue.add(`${o.metadata!.namespace}/${o.metadata!.name}`);
    this.jobs.addEventHandler({
      onAdd: enqueueJob,
      onUpdate: (_o, n) => enqueueJob(n),
      onDelete: (o) => {
        const j = unwrapTombstone(o);
        this.backoff.delete(`${j.metadata!.namespace}/${j.metadata!.name}`);
      },
    });
    const onPod = (p: Pod) => {
      const ref = controllerRef(p);
      if (ref?.kind !== 'Job') return;
      const key = `${p.metadata!.namespace}/${ref.name}`;
      this.inflight.get(key)?.delete(p.metadata!.name!);
      this.queue.add(key);
    };
    this.pods.addEventHandler({
      onAdd: onPod,
      onUpdate: (_o, n) => onPod(n),
      onDelete: (o) => onPod(unwrapTombstone(o)),
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.jobs.lister().get(ns, name);
    if (!cached) {
      this.inflight.delete(key);
      return;
    }
    let job = clone(cached);
    const uid = job.metadata!.uid!;
    const sel = selectorFromLabelSelector(job.spec?.selector);
    const pods = this.pods
      .lister()
      .namespace(ns)
      .list()
      .filter((p) => controllerRef(p)?.uid === uid && matches(sel, p.metadata?.labels));
    const now = this.ctx.clock.now();
    const finished = isJobFinished(job);

    // 1. Count terminated pods that still carry the tracking finalizer (two-phase, as upstream).
    const status: JobStatus = job.status ?? {};
    const uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const known = new Set([...uncounted.succeeded, ...uncounted.failed]);
    let newlyFailed = 0;
    let lastFailure = 0;
    const completed = parseIndexes(status.completedIndexes);
    const indexed = job.spec?.completionMode === 'Indexed';
    for (const p of pods) {
      const ph = podPhase(p);
      if (ph === 'active' || !p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
      const puid = p.metadata.uid!;
      if (known.has(puid)) continue;
      if (ph === 'succeeded') {
        const ix = podIndex(p);
        if (indexed && (ix === undefined || completed.has(ix) || ix >= (job.spec?.completions ?? 0))) {
          // A duplicate or out-of-range index: removed without counting.
        } else {
          uncounted.succeeded.push(puid);
          if (indexed) completed.add(ix!);
        }
      } else {
        uncounted.failed.push(puid);
        newlyFailed++;
        const fin =
          p.status?.containerStatuses?.map((c) => parseTime(c.state?.terminated?.finishedAt) ?? 0) ?? [];
        lastFailure = Math.max(lastFailure, ...fin, parseTime(p.metadata.deletionTimestamp) ?? 0);
      }
      known.add(puid);
    }
    if (
      uncounted.succeeded.length !== (status.uncountedTerminatedPods?.succeeded?.length ?? 0) ||
      newlyFailed
    ) {
      const st: JobStatus = {
        ...status,
        uncountedTerminatedPods: compactUncounted(uncounted),
      };
      if (indexed) st.completedIndexes = formatIndexes(completed);
      job = await this.writeStatus(job, st);
      this.recordFailures(key, newlyFailed, lastFailure || now, uncounted.succeeded.length > 0);
    }
    // 2. Remove the finalizer of every pod counted (or of every pod, once the Job is finished).
    const countedUids = new Set([...uncounted.succeeded, ...uncounted.failed]);
    for (const p of pods) {
      if (!p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
      if (!countedUids.has(p.metadata.uid!) && !(finished && podPhase(p) !== 'active')) continue;
      await this.removeFinalizer(p);
    }
    // 3. Move the uncounted pods to the counters.
    if (countedUids.size) {
      const s = job.status ?? {};
      job = await this.writeStatus(job, {
        ...s,
        succeeded: (s.succeeded ?? 0) + uncounted.succeeded.length || undefined,
        failed: (s.failed ?? 0) + uncounted.failed.length || undefined,
        uncountedTerminatedPods: {},
      });
    }
    if (finished) return;
    await this.reconcile(key, job, pods, now);
  }

  private recordFailures(key: string, failed: number, at: number, succeeded: boolean): void {
    const rec = this.backoff.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureTime: 0 };
    if (succeeded && !failed) rec.failuresAfterLastSuccess = 0;
    if (failed) {
      rec.failuresAfterLastSuccess += failed;
      rec.lastFailureTime = Math.max(rec.lastFailureTime, at);
    }
    this.backoff.set(key, rec);
  }

  /** Pods to run, conditions, status. */
  private async reconcile(key: string, job: Job, allPods: Pod[], now: number): Promise<void> {
    const spec = job.spec ?? { template: {} };
    const st: JobStatus = { ...(job.status ?? {}) };
    const suspended = spec.suspend === true;
    const active = allPods.filter((p) => podPhase(p) === 'active');
    const pendingCreates = [...(this.inflight.get(key) ?? [])];
    const succeeded = st.succeeded ?? 0;
    const failed = st.failed ?? 0;
    let conds: JobCondition[] = [...(st.conditions ?? [])];
    const nowStr = rfc3339(now);

    // Suspension.
    const susp = findCondition(conds, 'Suspended');
    if (suspended) {
      if (susp?.status !== 'True') {
        conds = upsert(
          conds,
          { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' },
          nowStr,
        );
        this.emit(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else {
      if (susp?.status === 'True') {
        conds = upsert(
          conds,
          { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' },
          nowStr,
        );
        st.startTime = nowStr;
        this.emit(job, 'Normal', 'Resumed', 'Job resumed');
      }
      if (!st.startTime) st.startTime = nowStr;
    }

    // Failure: back-off limit or deadline.
    let failure: { reason: string; message: string } | undefined;
    const ft = findCondition(conds, 'FailureTarget');
    if (ft?.status === 'True') failure = { reason: ft.reason!, message: ft.message! };
    else if (failed > (spec.backoffLimit ?? 6))
      failure = { reason: 'BackoffLimitExceeded', message: MSG_BACKOFF };
    else if (!suspended && spec.activeDeadlineSeconds !== undefined && st.startTime) {
      const deadline = parseTime(st.startTime)! + spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) failure = { reason: 'DeadlineExceeded', message: MSG_DEADLINE };
      else this.queue.addAfter(key, deadline - now);
    }

    // Success.
    const indexed = spec.completionMode === 'Indexed';
    const completions = spec.completions ?? undefined;
    let success = false;
    if (!failure) {
      if (findCondition(conds, 'SuccessCriteriaMet')?.status === 'True') success = true;
      else if (indexed) success = parseIndexes(st.completedIndexes).size >= (completions ?? 0);
      else if (completions !== undefined) success = succeeded >= completions;
      else success = succeeded > 0 && active.length === 0;
    }

    let toDelete: Pod[] = [];
    let creates: Array<number | undefined> = [];
    if (failure) {
      if (ft?.status !== 'True')
        conds = upsert(conds, { type: 'FailureTarget', status: 'True', ...failure }, nowStr);
      toDelete = active;
    } else if (success) {
      if (findCondition(conds, 'SuccessCriteriaMet')?.status !== 'True')
        conds = upsert(
          conds,
          { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: MSG_COMPLETE },
          nowStr,
        );
      toDelete = active;
    } else if (suspended) {
      toDelete = active;
    } else {
      const parallelism = spec.parallelism ?? 1;
      if (indexed) {
        const done = parseIndexes(st.completedIndexes);
        const running = new Set<number>();
        for (const p of active) {
          const ix = podIndex(p);
          if (ix === undefined || running.has(ix) || done.has(ix) || ix >= completions!) toDelete.push(p);
          else running.add(ix);
        }
        for (const n of pendingCreates) {
          const m = /-(\d+)-[a-z0-9]+$/.exec(n);
          if (m) running.add(Number(m[1]));
        }
        const budget = parallelism - running.size;
        for (let i = 0; i < (completions ?? 0) && creates.length < budget; i++)
          if (!done.has(i) && !running.has(i)) creates.push(i);
      } else {
        const remaining =
          completions === undefined ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
        const want = Math.max(0, Math.min(parallelism, remaining));
        const have = active.length + pendingCreates.length;
        if (have > want) {
          // Delete not-ready before ready, then newest first.
          const sorted = [...active].sort(
            (a, b) =>
              Number(isReady(a)) - Number(isReady(b)) ||
              (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''),
          );
          toDelete = sorted.slice(0, Math.min(active.length, have - want));
        } else if (have < want) creates = Array.from({ length: want - have }, () => undefined);
      }
      if (creates.length) {
        const rec = this.backoff.get(key);
        const wait = rec ? rec.lastFailureTime + jobBackoffMs(rec.failuresAfterLastSuccess) - now : 0;
        if (wait > 0) {
          creates = [];
          this.queue.addAfter(key, wait);
        }
      }
    }

    for (const p of toDelete) {
      try {
        await this.ctx.client.pods.delete(p.metadata!.namespace, p.metadata!.name!);
        this.emit(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    for (const ix of creates) await this.createPod(key, job, ix);

    // Terminal conditions once no pod is left running.
    const stillActive =
      active.filter((p) => !toDelete.includes(p)).length + creates.length + pendingCreates.length;
    const terminating = allPods.filter(
      (p) => p.metadata?.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''),
    ).length;
    let completedNow = false;
    if (
      failure &&
      stillActive === 0 &&
      terminating + toDelete.length === 0 &&
      !findCondition(conds, 'Failed')
    ) {
      conds = upsert(conds, { type: 'Failed', status: 'True', ...failure }, nowStr);
      this.emit(job, 'Warning', failure.reason, failure.message);
    } else if (
      success &&
      stillActive === 0 &&
      terminating + toDelete.length === 0 &&
      !findCondition(conds, 'Complete')
    ) {
      conds = upsert(
        conds,
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: MSG_COMPLETE },
        nowStr,
      );
      st.completionTime = nowStr;
      completedNow = true;
    } else if ((failure || success) && (terminating || toDelete.length)) {
      this.queue.addAfter(key, 1000);
    }

    st.active = stillActive || undefined;
    st.ready = active.filter((p) => !toDelete.includes(p) && isReady(p)).length;
    st.terminating = terminating + toDelete.length;
    st.conditions = conds.length ? conds : undefined;
    st.uncountedTerminatedPods ??= {};
    await this.writeStatus(job, st);
    if (completedNow) this.emit(job, 'Normal', 'Completed', 'Job completed');
  }

  private async createPod(key: string, job: Job, index: number | undefined): Promise<void> {
    const t = clone(job.spec!.template);
    const m = t.metadata ?? {};
    const labels = { ...(m.labels ?? {}) };
    const annotations = { ...(m.annotations ?? {}) };
    const name = job.metadata!.name!;
    const spec = t.spec!;
    let generateName = `${name}-`;
    if (index !== undefined) {
      labels[JOB_COMPLETION_INDEX] = String(index);
      annotations[JOB_COMPLETION_INDEX] = String(index);
      generateName = `${name}-${index}-`;
      spec.hostname ??= `${name}-${index}`;
      for (const c of spec.containers ?? [])
        c.env = [
          ...(c.env ?? []),
          {
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX}']` } },
          },
        ];
    }
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName,
        namespace: job.metadata!.namespace,
        labels,
        annotations: Object.keys(annotations).length ? annotations : undefined,
        ownerReferences: [ownerRefTo(job, 'batch/v1', 'Job')],
        finalizers: [JOB_TRACKING_FINALIZER],
      },
      spec,
    };
    const created = await this.ctx.client.pods.create(job.metadata!.namespace, pod);
    const n = created.metadata!.name!;
    if (!this.pods.lister().get(job.metadata!.namespace, n)) {
      const s = this.inflight.get(key) ?? new Set<string>();
      s.add(n);
      this.inflight.set(key, s);
    }
    this.emit(job, 'Normal', 'SuccessfulCreate', `Created pod: ${n}`);
  }

  private async removeFinalizer(p: Pod): Promise<void> {
    const rest = (p.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    try {
      await this.ctx.client.pods.patch(p.metadata!.namespace, p.metadata!.name!, 'merge', {
        metadata: { finalizers: rest.length ? rest : null, resourceVersion: p.metadata!.resourceVersion },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async writeStatus(job: Job, st: JobStatus): Promise<Job> {
    for (const k of Object.keys(st) as Array<keyof JobStatus>) if (st[k] === undefined) delete st[k];
    return this.ctx.client.jobs.updateStatus({ ...job, status: st });
  }

  private emit(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.emit(job, 'batch/v1', 'Job', type, reason, message);
  }
}

function compactUncounted(u: { succeeded: string[]; failed: string[] }): {
  succeeded?: string[];
  failed?: string[];
} {
  const o: { succeeded?: string[]; failed?: string[] } = {};
  if (u.succeeded.length) o.succeeded = u.succeeded;
  if (u.failed.length) o.failed = u.failed;
  return o;
}

function upsert(
  conds: JobCondition[],
  c: Omit<JobCondition, 'lastProbeTime' | 'lastTransitionTime'>,
  now: string,
): JobCondition[] {
  const out = conds.filter((x) => x.type !== c.type);
  const old = conds.find((x) => x.type === c.type);
  const next: JobCondition = {
    ...c,
    lastProbeTime: now,
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now,
  };
  if (old) out.splice(conds.indexOf(old), 0, next);
  else out.push(next);
  return out;
}

/** Registry entry. */
export const jobControllerDescriptor: ControllerDescriptor = {
  name: 'job-controller',
  workers: 5,
  create: (ctx) => new JobController(ctx),
};
