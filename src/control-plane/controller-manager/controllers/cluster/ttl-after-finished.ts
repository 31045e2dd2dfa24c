/**
 * The TTL-after-finished controller (upstream pkg/controller/ttlafterfinished,
 * `ttl-after-finished-controller`): deletes a finished Job (Complete or Failed) `ttlSecondsAfterFinished`
 * after it finished, with Foreground propagation and a uid precondition, as upstream does.
 * Left out: the re-check through a live GET before deleting (the cached Job is used).
 */
import type { Job } from 'kubernetes-types/batch/v1';
import { splitKey } from '../../../../client/controller-base';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { isJobFinished } from './job';
import { QueueController, isNotFound, parseTime } from './util';

/** When the Job finished: its completionTime, else its Complete/Failed condition's transition time. */
export function jobFinishTime(j: Job): number | undefined {
  const kind = isJobFinished(j);
  if (!kind) return undefined;
  if (kind === 'Complete' && j.status?.completionTime) return parseTime(j.status.completionTime);
  return parseTime(j.status?.conditions?.find((c) => c.type === kind)?.lastTransitionTime);
}

/** The ttl-after-finished-controller. */
export class TtlAfterFinishedController extends QueueController {
  private readonly jobs;
  constructor(ctx: ControllerContext) {
    super(ctx, 'ttl-after-finished-controller');
    this.jobs = this.use(ctx.informers.informerFor(ctx.client.jobs));
    const add = (j: Job) => {
      if (j.spec?.ttlSecondsAfterFinished !== undefined && isJobFinished(j))
        this.queue.add(`${j.metadata!.namespace}/${j.metadata!.name}`);
    };
    this.jobs.addEventHandler({ onAdd: add, onUpdate: (_o, n) => add(n) });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const j = this.jobs.lister().get(ns, name);
    if (!j || j.metadata?.deletionTimestamp || j.spec?.ttlSecondsAfterFinished === undefined) return;
    const fin = jobFinishTime(j);
    if (fin === undefined) return;
    const due = fin + j.spec.ttlSecondsAfterFinished * 1000;
    const now = this.ctx.clock.now();
    if (due > now) {
      this.queue.addAfter(key, due - now);
      return;
    }
    try {
      await this.ctx.client.jobs.delete(ns, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: j.metadata!.uid },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

/** Registry entry. */
export const ttlAfterFinishedDescriptor: ControllerDescriptor = {
  name: 'ttl-after-finished-controller',
  workers: 5,
  create: (ctx) => new TtlAfterFinishedController(ctx),
};
