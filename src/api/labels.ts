/**
 * Label selectors, mirroring k8s.io/apimachinery/pkg/labels (selector.go, labels.go),
 * pkg/selection and metav1.LabelSelectorAsSelector / FormatLabelSelector.
 *
 * The lexer and parser follow upstream's grammar and error texts (`unable to parse requirement: ...`,
 * `found 'x', expected: ...`), requirement validation renders field errors the way apimachinery's
 * `field.ErrorList.ToAggregate()` does, and `selectorToString` is upstream's canonical `String()`.
 * Left out: field.PathOption (paths are always rooted as upstream's parser roots them), klog output.
 */
import type { LabelSelector as K8sLabelSelector } from 'kubernetes-types/meta/v1';

/** selection.Operator values, spelled as upstream spells them. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

/** One requirement: `key op values`. `values` keep the order given (the parser gives them sorted). */
export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/**
 * A parsed label selector: the AND of its requirements, sorted by key. `nothing` is upstream's
 * `labels.Nothing()` (what a nil metav1.LabelSelector converts to): it matches no object.
 */
export interface Selector {
  requirements: Requirement[];
  nothing?: boolean;
}

const BINARY_OPERATORS: Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const UNARY_OPERATORS: Operator[] = ['exists', '!'];
const VALID_OPERATORS: Operator[] = [...BINARY_OPERATORS, ...UNARY_OPERATORS];

// ---------------------------------------------------------------------------------------------
// Validation messages (apimachinery util/validation and api/validate/content).

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** upstream `RegexError(msg, fmt, examples...)`. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

/** upstream `MaxLenError(n)`. */
export function maxLenError(n: number): string {
  return `must be no more than ${n} bytes`;
}

/** Byte length of a string as Go's `len()` sees it (UTF-8). */
function byteLen(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** upstream `IsDNS1123Subdomain`: the list of problems (empty when valid). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** upstream `IsQualifiedName` / `IsLabelKey`: the list of problems with a label key (empty when valid). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLen(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** upstream `IsValidLabelValue`: the list of problems with a label value (empty when valid). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Go-style rendering of field errors, as `field.Error.Error()` prints them.

/** Go's %q for a string (close enough: JSON escaping of the same characters). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's %#v of a []string: `[]string{"a", "b"}`, `[]string{}` or `[]string(nil)`. */
function goStringSlice(vals: string[] | null): string {
  if (vals === null) return '[]string(nil)';
  return `[]string{${vals.map(goQuote).join(', ')}}`;
}

function invalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** Joins messages as `utilerrors.NewAggregate(...).Error()` does (deduplicated, `[a, b]` for several). */
function aggregate(msgs: string[]): string {
  const uniq = [...new Set(msgs)];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

function labelKeyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, goQuote(key), errs.join('; ')) : undefined;
}

function isGoInt64(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/**
 * upstream `labels.NewRequirement`: validates and builds a requirement; throws an Error whose message is
 * the aggregated field errors, e.g. `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`.
 * `values === null` stands for a Go nil slice (only changes how an error prints it).
 */
export function newRequirement(key: string, operator: Operator, values: string[] | null): Requirement {
  const errs: string[] = [];
  const keyErr = labelKeyError(key, 'key');
  if (keyErr) errs.push(keyErr);
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0)
        errs.push(
          invalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"),
        );
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1)
        errs.push(
          invalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'),
        );
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0)
        errs.push(
          invalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'),
        );
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1)
        errs.push(
          invalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"),
        );
      vals.forEach((v, i) => {
        if (!isGoInt64(v))
          errs.push(
            invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
      });
      break;
    default:
      errs.push(
        `operator: Unsupported value: ${goQuote(String(operator))}: supported values: ${VALID_OPERATORS.map(goQuote).join(', ')}`,
      );
  }
  vals.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), ve.join('; ')));
  });
  if (errs.length) throw new Error(aggregate(errs));
  return { key, operator, values: [...vals] };
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser.

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== '';

