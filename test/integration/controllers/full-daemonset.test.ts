/**
 * DaemonSets with real kubelets: one pod per schedulable node, skipping the tainted control-plane node
 * until the DaemonSet tolerates its taint; a Node object created by the user is adopted by the node pool
 * and gets its daemon pod; deleting the Node removes the pod.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isReady, startFull, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const placement = (pods: Pod[]) =>
  pods
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => `${p.spec?.nodeName} ${p.status?.phase} ${isReady(p)}`)
    .sort();

describe('DaemonSet with real nodes', () => {
  it('follows nodes as they come and go and skips the control-plane node unless tolerated', async () => {
    env = await startFull();
    const e = env;
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'nginx:1.27' }] },
        },
      },
    };
    await e.call(e.client.daemonSets.create('default', ds));
    const settled = (want: string[]) => async () => {
      const got = placement(await e.pods('default', 'app=agent'));
      return (
        JSON.stringify(got) === JSON.stringify(want) &&
        (await e.pods('default', 'app=agent')).length === want.length
      );
    };
    await e.until('a pod on each worker', settled(['node-1 Running true', 'node-2 Running true']), 60_000);
    const status = async () => (await e.call(e.client.daemonSets.get('default', 'agent'))).status;
    expect(await status()).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
      numberMisscheduled: 0,
    });
    // Pinned by node affinity on metadata.name, with the daemon tolerations.
    const [p1] = await e.pods('default', 'app=agent');
    expect(
      p1.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p1.spec?.nodeName] }] }]);
    expect(p1.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);

    // A Node created by the user: the node pool runs a kubelet for it and the daemon pod runs there.
    await e.call(
      e.client.nodes.create(undefined, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-3', labels: { 'kubernetes.io/hostname': 'node-3' } },
      }),
    );
    await e.until(
      'a pod on node-3',
      settled(['node-1 Running true', 'node-2 Running true', 'node-3 Running true']),
      60_000,
    );
    expect((await status())?.desiredNumberScheduled).toBe(3);
    const onNode3 = (await e.pods('default', 'app=agent')).find((p) => p.spec?.nodeName === 'node-3')!;

    // The Node goes: the pod garbage collector force-deletes its pod after the 40 s quarantine
    // (checked every 20 s), marking it Failed with DisruptionTarget first.
    let last: Pod | undefined;
    const cancel = e.client.pods.watch(
      'default',
      { fieldSelector: `metadata.name=${onNode3.metadata!.name}` },
      (ev) => {
        if (ev.type === 'MODIFIED') last = ev.object as Pod;
      },
      () => undefined,
    );
    await e.call(e.client.nodes.delete(undefined, 'node-3'));
    const goneAfter = await e.until(
      'node-3 pod gone',
      settled(['node-1 Running true', 'node-2 Running true']),
      120_000,
    );
    cancel();
    expect(goneAfter).toBeGreaterThanOrEqual(40_000);
    expect(goneAfter).toBeLessThanOrEqual(61_000);
    expect(last?.status?.phase).toBe('Failed');
    expect(last?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
    expect((await e.pods('default', 'app=agent')).map((p) => p.metadata?.name)).not.toContain(
      onNode3.metadata?.name,
    );
    expect((await status())?.desiredNumberScheduled).toBe(2);

    // Tolerating the control-plane taint puts a pod there too (a rolling update of the daemon pods).
    await e.call(
      e.client.daemonSets.patch('default', 'agent', 'strategic', {
        spec: {
          template: {
            spec: {
              tolerations: [
                { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
              ],
            },
          },
        },
      }),
    );
    await e.until(
      'a pod on the control-plane node',
      settled(['control-plane Running true', 'node-1 Running true', 'node-2 Running true']),
      120_000,
    );
    expect(await status()).toMatchObject({
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberReady: 3,
    });
  }, 60_000);
});
