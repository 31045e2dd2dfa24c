/**
 * Command-line flag parsing as spf13/pflag does it for cobra commands: `--flag=value`, `--flag value`,
 * `-n ns`, `-nns`, `-n=ns`, combined short booleans (`-Aw`), `--` ending flag parsing, flags anywhere
 * among the arguments, and pflag's exact error texts. Leaves out: normalized flag names, deprecated
 * and hidden-shorthand handling, and flag types kubectl does not use here.
 */

/** Value types the flags use (pflag's Bool, String, Int/Int64, StringSlice, StringArray, Duration). */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'duration' | 'raw';

/** A flag value after parsing. */
export type FlagValue = boolean | string | number | string[];

/** Declares one flag. */
export interface FlagDef {
  /** Long name, without `--`. */
  name: string;
  /** One-letter shorthand, without `-`. */
  short?: string;
  type: FlagType;
  /** Default value (false, '', 0 or [] when omitted). */
  default?: FlagValue;
  /** Usage text shown in help. */
  usage: string;
  /** Not shown in help (still accepted). */
  hidden?: boolean;
  /** Value used when the flag is given without `=value` (pflag NoOptDefVal; booleans have `true`). */
  noOptDefault?: string;
}

/** A flag parsing error (pflag's errors, shown as `error: <msg>` + `See '<cmd> --help' for usage.`). */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** Parsed flags: values by long name, plus which ones were set on the command line. */
export class ParsedFlags {
  private readonly values = new Map<string, FlagValue>();
  private readonly setNames = new Set<string>();
  constructor(readonly defs: readonly FlagDef[]) {
    for (const d of defs) this.values.set(d.name, defaultOf(d));
  }
  /** True when the flag was given on the command line (cobra `Flags().Changed`). */
  changed(name: string): boolean {
    return this.setNames.has(name);
  }
  /** Boolean value. */
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }
  /** String value ('' when unset). */
  string(name: string): string {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : v === undefined ? '' : String(v);
  }
  /** Integer value. */
  int(name: string): number {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : 0;
  }
  /** Slice/array value. */
  strings(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }
  /** Sets a value as if given on the command line (used by the parser). */
  set(def: FlagDef, raw: string): void {
    const name = flagDisplayName(def);
    const invalid = (why: string) =>
      new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(name)} flag: ${why}`);
    switch (def.type) {
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined) throw invalid(`strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
        this.values.set(def.name, b);
        break;
      }
      case 'int': {
        const n = parseGoInt(raw);
        if (n === undefined) throw invalid(`strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`);
        this.values.set(def.name, n);
        break;
      }
      case 'duration': {
        if (parseGoDuration(raw) === undefined) throw invalid(`time: invalid duration ${goQuote(raw)}`);
        this.values.set(def.name, raw);
        break;
      }
      case 'stringSlice': {
        const prev = this.setNames.has(def.name) ? this.strings(def.name) : [];
        this.values.set(def.name, [...prev, ...(raw === '' ? [] : parseCsvLine(raw))]);
        break;
      }
      case 'stringArray': {
        const prev = this.setNames.has(def.name) ? this.strings(def.name) : [];
        this.values.set(def.name, [...prev, raw]);
        break;
      }
      default:
        this.values.set(def.name, raw);
    }
    this.setNames.add(def.name);
  }
}

function defaultOf(d: FlagDef): FlagValue {
  if (d.default !== undefined) return Array.isArray(d.default) ? [...d.default] : d.default;
  switch (d.type) {
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'stringSlice':
    case 'stringArray':
      return [];
    case 'duration':
      return '0s';
    default:
      return '';
  }
}

/** `-A, --all-namespaces` or `--chunk-size`, as pflag names a flag in errors. */
export function flagDisplayName(d: FlagDef): string {
  return d.short ? `-${d.short}, --${d.name}` : `--${d.name}`;
}

/** Go's %q for a plain string (enough for command-line text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64) for values that fit a JS number. */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*|0)$/.exec(s);
  if (!m) return undefined;
  const body = m[2].replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  if (Number.isNaN(n)) return undefined;
  return m[1] === '-' ? -n : n;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration, in milliseconds; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * DURATION_UNITS[part[2]];
  return m[1] === '-' ? -total : total;
}

