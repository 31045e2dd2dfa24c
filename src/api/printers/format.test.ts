import { describe, it, expect } from 'vitest';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  accessModesString,
  boolPtr,
  formatLabelSelector,
  formatLabels,
  joinHostPort,
  selectorString,
} from './format';

describe('formatLabelSelector (metav1.FormatLabelSelector)', () => {
  it.each<[string, LabelSelector | undefined, string]>([
    ['missing', undefined, '<none>'],
    ['empty', {}, '<none>'],
    ['match labels, sorted by key', { matchLabels: { tier: 'web', app: 'shop' } }, 'app=shop,tier=web'],
    [
      'expressions with sorted values',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'Exists' },
        ],
      },
      'app=web,!canary,env notin (prod),tier in (a,b),zone',
    ],
    ['bad operator', { matchExpressions: [{ key: 'a', operator: 'Near' }] }, '<error>'],
  ])('%s', (_n, sel, want) => {
    expect(formatLabelSelector(sel)).toBe(want);
  });

  it('selectorString leaves empty selectors empty (printDeployment)', () => {
    expect(selectorString({})).toBe('');
    expect(selectorString(undefined)).toBe('');
  });
});

describe('small formatters', () => {
  it.each<[Record<string, string> | undefined, string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ b: '2', a: '1' }, 'a=1,b=2'],
  ])('formatLabels(%j) = %s', (m, want) => {
    expect(formatLabels(m)).toBe(want);
  });

  it.each<[string[] | undefined, string]>([
    [undefined, ''],
    [['ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadOnlyMany'], 'RWO,ROX,RWOP'],
  ])('accessModesString(%j) = %s', (modes, want) => {
    expect(accessModesString(modes)).toBe(want);
  });

  it.each<[boolean | undefined, string]>([
    [true, 'True'],
    [false, 'False'],
    [undefined, '<unset>'],
  ])('boolPtr(%s) = %s', (v, want) => {
    expect(boolPtr(v)).toBe(want);
  });

  it('joinHostPort brackets IPv6', () => {
    expect([joinHostPort('10.0.0.1', 80), joinHostPort('fd00::1', 80)]).toEqual([
      '10.0.0.1:80',
      '[fd00::1]:80',
    ]);
  });
});
