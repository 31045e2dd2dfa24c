import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { LocalCluster } from '../../runtime/local-cluster';
import type { RemoteApi } from '../../runtime/remote';
import { kubectl } from '../testing';
import { NGINX_WELCOME } from './exec-shell';

let c: LocalCluster;
let api: RemoteApi;
const run = (line: string | string[]) => kubectl(api, c.clock, line);
const post = async (path: string, body: unknown) => {
  const r = await api.request({ method: 'POST', path, body });
  if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  return r.body as KubeObject;
};
async function setStatus(path: string, status: Record<string, unknown>): Promise<void> {
  const cur = (await api.request<KubeObject>({ method: 'GET', path })).body as KubeObject;
  const r = await api.request({ method: 'PUT', path: `${path}/status`, body: { ...cur, status } });
  if (r.status >= 300) throw new Error(JSON.stringify(r.body));
}
const running = (ip: string, name: string) => ({
  phase: 'Running',
  podIP: ip,
  podIPs: [{ ip }],
  hostIP: '172.18.0.3',
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [
    {
      name,
      ready: true,
      restartCount: 0,
      image: 'nginx',
      imageID: '',
      state: { running: { startedAt: '2025-01-01T00:00:00Z' } },
    },
  ],
});
const pod = (
  name: string,
  labels: Record<string, string>,
  image: string,
  extra: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: {
    nodeName: 'n1',
    containers: [{ name: 'c', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    ...extra,
  },
});

beforeAll(async () => {
  c = await LocalCluster.start();
  api = c.connect('kubectl');
  await post('/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    status: {
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      capacity: { cpu: '2', memory: '4Gi', pods: '110' },
    },
  });
  await post('/api/v1/namespaces/default/pods', pod('client', { app: 'client' }, 'busybox'));
  await setStatus('/api/v1/namespaces/default/pods/client', running('10.244.1.2', 'c'));
  await post('/api/v1/namespaces/default/pods', pod('web-1', { app: 'web' }, 'nginx'));
  await setStatus('/api/v1/namespaces/default/pods/web-1', running('10.244.1.3', 'c'));
  await post(
    '/api/v1/namespaces/default/pods',
    pod('host-1', { app: 'host' }, 'registry.k8s.io/e2e-test-images/agnhost:2.53', {
      containers: [
        { name: 'c', image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', args: ['serve-hostname'] },
      ],
    }),
  );
  await setStatus('/api/v1/namespaces/default/pods/host-1', running('10.244.1.4', 'c'));
  const svc = (name: string, app: string, port: number, target: number) =>
    post('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { selector: { app }, ports: [{ port, targetPort: target, protocol: 'TCP' }] },
    });
  await svc('web', 'web', 80, 80);
  await svc('hostnames', 'host', 80, 9376);
  await svc('empty', 'nothing', 80, 80);
  const slice = (name: string, ip: string, port: number) =>
    post('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-abc`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: [
        { addresses: [ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n1' },
      ],
      ports: [{ name: '', port, protocol: 'TCP' }],
    });
  await slice('web', '10.244.1.3', 80);
  await slice('hostnames', '10.244.1.4', 9376);
  await c.advance(1000);
});
afterAll(async () => {
  await c.stop();
});

