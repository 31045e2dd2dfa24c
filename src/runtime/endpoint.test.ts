import { afterEach, describe, it, expect, vi } from 'vitest';
import { loopbackPair, loopbackStats, portEndpoint, type Endpoint } from './endpoint';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('loopbackPair', () => {
  it('delivers both ways, in order, asynchronously, without copying', async () => {
    const [a, b] = loopbackPair();
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    a.listen((m) => atA.push(m));
    b.listen((m) => atB.push(m));
    const obj = { n: 1 };
    a.post(obj);
    a.post('two');
    b.post(3);
    expect(atB).toEqual([]);
    expect([a.inFlight, b.inFlight]).toEqual([1, 2]);
    expect(loopbackStats.inFlight).toBe(3);
    await Promise.resolve();
    await Promise.resolve();
    expect(atB).toEqual([obj, 'two']);
    expect(atB[0]).toBe(obj);
    expect(atA).toEqual([3]);
    expect([a.inFlight, b.inFlight, loopbackStats.inFlight]).toEqual([0, 0, 0]);
  });

  it('close on either side stops delivery both ways, including messages already queued', async () => {
    const [a, b] = loopbackPair();
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    a.listen((m) => atA.push(m));
    b.listen((m) => atB.push(m));
    a.post('queued');
    b.close();
    a.post('after');
    b.post('after');
    await tick();
    expect(atA).toEqual([]);
    expect(atB).toEqual([]);
    expect(loopbackStats.inFlight).toBe(0);
  });

  it('listen replaces the receiver; messages before any listener are dropped', async () => {
    const [a, b] = loopbackPair();
    a.post('nobody');
    await tick();
    const first: unknown[] = [];
    const second: unknown[] = [];
    b.listen((m) => first.push(m));
    b.listen((m) => second.push(m));
    a.post('x');
    await tick();
    expect(first).toEqual([]);
    expect(second).toEqual(['x']);
  });
});

describe('portEndpoint', () => {
  const open: Endpoint[] = [];
  afterEach(() => {
    for (const e of open.splice(0)) e.close();
  });
  const pair = (): [Endpoint, Endpoint] => {
    const ch = new MessageChannel();
    const p: [Endpoint, Endpoint] = [portEndpoint(ch.port1), portEndpoint(ch.port2)];
    open.push(...p);
    return p;
  };

  it('delivers structured clones both ways, in order', async () => {
    const [a, b] = pair();
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    a.listen((m) => atA.push(m));
    b.listen((m) => atB.push(m));
    const obj = { n: 1, list: [1, 2], when: new Date(0) };
    a.post(obj);
    a.post('two');
    b.post(3);
    await vi.waitFor(() => expect(atB.length).toBe(2));
    expect(atB).toEqual([obj, 'two']);
    expect(atB[0]).not.toBe(obj);
    await vi.waitFor(() => expect(atA).toEqual([3]));
    expect(a.inFlight).toBe(0);
  });

  it('transfers a MessagePort', async () => {
    const [a, b] = pair();
    let got: unknown;
    b.listen((m) => (got = m));
    const inner = new MessageChannel();
    a.post({ port: inner.port2 }, [inner.port2]);
    await vi.waitFor(() => expect(got).toBeDefined());
    const far = portEndpoint((got as { port: MessagePort }).port);
    const near = portEndpoint(inner.port1);
    open.push(far, near);
    const echoed: unknown[] = [];
    far.listen((m) => echoed.push(m));
    near.post('through the transferred port');
    await vi.waitFor(() => expect(echoed).toEqual(['through the transferred port']));
  });

  it('post after close is a no-op and the closed side stops listening', async () => {
    const [a, b] = pair();
    const atB: unknown[] = [];
    b.listen((m) => atB.push(m));
    a.post('before');
    await vi.waitFor(() => expect(atB).toEqual(['before']));
    a.close();
    expect(() => a.post('after')).not.toThrow();
    await tick();
    expect(atB).toEqual(['before']);
  });
});
