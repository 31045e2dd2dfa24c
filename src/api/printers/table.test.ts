import { describe, it, expect } from 'vitest';
import { findResource, RESOURCES } from '../resources';
import type { KubeObject } from '../types';
import { printTable } from './table';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
const MIN = 60_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const created = ago(3 * 60 * MIN); // 3h

function res(group: string, resource: string) {
  const r = findResource(group, resource);
  if (!r) throw new Error(`no resource ${group}/${resource}`);
  return r;
}
const obj = (o: Record<string, unknown>) => o as unknown as KubeObject;
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  creationTimestamp: created,
  ...extra,
});

/** Cells of the first row. */
function row(group: string, resource: string, o: KubeObject) {
  return printTable(res(group, resource), [o], NOW).rows[0].cells;
}
/** Column names, with `*` marking wide (priority 1) columns. */
function headers(group: string, resource: string) {
  return printTable(res(group, resource), [], NOW).columnDefinitions.map((c) =>
    c.priority ? `*${c.name}` : c.name,
  );
}

describe('column definitions per kind (v1.34)', () => {
  it.each<[string, string, string[]]>([
    [
      '',
      'pods',
      ['Name', 'Ready', 'Status', 'Restarts', 'Age', '*IP', '*Node', '*Nominated Node', '*Readiness Gates'],
    ],
    [
      '',
      'nodes',
      [
        'Name',
        'Status',
        'Roles',
        'Age',
        'Version',
        '*Internal-IP',
        '*External-IP',
        '*OS-Image',
        '*Kernel-Version',
        '*Container-Runtime',
      ],
    ],
    [
      'apps',
      'deployments',
      ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', '*Containers', '*Images', '*Selector'],
    ],
    [
      'apps',
      'replicasets',
      ['Name', 'Desired', 'Current', 'Ready', 'Age', '*Containers', '*Images', '*Selector'],
    ],
    [
      'apps',
      'daemonsets',
      [
        'Name',
        'Desired',
        'Current',
        'Ready',
        'Up-to-date',
        'Available',
        'Node Selector',
        'Age',
        '*Containers',
        '*Images',
        '*Selector',
      ],
    ],
    ['apps', 'statefulsets', ['Name', 'Ready', 'Age', '*Containers', '*Images']],
    ['', 'services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', '*Selector']],
    [
      '',
      'events',
      [
        'Last Seen',
        'Type',
        'Reason',
        'Object',
        '*Subobject',
        '*Source',
        'Message',
        '*First Seen',
        '*Count',
        '*Name',
      ],
    ],
    [
      'batch',
      'jobs',
      ['Name', 'Status', 'Completions', 'Duration', 'Age', '*Containers', '*Images', '*Selector'],
    ],
    [
      'batch',
      'cronjobs',
      [
        'Name',
        'Schedule',
        'Timezone',
        'Suspend',
        'Active',
        'Last Schedule',
        'Age',
        '*Containers',
        '*Images',
        '*Selector',
      ],
    ],
    [
      '',
      'persistentvolumes',
      [
        'Name',
        'Capacity',
        'Access Modes',
        'Reclaim Policy',
        'Status',
        'Claim',
        'StorageClass',
        'VolumeAttributesClass',
        'Reason',
        'Age',
        '*VolumeMode',
      ],
    ],
    [
      '',
      'persistentvolumeclaims',
      [
        'Name',
        'Status',
        'Volume',
        'Capacity',
        'Access Modes',
        'StorageClass',
        'VolumeAttributesClass',
        'Age',
        '*VolumeMode',
      ],
    ],
    [
      'autoscaling',
      'horizontalpodautoscalers',
      ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'],
    ],
    [
      'rbac.authorization.k8s.io',
      'rolebindings',
      ['Name', 'Role', 'Age', '*Users', '*Groups', '*ServiceAccounts'],
    ],
    ['rbac.authorization.k8s.io', 'roles', ['Name', 'Created At']],
    ['rbac.authorization.k8s.io', 'clusterroles', ['Name', 'Created At']],
    ['', 'limitranges', ['Name', 'Created At']],
    ['', 'serviceaccounts', ['Name', 'Secrets', 'Age']],
    [
      'storage.k8s.io',
      'storageclasses',
      ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'],
    ],
  ])('%s/%s', (g, r, want) => {
    expect(headers(g, r)).toEqual(want);
  });

  it('column definitions carry type, format and priority as upstream declares them', () => {
    const cols = printTable(res('', 'pods'), [], NOW).columnDefinitions;
    expect(cols[0]).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(cols[3]).toMatchObject({ name: 'Restarts', type: 'string', format: '', priority: 0 });
    expect(cols[0].description).toMatch(/^Name must be unique within a namespace/);
    const def = printTable(res('', 'limitranges'), [], NOW).columnDefinitions;
    expect(def[1]).toMatchObject({ name: 'Created At', type: 'date', format: '', priority: 0 });
  });
});

