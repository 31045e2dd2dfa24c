import { describe, it, expect, afterEach } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, ResourceQuota } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { eventsFor, setPodStatus, startHarness, type Harness } from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function pv(name: string, size: string, cls = 'manual'): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: size },
      accessModes: ['ReadWriteOnce'],
      storageClassName: cls,
      hostPath: { path: `/data/${name}` },
    },
  };
}
function pvc(name: string, size: string, cls?: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      ...(cls !== undefined ? { storageClassName: cls } : {}),
    },
  };
}

describe('persistentvolume-binder-controller', () => {
  it('creates the standard StorageClass and binds a claim to the smallest fitting volume', async () => {
    h = await startHarness(['persistentvolume-binder-controller']);
    const sc = await h.call(
      h.client.resource('storage.k8s.io', 'v1', 'storageclasses').get(undefined, 'standard'),
    );
    expect(sc).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: 'Delete',
    });
    for (const [n, s] of [
      ['big', '10Gi'],
      ['small', '2Gi'],
      ['tiny', '500Mi'],
    ])
      await h.call(h.client.persistentVolumes.create(undefined, pv(n, s)));
    await h.call(h.client.persistentVolumeClaims.create('default', pvc('data', '1Gi', 'manual')));
    await h.advance(1000);
    const c = await h.call(h.client.persistentVolumeClaims.get('default', 'data'));
    expect(c.spec!.volumeName).toBe('small');
    expect(c.status).toMatchObject({
      phase: 'Bound',
      capacity: { storage: '2Gi' },
      accessModes: ['ReadWriteOnce'],
    });
    expect(c.metadata!.annotations!['pv.kubernetes.io/bind-completed']).toBe('yes');
    const v = await h.call(h.client.persistentVolumes.get(undefined, 'small'));
    expect(v.status!.phase).toBe('Bound');
    expect(v.spec!.claimRef).toMatchObject({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'data',
      uid: c.metadata!.uid,
    });
    expect((await h.call(h.client.persistentVolumes.get(undefined, 'big'))).status!.phase).toBe('Available');
    // Released when the claim goes (Retain is the default for static volumes).
    await h.call(h.client.persistentVolumeClaims.delete('default', 'data'));
    await h.advance(1000);
    expect((await h.call(h.client.persistentVolumes.get(undefined, 'small'))).status!.phase).toBe('Released');
  });

  it('provisions for the default class once a node is selected', async () => {
    h = await startHarness(['persistentvolume-binder-controller']);
    await h.call(h.client.persistentVolumeClaims.create('default', pvc('auto', '1Gi')));
    await h.advance(1000);
    let c = await h.call(h.client.persistentVolumeClaims.get('default', 'auto'));
    expect(c.status!.phase).toBe('Pending');
    expect(await eventsFor(h, 'default', 'auto')).toContain(
      'Normal WaitForFirstConsumer waiting for first consumer to be created before binding',
    );
    await h.call(
      h.client.persistentVolumeClaims.patch('default', 'auto', 'merge', {
        metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'kind-worker' } },
      }),
    );
    await h.advance(1000);
    c = await h.call(h.client.persistentVolumeClaims.get('default', 'auto'));
    const name = `pvc-${c.metadata!.uid}`;
    expect(c.spec!.volumeName).toBe(name);
    expect(c.status!.phase).toBe('Bound');
    const v = await h.call(h.client.persistentVolumes.get(undefined, name));
    expect(v.spec!.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] },
    ]);
    expect(v.spec!.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(v.spec!.storageClassName).toBe('standard');
    expect(await eventsFor(h, 'default', 'auto')).toContain(
      `Normal ProvisioningSucceeded Successfully provisioned volume ${name}`,
    );
    // Delete reclaim policy: the volume goes with the claim.
    await h.call(h.client.persistentVolumeClaims.delete('default', 'auto'));
    await h.advance(1000);
    expect((await h.call(h.client.persistentVolumes.list(undefined))).items).toEqual([]);
  });

  it('reports a claim without class and without volumes', async () => {
    h = await startHarness(['persistentvolume-binder-controller']);
    await h.call(h.client.persistentVolumeClaims.create('default', pvc('none', '1Gi', '')));
    await h.advance(1000);
    expect(await eventsFor(h, 'default', 'none')).toEqual([
      'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
    ]);
  });
});

