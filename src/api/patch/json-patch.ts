/**
 * JSON Patch (RFC 6902) as the apiserver applies `application/json-patch+json` (upstream uses
 * evanphx/json-patch): add, remove, replace, move, copy and test over JSON pointers (RFC 6901, `~0`
 * and `~1` escapes, `-` for the end of an array). Error texts follow evanphx's wording.
 * Left out: evanphx's accumulated-copy size limit and its lenient handling of a missing `value`.
 * Never mutates its inputs.
 */
import { deepClone, deepEqual, isMap, type JsonMap } from './json-value';

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

/** Parses a JSON pointer into its unescaped segments (`/a~1b/0` → ['a/b', '0']). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must be empty or start with a "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escapes one segment for a JSON pointer (`~` → `~0`, `/` → `~1`). */
export function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Container = JsonMap | unknown[];

function arrayIndex(seg: string, len: number, allowEnd: boolean): number {
  if (allowEnd && seg === '-') return len;
  if (!/^(0|[1-9][0-9]*)$/.test(seg))
    throw new Error(`Unable to access invalid index: ${seg}: invalid index referenced`);
  const i = Number(seg);
  if (i > len || (!allowEnd && i >= len))
    throw new Error(`Unable to access invalid index: ${i}: invalid index referenced`);
  return i;
}

/** Finds the container of the last segment; undefined when a parent is missing. */
function parentOf(doc: unknown, segs: string[]): Container | undefined {
  let cur: unknown = doc;
  for (const seg of segs.slice(0, -1)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg) || Number(seg) >= cur.length) return undefined;
      cur = cur[Number(seg)];
    } else if (isMap(cur)) {
      if (!(seg in cur)) return undefined;
      cur = cur[seg];
    } else return undefined;
  }
  return Array.isArray(cur) || isMap(cur) ? cur : undefined;
}

function get(doc: unknown, segs: string[]): { found: boolean; value?: unknown } {
  if (segs.length === 0) return { found: true, value: doc };
  const parent = parentOf(doc, segs);
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) {
    if (!/^(0|[1-9][0-9]*)$/.test(last) || Number(last) >= parent.length) return { found: false };
    return { found: true, value: parent[Number(last)] };
  }
  if (isMap(parent) && last in parent) return { found: true, value: parent[last] };
  return { found: false };
}

function add(doc: unknown, path: string, value: unknown, what = 'add'): unknown {
  const segs = parsePointer(path);
  if (segs.length === 0) return value;
  const parent = parentOf(doc, segs);
  if (!parent)
    throw new Error(`${what} operation does not apply: doc is missing path: "${path}": missing value`);
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else parent[last] = value;
  return doc;
}

function remove(doc: unknown, path: string, what = 'remove'): unknown {
  const segs = parsePointer(path);
  if (segs.length === 0)
    throw new Error(`${what} operation does not apply: cannot remove the whole document`);
  const parent = parentOf(doc, segs);
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(last, parent.length, false), 1);
    return doc;
  }
  if (!isMap(parent))
    throw new Error(`${what} operation does not apply: doc is missing path: "${path}": missing value`);
  if (!(last in parent)) throw new Error(`Unable to remove nonexistent key: ${last}: missing value`);
  delete parent[last];
  return doc;
}

/**
 * Applies a JSON patch (a list of operations) to `doc` and returns the result (a new value).
 * Throws an Error naming the failing operation and path.
 */
export function applyJsonPatch<T = unknown>(doc: unknown, ops: JsonPatchOperation[]): T {
  if (!Array.isArray(ops)) throw new Error('json patch must be a list of operations');
  let cur: unknown = deepClone(doc);
  for (const op of ops) {
    if (!isMap(op) || typeof op.op !== 'string') throw new Error('Unexpected kind: unknown');
    if (typeof op.path !== 'string') throw new Error(`${op.op} operation does not apply: missing path`);
    switch (op.op) {
      case 'add':
        if (!('value' in op))
          throw new Error(`add operation does not apply: missing value for path: "${op.path}"`);
        cur = add(cur, op.path, deepClone(op.value));
        break;
      case 'remove':
        cur = remove(cur, op.path);
        break;
      case 'replace': {
        if (!('value' in op))
          throw new Error(`replace operation does not apply: missing value for path: "${op.path}"`);
        const segs = parsePointer(op.path);
        if (segs.length === 0) {
          cur = deepClone(op.value);
          break;
        }
        if (!get(cur, segs).found)
          throw new Error(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
        const parent = parentOf(cur, segs) as Container;
        const last = segs[segs.length - 1];
        if (Array.isArray(parent)) parent[Number(last)] = deepClone(op.value);
        else parent[last] = deepClone(op.value);
        break;
      }
      case 'move': {
        if (typeof op.from !== 'string') throw new Error('move operation does not apply: missing from');
        const from = get(cur, parsePointer(op.from));
        if (!from.found)
          throw new Error(
            `move operation does not apply: doc is missing from path: ${op.from}: missing value`,
          );
        if (op.path.startsWith(`${op.from}/`))
          throw new Error(`move operation does not apply: path ${op.path} is inside from ${op.from}`);
        cur = remove(cur, op.from, 'move');
        cur = add(cur, op.path, from.value, 'move');
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw new Error('copy operation does not apply: missing from');
        const from = get(cur, parsePointer(op.from));
        if (!from.found)
          throw new Error(
            `copy operation does not apply: doc is missing from path: ${op.from}: missing value`,
          );
        cur = add(cur, op.path, deepClone(from.value), 'copy');
        break;
      }
      case 'test': {
        const at = get(cur, parsePointer(op.path));
        const expected = op.value === undefined ? null : op.value;
        if (!(at.found ? deepEqual(at.value, expected) : expected === null)) {
          throw new Error(`testing value ${op.path} failed: test failed`);
        }
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${String((op as { op: unknown }).op)}`);
    }
  }
  return cur as T;
}
