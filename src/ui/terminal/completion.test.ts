import { describe, it, expect } from 'vitest';
import type { Command } from '../../kubectl/framework/command';
import type { ApiResource } from '../../kubectl/framework/client';
import { GLOBAL_FLAGS } from '../../kubectl/framework/global-flags';
import { applyCompletion, commonPrefix, complete, formatColumns, type CompletionSources } from './completion';

const res = (
  name: string,
  kind: string,
  group = '',
  short: string[] = [],
  namespaced = true,
): ApiResource => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced,
  kind,
  verbs: ['get', 'list'],
  shortNames: short,
  categories: [],
  group,
  version: 'v1',
});
const TYPES = [
  res('pods', 'Pod', '', ['po']),
  res('services', 'Service', '', ['svc']),
  res('deployments', 'Deployment', 'apps', ['deploy']),
  res('daemonsets', 'DaemonSet', 'apps', ['ds']),
  res('namespaces', 'Namespace', '', ['ns'], false),
  res('nodes', 'Node', '', ['no'], false),
];
const NAMES: Record<string, string[]> = {
  'pods/default': ['nginx', 'nginx-2', 'web-1'],
  'pods/kube-system': ['etcd-control-plane'],
  'deployments/default': ['web'],
  'namespaces/': ['default', 'kube-system', 'kube-public'],
  'nodes/': ['control-plane', 'node-1', 'node-2'],
};
const cmd = (name: string, extra: Partial<Command> = {}): Command => ({
  name,
  short: name,
  usage: name,
  run: async () => 0,
  ...extra,
});
const COMMANDS = new Map<string, Command>(
  [
    cmd('get', {
      flags: [
        { name: 'output', short: 'o', type: 'string', usage: '' },
        { name: 'watch', short: 'w', type: 'bool', usage: '' },
      ],
    }),
    cmd('describe'),
    cmd('delete'),
    cmd('logs', { flags: [{ name: 'follow', short: 'f', type: 'bool', usage: '' }] }),
    cmd('explain'),
    cmd('cluster-info', { subcommands: [cmd('dump')] }),
    cmd('rollout', { run: undefined, subcommands: [cmd('status'), cmd('restart')] }),
    cmd('secret-thing', { hidden: true }),
  ].map((c) => [c.name, c]),
);
const src: CompletionSources = {
  commands: COMMANDS,
  globalFlags: GLOBAL_FLAGS,
  builtins: ['clear', 'help', 'history'],
  resourceTypes: async () => TYPES,
  names: async (r, ns) => NAMES[`${r.name}/${r.namespaced ? ns : ''}`] ?? [],
  defaultNamespace: 'default',
};