describe('exec through the simulated shell and kube-proxy rules', () => {
  const cases: Array<{ line: string[]; stdout: string; stderr?: string; code?: number }> = [
    { line: ['exec', 'client', '--', 'curl', '-s', 'web'], stdout: NGINX_WELCOME },
    {
      line: ['exec', 'client', '--', 'curl', '-s', 'http://web.default.svc.cluster.local/'],
      stdout: NGINX_WELCOME,
    },
    { line: ['exec', 'client', '--', 'wget', '-qO-', 'hostnames.default'], stdout: 'host-1' },
    { line: ['exec', 'client', '--', 'curl', '10.244.1.3'], stdout: NGINX_WELCOME },
    {
      line: ['exec', 'client', '--', 'curl', '-s', 'empty'],
      stdout: '',
      stderr:
        "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n",
      code: 7,
    },
    {
      line: ['exec', 'client', '--', 'curl', 'nope'],
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n',
      code: 6,
    },
    {
      line: ['exec', 'client', '--', 'sh', '-c', 'hostname && cat /etc/hostname'],
      stdout: 'client\nclient\n',
    },
    {
      line: ['exec', 'client', '--', 'cat', '/etc/resolv.conf'],
      stdout:
        'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    },
    {
      line: ['exec', 'client', '--', 'foo'],
      stdout: '',
      stderr: 'sh: foo: not found\ncommand terminated with exit code 127\n',
      code: 127,
    },
  ];
  for (const { line, stdout, stderr, code } of cases)
    it(line.join(' '), async () => {
      expect(await run(line)).toEqual({ stdout, stderr: stderr ?? '', code: code ?? 0 });
    });

  it('nslookup answers with the ClusterIP', async () => {
    const ip = (
      (await api.request<KubeObject>({ method: 'GET', path: '/api/v1/namespaces/default/services/web' }))
        .body as { spec: { clusterIP: string } }
    ).spec.clusterIP;
    expect(await run(['exec', 'client', '--', 'nslookup', 'web'])).toEqual({
      stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n`,
      stderr: '',
      code: 0,
    });
  });
});

describe('top', () => {
  it('top pods: requests × 0.1', async () => {
    expect(await run('top pods')).toEqual({
      stdout:
        'NAME     CPU(cores)   MEMORY(bytes)   \nclient   10m          6Mi             \nhost-1   0m           0Mi             \nweb-1    10m          6Mi             \n',
      stderr: '',
      code: 0,
    });
  });
  it('top nodes: sum of running pods against allocatable', async () => {
    expect(await run('top nodes')).toEqual({
      stdout:
        'NAME   CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nn1     20m          1%       12Mi            0%          \n',
      stderr: '',
      code: 0,
    });
  });
});

describe('watching commands', () => {
  it('rollout status follows the deployment until it is rolled out', async () => {
    await post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    });
    const p = run('rollout status deploy/app');
    await c.settle();
    const path = '/apis/apps/v1/namespaces/default/deployments/app';
    await setStatus(path, {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    await c.settle();
    await setStatus(path, {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(await p).toEqual({
      stdout:
        'Waiting for deployment spec update to be observed...\nWaiting for deployment "app" rollout to finish: 1 of 3 updated replicas are available...\ndeployment "app" successfully rolled out\n',
      stderr: '',
      code: 0,
    });
  });

  it('rollout status times out on the cluster clock', async () => {
    const p = run('rollout status deploy/web-missing --timeout=5s');
    expect(await p).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "web-missing" not found\n',
      code: 1,
    });
    await post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'slow' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'slow' } },
        template: {
          metadata: { labels: { app: 'slow' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    });
    const q = run('rollout status deploy/slow --timeout=5s');
    await c.advance(6000);
    expect(await q).toEqual({
      stdout: 'Waiting for deployment spec update to be observed...\n',
      stderr: 'error: timed out waiting for the condition\n',
      code: 1,
    });
  });

  it('wait --for=condition=Ready and --for=jsonpath', async () => {
    await post('/api/v1/namespaces/default/pods', pod('w1', { app: 'w1' }, 'nginx'));
    const p = run('wait pod/w1 --for=condition=Ready --timeout=30s');
    await c.settle();
    await setStatus('/api/v1/namespaces/default/pods/w1', running('10.244.1.9', 'c'));
    expect(await p).toEqual({ stdout: 'pod/w1 condition met\n', stderr: '', code: 0 });
    expect(await run(['wait', 'pod/w1', '--for=jsonpath={.status.phase}=Running'])).toEqual({
      stdout: 'pod/w1 condition met\n',
      stderr: '',
      code: 0,
    });
  });

  it('wait times out', async () => {
    const p = run('wait pod/w1 --for=delete --timeout=5s');
    await c.advance(6000);
    expect(await p).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/w1\n',
      code: 1,
    });
  });

  it('delete waits for the pod to be gone', async () => {
    expect(await run('delete pod w1 --grace-period=0 --force')).toEqual({
      stdout: 'pod "w1" force deleted from default namespace\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      code: 0,
    });
  });

  it('drain reports pods that block, then evicts with --force', async () => {
    expect(await run('drain n1')).toEqual({
      stdout: 'node/n1 cordoned\n',
      stderr:
        'error: unable to drain node "n1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/client, default/host-1, default/web-1, continuing command...\nThere are pending nodes to be drained:\n n1\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/client, default/host-1, default/web-1\n',
      code: 1,
    });
    const r = await run('drain n1 --force --grace-period=0');
    expect(r.stderr).toBe(
      'Warning: deleting Pods that declare no controller: default/client, default/host-1, default/web-1\n',
    );
    expect(r.stdout.split('\n').sort()).toEqual([
      '',
      'evicting pod default/client',
      'evicting pod default/host-1',
      'evicting pod default/web-1',
      'node/n1 already cordoned',
      'node/n1 drained',
      'pod/client evicted',
      'pod/host-1 evicted',
      'pod/web-1 evicted',
    ]);
    expect(r.code).toBe(0);
  });
});
