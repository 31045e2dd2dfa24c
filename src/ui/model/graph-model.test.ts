import { describe, it, expect } from 'vitest';
import { buildGraph, nodeId, podId, type NodeView, type PodView } from './graph-model';

const comps = new Map([
  ['kube-apiserver', 'running'],
  ['node-1', 'running'],
]);
const nodes = (n: number): NodeView[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `node-${i + 1}`,
    ready: true,
    unschedulable: false,
    worker: 'running',
  }));

describe('buildGraph', () => {
  it('draws the control plane, the user, each node with its agents, and pods on their nodes', () => {
    const pods: PodView[] = [
      { namespace: 'default', name: 'nginx', node: 'node-1', phase: 'Running' },
      { namespace: 'default', name: 'web', phase: 'Pending' },
    ];
    const g = buildGraph(comps, nodes(2), pods);
    const ids = g.map((e) => e.id);
    for (const id of [
      'user',
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
      'node:node-1',
      'kubelet/node-1',
      'kube-proxy/node-1',
      'containerd/node-2',
      'pod:default/nginx',
      'pod:default/web',
    ])
      expect(ids).toContain(id);
    const nginx = g.find((e) => e.id === podId('default', 'nginx'))!;
    expect([nginx.parent, nginx.classes]).toEqual([nodeId('node-1'), 'pod phase-running']);
    expect(g.find((e) => e.id === 'pod:default/web')!.parent).toBe('pending-box');
    expect(g.find((e) => e.id === 'kube-apiserver')!.classes).toBe('component state-running');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('groups pods per node when there are too many', () => {
    const pods: PodView[] = Array.from({ length: 50 }, (_, i) => ({
      namespace: 'default',
      name: `p${i}`,
      node: 'node-1',
      phase: i % 2 ? 'Running' : 'Pending',
    }));
    const g = buildGraph(comps, nodes(1), pods, { maxPodsPerNode: 40 });
    expect(g.filter((e) => e.classes.startsWith('pod ')).length).toBe(0);
    expect(g.find((e) => e.id === 'pods:node-1')!.label).toBe('50 pods (25 running)');
  });

  it('stays small for 100 nodes and 2,000 pods', () => {
    const pods: PodView[] = Array.from({ length: 2000 }, (_, i) => ({
      namespace: 'default',
      name: `p${i}`,
      node: `node-${(i % 100) + 1}`,
      phase: 'Running',
    }));
    const g = buildGraph(comps, nodes(100), pods);
    expect(g.length).toBe(1 + 1 + 4 + 8 + 4 + 100 * (1 + 3 + 3 + 1));
  });
});
