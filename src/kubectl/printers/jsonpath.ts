/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): a template of literal text and `{...}`
 * actions. Actions hold fields (`.a.b`, `['a.b']`), indexes and slices (`[0]`, `[-1]`, `[1:3]`,
 * `[::2]`, `[*]`), unions (`[0,1]`, `['a','b']`), filters (`[?(@.type=="Ready")]`, `[?(@.x)]`),
 * recursive descent (`..name`), wildcards (`.*`), quoted text (`{"\n"}`), numbers, booleans and
 * `range`/`end` blocks. A tokenizer-less recursive-descent parser over the template, as upstream's,
 * builds a node tree; `execute` walks it over plain JSON values. Results of one action are joined with
 * spaces; maps and lists print as compact JSON with sorted keys (Go's json.Marshal). Leaves out: Go
 * struct values (everything here is unstructured JSON), the `=~` operator of some forks.
 */

/** A node of the parsed template. */
export type JpNode =
  | { type: 'list'; nodes: JpNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: JpNode & { type: 'list' }; right: JpNode & { type: 'list' }; op: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: Array<JpNode & { type: 'list' }> }
  | { type: 'identifier'; name: string };

/** One of the three slice parameters `[start:end:step]`. */
export interface SliceParam {
  value: number;
  known: boolean;
  derived?: boolean;
}

type ListNode = JpNode & { type: 'list' };

/** A template error (parse or execution), with upstream's message. */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

const EOF = '';

class Parser {
  root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;
  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }
  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }
  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const node: ListNode = { type: 'list', nodes: [] };
        cur.nodes.push(node);
        this.parseInsideAction(node);
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consume();
        continue;
      }
      if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JsonPathError(`unrecognized character in action: ${goRuneU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: 'int', value: Number(value) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      const p = parseAction(`.${dict[1]}`);
      cur.nodes.push(...p.nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const raw = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [SliceParam, SliceParam, SliceParam] = [
      { value: 0, known: false },
      { value: 0, known: false },
      { value: 0, known: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = raw[i];
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params[i] = { value: 0, known: false };
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params[i] = { value: Number(v), known: true };
        }
      } else if (i === 1) params[i] = { value: params[0].value + 1, known: true, derived: true };
      else params[i] = { value: 0, known: false };
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consume();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=~]+)(.+?)$/s.exec(text);
    if (!m) {
      cur.nodes.push({
        type: 'filter',
        left: parseAction(text),
        right: { type: 'list', nodes: [] },
        op: 'exists',
      });
      return;
    }
    cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    cur.nodes.push({ type: 'text', text: unquoteExtend(value) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
        continue;
      }
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
  }
}

function parseAction(text: string): ListNode {
  const p = new Parser(`{${text}}`);
  const root = p.parse();
  return root.nodes[0] as ListNode;
}

function isDigit(r: string): boolean {
  return r.length > 0 && /^\p{Nd}$/u.test(r);
}
function isAlphaNumeric(r: string): boolean {
  return r === '_' || (r.length > 0 && /^[\p{L}\p{Nd}]$/u.test(r));
}
function isTerminator(r: string): boolean {
  return r === EOF || r === ' ' || r === '\t' || r === '\r' || r === '\n' || '.,[]$@{}'.includes(r);
}
function goRuneU(r: string): string {
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** strconv.Unquote extended to single-quoted strings of any length (UnquoteExtend). */
export function unquoteExtend(s: string): string {
  const n = s.length;
  const bad = () => new JsonPathError(`unquote string ${s} error invalid syntax`);
  if (n < 2 || s[0] !== s[n - 1] || (s[0] !== '"' && s[0] !== "'")) throw bad();
  const quote = s[0];
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) throw bad();
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e in simple) out += simple[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw bad();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw bad();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw bad();
  }
  return out;
}

/** Parses a template; throws JsonPathError with upstream's message. */
export function parseJsonPath(template: string): ListNode {
  return new Parser(template).parse();
}

// ------------------------------------------------------------------------------------------------
// Evaluation

/** A JSON value (or undefined: Go's invalid reflect.Value never reaches results). */
type Val = unknown;

function isMap(v: Val): v is Record<string, Val> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Go type name of an unstructured value, as error messages print it. */
export function goTypeOf(v: Val): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'other';
interface Typed {
  v: Val;
  k: Kind;
}

/** Options of execution. */
export interface JsonPathOptions {
  /** Missing fields give no result instead of an error (`--allow-missing-template-keys`, default true). */
  allowMissingKeys?: boolean;
  /** Print each result group as an indented JSON array (`-o jsonpath-as-json`). */
  outputJson?: boolean;
}

/** A compiled template. */
export class JsonPath {
  private readonly root: ListNode;
  constructor(
    readonly template: string,
    private readonly opts: JsonPathOptions = {},
  ) {
    this.root = parseJsonPath(template);
  }

  /** The parsed tree (for tests). */
  get tree(): ListNode {
    return this.root;
  }

  /** Result groups: one per template node (text or action), ranges expanded. */
  findResults(data: Val): Val[][] {
    return this.evalNodes(this.root.nodes, data).results;
  }

  /** Renders the template over `data`. */
  execute(data: Val): string {
    let out = '';
    for (const group of this.findResults(data)) out += this.printResults(group);
    return out;
  }

  private evalNodes(nodes: JpNode[], data: Val): { results: Val[][]; consumed: number } {
    const results: Val[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const head = node.type === 'list' ? node.nodes[0] : undefined;
      if (head && head.type === 'identifier' && head.name === 'end') {
        return { results, consumed: i + 1 };
      }
      if (head && head.type === 'identifier' && head.name === 'range') {
        const items = this.walk([data], { type: 'list', nodes: (node as ListNode).nodes.slice(1) });
        const body = nodes.slice(i + 1);
        let consumed = body.length;
        if (items.length === 0) {
          consumed = this.skipRange(body);
        }
        for (const item of items) {
          const r = this.evalNodes(body, item);
          results.push(...r.results);
          consumed = r.consumed;
        }
        i += consumed;
        continue;
      }
      results.push(this.walk([data], node));
    }
    return { results, consumed: nodes.length };
  }

  /** Index after the `end` closing a range whose body starts at body[0]. */
  private skipRange(body: JpNode[]): number {
    let depth = 0;
    for (let i = 0; i < body.length; i++) {
      const n = body[i];
      const head = n.type === 'list' ? n.nodes[0] : undefined;
      if (head?.type === 'identifier' && head.name === 'range') depth++;
      if (head?.type === 'identifier' && head.name === 'end') {
        if (depth === 0) return i + 1;
        depth--;
      }
    }
    return body.length;
  }

  private walk(input: Val[], node: JpNode): Val[] {
    switch (node.type) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => ({ __jpLiteral: node.type, value: node.value }) as Val);
      case 'wildcard':
        return input.flatMap((v) => children(v));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(input, l));
      case 'identifier':
        if (node.name === 'range') return input;
        if (node.name === 'end') throw new JsonPathError('not in range, nothing to end');
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: Val[], name: string): Val[] {
    if (input.length === 0) return [];
    const out: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) out.push(v[name]);
    }
    if (out.length === 0 && !this.opts.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return out;
  }

  private evalArray(input: Val[], params: [SliceParam, SliceParam, SliceParam]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeOf(v)} is not array or slice`);
      const p = params.map((x) => ({ ...x }));
      const len = v.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value === p[0].value) return out;
      if (p[0].value >= len || p[0].value < 0)
        throw new JsonPathError(`array index out of bounds: index ${p[0].value}, length ${len}`);
      if (p[1].value > len || p[1].value < 0)
        throw new JsonPathError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
      if (p[0].value > p[1].value)
        throw new JsonPathError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
    }
    return out;
  }

  private evalRecursive(input: Val[]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        // Go walks a string's bytes, which have no children: the string itself is kept.
        if (v.length) out.push(v);
        continue;
      }
      const kids = children(v);
      if (kids.length) {
        out.push(v);
        out.push(...this.evalRecursive(kids));
      }
    }
    return out;
  }

  private evalFilter(input: Val[], node: JpNode & { type: 'filter' }): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (!Array.isArray(v))
        throw new JsonPathError(`${goPrint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Val[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(typed(lefts[0]), typed(rights[0]), node.op)) out.push(item);
      }
    }
    return out;
  }

  private printResults(results: Val[]): string {
    if (this.opts.outputJson) {
      return JSON.stringify(results.map(unliteral), null, 4) + '\n';
    }
    return results
      .map((r) => {
        const v = unliteral(r);
        if (Array.isArray(v) || isMap(v)) return goJsonMarshal(v);
        return goPrint(v);
      })
      .join(' ');
  }
}

function unliteral(v: Val): Val {
  if (isMap(v) && '__jpLiteral' in v) return v.value;
  return v;
}

function typed(v: Val): Typed {
  if (isMap(v) && '__jpLiteral' in v) {
    const k = v.__jpLiteral === 'int' ? 'int' : v.__jpLiteral === 'float' ? 'float' : 'bool';
    return { v: v.value, k };
  }
  if (typeof v === 'string') return { v, k: 'string' };
  if (typeof v === 'boolean') return { v, k: 'bool' };
  if (typeof v === 'number') return { v, k: Number.isInteger(v) ? 'int' : 'float' };
  return { v, k: 'other' };
}

function compare(a: Typed, b: Typed, op: string): boolean {
  if (a.k === 'other' || b.k === 'other') throw new JsonPathError('invalid type for comparison');
  if (op === '==' || op === '!=') {
    if (a.k !== b.k) throw new JsonPathError('incompatible types for comparison');
    const eq = a.v === b.v;
    return op === '==' ? eq : !eq;
  }
  if (a.k !== b.k) throw new JsonPathError('incompatible types for comparison');
  if (a.k === 'bool') throw new JsonPathError('invalid type for comparison');
  const x = a.v as number | string;
  const y = b.v as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

function children(v: Val): Val[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.values(v);
  if (typeof v === 'string') return [...v];
  return [];
}

/** fmt.Print of an unstructured scalar. */
export function goPrint(v: Val): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrint(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** A number as Go's %v prints it (int64 plainly; float64 in %g form with exponent below 1e-4 or from 1e21). */
export function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** encoding/json Marshal: compact, map keys sorted, `<`, `>`, `&` escaped. */
export function goJsonMarshal(v: Val): string {
  return JSON.stringify(sortKeys(v)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Deep copy with object keys sorted (Go marshals maps in key order). */
export function sortKeys(v: Val): Val {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) {
    const o: Record<string, Val> = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k]);
    return o;
  }
  return v;
}

/**
 * kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `.a.b`, `a.b` or `{.a.b}` all become
 * `{.a.b}`; anything else is an error.
 */
export function relaxedJsonPath(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(path);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  let inner = m[1];
  if (!inner.startsWith('.')) inner = `.${inner}`;
  return `{${inner}}`;
}
