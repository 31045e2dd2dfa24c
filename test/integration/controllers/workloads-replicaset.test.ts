/** ReplicaSet / ReplicationController controller against a real in-process apiserver on a virtual clock. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { bindPod, makeNode, setPodStatus, startWorkloads, type WorkloadsEnv } from './workloads-helpers';

function rs(name: string, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      },
      ...extra,
    },
  };
}

let env: WorkloadsEnv;
afterEach(async () => {
  await env?.stop();
});

describe('replicaset-controller', () => {
  it('creates pods in slow-start batches with owner references and events', async () => {
    env = await startWorkloads(['replicaset-controller']);
    await env.client.replicaSets.create('default', rs('web', 5));
    await env.c.advance(1000);
    const pods = await env.pods();
    expect(pods).toHaveLength(5);
    for (const p of pods) {
      expect(p.metadata?.generateName).toBe('web-');
      expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.labels).toEqual({ app: 'web' });
      expect(p.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: expect.any(String),
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    const events = await env.events('default', 'web');
    expect(events.sort()).toEqual(
      pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata?.name}`).sort(),
    );
    const cur = await env.client.replicaSets.get('default', 'web');
    expect(cur.status).toEqual({ replicas: 5, fullyLabeledReplicas: 5, observedGeneration: 1 });
  });

  it('replaces a deleted pod', async () => {
    env = await startWorkloads(['replicaset-controller']);
    await env.client.replicaSets.create('default', rs('web', 2));
    await env.c.advance(1000);
    const [victim] = await env.pods();
    await env.client.pods.delete('default', victim.metadata!.name!);
    await env.c.advance(1000);
    const pods = await env.pods();
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata?.name)).not.toContain(victim.metadata?.name);
  });

  it('creates in slow-start batches 1, 2, 4 and stops at the first failing batch (quota), with ReplicaFailure', async () => {
    env = await startWorkloads(['replicaset-controller']);
    await env.client.resource('', 'v1', 'resourcequotas').create('default', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods', namespace: 'default' },
      spec: { hard: { pods: '1' } },
    } as never);
    await env.c.advance(1000);
    await env.client.replicaSets.create('default', rs('web', 10));
    await env.c.settle();
    const events = await env.events('default', 'web');
    const created = events.filter((e) => e.startsWith('SuccessfulCreate'));
    const failed = events.filter((e) => e.startsWith('FailedCreate'));
    // Batch 1 (1 ok), batch 2 (both refused): the sync stops there, the other 7 are skipped. The two
    // re-syncs caused by the status writes each try a batch of 1 again: 2 + 1 + 1 refusals, never 9.
    expect(created).toHaveLength(1);
    expect(failed).toHaveLength(4);
    expect(failed[0]).toMatch(
      /^FailedCreate: Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods/,
    );
    const cur = await env.client.replicaSets.get('default', 'web');
    expect(cur.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['ReplicaFailure', 'True', 'FailedCreate'],
    ]);
    expect(cur.status?.conditions?.[0].message).toMatch(/exceeded quota: pods/);
  });

  it('scales down in upstream victim order: unassigned, Pending, not ready, more restarts', async () => {
    env = await startWorkloads(['replicaset-controller']);
    await env.client.nodes.create(undefined, makeNode('node-1'));
    await env.client.replicaSets.create('default', rs('web', 5));
    await env.c.advance(1000);
    const pods = await env.pods();
    const [unassigned, pending, notReady, ready, restarted] = pods;
    for (const p of pods.slice(1)) await bindPod(env, p, 'node-1');
    await setPodStatus(env, pending, { phase: 'Pending', ready: false });
    await setPodStatus(env, notReady, { ready: false });
    await setPodStatus(env, ready);
    await setPodStatus(env, restarted, { restarts: 3 });
    await env.c.advance(1000);
    const order: string[] = [];
    for (const n of [4, 3, 2, 1]) {
      await env.client.replicaSets.patch('default', 'web', 'merge', { spec: { replicas: n } });
      await env.c.advance(1000);
      const evs = (await env.events('default', 'web')).filter((e) => e.startsWith('SuccessfulDelete'));
      order.push(evs[evs.length - 1].slice('SuccessfulDelete: Deleted pod: '.length));
    }
    expect(order).toEqual([unassigned, pending, notReady, restarted].map((p) => p.metadata?.name));
    const left = (await env.pods()).filter((p) => !p.metadata?.deletionTimestamp);
    expect(left.map((p) => p.metadata?.name)).toEqual([ready.metadata?.name]);
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', async () => {
    env = await startWorkloads(['replicaset-controller']);
    const orphan: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    };
    await env.client.pods.create('default', orphan);
    await env.client.replicaSets.create('default', rs('web', 2));
    await env.c.advance(1000);
    const pods = await env.pods();
    expect(pods).toHaveLength(2);
    const stray = pods.find((p) => p.metadata?.name === 'stray')!;
    expect(stray.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: 'web',
      controller: true,
    });
    await env.client.pods.patch('default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } });
    await env.c.advance(1000);
    const released = await env.client.pods.get('default', 'stray');
    expect(released.metadata?.ownerReferences ?? []).toEqual([]);
    expect((await env.pods('default', 'app=web')).length).toBe(2);
  });
});

describe('replicationcontroller-controller', () => {
  it('keeps replicas of a v1 ReplicationController with a map selector', async () => {
    env = await startWorkloads(['replicationcontroller-controller']);
    await env.client.replicationControllers.create('default', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { app: 'rc' },
        template: {
          metadata: { labels: { app: 'rc' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
        },
      },
    });
    await env.c.advance(1000);
    const pods = await env.pods();
    expect(pods).toHaveLength(3);
    expect(pods[0].metadata?.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      name: 'rc',
    });
    expect(
      (await env.events('default', 'rc')).filter((e) => e.startsWith('SuccessfulCreate: Created pod: rc-')),
    ).toHaveLength(3);
    const cur = await env.client.replicationControllers.get('default', 'rc');
    expect(cur.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });
});
