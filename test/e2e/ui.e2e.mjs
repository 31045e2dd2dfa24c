/**
 * The page in real Chromium: the graph draws the control plane and every node, a new pod's hops are
 * animated in causal order and the pod lands on its node, pausing really stops the cluster (the
 * clock display and the kubelet's timers) while hops are revealed one per step, a reload keeps the
 * cluster, the etcd browser shows a pod's key with its history, the inspector and the scheduler table
 * show the pod. Also saves screenshots of the main screens to test-results/screenshots/ (to
 * docs/screenshots/, which the README links, only with UPDATE_SCREENSHOTS=1).
 */
import { test, expect, waitFor } from './harness.mjs';

/** Where screenshots go: the README's copies change only when asked. */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

async function start(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.kubelab !== undefined, null, { timeout: 20_000 });
  await page.evaluate(() => window.kubelab.ready);
  await waitFor(() => page.evaluate(() => window.kubelab.ui.graph?.ids().includes('kubelet/node-2')), {
    timeout: 15_000,
    message: 'graph shows node-2',
  });
}

const req = (page, r) => page.evaluate((r) => window.kubelab.request(r), r);
const createPod = (page, name, image = 'nginx:1.27') =>
  req(page, {
    method: 'POST',
    path: '/api/v1/namespaces/default/pods',
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'main', image }] },
    },
  });
