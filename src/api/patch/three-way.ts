/**
 * The three-way strategic merge patch `kubectl apply` sends, mirroring strategicpatch
 * `CreateThreeWayMergePatch` (with `overwrite=true`, kubectl's default): deletions come from
 * last-applied → new config, additions and changes from live → new config, so fields other actors
 * set (status, defaults, nodeName, labels added by hand) are kept.
 *
 * Left out: the `--overwrite=false` conflict check (`MergingMapsHaveConflicts`) and preconditions.
 */
import { deepClone, type JsonMap } from './json-value';
import { patchTypeForKind } from './patch-meta';
import { diffMaps, mergeMap } from './strategic-merge';

/** Options of createThreeWayMergePatch. */
export interface ThreeWayOptions {
  /** Reserved for `--overwrite=false`; only `true` (the default) is implemented. */
  overwrite?: boolean;
}

/**
 * A strategic merge patch that, applied to `current` (the live object), gives the object
 * `kubectl apply` wants: `original` is the last-applied configuration (may be empty), `modified`
 * the new configuration. Never mutates its inputs.
 */
export function createThreeWayMergePatch(
  original: object | null | undefined,
  modified: object,
  current: object,
  kind: string,
  opts: ThreeWayOptions = {},
): JsonMap {
  if (opts.overwrite === false) throw new Error('createThreeWayMergePatch: overwrite=false is not supported');
  const type = patchTypeForKind(kind);
  const orig = (original ?? {}) as JsonMap;
  const mod = modified as JsonMap;
  const cur = current as JsonMap;
  const delta = diffMaps(cur, mod, type, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(orig, mod, type, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeMap(deepClone(deletions), deepClone(delta), type, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
}
