import { describe, it, expect } from 'vitest';
import type { Pod, ContainerStatus } from 'kubernetes-types/core/v1';
import { podPrinter } from './pod';
import type { KubeObject } from '../types';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const MIN = 60_000;

/** A pod named `p`, created 10 minutes ago, with container `c` (image nginx) on node-1. */
function pod(
  over: { spec?: Partial<Pod['spec']>; status?: Pod['status']; meta?: Partial<Pod['metadata']> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(10 * MIN), ...over.meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1', ...over.spec },
    status: over.status ?? { phase: 'Pending' },
  } as unknown as KubeObject;
}

const running = (name = 'c', ready = true, restartCount = 0): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready,
  restartCount,
  state: { running: { startedAt: ago(MIN) } },
});
const waiting = (reason: string, restartCount = 0, lastFinished?: string): ContainerStatus => ({
  name: 'c',
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount,
  state: { waiting: { reason } },
  ...(lastFinished
    ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: lastFinished } } }
    : {}),
});
const terminated = (
  reason: string | undefined,
  exitCode: number,
  signal?: number,
  name = 'c',
): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});

const cells = (o: KubeObject) => podPrinter.row(o, NOW).cells;
const head = (o: KubeObject) => cells(o).slice(0, 5);

describe('printPod READY / STATUS / RESTARTS / AGE', () => {
  it.each<[string, KubeObject, (string | number)[]]>([
    ['pending, not scheduled', pod({ spec: { nodeName: undefined } }), ['p', '0/1', 'Pending', '0', '10m']],
    [
      'ContainerCreating',
      pod({ status: { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] } }),
      ['p', '0/1', 'ContainerCreating', '0', '10m'],
    ],
    [
      'Running and ready',
      pod({ status: { phase: 'Running', containerStatuses: [running()] } }),
      ['p', '1/1', 'Running', '0', '10m'],
    ],
    [
      'Running, not ready',
      pod({ status: { phase: 'Running', containerStatuses: [running('c', false)] } }),
      ['p', '0/1', 'Running', '0', '10m'],
    ],
    [
      'CrashLoopBackOff with 3 restarts, last 2m ago',
      pod({
        status: { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 3, ago(2 * MIN))] },
      }),
      ['p', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '10m'],
    ],
    [
      'restarts without a last termination time print the bare count',
      pod({ status: { phase: 'Running', containerStatuses: [running('c', true, 2)] } }),
      ['p', '1/1', 'Running', '2', '10m'],
    ],
    [
      'ImagePullBackOff',
      pod({ status: { phase: 'Pending', containerStatuses: [waiting('ImagePullBackOff')] } }),
      ['p', '0/1', 'ImagePullBackOff', '0', '10m'],
    ],
    [
      'Completed',
      pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] } }),
      ['p', '0/1', 'Completed', '0', '10m'],
    ],
    [
      'Error',
      pod({ status: { phase: 'Failed', containerStatuses: [terminated('Error', 1)] } }),
      ['p', '0/1', 'Error', '0', '10m'],
    ],
    [
      'OOMKilled',
      pod({ status: { phase: 'Running', containerStatuses: [terminated('OOMKilled', 137)] } }),
      ['p', '0/1', 'OOMKilled', '0', '10m'],
    ],
    [
      'terminated without reason, by signal',
      pod({ status: { phase: 'Running', containerStatuses: [terminated(undefined, 0, 9)] } }),
      ['p', '0/1', 'Signal:9', '0', '10m'],
    ],
    [
      'terminated without reason, by exit code',
      pod({ status: { phase: 'Running', containerStatuses: [terminated(undefined, 2)] } }),
      ['p', '0/1', 'ExitCode:2', '0', '10m'],
    ],
    [
      'Completed with a container still running and pod Ready shows Running',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [running('a'), terminated('Completed', 0, undefined, 'b')],
        },
      }),
      ['p', '1/2', 'Running', '0', '10m'],
    ],
    [
      'Completed with a container still running and pod not Ready shows NotReady',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [running('a'), terminated('Completed', 0, undefined, 'b')],
        },
      }),
      ['p', '1/2', 'NotReady', '0', '10m'],
    ],
    [
      'Evicted (status.reason overrides the phase)',
      pod({
        status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
      }),
      ['p', '0/1', 'Evicted', '0', '10m'],
    ],
    [
      'Terminating',
      pod({
        meta: { deletionTimestamp: ago(0) },
        status: { phase: 'Running', containerStatuses: [running()] },
      }),
      ['p', '1/1', 'Terminating', '0', '10m'],
    ],
    [
      'a finished pod being deleted keeps its status',
      pod({
        meta: { deletionTimestamp: ago(0) },
        status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] },
      }),
      ['p', '0/1', 'Completed', '0', '10m'],
    ],
    [
      'NodeLost while deleting shows Unknown',
      pod({
        meta: { deletionTimestamp: ago(0) },
        status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running()] },
      }),
      ['p', '1/1', 'Unknown', '0', '10m'],
    ],
    [
      'SchedulingGated',
      pod({
        spec: { nodeName: undefined, schedulingGates: [{ name: 'g' }] },
        status: {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        },
      }),
      ['p', '0/1', 'SchedulingGated', '0', '10m'],
    ],
    [
      'no creationTimestamp',
      pod({ meta: { creationTimestamp: undefined } }),
      ['p', '0/1', 'Pending', '0', '<unknown>'],
    ],
  ])('%s', (_name, o, want) => {
    expect(head(o)).toEqual(want);
  });
});

