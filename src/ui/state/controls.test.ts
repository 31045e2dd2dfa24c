import { describe, it, expect } from 'vitest';
import { nodeObject, parseLabels, parseTaints } from './controls';

describe('cluster controls parsing', () => {
  it.each([
    ['', {}],
    ['disk=ssd', { disk: 'ssd' }],
    ['a=1, b=2,gpu', { a: '1', b: '2', gpu: '' }],
  ])('labels %j', (s, want) => expect(parseLabels(s)).toEqual(want));

  it.each([
    ['', []],
    ['dedicated=gpu:NoSchedule', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]],
    ['maint:NoExecute', [{ key: 'maint', effect: 'NoExecute' }]],
  ])('taints %j', (s, want) => expect(parseTaints(s)).toEqual(want));

  it('rejects a taint without effect', () => {
    expect(() => parseTaints('oops')).toThrow('invalid taint spec: oops');
  });

  it('builds the Node object', () => {
    expect(
      nodeObject({
        name: 'node-3',
        cpu: '4',
        memory: '8Gi',
        pods: '',
        labels: 'disk=ssd',
        taints: 'x:NoSchedule',
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-3',
        labels: {
          'kubernetes.io/hostname': 'node-3',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          disk: 'ssd',
        },
      },
      spec: { taints: [{ key: 'x', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      },
    });
  });
});
