/**
 * The YAML editor in the built site: Monaco is not downloaded before the editor is shown, a
 * misspelt field gets a schema marker, and Apply creates a Deployment in the cluster.
 * Needs src/ui/editor/Editor.svelte placed in the app (data-testid="editor", e.g. in an "Editor" tab).
 */
import { test, expect, waitFor } from './harness.mjs';

const DEPLOYMENT = (field) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        ${field}: nginx:1.27
`;

async function openApp(page, baseUrl) {
  const scripts = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(`${baseUrl}?db=e2e-editor-${Date.now()}`, { waitUntil: 'load' });
  await page.evaluate(() => window.kubelab.ready);
  return scripts;
}

async function showEditor(page) {
  const editor = page.locator('[data-testid=editor]');
  if (!(await editor.isVisible())) {
    await page
      .locator('[role=tab]:has-text("Editor"), button:has-text("Editor"), a:has-text("Editor")')
      .first()
      .click();
  }
  await page.waitForSelector('[data-testid=editor][data-loaded=true]', { timeout: 20_000 });
}

test('the editor chunk is loaded only when the editor is shown', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  const requests = await openApp(page, baseUrl);
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  const monacoBefore = requests.filter((u) => /monaco-setup|editor\.worker|yaml\.worker|codicon/.test(u));
  const editorVisible = await page.locator('[data-testid=editor]').isVisible();
  if (!editorVisible) expect(monacoBefore, 'Monaco requests before the editor was opened').toEqual([]);
  await showEditor(page);
  await waitFor(() => requests.some((u) => /monaco-setup-[\w-]+\.js$/.test(u)), {
    message: 'monaco chunk not requested',
  });
  expectNoConsoleErrors();
});

test('a misspelt field gets a schema marker', async ({ page, baseUrl }) => {
  await openApp(page, baseUrl);
  await showEditor(page);
  await page.evaluate((t) => window.kubelabEditor.setText(t), DEPLOYMENT('imagee'));
  const marker = await waitFor(
    () => page.evaluate(() => window.kubelabEditor.markers().find((m) => /imagee/.test(m.message))),
    { timeout: 15_000, message: 'no marker for imagee' },
  );
  expect(marker.message).toBe('Property imagee is not allowed.');
  expect(marker.startLineNumber).toBe(17);
});

test('Apply creates a Deployment; an invalid one is marked at its line', async ({ page, baseUrl }) => {
  await openApp(page, baseUrl);
  await showEditor(page);
  await page.evaluate((t) => window.kubelabEditor.setText(t), DEPLOYMENT('imagee'));
  await page.click('[data-testid=editor-apply]');
  await waitFor(
    async () => (await page.textContent('[data-testid=editor-output]')).includes('unknown field'),
    {
      message: 'no strict decoding error',
    },
  );
  const apiMarkers = await page.evaluate(() =>
    window.kubelabEditor.markers().filter((m) => m.owner === 'kube-apiserver'),
  );
  expect(apiMarkers.map((m) => m.startLineNumber)).toEqual([17]);

  await page.evaluate((t) => window.kubelabEditor.setText(t), DEPLOYMENT('image'));
  await page.click('[data-testid=editor-apply]');
  await waitFor(
    async () =>
      (await page.textContent('[data-testid=editor-output]')).includes('deployment.apps/web created'),
    {
      message: 'Apply did not create the Deployment',
    },
  );
  const res = await page.evaluate(() =>
    window.kubelab.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }),
  );
  expect(res.status).toBe(200);
  expect(res.body.spec.template.spec.containers[0].image).toBe('nginx:1.27');
});
