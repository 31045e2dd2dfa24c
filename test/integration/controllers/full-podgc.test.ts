/**
 * The pod garbage collector (pod-gc.ts) on its own: its deletion order, and the terminated-pod
 * threshold (set to 2 here) against an apiserver with no kubelets, pod phases written by the test.
 * The orphaned-pod path (a deleted Node's pods) runs with real kubelets in full-daemonset.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../../src/client/rest-client';
import { ControllerManager } from '../../../src/control-plane/controller-manager/controller-manager';
import {
  PodGcController,
  gcOrder,
} from '../../../src/control-plane/controller-manager/controllers/cluster/pod-gc';
import { LocalCluster } from '../../../src/runtime/local-cluster';

function pod(name: string, created: string, phase?: string, reason?: string): Pod {
  return {
    metadata: { name, creationTimestamp: created },
    ...(phase ? { status: { phase, ...(reason ? { reason } : {}) } } : {}),
  } as Pod;
}

describe('gcOrder (byEvictionAndCreationTimestamp)', () => {
  it.each([
    ['evicted before not evicted', pod('b', 't2', 'Failed', 'Evicted'), pod('a', 't1', 'Failed'), -1],
    ['older first', pod('a', '2026-01-01T00:00:01Z'), pod('b', '2026-01-01T00:00:02Z'), -1],
    ['same time: by name', pod('b', '2026-01-01T00:00:01Z'), pod('a', '2026-01-01T00:00:01Z'), 1],
    ['equal', pod('a', 'x'), pod('a', 'x'), 0],
  ])('%s', (_n, a, b, want) => {
    expect(gcOrder(a, b)).toBe(want);
  });
});

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('pod-garbage-collector-controller', () => {
  it('deletes the terminated pods beyond the threshold, evicted and oldest first', async () => {
    const c = await LocalCluster.start();
    const kcm = new ControllerManager({
      api: c.connect('kube-controller-manager'),
      clock: c.clock,
      rng: c.rng.fork('kcm'),
      tracer: c.tracer('kube-controller-manager'),
      descriptors: [
        {
          name: 'pod-garbage-collector-controller',
          workers: 1,
          create: (ctx) => new PodGcController(ctx, 2),
        },
      ],
    });
    const started = kcm.start();
    await c.settle();
    await started;
    stop = async () => {
      kcm.stop();
      await c.stop();
    };
    const client = new Clientset(c.connect('test'), { from: 'test' });
    const make = async (name: string, phase: 'Succeeded' | 'Failed' | 'Running', reason?: string) => {
      const p = await client.pods.create('default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] },
      });
      await client.pods.updateStatus({ ...p, status: { phase, ...(reason ? { reason } : {}) } });
      await c.advance(1000);
    };
    await client.nodes.create(undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    await make('old', 'Succeeded');
    await make('running', 'Running');
    await make('mid', 'Failed');
    await make('evicted', 'Failed', 'Evicted');
    await make('new', 'Succeeded');
    // 4 terminated, threshold 2: `evicted` and `old` go at the next pass (every 20 s).
    await c.advance(20_000);
    const left = (await client.pods.list('default')).items.map((p) => p.metadata!.name).sort();
    expect(left).toEqual(['mid', 'new', 'running']);
    // Nothing more later: 2 terminated pods are within the threshold.
    await c.advance(60_000);
    expect((await client.pods.list('default')).items.map((p) => p.metadata!.name).sort()).toEqual(left);
  });
});
