/** Deployment controller (with the ReplicaSet controller) against an in-process apiserver on a virtual clock. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import {
  bindPod,
  makeNode,
  readyAll,
  reapTerminating,
  setPodStatus,
  startWorkloads,
  type WorkloadsEnv,
} from './workloads-helpers';

const CONTROLLERS = ['replicaset-controller', 'deployment-controller'];

function deploy(
  name: string,
  replicas: number,
  image: string,
  spec: Partial<Deployment['spec']> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...spec,
    },
  };
}

let env: WorkloadsEnv;
afterEach(async () => {
  await env?.stop();
});

async function replicaSets(): Promise<ReplicaSet[]> {
  const l = await env.client.replicaSets.list('default');
  return l.items.sort(
    (a, b) =>
      Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) -
      Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']),
  );
}

const isReady = (p: Pod) => !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

async function setImage(name: string, image: string): Promise<void> {
  await env.client.deployments.patch('default', name, 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } },
  });
}

/** Advances 1 s and readies every pod until the deployment reports complete (at most `steps`). */
async function rollOut(name: string, steps = 30): Promise<Deployment> {
  for (let i = 0; i < steps; i++) {
    await env.c.advance(1000);
    await readyAll(env);
    await env.c.advance(1000);
    const d = await env.client.deployments.get('default', name);
    const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
    if (
      p?.reason === 'NewReplicaSetAvailable' &&
      d.status?.updatedReplicas === d.spec?.replicas &&
      d.status?.replicas === d.spec?.replicas
    )
      return d;
  }
  throw new Error('rollout did not complete');
}

