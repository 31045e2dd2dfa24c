import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { VirtualClock } from '../../../runtime/clock';
import { SchedulingQueue, podKey } from './scheduling-queue';
import type { QueuedPodInfo } from '../framework/interface';

function pod(name: string, priority = 0, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name, namespace: 'default', uid: name },
    spec: { containers: [{ name: 'c', image: 'nginx' }], priority, ...extra },
  };
}

function fail(q: SchedulingQueue, qp: QueuedPodInfo, plugin = 'NodeResourcesFit'): void {
  qp.unschedulablePlugins.add(plugin);
  q.addUnschedulableIfNotPresent(qp, q.schedulingCycle);
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival time', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    q.add(pod('low', 0));
    clock.jumpTo(clock.now() + 1);
    q.add(pod('high', 100));
    clock.jumpTo(clock.now() + 1);
    q.add(pod('low2', 0));
    q.add(pod('mid', 50));
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await q.pop())!.pod.metadata!.name!);
    expect(order).toEqual(['high', 'mid', 'low', 'low2']);
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10000],
    [9, 10000],
  ])('back-off after %i attempts is %i ms', (attempts, ms) => {
    const q = new SchedulingQueue({ clock: new VirtualClock() });
    expect(q.backoffDuration(attempts)).toBe(ms);
  });

  it('a pod failed during a move request waits exactly its back-off in backoffQ', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    q.add(pod('p'));
    const qp = (await q.pop())!;
    q.moveAllToActiveOrBackoffQueue('NodeAdd'); // during the cycle
    fail(q, qp);
    expect(q.where('default/p')).toBe('backoff');
    clock.jumpTo(clock.now() + 999);
    clock.fireDue();
    expect(q.where('default/p')).toBe('backoff');
    clock.jumpTo(clock.now() + 1);
    clock.fireDue();
    expect(q.where('default/p')).toBe('active');
    // Second failure: 2 s.
    const qp2 = (await q.pop())!;
    expect(qp2.attempts).toBe(2);
    q.moveAllToActiveOrBackoffQueue('NodeAdd');
    fail(q, qp2);
    clock.jumpTo(clock.now() + 1999);
    clock.fireDue();
    expect(q.where('default/p')).toBe('backoff');
    clock.jumpTo(clock.now() + 1);
    clock.fireDue();
    expect(q.where('default/p')).toBe('active');
  });

  it('unschedulable pods move on a cluster event: to backoffQ while backing off, else activeQ', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    q.add(pod('a'));
    q.add(pod('b'));
    const a = (await q.pop())!;
    fail(q, a);
    clock.jumpTo(clock.now() + 500);
    const b = (await q.pop())!;
    fail(q, b);
    expect(q.where('default/a')).toBe('unschedulable');
    expect(q.where('default/b')).toBe('unschedulable');
    clock.jumpTo(clock.now() + 600); // a failed 1.1 s ago (backoff over), b 0.6 s ago
    q.moveAllToActiveOrBackoffQueue('NodeAdd');
    expect(q.where('default/a')).toBe('active');
    expect(q.where('default/b')).toBe('backoff');
    clock.jumpTo(clock.now() + 400);
    clock.fireDue();
    expect(q.where('default/b')).toBe('active');
  });

  it('flushes pods left unschedulable for more than 5 minutes', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    q.run();
    q.add(pod('p'));
    fail(q, (await q.pop())!);
    for (let t = 0; t < 300_000; t += 30_000) {
      clock.jumpTo(clock.now() + 30_000);
      clock.fireDue();
    }
    expect(q.where('default/p')).toBe('unschedulable'); // exactly 5 min: not yet "more than"
    clock.jumpTo(clock.now() + 30_000);
    clock.fireDue();
    expect(q.where('default/p')).toBe('active');
    q.close();
  });

  it('keeps gated pods out of activeQ until an update lifts the gate', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({
      clock,
      preEnqueue: (p) =>
        p.spec?.schedulingGates?.length
          ? { code: 'UnschedulableAndUnresolvable', reasons: ['gated'] }
          : { code: 'Success', reasons: [] },
    });
    const gated = pod('g', 0, { schedulingGates: [{ name: 'x' }] });
    q.add(gated);
    expect(q.where('default/g')).toBe('gated');
    q.moveAllToActiveOrBackoffQueue('NodeAdd');
    expect(q.where('default/g')).toBe('gated');
    q.update(gated, pod('g'));
    expect(q.where('default/g')).toBe('active');
  });

  it('a waiting pop resolves when a pod arrives; close resolves it with undefined', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    const p = q.pop();
    q.add(pod('x'));
    expect((await p)?.pod.metadata?.name).toBe('x');
    const p2 = q.pop();
    q.close();
    expect(await p2).toBeUndefined();
  });

  it('ignores updates that only touch status or the simulator annotations', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock });
    const p = pod('p');
    q.add(p);
    fail(q, (await q.pop())!);
    const annotated: Pod = {
      ...p,
      metadata: {
        ...p.metadata,
        annotations: { 'kube-scheduler-simulator.sigs.k8s.io/filter-result': '{}' },
      },
      status: { phase: 'Pending' },
    };
    q.update(p, annotated);
    expect(q.where('default/p')).toBe('unschedulable');
    const relabelled: Pod = { ...annotated, metadata: { ...annotated.metadata, labels: { a: 'b' } } };
    q.update(annotated, relabelled);
    expect(q.where('default/p')).toBe('backoff');
  });

  it('tracks nominated pods per node', () => {
    const q = new SchedulingQueue({ clock: new VirtualClock() });
    const a = pod('a');
    q.addNominatedPod(a, 'n1');
    expect(q.nominatedPodsForNode('n1').map(podKey)).toEqual(['default/a']);
    q.addNominatedPod(a, 'n2');
    expect(q.nominatedPodsForNode('n1')).toEqual([]);
    expect(q.nominatedPodsForNode('n2').map(podKey)).toEqual(['default/a']);
    q.delete(a);
    expect(q.nominatedPodsForNode('n2')).toEqual([]);
    expect(q.hasNominatedPods).toBe(false);
  });
});
