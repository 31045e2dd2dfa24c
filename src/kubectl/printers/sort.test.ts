import { describe, expect, it } from 'vitest';
import { sortByField } from './sort';

// Objects in the order the apiserver lists them; expected orders were printed by kubectl v1.33.
const NAMES = ['a-1', 'a09', 'a1', 'a10', 'a100', 'a9', 'a9x', 'b', 'kube-root-ca.crt'];
const Q: Record<string, string> = { a10: '100m', a9: '1', b: '2Gi', a1: '500m', a09: 'abc' };
const objs = NAMES.map((name) => ({ metadata: { name }, ...(Q[name] ? { data: { q: Q[name] } } : {}) }));
const names = (l: typeof objs) => l.map((o) => o.metadata.name);

describe('sortByField (kubectl get --sort-by)', () => {
  it.each([
    ['.metadata.name', ['a-1', 'a09', 'a1', 'a10', 'a100', 'a9', 'a9x', 'b', 'kube-root-ca.crt']],
    ['{.metadata.name}', ['a-1', 'a09', 'a1', 'a10', 'a100', 'a9', 'a9x', 'b', 'kube-root-ca.crt']],
    // Quantities by value, other strings byte by byte; objects without the field first, reversed.
    ['.data.q', ['kube-root-ca.crt', 'a9x', 'a100', 'a-1', 'a10', 'a1', 'a9', 'b', 'a09']],
  ])('%s', (field, want) => {
    expect(names(sortByField([...objs], field, (o) => o))).toEqual(want);
  });

  it('fails when no object has the field', () => {
    expect(() => sortByField([...objs], '.metadata.labels.none', (o) => o)).toThrow(
      'couldn\'t find any field with path "{.metadata.labels.none}" in the list of objects',
    );
  });
});
