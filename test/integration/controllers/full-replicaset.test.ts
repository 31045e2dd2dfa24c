/**
 * ReplicaSet and ReplicationController with the real scheduler and kubelets: a deleted pod is
 * replaced, scaling up creates exactly the missing pods and scaling down deletes the not-yet-ready
 * ones first, with the exact SuccessfulCreate / SuccessfulDelete events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ResourceClient } from '../../../src/client/rest-client';
import { isActive, isReady, startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const names = (pods: Pod[]) => pods.map((p) => p.metadata!.name!);

describe.each([
  ['ReplicaSet', 'apps/v1', (e: FullEnv) => e.client.replicaSets as unknown as ResourceClient<never>],
  [
    'ReplicationController',
    'v1',
    (e: FullEnv) => e.client.replicationControllers as unknown as ResourceClient<never>,
  ],
])('%s with real nodes', (kind, apiVersion, clientOf) => {
  it('replaces a deleted pod and scales up and down picking the right pods', async () => {
    env = await startFull();
    const e = env;
    const rc = clientOf(e);
    await e.call(rc.create('default', workload(apiVersion, kind, 'web', 3, 'nginx:1.27') as never));
    const running = async (n: number) => {
      const pods = (await e.pods('default', 'app=web')).filter(isActive);
      return pods.length === n && pods.every((p) => p.status?.phase === 'Running' && isReady(p));
    };
    await e.until('3 running pods', () => running(3), 60_000);
    const first = names(await e.pods('default', 'app=web'));
    expect(first).toHaveLength(3);
    for (const p of await e.pods('default', 'app=web')) expect(p.spec?.nodeName).toMatch(/^node-[12]$/);
    expect((await e.events('default', 'web')).sort()).toEqual(
      first.map((n) => `SuccessfulCreate: Created pod: ${n}`),
    );

    // A deleted pod is replaced by a new one that runs.
    await e.call(e.client.pods.delete('default', first[0]));
    await e.until('pod gone and replaced', async () => {
      const pods = await e.pods('default', 'app=web');
      return !names(pods).includes(first[0]) && (await running(3));
    });
    const afterDelete = names(await e.pods('default', 'app=web'));
    const replacement = afterDelete.filter((n) => !first.includes(n));
    expect(replacement).toHaveLength(1);
    expect((await e.events('default', 'web')).slice(3)).toEqual([
      `SuccessfulCreate: Created pod: ${replacement[0]}`,
    ]);

    // Scale to 5, then at once back to 3: the two new (unscheduled / not ready) pods go, not the running ones.
    await e.call(rc.patch('default', 'web', 'merge', { spec: { replicas: 5 } }));
    await e.c.advance(100);
    const five = names((await e.pods('default', 'app=web')).filter(isActive));
    expect(five).toHaveLength(5);
    const added = five.filter((n) => !afterDelete.includes(n));
    expect(added).toHaveLength(2);
    await e.call(rc.patch('default', 'web', 'merge', { spec: { replicas: 3 } }));
    await e.until(
      'back to 3 running',
      async () => (await e.pods('default', 'app=web')).length === 3 && running(3),
    );
    expect(names(await e.pods('default', 'app=web'))).toEqual(afterDelete);
    const ev = (await e.events('default', 'web')).slice(4);
    expect(ev.slice(0, 2).sort()).toEqual(added.map((n) => `SuccessfulCreate: Created pod: ${n}`).sort());
    expect(ev.slice(2).sort()).toEqual(added.map((n) => `SuccessfulDelete: Deleted pod: ${n}`).sort());

    // Scale down to 1 with every pod running: pods sharing a node with more of their kind go first
    // (ActivePodsWithRanks: rank by co-located pods before readiness time and age).
    const nodeOf = new Map(
      (await e.pods('default', 'app=web')).map((p) => [p.metadata!.name!, p.spec!.nodeName!]),
    );
    const perNode = new Map<string, string[]>();
    for (const [n, node] of nodeOf) perNode.set(node, [...(perNode.get(node) ?? []), n]);
    await e.call(rc.patch('default', 'web', 'merge', { spec: { replicas: 1 } }));
    await e.until('1 running', async () => (await e.pods('default', 'app=web')).length === 1);
    const kept = names(await e.pods('default', 'app=web'));
    expect(kept).toHaveLength(1);
    const deleted = afterDelete.filter((n) => !kept.includes(n));
    expect((await e.events('default', 'web')).slice(8).sort()).toEqual(
      deleted.map((n) => `SuccessfulDelete: Deleted pod: ${n}`).sort(),
    );
    const groups = [...perNode.values()].sort((a, b) => a.length - b.length);
    if (groups.length === 2)
      expect(kept).toEqual(groups[0]); // 1 + 2: the lone pod stays
    else expect(deleted).toContain(replacement[0]); // all on one node: the youngest goes
    const status = (await e.call(rc.get('default', 'web'))) as { status?: Record<string, unknown> };
    expect(status.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });
});
