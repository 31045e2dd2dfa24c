/**
 * The standard 5-field cron parser used by CronJob validation (robfig/cron v3 ParseStandard, which
 * kube-apiserver calls). Returns null for a valid schedule or the parser's error text.
 * Left out: `CRON_TZ=`/`TZ=` prefixes (validation rejects them anyway) and time-zone loading.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const minutes: Bounds = { min: 0, max: 59 };
const hours: Bounds = { min: 0, max: 23 };
const dom: Bounds = { min: 1, max: 31 };
const months: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const dow: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const descriptors = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function parseInt10(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const n = Number(expr);
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number | string {
  if (names) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined) return v;
  }
  return parseInt10(expr);
}

function getRange(expr: string, r: Bounds): string | null {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  const singleDigit = lowAndHigh.length === 1;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = parseInt10(rangeAndStep[1]);
    if (typeof st === 'string') return st;
    step = st;
    if (singleDigit) end = r.max;
    if (step > 1) {
      /* extra flag ignored */
    }
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return null;
}

/** Checks a schedule; returns null if valid or robfig/cron's error message. */
export function cronParseError(spec: string): string | null {
  if (spec.length === 0) return 'empty spec string';
  if (spec.startsWith('@')) {
    if (descriptors.has(spec)) return null;
    if (spec.startsWith('@every ')) {
      return /^@every (\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(spec)
        ? null
        : `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(spec.slice(7))}`;
    }
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.trim().split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const bounds = [minutes, hours, dom, months, dow];
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const err = getRange(part, bounds[i]);
      if (err) return err;
    }
  }
  return null;
}
