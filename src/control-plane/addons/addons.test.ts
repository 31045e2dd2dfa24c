import { describe, it, expect } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { Clientset } from '../../client/rest-client';
import { LocalCluster } from '../../runtime/local-cluster';
import { SimCluster } from '../../runtime/sim-cluster';
import { corefile, corednsObjects, installAddons, kubeProxyObjects } from './addons';

describe('installAddons', () => {
  it('creates CoreDNS and kube-proxy once (idempotent)', async () => {
    const c = await LocalCluster.start({ seed: 'addons' });
    const api = c.connect('kubeadm');
    const first = installAddons(api);
    await c.settle();
    expect(await first).toEqual(['[addons] Applied essential addon: CoreDNS', '[addons] Applied essential addon: kube-proxy']);
    const k = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
    const svc = (await k.services.get('kube-system', 'kube-dns')) as Service;
    const rv = svc.metadata?.resourceVersion;
    const second = installAddons(api);
    await c.settle();
    expect(await second).toEqual([]);
    expect((await k.services.get('kube-system', 'kube-dns')).metadata?.resourceVersion).toBe(rv);
    expect(svc.spec?.clusterIP).toBe('10.96.0.10');
    expect(svc.spec?.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual([
      'dns 53/UDP',
      'dns-tcp 53/TCP',
      'metrics 9153/TCP',
    ]);
    const cm = await k.configMaps.get('kube-system', 'coredns');
    expect(cm.data?.Corefile).toBe(corefile());
    const names = async (group: string, resource: string, ns?: string) =>
      ((await k.resource(group, undefined, resource).list(ns)).items as Array<{ metadata: { name?: string } }>)
        .map((x) => x.metadata.name)
        .sort();
    expect(await names('', 'serviceaccounts', 'kube-system')).toEqual(expect.arrayContaining(['coredns', 'kube-proxy']));
    expect(await names('rbac.authorization.k8s.io', 'clusterrolebindings')).toEqual(
      expect.arrayContaining(['kubeadm:node-proxier', 'system:coredns']),
    );
    expect(await names('apps', 'daemonsets', 'kube-system')).toEqual(['kube-proxy']);
    expect(await names('apps', 'deployments', 'kube-system')).toEqual(['coredns']);
    await c.stop();
  });

  it('uses kubeadm v1.34 images and shapes', () => {
    const deploy = corednsObjects().find((o) => o.kind === 'Deployment')!;
    const ds = kubeProxyObjects().find((o) => o.kind === 'DaemonSet')!;
    const podSpec = (o: typeof deploy) => (o.spec as { template: { spec: Pod['spec'] } }).template.spec!;
    expect((deploy.spec as { replicas: number }).replicas).toBe(2);
    expect(podSpec(deploy).containers[0].image).toBe('registry.k8s.io/coredns/coredns:v1.12.1');
    expect(podSpec(deploy).containers[0].resources).toEqual({
      limits: { memory: '170Mi' },
      requests: { cpu: '100m', memory: '70Mi' },
    });
    expect(podSpec(deploy).tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(podSpec(ds).containers[0].image).toBe('registry.k8s.io/kube-proxy:v1.34.0');
    expect(podSpec(ds).hostNetwork).toBe(true);
    expect(podSpec(ds).tolerations).toEqual([{ operator: 'Exists' }]);
    expect(podSpec(ds).priorityClassName).toBe('system-node-critical');
  });
});

describe('SimCluster kube-system', () => {
  it('looks like a kubeadm cluster', async () => {
    const c = await SimCluster.start({ seed: 1 });
    await c.advance(60_000);
    const k = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
    const pods = (await c.drive(k.pods.list('kube-system'))).items as Pod[];
    const rows = pods
      .map((p) => `${p.metadata?.name} ${p.status?.phase} ${p.status?.podIP} ${p.spec?.nodeName}`)
      .sort();
    const patterns = [
      /^coredns-[0-9a-z]{8,10}-[0-9a-z]{5} Running 10\.244\.1\.2 node-1$/,
      /^coredns-[0-9a-z]{8,10}-[0-9a-z]{5} Running 10\.244\.2\.2 node-2$/,
      /^etcd-control-plane Running 172\.18\.0\.2 control-plane$/,
      /^kube-apiserver-control-plane Running 172\.18\.0\.2 control-plane$/,
      /^kube-controller-manager-control-plane Running 172\.18\.0\.2 control-plane$/,
      /^kube-proxy-[0-9a-z]{5} Running 172\.18\.0\.\d (control-plane|node-1|node-2)$/,
      /^kube-proxy-[0-9a-z]{5} Running 172\.18\.0\.\d (control-plane|node-1|node-2)$/,
      /^kube-proxy-[0-9a-z]{5} Running 172\.18\.0\.\d (control-plane|node-1|node-2)$/,
      /^kube-scheduler-control-plane Running 172\.18\.0\.2 control-plane$/,
    ];
    expect(rows).toHaveLength(patterns.length);
    const sortedCoredns = rows.filter((r) => r.startsWith('coredns-')).sort((a, b) => a.split(' ')[3].localeCompare(b.split(' ')[3]));
    expect(sortedCoredns[0]).toMatch(patterns[0]);
    expect(sortedCoredns[1]).toMatch(patterns[1]);
    const rest = rows.filter((r) => !r.startsWith('coredns-'));
    rest.forEach((r, i) => expect(r).toMatch(patterns[i + 2]));
    // one kube-proxy per node, with the node's IP
    expect(
      pods
        .filter((p) => p.metadata?.name?.startsWith('kube-proxy-'))
        .map((p) => `${p.spec?.nodeName}=${p.status?.podIP}`)
        .sort(),
    ).toEqual(['control-plane=172.18.0.2', 'node-1=172.18.0.3', 'node-2=172.18.0.4']);
    await c.stop();
  });
});