describe('printPod init containers', () => {
  const withInit = (initStatuses: ContainerStatus[], extra: Partial<Pod['status']> = {}) =>
    pod({
      spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: initStatuses,
        containerStatuses: [waiting('PodInitializing')],
        ...extra,
      },
    });
  const initRunning = (name: string): ContainerStatus => ({ ...running(name, false), name });
  const initDone = (name: string): ContainerStatus => ({ ...terminated('Completed', 0, undefined, name) });
  const initWaiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({
    ...waiting(reason, restartCount),
    name,
  });

  it.each<[string, KubeObject, string, string]>([
    [
      'first init container running',
      withInit([initRunning('i1'), initWaiting('i2', 'PodInitializing')]),
      'Init:0/2',
      '0',
    ],
    ['second init container running', withInit([initDone('i1'), initRunning('i2')]), 'Init:1/2', '0'],
    [
      'init container crash looping',
      withInit([initWaiting('i1', 'CrashLoopBackOff', 4), initWaiting('i2', 'PodInitializing')]),
      'Init:CrashLoopBackOff',
      '4',
    ],
    [
      'init container failed with reason',
      withInit([terminated('Error', 1, undefined, 'i1')]),
      'Init:Error',
      '0',
    ],
    [
      'init container failed, exit code only',
      withInit([terminated(undefined, 3, undefined, 'i1')]),
      'Init:ExitCode:3',
      '0',
    ],
    [
      'init container killed by signal',
      withInit([terminated(undefined, 137, 9, 'i1')]),
      'Init:Signal:9',
      '0',
    ],
    ['init done, main container waiting', withInit([initDone('i1'), initDone('i2')]), 'PodInitializing', '0'],
  ])('%s', (_n, o, status, restarts) => {
    const c = cells(o);
    expect([c[2], c[3]]).toEqual([status, restarts]);
  });

  it('counts a started sidecar (restartPolicy Always) in READY and its restarts in RESTARTS', () => {
    const o = pod({
      spec: { initContainers: [{ name: 'side', restartPolicy: 'Always' }] },
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        initContainerStatuses: [
          {
            ...running('side', true, 1),
            started: true,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MIN) } },
          },
        ],
        containerStatuses: [running('c', true, 0)],
      },
    });
    expect(head(o)).toEqual(['p', '2/2', 'Running', '1 (5m ago)', '10m']);
  });

  it('a sidecar not started yet blocks initialization', () => {
    const o = pod({
      spec: { initContainers: [{ name: 'side', restartPolicy: 'Always' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ ...running('side', false), started: false }],
        containerStatuses: [waiting('PodInitializing')],
      },
    });
    expect(head(o)).toEqual(['p', '0/2', 'Init:0/1', '0', '10m']);
  });
});

describe('printPod wide cells and row conditions', () => {
  it.each<[string, KubeObject, string[]]>([
    ['nothing assigned', pod({ spec: { nodeName: undefined } }), ['<none>', '<none>', '<none>', '<none>']],
    [
      'IP from podIPs, nominated node, readiness gates',
      pod({
        spec: { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/db' }] },
        status: {
          phase: 'Running',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }],
          nominatedNodeName: 'node-2',
          conditions: [
            { type: 'example.com/lb', status: 'True' },
            { type: 'example.com/db', status: 'False' },
          ],
        },
      }),
      ['10.244.1.5', 'node-1', 'node-2', '1/2'],
    ],
    [
      'IP from podIP alone',
      pod({ status: { phase: 'Running', podIP: '10.244.0.9' } }),
      ['10.244.0.9', 'node-1', '<none>', '<none>'],
    ],
  ])('%s', (_n, o, want) => {
    expect(cells(o).slice(5)).toEqual(want);
  });

  it.each<[string, Pod['status'], unknown]>([
    [
      'Succeeded',
      { phase: 'Succeeded' },
      [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ],
    ],
    [
      'Failed',
      { phase: 'Failed' },
      [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
    ],
    ['Running', { phase: 'Running' }, undefined],
  ])('row conditions for %s', (_n, status, want) => {
    expect(podPrinter.row(pod({ status }), NOW).conditions).toEqual(want);
  });
});
