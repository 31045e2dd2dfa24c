/**
 * Smoke tests of the built site: it loads with the right title and no console errors, both at the
 * server root and under a sub-path, and the harness's reload keeps IndexedDB (same browser context).
 */
import { test, expect, isAutomaticFaviconRequest } from './harness.mjs';

/** Opens `url` and waits until the network is quiet, so late module/worker errors are seen. */
async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  return response;
}

test('index.html loads with a KubeLab title and no console errors', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  const response = await open(page, baseUrl);
  expect(response?.status(), 'status of index.html').toBe(200);
  expect(await page.title(), 'document.title').toContain('KubeLab');
  expectNoConsoleErrors();
});

test('the site works under a sub-path', async ({
  page,
  subPathUrl,
  subPathServer,
  expectNoConsoleErrors,
}) => {
  const response = await open(page, subPathUrl);
  expect(response?.status(), 'status of index.html').toBe(200);
  expect(await page.title(), 'document.title').toContain('KubeLab');
  const missing = subPathServer.requests
    .filter((r) => r.status >= 400 && !isAutomaticFaviconRequest(`http://x${r.path}`))
    .map((r) => `${r.status} ${r.path}`);
  expect(missing, 'requests that failed under the sub-path').toEqual([]);
  expectNoConsoleErrors();
});

test('IndexedDB data survives a reload in the same browser context', async ({ page, baseUrl, reload }) => {
  await open(page, baseUrl);
  const dbName = 'kubelab-e2e-harness-check';
  const put = (value) =>
    page.evaluate(
      ([name, v]) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open(name, 1);
          req.onupgradeneeded = () => req.result.createObjectStore('kv');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put(v, 'key');
            tx.oncomplete = () => (req.result.close(), resolve(true));
            tx.onerror = () => reject(tx.error);
          };
        }),
      [dbName, value],
    );
  const get = () =>
    page.evaluate(
      (name) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open(name, 1);
          req.onupgradeneeded = () => req.result.createObjectStore('kv');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const r = req.result.transaction('kv').objectStore('kv').get('key');
            r.onsuccess = () => (req.result.close(), resolve(r.result ?? null));
            r.onerror = () => reject(r.error);
          };
        }),
      dbName,
    );
  expect(await get(), 'value before any write').toBeNull();
  await put('persisted-42');
  await reload();
  expect(await get(), 'value after reload').toBe('persisted-42');
});
