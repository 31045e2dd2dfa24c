/**
 * Small helpers over decoded JSON values shared by the patch implementations: type tests, deep
 * clone and equality (reflect.DeepEqual over decoded JSON), and Go's `%v` rendering used in
 * upstream error messages.
 */

/** A decoded JSON object. */
export type JsonMap = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The decoded-JSON type of a value, as reflect.TypeOf distinguishes them. */
export function jsonType(v: unknown): 'map' | 'list' | 'string' | 'int' | 'float' | 'bool' | 'null' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  // apimachinery's json.Unmarshal turns integral numbers into int64 and the rest into float64.
  return Number.isInteger(v) ? 'int' : 'float';
}

/** A deep copy of a JSON value. */
export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const k of Object.keys(v)) out[k] = deepClone(v[k]);
    return out as T;
  }
  return v;
}

/** Deep equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Go's `%v` of a decoded JSON value: `map[a:1 b:x]`, `[1 2]`, `<nil>`. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}
