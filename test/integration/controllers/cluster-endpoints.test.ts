import { describe, it, expect, afterEach } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { setPodStatus, startHarness, type Harness } from './cluster-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function pod(name: string, labels: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
  };
}

const svc: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
};

describe('endpoints-controller and endpointslice-controller', () => {
  it('track ready pods with named target ports', async () => {
    h = await startHarness(['endpoints-controller', 'endpointslice-controller']);
    await h.call(h.client.services.create('default', svc));
    await h.advance(1000);
    // A placeholder slice, no Endpoints subsets yet.
    let slices = (
      await h.call(
        h.client.endpointSlices.list('default', { labelSelector: 'kubernetes.io/service-name=web' }),
      )
    ).items;
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[0].metadata!.labels!['endpointslice.kubernetes.io/managed-by']).toBe(
      'endpointslice-controller.k8s.io',
    );
    expect(slices[0].endpoints ?? []).toEqual([]);
    for (const [n, ip] of [
      ['a', '10.244.1.2'],
      ['b', '10.244.1.3'],
    ]) {
      await h.call(h.client.pods.create('default', pod(n, { app: 'web' })));
      await h.call(h.client.pods.bind('default', n, 'node-1'));
      await setPodStatus(h, 'default', n, { phase: 'Running', ready: n === 'a', podIP: ip });
    }
    await h.call(h.client.pods.create('default', pod('other', { app: 'db' })));
    await setPodStatus(h, 'default', 'other', { phase: 'Running', ready: true, podIP: '10.244.1.9' });
    await h.advance(1000);
    const ep = await h.call(h.client.endpoints.get('default', 'web'));
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.2',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: expect.any(String) },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.1.3',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: expect.any(String) },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ep.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    slices = (
      await h.call(
        h.client.endpointSlices.list('default', { labelSelector: 'kubernetes.io/service-name=web' }),
      )
    ).items;
    expect(slices).toHaveLength(1);
    expect(slices[0].addressType).toBe('IPv4');
    expect(slices[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(
      slices[0].endpoints!.map((e) => [e.addresses[0], e.conditions, e.nodeName, e.targetRef!.name]),
    ).toEqual([
      ['10.244.1.2', { ready: true, serving: true, terminating: false }, 'node-1', 'a'],
      ['10.244.1.3', { ready: false, serving: false, terminating: false }, 'node-1', 'b'],
    ]);
    // b becomes ready; a goes away.
    await setPodStatus(h, 'default', 'b', { phase: 'Running', ready: true });
    await h.call(h.client.pods.delete('default', 'a', { gracePeriodSeconds: 0 }));
    await h.advance(1000);
    expect((await h.call(h.client.endpoints.get('default', 'web'))).subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.3',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: expect.any(String) },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    slices = (
      await h.call(
        h.client.endpointSlices.list('default', { labelSelector: 'kubernetes.io/service-name=web' }),
      )
    ).items;
    expect(slices.flatMap((s) => s.endpoints!.map((e) => e.addresses[0]))).toEqual(['10.244.1.3']);
  });

  it('splits more than 100 endpoints across slices and leaves selector-less services alone', async () => {
    h = await startHarness(['endpoints-controller', 'endpointslice-controller']);
    await h.call(h.client.services.create('default', { ...svc, spec: { ...svc.spec, clusterIP: 'None' } }));
    await h.call(
      h.client.services.create('default', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'manual' },
        spec: { ports: [{ port: 80 }] },
      }),
    );
    for (let i = 0; i < 105; i++) {
      await h.call(h.client.pods.create('default', pod(`p${i}`, { app: 'web' })));
      await setPodStatus(h, 'default', `p${i}`, {
        phase: 'Running',
        ready: true,
        podIP: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}`,
      });
    }
    await h.advance(2000);
    const slices = (
      await h.call(
        h.client.endpointSlices.list('default', { labelSelector: 'kubernetes.io/service-name=web' }),
      )
    ).items;
    expect(slices.map((s) => s.endpoints!.length).sort((a, b) => a - b)).toEqual([5, 100]);
    expect(slices[0].metadata!.labels!['service.kubernetes.io/headless']).toBe('');
    const ep = await h.call(h.client.endpoints.get('default', 'web'));
    expect(ep.subsets![0].addresses).toHaveLength(105);
    await expect(h.call(h.client.endpoints.get('default', 'manual'))).rejects.toThrow(/not found/);
  });

  it('publishes the apiserver behind default/kubernetes', async () => {
    h = await startHarness(['endpoints-controller', 'endpointslice-controller']);
    await h.advance(1000);
    const ep = await h.call(h.client.endpoints.get('default', 'kubernetes'));
    expect(ep.subsets).toEqual([
      { addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    const slice = await h.call(h.client.endpointSlices.get('default', 'kubernetes'));
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
  });
});
