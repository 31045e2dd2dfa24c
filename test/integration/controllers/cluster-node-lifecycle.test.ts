import { describe, it, expect, afterEach } from 'vitest';
import {
  CONTAINER,
  createNode,
  eventsFor,
  heartbeat,
  setPodStatus,
  startHarness,
  type Harness,
} from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function taints(h: Harness, node: string) {
  const n = await h.call(h.client.nodes.get(undefined, node));
  return (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
}

describe('node-lifecycle-controller and taint-eviction-controller', () => {
  it('marks a silent node Unknown after 50 s, evicts after 300 s, untaints when heartbeats return', async () => {
    h = await startHarness(['node-lifecycle-controller', 'taint-eviction-controller']);
    await createNode(h, 'n1');
    await createNode(h, 'n2');
    for (const [name, tolerate] of [
      ['tolerant', true],
      ['intolerant', false],
    ] as const) {
      await h.call(
        h.client.pods.create('default', {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name },
          spec: {
            containers: [CONTAINER],
            // Admission adds 300 s tolerations unless the pod names the keys (here with a value that never matches).
            tolerations: tolerate
              ? undefined
              : ['not-ready', 'unreachable'].map((k) => ({
                  key: `node.kubernetes.io/${k}`,
                  operator: 'Equal',
                  value: 'x',
                  effect: 'NoExecute',
                })),
          },
        }),
      );
      await h.call(h.client.pods.bind('default', name, 'n1'));
      await setPodStatus(h, 'default', name, { phase: 'Running', ready: true, podIP: '10.244.0.9' });
    }
    // n2 keeps beating; n1 goes silent.
    const beat = async (ms: number) => {
      for (let t = 0; t < ms; t += 10_000) {
        await heartbeat(h!, 'n2');
        await h!.advance(Math.min(10_000, ms - t));
      }
    };
    await beat(40_000);
    expect(await taints(h, 'n1')).toEqual([]);
    await beat(20_000);
    const n1 = await h.call(h.client.nodes.get(undefined, 'n1'));
    expect(n1.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['MemoryPressure', 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.'],
      ['DiskPressure', 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.'],
      ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.'],
    ]);
    expect(await taints(h, 'n1')).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect(n1.spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded).toBeDefined();
    expect(await taints(h, 'n2')).toEqual([]);
    // Pods are marked not ready; the intolerant one is evicted at once.
    const tolerant = await h.call(h.client.pods.get('default', 'tolerant'));
    expect(tolerant.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(await eventsFor(h, 'default', 'tolerant')).toEqual(['Warning NodeNotReady Node is not ready']);
    const intolerant = await h.call(h.client.pods.get('default', 'intolerant'));
    expect(intolerant.metadata!.deletionTimestamp).toBeDefined();
    expect(intolerant.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(await eventsFor(h, 'default', 'intolerant')).toContain(
      'Normal TaintManagerEviction Marking for deletion Pod default/intolerant',
    );
    expect(await eventsFor(h, 'default', 'n1')).toEqual([
      'Normal NodeNotReady Node n1 status is now: NodeNotReady',
    ]);
    // 300 s of toleration.
    await beat(290_000);
    expect(
      (await h.call(h.client.pods.get('default', 'tolerant'))).metadata!.deletionTimestamp,
    ).toBeUndefined();
    await beat(20_000);
    expect(
      (await h.call(h.client.pods.get('default', 'tolerant'))).metadata!.deletionTimestamp,
    ).toBeDefined();
    // The kubelet comes back.
    await heartbeat(h, 'n1');
    await h.advance(6000);
    expect(await taints(h, 'n1')).toEqual([]);
    const back = await h.call(h.client.nodes.get(undefined, 'n1'));
    expect(back.status!.conditions![0]).toMatchObject({ type: 'Ready', status: 'True' });
    expect(await eventsFor(h, 'default', 'n1')).toEqual([
      'Normal NodeNotReady Node n1 status is now: NodeNotReady',
      'Normal NodeReady Node n1 status is now: NodeReady',
    ]);
  });

  it('cancels a scheduled eviction when the taint goes before the toleration runs out', async () => {
    h = await startHarness(['node-lifecycle-controller', 'taint-eviction-controller']);
    await createNode(h, 'n1');
    await h.call(
      h.client.pods.create('default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [CONTAINER] },
      }),
    );
    await h.call(h.client.pods.bind('default', 'p', 'n1'));
    await h.advance(61_000);
    expect(await taints(h, 'n1')).toContain('node.kubernetes.io/unreachable:NoExecute');
    await heartbeat(h, 'n1');
    await h.advance(6000);
    expect(await taints(h, 'n1')).toEqual([]);
    await h.advance(400_000 - 6000);
    // (no heartbeats again, so the node is tainted again, but the first eviction was cancelled)
    expect(await eventsFor(h, 'default', 'p')).toContain(
      'Normal TaintManagerEviction Cancelling deletion of Pod default/p',
    );
  });
});