describe('deployment-controller', () => {
  it('creates a ReplicaSet <name>-<hash> and rolls out to completion with upstream conditions', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create('default', deploy('web', 3, 'nginx:1.25'));
    await env.c.advance(1000);
    const [rs] = await replicaSets();
    const hash = rs.metadata!.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(rs.spec?.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    });
    let d = await env.client.deployments.get('default', 'web');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${hash}" is progressing.`],
    ]);
    d = await rollOut('web');
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "web-${hash}" has successfully progressed.`,
      ],
    ]);
    expect(await env.events('default', 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`,
    ]);
  });

  it('rolls 10 replicas from nginx:1.25 to nginx:1.27 within maxSurge 3 / maxUnavailable 2 at every step', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create('default', deploy('web', 10, 'nginx:1.25'));
    await rollOut('web');
    await setImage('web', 'nginx:1.27');
    let maxPods = 0;
    let minAvailable = Infinity;
    let done = false;
    for (let step = 0; step < 200 && !done; step++) {
      await env.c.advance(100);
      const pods = (await env.pods()).filter((p) => !p.metadata?.deletionTimestamp);
      const available = pods.filter(isReady).length;
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, available);
      expect(pods.length).toBeLessThanOrEqual(13);
      expect(available).toBeGreaterThanOrEqual(8);
      // The "kubelet" readies one new pod per step.
      const pending = pods.find((p) => !isReady(p));
      if (pending) await setPodStatus(env, pending);
      const d = await env.client.deployments.get('default', 'web');
      done =
        d.status?.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable') === true &&
        d.status?.updatedReplicas === 10 &&
        d.status?.replicas === 10;
    }
    expect(done).toBe(true);
    expect(maxPods).toBe(13);
    expect(minAvailable).toBe(8);
    const pods = await env.pods();
    expect(pods.map((p) => p.spec?.containers[0].image)).toEqual(Array(10).fill('nginx:1.27'));
    const [oldRS, newRS] = await replicaSets();
    expect(oldRS.spec?.replicas).toBe(0);
    expect(newRS.spec?.replicas).toBe(10);
    const events = await env.events('default', 'web');
    // Upstream's first moves: surge the new RS to 3, take the old one down to 8.
    expect(events.slice(1, 3)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${newRS.metadata?.name} from 0 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS.metadata?.name} from 10 to 8`,
    ]);
  });

  it('undo (template back to the first one) reuses the first ReplicaSet with the next revision', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create('default', deploy('web', 2, 'nginx:1.25'));
    await rollOut('web');
    await setImage('web', 'nginx:1.27');
    await rollOut('web');
    const [first, second] = await replicaSets();
    await setImage('web', 'nginx:1.25');
    const d = await rollOut('web');
    const rss = await env.client.replicaSets.list('default');
    expect(rss.items).toHaveLength(2);
    const again = rss.items.find((r) => r.metadata?.uid === first.metadata?.uid)!;
    expect(again.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(again.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(again.spec?.replicas).toBe(2);
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const sec = rss.items.find((r) => r.metadata?.uid === second.metadata?.uid)!;
    expect(sec.spec?.replicas).toBe(0);
    expect(sec.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('Recreate scales the old ReplicaSet to 0 and waits for its pods to be gone before creating new ones', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.nodes.create(undefined, makeNode('node-1'));
    await env.client.deployments.create(
      'default',
      deploy('web', 3, 'nginx:1.25', { strategy: { type: 'Recreate' } }),
    );
    await env.c.advance(1000);
    for (const p of await env.pods()) await bindPod(env, p, 'node-1');
    await rollOut('web');
    await setImage('web', 'nginx:1.27');
    await env.c.advance(5000);
    let pods = await env.pods();
    // Old pods are terminating (a kubelet would finish them), and no new pod exists yet.
    expect(pods).toHaveLength(3);
    expect(
      pods.every((p) => p.metadata?.deletionTimestamp && p.spec?.containers[0].image === 'nginx:1.25'),
    ).toBe(true);
    expect((await replicaSets()).length).toBe(1);
    expect(await reapTerminating(env)).toBe(3);
    await env.c.advance(1000);
    pods = await env.pods();
    expect(pods.map((p) => p.spec?.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    const [oldRS, newRS] = await replicaSets();
    expect((await env.events('default', 'web')).slice(1)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${oldRS.metadata?.name} from 3 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${newRS.metadata?.name} from 0 to 3`,
    ]);
  });

  it('scales proportionally during a rollout and keeps revisionHistoryLimit old ReplicaSets', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create(
      'default',
      deploy('web', 10, 'nginx:1.25', { revisionHistoryLimit: 1 }),
    );
    await rollOut('web');
    await setImage('web', 'nginx:1.27');
    await env.c.advance(1000);
    // Mid-rollout: old RS 8, new RS 5 (max-replicas 13). Scale the deployment to 20 (max 25).
    let [oldRS, newRS] = await replicaSets();
    expect([oldRS.spec?.replicas, newRS.spec?.replicas]).toEqual([8, 5]);
    await env.client.deployments.patch('default', 'web', 'merge', { spec: { replicas: 20 } });
    await env.c.advance(1000);
    [oldRS, newRS] = await replicaSets();
    // 12 to add: old gets round(8*25/13)-8 = 7, new gets min(round(5*25/13)-5, 12-7) = 5.
    expect([oldRS.spec?.replicas, newRS.spec?.replicas]).toEqual([15, 10]);
    expect(oldRS.metadata?.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('25');
    await rollOut('web', 60);
    await setImage('web', 'nginx:1.26');
    await rollOut('web', 60);
    // revisionHistoryLimit 1: only the newest old RS is kept.
    const rss = await replicaSets();
    expect(rss.map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'])).toEqual([
      '2',
      '3',
    ]);
  });

  it('pauses: template changes do not roll out, scaling still applies', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create('default', deploy('web', 2, 'nginx:1.25'));
    await rollOut('web');
    await env.client.deployments.patch('default', 'web', 'merge', { spec: { paused: true } });
    await setImage('web', 'nginx:1.27');
    await env.client.deployments.patch('default', 'web', 'merge', { spec: { replicas: 4 } });
    await env.c.advance(2000);
    const rss = await replicaSets();
    expect(rss).toHaveLength(1);
    expect(rss[0].spec?.replicas).toBe(4);
    const d = await env.client.deployments.get('default', 'web');
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    await env.client.deployments.patch('default', 'web', 'merge', { spec: { paused: false } });
    await rollOut('web');
    expect((await replicaSets()).map((r) => r.spec?.replicas)).toEqual([0, 4]);
  });

  it('reports ProgressDeadlineExceeded when pods never become ready', async () => {
    env = await startWorkloads(CONTROLLERS);
    await env.client.deployments.create(
      'default',
      deploy('web', 1, 'nginx:1.25', { progressDeadlineSeconds: 30 }),
    );
    await env.c.advance(40_000);
    const d = await env.client.deployments.get('default', 'web');
    const [rs] = await replicaSets();
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs.metadata?.name}" has timed out progressing.`,
    });
  });
});
