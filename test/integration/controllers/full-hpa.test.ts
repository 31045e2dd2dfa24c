/**
 * The HorizontalPodAutoscaler against a real Deployment: raising the simulated load (pod template
 * annotation `kubelab.dev/load`, see the controller-manager README) scales it up at once; lowering it
 * scales it down only after the 300 s downscale stabilization window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { startFull, workload, type FullEnv } from './full-helpers';

let env: FullEnv | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

describe('HPA with a real Deployment', () => {
  it('scales up with the load and down after the stabilization window', async () => {
    env = await startFull();
    const e = env;
    const d = workload('apps/v1', 'Deployment', 'web', 2, 'nginx:1.27', {}, {}) as Deployment;
    d.spec!.template.metadata!.annotations = { 'kubelab.dev/load': '0.3' };
    d.spec!.template.spec!.containers[0].resources = { requests: { cpu: '100m' } };
    await e.call(e.client.deployments.create('default', d));
    const hpa: HorizontalPodAutoscaler = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 8,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
    };
    const hpas = e.client.resource<HorizontalPodAutoscaler>('autoscaling', 'v2', 'horizontalpodautoscalers');
    await e.call(hpas.create('default', hpa));
    const replicas = async () => (await e.call(e.client.deployments.get('default', 'web'))).spec?.replicas;
    // 30 % of requests against a 50 % target: stays at 2.
    await e.c.advance(120_000);
    expect(await replicas()).toBe(2);
    const h0 = await e.call(hpas.get('default', 'web'));
    expect(h0.status?.currentMetrics?.[0].resource?.current).toMatchObject({
      averageUtilization: 30,
      averageValue: '30m',
    });
    expect(h0.status?.desiredReplicas).toBe(2);

    // Load up to 90 %: a rollout of pods with the new annotation, then 2 → 4 → 8 (scale-up limit max(2×, 4)).
    await e.call(
      e.client.deployments.patch('default', 'web', 'strategic', {
        spec: { template: { metadata: { annotations: { 'kubelab.dev/load': '0.9' } } } },
      }),
    );
    const upTook = await e.until('scaled to 8', async () => (await replicas()) === 8, 300_000, 5000);
    expect(upTook).toBeLessThan(120_000);
    const ups = (await e.events('default', 'web')).filter((x) => x.startsWith('SuccessfulRescale'));
    expect(ups.length).toBeGreaterThanOrEqual(2);
    for (const u of ups)
      expect(u).toMatch(
        /^SuccessfulRescale: New size: [3-8]; reason: cpu resource utilization \(percentage of request\) above target$/,
      );
    expect(ups.at(-1)).toBe(
      'SuccessfulRescale: New size: 8; reason: cpu resource utilization (percentage of request) above target',
    );
    await e.until(
      '8 pods with load 0.9',
      async () => {
        const pods = (await e.pods('default', 'app=web')).filter((p) => !p.metadata?.deletionTimestamp);
        return (
          pods.length === 8 && pods.every((p) => p.metadata?.annotations?.['kubelab.dev/load'] === '0.9')
        );
      },
      120_000,
      5000,
    );
    // At 8 pods × 90 % the HPA wants ceil(8 × 90 / 50) = 15: limited by maxReplicas.
    await e.c.advance(30_000);
    const h1 = await e.call(hpas.get('default', 'web'));
    expect(h1.status).toMatchObject({ currentReplicas: 8, desiredReplicas: 8 });
    expect(h1.status?.conditions?.find((c) => c.type === 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });

    // Load down to 10 %: nothing for 300 s (the recommendations of the last 5 minutes include 8), then down.
    await e.call(
      e.client.deployments.patch('default', 'web', 'strategic', {
        spec: { template: { metadata: { annotations: { 'kubelab.dev/load': '0.1' } } } },
      }),
    );
    const lowered = e.c.clock.now();
    const downTook = await e.until('scale down', async () => (await replicas())! < 8, 900_000, 5000);
    expect(downTook).toBeGreaterThanOrEqual(290_000);
    expect(downTook).toBeLessThanOrEqual(330_000);
    await e.until('back to 2', async () => (await replicas()) === 2, 900_000, 5000);
    const downs = (await e.events('default', 'web')).filter((x) => x.includes('below target'));
    // 8 pods × 10 % against 50 %: ceil(8 × 10 / 50) = 2 in one step once the window has passed.
    expect(downs).toEqual(['SuccessfulRescale: New size: 2; reason: All metrics below target']);
    expect(e.c.clock.now() - lowered).toBeGreaterThanOrEqual(300_000);
    await e.c.advance(20_000);
    const h2 = await e.call(hpas.get('default', 'web'));
    expect(h2.status?.currentReplicas).toBe(2);
    expect(h2.status?.conditions?.find((c) => c.type === 'AbleToScale')?.status).toBe('True');
  }, 120_000);
});
