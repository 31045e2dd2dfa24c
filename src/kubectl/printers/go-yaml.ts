/**
 * The YAML kubectl prints: sigs.k8s.io/yaml's Marshal, i.e. the object as JSON read back by go-yaml v2
 * (so numbers keep their int/float type) and written by go-yaml v2's emitter (libyaml's emitterc.go
 * ported to Go). Reproduces that emitter's decisions for JSON-shaped data: keys in go-yaml's
 * "natural" order, sequences not indented under their key, empty maps/lists as `{}`/`[]`, strings
 * that would read back as something else (YAML 1.1 bools, numbers, null, timestamps, base-60) in
 * double quotes, the plain → single → double quoted fallback of its scalar analysis, literal blocks
 * for multi-line strings (with `|-`/`|+`/`|2` hints), and its line folding: a space is turned into a
 * line break only once the column is already past 80, so lines run over 80 rather than being cut
 * before it. Leaves out anchors, tags, flow styles with content, comments and the `!!binary` form of
 * invalid UTF-8 (JavaScript strings cannot hold it).
 */

import { CmdError } from '../framework/command';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---------------------------------------------------------------------------------------------------
// Resolving a plain scalar (goyaml.v2 resolve.go): would this string read back as a non-string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]); // prettier-ignore
/** First characters resolve() looks further at (its resolveTable; `<<` is not in this fork's). */
const RESOLVE_HINT = /^[-+0-9yYnNtTfFoO~.]/;

/** strconv.ParseInt/ParseUint with base 0 (any size: bigger ones go through big.Int upstream). */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const TS_DATE = String.raw`(\d{4})-(\d\d?)-(\d\d?)`;
const TS_TIME = String.raw`(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?`;
const TS_FORMATS = [
  new RegExp(`^${TS_DATE}[Tt]${TS_TIME}(?:Z|[-+](\\d\\d):(\\d\\d))$`),
  new RegExp(`^${TS_DATE} ${TS_TIME}$`),
  new RegExp(`^${TS_DATE}$`),
];

/** go-yaml's parseTimestamp: time.Parse with its four layouts (ranges checked like time.Parse). */
function isTimestamp(s: string): boolean {
  for (const re of TS_FORMATS) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d, h, mi, se, zh, zm] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y)) continue;
    if (h > 23 || mi > 59 || se > 59 || zh > 24 || zm > 60) continue;
    return true;
  }
  return false;
}

/** True when go-yaml v2 would resolve this plain scalar to something other than a string. */
export function resolvesToNonString(s: string): boolean {
  if (s !== '' && !RESOLVE_HINT.test(s)) return false;
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0];
  if (c === '.') {
    return DOT_FLOAT.test(s) && Number.isFinite(Number(s));
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (GO_INT.test(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  }
  return false;
}

/** encoder.stringv's extra check: base-60 floats are written quoted although go-yaml reads them as strings. */
function isBase60Float(s: string): boolean {
  return s.length > 0 && /^[-+0-9]/.test(s) && s.includes(':') && BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------------
// Key order (go-yaml's keyList.Less for string keys).

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2's map key order: letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  const digit = (r: string | undefined) => r !== undefined && DIGIT.test(r);
  const val = (r: string) => (r.codePointAt(0) ?? 0) - 48;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && digit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && digit(ar[ai]); ai++) an = an * 10 + val(ar[ai]);
    let bi = i;
    for (; bi < br.length && digit(br[bi]); bi++) bn = bn * 10 + val(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
    .sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------
// Numbers: JSON → go-yaml keeps integers as int64 and everything else as float64 ('g', shortest).

/** strconv.FormatFloat(x, 'g', -1, 64), with go-yaml's spellings of the infinities and NaN. */
export function goFloatG(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${neg ? '-' : ''}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return String(x);
}

function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 63) return BigInt(x).toString();
  return goFloatG(x);
}

// ---------------------------------------------------------------------------------------------------
// The emitter.

type Style = 'plain' | 'single' | 'double' | 'literal';

