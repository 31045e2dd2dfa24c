/** StatefulSet controller against an in-process apiserver on a virtual clock. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { readyAll, startWorkloads, type WorkloadsEnv } from './workloads-helpers';

let env: WorkloadsEnv;
afterEach(async () => {
  await env?.stop();
});

function sts(replicas: number, spec: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        // No volumeMounts of `www`: the apiserver's validation (not upstream's) rejects mounts of claim templates.
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...spec,
    },
  };
}

async function names(): Promise<string[]> {
  return (await env.pods()).filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata!.name!);
}

describe('statefulset-controller', () => {
  it('creates web-0, web-1, web-2 in order, each after the previous is Running and Ready, with their claims', async () => {
    env = await startWorkloads(['statefulset-controller']);
    await env.client.statefulSets.create('default', sts(3));
    await env.c.advance(1000);
    expect(await names()).toEqual(['web-0']);
    await env.c.advance(5000);
    expect(await names()).toEqual(['web-0']);
    const [p0] = await env.pods();
    const set = await env.client.statefulSets.get('default', 'web');
    const rev = set.status?.updateRevision;
    expect(rev).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p0.metadata?.labels).toEqual({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': rev,
    });
    expect(p0.spec?.hostname).toBe('web-0');
    expect(p0.spec?.subdomain).toBe('nginx');
    expect(p0.spec?.volumes?.find((v) => v.name === 'www')).toEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-0' },
    });
    expect(p0.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    });
    for (const expected of [
      ['web-0', 'web-1'],
      ['web-0', 'web-1', 'web-2'],
    ]) {
      await readyAll(env);
      await env.c.advance(1000);
      expect(await names()).toEqual(expected);
    }
    await readyAll(env);
    await env.c.advance(1000);
    const pvcs = (await env.client.persistentVolumeClaims.list('default')).items.map((c) => [
      c.metadata?.name,
      c.metadata?.labels,
    ]);
    expect(pvcs.sort()).toEqual([
      ['www-web-0', { app: 'nginx' }],
      ['www-web-1', { app: 'nginx' }],
      ['www-web-2', { app: 'nginx' }],
    ]);
    expect(await env.events('default', 'web')).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    const done = await env.client.statefulSets.get('default', 'web');
    expect(done.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
    });
  });

  it('recreates a deleted pod with the same name and claim; scales down in reverse order keeping PVCs', async () => {
    env = await startWorkloads(['statefulset-controller']);
    await env.client.statefulSets.create('default', sts(3));
    for (let i = 0; i < 4; i++) {
      await env.c.advance(1000);
      await readyAll(env);
    }
    await env.c.advance(1000);
    const before = (await env.pods()).find((p) => p.metadata?.name === 'web-1')!;
    await env.client.pods.delete('default', 'web-1');
    await env.c.advance(1000);
    const after = (await env.pods()).find((p) => p.metadata?.name === 'web-1')!;
    expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
    expect(after.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe(
      'www-web-1',
    );
    await readyAll(env);
    await env.c.advance(1000);
    await env.client.statefulSets.patch('default', 'web', 'merge', { spec: { replicas: 1 } });
    await env.c.advance(1000);
    expect(await names()).toEqual(['web-0']);
    const evs = await env.events('default', 'web');
    expect(evs.filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
    const pvcs = (await env.client.persistentVolumeClaims.list('default')).items
      .map((c) => c.metadata?.name)
      .sort();
    expect(pvcs).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('rolls out a new template in reverse ordinal order down to the partition', async () => {
    env = await startWorkloads(['statefulset-controller']);
    await env.client.statefulSets.create(
      'default',
      sts(3, {
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
      }),
    );
    await env.c.advance(1000);
    expect(await names()).toEqual(['web-0', 'web-1', 'web-2']);
    await readyAll(env);
    await env.c.advance(1000);
    await env.client.statefulSets.patch('default', 'web', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    for (let i = 0; i < 6; i++) {
      await env.c.advance(1000);
      await readyAll(env);
    }
    const pods = await env.pods();
    expect(pods.map((p) => [p.metadata?.name, p.spec?.containers[0].image])).toEqual([
      ['web-0', 'nginx:1.25'],
      ['web-1', 'nginx:1.27'],
      ['web-2', 'nginx:1.27'],
    ]);
    const evs = (await env.events('default', 'web')).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(evs).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
    const set = await env.client.statefulSets.get('default', 'web');
    expect(set.status).toMatchObject({ replicas: 3, currentReplicas: 1, updatedReplicas: 2 });
    expect(set.status?.currentRevision).not.toBe(set.status?.updateRevision);
  });
});