/** Tokenizes a selector as upstream's Lexer does (bytes are treated as UTF-16 units; labels are ASCII). */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = () => (pos < s.length ? s[pos++] : '');
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    pos--;
    if (isSpecial(ch)) {
      let buf = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c)) {
          buf += c;
          const t = LITERAL_TOKENS[buf];
          if (t) last = { tok: t, lit: buf };
          else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buf += c;
      }
      items.push({ tok: LITERAL_TOKENS[buf] ?? 'id', lit: buf });
    }
  }
}

type Ctx = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  private lookahead(ctx: Ctx): Item {
    const it = this.items[this.position];
    return ctx === 'values' && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private consume(ctx: Ctx): Item {
    const it = this.lookahead(ctx);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead('values');
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new Error(`unable to parse requirement: ${(e as Error).message}`, { cause: e });
        }
        reqs.push(r);
        const t = this.consume('values');
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.lookahead('values');
          if (t2.tok !== 'id' && t2.tok !== '!')
            throw new Error(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new Error(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'eos') {
        return reqs;
      } else {
        throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(goLess));
  }

  private parseKeyAndInferOperator(): [string, Operator | ''] {
    let op: Operator | '' = '';
    let it = this.consume('values');
    if (it.tok === '!') {
      op = '!';
      it = this.consume('values');
    }
    if (it.tok !== 'id') throw new Error(`found '${it.lit}', expected: identifier`);
    const keyErr = labelKeyError(it.lit, '<nil>');
    if (keyErr) throw new Error(keyErr);
    const next = this.lookahead('values').tok;
    if ((next === 'eos' || next === ',') && op !== '!') op = 'exists';
    return [it.lit, op];
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume('keyAndOperator');
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume('values');
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead('values');
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume('values').tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume('values');
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume('values');
      if (tok === 'id') {
        s.add(lit);
        const t2 = this.lookahead('values');
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead('values').tok;
        if (t2 === ')') {
          s.add('');
          return s;
        }
        if (t2 === ',') s.add('');
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead('values').tok;
    if (t === 'eos' || t === ',') return new Set(['']);
    const { tok, lit } = this.consume('values');
    if (tok === 'id') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** Go's string ordering (byte-wise; for the ASCII of labels equal to UTF-16 ordering). */
function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => goLess(a.key, b.key));
}

/**
 * upstream `labels.Parse`: parses `app=web,tier in (a,b),!canary,x>3`. Throws an Error with upstream's
 * message on bad input. An empty string is the everything selector.
 */
export function parseSelector(s: string): Selector {
  const reqs = new Parser(lex(s)).parse();
  return { requirements: sortByKey(reqs) };
}

/** upstream `labels.Everything()`: matches every object. */
export function everything(): Selector {
  return { requirements: [] };
}

/** upstream `labels.Nothing()`: matches no object. */
export function nothing(): Selector {
  return { requirements: [], nothing: true };
}

/** upstream `labels.SelectorFromSet` (no validation): every key must equal its value. */
export function selectorFromSet(set: Record<string, string> | undefined | null): Selector {
  if (!set) return everything();
  return {
    requirements: sortByKey(
      Object.entries(set).map(([key, v]) => ({ key, operator: '=' as Operator, values: [v] })),
    ),
  };
}

/** upstream `labels.ValidatedSelectorFromSet`: as selectorFromSet but validates keys and values (throws). */
export function validatedSelectorFromSet(set: Record<string, string> | undefined | null): Selector {
  if (!set) return everything();
  const keys = Object.keys(set).sort(goLess);
  return { requirements: keys.map((k) => newRequirement(k, '=', [set[k]])) };
}

/**
 * upstream `metav1.LabelSelectorAsSelector`: null/undefined → nothing, `{}` → everything; otherwise
 * matchLabels become `=` and matchExpressions In/NotIn/Exists/DoesNotExist requirements. Throws with
 * upstream's messages (`"Foo" is not a valid label selector operator`, requirement errors).
 */
export function selectorFromLabelSelector(ls: K8sLabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return nothing();
  const ml = ls.matchLabels ?? {};
  const me = ls.matchExpressions ?? [];
  if (Object.keys(ml).length + me.length === 0) return everything();
  const reqs: Requirement[] = [];
  // Go ranges over the map in random order; sorted keys make the first reported error deterministic.
  for (const k of Object.keys(ml).sort(goLess)) reqs.push(newRequirement(k, '=', [ml[k]]));
  for (const e of me) {
    let op: Operator;
    switch (e.operator) {
      case 'In':
        op = 'in';
        break;
      case 'NotIn':
        op = 'notin';
        break;
      case 'Exists':
        op = 'exists';
        break;
      case 'DoesNotExist':
        op = '!';
        break;
      default:
        throw new Error(`${goQuote(String(e.operator))} is not a valid label selector operator`);
    }
    reqs.push(newRequirement(e.key, op, e.values && e.values.length ? [...e.values] : null));
  }
  return { requirements: sortByKey(reqs) };
}

function isInt(s: string): bigint | undefined {
  return isGoInt64(s) ? BigInt(s) : undefined;
}

/** upstream `Requirement.Matches`. */
export function requirementMatches(
  r: Requirement,
  labels: Record<string, string> | undefined | null,
): boolean {
  const ls = labels ?? {};
  const has = Object.prototype.hasOwnProperty.call(ls, r.key);
  const val = has ? ls[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(val as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(val as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const lv = isInt(val as string);
      if (lv === undefined || r.values.length !== 1) return false;
      const rv = isInt(r.values[0]);
      if (rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

/** True when every requirement of `sel` matches the labels (upstream `Selector.Matches`). */
export function matches(sel: Selector, labels: Record<string, string> | undefined | null): boolean {
  if (sel.nothing) return false;
  return sel.requirements.every((r) => requirementMatches(r, labels));
}

/** upstream `Requirement.String()`: `key=v`, `key in (a,b)`, `!key`, `key>3`. */
export function requirementToString(r: Requirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  let s = prefix + r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case '=':
      s += '=';
      break;
    case '==':
      s += '==';
      break;
    case '!=':
      s += '!=';
      break;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
  }
  const set = r.operator === 'in' || r.operator === 'notin';
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(goLess).join(',');
  return set ? `${s}(${vals})` : s + vals;
}

/** upstream `Selector.String()`: requirements joined by `,` (the nothing selector prints as ``). */
export function selectorToString(sel: Selector): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementToString).join(',');
}

/** upstream `Selector.Empty()`: true when the selector does not restrict anything. */
export function isEverything(sel: Selector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** upstream `labels.MatchesNothing`: true only for the nothing selector. */
export function isNothing(sel: Selector): boolean {
  return !!sel.nothing;
}

/** Requirements grouped by key (for indexers: which keys a selector constrains and how). */
export function requirementsByKey(sel: Selector): Map<string, Requirement[]> {
  const m = new Map<string, Requirement[]>();
  for (const r of sel.requirements) {
    const list = m.get(r.key);
    if (list) list.push(r);
    else m.set(r.key, [r]);
  }
  return m;
}

/** upstream `Selector.RequiresExactMatch`: the single value required for `label`, if any. */
export function requiresExactMatch(sel: Selector, label: string): string | undefined {
  const r = sel.requirements.find((x) => x.key === label);
  if (!r) return undefined;
  if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1)
    return r.values[0];
  return undefined;
}

/** upstream `selector.Add`: a new selector with more requirements (re-sorted by key). */
export function addRequirements(sel: Selector, ...reqs: Requirement[]): Selector {
  if (sel.nothing) return sel;
  return { requirements: sortByKey([...sel.requirements, ...reqs]) };
}

/** upstream `labels.Set.String()`: `a=1,b=2` sorted by key. */
export function labelSetToString(set: Record<string, string> | undefined | null): string {
  if (!set) return '';
  return Object.keys(set)
    .sort(goLess)
    .map((k) => `${k}=${set[k]}`)
    .join(',');
}

/** upstream `metav1.FormatLabelSelector` as kubectl prints selectors: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: K8sLabelSelector | null | undefined): string {
  let s: string;
  try {
    s = selectorToString(selectorFromLabelSelector(ls));
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}