describe('nodes', () => {
  const node = (labels: Record<string, string>, conditions: unknown[], unschedulable = false) =>
    obj({
      metadata: meta('node-1', { labels }),
      spec: unschedulable ? { unschedulable: true } : {},
      status: {
        conditions,
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: 'node-1' },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.34.0',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          kernelVersion: '6.8.0',
          containerRuntimeVersion: 'containerd://2.1.3',
        },
      },
    });
  const ready = (status: string) => [
    { type: 'MemoryPressure', status: 'False' },
    { type: 'Ready', status },
  ];
  it.each<[string, KubeObject, string, string]>([
    [
      'control plane, Ready',
      node({ 'node-role.kubernetes.io/control-plane': '' }, ready('True')),
      'Ready',
      'control-plane',
    ],
    ['worker, NotReady', node({ 'kubernetes.io/hostname': 'node-1' }, ready('False')), 'NotReady', '<none>'],
    ['Ready=Unknown prints NotReady', node({}, ready('Unknown')), 'NotReady', '<none>'],
    ['no Ready condition', node({}, []), 'Unknown', '<none>'],
    ['cordoned', node({}, ready('True'), true), 'Ready,SchedulingDisabled', '<none>'],
    [
      'several roles, sorted, with kubernetes.io/role',
      node(
        {
          'node-role.kubernetes.io/worker': '',
          'kubernetes.io/role': 'infra',
          'node-role.kubernetes.io/': '',
        },
        ready('True'),
      ),
      'Ready',
      'infra,worker',
    ],
  ])('%s', (_n, o, status, roles) => {
    expect(row('', 'nodes', o)).toEqual([
      'node-1',
      status,
      roles,
      '3h',
      'v1.34.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0',
      'containerd://2.1.3',
    ]);
  });

  it('missing node info prints <unknown> in wide cells', () => {
    const o = obj({ metadata: meta('n'), status: {} });
    expect(row('', 'nodes', o)).toEqual([
      'n',
      'Unknown',
      '<none>',
      '3h',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});

describe('deployments and replica sets', () => {
  const template = {
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.27' },
        { name: 'log', image: 'busybox' },
      ],
    },
  };
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'rolling out',
      { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      { readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
      ['web', '2/3', 1, 2, '3h', 'nginx,log', 'nginx:1.27,busybox', 'app=web'],
    ],
    [
      'no status yet, selector with expressions',
      {
        replicas: 1,
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }],
        },
        template,
      },
      {},
      ['web', '0/1', 0, 0, '3h', 'nginx,log', 'nginx:1.27,busybox', 'app=web,tier in (a,b)'],
    ],
  ])('deployment %s', (_n, spec, status, want) => {
    expect(row('apps', 'deployments', obj({ metadata: meta('web'), spec, status }))).toEqual(want);
  });

  it('replica set cells are integers and the selector is formatted', () => {
    const o = obj({
      metadata: meta('web-7d948bd89d'),
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d948bd89d' } },
        template,
      },
      status: { replicas: 3, readyReplicas: 3 },
    });
    expect(row('apps', 'replicasets', o)).toEqual([
      'web-7d948bd89d',
      3,
      3,
      3,
      '3h',
      'nginx,log',
      'nginx:1.27,busybox',
      'app=web,pod-template-hash=7d948bd89d',
    ]);
  });

  it('daemon set NODE SELECTOR is <none> when empty', () => {
    const o = obj({
      metadata: meta('fluentd'),
      spec: {
        selector: { matchLabels: { app: 'fluentd' } },
        template: { spec: { containers: [{ name: 'f', image: 'fluentd' }] } },
      },
      status: {
        desiredNumberScheduled: 2,
        currentNumberScheduled: 2,
        numberReady: 1,
        updatedNumberScheduled: 2,
        numberAvailable: 1,
      },
    });
    expect(row('apps', 'daemonsets', o)).toEqual([
      'fluentd',
      2,
      2,
      1,
      2,
      1,
      '<none>',
      '3h',
      'f',
      'fluentd',
      'app=fluentd',
    ]);
  });

  it('stateful set READY is ready/desired', () => {
    const o = obj({
      metadata: meta('db'),
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'pg', image: 'postgres' }] } } },
      status: { readyReplicas: 1 },
    });
    expect(row('apps', 'statefulsets', o)).toEqual(['db', '1/3', '3h', 'pg', 'postgres']);
  });
});

