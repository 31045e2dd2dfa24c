/**
 * The real cluster in real Chromium: every component starts in its own Web Worker, objects written
 * through the apiserver land in etcd's IndexedDB and come back after a reload with the same
 * resourceVersions, and a killed worker is noticed and restarted.
 */
import { test, expect, waitFor } from './harness.mjs';

async function start(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.kubelab !== undefined, null, { timeout: 20_000 });
  await page.evaluate(() => window.kubelab.ready);
}

const req = (page, r) => page.evaluate((r) => window.kubelab.request(r), r);
const statuses = (page) => page.evaluate(() => window.kubelab.supervisor.status());

test('the cluster starts in workers and shows its nodes', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await start(page, `${baseUrl}?db=e2e-start`);
  const comps = await statuses(page);
  expect(comps.map((c) => c.name).sort(), 'components').toEqual(
    [
      'control-plane',
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'node-1',
      'node-2',
    ].sort(),
  );
  expect(
    comps.every((c) => c.state === 'running'),
    'all running',
  ).toBe(true);
  await page.waitForSelector('[data-node="node-2"]', { timeout: 15_000 });
  const nodes = await req(page, { method: 'GET', path: '/api/v1/nodes' });
  expect(nodes.status, 'list nodes').toBe(200);
  expect(
    nodes.body.items.map((n) => n.metadata.name),
    'node names',
  ).toEqual(['control-plane', 'node-1', 'node-2']);
  const ns = await req(page, { method: 'GET', path: '/api/v1/namespaces' });
  expect(
    ns.body.items.map((n) => n.metadata.name),
    'namespaces',
  ).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  expectNoConsoleErrors();
});

test('objects survive a page reload with the same resourceVersions', async ({ page, baseUrl, reload }) => {
  const url = `${baseUrl}?db=e2e-reload`;
  await start(page, url);
  const cm = await req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { color: 'blue' } },
  });
  expect(cm.status, 'create configmap').toBe(201);
  const pod = await req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/pods',
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  });
  expect(pod.status, 'create pod').toBe(201);
  const upd = await req(page, {
    method: 'PATCH',
    path: '/api/v1/namespaces/default/configmaps/settings',
    headers: { contentType: 'application/merge-patch+json' },
    body: { data: { color: 'green' } },
  });
  expect(upd.status, 'patch configmap').toBe(200);

  await reload();
  await start(page, url);
  const cm2 = await req(page, { method: 'GET', path: '/api/v1/namespaces/default/configmaps/settings' });
  expect(cm2.status, 'configmap after reload').toBe(200);
  expect(cm2.body.data, 'configmap data').toEqual({ color: 'green' });
  expect(cm2.body.metadata.resourceVersion, 'configmap resourceVersion').toBe(
    upd.body.metadata.resourceVersion,
  );
  expect(cm2.body.metadata.uid, 'configmap uid').toBe(cm.body.metadata.uid);
  // The pod lives on; the scheduler and kubelet keep updating it, so only its identity is compared.
  const pod2 = await req(page, { method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' });
  expect(pod2.body.metadata.uid, 'pod uid').toBe(pod.body.metadata.uid);
  // A write after the reload continues the same revision sequence.
  const again = await req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } },
  });
  expect(
    Number(again.body.metadata.resourceVersion) > Number(upd.body.metadata.resourceVersion),
    'revision grows',
  ).toBe(true);
  // Objects created after the reload get new uids (the apiserver's random source does not start over).
  expect(
    again.body.metadata.uid !== cm.body.metadata.uid && again.body.metadata.uid !== pod.body.metadata.uid,
    'fresh uid',
  ).toBe(true);
});

