import { describe, it, expect } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { fakeHandle, filterAll, nodeInfos } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { volumeBinding } from './volume-binding';
import { volumeZone } from './volume-zone';
import { volumeRestrictions } from './volume-restrictions';
import { nodeVolumeLimits } from './node-volume-limits';

const OK = { code: 'Success', reasons: [] };
const un = (...reasons: string[]) => ({ code: 'UnschedulableAndUnresolvable', reasons });

const pvc = (
  name: string,
  opts: { cls?: string; volumeName?: string; size?: string; modes?: string[]; deleting?: boolean } = {},
): PersistentVolumeClaim => ({
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    annotations: opts.volumeName ? { 'pv.kubernetes.io/bind-completed': 'yes' } : {},
    ...(opts.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
  },
  spec: {
    storageClassName: opts.cls ?? 'standard',
    volumeName: opts.volumeName,
    accessModes: opts.modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: opts.size ?? '1Gi' } },
  },
});

const pv = (
  name: string,
  opts: {
    cls?: string;
    size?: string;
    hosts?: string[];
    phase?: string;
    labels?: Record<string, string>;
    claim?: string;
  } = {},
): PersistentVolume => ({
  metadata: { name, labels: opts.labels },
  spec: {
    storageClassName: opts.cls ?? 'local',
    capacity: { storage: opts.size ?? '1Gi' },
    accessModes: ['ReadWriteOnce'],
    ...(opts.claim ? { claimRef: { name: opts.claim, namespace: 'default' } } : {}),
    ...(opts.hosts
      ? {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: opts.hosts }] },
              ],
            },
          },
        }
      : {}),
  },
  status: { phase: opts.phase ?? 'Available' },
});

const sc = (name: string, mode: string, provisioner: string, allowedZones?: string[]): StorageClass => ({
  metadata: { name },
  provisioner,
  volumeBindingMode: mode,
  ...(allowedZones
    ? {
        allowedTopologies: [
          { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: allowedZones }] },
        ],
      }
    : {}),
});

const classes = [
  sc('standard', 'Immediate', 'rancher.io/local-path'),
  sc('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner'),
  sc('wffc', 'WaitForFirstConsumer', 'rancher.io/local-path', ['a']),
];
const nodes = () => [
  makeNode().name('n1').label('topology.kubernetes.io/zone', 'a').obj(),
  makeNode().name('n2').label('topology.kubernetes.io/zone', 'b').obj(),
];

function run(pvcs: PersistentVolumeClaim[], pvs: PersistentVolume[], claims: string[]) {
  const infos = nodeInfos(nodes());
  const h = fakeHandle({
    infos,
    objects: {
      persistentvolumeclaims: pvcs,
      persistentvolumes: pvs,
      'storage.k8s.io/storageclasses': classes,
    } as never,
  });
  const w = makePod().name('p');
  for (const c of claims) w.pvc(c);
  return { infos, h, pod: w.obj() };
}

