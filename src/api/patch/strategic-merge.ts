/**
 * Strategic merge patch, mirroring k8s.io/apimachinery/pkg/util/strategicpatch/patch.go: applying a
 * patch (`StrategicMergeMapPatch`) and computing one (`CreateTwoWayMergeMapPatch`), with the
 * directives `$patch: replace|delete`, `$deleteFromPrimitiveList/<f>`, `$setElementOrder/<f>` and
 * `$retainKeys`, merge lists keyed by their merge key, and upstream's element-order rules
 * (`$setElementOrder` > order in the patch > order in the live list).
 *
 * Field metadata comes from ./patch-meta (a hand-written table instead of Go struct tags); an unknown
 * field is treated as untagged (maps merge, lists replace) instead of failing the lookup.
 * Left out: `MergingMapsHaveConflicts` (only used by `kubectl apply --overwrite=false`).
 * Never mutates its inputs.
 */
import { deepClone, deepEqual, goFormat, isMap, jsonType, type JsonMap } from './json-value';
import { lookupPatchMeta, patchTypeForKind, splitStrategies } from './patch-meta';

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** upstream mergepatch errors. */
export const patchErrors = {
  noListOfLists: 'lists of lists are not supported',
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  retainKeysMismatch: "patch content doesn't match retainKeys list",
  noMergeKey: (m: unknown, key: string) => `map: ${goFormat(m)} does not contain declared merge key: ${key}`,
  badPatchType: (t: unknown, m: unknown) => `unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`,
};

/** upstream MergeOptions. */
export interface MergeOptions {
  /** Server side: apply `$deleteFromPrimitiveList` and `$setElementOrder` (false when merging two patches). */
  mergeParallelList: boolean;
  /** Server side: a null for a missing key is dropped (false keeps it, to merge two patches). */
  ignoreUnmatchedNulls: boolean;
}

/** upstream DiffOptions. */
export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

type Kind = 'map' | 'scalar';

// ---------------------------------------------------------------------------------------------
// Ordering helpers.

/** Go's sort.SliceStable for small slices (insertion sort), kept so odd comparators behave the same. */
function stableSort<T>(arr: T[], less: (a: T, b: T) => boolean): T[] {
  const a = [...arr];
  for (let i = 1; i < a.length; i++) {
    for (let j = i; j > 0 && less(a[j], a[j - 1]); j--) {
      const t = a[j];
      a[j] = a[j - 1];
      a[j - 1] = t;
    }
  }
  return a;
}

function keyOf(item: unknown, mergeKey: string, kind: Kind): unknown {
  if (kind === 'map') return isMap(item) ? item[mergeKey] : undefined;
  return item;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: Kind): number {
  const v = keyOf(item, mergeKey, kind);
  return list.findIndex((x) => keyOf(x, mergeKey, kind) === v);
}

function validateMergeKeys(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item))
        throw new Error(`expected a map[string]interface {}, but received a ${goTypeName(item)}`);
      if (!(mergeKey in item)) throw new Error(patchErrors.noMergeKey(item, mergeKey));
    }
  }
}

