import { describe, it, expect, afterEach } from 'vitest';
import type { CronJob } from 'kubernetes-types/batch/v1';
import { nextAfter, parseCron } from '../../../src/control-plane/controller-manager/controllers/cluster/cron';
import { CONTAINER, eventsFor, setPodStatus, startHarness, type Harness } from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('cron schedules', () => {
  it.each([
    ['*/5 * * * *', T0, Date.UTC(2026, 0, 1, 0, 5)],
    ['@hourly', T0, Date.UTC(2026, 0, 1, 1, 0)],
    ['@daily', T0, Date.UTC(2026, 0, 2, 0, 0)],
    ['30 9 * * mon-fri', T0, Date.UTC(2026, 0, 1, 9, 30)], // 2026-01-01 is a Thursday
    ['0 0 1 * *', T0, Date.UTC(2026, 1, 1)],
    ['0 12 * * 0', T0, Date.UTC(2026, 0, 4, 12)],
    ['0 0 13 * 5', T0, Date.UTC(2026, 0, 2)], // day-of-month OR day-of-week
  ])('%s after %d', (s, from, want) => {
    expect(nextAfter(parseCron(s), from)).toBe(want);
  });
  it('honours a time zone', () => {
    expect(nextAfter(parseCron('0 9 * * *', 'Europe/Paris'), T0)).toBe(Date.UTC(2026, 0, 1, 8, 0));
  });
  it.each([['* * * *'], ['61 * * * *'], ['@every 5m']])('refuses %s', (s) => {
    expect(() => parseCron(s)).toThrow();
  });
});

function cron(name: string, spec: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [CONTAINER], restartPolicy: 'Never' } } } },
      ...spec,
    },
  };
}

describe('cronjob-controller', () => {
  it('creates a Job every minute, records completions and keeps 3 successful Jobs', async () => {
    h = await startHarness(['cronjob-controller', 'job-controller', 'garbage-collector-controller']);
    await h.call(h.client.cronJobs.create('default', cron('tick')));
    await h.advance(1000);
    const minute = Math.floor(h.c.clock.now() / 60_000);
    for (let i = 1; i <= 5; i++) {
      await h.advance(60_000);
      const name = `tick-${minute + i}`;
      const j = await h.call(h.client.jobs.get('default', name));
      expect(j.metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
        new Date((minute + i) * 60_000).toISOString().replace('.000Z', 'Z'),
      );
      const cj = await h.call(h.client.cronJobs.get('default', 'tick'));
      expect(cj.status!.active!.map((a) => a.name)).toEqual([name]);
      expect(cj.status!.lastScheduleTime).toBe(
        new Date((minute + i) * 60_000).toISOString().replace('.000Z', 'Z'),
      );
      // The job's single pod succeeds.
      await h.advance(1000);
      const pods = await h.call(h.client.pods.list('default', { labelSelector: `job-name=${name}` }));
      await setPodStatus(h, 'default', pods.items[0].metadata!.name!, { phase: 'Succeeded' });
      await h.advance(2000);
    }
    const cj = await h.call(h.client.cronJobs.get('default', 'tick'));
    expect(cj.status!.active).toBeUndefined();
    expect(cj.status!.lastSuccessfulTime).toBeDefined();
    const jobs = (await h.call(h.client.jobs.list('default'))).items.map((j) => j.metadata!.name).sort();
    expect(jobs).toEqual([`tick-${minute + 3}`, `tick-${minute + 4}`, `tick-${minute + 5}`]);
    const evs = await eventsFor(h, 'default', 'tick');
    expect(evs.slice(0, 3)).toEqual([
      `Normal SuccessfulCreate Created job tick-${minute + 1}`,
      `Normal SawCompletedJob Saw completed job: tick-${minute + 1}, condition: Complete`,
      `Normal SuccessfulCreate Created job tick-${minute + 2}`,
    ]);
    expect(evs).toContain(`Normal SuccessfulDelete Deleted job tick-${minute + 1}`);
    expect(evs).toContain(`Normal SuccessfulDelete Deleted job tick-${minute + 2}`);
  });

  it('Forbid skips a run while one is active; suspend stops runs', async () => {
    h = await startHarness(['cronjob-controller']);
    await h.call(h.client.cronJobs.create('default', cron('f', { concurrencyPolicy: 'Forbid' })));
    await h.advance(180_000);
    expect((await h.call(h.client.jobs.list('default'))).items).toHaveLength(1);
    const evs = await eventsFor(h, 'default', 'f');
    expect(evs).toContain(
      'Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    await h.call(
      h.client.cronJobs.patch('default', 'f', 'merge', {
        spec: { suspend: true, concurrencyPolicy: 'Allow' },
      }),
    );
    await h.advance(180_000);
    expect((await h.call(h.client.jobs.list('default'))).items).toHaveLength(1);
  });

  it('Replace deletes the running Job', async () => {
    h = await startHarness(['cronjob-controller']);
    await h.call(h.client.cronJobs.create('default', cron('r', { concurrencyPolicy: 'Replace' })));
    const minute = Math.floor(h.c.clock.now() / 60_000);
    await h.advance(121_000);
    expect((await h.call(h.client.jobs.list('default'))).items.map((j) => j.metadata!.name)).toEqual([
      `r-${minute + 2}`,
    ]);
    expect(await eventsFor(h, 'default', 'r')).toContain(
      `Normal SuccessfulDelete Deleted job r-${minute + 1}`,
    );
  });
});
