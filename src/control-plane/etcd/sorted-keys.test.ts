import { describe, expect, it } from 'vitest';
import { SortedKeys } from './sorted-keys';

describe('SortedKeys', () => {
  it('keeps keys sorted under scrambled inserts and deletes (against a plain sorted array)', () => {
    const s = new SortedKeys();
    const ref = new Set<string>();
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 5000;
    for (let step = 0; step < 20_000; step++) {
      const k = `/k/${rnd()}`;
      if (step % 3 === 2) expect(s.delete(k)).toBe(ref.delete(k));
      else expect(s.add(k)).toBe(!ref.has(k) && !!ref.add(k));
    }
    expect(s.size).toBe(ref.size);
    expect(s.withPrefix('')).toEqual([...ref].sort());
  });

  it.each([
    ['a prefix', '/b/', ['/b/1', '/b/2']],
    ['an absent prefix', '/c/', []],
    ['everything', '', ['/a', '/b/1', '/b/2', '/ba']],
  ])('lists %s', (_n, prefix, want) => {
    const s = new SortedKeys();
    for (const k of ['/ba', '/b/2', '/a', '/b/1']) s.add(k);
    expect(s.withPrefix(prefix)).toEqual(want);
  });

  it('inserts 100k keys in scrambled order quickly', () => {
    const s = new SortedKeys();
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++)
      s.add(`/registry/pods/ns${i % 10}/p${String((i * 7919) % 100_000).padStart(6, '0')}`);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(s.size).toBe(100_000);
    expect(s.withPrefix('/registry/pods/ns3/').length).toBe(10_000);
  });
});
