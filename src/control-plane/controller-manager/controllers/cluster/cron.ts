/**
 * Cron schedules as the CronJob controller reads them (upstream uses robfig/cron/v3's standard parser):
 * five fields (minute hour day-of-month month day-of-week) with `*`, `?`, lists, ranges, steps and
 * month/day names, the macros @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly, an optional
 * `CRON_TZ=`/`TZ=` prefix, and an IANA time zone (via Intl). Day-of-month and day-of-week combine with
 * OR when both are restricted, AND when either is `*` (as robfig does).
 * Left out: `@every` (CronJob validation refuses it too).
 */

/** A parsed schedule. */
export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  timeZone?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseValue(s: string, names: string[] | undefined, offset: number): number {
  const lower = s.toLowerCase();
  if (names) {
    const i = names.indexOf(lower);
    if (i >= 0) return i + offset;
  }
  if (!/^\d+$/.test(s))
    throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

function parseField(
  field: string,
  min: number,
  max: number,
  names?: string[],
  offset = 0,
): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of field.split(',')) {
    const [range, stepStr] = part.split('/');
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
      if (stepStr === undefined) star = true;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, names, offset);
      hi = parseValue(b, names, offset);
    } else {
      lo = parseValue(range, names, offset);
      hi = stepStr !== undefined ? max : lo;
    }
    const step = stepStr === undefined ? 1 : parseValue(stepStr, undefined, 0);
    if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
    if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${part}`);
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

/** Parses a schedule (throws with robfig-like messages). `timeZone` is `spec.timeZone`. */
export function parseCron(schedule: string, timeZone?: string): CronSchedule {
  let s = schedule.trim();
  let tz = timeZone;
  const m = /^(CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(s);
  if (m) {
    tz = m[2];
    s = m[3];
  }
  if (s.startsWith('@')) {
    const macro = MACROS[s.toLowerCase()];
    if (!macro) throw new Error(`unrecognized descriptor: ${s}`);
    s = macro;
  }
  const f = s.split(/\s+/).filter(Boolean);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: ${s}`);
  if (tz) zoned(0, tz); // throws for an unknown zone
  const dom = parseField(f[2], 1, 31);
  const dow = parseField(f[4], 0, 7, DAYS);
  if (dow.set.has(7)) {
    dow.set.delete(7);
    dow.set.add(0);
  }
  return {
    minute: parseField(f[0], 0, 59).set,
    hour: parseField(f[1], 0, 23).set,
    dom: dom.set,
    month: parseField(f[3], 1, 12, MONTHS, 1).set,
    dow: dow.set,
    domStar: dom.star,
    dowStar: dow.star,
    timeZone: tz && tz !== 'UTC' && tz !== 'Etc/UTC' ? tz : undefined,
  };
}

interface Fields {
  minute: number;
  hour: number;
  dom: number;
  month: number;
  dow: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of `ms` in `tz` (UTC when undefined). */
function zoned(ms: number, tz: string | undefined): Fields {
  const d = new Date(ms);
  if (!tz)
    return {
      minute: d.getUTCMinutes(),
      hour: d.getUTCHours(),
      dom: d.getUTCDate(),
      month: d.getUTCMonth() + 1,
      dow: d.getUTCDay(),
    };
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      minute: 'numeric',
      hour: 'numeric',
      day: 'numeric',
      month: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour) % 24,
    dom: Number(parts.day),
    month: Number(parts.month),
    dow: DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3)),
  };
}

function dayMatches(s: CronSchedule, f: Fields): boolean {
  const d = s.dom.has(f.dom);
  const w = s.dow.has(f.dow);
  if (s.domStar || s.dowStar) return d && w;
  return d || w;
}

/** The first schedule time strictly after `after` (ms), or undefined within five years. */
export function nextAfter(s: CronSchedule, after: number): number | undefined {
  let t = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = after + 5 * 366 * 86_400_000;
  while (t <= limit) {
    const f = zoned(t, s.timeZone);
    if (!s.month.has(f.month) || !dayMatches(s, f)) {
      t += (24 * 60 - (f.hour * 60 + f.minute)) * 60_000;
      continue;
    }
    if (!s.hour.has(f.hour)) {
      t += (60 - f.minute) * 60_000;
      continue;
    }
    if (!s.minute.has(f.minute)) {
      t += 60_000;
      continue;
    }
    return t;
  }
  return undefined;
}