function goTypeName(v: unknown): string {
  switch (jsonType(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'list':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    default:
      return '<nil>';
  }
}

function isDeleteDirective(v: unknown): boolean {
  return isMap(v) && v[DIRECTIVE] === DELETE;
}

/** upstream `normalizeSliceOrder`: sort by position in `order`; `$patch: delete` items go last. */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeys(mergeKey, toSort, order);
    toDelete = toSort.filter(isDeleteDirective);
    items = toSort.filter((x) => !isDeleteDirective(x));
  }
  const sorted = stableSort(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

/** upstream `mergeSortedSlice`: interleaves server-only items into patch items by live-list order. */
function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: Kind,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: Kind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inBy = new Set(by);
  return [list.filter((v) => inBy.has(v)), list.filter((v) => !inBy.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw new Error(`expected a map[string]interface {}, but received a ${goTypeName(v)}`);
    if (!(mergeKey in v)) throw new Error(patchErrors.noMergeKey(v, mergeKey));
    if (findByKey(by, mergeKey, v[mergeKey]) >= 0) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw new Error(`value for key ${i} is not a map.`);
    if (key in v && v[key] === value) return i;
  }
  return -1;
}

/** upstream `sliceElementType`: 'map' or 'scalar' for the elements of the slices; throws on mixes. */
function elementKind(...lists: unknown[][]): Kind {
  let prev: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = jsonType(v);
      const norm = t === 'int' || t === 'float' ? 'number' : t;
      if (prev === undefined) {
        prev = norm;
        if (norm === 'list') throw new Error(patchErrors.noListOfLists);
      } else if (prev !== norm) {
        throw new Error(`list element types are not identical: ${lists.map(goFormat).join(' ')}`);
      }
    }
  }
  if (prev === undefined) throw new Error('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

/** upstream `deduplicateScalars` (same in-place swap algorithm, so the same resulting order). */
function dedupeScalars(list: unknown[]): unknown[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function extractKey(s: string, prefix: string): string {
  const idx = s.indexOf('/');
  if (idx < 0 || s.slice(0, idx) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw new Error(patchErrors.badPrimitiveList);
    throw new Error(patchErrors.badSetElementOrder);
  }
  return s.slice(idx + 1);
}

// ---------------------------------------------------------------------------------------------
// Applying a patch.

/** Drops nulls (upstream `discardNullValuesFromPatch`) and directive keys from a value taken from a patch. */
function cleanNewValue(v: unknown, dropNulls: boolean): { value: unknown; keep: boolean } {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = cleanNewValue(x, dropNulls);
      if (c.keep) out.push(c.value);
    }
    return { value: out, keep: true };
  }
  if (isMap(v)) {
    if (v[DIRECTIVE] === DELETE) return { value: undefined, keep: false };
    const out: JsonMap = {};
    for (const k of Object.keys(v)) {
      if (
        k === DIRECTIVE ||
        k === RETAIN_KEYS ||
        k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`) ||
        k.startsWith(`${SET_ELEMENT_ORDER}/`)
      ) {
        continue;
      }
      if (v[k] === null && dropNulls) continue;
      const c = cleanNewValue(v[k], dropNulls);
      if (c.keep) out[k] = c.value;
    }
    return { value: out, keep: true };
  }
  return { value: v, keep: true };
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === REPLACE) {
    const out = { ...patch };
    delete out[DIRECTIVE];
    return out;
  }
  if (directive === DELETE) return {};
  throw new Error(patchErrors.badPatchType(directive, patch));
}

function applyRetainKeysDirective(original: JsonMap, patch: JsonMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (RETAIN_KEYS in original) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new Error(
          `${goFormat(original[RETAIN_KEYS])} and ${goFormat(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new Error(patchErrors.badRetainKeys);
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new Error(patchErrors.retainKeysMismatch);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergePatchIntoOriginal(
  original: JsonMap,
  patch: JsonMap,
  type: string | undefined,
  opts: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (key in original) {
        if (!deepEqual(original[key], order)) throw new Error(patchErrors.badSetElementOrder);
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order))
      throw new Error(`expected a []interface {}, but received a ${goTypeName(order)}`);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const originalList = original[field];
    const patchList = patch[field];
    if (foundOriginal && !Array.isArray(originalList)) {
      throw new Error(`expected a []interface {}, but received a ${goTypeName(originalList)}`);
    }
    if (foundPatch && !Array.isArray(patchList)) {
      throw new Error(`expected a []interface {}, but received a ${goTypeName(patchList)}`);
    }
    const meta = lookupPatchMeta(type, field);
    const { strategy } = splitStrategies(meta.strategies);
    const mergeKey = meta.mergeKey;
    validatePatchWithSetOrderList((patchList as unknown[]) ?? [], order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList as unknown[];
    else if (!foundOriginal && foundPatch) merged = patchList as unknown[];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(
        originalList as unknown[],
        patchList as unknown[],
        meta.type,
        strategy,
        mergeKey,
        false,
        opts,
      );
    } else continue;
    const [patchItems, serverOnly] = mergeKey
      ? partitionMaps(merged, order, mergeKey)
      : partitionPrimitives(merged, order);
    const kind = elementKind((originalList as unknown[]) ?? [], (patchList as unknown[]) ?? []);
    original[field] = normalizeElementOrder(
      patchItems,
      serverOnly,
      order,
      (originalList as unknown[]) ?? [],
      mergeKey,
      kind,
    );
    delete patch[field];
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw new Error(`expected a map[string]interface {}, but received a ${goTypeName(left)}`);
  if (!isMap(right))
    throw new Error(`expected a map[string]interface {}, but received a ${goTypeName(right)}`);
  if (!(mergeKey in left)) throw new Error(patchErrors.noMergeKey(left, mergeKey));
  if (!(mergeKey in right)) throw new Error(patchErrors.noMergeKey(right, mergeKey));
  return left[mergeKey] === right[mergeKey];
}

function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((x) => !isDeleteDirective(x)) : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    if (isMap(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new Error(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

function mergeSliceHandler(
  original: unknown,
  patch: unknown,
  type: string | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (!Array.isArray(original))
    throw new Error(`expected a []interface {}, but received a ${goTypeName(original)}`);
  if (!Array.isArray(patch))
    throw new Error(`expected a []interface {}, but received a ${goTypeName(patch)}`);
  if (strategy === MERGE) return mergeSlice(original, patch, type, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(
  original0: unknown[],
  patch0: unknown[],
  type: string | undefined,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): unknown[] {
  if (original0.length === 0 && patch0.length === 0) return original0;
  const kind = elementKind(original0, patch0);
  let original = original0;
  let patch = patch0;
  let merged: unknown[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const del = new Set(patch);
      return original.filter((v) => !del.has(v));
    }
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new Error(`cannot merge lists without merge key for ${type ?? ''}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, type, opts);
  }
  const [patchItems, serverOnly] = mergeKey
    ? partitionMaps(merged, patch, mergeKey)
    : partitionPrimitives(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let out = original;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(DIRECTIVE in m)) {
      plain.push(v);
      continue;
    }
    const t = m[DIRECTIVE];
    if (t === DELETE) {
      if (!(mergeKey in m)) throw new Error(patchErrors.noMergeKey(m, mergeKey));
      const value = m[mergeKey];
      out = out.filter((x) => !(isMap(x) && mergeKey in x && x[mergeKey] === value));
    } else if (t === REPLACE) {
      replace = true;
    } else if (t === MERGE) {
      throw new Error('merging lists cannot yet be specified in the patch');
    } else {
      throw new Error(patchErrors.badPatchType(t, m));
    }
  }
  if (replace) return [plain, []];
  return [out, plain];
}

function mergeSliceWithoutSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  type: string | undefined,
  opts: MergeOptions,
): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(mergeKey in m)) throw new Error(patchErrors.noMergeKey(m, mergeKey));
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, m, type, opts);
    else out.push(opts.ignoreUnmatchedNulls ? cleanNewValue(v, true).value : v);
  }
  return out;
}

/**
 * upstream `mergeMap`: merges `patch` into `original` (both are mutated; callers pass clones).
 * Exported for the three-way patch, which merges two patches with different options.
 */
export function mergeMap(
  original: JsonMap | null,
  patch: JsonMap,
  type: string | undefined,
  opts: MergeOptions,
): JsonMap {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: JsonMap = original ?? {};
  applyRetainKeysDirective(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, type, opts);
  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        orig[rawKey] = patchV;
        continue;
      }
      k = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    const setNew = () => {
      if (isDeleteList) return;
      if (!opts.mergeParallelList) {
        // Merging two patches (three-way): keep directives and nulls for the server to apply.
        orig[k] = patchV;
        return;
      }
      const c = cleanNewValue(patchV, opts.ignoreUnmatchedNulls);
      if (c.keep) orig[k] = c.value;
      else delete orig[k];
    };
    if (!(k in orig)) {
      setNew();
      continue;
    }
    const ot = jsonType(orig[k]);
    if (ot !== jsonType(patchV)) {
      setNew();
      continue;
    }
    const meta = lookupPatchMeta(type, k);
    const { strategy } = splitStrategies(meta.strategies);
    if (ot === 'map') {
      orig[k] =
        strategy !== REPLACE ? mergeMap(orig[k] as JsonMap, patchV as JsonMap, meta.type, opts) : patchV;
    } else if (ot === 'list') {
      orig[k] = mergeSliceHandler(orig[k], patchV, meta.type, strategy, meta.mergeKey, isDeleteList, opts);
    } else {
      orig[k] = patchV;
    }
  }
  return orig;
}

/**
 * Applies a strategic merge patch to an object of `kind` (upstream `StrategicMergeMapPatch`, as the
 * apiserver does for `application/strategic-merge-patch+json`). Returns a new object.
 */
export function applyStrategicMergePatch<T extends object>(original: T, patch: object, kind: string): T {
  if (!isMap(patch)) throw new Error('invalid JSON document');
  return mergeMap(
    deepClone(original as unknown as JsonMap),
    deepClone(patch as JsonMap),
    patchTypeForKind(kind),
    {
      mergeParallelList: true,
      ignoreUnmatchedNulls: true,
    },
  ) as unknown as T;
}

// ---------------------------------------------------------------------------------------------
// Computing a patch.

function sortScalars(list: unknown[]): unknown[] {
  return [...list].sort((a, b) => {
    const x = goFormat(a);
    const y = goFormat(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function sortMapsByKey(list: unknown[], mergeKey: string): JsonMap[] {
  for (const v of list) {
    if (!isMap(v)) throw new Error(`expected a map[string]interface {}, but received a ${goTypeName(v)}`);
  }
  return [...(list as JsonMap[])].sort((a, b) => {
    const x = goFormat(a[mergeKey]);
    const y = goFormat(b[mergeKey]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  o: DiffOptions,
): [unknown[], unknown[]] {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const oin = i < os.length;
    const min = j < ms.length;
    const osv = oin ? goFormat(os[i]) : '';
    const msv = min ? goFormat(ms[j]) : '';
    if (oin && min && osv === msv) {
      i++;
      j++;
    } else if (!oin || (oin && min && osv > msv)) {
      if (!o.ignoreChangesAndAdditions) add.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(os[i]);
      i++;
    }
  }
  return [add, dedupeScalars(del)];
}

function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  type: string | undefined,
  mergeKey: string,
  o: DiffOptions,
): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const os = sortMapsByKey(original, mergeKey);
  const ms = sortMapsByKey(modified, mergeKey);
  const keyStr = (m: JsonMap) => {
    if (!(mergeKey in m)) throw new Error(patchErrors.noMergeKey(m, mergeKey));
    return goFormat(m[mergeKey]);
  };
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const oin = i < os.length;
    const min = j < ms.length;
    const ok = oin ? keyStr(os[i]) : '';
    const mk = min ? keyStr(ms[j]) : '';
    if (oin && min && ok === mk) {
      const p = diffMaps(os[i], ms[j], type, o);
      if (Object.keys(p).length > 0) {
        p[mergeKey] = ms[j][mergeKey];
        patch.push(p);
      }
      i++;
      j++;
    } else if (!oin || (oin && min && ok > mk)) {
      if (!o.ignoreChangesAndAdditions) patch.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [mergeKey]: os[i][mergeKey], [DIRECTIVE]: DELETE });
      i++;
    }
  }
  return [patch, deletions];
}

function diffLists(
  original: unknown[],
  modified: unknown[],
  type: string | undefined,
  mergeKey: string,
  o: DiffOptions,
): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = elementKind(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, type, mergeKey, o);
    let patchList = changes;
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    let orderSame = original.length === modified.length;
    if (orderSame) {
      for (let i = 0; i < modified.length; i++) {
        if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) {
          orderSame = false;
          break;
        }
      }
    }
    patchList = [...patchList, ...deletions];
    let setOrder: unknown[] = [];
    if (
      o.setElementOrder &&
      ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!o.ignoreDeletions && patchList.length > 0))
    ) {
      setOrder = modified.map((v) => ({ [mergeKey]: (v as JsonMap)[mergeKey] }));
    }
    return [patchList, [], setOrder];
  }
  const [add, del] = diffListsOfScalars(original, modified, o);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  let setOrder: unknown[] = [];
  if (
    o.setElementOrder &&
    ((!o.ignoreDeletions && del.length > 0) ||
      (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)))
  ) {
    setOrder = modified;
  }
  return [patchList, del, setOrder];
}

/**
 * upstream `diffMaps`: the strategic patch that turns `original` into `modified`, as far as the
 * options allow. Exported for the three-way patch.
 */
export function diffMaps(
  original: JsonMap,
  modified: JsonMap,
  type: string | undefined,
  o: DiffOptions,
): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: unknown[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = deepClone(mv);
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string')
        throw new Error(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (jsonType(ov) !== jsonType(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = deepClone(mv);
      continue;
    }
    if (isMap(ov)) {
      const meta = lookupPatchMeta(type, key);
      const { retainKeys: rk, strategy } = splitStrategies(meta.strategies);
      if (strategy === REPLACE) {
        if (!o.ignoreChangesAndAdditions) patch[key] = deepClone(mv);
      } else {
        const p = diffMaps(ov, mv as JsonMap, meta.type, { ...o, buildRetainKeysDirective: rk });
        if (Object.keys(p).length > 0) patch[key] = p;
      }
    } else if (Array.isArray(ov)) {
      const meta = lookupPatchMeta(type, key);
      const { retainKeys: rk, strategy } = splitStrategies(meta.strategies);
      if (strategy === MERGE) {
        const [add, del, order] = diffLists(ov, mv as unknown[], meta.type, meta.mergeKey, {
          ...o,
          buildRetainKeysDirective: rk,
        });
        if (add.length > 0) patch[key] = deepClone(add);
        if (del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deepClone(del);
        if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = deepClone(order);
      } else if (!o.ignoreChangesAndAdditions && !deepEqual(ov, mv)) {
        patch[key] = deepClone(mv);
      }
    } else if (!o.ignoreChangesAndAdditions && !deepEqual(ov, mv)) {
      patch[key] = mv;
    }
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  const hasAdditionalNewField = Object.keys(original).some((k) => original[k] !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField)) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

/**
 * upstream `CreateTwoWayMergeMapPatch`: a strategic merge patch that turns `original` into
 * `modified` when applied with `applyStrategicMergePatch` (nulls for removed fields, `$patch: delete`
 * for removed merge-list items, `$setElementOrder` and `$deleteFromPrimitiveList` parallel lists).
 */
export function createTwoWayMergePatch(original: object, modified: object, kind: string): JsonMap {
  return diffMaps(original as JsonMap, modified as JsonMap, patchTypeForKind(kind), {
    setElementOrder: true,
  });
}