test('a killed worker is restarted and the cluster carries on', async ({ page, baseUrl }) => {
  await start(page, `${baseUrl}?db=e2e-kill`);
  const created = await req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before-crash' } },
  });
  expect(created.status, 'create').toBe(201);
  for (const name of ['kube-apiserver', 'etcd', 'node-1']) {
    await page.evaluate((n) => window.kubelab.supervisor.kill(n), name);
    await waitFor(
      async () => {
        const s = (await statuses(page)).find((c) => c.name === name);
        return s.restarts >= 1 && s.state === 'running';
      },
      { timeout: 20_000, message: `${name} restarted` },
    );
  }
  await waitFor(
    async () =>
      (await req(page, { method: 'GET', path: '/api/v1/namespaces/default/configmaps/before-crash' }))
        .status === 200,
    { timeout: 20_000, message: 'apiserver answers again after restarts' },
  );
  const got = await req(page, { method: 'GET', path: '/api/v1/namespaces/default/configmaps/before-crash' });
  expect(got.body.metadata.uid, 'same object after restarts').toBe(created.body.metadata.uid);
  const after = await req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-crash' } },
  });
  expect(after.status, 'writes work after restarts').toBe(201);
  const lease = await req(page, {
    method: 'GET',
    path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
  });
  expect(lease.status, 'restarted node renews its lease').toBe(200);
});

test('a database written by a newer KubeLab is refused with a clear message and left intact', async ({
  page,
  baseUrl,
}) => {
  await page.goto(`${baseUrl}?db=e2e-plain`, { waitUntil: 'load' });
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.open('e2e-newer', 99);
        r.onupgradeneeded = () => r.result.createObjectStore('future');
        r.onsuccess = () => (r.result.close(), resolve(true));
        r.onerror = () => reject(r.error);
      }),
  );
  await page.goto(`${baseUrl}?db=e2e-newer`, { waitUntil: 'load' });
  const banner = await page.waitForSelector('[data-testid="failure"]', { timeout: 20_000 });
  const text = await banner.textContent();
  expect(text, 'banner').toContain('etcd could not start');
  expect(text, 'banner').toContain('written by a newer KubeLab');
  const etcd = (await statuses(page)).find((c) => c.name === 'etcd');
  expect(etcd.state, 'etcd state').toBe('failed');
  const version = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('e2e-newer');
        r.onsuccess = () => {
          const v = r.result.version;
          const stores = [...r.result.objectStoreNames];
          r.result.close();
          resolve({ v, stores });
        };
      }),
  );
  expect(version, 'database untouched').toEqual({ v: 99, stores: ['future'] });
});

test('controllers run in the browser: a Deployment gets its ReplicaSet and Running pods', async ({
  page,
  baseUrl,
}) => {
  await start(page, `${baseUrl}?db=e2e-deploy`);
  const created = await req(page, {
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    },
  });
  expect(created.status, 'create deployment').toBe(201);
  await waitFor(
    async () => {
      const d = await req(page, { method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' });
      return d.body.status?.readyReplicas === 2;
    },
    { timeout: 30_000, message: 'deployment web has 2 ready replicas' },
  );
  const rs = await req(page, {
    method: 'GET',
    path: '/apis/apps/v1/namespaces/default/replicasets',
    query: { labelSelector: 'app=web' },
  });
  expect(rs.body.items.length, 'one ReplicaSet').toBe(1);
  const pods = await req(page, {
    method: 'GET',
    path: '/api/v1/namespaces/default/pods',
    query: { labelSelector: 'app=web' },
  });
  expect(
    pods.body.items.map((p) => p.status.phase),
    'pods',
  ).toEqual(['Running', 'Running']);
  expect(
    pods.body.items.every((p) => p.spec.nodeName && p.spec.nodeName !== 'control-plane'),
    'scheduled to workers',
  ).toBe(true);
});

test('a Node object created through the API becomes a Ready node with a kubelet', async ({
  page,
  baseUrl,
}) => {
  await start(page, `${baseUrl}?db=e2e-add-node`);
  const created = await req(page, {
    method: 'POST',
    path: '/api/v1/nodes',
    body: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-3', labels: { disktype: 'ssd' } },
      status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
    },
  });
  expect(created.status, 'create node').toBe(201);
  await waitFor(
    async () => {
      const n = await req(page, { method: 'GET', path: '/api/v1/nodes/node-3' });
      return n.body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    },
    { timeout: 20_000, message: 'node-3 Ready' },
  );
  const lease = await req(page, {
    method: 'GET',
    path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-3',
  });
  expect(lease.status, 'node-3 renews its lease').toBe(200);
});
