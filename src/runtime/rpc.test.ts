import { afterEach, describe, it, expect, vi } from 'vitest';
import { ApiError, errors } from '../api/errors';
import { EtcdError } from '../control-plane/etcd/types';
import { loopbackPair, portEndpoint, type Endpoint } from './endpoint';
import { PROTOCOL_VERSION } from './protocol';
import { RpcClient, RpcServer, fromWireError, toWireError } from './rpc';

type StreamFn = (...a: unknown[]) => () => void;

/** A test service: unary methods, errors of every kind, and streams whose server side we can drive. */
function makeService() {
  const ticker = {
    emit: undefined as ((v: unknown) => void) | undefined,
    end: undefined as ((v?: unknown) => void) | undefined,
    cancelled: 0,
  };
  const impl = {
    add: (a: number, b: number) => a + b,
    addLater: (a: number, b: number) => Promise.resolve(a + b),
    echo: (x: unknown) => x,
    notFound: () => {
      throw errors.notFound({ group: '', resource: 'pods' }, 'nginx');
    },
    conflictLater: async () => {
      throw errors.staleConflict({ group: 'apps', resource: 'deployments' }, 'web');
    },
    compacted: () =>
      Promise.reject(new EtcdError('compacted', 'mvcc: required revision has been compacted', 42)),
    typeError: () => {
      throw new TypeError('bad input');
    },
    throwString: () => {
      throw 'plain string';
    },
    hang: () => new Promise(() => {}),
    unclonable: () => ({ fn: () => 1 }),
    count: ((n: number, onItem: (v: unknown) => void, onEnd: (v?: unknown) => void) => {
      for (let i = 0; i < n; i++) onItem(i);
      onEnd({ total: n });
      return () => {
        ticker.cancelled += 100;
      };
    }) as StreamFn,
    ticker: ((onItem: (v: unknown) => void, onEnd: (v?: unknown) => void) => {
      ticker.emit = onItem;
      ticker.end = onEnd;
      return () => {
        ticker.cancelled++;
      };
    }) as StreamFn,
    badStream: (() => {
      throw errors.badRequest('no watch for you');
    }) as StreamFn,
    notAFunction: 42,
  };
  return { impl, ticker, streams: new Set(['count', 'ticker', 'badStream', 'notAFunction']) };
}

const opened: Endpoint[] = [];
const transports: Array<[string, () => [Endpoint, Endpoint]]> = [
  ['loopback', loopbackPair],
  [
    'MessageChannel',
    () => {
      const ch = new MessageChannel();
      const pair: [Endpoint, Endpoint] = [portEndpoint(ch.port1), portEndpoint(ch.port2)];
      opened.push(...pair);
      return pair;
    },
  ],
];

afterEach(() => {
  for (const ep of opened.splice(0)) ep.close();
});

function setup(pair: () => [Endpoint, Endpoint]) {
  const [a, b] = pair();
  const svc = makeService();
  const server = new RpcServer(a, svc.impl, svc.streams);
  const client = new RpcClient(b);
  return { ...svc, server, client };
}

