/**
 * Jobs and CronJobs with real containers: `busybox sh -c 'echo done'` completes 3 times, `exit 1`
 * stops at the backoffLimit with BackoffLimitExceeded after the 10 s, 20 s back-offs, and a CronJob
 * creates a Job at every scheduled minute as the clock advances, keeping 3 successful ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { startFull, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

function job(name: string, script: string, spec: Partial<JobSpec> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }],
        },
      },
      ...spec,
    },
  };
}

const cond = (j: Job, type: string) => j.status?.conditions?.find((c) => c.type === type);

describe('Jobs with real containers', () => {
  it('completes 3 completions of echo done', async () => {
    env = await startFull();
    const e = env;
    // parallelism 1: never two unfinished pods at once (followed through a watch, event by event).
    const phases = new Map<string, string>();
    let maxRunning = 0;
    const cancel = e.client.pods.watch(
      'default',
      { labelSelector: 'job-name=hello' },
      (ev) => {
        const p = ev.object as Pod;
        if (ev.type === 'DELETED') phases.delete(p.metadata!.name!);
        else phases.set(p.metadata!.name!, p.status?.phase ?? 'Pending');
        maxRunning = Math.max(
          maxRunning,
          [...phases.values()].filter((x) => x === 'Pending' || x === 'Running').length,
        );
      },
      () => undefined,
    );
    await e.call(e.client.jobs.create('default', job('hello', 'echo done', { completions: 3 })));
    await e.until(
      'Complete',
      async () => !!cond(await e.call(e.client.jobs.get('default', 'hello')), 'Complete'),
      120_000,
    );
    cancel();
    const j = await e.call(e.client.jobs.get('default', 'hello'));
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0 });
    expect(j.status?.failed).toBeUndefined();
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const pods = await e.pods('default', 'job-name=hello');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    for (const p of pods)
      expect(await e.call(e.client.pods.logs('default', p.metadata!.name!))).toBe('done\n');
    const ev = await e.events('default', 'hello');
    expect(ev.slice(0, 3).sort()).toEqual(
      pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata!.name}`),
    );
    expect(ev.slice(3)).toEqual(['Completed: Job completed']);
    expect(maxRunning).toBe(1);
  }, 60_000);

  it('stops a failing job at its backoffLimit with BackoffLimitExceeded', async () => {
    env = await startFull();
    const e = env;
    await e.call(e.client.jobs.create('default', job('fail', 'exit 1', { backoffLimit: 2 })));
    const took = await e.until(
      'Failed',
      async () => !!cond(await e.call(e.client.jobs.get('default', 'fail')), 'Failed'),
      300_000,
    );
    // Three pods (the first, then after back-offs of 10 s and 20 s).
    expect(took).toBeGreaterThanOrEqual(30_000);
    expect(took).toBeLessThan(90_000);
    const j = await e.call(e.client.jobs.get('default', 'fail'));
    expect(j.status).toMatchObject({ failed: 3, ready: 0, terminating: 0 });
    expect(j.status?.succeeded).toBeUndefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    const pods = await e.pods('default', 'job-name=fail');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed', 'Failed']);
    expect(pods.map((p) => p.status?.containerStatuses?.[0].state?.terminated?.exitCode)).toEqual([1, 1, 1]);
    const ev = await e.events('default', 'fail');
    expect(ev.filter((x) => x.startsWith('SuccessfulCreate'))).toHaveLength(3);
    expect(ev.at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    // No fourth pod later.
    await e.c.advance(120_000);
    expect(await e.pods('default', 'job-name=fail')).toHaveLength(3);
  }, 60_000);

  it('a CronJob runs on schedule as the clock advances', async () => {
    env = await startFull();
    const e = env;
    const cj: CronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/1 * * * *',
        successfulJobsHistoryLimit: 3,
        jobTemplate: { spec: job('x', 'echo tick').spec },
      },
    };
    await e.call(e.client.cronJobs.create('default', cj));
    const start = e.c.clock.now();
    // The first schedule time after the CronJob's creation.
    const firstMinute = Math.floor(start / 60_000) + 1;
    // Five scheduled minutes.
    await e.c.advance(firstMinute * 60_000 - start + 4 * 60_000 + 30_000);
    const jobs = (await e.call(e.client.jobs.list('default'))).items.map((j) => j.metadata!.name!).sort();
    expect(jobs).toEqual([2, 3, 4].map((i) => `tick-${firstMinute + i}`));
    for (const name of jobs)
      expect(cond(await e.call(e.client.jobs.get('default', name)), 'Complete')?.status).toBe('True');
    const ev = await e.events('default', 'tick');
    expect(ev.filter((x) => x.startsWith('SuccessfulCreate'))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `SuccessfulCreate: Created job tick-${firstMinute + i}`),
    );
    expect(ev.filter((x) => x.startsWith('SuccessfulDelete'))).toEqual(
      [0, 1].map((i) => `SuccessfulDelete: Deleted job tick-${firstMinute + i}`),
    );
    expect(ev.filter((x) => x.startsWith('SawCompletedJob'))).toEqual(
      [0, 1, 2, 3, 4].map(
        (i) => `SawCompletedJob: Saw completed job: tick-${firstMinute + i}, condition: Complete`,
      ),
    );
    const got = await e.call(e.client.cronJobs.get('default', 'tick'));
    expect(got.status?.lastScheduleTime).toBe(
      new Date((firstMinute + 4) * 60_000).toISOString().replace('.000Z', 'Z'),
    );
    expect(got.status?.active).toBeUndefined();
  }, 60_000);
});
