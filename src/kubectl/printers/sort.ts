/**
 * `--sort-by` (kubectl pkg/cmd/get/sorter.go): the field is a relaxed JSONPath evaluated on each
 * object; numbers compare numerically, strings with natural order (github.com/fvbommel/sortorder:
 * digit runs compare as numbers), quantities (`100m`, `1Gi`) by value, booleans false < true; objects
 * missing the field sort first. Stable, as upstream's sort.Stable.
 */
import { compare as compareQuantity, parseQuantity } from '../../api/quantity';
import { CmdError } from '../framework/command';
import { JsonPath, relaxedJsonPath } from './jsonpath';

/** sortorder.NaturalLess. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i];
    const cb = b[j];
    const da = ca >= '0' && ca <= '9';
    const db = cb >= '0' && cb <= '9';
    if (da && db) {
      let ei = i;
      while (ei < a.length && a[ei] >= '0' && a[ei] <= '9') ei++;
      let ej = j;
      while (ej < b.length && b[ej] >= '0' && b[ej] <= '9') ej++;
      const na = a.slice(i, ei).replace(/^0+/, '');
      const nb = b.slice(j, ej).replace(/^0+/, '');
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      if (ei - i !== ej - j) return ei - i < ej - j;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

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
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  return naturalLess(JSON.stringify(a), JSON.stringify(b));
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
  keyed.sort((x, y) => {
    if (x.v === undefined && y.v === undefined) return x.i - y.i;
    if (x.v === undefined) return -1;
    if (y.v === undefined) return 1;
    if (less(x.v, y.v)) return -1;
    if (less(y.v, x.v)) return 1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.t);
}
