/**
 * The informer cache, mirroring client-go's `tools/cache` `Store`/`Indexer` (threadSafeMap + indexers):
 * objects keyed `namespace/name` (or `name` for cluster-scoped ones), secondary indexes computed by
 * index functions (`namespace` is built in). Objects are stored frozen so no component can change the
 * cache behind the informer's back ("never modify objects from the store"). JavaScript has one thread,
 * so there are no locks. Leaves out `ListIndexFuncValues` and the `Resync` no-op.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/** The minimal shape the store needs. */
export interface Keyed {
  metadata?: ObjectMeta;
}

/** Computes the index values of an object (client-go `IndexFunc`). */
export type IndexFunc<T> = (obj: T) => string[];

/** Index name → index function (client-go `Indexers`). */
export type Indexers<T> = Record<string, IndexFunc<T>>;

/** Name of the built-in namespace index (`cache.NamespaceIndex`). */
export const NAMESPACE_INDEX = 'namespace';

/** Indexes objects by namespace (`cache.MetaNamespaceIndexFunc`). */
export function metaNamespaceIndexFunc(obj: Keyed): string[] {
  return [obj.metadata?.namespace ?? ''];
}

/** The store key of an object: `ns/name`, or `name` when it has no namespace (`MetaNamespaceKeyFunc`). */
export function metaNamespaceKey(obj: Keyed): string {
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${name}` : name;
}

/** How objects are frozen when stored: `deep` (every nested object), `shallow` (top level only), or `none`. */
export type FreezeMode = 'deep' | 'shallow' | 'none';

function defaultFreezeMode(): FreezeMode {
  const env = (import.meta as unknown as { env?: { PROD?: boolean } }).env;
  return env?.PROD ? 'shallow' : 'deep';
}

let globalFreeze: FreezeMode = defaultFreezeMode();

/** Sets the freeze mode used by stores created without one (default: `deep` except in production builds). */
export function setDefaultFreezeMode(mode: FreezeMode): void {
  globalFreeze = mode;
}

/**
 * Freezes `obj` and everything reachable from it. An already-frozen object is assumed to be frozen all
 * the way down (watch objects may arrive frozen), which keeps re-freezing cheap.
 */
export function deepFreeze<T>(obj: T): T {
  if (obj === null || typeof obj !== 'object' || Object.isFrozen(obj)) return obj;
  Object.freeze(obj);
  for (const k of Object.keys(obj as object)) deepFreeze((obj as Record<string, unknown>)[k]);
  return obj;
}

/** Freezes according to `mode`. */
export function freezeObject<T>(obj: T, mode: FreezeMode): T {
  if (mode === 'deep') return deepFreeze(obj);
  if (mode === 'shallow' && obj !== null && typeof obj === 'object') return Object.freeze(obj);
  return obj;
}

/** Options of a store. */
export interface StoreOptions<T> {
  /** Key function (default `metaNamespaceKey`). */
  keyFunc?: (obj: T) => string;
  /** Extra indexers beyond `namespace`. */
  indexers?: Indexers<T>;
  /** Freeze mode (default: the global default). */
  freeze?: FreezeMode;
}

/** A keyed, indexed cache of API objects (client-go `cache.Indexer`). */
export class Indexer<T extends Keyed> {
  private items = new Map<string, T>();
  private indexers: Indexers<T>;
  /** index name → index value → set of keys */
  private indices = new Map<string, Map<string, Set<string>>>();
  private readonly keyFunc: (obj: T) => string;
  private readonly freeze: FreezeMode;

  constructor(opts: StoreOptions<T> = {}) {
    this.keyFunc = opts.keyFunc ?? metaNamespaceKey;
    this.freeze = opts.freeze ?? globalFreeze;
    this.indexers = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, ...(opts.indexers ?? {}) };
    for (const name of Object.keys(this.indexers)) this.indices.set(name, new Map());
  }

  /** The key this store uses for `obj`. */
  keyOf(obj: T): string {
    return this.keyFunc(obj);
  }

  /** Inserts or replaces an object; returns the stored (frozen) object. */
  add(obj: T): T {
    return this.put(this.keyFunc(obj), obj);
  }

  /** Same as `add` (client-go keeps both names). */
  update(obj: T): T {
    return this.add(obj);
  }

  /** Removes an object (by its key); returns the removed one. */
  delete(obj: T): T | undefined {
    return this.deleteKey(this.keyFunc(obj));
  }

  /** Removes the object stored under `key`. */
  deleteKey(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /** The object stored under `key`. */
  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  /** The stored object with the same key as `obj`. */
  get(obj: T): T | undefined {
    return this.items.get(this.keyFunc(obj));
  }

  /** Every stored object, in key order. */
  list(): T[] {
    return [...this.items.keys()].sort().map((k) => this.items.get(k)!);
  }

  /** Every key, sorted. */
  listKeys(): string[] {
    return [...this.items.keys()].sort();
  }

  /** Number of stored objects. */
  get size(): number {
    return this.items.size;
  }

  /** Replaces the whole content (a relist). */
  replace(objs: T[]): void {
    this.items.clear();
    for (const m of this.indices.values()) m.clear();
    for (const o of objs) this.add(o);
  }

  /** Adds index functions; allowed only while the store is empty, as in client-go. */
  addIndexers(indexers: Indexers<T>): void {
    if (this.items.size > 0) throw new Error('cannot add indexers to running index');
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers[name]) throw new Error(`indexer conflict: map[${name}:{}]`);
      this.indexers[name] = fn;
      this.indices.set(name, new Map());
    }
  }

  /** Names of the configured indexes. */
  getIndexers(): string[] {
    return Object.keys(this.indexers);
  }

  /** Objects whose index `indexName` contains `value` (client-go `ByIndex`), in key order. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.items.get(k)!);
  }

  /** Keys whose index `indexName` contains `value`, sorted. */
  indexKeys(indexName: string, value: string): string[] {
    const idx = this.indices.get(indexName);
    if (!idx) throw new Error(`Index with name ${indexName} does not exist`);
    return [...(idx.get(value) ?? [])].sort();
  }

  /** Objects sharing any index value with `obj` in `indexName` (client-go `Index`). */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexers[indexName];
    if (!fn) throw new Error(`Index with name ${indexName} does not exist`);
    const keys = new Set<string>();
    for (const v of fn(obj)) for (const k of this.indexKeys(indexName, v)) keys.add(k);
    return [...keys].sort().map((k) => this.items.get(k)!);
  }

  private put(key: string, obj: T): T {
    const frozen = freezeObject(obj, this.freeze);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, frozen);
    for (const [name, fn] of Object.entries(this.indexers)) {
      const idx = this.indices.get(name)!;
      for (const v of new Set(fn(frozen))) {
        let set = idx.get(v);
        if (!set) idx.set(v, (set = new Set()));
        set.add(key);
      }
    }
    return frozen;
  }

  private unindex(key: string, old: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const idx = this.indices.get(name)!;
      for (const v of fn(old)) {
        const set = idx.get(v);
        if (!set) continue;
        set.delete(key);
        if (set.size === 0) idx.delete(v);
      }
    }
  }
}
