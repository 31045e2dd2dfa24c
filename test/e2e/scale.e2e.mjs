/**
 * The page stays usable with 100 nodes and 2,000 pods: pods are grouped per node in the graph, the
 * cluster keeps up (every pod Running), and frames keep coming. Figures are printed; the bounds are
 * gross so a busy CI machine does not make the test flaky.
 */
import { test, expect } from './harness.mjs';

test(
  'usable with 100 nodes and 2,000 pods: pods grouped per node, all Running, frames keep coming',
  async ({ page, baseUrl }) => {
    await page.goto(`${baseUrl}?db=e2e-scale-${Date.now()}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.kubelab !== undefined, null, { timeout: 20_000 });
    await page.evaluate(() => window.kubelab.ready);
    const t0 = Date.now();
    await page.evaluate(async () => {
      const created = [];
      for (let i = 3; i <= 99; i++)
        created.push(
          window.kubelab.request({
            method: 'POST',
            path: '/api/v1/nodes',
            body: {
              apiVersion: 'v1',
              kind: 'Node',
              metadata: { name: `node-${i}` },
              status: { capacity: { cpu: '8', memory: '16Gi', pods: '110' } },
            },
          }),
        );
      await Promise.all(created);
      for (;;) {
        const r = await window.kubelab.request({ method: 'GET', path: '/api/v1/nodes' });
        const ready = r.body.items.filter((n) =>
          n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        if (ready.length >= 100) break;
        await new Promise((res) => setTimeout(res, 500));
      }
      const batch = [];
      for (let i = 0; i < 2000; i++) {
        batch.push(
          window.kubelab.request({
            method: 'POST',
            path: '/api/v1/namespaces/default/pods',
            body: {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: `p${i}` },
              spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] },
            },
          }),
        );
        if (batch.length >= 50) {
          await Promise.all(batch);
          batch.length = 0;
        }
      }
      await Promise.all(batch);
    });
    const running = await page.evaluate(async () => {
      const t = performance.now();
      for (;;) {
        const r = await window.kubelab.request({
          method: 'GET',
          path: '/api/v1/namespaces/default/pods',
          query: { fieldSelector: 'status.phase=Running' },
        });
        if (r.body.items.length >= 2000 || performance.now() - t > 150_000) return r.body.items.length;
        await new Promise((res) => setTimeout(res, 1000));
      }
    });
    expect(running, 'pods Running').toBe(2000);
    const fps = await page.evaluate(async () => {
      let frames = 0;
      const t = performance.now();
      await new Promise((res) => {
        const tick = () => {
          frames++;
          if (performance.now() - t < 3000) requestAnimationFrame(tick);
          else res();
        };
        requestAnimationFrame(tick);
      });
      return frames / 3;
    });
    const ids = await page.evaluate(() => window.kubelab.ui.graph.ids());
    const groups = ids.filter((i) => i.startsWith('pods:')).length;
    console.log(
      `      100 nodes / 2,000 pods: all Running after ${((Date.now() - t0) / 1000).toFixed(0)} s; ${ids.length} graph elements, ${groups} pod groups; ${fps.toFixed(1)} fps`,
    );
    expect(groups, 'one pod group per node').toBe(100);
    expect(ids.length < 1000, 'the picture stays small').toBe(true);
    expect(fps >= 10, 'frames keep coming').toBe(true);
  },
  { timeout: 240_000 },
);
