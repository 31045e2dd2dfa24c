/**
 * The CronJob controller, v2 logic (upstream pkg/controller/cronjob, `cronjob-controller`) on the
 * cluster clock: finds the most recent unmet schedule time since `lastScheduleTime` (or creation),
 * honours `startingDeadlineSeconds`, `concurrencyPolicy` Allow/Forbid/Replace and `suspend`, creates
 * `<cronjob>-<scheduled minutes since epoch>` Jobs, keeps `status.active`, `lastScheduleTime`,
 * `lastSuccessfulTime`, trims finished Jobs to the history limits and re-queues itself for the next
 * schedule time (+100 ms, as upstream) with the workqueue's addAfter.
 * Left out: the UnexpectedJob adoption path and the job-template validation re-check.
 */
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone } from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { nextAfter, parseCron } from './cron';
import { isJobFinished } from './job';
import {
  QueueController,
  clone,
  controllerRef,
  isConflict,
  isNotFound,
  ownerRefTo,
  parseTime,
  rfc3339,
} from './util';

/** Annotation with the scheduled time of a Job made by a CronJob. */
export const CRONJOB_SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `Mon, 02 Jan 2006 15:04:05 +0000` (Go's RFC1123Z) in UTC. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** The Job name for a schedule time: `<cronjob>-<minutes since the epoch>`. */
export function cronJobName(cronJob: string, scheduledMs: number): string {
  return `${cronJob}-${Math.floor(scheduledMs / 60_000)}`;
}

/** The cronjob-controller. */
export class CronJobController extends QueueController {
  private readonly cronJobs;
  private readonly jobs;
  constructor(ctx: ControllerContext) {
    super(ctx, 'cronjob-controller');
    this.cronJobs = this.use(ctx.informers.informerFor(ctx.client.cronJobs));
    this.jobs = this.use(ctx.informers.informerFor(ctx.client.jobs));
    const add = (c: CronJob) => this.queue.add(`${c.metadata!.namespace}/${c.metadata!.name}`);
    this.cronJobs.addEventHandler({ onAdd: add, onUpdate: (_o, n) => add(n) });
    const onJob = (j: Job) => {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') this.queue.add(`${j.metadata!.namespace}/${ref.name}`);
    };
    this.jobs.addEventHandler({
      onAdd: onJob,
      onUpdate: (_o, n) => onJob(n),
      onDelete: (o) => onJob(unwrapTombstone(o)),
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.cronJobs.lister().get(ns, name);
    if (!cached) return;
    const cj = clone(cached);
    const uid = cj.metadata!.uid!;
    const jobs = this.jobs
      .lister()
      .namespace(ns)
      .list()
      .filter((j) => controllerRef(j)?.uid === uid);
    const now = this.ctx.clock.now();
    const st: CronJobStatus = clone(cj.status ?? {});
    const before = JSON.stringify(st);
    let active: ObjectReference[] = [...(st.active ?? [])];

    // Reconcile the active list with the Jobs.
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata!.uid);
      const fin = isJobFinished(j);
      if (inActive && fin) {
        active = active.filter((a) => a.uid !== j.metadata!.uid);
        this.emit(
          cj,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${j.metadata!.name}, condition: ${fin}`,
        );
      }
      if (fin === 'Complete' && j.status?.completionTime) {
        const t = parseTime(j.status.completionTime)!;
        if (!st.lastSuccessfulTime || parseTime(st.lastSuccessfulTime)! < t)
          st.lastSuccessfulTime = j.status.completionTime;
      }
    }
    for (const a of [...active]) {
      if (jobs.some((j) => j.metadata!.uid === a.uid)) continue;
      try {
        const live = await this.ctx.client.jobs.get(ns, a.name!);
        if (live.metadata?.uid === a.uid) continue;
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      active = active.filter((x) => x.uid !== a.uid);
    }
    st.active = active.length ? active : undefined;

    // History limits.
    if (!cj.metadata!.deletionTimestamp) {
      await this.trim(cj, jobs, 'Complete', cj.spec?.successfulJobsHistoryLimit);
      await this.trim(cj, jobs, 'Failed', cj.spec?.failedJobsHistoryLimit);
    }

    const spec = cj.spec!;
    let schedule;
    try {
      schedule = parseCron(spec.schedule, spec.timeZone);
    } catch (e) {
      this.emit(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${spec.schedule}" : ${(e as Error).message}`,
      );
      await this.writeStatus(cj, st, before);
      return;
    }
    if (cj.metadata!.deletionTimestamp || spec.suspend) {
      await this.writeStatus(cj, st, before);
      return;
    }

    // Most recent unmet time.
    let earliest = parseTime(st.lastScheduleTime) ?? parseTime(cj.metadata!.creationTimestamp) ?? now;
    if (spec.startingDeadlineSeconds !== undefined)
      earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
    let scheduled: number | undefined;
    let missed = 0;
    for (let t = nextAfter(schedule, earliest); t !== undefined && t <= now; t = nextAfter(schedule, t)) {
      scheduled = t;
      if (++missed > 100) {
        this.emit(
          cj,
          'Warning',
          'TooManyMissedTimes',
          `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
        );
        break;
      }
    }
    const requeue = () => {
      const next = nextAfter(schedule, now);
      if (next !== undefined) this.queue.addAfter(key, next - now + 100);
    };
    if (scheduled === undefined) {
      await this.writeStatus(cj, st, before);
      requeue();
      return;
    }
    if (spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
      this.emit(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
      );
      await this.writeStatus(cj, st, before);
      requeue();
      return;
    }
    const jobName = cronJobName(cj.metadata!.name!, scheduled);
    if (active.some((a) => a.name === jobName)) {
      await this.writeStatus(cj, st, before);
      requeue();
      return;
    }
    if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
      this.emit(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      await this.writeStatus(cj, st, before);
      requeue();
      return;
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const a of [...active]) {
        try {
          await this.ctx.client.jobs.delete(ns, a.name!, { propagationPolicy: 'Background' });
          this.emit(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        active = active.filter((x) => x.uid !== a.uid);
      }
    }
    const tmpl = clone(spec.jobTemplate);
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: ns,
        labels: tmpl.metadata?.labels,
        annotations: {
          ...(tmpl.metadata?.annotations ?? {}),
          [CRONJOB_SCHEDULED_TIMESTAMP]: rfc3339(scheduled),
        },
        ownerReferences: [ownerRefTo(cj, 'batch/v1', 'CronJob')],
      },
      spec: tmpl.spec,
    };
    let created: Job;
    try {
      created = await this.ctx.client.jobs.create(ns, job);
      this.emit(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    } catch (e) {
      if (!isConflict(e)) throw e;
      created = await this.ctx.client.jobs.get(ns, jobName);
      if (controllerRef(created)?.uid !== uid || isJobFinished(created)) {
        st.lastScheduleTime = rfc3339(scheduled);
        await this.writeStatus(cj, st, before);
        requeue();
        return;
      }
    }
    active.push({
      kind: 'Job',
      namespace: ns,
      name: jobName,
      uid: created.metadata!.uid,
      apiVersion: 'batch/v1',
      resourceVersion: created.metadata!.resourceVersion,
    });
    st.active = active;
    st.lastScheduleTime = rfc3339(scheduled);
    await this.writeStatus(cj, st, before);
    requeue();
  }

  private async trim(
    cj: CronJob,
    jobs: Job[],
    kind: 'Complete' | 'Failed',
    limit: number | undefined,
  ): Promise<void> {
    if (limit === undefined) return;
    const done = jobs
      .filter((j) => isJobFinished(j) === kind && !j.metadata?.deletionTimestamp)
      .sort(
        (a, b) =>
          (parseTime(a.status?.startTime) ?? 0) - (parseTime(b.status?.startTime) ?? 0) ||
          a.metadata!.name!.localeCompare(b.metadata!.name!),
      );
    for (const j of done.slice(0, Math.max(0, done.length - limit))) {
      try {
        await this.ctx.client.jobs.delete(j.metadata!.namespace, j.metadata!.name!, {
          propagationPolicy: 'Background',
        });
        this.emit(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private async writeStatus(cj: CronJob, st: CronJobStatus, before: string): Promise<void> {
    for (const k of Object.keys(st) as Array<keyof CronJobStatus>) if (st[k] === undefined) delete st[k];
    if (JSON.stringify(st) === before) return;
    await this.ctx.client.cronJobs.updateStatus({ ...cj, status: st });
  }

  private emit(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.emit(cj, 'batch/v1', 'CronJob', type, reason, message);
  }
}

/** Registry entry. */
export const cronJobDescriptor: ControllerDescriptor = {
  name: 'cronjob-controller',
  workers: 5,
  create: (ctx) => new CronJobController(ctx),
};
