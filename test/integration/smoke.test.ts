import { describe, it, expect } from 'vitest';
import { LocalCluster } from '../../src/runtime/local-cluster';

describe('smoke', () => {
  it('creates and gets a pod', async () => {
    const c = await LocalCluster.start();
    const api = c.connect('kubectl');
    const p = api.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'nginx' },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    });
    await c.settle();
    const r = await p;
    console.log(JSON.stringify(r, null, 1).slice(0, 3000));
    expect(r.status).toBe(201);
    await c.stop();
  });
});