describe('services', () => {
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
    obj({ metadata: meta('web'), spec: { selector: { app: 'web' }, ...spec }, status });
  it.each<[string, KubeObject, unknown[]]>([
    [
      'ClusterIP',
      svc({
        type: 'ClusterIP',
        clusterIP: '10.96.12.34',
        clusterIPs: ['10.96.12.34'],
        ports: [{ port: 80, protocol: 'TCP' }],
      }),
      ['web', 'ClusterIP', '10.96.12.34', '<none>', '80/TCP', '3h', 'app=web'],
    ],
    [
      'headless, no ports, no selector',
      svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: undefined }),
      ['web', 'ClusterIP', 'None', '<none>', '<none>', '3h', '<none>'],
    ],
    [
      'NodePort with two ports',
      svc({
        type: 'NodePort',
        clusterIPs: ['10.96.0.20'],
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, nodePort: 30053, protocol: 'UDP' },
        ],
      }),
      ['web', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP,53:30053/UDP', '3h', 'app=web'],
    ],
    [
      'LoadBalancer pending',
      svc({
        type: 'LoadBalancer',
        clusterIPs: ['10.96.0.21'],
        ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
      }),
      ['web', 'LoadBalancer', '10.96.0.21', '<pending>', '443:31443/TCP', '3h', 'app=web'],
    ],
    [
      'LoadBalancer with ingress (sorted, not clipped) and external IPs',
      svc(
        {
          type: 'LoadBalancer',
          clusterIPs: ['10.96.0.21'],
          externalIPs: ['203.0.113.9'],
          ports: [{ port: 80, nodePort: 30000, protocol: 'TCP' }],
        },
        { loadBalancer: { ingress: [{ ip: '198.51.100.20' }, { hostname: 'lb.example.com' }] } },
      ),
      [
        'web',
        'LoadBalancer',
        '10.96.0.21',
        '198.51.100.20,lb.example.com,203.0.113.9',
        '80:30000/TCP',
        '3h',
        'app=web',
      ],
    ],
    [
      'ExternalName',
      svc({ type: 'ExternalName', externalName: 'db.example.com', selector: undefined }),
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '3h', '<none>'],
    ],
    [
      'ClusterIP with external IPs',
      svc({
        type: 'ClusterIP',
        clusterIPs: ['10.96.0.22'],
        externalIPs: ['192.0.2.1', '192.0.2.2'],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }),
      ['web', 'ClusterIP', '10.96.0.22', '192.0.2.1,192.0.2.2', '8080/TCP', '3h', 'app=web'],
    ],
  ])('%s', (_n, o, want) => {
    expect(row('', 'services', o)).toEqual(want);
  });
});

