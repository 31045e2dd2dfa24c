/** DaemonSet controller against an in-process apiserver on a virtual clock (no scheduler: pods stay pinned, unbound). */
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { makeNode, readyAll, startWorkloads, type WorkloadsEnv } from './workloads-helpers';

let env: WorkloadsEnv;
afterEach(async () => {
  await env?.stop();
});

function ds(name: string): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image: 'fluentd:1' }] },
      },
    },
  };
}

const target = (p: Pod) =>
  p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]
    ?.matchFields?.[0]?.values?.[0];

async function targets(): Promise<string[]> {
  return (await env.pods())
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map(target)
    .sort() as string[];
}

describe('daemonset-controller', () => {
  it('runs one pinned pod per eligible node, follows nodes and skips the tainted control plane', async () => {
    env = await startWorkloads(['daemonset-controller']);
    await env.client.nodes.create(
      undefined,
      makeNode(
        'cp',
        { 'node-role.kubernetes.io/control-plane': '' },
        {
          taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        },
      ),
    );
    await env.client.nodes.create(undefined, makeNode('node-1'));
    await env.client.nodes.create(undefined, makeNode('node-2'));
    await env.client.daemonSets.create('default', ds('agent'));
    await env.c.advance(1000);
    expect(await targets()).toEqual(['node-1', 'node-2']);
    const [pod] = await env.pods();
    const revs = (
      await env.client.resource<ControllerRevision>('apps', 'v1', 'controllerrevisions').list('default')
    ).items;
    expect(revs).toHaveLength(1);
    const hash = revs[0].metadata!.labels!['controller-revision-hash'];
    expect(revs[0].metadata?.name).toBe(`agent-${hash}`);
    expect(revs[0].revision).toBe(1);
    expect(pod.metadata?.generateName).toBe('agent-');
    expect(pod.metadata?.labels).toEqual({
      app: 'agent',
      'controller-revision-hash': hash,
      'pod-template-generation': '1',
    });
    expect(pod.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [target(pod)] }] },
          ],
        },
      },
    });
    expect(pod.spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const events = await env.events('default', 'agent');
    expect(events.sort()).toEqual(
      (await env.pods()).map((p) => `SuccessfulCreate: Created pod: ${p.metadata?.name}`).sort(),
    );

    await env.client.nodes.create(undefined, makeNode('node-3'));
    await env.c.advance(1000);
    expect(await targets()).toEqual(['node-1', 'node-2', 'node-3']);
    await env.client.nodes.delete(undefined, 'node-2');
    await env.c.advance(1000);
    expect(await targets()).toEqual(['node-1', 'node-3']);

    await readyAll(env);
    await env.c.advance(1000);
    const cur = await env.client.daemonSets.get('default', 'agent');
    expect(cur.status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
  });

  it('adds the control-plane node once tolerated and rolls every pod to the new revision', async () => {
    env = await startWorkloads(['daemonset-controller']);
    await env.client.nodes.create(
      undefined,
      makeNode(
        'cp',
        {},
        { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      ),
    );
    await env.client.nodes.create(undefined, makeNode('node-1'));
    await env.client.nodes.create(undefined, makeNode('node-2'));
    await env.client.daemonSets.create('default', ds('agent'));
    await env.c.advance(1000);
    await readyAll(env);
    await env.c.advance(1000);
    await env.client.daemonSets.patch('default', 'agent', 'strategic', {
      spec: {
        template: {
          spec: {
            tolerations: [
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
            ],
          },
        },
      },
    });
    let maxUnavailableSeen = 0;
    for (let i = 0; i < 20; i++) {
      await env.c.advance(500);
      const live = (await env.pods()).filter((p) => !p.metadata?.deletionTimestamp);
      // maxUnavailable 1 over the two ready nodes: at most one of them is without a ready pod.
      const readyOn = new Set(
        live
          .filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .map(target),
      );
      maxUnavailableSeen = Math.max(
        maxUnavailableSeen,
        ['node-1', 'node-2'].filter((n) => !readyOn.has(n)).length,
      );
      await readyAll(env);
    }
    expect(maxUnavailableSeen).toBe(1);
    const revs = (
      await env.client.resource<ControllerRevision>('apps', 'v1', 'controllerrevisions').list('default')
    ).items.sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    const hash = revs[1].metadata!.labels!['controller-revision-hash'];
    const pods = (await env.pods()).filter((p) => !p.metadata?.deletionTimestamp);
    expect(pods.map(target).sort()).toEqual(['cp', 'node-1', 'node-2']);
    expect(pods.every((p) => p.metadata?.labels?.['controller-revision-hash'] === hash)).toBe(true);
    const cur = await env.client.daemonSets.get('default', 'agent');
    expect(cur.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 2,
    });
  });
});
