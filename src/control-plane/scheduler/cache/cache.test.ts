import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { VirtualClock } from '../../../runtime/clock';
import { CacheSnapshot, SchedulerCache } from './cache';

function node(name: string, cpu = '4'): Node {
  return { metadata: { name }, status: { allocatable: { cpu, memory: '8Gi', pods: '110' } } };
}

function pod(name: string, nodeName: string, cpu = '1'): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

describe('SchedulerCache', () => {
  it('assume → snapshot shows the pod; forget removes it', () => {
    const cache = new SchedulerCache({ clock: new VirtualClock() });
    cache.addNode(node('n1'));
    const snap = new CacheSnapshot();
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.requested.milliCPU).toBe(0);
    const p = pod('p', 'n1', '500m');
    cache.assumePod(p);
    expect(cache.isAssumedPod(p)).toBe(true);
    // The old snapshot copy is not changed behind the cycle's back.
    expect(snap.get('n1')!.requested.milliCPU).toBe(0);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.requested.milliCPU).toBe(500);
    expect(() => cache.assumePod(p)).toThrow("pod uid-p is in the cache, so can't be assumed");
    cache.forgetPod(p);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.requested.milliCPU).toBe(0);
    expect(cache.podCount).toBe(0);
  });

  it('the informer confirms an assumed pod (and moves it if it landed elsewhere)', () => {
    const cache = new SchedulerCache({ clock: new VirtualClock() });
    cache.addNode(node('n1'));
    cache.addNode(node('n2'));
    cache.assumePod(pod('a', 'n1'));
    cache.addPod(pod('a', 'n1'));
    expect(cache.podState(pod('a', 'n1'))).toEqual({ nodeName: 'n1', assumed: false });
    cache.assumePod(pod('b', 'n1'));
    cache.addPod(pod('b', 'n2'));
    const snap = new CacheSnapshot();
    cache.updateSnapshot(snap);
    expect(snap.get('n1')!.pods.map((p) => p.pod.metadata!.name)).toEqual(['a']);
    expect(snap.get('n2')!.pods.map((p) => p.pod.metadata!.name)).toEqual(['b']);
  });

  it('expires assumed pods whose binding finished, after the TTL only', () => {
    const clock = new VirtualClock();
    const cache = new SchedulerCache({ clock, assumedPodTtlMs: 30_000 });
    cache.run();
    cache.addNode(node('n1'));
    const p = pod('p', 'n1');
    cache.assumePod(p);
    clock.jumpTo(clock.now() + 60_000);
    clock.fireDue();
    expect(cache.isAssumedPod(p)).toBe(true); // binding not finished: never expires
    cache.finishBinding(p);
    for (let i = 0; i < 29; i++) {
      clock.jumpTo(clock.now() + 1000);
      clock.fireDue();
    }
    expect(cache.isAssumedPod(p)).toBe(true);
    clock.jumpTo(clock.now() + 1000);
    clock.fireDue();
    expect(cache.isAssumedPod(p)).toBe(false);
    expect(cache.podCount).toBe(0);
    cache.stop();
  });

  it('copies only changed NodeInfos, into the snapshot NodeInfos it already has', () => {
    const cache = new SchedulerCache({ clock: new VirtualClock() });
    for (const n of ['n1', 'n2', 'n3']) cache.addNode(node(n));
    const snap = new CacheSnapshot();
    cache.updateSnapshot(snap);
    const [a, b, c] = snap.nodes();
    const gens = snap.nodes().map((n) => n.generation);
    const bPods = b.pods;
    expect(snap.nodes().map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    cache.addPod(pod('p', 'n2'));
    // Not visible before the next updateSnapshot.
    expect(b.pods.length).toBe(0);
    expect(b.requested.milliCPU).toBe(0);
    cache.updateSnapshot(snap);
    expect(snap.nodes()).toEqual([a, b, c]);
    expect(snap.nodes()[1]).toBe(b);
    expect(b.pods).toBe(bPods);
    expect(b.pods.map((p) => p.pod.metadata!.name)).toEqual(['p']);
    expect(b.requested.milliCPU).toBe(1000);
    expect(b.pods).not.toBe(cache.nodeInfo('n2')!.pods);
    expect(b.requested).not.toBe(cache.nodeInfo('n2')!.requested);
    expect([a.generation, c.generation]).toEqual([gens[0], gens[2]]);
    expect(b.generation).toBe(cache.nodeInfo('n2')!.generation);
    expect(b.generation).toBeGreaterThan(gens[1]);
    cache.removePod(pod('p', 'n2'));
    cache.updateSnapshot(snap);
    expect([b.pods.length, b.requested.milliCPU]).toEqual([0, 0]);
    cache.removeNode(node('n1'));
    cache.updateSnapshot(snap);
    expect(snap.nodes().map((n) => n.name)).toEqual(['n2', 'n3']);
    expect(snap.get('n1')).toBeUndefined();
  });

  it('keeps pods of unknown nodes until the node arrives', () => {
    const cache = new SchedulerCache({ clock: new VirtualClock() });
    cache.addPod(pod('early', 'late-node', '2'));
    cache.addNode(node('late-node'));
    const snap = new CacheSnapshot();
    cache.updateSnapshot(snap);
    expect(snap.get('late-node')!.requested.milliCPU).toBe(2000);
    cache.removePod(pod('early', 'late-node'));
    cache.updateSnapshot(snap);
    expect(snap.get('late-node')!.requested.milliCPU).toBe(0);
  });
});
