/**
 * JSON merge patch (RFC 7386), as the apiserver applies `application/merge-patch+json` and as
 * evanphx/json-patch's `CreateMergePatch` computes one (used by kubectl for custom resources).
 * Lists are replaced whole; `null` deletes a key. Never mutates its inputs.
 */
import { deepClone, deepEqual, isMap, type JsonMap } from './json-value';

function apply(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return deepClone(patch);
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete out[k];
    else out[k] = apply(out[k], v);
  }
  return out;
}

/** Applies an RFC 7386 merge patch to `target` and returns the result (a new value). */
export function applyMergePatch<T = unknown>(target: unknown, patch: unknown): T {
  return deepClone(apply(target, patch)) as T;
}

function diff(original: JsonMap, modified: JsonMap): JsonMap {
  const patch: JsonMap = {};
  for (const k of Object.keys(modified)) {
    const mv = modified[k];
    if (!(k in original)) {
      patch[k] = deepClone(mv);
      continue;
    }
    const ov = original[k];
    if (isMap(ov) && isMap(mv)) {
      const sub = diff(ov, mv);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!deepEqual(ov, mv)) {
      patch[k] = deepClone(mv);
    }
  }
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  return patch;
}

/** A merge patch that turns `original` into `modified` (`{}` when they are equal). */
export function createMergePatch(original: object, modified: object): JsonMap {
  if (!isMap(original) || !isMap(modified))
    throw new Error('createMergePatch: both documents must be JSON objects');
  return diff(original, modified);
}
