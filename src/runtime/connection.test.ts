import { describe, it, expect } from 'vitest';
import { ConnectionSlot } from './connection';
import { loopbackPair } from './endpoint';
import { RpcServer, type RpcClient } from './rpc';

/** A served endpoint: `add` answers, `hang` never does, `watch` streams until cancelled. */
function served() {
  const [a, b] = loopbackPair();
  new RpcServer(
    a,
    {
      add: (x: number, y: number) => x + y,
      hang: () => new Promise(() => {}),
      watch: () => () => {},
    },
    new Set(['watch']),
  );
  return b;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('ConnectionSlot', () => {
  it('now() throws before the first connection', () => {
    const slot = new ConnectionSlot('etcd');
    expect(() => slot.now()).toThrow(new Error('not connected to etcd'));
  });

  it('get() waits for set(), then resolves at once', async () => {
    const slot = new ConnectionSlot('etcd');
    let got: RpcClient | undefined;
    const waiting = [slot.get(), slot.get()];
    void waiting[0].then((c) => (got = c));
    await Promise.resolve();
    expect(got).toBeUndefined();
    slot.set(served());
    const [c1, c2] = await Promise.all(waiting);
    expect(c1).toBe(c2);
    expect(c1).toBe(slot.now());
    expect(await slot.get()).toBe(c1);
    expect(await c1.call('add', [1, 2])).toBe(3);
  });

  it('set() replaces the connection and fails what was pending on the old one', async () => {
    const slot = new ConnectionSlot('kube-apiserver');
    slot.set(served());
    const old = slot.now();
    const call = old.call('hang', []);
    const ends: Array<[unknown, Error | undefined]> = [];
    old.stream(
      'watch',
      [],
      () => {},
      (v, e) => ends.push([v, e]),
    );
    slot.set(served());
    const fresh = slot.now();
    expect(fresh).not.toBe(old);
    const err = await rejection(call);
    expect(err.message).toBe('connection to kube-apiserver was replaced');
    expect(ends).toEqual([[undefined, err]]);
    expect((await rejection(old.call('add', [1, 1]))).message).toBe(
      'connection to kube-apiserver was replaced',
    );
    expect(await fresh.call('add', [2, 2])).toBe(4);
    expect(await slot.get()).toBe(fresh);
  });

  it('drop() fails the connection with the reason and makes get() wait for the next one', async () => {
    const slot = new ConnectionSlot('etcd');
    slot.set(served());
    const old = slot.now();
    const call = old.call('hang', []);
    slot.drop('etcd worker crashed');
    expect((await rejection(call)).message).toBe('etcd worker crashed');
    expect(() => slot.now()).toThrow('not connected to etcd');
    const next = slot.get();
    let resolved = false;
    void next.then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    slot.set(served());
    const c = await next;
    expect(c).not.toBe(old);
    expect(await c.call('add', [5, 5])).toBe(10);
  });

  it('drop() with no connection is harmless', async () => {
    const slot = new ConnectionSlot('etcd');
    slot.drop('nothing there');
    slot.set(served());
    expect(await slot.now().call('add', [0, 1])).toBe(1);
  });
});
