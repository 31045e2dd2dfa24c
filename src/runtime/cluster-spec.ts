/**
 * The default cluster: a kubeadm-like control-plane node (tainted `node-role.kubernetes.io/control-plane:
 * NoSchedule`, with kubeadm's static pods for etcd, kube-apiserver, kube-controller-manager and
 * kube-scheduler) and two worker nodes, `node-1` and `node-2`, each 2 CPUs / 4 GiB / 110 pods.
 */
import { controlPlaneStaticPods } from '../control-plane/addons/static-pod-manifests';
import type { NodeConfig } from '../node/kubelet/node-registration';
import type { ComponentSpec } from './protocol';

/** Node configs of a cluster with `workers` worker nodes plus the control-plane node. */
export function defaultNodes(workers = 2): NodeConfig[] {
  const nodes: NodeConfig[] = [
    {
      name: 'control-plane',
      labels: {
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      podCIDR: '10.244.0.0/24',
      internalIP: '172.18.0.2',
      staticPods: controlPlaneStaticPods({ nodeName: 'control-plane', advertiseAddress: '172.18.0.2' }),
    },
  ];
  for (let i = 1; i <= workers; i++) {
    nodes.push({ name: `node-${i}`, podCIDR: `10.244.${i}.0/24`, internalIP: `172.18.0.${i + 2}` });
  }
  return nodes;
}

/** Component specs of a browser cluster. Nodes are pooled, at most `perWorker` per node worker. */
export function browserSpecs(opts: {
  seed: string;
  dbName: string;
  nodes?: NodeConfig[];
  perWorker?: number;
  backend?: 'indexeddb' | 'memory';
}): ComponentSpec[] {
  const nodes = opts.nodes ?? defaultNodes();
  const per = opts.perWorker ?? 1;
  const specs: ComponentSpec[] = [
    {
      kind: 'etcd',
      name: 'etcd',
      seed: `${opts.seed}/etcd`,
      options: { dbName: opts.dbName, backend: opts.backend ?? 'indexeddb' },
    },
    { kind: 'kube-apiserver', name: 'kube-apiserver', seed: `${opts.seed}/kube-apiserver`, options: {} },
    { kind: 'kube-scheduler', name: 'kube-scheduler', seed: `${opts.seed}/kube-scheduler`, options: {} },
    {
      kind: 'kube-controller-manager',
      name: 'kube-controller-manager',
      seed: `${opts.seed}/kube-controller-manager`,
      options: {},
    },
  ];
  for (let i = 0; i < nodes.length; i += per) {
    const pool = nodes.slice(i, i + per);
    // The first node worker also adopts Node objects a learner creates (kubectl apply of a Node).
    specs.push({
      kind: 'node',
      name: per === 1 ? pool[0].name : `node-pool-${i / per}`,
      seed: `${opts.seed}/nodes/${i}`,
      options: { nodes: pool, manageNodes: i === 0 },
    });
  }
  return specs;
}
