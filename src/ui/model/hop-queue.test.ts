import { describe, it, expect } from 'vitest';
import type { TraceRecord } from '../../runtime/trace';
import { HopQueue } from './hop-queue';

let n = 0;
const rec = (r: Partial<TraceRecord>): TraceRecord => ({
  id: `t:${++n}`,
  from: 'kube-apiserver',
  to: 'kube-scheduler',
  kind: 'watch',
  verb: 'MODIFIED',
  resource: 'pods',
  time: 0,
  ...r,
});

describe('HopQueue', () => {
  it('hands hops out in order without aggregating under the limit', () => {
    const q = new HopQueue();
    q.push(rec({ name: 'a' }));
    q.push(rec({ name: 'b', kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'POST' }));
    const out = q.take(10, 5);
    expect(out.map((h) => [h.label, h.count])).toEqual([
      ['watch MODIFIED pods', 1],
      ['POST pods', 1],
    ]);
  });

  it('aggregates similar hops when the backlog is too long, and loses none', () => {
    const q = new HopQueue();
    for (let i = 0; i < 30; i++) q.push(rec({ name: `p${i}` }));
    for (let i = 0; i < 5; i++)
      q.push(
        rec({
          kind: 'etcd',
          to: 'etcd',
          verb: 'txn put',
          revision: i,
          detail: { key: `/registry/pods/default/p${i}` },
        }),
      );
    q.push(
      rec({
        kind: 'etcd',
        to: 'etcd',
        verb: 'txn put',
        revision: 9,
        detail: { key: '/registry/pods/default/p9' },
      }),
    );
    const out = q.take(1, 10);
    expect(out.map((h) => [h.label, h.count, h.ids.length])).toEqual([['watch MODIFIED pods', 30, 30]]);
    const rest = q.take(10);
    expect(rest.map((h) => [h.label, h.count])).toEqual([['txn put pods', 6]]);
    expect(q.stats()).toEqual({ received: 36, taken: 36, queued: 0, filtered: 0, hidden: 0 });
  });

  it('keeps the exact label when all merged hops share it', () => {
    const q = new HopQueue();
    for (let i = 0; i < 4; i++)
      q.push(rec({ kind: 'response', from: 'kube-apiserver', to: 'kube-scheduler', verb: '200' }));
    const [h] = q.take(5, 2);
    expect([h.label, h.count]).toEqual(['200', 4]);
  });

  it('counts hidden records separately', () => {
    const q = new HopQueue();
    q.push(rec({ to: 'ui' }));
    expect(q.stats()).toEqual({ received: 0, taken: 0, queued: 0, filtered: 0, hidden: 1 });
  });

  it('follows one object and what its records caused', () => {
    const q = new HopQueue();
    q.setFollow({ namespace: 'default', name: 'nginx' });
    const req = rec({
      id: 'api:1',
      kind: 'request',
      from: 'kubectl',
      to: 'kube-apiserver',
      verb: 'POST',
      namespace: 'default',
      name: 'nginx',
    });
    q.push(req);
    q.push(
      rec({
        id: 'api:2',
        kind: 'stage',
        from: 'kube-apiserver',
        to: 'kube-apiserver',
        verb: 'admission',
        causeId: 'api:1',
        resource: undefined,
      }),
    );
    q.push(rec({ id: 'api:3', name: 'other', namespace: 'default' }));
    q.push(rec({ id: 'api:4', kind: 'stage', verb: 'validation', causeId: 'api:2', resource: undefined }));
    expect(q.take(10).map((h) => h.ids[0])).toEqual(['api:1', 'api:2', 'api:4']);
    expect(q.stats().filtered).toBe(1);
  });
});

describe('HopQueue late binding labels', () => {
  it('labels a binding with its node when the decision arrived before it is taken', () => {
    const picked: { node?: string } = {};
    const q = new HopQueue({ selectedNode: () => picked.node });
    q.push(
      rec({
        kind: 'request',
        from: 'kube-scheduler',
        to: 'kube-apiserver',
        verb: 'POST',
        resource: 'pods/binding',
        namespace: 'default',
        name: 'web',
      }),
    );
    picked.node = 'node-2';
    expect(q.take(1)[0].label).toBe('bind → node-2');
  });
});

describe('HopQueue follow', () => {
  it('sets queued hops of other objects aside when following starts', () => {
    const q = new HopQueue();
    q.push(rec({ name: 'a' }));
    q.push(rec({ name: 'b' }));
    q.setFollow({ name: 'b' });
    expect(q.take(5).map((h) => h.record.name)).toEqual(['b']);
    expect(q.stats()).toEqual({ received: 2, taken: 1, queued: 0, filtered: 1, hidden: 0 });
  });
});
