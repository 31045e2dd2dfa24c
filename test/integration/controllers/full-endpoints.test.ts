/**
 * A Service's Endpoints and EndpointSlice with real kubelets: they list exactly the ready pods, and
 * during a RollingUpdate with maxUnavailable 0 they never drop below the replica count (sampled every
 * 100 ms of cluster time), ending with exactly the new pods' IPs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { isReady, startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

describe('Service endpoints through a rollout', () => {
  it('never empty (never below 3) during a maxUnavailable 0 RollingUpdate', async () => {
    env = await startFull();
    const e = env;
    await e.call(
      e.client.services.create('default', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
      }),
    );
    await e.call(
      e.client.deployments.create(
        'default',
        workload('apps/v1', 'Deployment', 'web', 3, 'nginx:1.25', {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        }) as Deployment,
      ),
    );
    const readyIPs = async () =>
      (await e.pods('default', 'app=web'))
        .filter((p) => isReady(p) && !p.metadata?.deletionTimestamp)
        .map((p) => p.status!.podIP!)
        .sort();
    const epIPs = async () => {
      const ep = await e.call(e.client.endpoints.get('default', 'web'));
      return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
    };
    const sliceIPs = async () => {
      const l = await e.call(
        e.client.endpointSlices.list('default', { labelSelector: 'kubernetes.io/service-name=web' }),
      );
      return l.items
        .flatMap((s: EndpointSlice) =>
          s.endpoints.filter((x) => x.conditions?.ready).flatMap((x) => x.addresses),
        )
        .sort();
    };
    await e.until('3 endpoints', async () => (await epIPs()).length === 3, 60_000);
    expect(await epIPs()).toEqual(await readyIPs());
    expect(await sliceIPs()).toEqual(await readyIPs());
    const ep = await e.call(e.client.endpoints.get('default', 'web'));
    expect(ep.subsets?.[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(
      ep.subsets?.[0].addresses?.every(
        (a) => a.targetRef?.kind === 'Pod' && /^node-[12]$/.test(a.nodeName ?? ''),
      ),
    ).toBe(true);
    const oldIPs = await epIPs();

    await e.call(
      e.client.deployments.patch('default', 'web', 'strategic', {
        spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
      }),
    );
    let minEp = Infinity;
    let minSlice = Infinity;
    let changes = 0;
    let prev = oldIPs.join();
    await e.until(
      'rollout done',
      async () => {
        const a = await epIPs();
        const b = await sliceIPs();
        minEp = Math.min(minEp, a.length);
        minSlice = Math.min(minSlice, b.length);
        if (a.join() !== prev) changes++;
        prev = a.join();
        expect(a.length, `endpoints at ${e.c.clock.now()}`).toBeGreaterThanOrEqual(3);
        const pods = await e.pods('default', 'app=web');
        return (
          pods.length === 3 && pods.every((p) => p.spec?.containers[0].image === 'nginx:1.27' && isReady(p))
        );
      },
      120_000,
      100,
    );
    await e.c.advance(1000);
    expect(minEp).toBe(3);
    expect(minSlice).toBeGreaterThanOrEqual(3);
    expect(changes).toBeGreaterThanOrEqual(3);
    const finalIPs = await epIPs();
    expect(finalIPs).toEqual(await readyIPs());
    expect(finalIPs.filter((ip) => oldIPs.includes(ip))).toEqual([]);
    expect(await sliceIPs()).toEqual(finalIPs);
  }, 60_000);
});
