import { describe, expect, it } from 'vitest';
import { JsonPath, relaxedJsonPath } from './jsonpath';
import { tabulate } from './tabwriter';

const store = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { app: 'x' } },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'PodScheduled', status: 'True' },
        ],
      },
      n: 3,
    },
    { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] }, n: 10 },
  ],
  nums: [1, 2, 3, 4, 5],
};

// Modelled on client-go util/jsonpath jsonpath_test.go.
const cases: Array<[string, string, string]> = [
  ['plain text', 'hello', 'hello'],
  ['field', '{.kind}', 'List'],
  ['wildcard names', '{.items[*].metadata.name}', 'a b'],
  ['index', '{.items[0].metadata.name}', 'a'],
  ['negative index', '{.items[-1].metadata.name}', 'b'],
  ['slice', '{.nums[1:3]}', '2 3'],
  ['slice step', '{.nums[::2]}', '1 3 5'],
  ['union indexes', '{.nums[0,4]}', '1 5'],
  ['dict key', "{.items[0]['metadata']['name']}", 'a'],
  ['filter', '{.items[0].status.conditions[?(@.type=="Ready")].status}', 'True'],
  ['filter numbers', '{.items[?(@.n>5)].metadata.name}', 'b'],
  ['filter exists', '{.items[?(@.metadata.labels)].metadata.name}', 'a'],
  ['recursive', '{..name}', 'a b'],
  ['range', '{range .items[*]}{.metadata.name}{"\\n"}{end}', 'a\nb\n'],
  [
    'nested range',
    '{range .items[*]}{.metadata.name}:{range .status.conditions[*]}{.type},{end};{end}',
    'a:Ready,PodScheduled,;b:Ready,;',
  ],
  ['map prints as sorted JSON', '{.items[0].metadata}', '{"labels":{"app":"x"},"name":"a"}'],
  ['missing key allowed', '{.nope}', ''],
  ['text around', 'x{.kind}y', 'xListy'],
];

describe('JsonPath', () => {
  it.each(cases)('%s', (_n, tpl, want) => {
    expect(new JsonPath(tpl, { allowMissingKeys: true }).execute(store)).toBe(want);
  });

  const errors: Array<[string, string]> = [
    ['{.a', 'unclosed action'],
    ['{.items[0}', 'unterminated array'],
    ['{.items[a]}', 'invalid array index a'],
    ['{.items[?(@.a=="x"}', 'unterminated filter'],
    ['{"abc}', 'unterminated quoted string'],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{%}', "unrecognized character in action: U+0025 '%'"],
  ];
  it.each(errors)('parse error %s', (tpl, msg) => {
    expect(() => new JsonPath(tpl)).toThrow(msg);
  });

  it('reports missing keys when not allowed', () => {
    expect(() => new JsonPath('{.nope}', { allowMissingKeys: false }).execute(store)).toThrow(
      'nope is not found',
    );
  });
  it('reports out of range indexes', () => {
    expect(() => new JsonPath('{.nums[9]}').execute(store)).toThrow(
      'array index out of bounds: index 9, length 5',
    );
  });
  it('relaxes custom-column paths', () => {
    expect(relaxedJsonPath('.a.b')).toBe('{.a.b}');
    expect(relaxedJsonPath('a.b')).toBe('{.a.b}');
    expect(relaxedJsonPath('{.a.b}')).toBe('{.a.b}');
  });
});

describe('tabwriter', () => {
  it('pads columns by 3 with minimum width 6', () => {
    expect(tabulate('A\tBB\tC\nxxxxxxx\ty\tz\n')).toBe('A         BB    C\nxxxxxxx   y     z\n');
  });
});
