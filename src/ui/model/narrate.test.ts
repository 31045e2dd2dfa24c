import { describe, it, expect } from 'vitest';
import type { TraceRecord } from '../../runtime/trace';
import { narrate, narrateRecord, who } from './narrate';
import { toHop } from './hops';
import { translator } from '../../i18n/i18n';
import { zhCN } from '../../i18n/zh-CN';

const rec = (r: Partial<TraceRecord>): TraceRecord => ({
  id: 'a:1',
  from: 'kubectl',
  to: 'kube-apiserver',
  kind: 'request',
  verb: 'POST',
  time: 0,
  ...r,
});

describe('who', () => {
  it.each([
    ['kube-scheduler', 'the scheduler'],
    ['kubelet/node-1', 'the kubelet on node-1'],
    ['containerd/node-2', 'the container runtime on node-2'],
    ['kubectl', 'you (kubectl)'],
    ['client', 'you'],
  ])('%s', (e, s) => expect(who(e)).toBe(s));
});

describe('narrateRecord', () => {
  it.each<[Partial<TraceRecord>, string]>([
    [
      {
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        detail: { path: '/api/v1/namespaces/default/pods' },
      },
      'You (kubectl) asked the API server to create pod default/nginx (POST /api/v1/namespaces/default/pods).',
    ],
    [
      {
        kind: 'etcd',
        from: 'kube-apiserver',
        to: 'etcd',
        verb: 'txn put',
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        revision: 42,
        detail: { key: '/registry/pods/default/nginx' },
      },
      "The API server wrote pod default/nginx to etcd under the key /registry/pods/default/nginx; etcd's revision is now 42.",
    ],
    [
      {
        kind: 'watch',
        from: 'kube-apiserver',
        to: 'kube-scheduler',
        verb: 'ADDED',
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        revision: 42,
      },
      'Through its watch, the API server told the scheduler that pod default/nginx was added (resourceVersion 42).',
    ],
    [
      { kind: 'runtime', from: 'kubelet/node-1', to: 'containerd/node-1', verb: 'pull', name: 'nginx:1.27' },
      'The kubelet on node-1 asked the container runtime to pull the image nginx:1.27.',
    ],
    [
      { kind: 'response', from: 'kube-apiserver', to: 'kubectl', verb: '201' },
      'The API server answered you (kubectl) with HTTP 201.',
    ],
  ])('%#', (r, s) => expect(narrateRecord(rec(r))).toBe(s));

  it('tells the scheduler story with the filter reasons', () => {
    const s = narrateRecord(
      rec({
        kind: 'decision',
        from: 'kube-scheduler',
        to: 'kube-scheduler',
        verb: 'scheduled',
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        detail: {
          filter: {
            'control-plane': {
              TaintToleration: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
            },
            'node-1': { TaintToleration: 'passed' },
          },
          finalScore: { 'node-1': { TaintToleration: 300 } },
          total: { 'node-1': 300 },
          selected: 'node-1',
        },
      }),
    );
    expect(s).toBe(
      'The scheduler saw pod default/nginx with no node. It filtered 2 nodes: control-plane failed TaintToleration (node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }); node-1 passed. It scored the 1 feasible node and picked node-1 (total 300); next it asks the API server to bind the pod there.',
    );
  });

  it('says how many records an aggregated hop stands for', () => {
    const h = toHop(
      rec({
        kind: 'watch',
        from: 'kube-apiserver',
        to: 'kube-scheduler',
        verb: 'MODIFIED',
        resource: 'pods',
      }),
      1,
    )!;
    h.count = 5;
    expect(narrate(h)).toMatch(
      /^5 similar hops came faster than they can be drawn, shown as one \(“watch MODIFIED pods” from the API server to the scheduler\)\./,
    );
  });
});

describe('narration in Chinese', () => {
  const zh = translator(zhCN);
  it.each<[Partial<TraceRecord>, string]>([
    [
      {
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        detail: { path: '/api/v1/namespaces/default/pods' },
      },
      '你（kubectl）请求 API 服务器创建 pod default/nginx (POST /api/v1/namespaces/default/pods)。',
    ],
    [
      { kind: 'runtime', from: 'kubelet/node-1', to: 'containerd/node-1', verb: 'start', name: 'nginx' },
      'node-1 上的容器运行时启动了容器 nginx。',
    ],
    [
      {
        kind: 'watch',
        from: 'kube-apiserver',
        to: 'kube-scheduler',
        verb: 'ADDED',
        resource: 'pods',
        namespace: 'default',
        name: 'nginx',
        revision: 42,
      },
      'API 服务器通过 watch 告诉调度器：pod default/nginx 被添加了（resourceVersion 42）。',
    ],
  ])('%#', (r, s) => expect(narrateRecord(rec(r), zh)).toBe(s));

  it('names the components', () => {
    expect(who('kubelet/node-2', zh)).toBe('node-2 上的 kubelet');
    expect(who('kube-controller-manager', zh)).toBe('控制器管理器');
  });
});
