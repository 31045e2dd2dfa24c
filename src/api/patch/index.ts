/**
 * The patch formats the apiserver accepts (JSON patch, JSON merge patch, strategic merge patch) and
 * the strategic patches clients compute (two-way for `kubectl edit`/`patch`, three-way for `apply`).
 */
export { applyJsonPatch, parsePointer, escapePointerSegment, type JsonPatchOperation } from './json-patch';
export { applyMergePatch, createMergePatch } from './merge-patch';
export { applyStrategicMergePatch, createTwoWayMergePatch, patchErrors } from './strategic-merge';
export { createThreeWayMergePatch, type ThreeWayOptions } from './three-way';
export {
  PATCH_SCHEMA,
  KIND_PATCH_TYPES,
  patchTypeForKind,
  lookupPatchMeta,
  patchMetaForPath,
  type FieldPatchMeta,
  type PatchMetaLookup,
} from './patch-meta';
export { deepClone, deepEqual, isMap, type JsonMap } from './json-value';