const getPod = async (page, name) =>
  (await req(page, { method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` })).body;

test('the graph renders the control plane, the user and every node with its agents', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await start(page, `${baseUrl}?db=e2e-ui-graph`);
  const ids = await page.evaluate(() => window.kubelab.ui.graph.ids());
  for (const id of [
    'user',
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'kube-controller-manager',
    'node:control-plane',
    'node:node-1',
    'node:node-2',
    'kubelet/node-1',
    'kube-proxy/node-1',
    'containerd/node-1',
  ])
    expect(ids, 'graph ids').toContain(id);
  expect(
    await page.evaluate(() => window.kubelab.ui.graph.parentOf('kubelet/node-2')),
    'kubelet parent',
  ).toBe('node:node-2');
  expectNoConsoleErrors();
});

test('creating a pod animates its hops in order and the pod appears on its node', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await start(page, `${baseUrl}?db=e2e-ui-hops`);
  await page.evaluate(() => window.kubelab.ui.trace.setFollow({ namespace: 'default', name: 'web' }));
  expect((await createPod(page, 'web')).status, 'create').toBe(201);
  const node = await waitFor(async () => (await getPod(page, 'web')).spec?.nodeName, {
    timeout: 15_000,
    message: 'pod bound',
  });
  await waitFor(
    () => page.evaluate((n) => window.kubelab.ui.graph.parentOf('pod:default/web') === `node:${n}`, node),
    { timeout: 10_000, message: `pod drawn inside node:${node}` },
  );
  const hops = await waitFor(
    async () => {
      const h = await page.evaluate(() =>
        window.kubelab.ui.hops.filter((x) => x.name === 'web' || x.label.includes('/web ')),
      );
      return h.some((x) => x.label.startsWith('bind') && x.kind === 'request') &&
        h.some((x) => x.label === `bind → ${node}` && x.kind === 'decision')
        ? h
        : undefined;
    },
    { timeout: 15_000, message: 'binding hop animated' },
  );
  const at = (pred, what) => {
    const i = hops.findIndex(pred);
    expect(
      i >= 0,
      `${what} animated in ${JSON.stringify(hops.map((h) => [h.kind, h.from, h.to, h.label]))}`,
    ).toBe(true);
    return i;
  };
  const post = at((h) => h.kind === 'request' && h.label === 'POST pods' && h.from === 'user', 'POST pods');
  const put = at(
    (h) => h.kind === 'etcd' && /^txn put \/registry\/pods\/default\/web rev \d+$/.test(h.label),
    'txn put',
  );
  const added = at(
    (h) => h.kind === 'watch' && h.label === 'watch ADDED pods' && h.to === 'kube-scheduler',
    'watch ADDED',
  );
  // The binding request is labelled with its node when the scheduler's decision came first.
  const bind = at(
    (h) =>
      h.kind === 'request' &&
      (h.label === `bind → ${node}` || h.label === 'bind web') &&
      h.from === 'kube-scheduler',
    'bind',
  );
  at(
    (h) => h.kind === 'decision' && h.label === `bind → ${node}` && h.to === 'kube-scheduler',
    'scheduler decision',
  );
  expect([post < put, put < added, added < bind], 'causal order').toEqual([true, true, true]);
  const seqs = hops.map((h) => h.seq);
  expect(
    seqs.every((s, i) => i === 0 || s > seqs[i - 1]),
    'hops animated in arrival order',
  ).toBe(true);
  const c = await page.evaluate(() => window.kubelab.ui.trace.liveCounts());
  expect(c.received, 'no record lost').toBe(c.taken + c.queued + c.filtered);
  expectNoConsoleErrors();
});

test('pause stops the clock and the kubelet; hops are revealed one per step; +1 s advances the clock', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await start(page, `${baseUrl}?db=e2e-ui-pause`);
  await page.click('[data-testid="play-pause"]');
  const clock1 = await page.textContent('[data-testid="clock"]');
  expect((await createPod(page, 'frozen')).status, 'create while paused').toBe(201);
  await page.waitForTimeout(1500);
  expect(await page.textContent('[data-testid="clock"]'), 'clock stands still').toBe(clock1);
  const pod = await getPod(page, 'frozen');
  expect(pod.status?.phase === 'Running', 'containers not started while paused').toBe(false);
  expect(
    (pod.status?.containerStatuses ?? []).filter((c) => c.state?.running),
    'no container started while paused',
  ).toEqual([]);

  const before = await page.evaluate(() => window.kubelab.ui.hops.length);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.kubelab.ui.hops.length), 'held hops not drawn').toBe(before);
  const queued = await page.evaluate(() => window.kubelab.ui.trace.waiting);
  expect(queued > 0, 'records are held').toBe(true);
  await page.click('[data-testid="step-hop"]');
  await waitFor(async () => (await page.evaluate(() => window.kubelab.ui.hops.length)) === before + 1, {
    timeout: 3000,
    message: 'one hop revealed',
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.kubelab.ui.hops.length), 'exactly one hop per step').toBe(
    before + 1,
  );
  expect((await page.textContent('[data-testid="narration"]')).length > 20, 'narration shown').toBe(true);

  const ms1 = await page.evaluate(() => window.kubelab.supervisor.clock.now());
  await page.click('[data-testid="advance"]');
  const ms2 = await page.evaluate(() => window.kubelab.supervisor.clock.now());
  expect(Math.round((ms2 - ms1) / 100), 'advanced by 1 s').toBe(10);
  expect(await page.textContent('[data-testid="clock"]'), 'clock display advanced').not.toBe(clock1);

  await page.click('[data-testid="play-pause"]');
  await waitFor(async () => (await page.textContent('[data-testid="clock"]')) !== clock1, {
    timeout: 3000,
    message: 'clock runs again',
  });
  await waitFor(async () => (await getPod(page, 'frozen')).spec?.nodeName, {
    timeout: 15_000,
    message: 'pod scheduled after play',
  });
  expectNoConsoleErrors();
});

test('a reload keeps the cluster and the picture; the etcd browser shows a pod key with its history', async ({
  page,
  baseUrl,
  reload,
  expectNoConsoleErrors,
}) => {
  const url = `${baseUrl}?db=e2e-ui-reload`;
  await start(page, url);
  expect((await createPod(page, 'keep')).status, 'create').toBe(201);
  await waitFor(() => page.evaluate(() => window.kubelab.ui.graph.ids().includes('pod:default/keep')), {
    timeout: 10_000,
    message: 'pod drawn',
  });
  await reload();
  await start(page, url);
  await waitFor(() => page.evaluate(() => window.kubelab.ui.graph.ids().includes('pod:default/keep')), {
    timeout: 10_000,
    message: 'pod drawn after reload',
  });
  await page.click('[data-testid="tab-etcd"]');
  const key = '/registry/pods/default/keep';
  await page.fill('[data-testid="etcd-browser"] input[type="search"]', '/registry/pods/default/');
  await page.click('[data-testid="etcd-refresh"]');
  await page.click(`[data-key="${key}"]`, { timeout: 10_000 });
  const rows = await page.waitForSelector('[data-testid="etcd-history"] tbody tr');
  expect(rows !== null, 'history rows').toBe(true);
  const history = await page.evaluate(
    (k) => window.kubelab.ui.etcd.history?.key === k && window.kubelab.ui.etcd.history.versions,
    key,
  );
  expect(Array.isArray(history) && history.length >= 1, 'key history').toBe(true);
  expect(history[0].version, 'first version').toBe(1);
  const value = await page.textContent('[data-testid="etcd-value"]');
  expect(value, 'value at revision').toContain('"name": "keep"');
  // The value at the first revision is the object as created.
  await page.evaluate((rev) => window.kubelab.ui.etcd.showAt(rev), history[0].modRevision);
  await waitFor(
    async () => (await page.textContent('[data-testid="etcd-value"]')).includes('"name": "keep"'),
    {
      timeout: 3000,
      message: 'value at the first revision',
    },
  );
  expectNoConsoleErrors();
});

test('the inspector shows a pod as live YAML and the side panel its scheduler table', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await start(page, `${baseUrl}?db=e2e-ui-inspect`);
  expect((await createPod(page, 'look')).status, 'create').toBe(201);
  await waitFor(async () => (await getPod(page, 'look')).spec?.nodeName, {
    timeout: 15_000,
    message: 'bound',
  });
  await page.click('[data-pod="default/look"] button', { timeout: 10_000 });
  const table = await page.waitForSelector('[data-testid="scheduler-table"]', { timeout: 10_000 });
  const text = await table.textContent();
  expect(text, 'filter table').toContain('control-plane');
  expect(text, 'taint reason').toContain('untolerated taint');
  await page.click('[data-testid="tab-inspect"]');
  await waitFor(
    async () => (await page.textContent('[data-testid="inspector-yaml"]'))?.includes('name: look'),
    {
      timeout: 5000,
      message: 'yaml shown',
    },
  );
  const yaml = await page.textContent('[data-testid="inspector-yaml"]');
  expect(yaml, 'yaml').toContain('kind: Pod');
  expectNoConsoleErrors();
});

test(
  'screenshots of the main screens, light and dark, at 1280×720 and 1920×1080',
  async ({ page, baseUrl, expectNoConsoleErrors }) => {
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await start(page, `${baseUrl}?db=e2e-ui-shots`);
      if (w === 1280) {
        for (const n of ['nginx', 'web-1', 'web-2']) await createPod(page, n);
        await waitFor(async () => (await getPod(page, 'web-2')).spec?.nodeName, {
          timeout: 15_000,
          message: 'bound',
        });
      }
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => {
          localStorage.setItem('kubelab.theme', t);
        }, theme);
        await page.reload({ waitUntil: 'load' });
        await start(page, `${baseUrl}?db=e2e-ui-shots`);
        const noOverflow = await page.evaluate(
          () =>
            document.documentElement.scrollWidth <= window.innerWidth &&
            document.documentElement.scrollHeight <= window.innerHeight,
        );
        expect(noOverflow, `page fits ${w}×${h}`).toBe(true);
        await page.evaluate(() => window.kubelab.ui.trace.setFollow(undefined));
        await createPod(page, `shot-${theme}-${w}`);
        await page.waitForTimeout(700);
        await page.screenshot({ path: `${SHOTS}/main-${theme}-${w}x${h}.png` });
        if (w === 1280) {
          await page.click('[data-pod="default/nginx"] button');
          await page.waitForSelector('[data-testid="scheduler-table"]', { timeout: 10_000 });
          await page.screenshot({ path: `${SHOTS}/scheduler-${theme}.png` });
          await page.click('[data-testid="tab-inspect"]');
          await page.waitForSelector('[data-testid="inspector-yaml"]');
          await page.screenshot({ path: `${SHOTS}/inspector-${theme}.png` });
          await page.click('[data-testid="tab-etcd"]');
          await page.click('[data-key="/registry/pods/default/nginx"]', { timeout: 10_000 });
          await page.waitForSelector('[data-testid="etcd-history"]');
          await page.screenshot({ path: `${SHOTS}/etcd-${theme}.png` });
          await page.click('[data-testid="tab-story"]');
        }
      }
    }
    expectNoConsoleErrors();
  },
  { timeout: 120_000 },
);
