/**
 * Listers, mirroring client-go's generated `listers/*` (`PodLister`, `PodNamespaceLister`) and
 * `cache.ListAll`/`ListAllByNamespace`: read-only, typed views over an informer's Indexer. The objects
 * they return are the cache's own (frozen) objects: clone before changing them. Unlike client-go, `get`
 * returns `undefined` for a missing object instead of a NotFound error (use `getOrThrow` for that).
 */
import { errors, type GroupResource } from '../api/errors';
import { everything, isEverything, matches, parseSelector, type Selector } from '../api/labels';
import { NAMESPACE_INDEX, type Indexer, type Keyed } from './store';

/** A label selector: parsed, its text form, or undefined for everything. */
export type SelectorLike = Selector | string | undefined;

function toSelector(s: SelectorLike): Selector {
  if (s === undefined) return everything();
  return typeof s === 'string' ? parseSelector(s) : s;
}

/** Namespace-scoped view of a Lister (`PodNamespaceLister`). */
export interface NamespaceLister<T> {
  /** Objects in the namespace matching the selector. */
  list(selector?: SelectorLike): T[];
  /** The object named `name` in the namespace, or undefined. */
  get(name: string): T | undefined;
}

/** A typed, read-only view of an Indexer. */
export class Lister<T extends Keyed> {
  constructor(
    private readonly indexer: Indexer<T>,
    /** Resource, for NotFound messages (`pods "x" not found`). */
    private readonly gr: GroupResource = { group: '', resource: '' },
  ) {}

  /** Every cached object matching the selector, in key order. */
  list(selector?: SelectorLike): T[] {
    const sel = toSelector(selector);
    const all = this.indexer.list();
    return isEverything(sel) ? all : all.filter((o) => matches(sel, o.metadata?.labels));
  }

  /** The cached object `ns/name` (or `name` when `ns` is empty), or undefined. */
  get(ns: string | undefined, name: string): T | undefined {
    return this.indexer.getByKey(ns ? `${ns}/${name}` : name);
  }

  /** Like `get`, but throws a NotFound ApiError as client-go listers do. */
  getOrThrow(ns: string | undefined, name: string): T {
    const o = this.get(ns, name);
    if (!o) throw errors.notFound(this.gr, name);
    return o;
  }

  /** Objects whose index `index` contains `value` (e.g. pods by `spec.nodeName`). */
  byIndex(index: string, value: string): T[] {
    return this.indexer.byIndex(index, value);
  }

  /** A view restricted to one namespace. */
  namespace(ns: string): NamespaceLister<T> {
    return {
      list: (selector?: SelectorLike) => {
        const sel = toSelector(selector);
        const objs = this.indexer.byIndex(NAMESPACE_INDEX, ns);
        return isEverything(sel) ? objs : objs.filter((o) => matches(sel, o.metadata?.labels));
      },
      get: (name: string) => this.indexer.getByKey(`${ns}/${name}`),
    };
  }
}
