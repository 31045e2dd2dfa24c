import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/clock';
import { RateLimitingQueue } from './workqueue';
import { enqueueHandler, keyFunc, runWorkers, splitKey } from './controller-base';
import { advance, flush } from './testing/clock-helpers';

describe('keys', () => {
  it.each([
    [{ metadata: { namespace: 'default', name: 'web' } }, 'default/web'],
    [{ metadata: { name: 'node-1' } }, 'node-1'],
    [{ kind: 'DeletedFinalStateUnknown' as const, key: 'ns/gone', obj: { metadata: {} } }, 'ns/gone'],
  ])('keyFunc(%j) = %s', (obj, want) => {
    expect(keyFunc(obj)).toBe(want);
  });

  it.each([
    ['default/web', ['default', 'web']],
    ['node-1', ['', 'node-1']],
  ])('splitKey(%s)', (key, want) => {
    expect(splitKey(key)).toEqual(want);
  });

  it('rejects a key with too many parts', () => {
    expect(() => splitKey('a/b/c')).toThrow('unexpected key format: "a/b/c"');
  });
});

describe('runWorkers', () => {
  it('forgets on success, requeues with back-off on error, and stops at shutdown', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue<string>(clock);
    const calls: string[] = [];
    let failures = 2;
    const t0 = clock.now();
    const done = runWorkers(
      q,
      async (key) => {
        calls.push(`${clock.now() - t0} ${key}`);
        if (key === 'ns/bad' && failures-- > 0) throw new Error('boom');
      },
      { workers: 2 },
    );
    const h = enqueueHandler<{ metadata: { namespace: string; name: string } }>(q);
    h.onAdd!({ metadata: { namespace: 'ns', name: 'ok' } }, undefined, false);
    h.onUpdate!(
      { metadata: { namespace: 'ns', name: 'bad' } },
      { metadata: { namespace: 'ns', name: 'bad' } },
      undefined,
    );
    await flush();
    await advance(clock, 100);
    expect(calls).toEqual(['0 ns/ok', '0 ns/bad', '5 ns/bad', '15 ns/bad']);
    expect(q.numRequeues('ns/bad')).toBe(0);
    q.shutDown();
    await done;
  });

  it('drops a key after maxRetries', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue<string>(clock);
    const errs: string[] = [];
    const done = runWorkers(q, () => Promise.reject(new Error('nope')), {
      maxRetries: 2,
      onError: (k, _e, retry) => errs.push(`${k} ${retry}`),
    });
    q.add('k');
    await advance(clock, 1000);
    expect(errs).toEqual(['k true', 'k true', 'k false']);
    expect(q.len()).toBe(0);
    q.shutDown();
    await done;
  });
});
