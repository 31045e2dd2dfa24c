import { describe, it, expect } from 'vitest';
import type { TraceRecord } from '../../runtime/trace';
import { endpointId, hopLabel, hopGroupLabel, nodeOfEndpoint, toHop } from './hops';

const rec = (r: Partial<TraceRecord>): TraceRecord => ({
  id: 'x:1',
  from: 'kubectl',
  to: 'kube-apiserver',
  kind: 'request',
  verb: 'POST',
  time: 0,
  ...r,
});

describe('endpointId', () => {
  it.each([
    ['kube-apiserver', 'kube-apiserver'],
    ['etcd', 'etcd'],
    ['kube-scheduler', 'kube-scheduler'],
    ['kube-controller-manager', 'kube-controller-manager'],
    ['kubelet/node-1', 'kubelet/node-1'],
    ['kube-proxy/node-2', 'kube-proxy/node-2'],
    ['containerd/node-1', 'containerd/node-1'],
    ['kubectl', 'user'],
    ['client', 'user'],
    ['kubelab-ui', 'user'],
    ['something/else', 'user'],
    ['ui', undefined],
    ['etcd-browser', undefined],
  ])('%s → %s', (name, id) => {
    expect(endpointId(name)).toBe(id);
  });
  it('finds the node of per-node agents', () => {
    expect(nodeOfEndpoint('kubelet/node-1')).toBe('node-1');
    expect(nodeOfEndpoint('kube-apiserver')).toBeUndefined();
  });
});

describe('hopLabel', () => {
  const selected = (ns?: string, name?: string) =>
    ns === 'default' && name === 'nginx' ? 'node-2' : undefined;
  it.each<[string, Partial<TraceRecord>, string, string]>([
    [
      'create',
      { verb: 'POST', resource: 'pods', namespace: 'default', name: 'nginx' },
      'POST pods',
      'POST pods',
    ],
    [
      'status patch',
      { verb: 'PATCH', resource: 'pods/status', name: 'nginx' },
      'PATCH status',
      'PATCH status',
    ],
    [
      'binding',
      { from: 'kube-scheduler', verb: 'POST', resource: 'pods/binding', namespace: 'default', name: 'nginx' },
      'bind → node-2',
      'bind',
    ],
    [
      'binding, unknown node',
      { verb: 'POST', resource: 'pods/binding', namespace: 'default', name: 'web' },
      'bind web',
      'bind',
    ],
    [
      'watch request',
      { verb: 'GET', resource: 'pods', detail: { path: '/api/v1/pods', query: { watch: 'true' } } },
      'WATCH pods',
      'GET pods',
    ],
    ['response', { kind: 'response', verb: '201' }, '201', '201'],
    [
      'etcd',
      {
        kind: 'etcd',
        verb: 'txn put',
        resource: 'pods',
        revision: 42,
        detail: { key: '/registry/pods/default/nginx' },
      },
      'txn put /registry/pods/default/nginx rev 42',
      'txn put pods',
    ],
    ['watch', { kind: 'watch', verb: 'ADDED', resource: 'pods' }, 'watch ADDED pods', 'watch ADDED pods'],
    [
      'decision selected',
      {
        kind: 'decision',
        to: 'kube-scheduler',
        verb: 'scheduled',
        detail: { filter: {}, selected: 'node-2' },
      },
      'bind → node-2',
      'schedule',
    ],
    [
      'decision none',
      {
        kind: 'decision',
        to: 'kube-scheduler',
        verb: 'unschedulable',
        detail: { filter: {}, selected: null },
      },
      'unschedulable',
      'schedule',
    ],
    [
      'kubelet decision',
      { kind: 'decision', to: 'kubelet/node-1', verb: 'admit pod' },
      'admit pod',
      'admit pod',
    ],
    ['pull', { kind: 'runtime', verb: 'pull', name: 'nginx:1.27' }, 'pull nginx:1.27', 'pull'],
    ['start', { kind: 'runtime', verb: 'start', name: 'default/nginx/nginx' }, 'start nginx', 'start'],
  ])('%s', (_n, r, label, group) => {
    expect(hopLabel(rec(r), { selectedNode: selected })).toBe(label);
    expect(hopGroupLabel(rec(r))).toBe(group);
  });
});

describe('toHop', () => {
  it('maps ends and hides the page plumbing', () => {
    const h = toHop(rec({ resource: 'pods' }), 7)!;
    expect([h.seq, h.from, h.to, h.label, h.count, h.ids]).toEqual([
      7,
      'user',
      'kube-apiserver',
      'POST pods',
      1,
      ['x:1'],
    ]);
    expect(toHop(rec({ kind: 'watch', from: 'kube-apiserver', to: 'ui', verb: 'ADDED' }), 1)).toBeUndefined();
  });
});

describe('toHop decisions', () => {
  it('draws a decision at the deciding component', () => {
    const h = toHop(rec({ kind: 'decision', from: 'node-1', to: 'kubelet/node-1', verb: 'admit pod' }), 1)!;
    expect([h.from, h.to]).toEqual(['kubelet/node-1', 'kubelet/node-1']);
  });
});
