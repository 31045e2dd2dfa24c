/**
 * Deployments with the real scheduler and kubelets: a 10-replica RollingUpdate from nginx:1.25 to
 * nginx:1.27 checked every 100 ms of cluster time (never more than 13 pods, never fewer than 8
 * available), its completion conditions, `kubectl rollout undo` back to the first ReplicaSet, and a
 * Recreate that stops every old pod before the first new one exists.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isReady, startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const image = (p: Pod) => p.spec?.containers[0].image;

async function replicaSets(e: FullEnv): Promise<ReplicaSet[]> {
  const l = await e.call(e.client.replicaSets.list('default'));
  return l.items.sort(
    (a, b) =>
      Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) -
      Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']),
  );
}

/** True once the Deployment reports the rollout complete, as `kubectl rollout status` judges it. */
function complete(d: Deployment): boolean {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (
    (d.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0) &&
    s.updatedReplicas === want &&
    s.replicas === want &&
    s.availableReplicas === want &&
    s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable'
  );
}

/**
 * Samples the pods every 100 ms until the rollout is complete and no old pod is left; besides, a watch
 * checks the same bounds after every single pod change in between.
 */
async function watchRollout(e: FullEnv): Promise<{
  maxActive: number;
  minAvailable: number;
  maxObjects: number;
  ms: number;
  watched: { events: number; maxActive: number; minAvailable: number };
}> {
  let maxActive = 0;
  let minAvailable = Infinity;
  let maxObjects = 0;
  const start = await e.call(e.client.pods.list('default', { labelSelector: 'app=web' }));
  const live = new Map(start.items.map((p) => [p.metadata!.name!, p] as const));
  const watched = { events: 0, maxActive: 0, minAvailable: Infinity };
  const cancel = e.client.pods.watch(
    'default',
    { labelSelector: 'app=web', resourceVersion: start.metadata?.resourceVersion },
    (ev) => {
      const p = ev.object as Pod;
      if (ev.type === 'DELETED') live.delete(p.metadata!.name!);
      else live.set(p.metadata!.name!, p);
      const active = [...live.values()].filter((x) => !x.metadata?.deletionTimestamp);
      watched.events++;
      watched.maxActive = Math.max(watched.maxActive, active.length);
      watched.minAvailable = Math.min(watched.minAvailable, active.filter(isReady).length);
    },
    () => undefined,
  );
  const ms = await e.until(
    'rollout complete',
    async () => {
      const pods = await e.pods('default', 'app=web');
      const active = pods.filter((p) => !p.metadata?.deletionTimestamp);
      const available = active.filter(isReady).length;
      maxActive = Math.max(maxActive, active.length);
      maxObjects = Math.max(maxObjects, pods.length);
      minAvailable = Math.min(minAvailable, available);
      expect(active.length, `pods at +${e.c.clock.now()}`).toBeLessThanOrEqual(13);
      expect(available, `available pods at +${e.c.clock.now()}`).toBeGreaterThanOrEqual(8);
      const rsTotal = (await replicaSets(e)).reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      expect(rsTotal).toBeLessThanOrEqual(13);
      const d = await e.call(e.client.deployments.get('default', 'web'));
      expect(d.status?.availableReplicas ?? 0).toBeGreaterThanOrEqual(8);
      return complete(d) && pods.length === 10;
    },
    600_000,
    100,
  );
  cancel();
  return { maxActive, minAvailable, maxObjects, ms, watched };
}

