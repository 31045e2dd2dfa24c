import { describe, it, expect, afterEach } from 'vitest';
import type { Event, Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { Clientset } from '../../../client/rest-client';
import { LocalCluster } from '../../../runtime/local-cluster';
import { Scheduler } from '../scheduler';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE } from './volume-binding';

function node(name: string): Node {
  const res = { cpu: '4', memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function storageClass(name: string, provisioner: string): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

function claim(name: string, cls: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      storageClassName: cls,
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
  };
}

function podWithClaim(name: string, claimName: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'c', image: 'nginx' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

let cluster: LocalCluster | undefined;
let scheduler: Scheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  await cluster?.stop();
  cluster = undefined;
  scheduler = undefined;
});

async function setup() {
  const c = (cluster = await LocalCluster.start());
  const kubectl = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
  const errors: string[] = [];
  scheduler = new Scheduler({
    api: c.connect('kube-scheduler'),
    clock: c.clock,
    rng: c.rng.fork('kube-scheduler'),
    tracer: c.tracer('kube-scheduler'),
    recordAnnotations: false,
    onError: (m) => errors.push(m),
  });
  await scheduler.start();
  await c.settle();
  for (const n of ['node-1', 'node-2']) await kubectl.nodes.create(undefined, node(n));
  await c.settle();
  return { c, kubectl, errors };
}

/** What the PV controller does when it completes a binding: both sides point at each other, claim Bound. */
async function completeBinding(kubectl: Clientset, claimName: string, pvName: string): Promise<void> {
  await kubectl.persistentVolumeClaims.patch('default', claimName, 'merge', {
    metadata: { annotations: { [ANN_BIND_COMPLETED]: 'yes' } },
    spec: { volumeName: pvName },
  });
  await kubectl.persistentVolumeClaims.patch(
    'default',
    claimName,
    'merge',
    { status: { phase: 'Bound' } },
    { subresource: 'status' },
  );
}

async function failedScheduling(kubectl: Clientset, pod: string): Promise<Event[]> {
  return (await kubectl.events.list('default')).items.filter(
    (e) => e.involvedObject.name === pod && e.reason === 'FailedScheduling',
  );
}

describe('VolumeBinding PreBind through the API (LocalCluster)', () => {
  it('pre-binds the chosen PV to the claim, then binds the pod once the claim is fully bound', async () => {
    const { c, kubectl, errors } = await setup();
    await kubectl
      .resource<StorageClass>('storage.k8s.io', 'v1', 'storageclasses')
      .create(undefined, storageClass('local', 'kubernetes.io/no-provisioner'));
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: {
        storageClassName: 'local',
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/data' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] },
            ],
          },
        },
      },
    };
    await kubectl.persistentVolumes.create(undefined, pv);
    await kubectl.persistentVolumes.patch(
      undefined,
      'pv-1',
      'merge',
      { status: { phase: 'Available' } },
      { subresource: 'status' },
    );
    const pvc = await kubectl.persistentVolumeClaims.create('default', claim('data', 'local'));
    await c.settle();
    await kubectl.pods.create('default', podWithClaim('web', 'data'));
    await c.settle();

    // PreBind wrote the binding and now waits for the PV controller: the pod is not bound yet.
    const boundPv = await kubectl.persistentVolumes.get(undefined, 'pv-1');
    expect(boundPv.spec?.claimRef).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'data',
      uid: pvc.metadata!.uid,
      apiVersion: 'v1',
      resourceVersion: pvc.metadata!.resourceVersion,
    });
    expect(boundPv.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER]).toBe('yes');
    expect((await kubectl.persistentVolumeClaims.get('default', 'data')).spec?.volumeName).toBe('pv-1');
    await c.advance(3000);
    expect((await kubectl.pods.get('default', 'web')).spec?.nodeName).toBeUndefined();

    await completeBinding(kubectl, 'data', 'pv-1');
    await c.advance(1000);
    expect((await kubectl.pods.get('default', 'web')).spec?.nodeName).toBe('node-2');
    expect(await failedScheduling(kubectl, 'web')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('asks for provisioning with volume.kubernetes.io/selected-node and binds once the volume exists', async () => {
    const { c, kubectl } = await setup();
    await kubectl
      .resource<StorageClass>('storage.k8s.io', 'v1', 'storageclasses')
      .create(undefined, storageClass('standard', 'rancher.io/local-path'));
    await kubectl.persistentVolumeClaims.create('default', claim('dyn', 'standard'));
    await c.settle();
    await kubectl.pods.create('default', podWithClaim('db', 'dyn'));
    await c.settle();

    const selected = (await kubectl.persistentVolumeClaims.get('default', 'dyn')).metadata?.annotations?.[
      ANN_SELECTED_NODE
    ];
    expect(['node-1', 'node-2']).toContain(selected);
    expect((await kubectl.pods.get('default', 'db')).spec?.nodeName).toBeUndefined();

    // The provisioner creates the volume on that node; the PV controller binds the claim.
    await kubectl.persistentVolumes.create(undefined, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-dyn' },
      spec: {
        storageClassName: 'standard',
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/var/local-path/pvc-dyn' },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'dyn', apiVersion: 'v1' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selected!] }] },
            ],
          },
        },
      },
    });
    await completeBinding(kubectl, 'dyn', 'pvc-dyn');
    await c.advance(1000);
    expect((await kubectl.pods.get('default', 'db')).spec?.nodeName).toBe(selected);
  });

  it.each([
    {
      name: 'the provisioner gives up (selected-node removed)',
      act: (kubectl: Clientset) =>
        kubectl.persistentVolumeClaims.patch('default', 'dyn', 'merge', {
          metadata: { annotations: { [ANN_SELECTED_NODE]: null } },
        }),
      waitMs: 1000,
      message: 'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "dyn"',
    },
    {
      name: 'nothing binds the claim within bindTimeoutSeconds (600 s)',
      act: async () => undefined,
      waitMs: 600_000,
      message: 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    },
  ])('fails the binding cycle when $name', async ({ act, waitMs, message }) => {
    const { c, kubectl } = await setup();
    await kubectl
      .resource<StorageClass>('storage.k8s.io', 'v1', 'storageclasses')
      .create(undefined, storageClass('standard', 'rancher.io/local-path'));
    await kubectl.persistentVolumeClaims.create('default', claim('dyn', 'standard'));
    await c.settle();
    await kubectl.pods.create('default', podWithClaim('db', 'dyn'));
    await c.settle();
    await act(kubectl);
    await c.settle();
    await c.advance(waitMs - 1);
    expect(await failedScheduling(kubectl, 'db')).toEqual([]);
    await c.advance(1);
    const evs = await failedScheduling(kubectl, 'db');
    expect(evs.map((e) => e.message)).toEqual([message]);
    const p = await kubectl.pods.get('default', 'db');
    expect(p.spec?.nodeName).toBeUndefined();
    const cond = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect({ status: cond?.status, reason: cond?.reason, message: cond?.message }).toEqual({
      status: 'False',
      reason: 'SchedulerError',
      message,
    });
  });
});