const isSpace = (c: string | undefined) => c === ' ';
const isBreak = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined) => c === undefined || c === '\0' || isBlank(c) || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** What yaml_emitter_analyze_scalar finds out about a scalar. */
interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** Flow indicators are left out: they only matter inside flow collections, which never hold content here. */
function analyze(chars: string[]): Analysis {
  if (chars.length === 0)
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const head = chars.slice(0, 3).join('');
  if (head === '---' || head === '...') blockIndicators = true;
  let precededByWhitespace = true;
  const n = chars.length;
  for (let i = 0; i < n; i++) {
    const c = chars[i];
    const followedByWhitespace = i + 1 >= n || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true; // a tab too: go-yaml v2 has no separate tab rule
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** UTF-8 length, which check_simple_key compares with 128. */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function escapeOf(c: string): string {
  switch (c) {
    case '\0':
      return '0';
    case '\x07':
      return 'a';
    case '\b':
      return 'b';
    case '\t':
      return 't';
    case '\n':
      return 'n';
    case '\x0b':
      return 'v';
    case '\f':
      return 'f';
    case '\r':
      return 'r';
    case '\x1b':
      return 'e';
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '\u0085':
      return 'N';
    case '\u00a0':
      return '_';
    case '\u2028':
      return 'L';
    case '\u2029':
      return 'P';
  }
  const cp = c.codePointAt(0) ?? 0;
  const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return letter + cp.toString(16).toUpperCase().padStart(width, '0');
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    s: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const c of s) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** emit_node for one JSON value; `mapping`/`simpleKey` are the emitter's context flags. */
  node(v: unknown, ctx: { mapping: boolean; simpleKey: boolean }): void {
    if (v === null || v === undefined || typeof v === 'function') return this.scalar('null', 'plain', ctx);
    if (typeof v === 'boolean') return this.scalar(v ? 'true' : 'false', 'plain', ctx);
    if (typeof v === 'number') return this.scalar(formatNumber(v), 'plain', ctx);
    if (typeof v === 'bigint') return this.scalar(v.toString(), 'plain', ctx);
    if (typeof v === 'string') {
      const style: Style = v.includes('\n')
        ? 'literal'
        : !resolvesToNonString(v) && !isBase60Float(v)
          ? 'plain'
          : 'double';
      return this.scalar(v, style, ctx);
    }
    if (Array.isArray(v)) return v.length === 0 ? this.emptyFlow('[', ']') : this.sequence(v, ctx);
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof (o as { toJSON?: unknown }).toJSON === 'function')
        return this.node((o as { toJSON: () => unknown }).toJSON(), ctx);
      const keys = sortedKeys(o);
      return keys.length === 0 ? this.emptyFlow('{', '}') : this.mapping(o, keys);
    }
    return this.scalar(String(v), 'plain', ctx);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private sequence(items: unknown[], ctx: { mapping: boolean }): void {
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item === undefined ? null : item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private mapping(o: Record<string, unknown>, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const chars = Array.from(k);
      const simple = !analyze(chars).multiline && utf8Length(k) <= 128;
      if (simple) {
        this.node(k, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(k, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(o[k], { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private scalar(value: string, requested: Style, ctx: { simpleKey: boolean }): void {
    const chars = Array.from(value);
    const a = analyze(chars);
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (chars.length === 0 && ctx.simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || ctx.simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === 'plain') this.writePlain(chars, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(chars, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(chars, allowBreaks);
    else this.writeLiteral(chars);
    this.popIndent();
  }

  private writePlain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const n = chars.length;
    for (let i = 0; i < n; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < n - 1 &&
          !isSpace(chars[i + 1])
        )
          this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const n = chars.length;
    for (let i = 0; i < n; i++) {
      const c = chars[i];
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        for (const e of escapeOf(c)) this.put(e);
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(chars: string[]): void {
    this.writeIndicator('|', true, false, false);
    if (isSpace(chars[0]) || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = chars.length;
    let chomp = '';
    if (n === 0 || !isBreak(chars[n - 1])) chomp = '-';
    else if (n === 1 || isBreak(chars[n - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** Characters go-yaml's reader rejects that encoding/json leaves unescaped. */
const READER_REJECTS =
  /[\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What a string becomes on its way through JSON and go-yaml's reader: encoding/json leaves NEL
 * (U+0085) raw, and inside a double-quoted scalar the reader folds it like a line break (one → a
 * space, n → n-1 newlines, spaces around it dropped); a few other raw characters make it fail.
 */
export function jsonRoundTrip(s: string): string {
  if (READER_REJECTS.test(s)) throw new CmdError('yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *\u0085(?: *\u0085)* */g, (m) => {
    const n = m.split('\u0085').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

function readBack(v: unknown): unknown {
  if (typeof v === 'string') return jsonRoundTrip(v);
  if (Array.isArray(v)) return v.map(readBack);
  if (v !== null && typeof v === 'object') {
    const src =
      typeof (v as { toJSON?: unknown }).toJSON === 'function'
        ? (v as { toJSON: () => unknown }).toJSON()
        : v;
    if (src === null || typeof src !== 'object') return readBack(src);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(src)) if (x !== undefined) out[jsonRoundTrip(k)] = readBack(x);
    return out;
  }
  return v;
}

/** sigs.k8s.io/yaml Marshal of a JSON-shaped value, byte for byte as go-yaml v2 writes it. */
export function goYamlMarshal(value: unknown): string {
  const e = new Emitter();
  e.node(readBack(value), { mapping: false, simpleKey: false });
  // Document end: the last line is closed.
  e.writeIndent();
  return e.out;
}
