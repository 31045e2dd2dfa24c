import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/clock';
import { failureStatus } from '../api/errors';
import { Clientset } from './rest-client';
import { LeaderElector, formatMicroTime, leaseSpecToRecord, recordToLeaseSpec } from './leader-election';
import { FakeTransport } from './testing/fake-transport';
import { advance } from './testing/clock-helpers';

function candidate(t: FakeTransport, clock: VirtualClock, id: string, log: string[], t0: number) {
  const cs = new Clientset(t, { from: id });
  const at = () => `${(clock.now() - t0) / 1000}s`;
  const el = new LeaderElector({
    leases: cs.leases,
    clock,
    namespace: 'kube-system',
    name: 'kube-scheduler',
    identity: id,
    callbacks: {
      onStartedLeading: () => log.push(`${at()} ${id} started leading`),
      onStoppedLeading: () => log.push(`${at()} ${id} stopped leading`),
      onNewLeader: (who) => log.push(`${at()} ${id} sees leader ${who}`),
    },
  });
  return el;
}

describe('formatMicroTime', () => {
  it.each([
    [Date.UTC(2026, 0, 1), '2026-01-01T00:00:00.000000Z'],
    [Date.UTC(2026, 0, 1, 12, 34, 56, 789), '2026-01-01T12:34:56.789000Z'],
    [Date.UTC(2026, 0, 1) + 0.25, '2026-01-01T00:00:00.000250Z'],
  ])('%d → %s', (ms, want) => {
    expect(formatMicroTime(ms)).toBe(want);
  });

  it('round-trips a record through a Lease spec', () => {
    const r = {
      holderIdentity: 'x',
      leaseDurationSeconds: 15,
      acquireTime: Date.UTC(2026, 0, 1, 0, 0, 1),
      renewTime: Date.UTC(2026, 0, 1, 0, 0, 3),
      leaderTransitions: 2,
    };
    expect(recordToLeaseSpec(r)).toEqual({
      holderIdentity: 'x',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:01.000000Z',
      renewTime: '2026-01-01T00:00:03.000000Z',
      leaseTransitions: 2,
    });
    expect(leaseSpecToRecord(recordToLeaseSpec(r))).toEqual(r);
  });
});

describe('LeaderElector', () => {
  it('validates durations as client-go does', () => {
    const t = new FakeTransport();
    const cs = new Clientset(t, { from: 'x' });
    const base = {
      leases: cs.leases,
      clock: new VirtualClock(),
      namespace: 'n',
      name: 'l',
      identity: 'i',
      callbacks: { onStartedLeading() {}, onStoppedLeading() {} },
    };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000 })).toThrow(
      'leaseDuration must be greater than renewDeadline',
    );
    expect(() => new LeaderElector({ ...base, retryPeriodMs: 9_000 })).toThrow(
      'renewDeadline must be greater than retryPeriod*JitterFactor',
    );
    expect(() => new LeaderElector({ ...base, identity: '' })).toThrow('Lock identity is empty');
  });

  it('one of two candidates leads; the other takes over 15 s after it last saw a renewal', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const t = new FakeTransport();
    const log: string[] = [];
    const a = candidate(t, clock, 'a', log, t0);
    const b = candidate(t, clock, 'b', log, t0);
    const aDone = a.run();
    await advance(clock, 1000);
    const bDone = b.run();
    await advance(clock, 3500); // t = 4.5 s: a renewed at 2 s and 4 s
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(b.getLeader()).toBe('a');
    const lease = t.getObject('coordination.k8s.io', 'leases', 'kube-system', 'kube-scheduler')!;
    expect(lease.spec).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:00.000000Z',
      renewTime: '2026-01-01T00:00:04.000000Z',
      leaseTransitions: 0,
    });
    a.stop(); // a stops renewing (no release)
    await aDone;
    // b saw the 4 s renewal at 5 s, so the lease is valid until 20 s; b retries every 2 s: 19 s fails, 21 s wins.
    await advance(clock, 14_000); // t = 18.5 s
    expect(b.isLeader()).toBe(false);
    await advance(clock, 2_000); // t = 20.5 s
    expect(b.isLeader()).toBe(false);
    await advance(clock, 1_000); // t = 21.5 s
    expect(b.isLeader()).toBe(true);
    expect(t.getObject('coordination.k8s.io', 'leases', 'kube-system', 'kube-scheduler')!.spec).toEqual({
      holderIdentity: 'b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:21.000000Z',
      renewTime: '2026-01-01T00:00:21.000000Z',
      leaseTransitions: 1,
    });
    await advance(clock, 2_000); // renewal at 23 s keeps acquireTime and transitions
    expect(t.getObject('coordination.k8s.io', 'leases', 'kube-system', 'kube-scheduler')!.spec).toEqual({
      holderIdentity: 'b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:21.000000Z',
      renewTime: '2026-01-01T00:00:23.000000Z',
      leaseTransitions: 1,
    });
    b.stop();
    await bDone;
    expect(log).toEqual([
      '0s a sees leader a',
      '0s a started leading',
      '1s b sees leader a',
      '4.5s a stopped leading',
      '21s b sees leader b',
      '21s b started leading',
      '23.5s b stopped leading',
    ]);
  });

  it('gives up leadership when it cannot renew within the renew deadline (10 s)', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const t = new FakeTransport();
    const log: string[] = [];
    const a = candidate(t, clock, 'a', log, t0);
    const done = a.run();
    await advance(clock, 3000);
    t.failNext(
      (r) => r.from === 'a' && r.method === 'PUT',
      failureStatus(503, 'ServiceUnavailable', 'apiserver overloaded'),
      1000,
    );
    await advance(clock, 10_999); // t = 13.999 s
    expect(log).toEqual(['0s a sees leader a', '0s a started leading']);
    await advance(clock, 1);
    await done;
    expect(log).toEqual(['0s a sees leader a', '0s a started leading', '14s a stopped leading']);
    // attempts at 4, 6, 8, 10, 12 s each tried the fast path and the slow path
    const puts = t.requests.filter((r) => r.method === 'PUT').length;
    expect(puts).toBe(1 + 5 * 2);
  });

  it('releases the lease on stop when releaseOnCancel is set', async () => {
    const clock = new VirtualClock();
    const t = new FakeTransport();
    const cs = new Clientset(t, { from: 'a' });
    const el = new LeaderElector({
      leases: cs.leases,
      clock,
      namespace: 'kube-system',
      name: 'kcm',
      identity: 'a',
      releaseOnCancel: true,
      callbacks: { onStartedLeading() {}, onStoppedLeading() {} },
    });
    const done = el.run();
    await advance(clock, 2500);
    el.stop();
    await done;
    expect(t.getObject('coordination.k8s.io', 'leases', 'kube-system', 'kcm')!.spec).toEqual({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: '2026-01-01T00:00:02.500000Z',
      renewTime: '2026-01-01T00:00:02.500000Z',
      leaseTransitions: 0,
    });
  });
});
