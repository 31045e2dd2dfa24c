/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field renders them:
 * `<path>: <Type>: <detail>` — e.g. `spec.containers[0].image: Required value`.
 */

/** The error types of apimachinery's field package. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'InternalError';

/** One validation failure at a field path. */
export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with indexes, e.g. `spec.containers[0].image`. */
  field: string;
  /** The offending value (omitted for Required/Forbidden/TooMany/Internal). */
  badValue?: unknown;
  detail?: string;
  /** For FieldValueNotSupported: the accepted values. */
  supported?: string[];
}

/** Formats a bad value the way apimachinery does (%q for strings, %d for numbers, ...). */
export function formatBadValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Go's %#v forms, which apimachinery falls back to for composite values.
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return `[]interface {}{${v.map((x) => formatBadValue(x)).join(', ')}}`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.every(([, x]) => typeof x === 'string'))
    return `map[string]string{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
      .join(', ')}}`;
  return '"object"';
}

/** The body of an error (without the field path), e.g. `Required value` or `Invalid value: "x": detail`. */
export function fieldErrorBody(e: FieldError): string {
  const withDetail = (s: string) => (e.detail ? `${s}: ${e.detail}` : s);
  switch (e.type) {
    case 'FieldValueRequired':
      return withDetail('Required value');
    case 'FieldValueInvalid':
      return withDetail(`Invalid value: ${formatBadValue(e.badValue)}`);
    case 'FieldValueNotSupported': {
      let s = `Unsupported value: ${formatBadValue(e.badValue)}`;
      if (e.supported?.length) s += `: supported values: ${e.supported.map((x) => JSON.stringify(x)).join(', ')}`;
      return s;
    }
    case 'FieldValueDuplicate':
      return withDetail(`Duplicate value: ${formatBadValue(e.badValue)}`);
    case 'FieldValueForbidden':
      return withDetail('Forbidden');
    case 'FieldValueTooLong':
      return withDetail('Too long');
    case 'FieldValueTooMany':
      return withDetail(e.badValue === undefined ? 'Too many' : `Too many: ${formatBadValue(e.badValue)}`);
    case 'FieldValueNotFound':
      return withDetail(`Not found: ${formatBadValue(e.badValue)}`);
    case 'InternalError':
      return withDetail('Internal error');
  }
}

/** `<field>: <body>` as in apimachinery's `field.Error.Error()`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** Builders, mirroring `field.Required(path, detail)` and friends. */
export const fieldError = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  invalid: (field: string, badValue: unknown, detail = ''): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    badValue,
    detail,
  }),
  notSupported: (field: string, badValue: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    badValue,
    supported,
  }),
  duplicate: (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, badValue }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  tooLong: (field: string, badValue: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    badValue,
    detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}`,
    badValue: actual,
  }),
  notFound: (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueNotFound', field, badValue }),
  internal: (field: string, detail: string): FieldError => ({ type: 'InternalError', field, detail }),
};