/** Splits one CSV record (encoding/csv), as pflag's StringSlice does. */
export function parseCsvLine(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < s.length) {
    const ch = s[i];
    if (fieldStart && ch === '"') {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    fieldStart = false;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cur += ch;
      i++;
      continue;
    }
    if (ch === ',') {
      out.push(cur);
      cur = '';
      fieldStart = true;
      i++;
      continue;
    }
    cur += ch;
    i++;
  }
  out.push(cur);
  return out;
}

/** Result of parsing: positional arguments, the flags, and where `--` was (cobra ArgsLenAtDash, -1 if none). */
export interface ParseResult {
  args: string[];
  flags: ParsedFlags;
  argsLenAtDash: number;
}

/** Parses `argv` against the flag definitions, interspersed flags allowed (pflag `Parse`). */
export function parseFlags(argv: readonly string[], defs: readonly FlagDef[]): ParseResult {
  const flags = new ParsedFlags(defs);
  const byName = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const args: string[] = [];
  let argsLenAtDash = -1;
  let rest = [...argv];
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        argsLenAtDash = args.length;
        args.push(...rest);
        break;
      }
      rest = parseLong(s, rest, byName, flags);
    } else {
      let shorts = s.slice(1);
      while (shorts.length > 0) [shorts, rest] = parseShort(shorts, rest, byShort, flags);
    }
  }
  return { args, flags, argsLenAtDash };
}

function noOpt(d: FlagDef): string | undefined {
  return d.noOptDefault ?? (d.type === 'bool' ? 'true' : undefined);
}

function parseLong(s: string, rest: string[], byName: Map<string, FlagDef>, flags: ParsedFlags): string[] {
  const body = s.slice(2);
  if (body.length === 0 || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
  const eq = body.indexOf('=');
  const name = eq >= 0 ? body.slice(0, eq) : body;
  const def = byName.get(name);
  if (!def) throw new FlagError(`unknown flag: --${name}`);
  if (eq >= 0) {
    flags.set(def, body.slice(eq + 1));
    return rest;
  }
  const no = noOpt(def);
  if (no !== undefined) {
    flags.set(def, no);
    return rest;
  }
  if (rest.length > 0) {
    flags.set(def, rest[0]);
    return rest.slice(1);
  }
  throw new FlagError(`flag needs an argument: ${s}`);
}

function parseShort(
  shorts: string,
  rest: string[],
  byShort: Map<string, FlagDef>,
  flags: ParsedFlags,
): [string, string[]] {
  const c = shorts[0];
  const def = byShort.get(c);
  if (!def) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
  const no = noOpt(def);
  if (shorts.length > 2 && shorts[1] === '=') {
    flags.set(def, shorts.slice(2));
    return ['', rest];
  }
  if (no !== undefined) {
    flags.set(def, no);
    return [shorts.slice(1), rest];
  }
  if (shorts.length > 1) {
    flags.set(def, shorts.slice(1));
    return ['', rest];
  }
  if (rest.length > 0) {
    flags.set(def, rest[0]);
    return ['', rest.slice(1)];
  }
  throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
}

/**
 * cobra's stripFlags: the non-flag words of `argv`, used to find which (sub)command is meant. A long
 * flag without `=` that is not boolean, or a two-letter short flag that is not boolean, eats the next word.
 */
export function stripFlags(argv: readonly string[], defs: readonly FlagDef[]): string[] {
  const commands: string[] = [];
  const byName = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  let args = [...argv];
  while (args.length > 0) {
    const s = args[0];
    args = args.slice(1);
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=')) {
      const d = byName.get(s.slice(2));
      if (!(d && noOpt(d) !== undefined)) {
        if (args.length <= 1) break;
        args = args.slice(1);
      }
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2) {
      const d = byShort.get(s.slice(1));
      if (!(d && noOpt(d) !== undefined)) {
        if (args.length <= 1) break;
        args = args.slice(1);
      }
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

/** How help prints a flag's default (`false`, `500`, `''`, `'plaintext'`, `[]`). */
export function defaultText(d: FlagDef): string {
  const v = defaultOf(d);
  switch (d.type) {
    case 'string':
      return `'${String(v)}'`;
    case 'stringSlice':
    case 'stringArray':
      return `[${(v as string[]).join(',')}]`;
    default:
      return String(v);
  }
}