describe('events', () => {
  const base = {
    metadata: meta('nginx.17f3a1b2c3d4e5f6'),
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    type: 'Normal',
    reason: 'Pulled',
    message: 'Container image "nginx" already present on machine\n',
    source: { component: 'kubelet', host: 'node-1' },
  };
  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'repeated event',
      { firstTimestamp: ago(5 * MIN + 9000), lastTimestamp: ago(71_000), count: 2 },
      [
        '71s',
        'Normal',
        'Pulled',
        'pod/nginx',
        'spec.containers{nginx}',
        'kubelet, node-1',
        'Container image "nginx" already present on machine',
        '5m9s',
        2,
        'nginx.17f3a1b2c3d4e5f6',
      ],
    ],
    [
      'events.k8s.io style: eventTime only, no count, reporting controller',
      {
        eventTime: ago(30_000),
        source: undefined,
        reportingComponent: 'default-scheduler',
        reportingInstance: 'default-scheduler-control-plane',
      },
      [
        '30s',
        'Normal',
        'Pulled',
        'pod/nginx',
        'spec.containers{nginx}',
        'default-scheduler, default-scheduler-control-plane',
        'Container image "nginx" already present on machine',
        '30s',
        1,
        'nginx.17f3a1b2c3d4e5f6',
      ],
    ],
    [
      'series',
      {
        eventTime: ago(10 * MIN),
        series: { count: 5, lastObservedTime: ago(20_000) },
        source: { component: 'kubelet' },
      },
      [
        '20s',
        'Normal',
        'Pulled',
        'pod/nginx',
        'spec.containers{nginx}',
        'kubelet',
        'Container image "nginx" already present on machine',
        '10m',
        5,
        'nginx.17f3a1b2c3d4e5f6',
      ],
    ],
    [
      'no involved object name, no times',
      { involvedObject: { kind: 'Node' }, source: {} },
      [
        '<unknown>',
        'Normal',
        'Pulled',
        'node',
        '',
        '',
        'Container image "nginx" already present on machine',
        '<unknown>',
        1,
        'nginx.17f3a1b2c3d4e5f6',
      ],
    ],
  ])('%s', (_n, extra, want) => {
    expect(row('', 'events', obj({ ...base, ...extra }))).toEqual(want);
  });
});

describe('jobs', () => {
  const job = (
    spec: Record<string, unknown>,
    status: Record<string, unknown>,
    m: Record<string, unknown> = {},
  ) =>
    obj({
      metadata: meta('pi', m),
      spec: {
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
        template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } },
        ...spec,
      },
      status,
    });
  const cond = (type: string, status = 'True') => ({ type, status });
  it.each<[string, KubeObject, unknown[]]>([
    [
      'complete',
      job(
        { completions: 1 },
        {
          succeeded: 1,
          startTime: ago(60 * MIN),
          completionTime: ago(60 * MIN - 9000),
          conditions: [cond('SuccessCriteriaMet'), cond('Complete')],
        },
      ),
      ['Complete', '1/1', '9s'],
    ],
    [
      'running',
      job({ completions: 3, parallelism: 2 }, { active: 2, succeeded: 1, startTime: ago(5 * MIN + 9000) }),
      ['Running', '1/3', '5m9s'],
    ],
    ['not started', job({ completions: 1 }, {}), ['Running', '0/1', '']],
    [
      'failed',
      job(
        { completions: 1 },
        { failed: 7, startTime: ago(10 * MIN), conditions: [cond('FailureTarget'), cond('Failed')] },
      ),
      ['Failed', '0/1', '10m'],
    ],
    [
      'failure target',
      job({ completions: 1 }, { startTime: ago(MIN), conditions: [cond('FailureTarget')] }),
      ['FailureTarget', '0/1', '60s'],
    ],
    [
      'success criteria met',
      job(
        { completions: 5 },
        { succeeded: 2, startTime: ago(MIN), conditions: [cond('SuccessCriteriaMet')] },
      ),
      ['SuccessCriteriaMet', '2/5', '60s'],
    ],
    [
      'suspended',
      job({ completions: 1, suspend: true }, { conditions: [cond('Suspended')] }),
      ['Suspended', '0/1', ''],
    ],
    [
      'terminating',
      job({ completions: 1 }, { conditions: [cond('Suspended')] }, { deletionTimestamp: ago(0) }),
      ['Terminating', '0/1', ''],
    ],
    [
      'a False condition does not count',
      job({ completions: 1 }, { conditions: [cond('Complete', 'False')] }),
      ['Running', '0/1', ''],
    ],
    [
      'work queue: no completions, parallelism 3',
      job({ parallelism: 3 }, { succeeded: 0 }),
      ['Running', '0/1 of 3', ''],
    ],
    ['no completions, parallelism 1', job({ parallelism: 1 }, { succeeded: 1 }), ['Running', '1/1', '']],
  ])('%s', (_n, o, want) => {
    const c = row('batch', 'jobs', o);
    expect(c.slice(1, 4)).toEqual(want);
    expect(c[0]).toBe('pi');
    expect(c.slice(4)).toEqual(['3h', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u1']);
  });
});

