import { describe, it, expect } from 'vitest';
import {
  parseSelector,
  selectorToString,
  matches,
  isEverything,
  selectorFromLabelSelector,
  formatLabelSelector,
  requirementsByKey,
  requiresExactMatch,
  selectorFromSet,
  labelSetToString,
  isQualifiedName,
  isValidLabelValue,
  newRequirement,
} from './labels';

describe('parseSelector + selectorToString (canonical, sorted by key)', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['app=web', 'app=web'],
    ['app==web', 'app==web'],
    ['tier!=db,app=web', 'app=web,tier!=db'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['app in (b, a)', 'app in (a,b)'],
    [' app  in(a) ', 'app in (a)'],
    ['!canary', '!canary'],
    ['x>1,y<10', 'x>1,y<10'],
    ['a=', 'a='],
    ['a=,b', 'a=,b'],
    ['env notin (in,notin)', 'env notin (in,notin)'],
    ['example.com/app=v1', 'example.com/app=v1'],
    ['w in (x,y),a', 'a,w in (x,y)'],
  ];
  it.each(cases)('%j → %j', (input, want) => {
    expect(selectorToString(parseSelector(input))).toBe(want);
  });
});

describe('parseSelector errors (upstream texts)', () => {
  const NAME_ERR =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const cases: [string, string][] = [
    ['x=a,', "found '', expected: identifier after ','"],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x ~ a', "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x=a=b', "found '=', expected: ',' or 'end of string'"],
    [
      'x>a',
      "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    ['-x=a', `unable to parse requirement: <nil>: Invalid value: "-x": ${NAME_ERR}`],
    [
      'x=-a',
      "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['x!!=a', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
  ];
  it.each(cases)('%j', (input, msg) => {
    expect(() => parseSelector(input)).toThrow(msg);
    try {
      parseSelector(input);
    } catch (e) {
      expect((e as Error).message).toBe(msg);
    }
  });
});

describe('matches', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app=db', labels, false],
    ['app!=db', labels, true],
    ['missing!=x', labels, true],
    ['app in (web,db)', labels, true],
    ['app notin (web)', labels, false],
    ['missing notin (web)', labels, true],
    ['tier', labels, true],
    ['!tier', labels, false],
    ['!missing', labels, true],
    ['n>4', labels, true],
    ['n>5', labels, false],
    ['n<6', labels, true],
    ['app>1', labels, false],
    ['missing>1', labels, false],
    ['app=web,tier=back', labels, false],
    ['app=web', undefined, false],
  ];
  it.each(cases)('%j on %j → %s', (sel, ls, want) => {
    expect(matches(parseSelector(sel), ls)).toBe(want);
  });
});

describe('selectorFromLabelSelector (metav1.LabelSelectorAsSelector)', () => {
  it('converts matchLabels and matchExpressions, sorted by key', () => {
    const sel = selectorFromLabelSelector({
      matchLabels: { tier: 'front', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
        { key: 'b', operator: 'NotIn', values: ['x'] },
      ],
    });
    expect(selectorToString(sel)).toBe('app=web,b notin (x),!canary,env in (dev,prod),tier=front,zone');
    expect(matches(sel, { app: 'web', tier: 'front', env: 'dev', zone: 'a' })).toBe(true);
    expect(matches(sel, { app: 'web', tier: 'front', env: 'dev', zone: 'a', canary: '1' })).toBe(false);
  });
  it('nil is nothing, empty is everything', () => {
    expect(matches(selectorFromLabelSelector(undefined), {})).toBe(false);
    expect(isEverything(selectorFromLabelSelector({}))).toBe(true);
    expect(isEverything(selectorFromLabelSelector(null))).toBe(false);
    expect(matches(selectorFromLabelSelector({}), { a: 'b' })).toBe(true);
  });
  const errs: [object, string][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [
      { matchLabels: { 'a/b/c': 'x' } },
      "key: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ];
  it.each(errs)('error for %j', (ls, msg) => {
    let got = '';
    try {
      selectorFromLabelSelector(ls as never);
    } catch (e) {
      got = (e as Error).message;
    }
    expect(got).toBe(msg);
  });
});

describe('formatLabelSelector (kubectl)', () => {
  const cases: [object | undefined, string][] = [
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
      'app=web,tier notin (db)',
    ],
    [{ matchExpressions: [{ key: 'x', operator: 'Bad' }] }, '<error>'],
  ];
  it.each(cases)('%j → %s', (ls, want) => expect(formatLabelSelector(ls as never)).toBe(want));
});

describe('helpers', () => {
  it('requirementsByKey groups requirements', () => {
    const m = requirementsByKey(parseSelector('a=1,b in (x,y),a!=2'));
    expect([...m.keys()]).toEqual(['a', 'b']);
    expect(m.get('a')).toEqual([
      { key: 'a', operator: '=', values: ['1'] },
      { key: 'a', operator: '!=', values: ['2'] },
    ]);
  });
  it('requiresExactMatch', () => {
    const s = parseSelector('a=1,b in (x),c in (x,y),d!=1');
    expect([
      requiresExactMatch(s, 'a'),
      requiresExactMatch(s, 'b'),
      requiresExactMatch(s, 'c'),
      requiresExactMatch(s, 'd'),
    ]).toEqual(['1', 'x', undefined, undefined]);
  });
  it('selectorFromSet and labelSetToString sort by key', () => {
    expect(selectorToString(selectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
    expect(labelSetToString({ b: '2', a: '1' })).toBe('a=1,b=2');
  });
  it('validates keys and values', () => {
    expect(isQualifiedName('app')).toEqual([]);
    expect(isQualifiedName('example.com/app')).toEqual([]);
    expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
    expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 bytes']);
    expect(isValidLabelValue('')).toEqual([]);
  });
  it('aggregates several requirement errors as [a, b]', () => {
    expect(() => newRequirement('-k', 'in', [])).toThrow(
      "[key: Invalid value: \"-k\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty]",
    );
  });
  it('never mutates: parsing twice gives equal results', () => {
    const s = parseSelector('b=1,a=2');
    const before = JSON.stringify(s);
    selectorToString(s);
    expect(JSON.stringify(s)).toBe(before);
  });
});