describe('resourcequota-controller', () => {
  it('keeps status.hard and status.used', async () => {
    h = await startHarness(['resourcequota-controller']);
    const quota: ResourceQuota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q' },
      spec: { hard: { pods: '10', 'requests.cpu': '2', 'requests.memory': '1Gi', configmaps: '5' } },
    };
    await h.call(h.client.resource<ResourceQuota>('', 'v1', 'resourcequotas').create('default', quota));
    for (const n of ['a', 'b'])
      await h.call(
        h.client.pods.create('default', {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: n },
          spec: {
            containers: [
              { name: 'c', image: 'x', resources: { requests: { cpu: '250m', memory: '128Mi' } } },
            ],
          },
        }),
      );
    await h.advance(1000);
    const q = await h.call(h.client.resource<ResourceQuota>('', 'v1', 'resourcequotas').get('default', 'q'));
    expect(q.status).toEqual({
      hard: { pods: '10', 'requests.cpu': '2', 'requests.memory': '1Gi', configmaps: '5' },
      used: { configmaps: '0', pods: '2', 'requests.cpu': '500m', 'requests.memory': '256Mi' },
    });
  });
});

describe('horizontalpodautoscaling-controller', () => {
  it('scales a Deployment up on load and down after the 300 s window', async () => {
    h = await startHarness(['horizontalpodautoscaling-controller']);
    const deploy: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }] },
        },
      },
    };
    await h.call(h.client.deployments.create('default', deploy));
    const setLoad = async (names: string[], usage: string) => {
      for (const n of names)
        await h!.call(
          h!.client.pods.patch('default', n, 'merge', {
            metadata: { annotations: { 'kubelab.dev/cpu-usage': usage } },
          }),
        );
    };
    const addPods = async (names: string[], usage: string) => {
      for (const n of names) {
        await h!.call(
          h!.client.pods.create('default', {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: n, labels: { app: 'web' }, annotations: { 'kubelab.dev/cpu-usage': usage } },
            spec: deploy.spec!.template.spec,
          }),
        );
        await setPodStatus(h!, 'default', n, { phase: 'Running', ready: true, podIP: '10.244.0.2' });
      }
    };
    await addPods(['p1', 'p2'], '100m'); // 100 % of requests against a 50 % target
    const hpa: HorizontalPodAutoscaler = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
    };
    const hpas = h.client.resource<HorizontalPodAutoscaler>('autoscaling', 'v2', 'horizontalpodautoscalers');
    await h.call(hpas.create('default', hpa));
    await h.advance(1000);
    expect((await h.call(h.client.deployments.getScale('default', 'web'))).spec!.replicas).toBe(4);
    let st = (await h.call(hpas.get('default', 'web'))).status!;
    expect(st).toMatchObject({ currentReplicas: 2, desiredReplicas: 4 });
    expect(st.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '100m' } },
      },
    ]);
    expect(st.lastScaleTime).toBeDefined();
    expect(st.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'SucceededRescale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
    expect(await eventsFor(h, 'default', 'web')).toEqual([
      'Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    // The new replicas arrive; the load drops to 10 %.
    await addPods(['p3', 'p4'], '10m');
    await setLoad(['p1', 'p2'], '10m');
    await h.advance(15_000);
    // Recommendation is 1, but the 300 s window holds the highest recent one (4).
    st = (await h.call(hpas.get('default', 'web'))).status!;
    expect(st.currentReplicas).toBe(4);
    expect(st.desiredReplicas).toBe(4);
    expect(st.conditions![0]).toMatchObject({ type: 'AbleToScale', reason: 'ScaleDownStabilized' });
    await h.advance(270_000);
    expect((await h.call(h.client.deployments.getScale('default', 'web'))).spec!.replicas).toBe(4);
    await h.advance(30_000);
    expect((await h.call(h.client.deployments.getScale('default', 'web'))).spec!.replicas).toBe(1);
    expect((await eventsFor(h, 'default', 'web'))[1]).toBe(
      'Normal SuccessfulRescale New size: 1; reason: All metrics below target',
    );
  });
});
