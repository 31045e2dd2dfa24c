/**
 * Small helpers shared by the validators: field paths (field.Path's Child/Index/Key), the
 * "semantic" deep equality of apimachinery's equality package (nil and empty are equal), and
 * loose readers for untyped JSON objects.
 */

/** `parent.child` (or `child` at the root). */
export function child(parent: string, ...names: string[]): string {
  let p = parent;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}

/** `parent[i]`. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** `parent[key]`. */
export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}

/** A plain JSON object or undefined. */
export type Obj = Record<string, unknown>;

/** Reads `v` as an object (undefined when it is not one). */
export function asObj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Reads `v` as an array of objects (empty when absent). */
export function asObjArray(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => asObj(x) ?? {}) : [];
}

/** Reads `v` as a string map (empty when absent). */
export function asStringMap(v: unknown): Record<string, string> {
  const o = asObj(v);
  if (!o) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) out[k] = typeof x === 'string' ? x : String(x);
  return out;
}

/** `v` as a string ('' when absent). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** `v` as a number (undefined when absent or not numeric). */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).every((k) => isEmpty((v as Obj)[k]));
  return false;
}

/** apimachinery's Semantic.DeepEqual over JSON: absent, null, [] and {} compare equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (isEmpty(a) !== isEmpty(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ao = a as Obj;
    const bo = b as Obj;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
    return true;
  }
  return a === b;
}

/** A deep copy of a JSON value. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Sorted copy of strings (Go's sets.List order). */
export function sorted(xs: string[]): string[] {
  return [...xs].sort();
}
