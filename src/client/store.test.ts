import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Indexer, deepFreeze } from './store';
import { Lister } from './lister';
import {
  parseSelector,
  selectorFromLabelSelector as fromLabelSelector,
  selectorFromSet,
  matches,
  selectorToString,
  nothing,
} from '../api/labels';
import { ApiError } from '../api/errors';

const pod = (ns: string, name: string, node: string, labels: Record<string, string> = {}): Pod => ({
  metadata: { namespace: ns, name, labels },
  spec: { nodeName: node, containers: [] },
});

function fill(freeze: 'deep' | 'shallow' | 'none' = 'deep') {
  const idx = new Indexer<Pod>({
    indexers: { byNode: (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []) },
    freeze,
  });
  idx.add(pod('default', 'web-1', 'n1', { app: 'web', tier: 'fe' }));
  idx.add(pod('default', 'web-2', 'n2', { app: 'web' }));
  idx.add(pod('kube-system', 'dns', 'n1', { app: 'dns' }));
  return idx;
}

describe('Indexer', () => {
  it('keys namespace/name (name for cluster-scoped) and keeps indexes up to date', () => {
    const idx = fill();
    expect(idx.listKeys()).toEqual(['default/web-1', 'default/web-2', 'kube-system/dns']);
    expect(idx.keyOf({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(idx.indexKeys('byNode', 'n1')).toEqual(['default/web-1', 'kube-system/dns']);
    expect(idx.indexKeys('namespace', 'default')).toEqual(['default/web-1', 'default/web-2']);
    idx.update(pod('default', 'web-1', 'n2'));
    expect(idx.indexKeys('byNode', 'n1')).toEqual(['kube-system/dns']);
    expect(idx.indexKeys('byNode', 'n2')).toEqual(['default/web-1', 'default/web-2']);
    idx.delete(pod('default', 'web-2', ''));
    expect(idx.indexKeys('byNode', 'n2')).toEqual(['default/web-1']);
    expect(idx.size).toBe(2);
    expect(() => idx.byIndex('nope', 'x')).toThrow('Index with name nope does not exist');
    expect(() => idx.addIndexers({ late: () => [] })).toThrow('cannot add indexers to running index');
  });

  it.each([
    ['deep', true, true],
    ['shallow', true, false],
    ['none', false, false],
  ] as const)('freeze %s: top frozen %s, nested frozen %s', (mode, top, nested) => {
    const idx = fill(mode);
    const p = idx.getByKey('default/web-1')!;
    expect(Object.isFrozen(p)).toBe(top);
    expect(Object.isFrozen(p.metadata!.labels)).toBe(nested);
  });

  it('deepFreeze skips an object that is already frozen', () => {
    const inner = { a: 1 };
    const outer = Object.freeze({ inner });
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(false);
    const o = { x: { y: [1, { z: 2 }] } };
    deepFreeze(o);
    expect(Object.isFrozen(o.x.y[1] as object)).toBe(true);
  });
});

describe('Lister', () => {
  it('lists by selector, gets, indexes and scopes to a namespace', () => {
    const l = new Lister(fill(), { group: '', resource: 'pods' });
    expect(l.list().map((p) => p.metadata!.name)).toEqual(['web-1', 'web-2', 'dns']);
    expect(l.list('app=web').map((p) => p.metadata!.name)).toEqual(['web-1', 'web-2']);
    expect(l.list('app in (dns,db)').map((p) => p.metadata!.name)).toEqual(['dns']);
    expect(l.list('app=web,!tier').map((p) => p.metadata!.name)).toEqual(['web-2']);
    expect(l.get('default', 'web-2')!.spec!.nodeName).toBe('n2');
    expect(l.get('default', 'nope')).toBeUndefined();
    expect(l.byIndex('byNode', 'n1').map((p) => p.metadata!.name)).toEqual(['web-1', 'dns']);
    expect(
      l
        .namespace('kube-system')
        .list()
        .map((p) => p.metadata!.name),
    ).toEqual(['dns']);
    expect(
      l
        .namespace('default')
        .list(selectorFromSet({ tier: 'fe' }))
        .map((p) => p.metadata!.name),
    ).toEqual(['web-1']);
    expect(l.namespace('default').get('dns')).toBeUndefined();
    const err = (() => {
      try {
        l.getOrThrow('default', 'nope');
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect([err?.code, err?.message]).toEqual([404, 'pods "nope" not found']);
  });
});

describe('label selectors', () => {
  it.each([
    ['', { a: '1' }, true],
    ['a=1', { a: '1' }, true],
    ['a==1', { a: '2' }, false],
    ['a!=1', {}, true],
    ['a!=1', { a: '1' }, false],
    ['a', { a: '' }, true],
    ['!a', { a: '' }, false],
    ['env in (prod, staging)', { env: 'staging' }, true],
    ['env notin (prod)', { env: 'prod' }, false],
    ['env notin (prod)', {}, true],
    ['x>3', { x: '4' }, true],
    ['x<3', { x: '4' }, false],
    ['a=1, b=2', { a: '1', b: '2' }, true],
  ])('%j matches %j: %s', (sel, labels, want) => {
    expect(matches(parseSelector(sel), labels as Record<string, string>)).toBe(want);
  });

  it('prints the canonical form and rejects bad syntax', () => {
    expect(selectorToString(parseSelector(' a = 1 ,env in (b,a), !c'))).toBe('a=1,!c,env in (a,b)'); // sorted by key, as upstream
    expect(() => parseSelector('a=1,')).toThrow();
    expect(() => parseSelector('a in (b')).toThrow();
  });

  it('converts metav1.LabelSelector: undefined matches nothing, {} everything', () => {
    expect(matches(fromLabelSelector(undefined), {})).toBe(matches(nothing(), {}));
    expect(matches(fromLabelSelector({}), { a: 'b' })).toBe(true);
    const s = fromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
    expect(selectorToString(s)).toBe('app=web,tier notin (db)');
    expect(matches(s, { app: 'web', tier: 'fe' })).toBe(true);
    expect(matches(s, { app: 'web', tier: 'db' })).toBe(false);
  });
});
