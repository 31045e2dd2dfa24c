/**
 * resource.Quantity, mirroring k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go, amount.go).
 *
 * A quantity is an exact decimal `value × 10^scale` (BigInt, so millis and bytes stay exact up to Ei)
 * with a format (DecimalSI, BinarySI, DecimalExponent). Parsing follows upstream's scanner, its fast
 * path (which keeps an already-canonical input string, e.g. `100m`, `1E3`) and its slow path (values
 * rounded up to 1n, BinarySI capped at 2^63-1). `quantityToString` is upstream's `String()`.
 * Left out: protobuf form, `AsApproximateFloat64` precision quirks. Differs: DecimalSI values of 10^21
 * and more print with an `E` suffix (upstream emits a wrong suffix-less string there).
 */

/** How a quantity prints: `12e6`, `12Mi` or `12M`. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** An exact quantity: `value × 10^scale`, printed in `format`. Treat as immutable. */
export interface Quantity {
  readonly value: bigint;
  readonly scale: number;
  readonly format: QuantityFormat;
  /** The original text when upstream would keep it as the canonical string. */
  readonly s?: string;
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** upstream `ErrFormatWrong`. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
/** upstream `ErrNumeric`. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** upstream `ErrSuffix`. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const NANO = -9;

const DEC_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIXES).map(([k, v]) => [v, k]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIXES).map(([k, v]) => [v, k]));

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** upstream `parseQuantityString`: splits sign, numerator, denominator and suffix. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  let i = pos;
  for (; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) break;
  }
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (; ; j++) {
      if (j >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[j])) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!'eEinumkKMGTP'.includes(str[k])) {
      pos = k;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[k])) break;
  }
  throw new Error(ERR_FORMAT_WRONG);
}

/** upstream suffixer `interpret`: base, exponent and format of a suffix. */
function interpret(s: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (s in DEC_SUFFIXES) return { base: 10, exponent: DEC_SUFFIXES[s], format: 'DecimalSI' };
  if (s in BIN_SUFFIXES) return { base: 2, exponent: BIN_SUFFIXES[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const n = BigInt(rest);
    if (n > INT64_MAX || n < INT64_MIN) return undefined;
    // Go truncates the parsed int64 to int32.
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * upstream `resource.ParseQuantity`: `100m`, `1.5Gi`, `2`, `1e3`, `0.5`. Numbers (as YAML/JSON give
 * them) are parsed from their decimal text. Throws an Error with upstream's message on bad input.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) throw new Error(ERR_FORMAT_WRONG);
  if (str === '0') return { value: 0n, scale: 0, format: 'DecimalSI', s: '0' };
  const { positive, value, num, denom, suffix } = scan(str);
  const suf = interpret(suffix);
  if (!suf) throw new Error(ERR_SUFFIX);
  const { base, exponent } = suf;
  let { format } = suf;

  let precision: number;
  let scale: number;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    scale = 0;
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((exponent * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      let result = v * mantissa;
      if (result <= INT64_MAX) {
        if (!positive) result = -result;
        const keep =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (v & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return keep ? { value: result, scale, format, s: str } : { value: result, scale, format };
      }
    }
  }

  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) throw new Error(ERR_NUMERIC);
  const unsigned = value.replace(/^[+-]/, '');
  const dot = unsigned.indexOf('.');
  const fracLen = dot < 0 ? 0 : unsigned.length - dot - 1;
  let amount = BigInt(unsigned.replace('.', '') || '0');
  let amountScale = -fracLen;
  if (base === 10) amountScale += exponent;
  else amount *= 1n << BigInt(exponent);
  if (amount !== 0n && amountScale < NANO) {
    const div = pow10(NANO - amountScale);
    amount = (amount + div - 1n) / div;
    amountScale = NANO;
  }
  if (format === 'BinarySI' && cmpRaw(amount, amountScale, INT64_MAX, 0) > 0) {
    amount = INT64_MAX;
    amountScale = 0;
  }
  if (format === 'BinarySI' && amount !== 0n && cmpRaw(amount, amountScale, 1n, 0) < 0) format = 'DecimalSI';
  return { value: positive ? amount : -amount, scale: amountScale, format };
}

function cmpRaw(av: bigint, as: number, bv: bigint, bs: number): number {
  const s = Math.min(as, bs);
  const a = av * pow10(as - s);
  const b = bv * pow10(bs - s);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two quantities: -1, 0 or 1 (upstream `Cmp`). */
export function compare(a: Quantity, b: Quantity): number {
  return cmpRaw(a.value, a.scale, b.value, b.scale);
}

/** True when both quantities have the same value (format ignored). */
export function quantityEquals(a: Quantity, b: Quantity): boolean {
  return compare(a, b) === 0;
}

/** True for zero (upstream `IsZero`). */
export function isZero(q: Quantity): boolean {
  return q.value === 0n;
}

/** -1, 0 or 1 (upstream `Sign`). */
export function sign(q: Quantity): number {
  return q.value < 0n ? -1 : q.value > 0n ? 1 : 0;
}

function aligned(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const s = Math.min(a.scale, b.scale);
  return [a.value * pow10(a.scale - s), b.value * pow10(b.scale - s), s];
}

/** `a + b`, in a's format (b's when a is zero), as upstream's `Add`. */
export function add(a: Quantity, b: Quantity): Quantity {
  const [x, y, s] = aligned(a, b);
  return { value: x + y, scale: s, format: a.value === 0n ? b.format : a.format };
}

/** `a - b`, in a's format (b's when a is zero), as upstream's `Sub`. */
export function sub(a: Quantity, b: Quantity): Quantity {
  const [x, y, s] = aligned(a, b);
  return { value: x - y, scale: s, format: a.value === 0n ? b.format : a.format };
}

/** `-q` (upstream `Neg`). */
export function neg(q: Quantity): Quantity {
  return { value: -q.value, scale: q.scale, format: q.format };
}

/** The sum of quantities (zero DecimalSI for none). */
export function sum(qs: Quantity[]): Quantity {
  return qs.reduce<Quantity>((acc, q) => add(acc, q), { value: 0n, scale: 0, format: 'DecimalSI' });
}

/** upstream `ScaledValue(scale)`: the value in units of 10^scale, rounded away from zero. */
export function scaledValue(q: Quantity, scale: number): bigint {
  if (q.scale >= scale) return q.value * pow10(q.scale - scale);
  const div = pow10(scale - q.scale);
  const a = abs(q.value);
  const r = (a + div - 1n) / div;
  return q.value < 0n ? -r : r;
}

/** upstream `MilliValue()` as a BigInt (exact). */
export function toMilliBig(q: Quantity): bigint {
  return scaledValue(q, -3);
}

/** upstream `MilliValue()` (rounded away from zero): `100m` → 100, `1` → 1000. */
export function toMilli(q: Quantity): number {
  return Number(toMilliBig(q));
}

/** upstream `Value()` (rounded away from zero) as a BigInt. */
export function toValueBig(q: Quantity): bigint {
  return scaledValue(q, 0);
}

/** upstream `Value()` (rounded away from zero): `1Gi` → 1073741824, `100m` → 1. */
export function toValue(q: Quantity): number {
  return Number(toValueBig(q));
}

/** upstream `AsApproximateFloat64`: `100m` → 0.1. */
export function toNumber(q: Quantity): number {
  return q.scale >= 0 ? Number(q.value * pow10(q.scale)) : Number(q.value) / 10 ** -q.scale;
}

/** upstream `NewMilliQuantity(n, format)`. */
export function fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { value: BigInt(milli), scale: -3, format };
}

/** upstream `NewQuantity(n, format)` (integers). */
export function fromValue(v: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { value: BigInt(v), scale: 0, format };
}

/** upstream `NewScaledQuantity(value, scale)` (DecimalSI). */
export function fromScaled(v: number | bigint, scale: number): Quantity {
  return { value: BigInt(v), scale, format: 'DecimalSI' };
}

/** Mantissa and base-10 exponent (a multiple of 3) as upstream's `AsCanonicalBytes`. */
function canonicalDecimal(value: bigint, scale: number): [bigint, number] {
  let m = value;
  let e = scale;
  while (m !== 0n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (((e % 3) + 3) % 3 !== 0) {
    m *= 10n;
    e--;
  }
  return [m, e];
}

/** upstream `Quantity.String()`: the canonical form, e.g. `1536Mi`, `500m`, `1k`, `1e3`. */
export function quantityToString(q: Quantity): string {
  if (q.s !== undefined) return q.s;
  if (q.value === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    if (compare(q, fromValue(-1024)) > 0 && compare(q, fromValue(1024)) < 0) format = 'DecimalSI';
    else if (q.scale < 0 && q.value % pow10(-q.scale) !== 0n) format = 'DecimalSI';
  } else if (format !== 'DecimalSI') format = 'DecimalExponent';

  if (format === 'BinarySI') {
    let v = q.scale >= 0 ? q.value * pow10(q.scale) : q.value / pow10(-q.scale);
    let times = 0;
    while (abs(v) >= 1024n && v % 1024n === 0n && times < 6) {
      v /= 1024n;
      times++;
    }
    return `${v}${BIN_BY_EXP.get(times * 10) ?? ''}`;
  }
  let [m, e] = canonicalDecimal(q.value, q.scale);
  if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  while (e > 18) {
    m *= 1000n;
    e -= 3;
  }
  return `${m}${DEC_BY_EXP.get(e) ?? ''}`;
}

/** Parses and re-prints: the canonical form of a quantity string (throws on bad input). */
export function canonicalize(s: string | number): string {
  return quantityToString(parseQuantity(s));
}

/** The canonical string of `q` with a different format (upstream: set `q.Format`, then `String()`). */
export function withFormat(q: Quantity, format: QuantityFormat): Quantity {
  return { value: q.value, scale: q.scale, format };
}
