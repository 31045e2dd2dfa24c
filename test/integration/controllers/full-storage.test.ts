/**
 * Storage with the real scheduler and kubelets: a claim binds to the smallest matching PV; a claim of
 * the default (WaitForFirstConsumer) class waits for a pod, then gets a provisioned `pvc-<uid>` volume
 * on the pod's node; a StatefulSet keeps pod names and claims across pod deletion.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { isReady, startFull, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

function pv(name: string, size: string): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: size },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'manual',
      hostPath: { path: `/data/${name}` },
    },
  };
}

function pvc(name: string, size: string, storageClassName?: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      ...(storageClassName ? { storageClassName } : {}),
    },
  };
}

function podWithClaim(name: string, claim: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        { name: 'main', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
    },
  };
}

describe('PersistentVolumeClaims with real pods', () => {
  it('binds to the smallest matching PV, or provisions one when a pod uses it', async () => {
    env = await startFull();
    const e = env;
    for (const [n, s] of [
      ['pv-1g', '1Gi'],
      ['pv-5g', '5Gi'],
      ['pv-10g', '10Gi'],
    ] as const)
      await e.call(e.client.persistentVolumes.create(undefined, pv(n, s)));
    await e.call(e.client.persistentVolumeClaims.create('default', pvc('manual', '2Gi', 'manual')));
    await e.until(
      'manual bound',
      async () =>
        (await e.call(e.client.persistentVolumeClaims.get('default', 'manual'))).status?.phase === 'Bound',
      30_000,
    );
    const bound = await e.call(e.client.persistentVolumeClaims.get('default', 'manual'));
    expect(bound.spec?.volumeName).toBe('pv-5g');
    expect(bound.status?.capacity).toEqual({ storage: '5Gi' });
    const vol = await e.call(e.client.persistentVolumes.get(undefined, 'pv-5g'));
    expect(vol.status?.phase).toBe('Bound');
    expect(vol.spec?.claimRef).toMatchObject({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'manual',
      uid: bound.metadata?.uid,
    });
    expect((await e.call(e.client.persistentVolumes.get(undefined, 'pv-1g'))).status?.phase).toBe(
      'Available',
    );

    // The default class (kind's `standard`, WaitForFirstConsumer): Pending until a pod uses it.
    await e.call(e.client.persistentVolumeClaims.create('default', pvc('data', '1Gi')));
    await e.c.advance(20_000);
    const waiting = await e.call(e.client.persistentVolumeClaims.get('default', 'data'));
    expect(waiting.spec?.storageClassName).toBe('standard');
    expect(waiting.status?.phase).toBe('Pending');
    expect(await e.events('default', 'data')).toContain(
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    );
    await e.call(e.client.pods.create('default', podWithClaim('user', 'data')));
    await e.until(
      'pod running',
      async () => isReady(await e.call(e.client.pods.get('default', 'user'))),
      60_000,
    );
    const claim = await e.call(e.client.persistentVolumeClaims.get('default', 'data'));
    const pod = await e.call(e.client.pods.get('default', 'user'));
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec?.volumeName).toBe(`pvc-${claim.metadata?.uid}`);
    expect(claim.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe(pod.spec?.nodeName);
    const prov = await e.call(e.client.persistentVolumes.get(undefined, claim.spec!.volumeName!));
    expect(prov.spec?.storageClassName).toBe('standard');
    expect(prov.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(prov.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0].matchExpressions?.[0].values).toEqual([
      pod.spec?.nodeName,
    ]);
  }, 60_000);
});

describe('StatefulSet with real pods', () => {
  it('keeps pod names and volumes across pod deletion', async () => {
    env = await startFull();
    const e = env;
    const sts: StatefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        serviceName: 'web',
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.27',
                volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'www' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    };
    await e.call(e.client.statefulSets.create('default', sts));
    const allReady = async () => {
      const pods = await e.pods('default', 'app=web');
      return pods.length === 2 && pods.every((p) => isReady(p) && !p.metadata?.deletionTimestamp);
    };
    await e.until('2 ready', allReady, 120_000);
    const pods = await e.pods('default', 'app=web');
    expect(pods.map((p) => p.metadata!.name)).toEqual(['web-0', 'web-1']);
    const claims = async () =>
      (await e.call(e.client.persistentVolumeClaims.list('default'))).items
        .map((c) => [c.metadata!.name, c.status?.phase, c.spec?.volumeName])
        .sort();
    const before = await claims();
    expect(before.map((c) => [c[0], c[1]])).toEqual([
      ['www-web-0', 'Bound'],
      ['www-web-1', 'Bound'],
    ]);
    // OrderedReady: web-1 was created after web-0 was ready.
    const ev = await e.events('default', 'web');
    expect(ev.filter((x) => x.startsWith('SuccessfulCreate'))).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    ]);
    const oldUid = pods[1].metadata!.uid;
    await e.call(e.client.pods.delete('default', 'web-1'));
    await e.until(
      'web-1 back',
      async () => {
        const p = (await e.pods('default', 'app=web')).find((x) => x.metadata!.name === 'web-1');
        return !!p && p.metadata!.uid !== oldUid && (await allReady());
      },
      120_000,
    );
    const again = (await e.pods('default', 'app=web')).find((x) => x.metadata!.name === 'web-1')!;
    expect(again.spec?.hostname).toBe('web-1');
    expect(again.spec?.subdomain).toBe('web');
    expect(again.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe(
      'www-web-1',
    );
    // Same claims, same volumes; a provisioned volume is pinned to its node, so web-1 comes back there.
    expect(await claims()).toEqual(before);
    expect(again.spec?.nodeName).toBe(pods[1].spec?.nodeName);
    // Scale down keeps the claims.
    await e.call(e.client.statefulSets.patch('default', 'web', 'merge', { spec: { replicas: 1 } }));
    await e.until('1 pod', async () => (await e.pods('default', 'app=web')).length === 1, 60_000);
    expect(await claims()).toEqual(before);
  }, 60_000);
});
