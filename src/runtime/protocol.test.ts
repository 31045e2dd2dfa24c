import { afterAll, describe, it, expect } from 'vitest';
import { PROTOCOL_VERSION, isControlToWorker, isRpcMessage, isWorkerToControl } from './protocol';

const port = new MessageChannel().port1;
afterAll(() => port.close());
const clock = { clusterAnchor: 1, wallAnchor: 2, rate: 1 };
const spec = { kind: 'etcd', name: 'etcd', seed: 's/etcd', options: {} };

describe('protocol', () => {
  it('is at version 1', () => {
    expect(PROTOCOL_VERSION).toBe(1);
  });
});

describe('isRpcMessage', () => {
  it.each<[string, unknown, boolean]>([
    ['call', { v: 1, t: 'call', id: 1, method: 'range', args: ['/registry/pods/'] }, true],
    ['result', { v: 1, t: 'result', id: 1, value: { kvs: [] } }, true],
    ['result without value', { v: 1, t: 'result', id: 1 }, true],
    ['error', { v: 1, t: 'error', id: 1, error: { name: 'Error', message: 'x' } }, true],
    ['next', { v: 1, t: 'next', id: 1, value: 1 }, true],
    ['end', { v: 1, t: 'end', id: 1 }, true],
    ['cancel', { v: 1, t: 'cancel', id: 1 }, true],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a string', 'call', false],
    ['an array', [1, 'call'], false],
    ['no version', { t: 'call', id: 1, method: 'm', args: [] }, false],
    ['version 0', { v: 0, t: 'call', id: 1, method: 'm', args: [] }, false],
    ['version 2', { v: 2, t: 'call', id: 1, method: 'm', args: [] }, false],
    ['version as string', { v: '1', t: 'call', id: 1, method: 'm', args: [] }, false],
    ['id as string', { v: 1, t: 'result', id: '1', value: 1 }, false],
    ['no id', { v: 1, t: 'cancel' }, false],
    ['unknown type', { v: 1, t: 'ping', id: 1 }, false],
    ['call without method', { v: 1, t: 'call', id: 1, args: [] }, false],
    ['call with args not an array', { v: 1, t: 'call', id: 1, method: 'm', args: 'x' }, false],
    ['error without error', { v: 1, t: 'error', id: 1 }, false],
    ['error as string', { v: 1, t: 'error', id: 1, error: 'boom' }, false],
    ['error without message', { v: 1, t: 'error', id: 1, error: { name: 'Error' } }, false],
    ['error without name', { v: 1, t: 'error', id: 1, error: { message: 'x' } }, false],
  ])('%s', (_, m, want) => {
    expect(isRpcMessage(m)).toBe(want);
  });
});

describe('isControlToWorker', () => {
  it.each<[string, unknown, boolean]>([
    ['init', { v: 1, t: 'init', spec, clock }, true],
    [
      'init of a node',
      { v: 1, t: 'init', spec: { ...spec, kind: 'node', options: { nodes: [] } }, clock },
      true,
    ],
    ['init with an unknown kind', { v: 1, t: 'init', spec: { ...spec, kind: 'kubelet' }, clock }, false],
    [
      'init without a name',
      { v: 1, t: 'init', spec: { kind: 'etcd', seed: 's', options: {} }, clock },
      false,
    ],
    [
      'init without a seed',
      { v: 1, t: 'init', spec: { kind: 'etcd', name: 'etcd', options: {} }, clock },
      false,
    ],
    [
      'init without options',
      { v: 1, t: 'init', spec: { kind: 'etcd', name: 'etcd', seed: 's' }, clock },
      false,
    ],
    ['init with a clock missing anchors', { v: 1, t: 'init', spec, clock: { rate: 1 } }, false],
    ['connect etcd', { v: 1, t: 'connect', peer: 'etcd', port }, true],
    ['connect apiserver', { v: 1, t: 'connect', peer: 'apiserver', port }, true],
    ['connect unknown peer', { v: 1, t: 'connect', peer: 'scheduler', port }, false],
    ['connect without port', { v: 1, t: 'connect', peer: 'etcd' }, false],
    ['accept', { v: 1, t: 'accept', client: 'kube-scheduler', port }, true],
    ['accept without client', { v: 1, t: 'accept', port }, false],
    ['clock', { v: 1, t: 'clock', state: { clusterAnchor: 5, wallAnchor: 6, rate: 0 } }, true],
    [
      'clock with rate as string',
      { v: 1, t: 'clock', state: { clusterAnchor: 5, wallAnchor: 6, rate: '2' } },
      false,
    ],
    ['clock without anchors', { v: 1, t: 'clock', state: { rate: 2 } }, false],
    ['trace on', { v: 1, t: 'trace', filter: { kinds: ['watch'] } }, true],
    ['trace off', { v: 1, t: 'trace', filter: null }, true],
    ['trace without filter', { v: 1, t: 'trace' }, false],
    ['ping', { v: 1, t: 'ping', n: 3 }, true],
    ['ping without n', { v: 1, t: 'ping' }, false],
    ['stop', { v: 1, t: 'stop' }, true],
    ['stop of version 2', { v: 2, t: 'stop' }, false],
    ['a worker message', { v: 1, t: 'ready', name: 'etcd' }, false],
    ['an RPC message', { v: 1, t: 'call', id: 1, method: 'm', args: [] }, false],
    ['null', null, false],
  ])('%s', (_, m, want) => {
    expect(isControlToWorker(m)).toBe(want);
  });
});

describe('isWorkerToControl', () => {
  it.each<[string, unknown, boolean]>([
    ['ready', { v: 1, t: 'ready', name: 'etcd' }, true],
    ['ready without name', { v: 1, t: 'ready' }, false],
    ['pong', { v: 1, t: 'pong', n: 1 }, true],
    ['pong with n as string', { v: 1, t: 'pong', n: '1' }, false],
    ['trace', { v: 1, t: 'trace', records: [] }, true],
    ['trace with records not an array', { v: 1, t: 'trace', records: {} }, false],
    ['fatal', { v: 1, t: 'fatal', name: 'etcd', error: { name: 'Error', message: 'disk' } }, true],
    ['fatal without name', { v: 1, t: 'fatal', error: { name: 'Error', message: 'disk' } }, false],
    ['fatal with a malformed error', { v: 1, t: 'fatal', name: 'etcd', error: {} }, false],
    ['log', { v: 1, t: 'log', name: 'etcd', level: 'warn', message: 'slow' }, true],
    ['log with an unknown level', { v: 1, t: 'log', name: 'etcd', level: 'debug', message: 'slow' }, false],
    ['log without name', { v: 1, t: 'log', level: 'info', message: 'slow' }, false],
    ['log without message', { v: 1, t: 'log', name: 'etcd', level: 'info' }, false],
    ['version 2', { v: 2, t: 'ready', name: 'etcd' }, false],
    ['no version', { t: 'ready', name: 'etcd' }, false],
    ['type not a string', { v: 1, t: 1 }, false],
    ['a control message', { v: 1, t: 'stop' }, false],
    ['a string', 'ready', false],
  ])('%s', (_, m, want) => {
    expect(isWorkerToControl(m)).toBe(want);
  });
});