/** Rejection reason of a promise (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(transports)('RPC over %s', (_, pair) => {
  it('answers unary calls, sync and async', async () => {
    const { client } = setup(pair);
    expect(await client.call('add', [2, 3])).toBe(5);
    expect(await client.call('addLater', [4, 5])).toBe(9);
    const v = { a: [1, 'x', null, { b: true }], n: 0 };
    expect(await client.call('echo', [v])).toEqual(v);
    expect(client.pending).toBe(0);
  });

  it('answers concurrent calls each with its own result', async () => {
    const { client } = setup(pair);
    const ps = [1, 2, 3, 4].map((i) => client.call(i % 2 ? 'add' : 'addLater', [i, 10]));
    expect(client.pending).toBe(4);
    expect(await Promise.all(ps)).toEqual([11, 12, 13, 14]);
  });

  it('a thrown ApiError arrives as an ApiError with the same Status', async () => {
    const { client } = setup(pair);
    const e = await rejection(client.call('notFound', []));
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toEqual(errors.notFound({ group: '', resource: 'pods' }, 'nginx').status);
    expect(e.message).toBe('pods "nginx" not found');
    expect((e as ApiError).code).toBe(404);

    const c = await rejection(client.call('conflictLater', []));
    expect(c).toBeInstanceOf(ApiError);
    expect((c as ApiError).reason).toBe('Conflict');
    expect(c.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('an EtcdError keeps its code and compactRevision', async () => {
    const { client } = setup(pair);
    const e = await rejection(client.call('compacted', []));
    expect(e).toBeInstanceOf(EtcdError);
    expect((e as EtcdError).code).toBe('compacted');
    expect((e as EtcdError).compactRevision).toBe(42);
    expect(e.message).toBe('mvcc: required revision has been compacted');
  });

  it('other errors keep their name and message', async () => {
    const { client } = setup(pair);
    const e = await rejection(client.call('typeError', []));
    expect([e.constructor, e.name, e.message]).toEqual([Error, 'TypeError', 'bad input']);
    const s = await rejection(client.call('throwString', []));
    expect([s.name, s.message]).toEqual(['Error', 'plain string']);
  });

  it.each(['nope', 'toString', 'constructor', 'hasOwnProperty', '__proto__', 'notAFunction'])(
    'rejects the unknown method %s',
    async (method) => {
      const { client } = setup(pair);
      const e = await rejection(client.call(method, []));
      expect(e.message).toBe(`unknown method ${method}`);
      expect(client.pending).toBe(0);
    },
  );

  it('streams items in order, then the end value', async () => {
    const { client } = setup(pair);
    const items: unknown[] = [];
    const end = await new Promise<[unknown, Error | undefined]>((resolve) => {
      client.stream(
        'count',
        [4],
        (v) => items.push(v),
        (v, err) => resolve([v, err]),
      );
    });
    expect(items).toEqual([0, 1, 2, 3]);
    expect(end).toEqual([{ total: 4 }, undefined]);
    expect(client.pending).toBe(0);
  });

  it('cancel stops a stream on the server side and on the client', async () => {
    const { client, ticker } = setup(pair);
    const items: unknown[] = [];
    let ended = 0;
    const cancel = client.stream(
      'ticker',
      [],
      (v) => items.push(v),
      () => ended++,
    );
    await vi.waitFor(() => expect(ticker.emit).toBeDefined());
    ticker.emit!('a');
    ticker.emit!('b');
    await vi.waitFor(() => expect(items).toEqual(['a', 'b']));
    cancel();
    expect(client.pending).toBe(0);
    await vi.waitFor(() => expect(ticker.cancelled).toBe(1));
    // The producer ignoring the cancel changes nothing for the client.
    ticker.emit!('c');
    ticker.end!('late');
    await client.call('add', [0, 0]); // a round trip: anything posted before it has arrived
    expect(items).toEqual(['a', 'b']);
    expect(ended).toBe(0);
    cancel();
    await client.call('add', [0, 0]);
    expect(ticker.cancelled).toBe(1);
  });

  it('a stream the server ends is not cancelled later', async () => {
    const { client, server, ticker } = setup(pair);
    await new Promise((r) => client.stream('count', [1], () => {}, r));
    server.close();
    expect(ticker.cancelled).toBe(0);
  });

  it('a stream method that throws ends the stream with the error', async () => {
    const { client } = setup(pair);
    const [v, err] = await new Promise<[unknown, Error | undefined]>((resolve) =>
      client.stream(
        'badStream',
        [],
        () => {},
        (v, e) => resolve([v, e]),
      ),
    );
    expect(v).toBeUndefined();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toEqual(errors.badRequest('no watch for you').status);
    const [, err2] = await new Promise<[unknown, Error | undefined]>((resolve) =>
      client.stream(
        'notAFunction',
        [],
        () => {},
        (v, e) => resolve([v, e]),
      ),
    );
    expect(err2?.message).toBe('unknown method notAFunction');
  });

  it('closing the server cancels its open streams', async () => {
    const { client, server, ticker } = setup(pair);
    client.stream(
      'ticker',
      [],
      () => {},
      () => {},
    );
    await vi.waitFor(() => expect(ticker.emit).toBeDefined());
    server.close();
    expect(ticker.cancelled).toBe(1);
  });

  it('fail() rejects pending calls, ends open streams with the error, and refuses new work', async () => {
    const { client, ticker } = setup(pair);
    const call = client.call('hang', []);
    const ends: Array<[unknown, Error | undefined]> = [];
    client.stream(
      'ticker',
      [],
      () => {},
      (v, e) => ends.push([v, e]),
    );
    await vi.waitFor(() => expect(ticker.emit).toBeDefined());
    expect(client.pending).toBe(2);
    const err = new Error('connection to etcd was replaced');
    client.fail(err);
    expect(await rejection(call)).toBe(err);
    expect(ends).toEqual([[undefined, err]]);
    expect(client.pending).toBe(0);
    expect(await rejection(client.call('add', [1, 2]))).toBe(err);
    const late = await new Promise<[unknown, Error | undefined]>((resolve) => {
      const cancel = client.stream(
        'count',
        [3],
        () => {},
        (v, e) => resolve([v, e]),
      );
      cancel();
    });
    expect(late).toEqual([undefined, err]);
  });
});

describe('RPC over a MessageChannel only', () => {
  it('a result that cannot be cloned becomes an error instead of a call that never returns', async () => {
    const { client } = setup(transports[1][1]);
    const e = await rejection(client.call('unclonable', []));
    expect(e.name).toBe('DataCloneError');
    expect(client.pending).toBe(0);
  });

  it('arguments that cannot be cloned reject the call and leave nothing pending', async () => {
    const { client } = setup(transports[1][1]);
    const e = await rejection(client.call('echo', [() => 1]));
    expect(e.name).toBe('DataCloneError');
    expect(client.pending).toBe(0);
    expect(() =>
      client.stream(
        'count',
        [() => 1],
        () => {},
        () => {},
      ),
    ).toThrow();
    expect(client.pending).toBe(0);
  });
});

describe('malformed messages', () => {
  it('the server ignores messages that are not RPC calls of this protocol version', async () => {
    const [a, b] = loopbackPair();
    new RpcServer(a, makeService().impl, new Set());
    const got: unknown[] = [];
    b.listen((m) => got.push(m));
    for (const m of [
      null,
      'call',
      42,
      { v: 2, t: 'call', id: 1, method: 'add', args: [1, 2] },
      { t: 'call', id: 2, method: 'add', args: [1, 2] },
      { v: 1, t: 'call', id: '3', method: 'add', args: [1, 2] },
      { v: 1, t: 'call', id: 4, method: 7, args: [1, 2] },
      { v: 1, t: 'call', id: 5, method: 'add', args: { 0: 1 } },
      { v: 1, t: 'result', id: 6, value: 1 },
      { v: 1, t: 'bogus', id: 7 },
      { v: PROTOCOL_VERSION, t: 'call', id: 8, method: 'add', args: [1, 2] },
    ])
      b.post(m);
    await vi.waitFor(() => expect(got.length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([{ v: 1, t: 'result', id: 8, value: 3 }]);
  });

  it('the client ignores malformed answers and answers to unknown ids', async () => {
    const [a, b] = loopbackPair();
    const client = new RpcClient(b);
    a.listen(() => {
      for (const m of [
        { v: 2, t: 'result', id: 1, value: 'wrong version' },
        { v: 1, t: 'result', id: '1', value: 'string id' },
        { v: 1, t: 'error', id: 1, error: { name: 'Error' } },
        { v: 1, t: 'error', id: 1, error: 'boom' },
        { v: 1, t: 'error', id: 1, error: { message: 'no name' } },
        { v: 1, t: 'result', id: 99, value: 'unknown id' },
        { v: 1, t: 'result', id: 1, value: 'right' },
        { v: 1, t: 'result', id: 1, value: 'duplicate' },
      ])
        a.post(m);
    });
    expect(await client.call('anything', [])).toBe('right');
    expect(client.pending).toBe(0);
  });
});

describe('wire errors', () => {
  it.each<[string, unknown, object, unknown]>([
    [
      'ApiError',
      errors.notFound({ group: 'apps', resource: 'deployments' }, 'web'),
      {
        name: 'ApiError',
        message: 'deployments.apps "web" not found',
        status: errors.notFound({ group: 'apps', resource: 'deployments' }, 'web').status,
      },
      ApiError,
    ],
    [
      'EtcdError',
      new EtcdError('future-revision', 'mvcc: required revision is a future revision'),
      {
        name: 'EtcdError',
        message: 'mvcc: required revision is a future revision',
        code: 'future-revision',
        compactRevision: undefined,
      },
      EtcdError,
    ],
    ['RangeError', new RangeError('r'), { name: 'RangeError', message: 'r' }, Error],
    ['a number', 7, { name: 'Error', message: '7' }, Error],
  ])('%s round-trips through toWireError/fromWireError', (_, e, wire, ctor) => {
    expect(toWireError(e)).toEqual(wire);
    const back = fromWireError(toWireError(e));
    expect(back.constructor).toBe(ctor);
    expect(toWireError(back)).toEqual(wire);
  });
});
