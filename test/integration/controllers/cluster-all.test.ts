import { describe, it, expect } from 'vitest';
import { CLUSTER_CONTROLLERS } from '../../../src/control-plane/controller-manager/controllers/cluster';
import { startHarness } from './cluster-helpers';

describe('CLUSTER_CONTROLLERS', () => {
  it('lists the upstream controller names', () => {
    expect(CLUSTER_CONTROLLERS.map((d) => d.name)).toEqual([
      'serviceaccount-controller',
      'root-ca-cert-publisher',
      'endpoints-controller',
      'endpointslice-controller',
      'pod-garbage-collector-controller',
      'resourcequota-controller',
      'namespace-controller',
      'garbage-collector-controller',
      'job-controller',
      'cronjob-controller',
      'ttl-after-finished-controller',
      'node-lifecycle-controller',
      'taint-eviction-controller',
      'persistentvolume-binder-controller',
      'horizontalpodautoscaling-controller',
    ]);
  });

  it('run together for ten minutes of cluster time without touching the bootstrap objects', async () => {
    const h = await startHarness(CLUSTER_CONTROLLERS.map((d) => d.name));
    await h.advance(600_000);
    const svc = await h.call(h.client.services.get('default', 'kubernetes'));
    expect(svc.spec!.clusterIP).toBe('10.96.0.1');
    expect(
      (await h.call(h.client.namespaces.list(undefined))).items.map((n) => n.metadata!.name).sort(),
    ).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect((await h.call(h.client.endpoints.get('default', 'kubernetes'))).subsets![0].addresses).toEqual([
      { ip: '172.18.0.2' },
    ]);
    await h.stop();
  });
});