describe('cron jobs', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'scheduled before, active',
      { schedule: '*/5 * * * *', suspend: false, timeZone: 'Etc/UTC' },
      { active: [{ name: 'hello-29000000' }], lastScheduleTime: ago(2 * MIN) },
      ['hello', '*/5 * * * *', 'Etc/UTC', 'False', 1, '2m', '3h'],
    ],
    [
      'never scheduled, suspend unset',
      { schedule: '@hourly' },
      {},
      ['hello', '@hourly', '<none>', '<unset>', 0, '<none>', '3h'],
    ],
    [
      'suspended',
      { schedule: '0 0 * * *', suspend: true },
      {},
      ['hello', '0 0 * * *', '<none>', 'True', 0, '<none>', '3h'],
    ],
  ])('%s', (_n, spec, status, want) => {
    const o = obj({
      metadata: meta('hello'),
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } },
        ...spec,
      },
      status,
    });
    expect(row('batch', 'cronjobs', o)).toEqual([...want, 'hello', 'busybox', '<none>']);
  });
});

describe('persistent volumes and claims', () => {
  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'bound PV with claim and class',
      {
        metadata: meta('pv-1'),
        spec: {
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { namespace: 'default', name: 'data' },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
      [
        'pv-1',
        '10Gi',
        'RWO,RWX',
        'Retain',
        'Bound',
        'default/data',
        'standard',
        '<unset>',
        '',
        '3h',
        'Filesystem',
      ],
    ],
    [
      'terminating PV, beta class annotation wins, no capacity',
      {
        metadata: meta('pv-2', {
          deletionTimestamp: ago(0),
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' },
        }),
        spec: {
          accessModes: ['ReadWriteOncePod'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'fast',
        },
        status: { phase: 'Released', reason: 'gone' },
      },
      ['pv-2', '0', 'RWOP', 'Delete', 'Terminating', '', 'slow', '<unset>', 'gone', '3h', '<unset>'],
    ],
  ])('%s', (_n, o, want) => {
    expect(row('', 'persistentvolumes', obj(o))).toEqual(want);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'bound claim shows the volume capacity and modes',
      {
        metadata: meta('data'),
        spec: {
          volumeName: 'pv-1',
          storageClassName: 'standard',
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
      },
      ['data', 'Bound', 'pv-1', '10Gi', 'RWO', 'standard', '<unset>', '3h', 'Filesystem'],
    ],
    [
      'pending claim shows no capacity',
      {
        metadata: meta('data'),
        spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
        status: { phase: 'Pending' },
      },
      ['data', 'Pending', '', '', '', 'standard', '<unset>', '3h', '<unset>'],
    ],
  ])('%s', (_n, o, want) => {
    expect(row('', 'persistentvolumeclaims', obj(o))).toEqual(want);
  });
});

describe('horizontal pod autoscalers', () => {
  const cpu = (target: number) => ({
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
  });
  const cpuNow = (u: number) => ({
    type: 'Resource',
    resource: { name: 'cpu', current: { averageUtilization: u, averageValue: '250m' } },
  });
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    [
      'cpu utilization',
      { minReplicas: 1, maxReplicas: 10, metrics: [cpu(80)] },
      { currentReplicas: 2, currentMetrics: [cpuNow(50)] },
      ['web', 'Deployment/web', 'cpu: 50%/80%', '1', 10, 2, '3h'],
    ],
    [
      'no metrics yet',
      { maxReplicas: 5, metrics: [cpu(80)] },
      {},
      ['web', 'Deployment/web', 'cpu: <unknown>/80%', '<unset>', 5, 0, '3h'],
    ],
    [
      'no metric specs',
      { minReplicas: 2, maxReplicas: 5 },
      {},
      ['web', 'Deployment/web', '<none>', '2', 5, 0, '3h'],
    ],
    [
      'three metrics: average value, pods, external, then more',
      {
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } },
          },
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } },
          },
          {
            type: 'External',
            external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } },
          },
        ],
      },
      {
        currentReplicas: 1,
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '200Mi' } } },
        ],
      },
      ['web', 'Deployment/web', 'memory: 200Mi/500Mi, <unknown>/1k + 1 more...', '1', 4, 1, '3h'],
    ],
  ])('%s', (_n, spec, status, want) => {
    const o = obj({
      metadata: meta('web'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec },
      status,
    });
    expect(row('autoscaling', 'horizontalpodautoscalers', o)).toEqual(want);
  });
});

