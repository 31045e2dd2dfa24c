/**
 * A keyed binary heap (upstream pkg/scheduler/backend/heap): push, update and delete by key in
 * O(log n), peek/pop the least item by a `less` function. Used for activeQ and backoffQ.
 */

/** A binary min-heap whose items are addressed by a string key. */
export class KeyedHeap<T> {
  private items: T[] = [];
  private keys: string[] = [];
  private index = new Map<string, number>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  /** Number of items. */
  get size(): number {
    return this.items.length;
  }

  /** True when an item with `key` is in the heap. */
  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The item stored under `key`. */
  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  /** Adds the item, or replaces (and re-sorts) the one with the same key. */
  addOrUpdate(item: T): void {
    const key = this.keyOf(item);
    const i = this.index.get(key);
    if (i !== undefined) {
      this.items[i] = item;
      this.fix(i);
      return;
    }
    this.items.push(item);
    this.keys.push(key);
    this.index.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  /** Removes the item with `key`; returns it. */
  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const item = this.items[i];
    const last = this.items.length - 1;
    if (i !== last) this.swap(i, last);
    this.items.pop();
    this.keys.pop();
    this.index.delete(key);
    if (i !== last) this.fix(i);
    return item;
  }

  /** The least item. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Removes and returns the least item. */
  pop(): T | undefined {
    if (!this.items.length) return undefined;
    return this.delete(this.keys[0]);
  }

  /** Every item, in no particular order. */
  list(): T[] {
    return this.items.slice();
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private up(i: number): boolean {
    let moved = false;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i], this.items[p])) break;
      this.swap(i, p);
      i = p;
      moved = true;
    }
    return moved;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l], this.items[m])) m = l;
      if (r < n && this.less(this.items[r], this.items[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items;
    const k = this.keys;
    [a[i], a[j]] = [a[j], a[i]];
    [k[i], k[j]] = [k[j], k[i]];
    this.index.set(k[i], i);
    this.index.set(k[j], j);
  }
}
