/**
 * `--sort-by` (kubectl pkg/cmd/get/sorter.go): the field is a relaxed JSONPath evaluated on each
 * object; numbers compare numerically, two quantities (`100m`, `1Gi`) by value, other strings byte by
 * byte (natural order was dropped in v1.31), booleans false < true; objects missing the field sort
 * first. Equal keys keep their order, as sort.Sort's insertion sort does for short lists; longer
 * lists are not shuffled like its pdqsort.
 */
import { compare as compareQuantity, parseQuantity } from '../../api/quantity';
import { CmdError } from '../framework/command';
import { JsonPath, relaxedJsonPath } from './jsonpath';

function quantityOf(v: unknown): ReturnType<typeof parseQuantity> | undefined {
  if (typeof v !== 'string' || !/^[+-]?[0-9.]/.test(v)) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  const qa = quantityOf(a);
  const qb = quantityOf(b);
  if (qa && qb && !/^\d{4}-/.test(String(a))) return compareQuantity(qa, qb) < 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return JSON.stringify(a) < JSON.stringify(b);
}

/** The error of a sort field found in none of the objects. */
export function missingSortField(field: string): CmdError {
  let path = field;
  try {
    path = relaxedJsonPath(field);
  } catch {
    // reported by sortByField
  }
  return new CmdError(`couldn't find any field with path ${JSON.stringify(path)} in the list of objects`);
}

/** Sorts `items` by the value at `field` (stable); `objOf` gives the object of each item. */
export function sortByField<T>(items: T[], field: string, objOf: (t: T) => unknown): T[] {
  let jp: JsonPath;
  try {
    jp = new JsonPath(relaxedJsonPath(field), { allowMissingKeys: true });
  } catch (e) {
    throw new CmdError((e as Error).message);
  }
  const keyed = items.map((t, i) => {
    const groups = jp.findResults(objOf(t));
    const v = groups.length && groups[0].length ? groups[0][0] : undefined;
    return { t, i, v };
  });
  if (keyed.length && keyed.every((k) => k.v === undefined)) throw missingSortField(field);
  keyed.sort((x, y) => {
    // Upstream's Less says "less" for a missing value whatever the other is; sort.Sort's insertion
    // sort (up to 12 items) therefore puts the missing ones first, in reverse order.
    if (x.v === undefined && y.v === undefined) return y.i - x.i;
    if (x.v === undefined) return -1;
    if (y.v === undefined) return 1;
    if (less(x.v, y.v)) return -1;
    if (less(y.v, x.v)) return 1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.t);
}
