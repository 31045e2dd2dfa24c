import { describe, it, expect } from 'vitest';
import {
  parseQuantity,
  quantityToString,
  canonicalize,
  compare,
  add,
  sub,
  toMilli,
  toMilliBig,
  toValue,
  toNumber,
  fromMilli,
  fromValue,
  sum,
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  type Quantity,
} from './quantity';

const q = (s: string | number): Quantity => parseQuantity(s);

describe('canonical form (Quantity.String())', () => {
  const cases: [string | number, string][] = [
    ['0', '0'],
    ['1', '1'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1.5k', '1500'],
    ['1000k', '1M'],
    ['1000M', '1G'],
    ['1G', '1G'],
    ['1024', '1024'],
    ['1e3', '1e3'],
    ['1E3', '1E3'],
    ['1.5e3', '1500'],
    ['12e6', '12e6'],
    ['1n', '1n'],
    ['0.0000000001', '1n'],
    ['1.0000000001', '1000000001n'],
    ['1Ki', '1Ki'],
    ['8Ki', '8Ki'],
    ['2048Ki', '2Mi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1.1Ki', '1126400m'],
    ['5Gi', '5Gi'],
    ['1Ei', '1Ei'],
    ['8Ei', '9223372036854775807'],
    ['-1', '-1'],
    ['-100m', '-100m'],
    ['-1.5Gi', '-1536Mi'],
    ['+1', '+1'],
    ['.', '0'],
    [0.5, '500m'],
    [2, '2'],
    [1e21, '1e+21'],
  ];
  it.each(cases)('%j → %s', (input, want) => expect(quantityToString(q(input))).toBe(want));
});

describe('parse errors', () => {
  const cases: [string, string][] = [
    ['', ERR_FORMAT_WRONG],
    ['1.2.3', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    [' 1', ERR_FORMAT_WRONG],
    ['1K', ERR_SUFFIX],
    ['1Mii', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
  ];
  it.each(cases)('%j', (s, msg) => expect(() => parseQuantity(s)).toThrow(msg));
  it('has the upstream regex text', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('values', () => {
  const cases: [string, number, number][] = [
    ['100m', 100, 1],
    ['1', 1000, 1],
    ['0.5', 500, 1],
    ['1n', 1, 1],
    ['-100m', -100, -1],
    ['1Gi', 1073741824000, 1073741824],
    ['128Mi', 134217728000, 134217728],
  ];
  it.each(cases)('%s → milli %d, value %d', (s, milli, value) => {
    expect(toMilli(q(s))).toBe(milli);
    expect(toValue(q(s))).toBe(value);
  });
  it('is exact up to Ei', () => {
    expect(toMilliBig(q('1Ei'))).toBe(1152921504606846976000n);
    expect(toMilliBig(q('7Ei'))).toBe(8070450532247928832000n);
  });
  it('toNumber approximates', () => {
    expect(toNumber(q('100m'))).toBe(0.1);
    expect(toNumber(q('1Ki'))).toBe(1024);
    expect(toNumber(q('2k'))).toBe(2000);
  });
});

describe('arithmetic and comparison', () => {
  const cases: [string, string, string, string][] = [
    ['100m', '200m', '300m', '-100m'],
    ['1', '500m', '1500m', '500m'],
    ['1Gi', '512Mi', '1536Mi', '512Mi'],
    ['0', '1Gi', '1Gi', '-1Gi'],
    ['2', '2', '4', '0'],
  ];
  it.each(cases)('%s ± %s', (a, b, plus, minus) => {
    expect(quantityToString(add(q(a), q(b)))).toBe(plus);
    expect(quantityToString(sub(q(a), q(b)))).toBe(minus);
  });
  it('compares', () => {
    expect(compare(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(compare(q('1'), q('999m'))).toBe(1);
    expect(compare(q('100m'), q('0.2'))).toBe(-1);
  });
  it('sums and builds', () => {
    expect(quantityToString(sum([q('100m'), q('250m'), q('1')]))).toBe('1350m');
    expect(quantityToString(fromMilli(1500))).toBe('1500m');
    expect(quantityToString(fromValue(3 * 1024 * 1024, 'BinarySI'))).toBe('3Mi');
    expect(canonicalize('2000m')).toBe('2');
  });
  it('does not mutate operands', () => {
    const a = q('1');
    const b = q('1');
    add(a, b);
    expect(quantityToString(a)).toBe('1');
  });
});
