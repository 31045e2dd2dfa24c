/**
 * An ordered set of keys for prefix ranges, playing the role of etcd's in-memory B-tree index
 * (`mvcc/index.go`, google/btree). It is a list of sorted chunks of at most `chunkSize` keys: an
 * insert or delete costs a binary search plus a splice of one small chunk, so 100k keys stay cheap
 * whatever the insertion order. Keys compare by UTF-16 code units (etcd compares bytes; the same for
 * the ASCII keys Kubernetes uses).
 */

const chunkSize = 512;

/** First index in sorted `arr` whose element is ≥ `key`. */
export function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sorted set of strings with cheap insert, delete and in-order scans. */
export class SortedKeys {
  private chunks: string[][] = [];
  private count = 0;

  /** Number of keys. */
  get size(): number {
    return this.count;
  }

  /** Index of the chunk that holds, or would hold, `key`. */
  private chunkFor(key: string): number {
    const c = this.chunks;
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = c[mid];
      if (chunk[chunk.length - 1] < key) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, c.length - 1);
  }

  /** Adds `key`; returns false if it was there already. */
  add(key: string): boolean {
    if (!this.chunks.length) {
      this.chunks.push([key]);
      this.count = 1;
      return true;
    }
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci];
    const i = lowerBound(chunk, key);
    if (chunk[i] === key) return false;
    if (i === chunk.length) chunk.push(key);
    else chunk.splice(i, 0, key);
    this.count++;
    if (chunk.length > chunkSize) this.chunks.splice(ci + 1, 0, chunk.splice(chunk.length >> 1));
    return true;
  }

  /** Removes `key`; returns false if it was absent. */
  delete(key: string): boolean {
    if (!this.chunks.length) return false;
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci];
    const i = lowerBound(chunk, key);
    if (chunk[i] !== key) return false;
    chunk.splice(i, 1);
    this.count--;
    if (!chunk.length) this.chunks.splice(ci, 1);
    return true;
  }

  /** Calls `fn` on every key ≥ `from` in order, until it returns false. */
  scan(from: string, fn: (key: string) => boolean): void {
    if (!this.chunks.length) return;
    let ci = this.chunkFor(from);
    let i = lowerBound(this.chunks[ci], from);
    for (; ci < this.chunks.length; ci++, i = 0) {
      const chunk = this.chunks[ci];
      for (; i < chunk.length; i++) if (!fn(chunk[i])) return;
    }
  }

  /** Every key with `prefix`, in order. */
  withPrefix(prefix: string): string[] {
    const out: string[] = [];
    this.scan(prefix, (k) => k.startsWith(prefix) && (out.push(k), true));
    return out;
  }
}
