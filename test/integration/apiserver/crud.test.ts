/**
 * Every verb on several kinds against the in-process apiserver: create (names, uid, timestamps,
 * generation, resourceVersion = etcd mod revision), get, list with selectors and pagination, update
 * with optimistic concurrency, status subresource, patch (merge, json, strategic), delete (immediate,
 * graceful, finalizers, propagation, preconditions), deletecollection and dryRun.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { KubeList, KubeObject } from '../../../src/api/types';
import {
  startHarness,
  pod,
  deployment,
  node,
  binding,
  status,
  PODS,
  DEPLOYS,
  NODES,
  type Harness,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.c.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = '2026-01-01T00:00:00Z';

interface KindCase {
  kind: string;
  collection: string;
  body: KubeObject;
  etcdKey: string;
  generation: number | undefined;
}

const KINDS: KindCase[] = [
  { kind: 'Pod', collection: PODS, body: pod('p1'), etcdKey: '/registry/pods/default/p1', generation: 1 },
  {
    kind: 'Deployment',
    collection: DEPLOYS,
    body: deployment('d1'),
    etcdKey: '/registry/deployments/default/d1',
    generation: 1,
  },
  {
    kind: 'Node',
    collection: NODES,
    body: node('n1'),
    etcdKey: '/registry/minions/n1',
    generation: undefined,
  },
  {
    kind: 'Service',
    collection: '/api/v1/namespaces/default/services',
    body: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's1' },
      spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
    },
    etcdKey: '/registry/services/specs/default/s1',
    generation: undefined,
  },
  {
    kind: 'ConfigMap',
    collection: '/api/v1/namespaces/default/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: '1' } },
    etcdKey: '/registry/configmaps/default/c1',
    generation: undefined,
  },
  {
    kind: 'Event',
    collection: '/api/v1/namespaces/default/events',
    body: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'p1', namespace: 'default' },
      reason: 'Test',
      message: 'hello',
      type: 'Normal',
      source: { component: 'test' },
    },
    etcdKey: '/registry/events/default/e1',
    generation: undefined,
  },
  {
    kind: 'Lease',
    collection: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
    body: {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'n1' },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 },
    },
    etcdKey: '/registry/leases/kube-node-lease/n1',
    generation: undefined,
  },
];

describe('create and get, per kind', () => {
  it.each(KINDS)('$kind: server-set metadata, etcd key and resourceVersion', async (k) => {
    const r = await h.call('POST', k.collection, k.body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const o = r.body as KubeObject;
    expect(o.kind).toBe(k.kind);
    expect(o.metadata.uid).toMatch(UUID);
    expect(o.metadata.creationTimestamp).toBe(NOW);
    expect(o.metadata.generation).toBe(k.generation);
    const kv = await h.c.etcd.range(k.etcdKey);
    expect(kv.kvs).toHaveLength(1);
    expect(o.metadata.resourceVersion).toBe(String(kv.kvs[0].modRevision));
    // The stored JSON carries no resourceVersion: it is the key's mod revision.
    expect(JSON.parse(kv.kvs[0].value).metadata.resourceVersion).toBeUndefined();
    const got = await h.ok('GET', `${k.collection}/${o.metadata.name}`);
    expect(got).toEqual(o);
  });

  it('generateName appends 5 characters from the name alphabet and cuts the prefix to 58', async () => {
    const long = 'a'.repeat(70);
    const seen = new Set<string>();
    for (const prefix of ['web-', long]) {
      for (let i = 0; i < 5; i++) {
        const o = await h.ok('POST', PODS, { ...pod(''), metadata: { generateName: prefix } });
        const name = o.metadata.name!;
        const cut = prefix.slice(0, 58);
        expect(name.startsWith(cut)).toBe(true);
        expect(name.slice(cut.length)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
        expect(o.metadata.generateName).toBe(prefix);
        seen.add(name);
      }
    }
    expect(seen.size).toBe(10);
  });

  it('a second create of the same name is 409 AlreadyExists', async () => {
    await h.ok('POST', PODS, pod('dup'));
    const r = await h.call('POST', PODS, pod('dup'));
    expect(r.status).toBe(409);
    expect(status(r)).toMatchObject({
      reason: 'AlreadyExists',
      message: 'pods "dup" already exists',
      details: { name: 'dup', kind: 'pods' },
      code: 409,
    });
  });

  it('get of a missing object is 404 with the qualified resource', async () => {
    const cases: Array<[string, string]> = [
      [`${PODS}/x`, 'pods "x" not found'],
      [`${DEPLOYS}/web`, 'deployments.apps "web" not found'],
      [`${NODES}/n9`, 'nodes "n9" not found'],
      [
        '/apis/coordination.k8s.io/v1/namespaces/default/leases/l',
        'leases.coordination.k8s.io "l" not found',
      ],
    ];
    for (const [path, message] of cases) {
      const r = await h.call('GET', path);
      expect(r.status).toBe(404);
      expect(status(r)).toMatchObject({ status: 'Failure', reason: 'NotFound', message, code: 404 });
    }
  });
});

describe('list', () => {
  beforeEach(async () => {
    const labels: Array<[string, Record<string, string>]> = [
      ['a', { app: 'web', tier: 'front' }],
      ['b', { app: 'web', tier: 'back' }],
      ['c', { app: 'db' }],
      ['d', {}],
    ];
    for (const [name, l] of labels) await h.ok('POST', PODS, pod(name, { labels: l }));
  });

  it.each([
    ['app=web', ['a', 'b']],
    ['app==web', ['a', 'b']],
    ['app!=web', ['c', 'd']],
    ['app in (web,db)', ['a', 'b', 'c']],
    ['app notin (web)', ['c', 'd']],
    ['tier', ['a', 'b']],
    ['!tier', ['c', 'd']],
    ['app=web,tier=back', ['b']],
    ['app=web,tier!=back', ['a']],
  ])('labelSelector %s', async (sel, want) => {
    const l = await h.ok<KubeList>('GET', PODS, undefined, { labelSelector: sel });
    expect(l.items.map((p) => p.metadata.name)).toEqual(want);
  });

  it('a bad label selector is 400', async () => {
    const r = await h.call('GET', PODS, undefined, { labelSelector: 'app in web' });
    expect(r.status).toBe(400);
    expect(status(r).reason).toBe('BadRequest');
  });

  it('field selectors: metadata.name, spec.nodeName, status.phase, and an unsupported label', async () => {
    await h.ok('POST', NODES, node('n1'));
    await h.ok('POST', `${PODS}/b/binding`, binding('b', 'n1'));
    const names = async (fs: string) =>
      (await h.ok<KubeList>('GET', PODS, undefined, { fieldSelector: fs })).items.map((p) => p.metadata.name);
    expect(await names('metadata.name=c')).toEqual(['c']);
    expect(await names('metadata.name!=c')).toEqual(['a', 'b', 'd']);
    expect(await names('spec.nodeName=n1')).toEqual(['b']);
    expect(await names('spec.nodeName=')).toEqual(['a', 'c', 'd']);
    expect(await names('status.phase=Pending')).toEqual(['a', 'b', 'c', 'd']);
    expect(await names('status.phase=Running')).toEqual([]);
    const r = await h.call('GET', PODS, undefined, { fieldSelector: 'spec.foo=x' });
    expect(r.status).toBe(400);
    expect(status(r)).toMatchObject({ reason: 'BadRequest', message: 'field label not supported: spec.foo' });
  });

  it('list resourceVersion is the latest revision, and limit/continue pages through in key order', async () => {
    const st = await h.c.etcd.status();
    const full = await h.ok<KubeList>('GET', PODS);
    expect(full.kind).toBe('PodList');
    expect(full.apiVersion).toBe('v1');
    expect(full.metadata.resourceVersion).toBe(String(st.revision));
    const p1 = await h.ok<KubeList>('GET', PODS, undefined, { limit: '3' });
    expect(p1.items.map((p) => p.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(p1.metadata.remainingItemCount).toBe(1);
    expect(typeof p1.metadata.continue).toBe('string');
    // Changes after the first page don't shift the continuation.
    await h.ok('POST', PODS, pod('e'));
    const p2 = await h.ok<KubeList>('GET', PODS, undefined, { limit: '3', continue: p1.metadata.continue });
    expect(p2.items.map((p) => p.metadata.name)).toEqual(['d', 'e']);
    expect(p2.metadata.continue).toBeUndefined();
    expect(p2.metadata.resourceVersion).toBe(p1.metadata.resourceVersion);
    const bad = await h.call('GET', PODS, undefined, { limit: '3', continue: 'garbage' });
    expect(bad.status).toBe(400);
  });

  it('all-namespaces list and cluster-scoped list', async () => {
    await h.ok('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other' },
    });
    await h.ok('POST', '/api/v1/namespaces/other/pods', pod('z'));
    const all = await h.ok<KubeList>('GET', '/api/v1/pods');
    expect(all.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'default/a',
      'default/b',
      'default/c',
      'default/d',
      'other/z',
    ]);
    const nss = await h.ok<KubeList>('GET', '/api/v1/namespaces');
    expect(nss.items.map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'other',
    ]);
  });
});

describe('update', () => {
  it('stale resourceVersion → 409 Conflict with the exact message; no-op update keeps the RV', async () => {
    const d = await h.ok('POST', DEPLOYS, deployment('web'));
    const changed = structuredClone(d);
    (changed.metadata.labels ??= {}).x = 'y';
    const u1 = await h.ok('PUT', `${DEPLOYS}/web`, changed);
    expect(Number(u1.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    expect(u1.metadata.generation).toBe(1); // metadata only: no generation bump
    const stale = await h.call('PUT', `${DEPLOYS}/web`, changed);
    expect(stale.status).toBe(409);
    expect(status(stale)).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    });
    const same = await h.ok('PUT', `${DEPLOYS}/web`, u1);
    expect(same.metadata.resourceVersion).toBe(u1.metadata.resourceVersion);
    const rev = (await h.c.etcd.status()).revision;
    expect(rev).toBe(Number(u1.metadata.resourceVersion));
  });

  it('generation moves only on spec changes', async () => {
    const d = await h.ok('POST', DEPLOYS, deployment('web'));
    const next = structuredClone(d);
    (next.spec as { replicas: number }).replicas = 3;
    const u = await h.ok('PUT', `${DEPLOYS}/web`, next);
    expect(u.metadata.generation).toBe(2);
    const ann = structuredClone(u);
    ann.metadata.annotations = { a: 'b' };
    expect((await h.ok('PUT', `${DEPLOYS}/web`, ann)).metadata.generation).toBe(2);
  });

  it('update without resourceVersion is unconditional; wrong name → 400', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    await h.ok('POST', '/api/v1/namespaces/default/configmaps', cm);
    const u = await h.ok('PUT', '/api/v1/namespaces/default/configmaps/c', { ...cm, data: { a: '2' } });
    expect(u.data).toEqual({ a: '2' });
    const r = await h.call('PUT', '/api/v1/namespaces/default/configmaps/c', {
      ...cm,
      metadata: { name: 'other' },
    });
    expect(r.status).toBe(400);
    expect(status(r).message).toBe('the name of the object (other) does not match the name on the URL (c)');
  });

  it('update of a missing object is 404', async () => {
    const r = await h.call('PUT', `${PODS}/nope`, pod('nope'));
    expect(r.status).toBe(404);
    expect(status(r).message).toBe('pods "nope" not found');
  });

  it('status subresource: main PUT cannot change status; status PUT cannot change spec', async () => {
    const d = await h.ok('POST', DEPLOYS, deployment('web'));
    const withStatus = structuredClone(d);
    withStatus.status = { replicas: 5 };
    const main = await h.ok('PUT', `${DEPLOYS}/web`, withStatus);
    expect(main.status).toEqual({});
    expect(main.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
    const st = structuredClone(main);
    st.status = { replicas: 5, observedGeneration: 1 };
    (st.spec as { replicas: number }).replicas = 9;
    const after = await h.ok('PUT', `${DEPLOYS}/web/status`, st);
    expect(after.status).toEqual({ replicas: 5, observedGeneration: 1 });
    expect((after.spec as { replicas: number }).replicas).toBe(1);
    expect(after.metadata.generation).toBe(1);
    const p = await h.ok('POST', PODS, pod('p'));
    const ps = structuredClone(p);
    ps.status = { phase: 'Running' };
    expect(((await h.ok('PUT', `${PODS}/p`, ps)).status as { phase: string }).phase).toBe('Pending');
    // The status sent has no qosClass: the server keeps the one it computed at creation.
    expect((await h.ok('PUT', `${PODS}/p/status`, ps)).status).toEqual({
      phase: 'Running',
      qosClass: 'BestEffort',
    });
  });
});

describe('patch', () => {
  const SMP = { contentType: 'application/strategic-merge-patch+json' };
  const MERGE = { contentType: 'application/merge-patch+json' };
  const JSONP = { contentType: 'application/json-patch+json' };

  it('merge patch replaces lists and deletes with null', async () => {
    await h.ok('POST', PODS, pod('p', { labels: { a: '1', b: '2' } }));
    const o = await h.ok(
      'PATCH',
      `${PODS}/p`,
      { metadata: { labels: { a: null, c: '3' } } },
      undefined,
      MERGE,
    );
    expect(o.metadata.labels).toEqual({ b: '2', c: '3' });
  });

  it('json patch ops, and a failing test op', async () => {
    await h.ok('POST', PODS, pod('p', { labels: { a: '1' } }));
    const o = await h.ok(
      'PATCH',
      `${PODS}/p`,
      [
        { op: 'add', path: '/metadata/labels/b', value: '2' },
        { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' },
      ],
      undefined,
      JSONP,
    );
    expect(o.metadata.labels).toEqual({ a: '1', b: '2' });
    expect((o.spec as { containers: Array<{ image: string }> }).containers[0].image).toBe('nginx:1.27');
    for (const bad of [
      [{ op: 'test', path: '/metadata/labels/a', value: 'zzz' }],
      [{ op: 'remove', path: '/metadata/annotations/x' }],
    ]) {
      const r = await h.call('PATCH', `${PODS}/p`, bad, undefined, JSONP);
      expect(r.status).toBe(422);
      expect(status(r)).toMatchObject({
        reason: 'Invalid',
        message: 'the server rejected our request due to an error in our request',
      });
    }
    const notList = await h.call('PATCH', `${PODS}/p`, { op: 'add' }, undefined, JSONP);
    expect(notList.status).toBe(400);
  });

  it('strategic merge: containers by name, env by name, ports by containerPort, $patch: delete', async () => {
    await h.ok(
      'POST',
      DEPLOYS,
      (() => {
        const d = deployment('web');
        (d.spec as { template: { spec: Record<string, unknown> } }).template.spec = {
          containers: [
            {
              name: 'app',
              image: 'app:1',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              ports: [{ containerPort: 80 }, { containerPort: 443 }],
            },
            { name: 'side', image: 'side:1' },
          ],
        };
        return d;
      })(),
    );
    const patched = await h.ok(
      'PATCH',
      `${DEPLOYS}/web`,
      {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'app:2',
                  env: [
                    { name: 'B', value: '20' },
                    { name: 'C', value: '3' },
                    { name: 'A', $patch: 'delete' },
                  ],
                  ports: [{ containerPort: 443, name: 'https' }],
                },
                { name: 'side', $patch: 'delete' },
              ],
            },
          },
        },
      },
      undefined,
      SMP,
    );
    const cs = (patched.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } })
      .template.spec.containers;
    expect(cs.map((c) => c.name)).toEqual(['app']);
    expect(cs[0].image).toBe('app:2');
    expect(cs[0].env).toEqual([
      { name: 'B', value: '20' },
      { name: 'C', value: '3' },
    ]);
    expect(cs[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 443, name: 'https', protocol: 'TCP' },
    ]);
    expect(patched.metadata.generation).toBe(2);
  });

  it('patch with an unsupported content type is 415; patch of a missing object is 404', async () => {
    await h.ok('POST', PODS, pod('p'));
    const r = await h.call('PATCH', `${PODS}/p`, {}, undefined, { contentType: 'text/plain' });
    expect(r.status).toBe(415);
    const m = await h.call('PATCH', `${PODS}/zz`, { metadata: { labels: { a: 'b' } } }, undefined, MERGE);
    expect(m.status).toBe(404);
  });

  it('patch carrying a stale resourceVersion is a conflict', async () => {
    const p = await h.ok('POST', PODS, pod('p'));
    await h.ok('PATCH', `${PODS}/p`, { metadata: { labels: { a: 'b' } } }, undefined, MERGE);
    const r = await h.call(
      'PATCH',
      `${PODS}/p`,
      { metadata: { resourceVersion: p.metadata.resourceVersion, labels: { a: 'c' } } },
      undefined,
      MERGE,
    );
    expect(r.status).toBe(409);
    expect(status(r).reason).toBe('Conflict');
  });
});

describe('delete', () => {
  it('an unscheduled pod goes at once and the response is the pod', async () => {
    await h.ok('POST', PODS, pod('p'));
    const r = await h.call('DELETE', `${PODS}/p`);
    expect(r.status).toBe(200);
    expect((r.body as KubeObject).kind).toBe('Pod');
    expect((await h.call('GET', `${PODS}/p`)).status).toBe(404);
    expect((await h.c.etcd.range('/registry/pods/default/p')).kvs).toHaveLength(0);
  });

  it('a bound pod gets deletionTimestamp + grace period; a grace-0 delete removes it', async () => {
    await h.ok('POST', NODES, node('n1'));
    await h.ok('POST', PODS, pod('p'));
    await h.ok('POST', `${PODS}/p/binding`, binding('p', 'n1'));
    const r = await h.ok('DELETE', `${PODS}/p`);
    expect(r.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(r.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(r.metadata.generation).toBe(2);
    const got = await h.ok('GET', `${PODS}/p`);
    expect(got.metadata.deletionGracePeriodSeconds).toBe(30);
    // A second delete with a longer grace changes nothing.
    const again = await h.ok('DELETE', `${PODS}/p`, undefined, { gracePeriodSeconds: '60' });
    expect(again.metadata.resourceVersion).toBe(got.metadata.resourceVersion);
    const shorter = await h.ok('DELETE', `${PODS}/p`, undefined, { gracePeriodSeconds: '10' });
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(10);
    const gone = await h.call('DELETE', `${PODS}/p`, {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
    });
    expect(gone.status).toBe(200);
    expect((await h.call('GET', `${PODS}/p`)).status).toBe(404);
  });

  it('finalizers keep an object until an update removes them', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', finalizers: ['example.com/keep'] },
    };
    await h.ok('POST', '/api/v1/namespaces/default/configmaps', cm);
    const d = await h.ok('DELETE', '/api/v1/namespaces/default/configmaps/c');
    expect(d.kind).toBe('ConfigMap');
    expect(d.metadata.deletionTimestamp).toBe(NOW);
    expect(d.metadata.deletionGracePeriodSeconds).toBe(0);
    const cur = await h.ok('GET', '/api/v1/namespaces/default/configmaps/c');
    expect(cur.metadata.finalizers).toEqual(['example.com/keep']);
    // A new finalizer can't be added to an object being deleted (upstream: Forbidden field error).
    const rm = structuredClone(cur);
    rm.metadata.finalizers = [];
    const r = await h.call('PUT', '/api/v1/namespaces/default/configmaps/c', rm);
    expect(r.status).toBe(200);
    expect((await h.call('GET', '/api/v1/namespaces/default/configmaps/c')).status).toBe(404);
  });

  it.each([
    ['Foreground', ['foregroundDeletion']],
    ['Orphan', ['orphan']],
  ])('propagationPolicy %s adds its finalizer', async (policy, fins) => {
    await h.ok('POST', DEPLOYS, deployment('web'));
    const d = await h.ok('DELETE', `${DEPLOYS}/web`, {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: policy,
    });
    expect(d.metadata.finalizers).toEqual(fins);
    expect(d.metadata.deletionTimestamp).toBe(NOW);
    expect(d.metadata.generation).toBe(2);
  });

  it('a Background delete of a deployment returns a Success Status', async () => {
    const dep = await h.ok('POST', DEPLOYS, deployment('web'));
    const r = await h.call('DELETE', `${DEPLOYS}/web`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'web', group: 'apps', kind: 'deployments', uid: dep.metadata.uid },
    });
  });

  it('preconditions: uid and resourceVersion mismatches are 409', async () => {
    const p = await h.ok('POST', PODS, pod('p'));
    const r1 = await h.call('DELETE', `${PODS}/p`, { preconditions: { uid: 'nope' } });
    expect(r1.status).toBe(409);
    expect(status(r1).message).toBe(
      `Operation cannot be fulfilled on pods "p": Precondition failed: UID in precondition: nope, UID in object meta: ${p.metadata.uid}`,
    );
    const r2 = await h.call('DELETE', `${PODS}/p`, { preconditions: { resourceVersion: '1' } });
    expect(r2.status).toBe(409);
    expect(status(r2).message).toBe(
      `Operation cannot be fulfilled on pods "p": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${p.metadata.resourceVersion}`,
    );
    const ok = await h.call('DELETE', `${PODS}/p`, { preconditions: { uid: p.metadata.uid } });
    expect(ok.status).toBe(200);
  });

  it('delete of a missing object is 404', async () => {
    const r = await h.call('DELETE', `${DEPLOYS}/web`);
    expect(r.status).toBe(404);
    expect(status(r).message).toBe('deployments.apps "web" not found');
  });

  it('deletecollection deletes what the selector matches', async () => {
    for (const [n, app] of [
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ])
      await h.ok('POST', '/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: n, labels: { app } },
      });
    const r = await h.ok<KubeList>('DELETE', '/api/v1/namespaces/default/configmaps', undefined, {
      labelSelector: 'app=x',
    });
    expect(r.kind).toBe('ConfigMapList');
    expect(r.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    const left = await h.ok<KubeList>('GET', '/api/v1/namespaces/default/configmaps');
    expect(left.items.map((i) => i.metadata.name)).toEqual(['c']);
  });
});

describe('dryRun=All writes nothing', () => {
  it('create, update, patch, delete', async () => {
    const rev0 = (await h.c.etcd.status()).revision;
    const c = await h.call('POST', PODS, pod('dry'), { dryRun: 'All' });
    expect(c.status).toBe(201);
    expect((c.body as KubeObject).metadata.uid).toMatch(UUID);
    expect((await h.call('GET', `${PODS}/dry`)).status).toBe(404);
    expect((await h.c.etcd.status()).revision).toBe(rev0);
    const p = await h.ok('POST', PODS, pod('p'));
    const rev1 = (await h.c.etcd.status()).revision;
    const lab = structuredClone(p);
    lab.metadata.labels = { a: 'b' };
    expect((await h.call('PUT', `${PODS}/p`, lab, { dryRun: 'All' })).status).toBe(200);
    expect(
      (
        await h.call(
          'PATCH',
          `${PODS}/p`,
          { metadata: { labels: { c: 'd' } } },
          { dryRun: 'All' },
          { contentType: 'application/merge-patch+json' },
        )
      ).status,
    ).toBe(200);
    expect((await h.call('DELETE', `${PODS}/p`, undefined, { dryRun: 'All' })).status).toBe(200);
    expect((await h.c.etcd.status()).revision).toBe(rev1);
    expect((await h.ok('GET', `${PODS}/p`)).metadata.labels).toBeUndefined();
  });
});
