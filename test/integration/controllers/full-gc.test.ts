/**
 * Cascading deletion with real pods for the three propagation policies (Background: the pods
 * terminate; Orphan: dependents stay, without ownerReferences; Foreground: the Deployment waits with
 * the foregroundDeletion finalizer until its ReplicaSet and pods are gone), and namespace deletion
 * (contents first, then the namespace).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { isReady, startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

async function deployAndWait(e: FullEnv, name: string, ns = 'default'): Promise<void> {
  const d = workload('apps/v1', 'Deployment', name, 2, 'nginx:1.27') as Deployment;
  d.metadata!.namespace = ns;
  await e.call(e.client.deployments.create(ns, d));
  await e.until(
    `${name} ready`,
    async () => (await e.pods(ns, `app=${name}`)).filter(isReady).length === 2,
    60_000,
  );
}

const exists = async (p: Promise<unknown>): Promise<boolean> =>
  p.then(
    () => true,
    (err: { status?: { code?: number } }) => {
      if (err?.status?.code === 404) return false;
      throw err;
    },
  );

describe('cascading deletion with real pods', () => {
  it('Background: the ReplicaSet goes and the pods terminate gracefully', async () => {
    env = await startFull();
    const e = env;
    await deployAndWait(e, 'web');
    const pods = (await e.pods('default', 'app=web')).map((p) => p.metadata!.name!);
    await e.call(e.client.deployments.delete('default', 'web', { propagationPolicy: 'Background' }));
    await e.c.advance(1000);
    expect(await exists(e.call(e.client.deployments.get('default', 'web')))).toBe(false);
    // Pods are Terminating (graceful: the kubelet stops nginx), then gone.
    const terminating = await e.pods('default', 'app=web');
    expect(terminating.map((p) => [p.metadata!.name, !!p.metadata!.deletionTimestamp])).toEqual(
      pods.map((n) => [n, true]),
    );
    await e.until('pods gone', async () => (await e.pods('default', 'app=web')).length === 0, 60_000);
    expect((await e.call(e.client.replicaSets.list('default'))).items).toEqual([]);
  }, 60_000);

  it('Orphan: the ReplicaSet, then its pods, stay without ownerReferences', async () => {
    env = await startFull();
    const e = env;
    await deployAndWait(e, 'web');
    const [rs] = (await e.call(e.client.replicaSets.list('default'))).items;
    await e.call(e.client.deployments.delete('default', 'web', { propagationPolicy: 'Orphan' }));
    await e.c.advance(5000);
    expect(await exists(e.call(e.client.deployments.get('default', 'web')))).toBe(false);
    const kept = await e.call(e.client.replicaSets.get('default', rs.metadata!.name!));
    expect(kept.metadata?.ownerReferences).toBeUndefined();
    expect(kept.metadata?.uid).toBe(rs.metadata?.uid);
    await e.call(e.client.replicaSets.delete('default', rs.metadata!.name!, { propagationPolicy: 'Orphan' }));
    await e.c.advance(5000);
    const pods = await e.pods('default', 'app=web');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata?.ownerReferences).toBeUndefined();
      expect(p.metadata?.deletionTimestamp).toBeUndefined();
      expect(p.status?.phase).toBe('Running');
    }
    // Nothing recreates or deletes them later.
    await e.c.advance(60_000);
    expect((await e.pods('default', 'app=web')).map((p) => p.metadata!.name)).toEqual(
      pods.map((p) => p.metadata!.name),
    );
  }, 60_000);

  it('Foreground: the Deployment waits (foregroundDeletion) until its ReplicaSet and pods are gone', async () => {
    env = await startFull();
    const e = env;
    await deployAndWait(e, 'web');
    await e.call(e.client.deployments.delete('default', 'web', { propagationPolicy: 'Foreground' }));
    await e.c.advance(100);
    const d = await e.call(e.client.deployments.get('default', 'web'));
    expect(d.metadata?.deletionTimestamp).toBeDefined();
    expect(d.metadata?.finalizers).toEqual(['foregroundDeletion']);
    let sawTerminatingPodsUnderDeployment = false;
    const rsFinalizers = new Set<string>();
    await e.until(
      'deployment gone',
      async () => {
        const dep = await exists(e.call(e.client.deployments.get('default', 'web')));
        const pods = await e.pods('default', 'app=web');
        const rss = (await e.call(e.client.replicaSets.list('default'))).items;
        if (dep && pods.some((p) => p.metadata?.deletionTimestamp)) sawTerminatingPodsUnderDeployment = true;
        // The ReplicaSet, itself an owner, is deleted in the foreground too (upstream attemptToDeleteItem).
        for (const rs of rss)
          if (rs.metadata?.deletionTimestamp) rsFinalizers.add((rs.metadata.finalizers ?? []).join(','));
        if (!dep) {
          expect(pods).toEqual([]);
          expect(rss).toEqual([]);
        }
        return !dep;
      },
      120_000,
      100,
    );
    expect(sawTerminatingPodsUnderDeployment).toBe(true);
    expect([...rsFinalizers]).toEqual(['foregroundDeletion']);
  }, 60_000);
});

describe('namespace deletion with real pods', () => {
  it('removes the contents, then the namespace', async () => {
    env = await startFull();
    const e = env;
    await e.call(
      e.client.namespaces.create(undefined, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'lab' },
      }),
    );
    await deployAndWait(e, 'web', 'lab');
    await e.call(
      e.client.configMaps.create('lab', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg', namespace: 'lab' },
        data: { a: '1' },
      }),
    );
    await e.call(e.client.namespaces.delete(undefined, 'lab'));
    await e.c.advance(100);
    const ns = await e.call(e.client.namespaces.get(undefined, 'lab'));
    expect(ns.status?.phase).toBe('Terminating');
    expect(ns.spec?.finalizers).toEqual(['kubernetes']);
    let sawNamespaceWithPods = false;
    await e.until(
      'namespace gone',
      async () => {
        const there = await exists(e.call(e.client.namespaces.get(undefined, 'lab')));
        const pods = await e.pods('lab');
        if (there && pods.length) sawNamespaceWithPods = true;
        if (!there) expect(pods).toEqual([]);
        return !there;
      },
      120_000,
      100,
    );
    expect(sawNamespaceWithPods).toBe(true);
    expect((await e.call(e.client.deployments.list('lab'))).items).toEqual([]);
    expect((await e.call(e.client.configMaps.list('lab'))).items).toEqual([]);
    // A new object in a deleted namespace is refused.
    await expect(
      e.call(
        e.client.configMaps.create('lab', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: 'lab' },
        }),
      ),
    ).rejects.toMatchObject({ status: { code: 404, message: 'namespaces "lab" not found' } });
  }, 60_000);
});