describe('VolumeBinding', () => {
  it.each([
    { name: 'no claims → skip (success)', pvcs: [], pvs: [], claims: [], want: { n1: OK, n2: OK } },
    {
      name: 'missing claim',
      pvcs: [],
      pvs: [],
      claims: ['data'],
      want: {
        n1: un('persistentvolumeclaim "data" not found'),
        n2: un('persistentvolumeclaim "data" not found'),
      },
    },
    {
      name: 'claim being deleted',
      pvcs: [pvc('data', { deleting: true })],
      pvs: [],
      claims: ['data'],
      want: {
        n1: un('persistentvolumeclaim "data" is being deleted'),
        n2: un('persistentvolumeclaim "data" is being deleted'),
      },
    },
    {
      name: 'unbound Immediate claim',
      pvcs: [pvc('data')],
      pvs: [],
      claims: ['data'],
      want: {
        n1: un('pod has unbound immediate PersistentVolumeClaims'),
        n2: un('pod has unbound immediate PersistentVolumeClaims'),
      },
    },
    {
      name: 'bound claim: PV node affinity must match',
      pvcs: [pvc('data', { volumeName: 'pv1' })],
      pvs: [pv('pv1', { hosts: ['n2'], phase: 'Bound', claim: 'data' })],
      claims: ['data'],
      want: { n1: un('node(s) had volume node affinity conflict'), n2: OK },
    },
    {
      name: 'bound claim to a missing PV',
      pvcs: [pvc('data', { volumeName: 'gone' })],
      pvs: [],
      claims: ['data'],
      want: {
        n1: un('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'),
        n2: un('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'),
      },
    },
    {
      name: 'WaitForFirstConsumer with static PVs only: a node with a fitting PV',
      pvcs: [pvc('data', { cls: 'local', size: '5Gi' })],
      pvs: [pv('small', { hosts: ['n2'], size: '1Gi' }), pv('big', { hosts: ['n1'], size: '10Gi' })],
      claims: ['data'],
      want: { n1: OK, n2: un("node(s) didn't find available persistent volumes to bind") },
    },
    {
      name: 'WaitForFirstConsumer: PVs not Available do not count',
      pvcs: [pvc('data', { cls: 'local' })],
      pvs: [pv('p1', { hosts: ['n1'], phase: 'Released' })],
      claims: ['data'],
      want: {
        n1: un("node(s) didn't find available persistent volumes to bind"),
        n2: un("node(s) didn't find available persistent volumes to bind"),
      },
    },
    {
      name: 'WaitForFirstConsumer with a provisioner: allowedTopologies decide',
      pvcs: [pvc('data', { cls: 'wffc' })],
      pvs: [],
      claims: ['data'],
      want: { n1: OK, n2: un("node(s) didn't find available persistent volumes to bind") },
    },
  ])('$name', ({ pvcs, pvs, claims, want }) => {
    const { infos, h, pod } = run(pvcs, pvs, claims);
    expect(filterAll(volumeBinding(h) as never, pod, infos)).toEqual(want);
  });
});

describe('VolumeZone', () => {
  it.each([
    {
      name: 'PV in zone a',
      labels: { 'topology.kubernetes.io/zone': 'a' },
      want: { n1: OK, n2: un('node(s) had no available volume zone') },
    },
    {
      name: 'PV in zones a or b',
      labels: { 'topology.kubernetes.io/zone': 'a__b' },
      want: { n1: OK, n2: OK },
    },
    {
      name: 'beta label compared with the GA node label',
      labels: { 'failure-domain.beta.kubernetes.io/zone': 'b' },
      want: { n1: un('node(s) had no available volume zone'), n2: OK },
    },
    { name: 'no zone labels', labels: {}, want: { n1: OK, n2: OK } },
  ])('$name', ({ labels, want }) => {
    const { infos, h, pod } = run(
      [pvc('data', { volumeName: 'pv1' })],
      [pv('pv1', { labels: labels as Record<string, string>, phase: 'Bound' })],
      ['data'],
    );
    expect(filterAll(volumeZone(h) as never, pod, infos)).toEqual(want);
  });
});

describe('VolumeRestrictions', () => {
  it('a GCE PD mounted read-write elsewhere on the node conflicts', () => {
    const infos = nodeInfos(nodes(), [
      makePod()
        .name('old')
        .node('n1')
        .volume({ name: 'd', gcePersistentDisk: { pdName: 'disk1' } })
        .obj(),
    ]);
    const h = fakeHandle({ infos });
    const pod = makePod()
      .name('p')
      .volume({ name: 'd', gcePersistentDisk: { pdName: 'disk1', readOnly: true } })
      .obj();
    expect(filterAll(volumeRestrictions(h) as never, pod, infos)).toEqual({
      n1: { code: 'Unschedulable', reasons: ['node(s) had no available disk'] },
      n2: OK,
    });
  });

  it('a ReadWriteOncePod claim in use blocks every node', () => {
    const claim = pvc('solo', { modes: ['ReadWriteOncePod'], volumeName: 'pv1' });
    const infos = nodeInfos(nodes(), [makePod().name('old').node('n2').pvc('solo').obj()]);
    const h = fakeHandle({ infos, objects: { persistentvolumeclaims: [claim] } as never });
    const reason = {
      code: 'Unschedulable',
      reasons: [
        'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
      ],
    };
    expect(filterAll(volumeRestrictions(h) as never, makePod().name('p').pvc('solo').obj(), infos)).toEqual({
      n1: reason,
      n2: reason,
    });
  });
});

describe('NodeVolumeLimits', () => {
  it('is a pass-through', () => {
    const infos = nodeInfos(nodes());
    expect(
      filterAll(nodeVolumeLimits(fakeHandle({ infos })) as never, makePod().name('p').pvc('x').obj(), infos),
    ).toEqual({ n1: OK, n2: OK });
  });
});
