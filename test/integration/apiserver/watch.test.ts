/**
 * Watches: initial ADDED events, resumption from a resourceVersion, selector-filtered views (label and
 * the indexed spec.nodeName field), bookmarks, timeoutSeconds, single-object watches and 410 Expired
 * after compaction.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Status } from 'kubernetes-types/meta/v1';
import type { KubeList, KubeObject } from '../../../src/api/types';
import { startHarness, pod, node, binding, PODS, NODES, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.c.stop();
});

const MERGE = { contentType: 'application/merge-patch+json' };

describe('watch', () => {
  it('without a resourceVersion, existing objects come first as ADDED', async () => {
    await h.ok('POST', PODS, pod('a'));
    await h.ok('POST', PODS, pod('b'));
    const w = h.watch(PODS);
    await h.c.settle();
    expect(w.summary()).toEqual(['ADDED a', 'ADDED b']);
    await h.ok('POST', PODS, pod('c'));
    await h.c.settle();
    expect(w.summary()).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
    w.cancel();
  });

  it('resuming from a resourceVersion gets exactly the later events, in order, with their RVs', async () => {
    await h.ok('POST', PODS, pod('a'));
    const list = await h.ok<KubeList>('GET', PODS);
    const b = await h.ok('POST', PODS, pod('b'));
    const a2 = await h.ok('PATCH', `${PODS}/a`, { metadata: { labels: { x: 'y' } } }, undefined, MERGE);
    await h.ok('DELETE', `${PODS}/b`);
    const w = h.watch(PODS, { resourceVersion: list.metadata.resourceVersion });
    await h.c.settle();
    expect(w.summary()).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
    // The DELETED event carries the last state with the delete's revision.
    expect(w.events.map((e) => e.object.metadata.resourceVersion)).toEqual([
      b.metadata.resourceVersion,
      a2.metadata.resourceVersion,
      String((await h.c.etcd.status()).revision),
    ]);
    await h.ok('POST', PODS, pod('c'));
    await h.c.settle();
    expect(w.summary().slice(3)).toEqual(['ADDED c']);
    w.cancel();
  });

  it('a label-selector watch sees a relabel as DELETED and the way back as ADDED', async () => {
    await h.ok('POST', PODS, pod('a', { labels: { app: 'web' } }));
    const w = h.watch(PODS, { labelSelector: 'app=web' });
    await h.c.settle();
    await h.ok('PATCH', `${PODS}/a`, { metadata: { labels: { app: 'db' } } }, undefined, MERGE);
    await h.ok('PATCH', `${PODS}/a`, { metadata: { labels: { other: 'x' } } }, undefined, MERGE);
    await h.ok('PATCH', `${PODS}/a`, { metadata: { labels: { app: 'web' } } }, undefined, MERGE);
    await h.c.settle();
    expect(w.summary()).toEqual(['ADDED a', 'DELETED a', 'ADDED a']);
    expect(w.events[1].object.metadata.labels).toEqual({ app: 'db' });
    w.cancel();
  });

  it('a spec.nodeName field-selector watch (the indexed path) sees the pod once it is bound', async () => {
    await h.ok('POST', NODES, node('n1'));
    await h.ok('POST', NODES, node('n2'));
    const w1 = h.watch('/api/v1/pods', { fieldSelector: 'spec.nodeName=n1' });
    const w2 = h.watch('/api/v1/pods', { fieldSelector: 'spec.nodeName=n2' });
    await h.c.settle();
    await h.ok('POST', PODS, pod('a'));
    await h.ok('POST', PODS, pod('b'));
    await h.ok('POST', `${PODS}/a/binding`, binding('a', 'n1'));
    await h.ok('POST', `${PODS}/b/binding`, binding('b', 'n2'));
    await h.ok('DELETE', `${PODS}/a`, { gracePeriodSeconds: 0 });
    await h.c.settle();
    expect(w1.summary()).toEqual(['ADDED a', 'DELETED a']);
    expect((w1.events[0].object.spec as { nodeName: string }).nodeName).toBe('n1');
    expect(w2.summary()).toEqual(['ADDED b']);
    w1.cancel();
    w2.cancel();
  });

  it('allowWatchBookmarks: a BOOKMARK with the current resourceVersion every 60 s of cluster time', async () => {
    const w = h.watch(PODS, {
      allowWatchBookmarks: 'true',
      resourceVersion: String((await h.c.etcd.status()).revision),
    });
    await h.c.settle();
    await h.c.advance(59_000);
    expect(w.events).toEqual([]);
    await h.ok('POST', PODS, pod('a'));
    await h.c.advance(1_000);
    const rev = String((await h.c.etcd.status()).revision);
    expect(w.summary()).toEqual(['ADDED a', 'BOOKMARK']);
    expect(w.events[1].object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: rev } });
    await h.c.advance(60_000);
    expect(w.summary()).toEqual(['ADDED a', 'BOOKMARK', 'BOOKMARK']);
    w.cancel();
  });

  it('no bookmarks unless asked', async () => {
    const w = h.watch(PODS);
    await h.c.advance(180_000);
    expect(w.events).toEqual([]);
    w.cancel();
  });

  it('timeoutSeconds ends the watch cleanly', async () => {
    const w = h.watch(PODS, { timeoutSeconds: '30' });
    await h.c.advance(29_000);
    expect(w.ended).toBe(false);
    await h.c.advance(1_000);
    expect(w.ended).toBe(true);
    expect(w.endErr).toBeUndefined();
  });

  it('a single-object watch (GET .../pods/x?watch=true) sees only that object', async () => {
    await h.ok('POST', PODS, pod('x'));
    await h.ok('POST', PODS, pod('y'));
    const w = h.watch(`${PODS}/x`);
    await h.c.settle();
    await h.ok('PATCH', `${PODS}/y`, { metadata: { labels: { a: 'b' } } }, undefined, MERGE);
    await h.ok('PATCH', `${PODS}/x`, { metadata: { labels: { a: 'b' } } }, undefined, MERGE);
    await h.ok('DELETE', `${PODS}/x`);
    await h.c.settle();
    expect(w.summary()).toEqual(['ADDED x', 'MODIFIED x', 'DELETED x']);
    w.cancel();
  });

  it('a namespaced watch does not see other namespaces; a cluster-wide one does', async () => {
    await h.ok('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other' },
    });
    const ns = h.watch(PODS);
    const all = h.watch('/api/v1/pods');
    await h.c.settle();
    await h.ok('POST', '/api/v1/namespaces/other/pods', pod('o'));
    await h.ok('POST', PODS, pod('d'));
    await h.c.settle();
    expect(ns.summary()).toEqual(['ADDED d']);
    expect(all.summary()).toEqual(['ADDED o', 'ADDED d']);
    ns.cancel();
    all.cancel();
  });

  it('a bad selector ends the watch with a 400 status', async () => {
    const w = h.watch(PODS, { fieldSelector: 'spec.foo=x' });
    await h.c.settle();
    expect(w.ended).toBe(true);
    expect(w.endErr).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });
  });
});

describe('410 Expired after compaction', () => {
  it('the apiserver compacts every 5 minutes; a watch from an RV older than the window gets ERROR 410 and ends', async () => {
    const early = String((await h.c.etcd.status()).revision);
    const first = await h.ok('POST', PODS, pod('a'));
    // A watch from that RV works now.
    const ok = h.watch(PODS, { resourceVersion: early });
    await h.c.settle();
    expect(ok.ended).toBe(false);
    ok.cancel();
    await h.c.advance(5 * 60_000);
    const atFive = await h.ok('POST', PODS, pod('b'));
    // Still inside the window after the first interval (nothing compacted yet).
    const still = h.watch(PODS, { resourceVersion: early });
    await h.c.settle();
    expect(still.summary()).toEqual(['ADDED a', 'ADDED b']);
    still.cancel();
    // At 10 minutes etcd is compacted to the revision seen at 5 minutes (pod a's).
    await h.c.advance(5 * 60_000 + 1_000);
    const compactedTo = Number(first.metadata.resourceVersion);
    const inWindow = h.watch(PODS, { resourceVersion: first.metadata.resourceVersion });
    await h.c.settle();
    expect(inWindow.summary()).toEqual(['ADDED b']);
    expect(inWindow.events[0].object.metadata.resourceVersion).toBe(atFive.metadata.resourceVersion);
    inWindow.cancel();
    const w = h.watch(PODS, { resourceVersion: early });
    await h.c.settle();
    expect(w.summary()).toEqual(['ERROR 410']);
    expect(w.events[0].object as unknown as Status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${early} (${compactedTo})`,
      reason: 'Expired',
      code: 410,
    });
    expect(w.ended).toBe(true);
    expect(w.endErr).toBeUndefined();
    // etcd itself was compacted to the same revision.
    expect((await h.c.etcd.status()).compactRevision).toBe(compactedTo);
    // A watch from the current list RV still works.
    const list = await h.ok<KubeList<KubeObject>>('GET', PODS);
    const fresh = h.watch(PODS, { resourceVersion: list.metadata.resourceVersion });
    await h.c.settle();
    expect(fresh.ended).toBe(false);
    fresh.cancel();
  });
});
