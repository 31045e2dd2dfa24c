/**
 * Node lifecycle with real kubelets: a stopped node goes NotReady (conditions Unknown, unreachable
 * taints) after the 50 s grace period, its pods are evicted once their 300 s unreachable toleration
 * runs out and a Deployment's replacements run on the other node; started again, the node is Ready,
 * its taints go and the kubelet finishes the evicted pods.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isReady, startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const taintKeys = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe('node lifecycle with real kubelets', () => {
  it('NotReady after ~50 s, eviction after 300 s, replacements on node-2, Ready again on restart', async () => {
    env = await startFull();
    const e = env;
    await e.call(
      e.client.deployments.create(
        'default',
        workload('apps/v1', 'Deployment', 'web', 4, 'nginx:1.27') as Deployment,
      ),
    );
    await e.call(
      e.client.services.create('default', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      }),
    );
    const endpoints = async () => {
      const ep = await e.call(e.client.endpoints.get('default', 'web'));
      const names = (l: { targetRef?: { name?: string } }[] | undefined) =>
        (l ?? []).map((a) => a.targetRef!.name!).sort();
      return {
        ready: names(ep.subsets?.[0]?.addresses),
        notReady: names(ep.subsets?.[0]?.notReadyAddresses),
      };
    };
    await e.until(
      '4 ready pods',
      async () => (await e.pods('default', 'app=web')).filter(isReady).length === 4,
      60_000,
    );
    const before = await e.pods('default', 'app=web');
    const onNode1 = before.filter((p) => p.spec?.nodeName === 'node-1').map((p) => p.metadata!.name!);
    expect(onNode1.length).toBeGreaterThan(0);
    expect(onNode1.length).toBeLessThan(4);
    // DefaultTolerationSeconds admission gave every pod 300 s for not-ready and unreachable.
    expect(before[0].spec?.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);

    e.c.nodes.stopNode('node-1');
    const notReadyAfter = await e.until(
      'node-1 NotReady',
      async () => ready(await e.call(e.client.nodes.get(undefined, 'node-1')))?.status === 'Unknown',
      120_000,
    );
    // 50 s grace from the last heartbeat seen (heartbeats every 10 s), checked every 5 s.
    expect(notReadyAfter).toBeGreaterThanOrEqual(40_000);
    expect(notReadyAfter).toBeLessThanOrEqual(60_000);
    const down = await e.call(e.client.nodes.get(undefined, 'node-1'));
    expect(ready(down)).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(
      down.status?.conditions?.filter((c) => c.type !== 'Ready').map((c) => [c.type, c.status, c.reason]),
    ).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown'],
    ]);
    await e.c.advance(5_000);
    const tainted = await e.call(e.client.nodes.get(undefined, 'node-1'));
    expect(taintKeys(tainted).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const noExecAdded = Date.parse(tainted.spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded!);
    // The pods of node-1 are marked not ready, but stay (tolerated for 300 s).
    for (const n of onNode1) {
      const p = await e.call(e.client.pods.get('default', n));
      expect(isReady(p)).toBe(false);
      expect(p.metadata?.deletionTimestamp).toBeUndefined();
    }
    // The Service stops sending traffic to them.
    const onNode2 = before.filter((p) => p.spec?.nodeName === 'node-2').map((p) => p.metadata!.name!);
    expect(await endpoints()).toEqual({ ready: onNode2.sort(), notReady: [...onNode1].sort() });
    expect((await e.events('default', onNode1[0])).filter((x) => x.startsWith('NodeNotReady'))).toEqual([
      'NodeNotReady: Node is not ready',
    ]);

    // Eviction once the toleration runs out: 300 s after the NoExecute taint was added.
    const evicted = async () => {
      const p = await e.call(e.client.pods.get('default', onNode1[0]));
      return !!p.metadata?.deletionTimestamp;
    };
    await e.until('eviction', evicted, 400_000, 1000);
    const evictedAt = e.c.clock.now();
    expect(evictedAt - noExecAdded).toBeGreaterThanOrEqual(300_000);
    expect(evictedAt - noExecAdded).toBeLessThanOrEqual(301_000);
    expect(
      (await e.events('default', onNode1[0])).filter((x) => x.startsWith('TaintManagerEviction')),
    ).toEqual([`TaintManagerEviction: Marking for deletion Pod default/${onNode1[0]}`]);
    const ev = await e.call(e.client.pods.get('default', onNode1[0]));
    expect(ev.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });

    // Replacements run on node-2; the evicted pods stay Terminating while node-1 is down.
    await e.until('4 ready pods on node-2', async () => {
      const active = (await e.pods('default', 'app=web')).filter((p) => !p.metadata?.deletionTimestamp);
      return active.length === 4 && active.every((p) => p.spec?.nodeName === 'node-2' && isReady(p));
    });
    const terminating = (await e.pods('default', 'app=web')).filter((p) => p.metadata?.deletionTimestamp);
    expect(terminating.map((p) => p.metadata!.name).sort()).toEqual([...onNode1].sort());
    const d = await e.call(e.client.deployments.get('default', 'web'));
    expect(d.status).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4 });

    // Back up: Ready, taints removed, the evicted pods are finished by the kubelet.
    await e.c.drive(e.c.nodes.startNode('node-1'));
    await e.until(
      'node-1 Ready',
      async () => {
        const n = await e.call(e.client.nodes.get(undefined, 'node-1'));
        return ready(n)?.status === 'True' && taintKeys(n).length === 0;
      },
      60_000,
    );
    const up = await e.call(e.client.nodes.get(undefined, 'node-1'));
    expect(ready(up)).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
    expect(up.spec?.taints).toBeUndefined();
    await e.until(
      'evicted pods gone',
      async () => (await e.pods('default', 'app=web')).length === 4,
      120_000,
    );
    const final: Pod[] = await e.pods('default', 'app=web');
    expect(final.every((p) => p.spec?.nodeName === 'node-2' && p.status?.phase === 'Running')).toBe(true);
  }, 120_000);
});