describe('other kinds', () => {
  it.each<[string, string, Record<string, unknown>, unknown[]]>([
    ['', 'namespaces', { metadata: meta('dev'), status: { phase: 'Active' } }, ['dev', 'Active', '3h']],
    [
      '',
      'configmaps',
      { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      ['cfg', 3, '3h'],
    ],
    [
      '',
      'secrets',
      { metadata: meta('s'), type: 'Opaque', data: { password: 'cA==' } },
      ['s', 'Opaque', 1, '3h'],
    ],
    ['', 'serviceaccounts', { metadata: meta('default') }, ['default', 0, '3h']],
    [
      '',
      'endpoints',
      {
        metadata: meta('web'),
        subsets: [
          {
            addresses: [
              { ip: '10.244.1.2' },
              { ip: '10.244.2.3' },
              { ip: '10.244.3.4' },
              { ip: '10.244.4.5' },
            ],
            ports: [{ port: 80 }],
          },
        ],
      },
      ['web', '10.244.1.2:80,10.244.2.3:80,10.244.3.4:80 + 1 more...', '3h'],
    ],
    ['', 'endpoints', { metadata: meta('none') }, ['none', '<none>', '3h']],
    [
      'discovery.k8s.io',
      'endpointslices',
      {
        metadata: meta('web-abc12'),
        addressType: 'IPv4',
        ports: [{ port: 80 }, { name: 'metrics' }],
        endpoints: [{ addresses: ['10.244.1.2'] }],
      },
      ['web-abc12', 'IPv4', '80,metrics', '10.244.1.2', '3h'],
    ],
    [
      'discovery.k8s.io',
      'endpointslices',
      { metadata: meta('empty'), addressType: 'IPv4' },
      ['empty', 'IPv4', '<unset>', '<unset>', '3h'],
    ],
    [
      'networking.k8s.io',
      'ingresses',
      {
        metadata: meta('ing'),
        spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}], tls: [{}] },
        status: { loadBalancer: { ingress: [{ ip: '172.18.0.5' }] } },
      },
      ['ing', 'nginx', 'a.example.com', '172.18.0.5', '80, 443', '3h'],
    ],
    [
      'networking.k8s.io',
      'ingresses',
      { metadata: meta('ing'), spec: {} },
      ['ing', '<none>', '*', '', '80', '3h'],
    ],
    [
      'networking.k8s.io',
      'ingressclasses',
      {
        metadata: meta('nginx'),
        spec: {
          controller: 'k8s.io/ingress-nginx',
          parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' },
        },
      },
      ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/p', '3h'],
    ],
    [
      'networking.k8s.io',
      'networkpolicies',
      { metadata: meta('deny'), spec: { podSelector: {} } },
      ['deny', '<none>', '3h'],
    ],
    [
      'policy',
      'poddisruptionbudgets',
      { metadata: meta('pdb'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } },
      ['pdb', '50%', 'N/A', 1, '3h'],
    ],
    [
      '',
      'resourcequotas',
      {
        metadata: meta('q'),
        status: {
          hard: { 'limits.cpu': '2', pods: '10', 'requests.cpu': '1' },
          used: { pods: '3', 'requests.cpu': '500m' },
        },
      },
      ['q', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2', '3h'],
    ],
    [
      'coordination.k8s.io',
      'leases',
      { metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } },
      ['node-1', 'node-1', '3h'],
    ],
    [
      'scheduling.k8s.io',
      'priorityclasses',
      { metadata: meta('system-node-critical'), value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
      ['system-node-critical', 2000001000, false, '3h', 'PreemptLowerPriority'],
    ],
    [
      'storage.k8s.io',
      'storageclasses',
      {
        metadata: meta('standard', {
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        }),
        provisioner: 'rancher.io/local-path',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '3h'],
    ],
    [
      'rbac.authorization.k8s.io',
      'clusterrolebindings',
      {
        metadata: meta('kubeadm:node-proxier'),
        roleRef: { kind: 'ClusterRole', name: 'system:node-proxier' },
        subjects: [
          { kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' },
          { kind: 'Group', name: 'system:nodes' },
          { kind: 'User', name: 'alice' },
        ],
      },
      [
        'kubeadm:node-proxier',
        'ClusterRole/system:node-proxier',
        '3h',
        'alice',
        'system:nodes',
        'kube-system/kube-proxy',
      ],
    ],
    [
      'apps',
      'controllerrevisions',
      {
        metadata: meta('fluentd-5d4c8f', {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u', controller: true },
          ],
        }),
        revision: 2,
      },
      ['fluentd-5d4c8f', 'daemonset.apps/fluentd', 2, '3h'],
    ],
    [
      '',
      'podtemplates',
      {
        metadata: meta('t'),
        template: {
          metadata: { labels: { b: '2', a: '1' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
      ['t', 'c', 'nginx', 'a=1,b=2'],
    ],
    [
      '',
      'replicationcontrollers',
      {
        metadata: meta('rc'),
        spec: {
          replicas: 2,
          selector: { app: 'rc' },
          template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        },
        status: { replicas: 2, readyReplicas: 1 },
      },
      ['rc', 2, 2, 1, '3h', 'c', 'nginx', 'app=rc'],
    ],
  ])('%s/%s', (g, r, o, want) => {
    expect(row(g, r, obj(o))).toEqual(want);
  });
});

describe('printTable envelope', () => {
  const pods = [
    obj({
      metadata: {
        name: 'a',
        namespace: 'default',
        creationTimestamp: created,
        resourceVersion: '41',
        labels: { app: 'x' },
      },
      spec: { containers: [] },
      status: { phase: 'Pending' },
    }),
  ];

  it('builds a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default', () => {
    const t = printTable(res('', 'pods'), pods, NOW, { listMeta: { resourceVersion: '42' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '42' });
    expect(t.rows[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {
        name: 'a',
        namespace: 'default',
        creationTimestamp: created,
        resourceVersion: '41',
        labels: { app: 'x' },
      },
    });
  });

  it.each<['None' | 'Object', unknown]>([
    ['None', null],
    ['Object', pods[0]],
  ])('includeObject=%s', (policy, want) => {
    expect(printTable(res('', 'pods'), pods, NOW, { includeObject: policy }).rows[0].object).toEqual(want);
  });

  it('a single object (GET) carries its own resourceVersion; noHeaders drops column definitions', () => {
    const t = printTable(res('', 'pods'), pods, NOW, { noHeaders: true });
    expect(t.metadata).toEqual({ resourceVersion: '41' });
    expect(t.columnDefinitions).toEqual([]);
  });

  it('kinds without a printer get Name and an RFC 3339 Created At', () => {
    const roles = [
      obj({ metadata: { name: 'reader', creationTimestamp: '2025-06-01T12:30:45Z' } }),
      obj({ metadata: { name: 'weird' } }),
    ];
    const t = printTable(res('rbac.authorization.k8s.io', 'roles'), roles, NOW);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['reader', '2025-06-01T12:30:45Z'],
      ['weird', '0001-01-01T00:00:00Z'],
    ]);
  });

  it('covers every listed kind that upstream prints', () => {
    const printed = [
      'pods',
      'podtemplates',
      'replicationcontrollers',
      'services',
      'endpoints',
      'nodes',
      'events',
      'namespaces',
      'secrets',
      'serviceaccounts',
      'configmaps',
      'resourcequotas',
      'persistentvolumes',
      'persistentvolumeclaims',
      'replicasets',
      'deployments',
      'daemonsets',
      'statefulsets',
      'controllerrevisions',
      'jobs',
      'cronjobs',
      'horizontalpodautoscalers',
      'poddisruptionbudgets',
      'ingresses',
      'ingressclasses',
      'networkpolicies',
      'endpointslices',
      'leases',
      'priorityclasses',
      'storageclasses',
      'rolebindings',
      'clusterrolebindings',
    ];
    for (const r of printed) {
      const info = [
        'replicasets',
        'deployments',
        'daemonsets',
        'statefulsets',
        'controllerrevisions',
      ].includes(r)
        ? res('apps', r)
        : undefined;
      const t = printTable(info ?? findAny(r), [], NOW);
      expect(
        t.columnDefinitions.map((c) => c.name),
        r,
      ).not.toEqual(['Name', 'Created At']);
    }
  });
});

function findAny(resource: string) {
  const r = RESOURCES.find((x) => x.resource === resource);
  if (!r) throw new Error(resource);
  return r;
}
