import { describe, expect, it } from 'vitest';
import { goFloatG, goYamlKeyLess, goYamlMarshal, jsonRoundTrip, resolvesToNonString } from './go-yaml';

const L =
  'the quick brown fox jumps over the lazy dog and keeps running through the forest until nightfall comes';

// Expected texts were printed by kubectl v1.33 (`create configmap --from-file … --dry-run=client -o yaml`).
describe('goYamlMarshal: scalars as go-yaml v2 writes them under a two-space key', () => {
  it.each([
    ['a', 'k: a\n'],
    ['true', 'k: "true"\n'],
    ['0x1F', 'k: "0x1F"\n'],
    ['1:20', 'k: "1:20"\n'],
    ['2024-02-29', 'k: "2024-02-29"\n'],
    ['2024-02-30', 'k: 2024-02-30\n'],
    ['', 'k: ""\n'],
    ['<<', 'k: <<\n'],
    ['é😀', 'k: "é\\U0001F600"\n'],
    ['a\n\n', 'k: |+\n  a\n\n'],
    [' lead\nx', 'k: |2-\n   lead\n  x\n'],
    ['x\n\ty\n', 'k: "x\\n\\ty\\n"\n'],
    [
      `${L} ${L}`,
      'k: the quick brown fox jumps over the lazy dog and keeps running through the forest\n  until nightfall comes the quick brown fox jumps over the lazy dog and keeps running\n  through the forest until nightfall comes\n',
    ],
    [
      `${L}\t${L}`,
      'k: "the quick brown fox jumps over the lazy dog and keeps running through the forest\n  until nightfall comes\\tthe quick brown fox jumps over the lazy dog and keeps running\n  through the forest until nightfall comes"\n',
    ],
    [
      `${L}  ${L}`,
      'k: the quick brown fox jumps over the lazy dog and keeps running through the forest\n  until nightfall comes  the quick brown fox jumps over the lazy dog and keeps running\n  through the forest until nightfall comes\n',
    ],
  ])('%j', (value, want) => {
    expect(goYamlMarshal({ k: value })).toBe(want);
  });

  it('indents folded lines under the key, not under the value', () => {
    expect(goYamlMarshal({ data: { colon: `k: ${L}` } })).toBe(
      "data:\n  colon: 'k: the quick brown fox jumps over the lazy dog and keeps running through\n    the forest until nightfall comes'\n",
    );
    expect(goYamlMarshal({ data: { long: `${L} ${L}` } })).toBe(
      'data:\n  long: the quick brown fox jumps over the lazy dog and keeps running through the\n    forest until nightfall comes the quick brown fox jumps over the lazy dog and keeps\n    running through the forest until nightfall comes\n',
    );
  });
});

describe('goYamlMarshal: collections', () => {
  it('writes sequences at their key, empty collections in flow style, null and numbers plain', () => {
    expect(
      goYamlMarshal({
        spec: { containers: [{ name: 'a', args: ['x', '80'], env: [] }], r: 2, f: 0.5, z: null, m: {} },
      }),
    ).toBe(
      'spec:\n  containers:\n  - args:\n    - x\n    - "80"\n    env: []\n    name: a\n  f: 0.5\n  m: {}\n  r: 2\n  z: null\n',
    );
  });

  it('writes nested sequences and a key longer than 128 bytes as a complex key', () => {
    expect(goYamlMarshal({ a: [[1, 2], []] })).toBe('a:\n- - 1\n  - 2\n- []\n');
    const long = 'k'.repeat(129);
    expect(goYamlMarshal({ [long]: 'v' })).toBe(`? ${long}\n: v\n`);
  });
});

describe('goYamlKeyLess', () => {
  it('orders keys like go-yaml v2 (digit runs as numbers, letters after other characters)', () => {
    const keys = [
      'x10',
      'x9',
      'X_',
      '_x',
      'a-b',
      'ab',
      'a0',
      'a00',
      'a01',
      'a1',
      '10',
      '2',
      'x07',
      'x7',
      'Z',
      'z',
    ];
    const sorted = [...keys].sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
    // As kubectl v1.33 prints these ConfigMap keys.
    expect(sorted).toEqual([
      '_x',
      '2',
      '10',
      'X_',
      'Z',
      'a-b',
      'a0',
      'a00',
      'a1',
      'a01',
      'ab',
      'x7',
      'x07',
      'x9',
      'x10',
      'z',
    ]);
  });
});

describe('resolvesToNonString', () => {
  it.each([
    ['yes', true],
    ['Off', true],
    ['~', true],
    ['', true],
    ['1_000', true],
    ['1_', true],
    ['_1', false],
    ['08', true],
    ['0o17', true],
    ['0b101', true],
    ['1e3', true],
    ['1e999', false],
    ['.5', true],
    ['.', false],
    ['-.inf', true],
    ['2024-01-01T10:00:00Z', true],
    ['2024-01-01 10:00:00', true],
    ['2024-13-01', false],
    ['2024-01-01T25:00:00Z', false],
    ['<<', false],
    ['nil', false],
    ['tRUE', false],
  ])('%j → %s', (s, want) => {
    expect(resolvesToNonString(s)).toBe(want);
  });
});

describe('goFloatG and the JSON round trip', () => {
  it.each([
    [0.5, '0.5'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [Infinity, '.inf'],
  ])('%d → %s', (x, want) => {
    expect(goFloatG(x)).toBe(want);
  });

  it('folds NEL like a line break and rejects characters go-yaml cannot read', () => {
    expect(jsonRoundTrip('a\u0085b')).toBe('a b');
    expect(jsonRoundTrip('a  \u0085  \u0085b')).toBe('a\nb');
    expect(() => jsonRoundTrip('a\u007fb')).toThrow('yaml: control characters are not allowed');
  });
});