describe('complete', () => {
  const cases: Array<[string, string[]]> = [
    ['', ['clear', 'help', 'history', 'kubectl']],
    ['ku', ['kubectl']],
    ['h', ['help', 'history']],
    ['kubectl ', ['cluster-info', 'delete', 'describe', 'explain', 'get', 'logs', 'rollout']],
    ['kubectl de', ['delete', 'describe']],
    ['kubectl get ', ['daemonsets', 'deployments', 'namespaces', 'nodes', 'pods', 'services']],
    ['kubectl get d', ['daemonsets', 'deployments']],
    ['kubectl get svc', ['svc']],
    ['kubectl get pods ', ['nginx', 'nginx-2', 'web-1']],
    ['kubectl get pods nginx ', ['nginx-2', 'web-1']],
    ['kubectl get po ng', ['nginx', 'nginx-2']],
    ['kubectl get pods -n kube-system ', ['etcd-control-plane']],
    ['kubectl -n kube-system get pods ', ['etcd-control-plane']],
    ['kubectl get pods --namespace=kube-system ', ['etcd-control-plane']],
    ['kubectl get pods -nkube-system ', ['etcd-control-plane']],
    ['kubectl get deploy/', ['deploy/web']],
    ['kubectl get nodes n', ['node-1', 'node-2']],
    ['kubectl get pods -n ', ['default', 'kube-public', 'kube-system']],
    ['kubectl get pods -n kube-s', ['kube-system']],
    ['kubectl get pods --namespace=kube-', ['--namespace=kube-public', '--namespace=kube-system']],
    [
      'kubectl get pods -o ',
      [
        'custom-columns-file=',
        'custom-columns=',
        'go-template-file=',
        'go-template=',
        'json',
        'jsonpath-as-json=',
        'jsonpath-file=',
        'jsonpath=',
        'name',
        'template=',
        'templatefile=',
        'wide',
        'yaml',
      ],
    ],
    ['kubectl get pods -o j', ['json', 'jsonpath-as-json=', 'jsonpath-file=', 'jsonpath=']],
    [
      'kubectl get -wo ',
      [
        'custom-columns-file=',
        'custom-columns=',
        'go-template-file=',
        'go-template=',
        'json',
        'jsonpath-as-json=',
        'jsonpath-file=',
        'jsonpath=',
        'name',
        'template=',
        'templatefile=',
        'wide',
        'yaml',
      ],
    ],
    ['kubectl get pods --w', ['--warnings-as-errors', '--watch']],
    ['kubectl get pods -w ', ['nginx', 'nginx-2', 'web-1']],
    ['kubectl logs ', ['nginx', 'nginx-2', 'web-1']],
    ['kubectl logs -f w', ['web-1']],
    ['kubectl logs nginx ', []],
    ['kubectl explain dep', ['deployments']],
    ['kubectl explain pods ', []],
    ['kubectl cluster-info ', ['dump']],
    ['kubectl rollout ', ['restart', 'status']],
    ['kubectl rollout status ', ['daemonsets', 'deployments', 'namespaces', 'nodes', 'pods', 'services']],
    ['kubectl nosuch ', []],
    ['ls ', []],
    ['kubectl get pods,svc ', []],
  ];
  for (const [line, want] of cases) {
    it(JSON.stringify(line), async () => {
      const c = await complete(line, line.length, src);
      expect(c.candidates).toEqual(want);
    });
  }

  it('completes the word at the cursor, not at the end of the line', async () => {
    const line = 'kubectl get po -o yaml';
    const c = await complete(line, 'kubectl get po'.length, src);
    expect(c).toEqual({ from: 12, to: 14, candidates: ['pods'] });
  });
});

describe('applyCompletion', () => {
  const cases: Array<[string, string[], { text: string; cursor: number; list: string[] }]> = [
    ['kubectl get dep', ['deployments'], { text: 'kubectl get deployments ', cursor: 24, list: [] }],
    ['kubectl get deploy/', ['deploy/web'], { text: 'kubectl get deploy/web ', cursor: 23, list: [] }],
    ['kubectl get deploy', ['deploy/'], { text: 'kubectl get deploy/', cursor: 19, list: [] }],
    [
      'kubectl get pods -o j',
      ['json', 'jsonpath='],
      { text: 'kubectl get pods -o json', cursor: 24, list: [] },
    ],
    [
      'kubectl get pods -o json',
      ['json', 'jsonpath='],
      { text: 'kubectl get pods -o json', cursor: 24, list: ['json', 'jsonpath='] },
    ],
    ['kubectl get pods ', [], { text: 'kubectl get pods ', cursor: 17, list: [] }],
    ['kubectl get x', ['a b'], { text: 'kubectl get a\\ b ', cursor: 17, list: [] }],
  ];
  for (const [line, candidates, want] of cases) {
    it(JSON.stringify([line, candidates]), () => {
      const from = line.lastIndexOf(' ') + 1;
      expect(applyCompletion(line, { from, to: line.length, candidates })).toEqual(want);
    });
  }

  it('moves past an existing space after a completed word in mid-line', () => {
    const line = 'kubectl get po -o yaml';
    expect(applyCompletion(line, { from: 12, to: 14, candidates: ['pods'] })).toEqual({
      text: 'kubectl get pods -o yaml',
      cursor: 17,
      list: [],
    });
  });
});

describe('helpers', () => {
  it('commonPrefix', () => {
    expect(commonPrefix(['deployments', 'deploy', 'daemonsets'])).toBe('d');
    expect(commonPrefix(['json', 'jsonpath='])).toBe('json');
    expect(commonPrefix([])).toBe('');
  });
  it('formatColumns lays out column-major', () => {
    expect(formatColumns(['a', 'bb', 'ccc', 'd', 'e'], 12)).toBe('a    d\r\nbb   e\r\nccc\r\n');
    expect(formatColumns([], 80)).toBe('');
  });
});