describe('Deployment with real nodes', () => {
  it('rolls 10 replicas from nginx:1.25 to nginx:1.27 within maxSurge/maxUnavailable, then undoes', async () => {
    env = await startFull();
    const e = env;
    await e.call(
      e.client.deployments.create(
        'default',
        workload('apps/v1', 'Deployment', 'web', 10, 'nginx:1.25') as Deployment,
      ),
    );
    await e.until(
      'first rollout',
      async () => complete(await e.call(e.client.deployments.get('default', 'web'))),
      120_000,
    );
    const [rs1] = await replicaSets(e);
    expect(rs1.metadata?.name).toMatch(/^web-[a-z0-9]{8,10}$/);
    expect((await e.pods('default', 'app=web')).map(image)).toEqual(Array(10).fill('nginx:1.25'));

    await e.call(
      e.client.deployments.patch('default', 'web', 'strategic', {
        spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
      }),
    );
    const r = await watchRollout(e);
    expect(r.maxActive).toBe(13);
    expect(r.minAvailable).toBe(8);
    expect(r.watched.events).toBeGreaterThan(50);
    expect(r.watched.maxActive).toBe(13);
    expect(r.watched.minAvailable).toBe(8);
    const pods = await e.pods('default', 'app=web');
    expect(pods.map(image)).toEqual(Array(10).fill('nginx:1.27'));
    expect(pods.every((p) => p.status?.phase === 'Running' && isReady(p))).toBe(true);
    const [old, rs2] = await replicaSets(e);
    expect(old.metadata?.name).toBe(rs1.metadata?.name);
    expect(old.spec?.replicas).toBe(0);
    expect(rs2.spec?.replicas).toBe(10);
    expect(rs2.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const d = await e.call(e.client.deployments.get('default', 'web'));
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rs2.metadata?.name}" has successfully progressed.`,
      ],
    ]);
    const scaling = (await e.events('default', 'web')).filter((x) => x.startsWith('ScalingReplicaSet'));
    expect(scaling[0]).toBe(`ScalingReplicaSet: Scaled up replica set ${rs1.metadata?.name} from 0 to 10`);
    expect(scaling[1]).toBe(`ScalingReplicaSet: Scaled up replica set ${rs2.metadata?.name} from 0 to 3`);
    expect(scaling[2]).toBe(`ScalingReplicaSet: Scaled down replica set ${rs1.metadata?.name} from 10 to 8`);
    expect(scaling.at(-1)).toBe(
      `ScalingReplicaSet: Scaled down replica set ${rs1.metadata?.name} from 1 to 0`,
    );

    // kubectl rollout undo: back to the first ReplicaSet (revision 3), with the same guarantees.
    expect(await e.kubectl('rollout', 'undo', 'deployment/web')).toEqual({
      code: 0,
      out: 'deployment.apps/web rolled back\n',
    });
    const u = await watchRollout(e);
    expect(u.maxActive).toBeLessThanOrEqual(13);
    expect(u.watched.maxActive).toBeLessThanOrEqual(13);
    expect(u.watched.minAvailable).toBeGreaterThanOrEqual(8);
    const after = await replicaSets(e);
    expect(
      after.map((x) => [
        x.metadata?.name,
        x.spec?.replicas,
        x.metadata?.annotations?.['deployment.kubernetes.io/revision'],
      ]),
    ).toEqual([
      [rs2.metadata?.name, 0, '2'],
      [rs1.metadata?.name, 10, '3'],
    ]);
    expect((await e.pods('default', 'app=web')).map(image)).toEqual(Array(10).fill('nginx:1.25'));
    expect((await e.events('default', 'web')).filter((x) => x.startsWith('DeploymentRollback'))).toEqual([]);
  }, 120_000);

  it('Recreate stops every old pod before any new one exists', async () => {
    env = await startFull();
    const e = env;
    await e.call(
      e.client.deployments.create(
        'default',
        workload('apps/v1', 'Deployment', 'web', 4, 'nginx:1.25', {
          strategy: { type: 'Recreate' },
        }) as Deployment,
      ),
    );
    await e.until(
      'first rollout',
      async () => complete(await e.call(e.client.deployments.get('default', 'web'))),
      120_000,
    );
    await e.call(
      e.client.deployments.patch('default', 'web', 'strategic', {
        spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
      }),
    );
    // Every pod change in order, from a watch: the first new pod must be ADDED after the last old pod is DELETED.
    const log: string[] = [];
    const list = await e.call(e.client.pods.list('default', { labelSelector: 'app=web' }));
    const cancel = e.client.pods.watch(
      'default',
      { labelSelector: 'app=web', resourceVersion: list.metadata?.resourceVersion },
      (ev) => {
        const p = ev.object as Pod;
        if (ev.type === 'ADDED' || ev.type === 'DELETED') log.push(`${ev.type} ${image(p)}`);
        else if (ev.type === 'MODIFIED' && image(p) === 'nginx:1.27' && p.status?.phase === 'Running')
          log.push('RUNNING nginx:1.27');
      },
      () => undefined,
    );
    await e.until(
      'recreate complete',
      async () => {
        const pods = await e.pods('default', 'app=web');
        const olds = pods.filter((p) => image(p) === 'nginx:1.25');
        const news = pods.filter((p) => image(p) === 'nginx:1.27');
        expect(
          olds.length && news.length ? `${olds.length} old and ${news.length} new pods at once` : '',
        ).toBe('');
        return (
          complete(await e.call(e.client.deployments.get('default', 'web'))) &&
          news.length === 4 &&
          !olds.length
        );
      },
      120_000,
      100,
    );
    cancel();
    const firstNew = log.indexOf('ADDED nginx:1.27');
    expect(log.slice(0, firstNew)).toEqual(Array(4).fill('DELETED nginx:1.25'));
    expect(log.slice(firstNew).filter((x) => x.startsWith('ADDED'))).toEqual(
      Array(4).fill('ADDED nginx:1.27'),
    );
    expect(log.filter((x) => x.includes('1.25')).length).toBe(4);
    expect(log.filter((x) => x === 'RUNNING nginx:1.27').length).toBeGreaterThanOrEqual(4);
    const scaling = (await e.events('default', 'web')).filter((x) => x.startsWith('ScalingReplicaSet'));
    const [rs1, rs2] = await replicaSets(e);
    expect(scaling).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rs1.metadata?.name} from 0 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${rs1.metadata?.name} from 4 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${rs2.metadata?.name} from 0 to 4`,
    ]);
  }, 60_000);
});
