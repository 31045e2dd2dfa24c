import { describe, it, expect } from 'vitest';
import { TraceBus, Tracer, traceMatches, type TraceFilter, type TraceRecord } from './trace';

const rec = (over: Partial<TraceRecord> = {}): TraceRecord => ({
  id: 'kube-apiserver:1',
  from: 'kubectl',
  to: 'kube-apiserver',
  kind: 'request',
  verb: 'POST',
  resource: 'pods',
  namespace: 'default',
  name: 'nginx',
  time: 0,
  ...over,
});

describe('traceMatches', () => {
  it.each<[string, TraceFilter | undefined, boolean]>([
    ['no filter', undefined, true],
    ['empty filter', {}, true],
    ['kind listed', { kinds: ['request', 'watch'] }, true],
    ['kind not listed', { kinds: ['watch'] }, false],
    ['empty kinds list', { kinds: [] }, false],
    ['component as sender', { components: ['kubectl'] }, true],
    ['component as receiver', { components: ['kube-apiserver'] }, true],
    ['component neither end', { components: ['kube-scheduler'] }, false],
    ['resource equal', { resource: 'pods' }, true],
    ['resource differs', { resource: 'deployments' }, false],
    ['namespace equal', { namespace: 'default' }, true],
    ['namespace differs', { namespace: 'kube-system' }, false],
    ['name equal', { name: 'nginx' }, true],
    ['name differs', { name: 'web' }, false],
    [
      'all fields match',
      { kinds: ['request'], components: ['kubectl'], resource: 'pods', namespace: 'default', name: 'nginx' },
      true,
    ],
    ['one field of several differs', { kinds: ['request'], resource: 'pods', name: 'web' }, false],
  ])('%s', (_, f, want) => {
    expect(traceMatches(rec(), f)).toBe(want);
  });

  it('a namespace filter rejects cluster-scoped records', () => {
    expect(traceMatches(rec({ namespace: undefined }), { namespace: 'default' })).toBe(false);
  });
});

describe('TraceBus', () => {
  it('is enabled only while someone is subscribed', () => {
    const bus = new TraceBus();
    expect(bus.enabled).toBe(false);
    const un1 = bus.subscribe(() => {});
    const un2 = bus.subscribe(() => {});
    expect(bus.enabled).toBe(true);
    un1();
    expect(bus.enabled).toBe(true);
    un2();
    expect(bus.enabled).toBe(false);
  });

  it('delivers to each subscriber whose filter passes; unsubscribe stops delivery', () => {
    const bus = new TraceBus();
    const all: string[] = [];
    const watches: string[] = [];
    const unAll = bus.subscribe((r) => all.push(r.id));
    bus.subscribe((r) => watches.push(r.id), { kinds: ['watch'] });
    bus.publish(rec({ id: 'a:1' }));
    bus.publish(rec({ id: 'a:2', kind: 'watch' }));
    unAll();
    bus.publish(rec({ id: 'a:3', kind: 'watch' }));
    expect(all).toEqual(['a:1', 'a:2']);
    expect(watches).toEqual(['a:2', 'a:3']);
  });

  it.each([
    { every: 1, want: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6'] },
    { every: 2, want: ['r0', 'r2', 'r4', 'r6'] },
    { every: 3, want: ['r0', 'r3', 'r6'] },
  ])('sampleEvery $every keeps one record in $every', ({ every, want }) => {
    const bus = new TraceBus();
    const got: string[] = [];
    bus.subscribe((r) => got.push(r.id), { sampleEvery: every });
    for (let i = 0; i < 7; i++) bus.publish(rec({ id: `r${i}` }));
    expect(got).toEqual(want);
  });

  it('samples among the records that pass the filter only', () => {
    const bus = new TraceBus();
    const got: string[] = [];
    bus.subscribe((r) => got.push(r.id), { kinds: ['watch'], sampleEvery: 2 });
    const kinds = ['watch', 'request', 'watch', 'request', 'watch', 'watch'] as const;
    kinds.forEach((kind, i) => bus.publish(rec({ id: `r${i}`, kind })));
    // watch records are r0, r2, r4, r5: every second one is kept.
    expect(got).toEqual(['r0', 'r4']);
  });
});

describe('Tracer', () => {
  it('emit returns the cause id and publishes nothing while tracing is off', () => {
    const bus = new TraceBus();
    const t = new Tracer('kube-scheduler', bus, () => 1000);
    expect(t.enabled).toBe(false);
    expect(
      t.emit({ to: 'kube-apiserver', kind: 'decision', verb: 'schedule', causeId: 'kube-apiserver:7' }),
    ).toBe('kube-apiserver:7');
    expect(t.emit({ to: 'kube-apiserver', kind: 'decision', verb: 'schedule' })).toBeUndefined();
  });

  it('emit stamps id, sender and time, and returns a fresh id each time when enabled', () => {
    const bus = new TraceBus();
    let now = 5000;
    const t = new Tracer('kube-scheduler', bus, () => now);
    const got: TraceRecord[] = [];
    bus.subscribe((r) => got.push(r));
    expect(t.enabled).toBe(true);
    const id1 = t.emit({
      to: 'kube-apiserver',
      kind: 'decision',
      verb: 'schedule',
      causeId: 'x:1',
      name: 'p',
    });
    now = 6000;
    const id2 = t.emit({ to: 'kube-apiserver', kind: 'request', verb: 'POST', causeId: id1 });
    expect([id1, id2]).toEqual(['kube-scheduler:1', 'kube-scheduler:2']);
    expect(got).toEqual([
      {
        id: 'kube-scheduler:1',
        from: 'kube-scheduler',
        to: 'kube-apiserver',
        kind: 'decision',
        verb: 'schedule',
        causeId: 'x:1',
        name: 'p',
        time: 5000,
      },
      {
        id: 'kube-scheduler:2',
        from: 'kube-scheduler',
        to: 'kube-apiserver',
        kind: 'request',
        verb: 'POST',
        causeId: 'kube-scheduler:1',
        time: 6000,
      },
    ]);
  });

  it('emit keeps an explicit id and sender', () => {
    const bus = new TraceBus();
    const t = new Tracer('kube-apiserver', bus, () => 1);
    const got: TraceRecord[] = [];
    bus.subscribe((r) => got.push(r));
    const pre = t.nextId();
    expect(
      t.emit({ id: pre, from: 'etcd', to: 'kube-apiserver', kind: 'etcd', verb: 'txn', revision: 12 }),
    ).toBe('kube-apiserver:1');
    expect(got[0]).toMatchObject({ id: 'kube-apiserver:1', from: 'etcd', revision: 12 });
    expect(t.nextId()).toBe('kube-apiserver:2');
  });

  it('nextId allocates ids even when tracing is off', () => {
    const t = new Tracer('etcd', new TraceBus(), () => 0);
    expect([t.nextId(), t.nextId()]).toEqual(['etcd:1', 'etcd:2']);
  });

  it('stops publishing after the last unsubscribe', () => {
    const bus = new TraceBus();
    const t = new Tracer('c', bus, () => 0);
    const got: string[] = [];
    const un = bus.subscribe((r) => got.push(r.id));
    t.emit({ to: 'x', kind: 'lifecycle', verb: 'start' });
    un();
    expect(t.emit({ to: 'x', kind: 'lifecycle', verb: 'stop', causeId: 'c:1' })).toBe('c:1');
    expect(got).toEqual(['c:1']);
  });
});
