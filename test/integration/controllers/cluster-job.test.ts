import { describe, it, expect, afterEach } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import { CONTAINER, eventsFor, setPodStatus, startHarness, type Harness } from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function job(name: string, spec: Partial<NonNullable<Job['spec']>> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { containers: [CONTAINER], restartPolicy: 'Never' } }, ...spec },
  };
}

async function jobPods(h: Harness, name: string) {
  const l = await h.call(h.client.pods.list('default', { labelSelector: `job-name=${name}` }));
  return l.items.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
}

describe('job-controller', () => {
  it('runs a Job with completions 3, parallelism 1 to Complete', async () => {
    h = await startHarness(['job-controller']);
    await h.call(h.client.jobs.create('default', job('pi', { completions: 3 })));
    await h.advance(1000);
    for (let i = 1; i <= 3; i++) {
      const pods = (await jobPods(h, 'pi')).filter((p) => p.status?.phase !== 'Succeeded');
      expect(pods).toHaveLength(1);
      const p = pods[0];
      expect(p.metadata!.generateName).toBe('pi-');
      expect(p.metadata!.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
      expect(p.metadata!.ownerReferences?.[0]).toMatchObject({
        kind: 'Job',
        name: 'pi',
        controller: true,
        blockOwnerDeletion: true,
      });
      expect(Object.keys(p.metadata!.labels ?? {}).sort()).toEqual([
        'batch.kubernetes.io/controller-uid',
        'batch.kubernetes.io/job-name',
        'controller-uid',
        'job-name',
      ]);
      await setPodStatus(h, 'default', p.metadata!.name!, {
        phase: 'Running',
        ready: true,
        podIP: '10.244.0.5',
      });
      await h.advance(1000);
      expect((await h.call(h.client.jobs.get('default', 'pi'))).status).toMatchObject({
        active: 1,
        ready: 1,
      });
      await setPodStatus(h, 'default', p.metadata!.name!, { phase: 'Succeeded' });
      await h.advance(1000);
    }
    const j = await h.call(h.client.jobs.get('default', 'pi'));
    expect(j.status!.succeeded).toBe(3);
    expect(j.status!.active).toBeUndefined();
    expect(j.status!.ready).toBe(0);
    expect(j.status!.uncountedTerminatedPods).toEqual({});
    expect(j.status!.completionTime).toBeDefined();
    expect(j.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const pods = await jobPods(h, 'pi');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata!.finalizers ?? []).toEqual([]);
    const names = pods.map((p) => p.metadata!.name);
    const evs = await eventsFor(h, 'default', 'pi');
    expect(evs.filter((e) => e.includes('SuccessfulCreate')).sort()).toEqual(
      names.map((n) => `Normal SuccessfulCreate Created pod: ${n}`).sort(),
    );
    expect(evs[evs.length - 1]).toBe('Normal Completed Job completed');
  });

  it('runs an Indexed Job with one pod per index', async () => {
    h = await startHarness(['job-controller']);
    await h.call(
      h.client.jobs.create(
        'default',
        job('ix', { completions: 3, parallelism: 3, completionMode: 'Indexed' }),
      ),
    );
    await h.advance(1000);
    const pods = await jobPods(h, 'ix');
    expect(
      pods.map((p) => p.metadata!.annotations!['batch.kubernetes.io/job-completion-index']).sort(),
    ).toEqual(['0', '1', '2']);
    for (const p of pods) {
      const ix = p.metadata!.labels!['batch.kubernetes.io/job-completion-index'];
      expect(p.metadata!.generateName).toBe(`ix-${ix}-`);
      await setPodStatus(h, 'default', p.metadata!.name!, { phase: 'Succeeded' });
    }
    await h.advance(1000);
    const j = await h.call(h.client.jobs.get('default', 'ix'));
    expect(j.status!.completedIndexes).toBe('0-2');
    expect(j.status!.succeeded).toBe(3);
    expect(j.status!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('backs off 10 s, 20 s, 40 s, ... and fails after backoffLimit', async () => {
    h = await startHarness(['job-controller']);
    await h.call(h.client.jobs.create('default', job('fail', { backoffLimit: 3 })));
    await h.advance(100);
    const createdAt: number[] = [];
    const t0 = h.c.clock.now();
    for (let round = 0; round < 4; round++) {
      // Wait for the replacement pod, noting when it appeared.
      let pod;
      for (let waited = 0; waited < 200_000; waited += 1000) {
        pod = (await jobPods(h, 'fail')).find((p) => !p.status?.phase || p.status.phase === 'Pending');
        if (pod) break;
        await h.advance(1000);
      }
      expect(pod).toBeDefined();
      createdAt.push(Math.round((h.c.clock.now() - t0) / 1000));
      await setPodStatus(h, 'default', pod!.metadata!.name!, { phase: 'Failed' });
      await h.advance(100);
    }
    // Failures at ~0 s, then re-created after 10 s, 20 s, 40 s.
    const gaps = createdAt.slice(1).map((t, i) => t - createdAt[i]);
    expect(gaps).toEqual([10, 20, 40]);
    await h.advance(5000);
    const j = await h.call(h.client.jobs.get('default', 'fail'));
    expect(j.status!.failed).toBe(4);
    expect(j.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(await jobPods(h, 'fail')).toHaveLength(4);
    const evs = await eventsFor(h, 'default', 'fail');
    expect(evs[evs.length - 1]).toBe(
      'Warning BackoffLimitExceeded Job has reached the specified backoff limit',
    );
  });

  it('fails a Job past activeDeadlineSeconds and deletes its pods', async () => {
    h = await startHarness(['job-controller']);
    await h.call(h.client.jobs.create('default', job('slow', { activeDeadlineSeconds: 30 })));
    await h.advance(29_000);
    expect(await jobPods(h, 'slow')).toHaveLength(1);
    await h.advance(2000);
    const j = await h.call(h.client.jobs.get('default', 'slow'));
    expect(j.status!.conditions!.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(await jobPods(h, 'slow')).toHaveLength(0);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', async () => {
    h = await startHarness([
      'job-controller',
      'ttl-after-finished-controller',
      'garbage-collector-controller',
    ]);
    await h.call(h.client.jobs.create('default', job('ttl', { ttlSecondsAfterFinished: 60 })));
    await h.advance(1000);
    const [p] = await jobPods(h, 'ttl');
    await setPodStatus(h, 'default', p.metadata!.name!, { phase: 'Succeeded' });
    await h.advance(59_000);
    expect((await h.call(h.client.jobs.list('default'))).items.map((x) => x.metadata!.name)).toEqual(['ttl']);
    await h.advance(2000);
    expect((await h.call(h.client.jobs.list('default'))).items).toEqual([]);
    expect(await jobPods(h, 'ttl')).toEqual([]);
  });

  it('suspends and resumes', async () => {
    h = await startHarness(['job-controller']);
    await h.call(h.client.jobs.create('default', job('sus', { suspend: true })));
    await h.advance(1000);
    expect(await jobPods(h, 'sus')).toHaveLength(0);
    let j = await h.call(h.client.jobs.get('default', 'sus'));
    expect(j.status!.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Suspended', 'True', 'JobSuspended'],
    ]);
    await h.call(h.client.jobs.patch('default', 'sus', 'merge', { spec: { suspend: false } }));
    await h.advance(1000);
    expect(await jobPods(h, 'sus')).toHaveLength(1);
    j = await h.call(h.client.jobs.get('default', 'sus'));
    expect(j.status!.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Suspended', 'False', 'JobResumed'],
    ]);
  });
});
