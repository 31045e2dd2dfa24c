/**
 * Small formatting helpers the printers share: label maps and selectors (apimachinery labels.FormatLabels,
 * metav1.FormatLabelSelector, LabelSelectorAsSelector(...).String()), container cells, access modes and
 * storage classes (pkg/apis/core/helper), printBoolPtr. Label and selector strings come from
 * src/api/labels.ts.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Container } from 'kubernetes-types/core/v1';
import {
  formatLabelSelector as formatSelector,
  labelSetToString,
  selectorFromLabelSelector,
  selectorToString,
} from '../labels';

/** `labels.Set(m).String()`: `k=v` pairs sorted by key, joined by commas; `''` for none. */
export function labelsString(m: Record<string, string> | undefined | null): string {
  return labelSetToString(m);
}

/** `labels.FormatLabels`: like labelsString but `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  return labelsString(m) || '<none>';
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key; `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`. Empty or missing selectors give `''`; an invalid one gives undefined.
 */
export function selectorString(sel: LabelSelector | undefined | null): string | undefined {
  try {
    return selectorToString(selectorFromLabelSelector(sel));
  } catch {
    return undefined;
  }
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return formatSelector(sel);
}

/** layoutContainerCells: container names and images, each joined by commas. */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** helper.GetAccessModesAsString: `RWO`, `ROX`, `RWX`, `RWOP` in that order, deduplicated. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  const out: string[] = [];
  if (have.has('ReadWriteOnce')) out.push('RWO');
  if (have.has('ReadOnlyMany')) out.push('ROX');
  if (have.has('ReadWriteMany')) out.push('RWX');
  if (have.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** The beta storage-class annotation that, when present, wins over `spec.storageClassName`. */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetPersistentVolumeClass / GetPersistentVolumeClaimClass: annotation first, then the field. */
export function storageClassOf(
  annotations: Record<string, string> | undefined,
  field: string | undefined | null,
): string {
  const a = annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (a !== undefined) return a;
  return field ?? '';
}

/** printBoolPtr: `True`, `False`, or `<unset>` for a missing value. */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** net.JoinHostPort: brackets IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** listWithMoreString: `a,b,c + N more...`, or `<unset>` for an empty list. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

/** A quantity as stored (`resource.Quantity.String()` of a missing quantity is `0`). */
export function quantity(q: string | number | undefined | null): string {
  if (q === undefined || q === null || q === '') return '0';
  return String(q);
}
