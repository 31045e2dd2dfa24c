import { describe, it, expect, afterEach } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { FAKE_CA_PEM } from '../../../src/control-plane/controller-manager/controllers/cluster/serviceaccount';
import { CONTAINER, startHarness, type Harness } from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const rs: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'owner' },
  spec: {
    replicas: 0,
    selector: { matchLabels: { app: 'x' } },
    template: { metadata: { labels: { app: 'x' } }, spec: { containers: [CONTAINER] } },
  },
};

async function withDependents(h: Harness, block = true): Promise<string> {
  const owner = await h.call(h.client.replicaSets.create('default', rs));
  const ref = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'owner',
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: block,
  };
  for (const n of ['d1', 'd2'])
    await h.call(
      h.client.pods.create('default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: n, labels: { app: 'x' }, ownerReferences: [ref] },
        spec: { containers: [CONTAINER] },
      }),
    );
  await h.advance(1000);
  return owner.metadata!.uid!;
}

const podNames = async (h: Harness) =>
  (await h.call(h.client.pods.list('default'))).items.map((p) => p.metadata!.name).sort();

describe('garbage-collector-controller', () => {
  it('Background: dependents go after the owner', async () => {
    h = await startHarness(['garbage-collector-controller']);
    await withDependents(h);
    await h.call(h.client.replicaSets.delete('default', 'owner', { propagationPolicy: 'Background' }));
    await expect(h.call(h.client.replicaSets.get('default', 'owner'))).rejects.toThrow(/not found/);
    await h.advance(1000);
    expect(await podNames(h)).toEqual([]);
  });

  it('Foreground: the owner waits (foregroundDeletion) until its dependents are gone', async () => {
    h = await startHarness(['garbage-collector-controller']);
    await withDependents(h);
    // Hold one dependent with a finalizer so the owner has to wait.
    await h.call(
      h.client.pods.patch('default', 'd1', 'merge', { metadata: { finalizers: ['example.com/hold'] } }),
    );
    await h.call(h.client.replicaSets.delete('default', 'owner', { propagationPolicy: 'Foreground' }));
    await h.advance(1000);
    const owner = await h.call(h.client.replicaSets.get('default', 'owner'));
    expect(owner.metadata!.finalizers).toEqual(['foregroundDeletion']);
    expect(owner.metadata!.deletionTimestamp).toBeDefined();
    expect(await podNames(h)).toEqual(['d1']);
    await h.call(h.client.pods.patch('default', 'd1', 'merge', { metadata: { finalizers: null } }));
    await h.advance(1000);
    expect(await podNames(h)).toEqual([]);
    await expect(h.call(h.client.replicaSets.get('default', 'owner'))).rejects.toThrow(/not found/);
  });

  it('Orphan: dependents lose the ownerReference and stay', async () => {
    h = await startHarness(['garbage-collector-controller']);
    await withDependents(h);
    await h.call(h.client.replicaSets.delete('default', 'owner', { propagationPolicy: 'Orphan' }));
    await h.advance(1000);
    await expect(h.call(h.client.replicaSets.get('default', 'owner'))).rejects.toThrow(/not found/);
    const pods = (await h.call(h.client.pods.list('default'))).items;
    expect(pods.map((p) => [p.metadata!.name, p.metadata!.ownerReferences])).toEqual([
      ['d1', undefined],
      ['d2', undefined],
    ]);
  });

  it('deletes dependents of a dangling owner reference, keeps those with another owner', async () => {
    h = await startHarness(['garbage-collector-controller']);
    const cm = await h.call(
      h.client.configMaps.create('default', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'live' },
      } as ConfigMap),
    );
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' };
    const live = { apiVersion: 'v1', kind: 'ConfigMap', name: 'live', uid: cm.metadata!.uid! };
    await h.call(
      h.client.pods.create('default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', ownerReferences: [ghost] },
        spec: { containers: [CONTAINER] },
      }),
    );
    await h.call(
      h.client.pods.create('default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'b', ownerReferences: [ghost, live] },
        spec: { containers: [CONTAINER] },
      }),
    );
    await h.advance(1000);
    const pods = (await h.call(h.client.pods.list('default'))).items;
    expect(pods.map((p) => [p.metadata!.name, p.metadata!.ownerReferences!.map((r) => r.name)])).toEqual([
      ['b', ['live']],
    ]);
  });
});

describe('namespace-controller, serviceaccount-controller, root-ca-cert-publisher', () => {
  it('gives every namespace a default ServiceAccount and kube-root-ca.crt', async () => {
    h = await startHarness(['serviceaccount-controller', 'root-ca-cert-publisher']);
    await h.call(
      h.client.namespaces.create(undefined, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team' },
      }),
    );
    await h.advance(1000);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'team']) {
      const sa = await h.call(h.client.resource('', 'v1', 'serviceaccounts').get(ns, 'default'));
      expect(sa.metadata!.name).toBe('default');
      const cm = await h.call(h.client.configMaps.get(ns, 'kube-root-ca.crt'));
      expect(cm.data).toEqual({ 'ca.crt': FAKE_CA_PEM });
    }
    await h.call(h.client.resource('', 'v1', 'serviceaccounts').delete('team', 'default'));
    await h.advance(1000);
    expect(
      (await h.call(h.client.resource('', 'v1', 'serviceaccounts').get('team', 'default'))).metadata!.name,
    ).toBe('default');
  });

  it('empties a Terminating namespace, then finalizes it', async () => {
    h = await startHarness(['namespace-controller', 'garbage-collector-controller']);
    await h.call(
      h.client.namespaces.create(undefined, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'gone' },
      }),
    );
    await h.call(
      h.client.configMaps.create('gone', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
      } as ConfigMap),
    );
    await h.call(
      h.client.configMaps.create('gone', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'held', finalizers: ['example.com/hold'] },
      } as ConfigMap),
    );
    await h.call(
      h.client.pods.create('gone', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [CONTAINER] },
      }),
    );
    await h.call(h.client.namespaces.delete(undefined, 'gone'));
    await h.advance(1000);
    const ns = await h.call(h.client.namespaces.get(undefined, 'gone'));
    expect(ns.status!.phase).toBe('Terminating');
    expect(ns.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ],
      [
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ],
      [
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ],
      [
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: configmaps has 1 resource instances',
      ],
      [
        'NamespaceFinalizersRemaining',
        'True',
        'SomeFinalizersRemain',
        'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
      ],
    ]);
    expect((await h.call(h.client.pods.list('gone'))).items).toEqual([]);
    await h.call(h.client.configMaps.patch('gone', 'held', 'merge', { metadata: { finalizers: null } }));
    await h.advance(3000);
    expect((await h.call(h.client.configMaps.list('gone'))).items).toEqual([]);
    const after = await h.call(h.client.namespaces.get(undefined, 'gone').catch(() => undefined));
    // Once the apiserver honours PUT namespaces/{name}/finalize the namespace is gone here.
    if (after)
      expect(after.status!.conditions!.slice(3).map((c) => [c.type, c.status, c.reason])).toEqual([
        ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
        ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
      ]);
  });

  it('deletes the namespace once it is empty', async () => {
    h = await startHarness(['namespace-controller']);
    await h.call(
      h.client.namespaces.create(undefined, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'gone' },
      }),
    );
    await h.call(h.client.namespaces.delete(undefined, 'gone'));
    await h.advance(2000);
    await expect(h.call(h.client.namespaces.get(undefined, 'gone'))).rejects.toThrow(/not found/);
  });
});
