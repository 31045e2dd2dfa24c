/**
 * A small POSIX-ish shell for simulated containers: enough of `sh -c` to run the scripts found in
 * Kubernetes examples honestly — `;` `&&` `||` `|`, quoting ('…', "…", \), `$VAR` `${VAR}` `$?`
 * `$(…)` `$((…))`, assignments, redirections (`>`, `>>`, `<`, `2>&1`, `/dev/null`), `while`/`until`
 * loops, `for … in`, `if/elif/else`, `{ …; }`, and `trap '…' TERM`. Commands are resolved by the
 * caller (`ShellHost.run`), so this file knows nothing of images. Scripts run as generators that
 * yield sleeps, so they follow the cluster clock. Hand-written (no npm shell parser was installed).
 * Leaves out globbing, here-documents, functions, `case`, job control (`&` runs in the foreground).
 */

/** What a running program asks of the runtime. */
export type Effect = { kind: 'sleep'; ms: number } | { kind: 'block' };

/** A running program: yields effects, returns its exit code. */
export type Proc = Generator<Effect, number, void>;

/** Thrown by `exit N` (and by fatal errors) to end the whole process. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** What the shell needs from its container. */
export interface ShellHost {
  /** Runs one command (a builtin or a program of the image). */
  run(argv: string[], sh: ShellState): Proc;
}

/** The state of one shell process (shared with the commands it runs). */
export interface ShellState {
  env: Record<string, string>;
  /** The container's files (path → content). */
  fs: Map<string, string>;
  /** Writes to the current stdout. */
  out(text: string): void;
  /** Writes to the current stderr. */
  err(text: string): void;
  /** Standard input of the current command (pipes, `<`). */
  stdin: string;
  /** Exit status of the last command. */
  status: number;
  /** Actions set by `trap '…' TERM` (shared by the whole process; `term` undefined: default). */
  traps: { term?: string };
  /** Current cluster time (ms). */
  now(): number;
  host: ShellHost;
  /** Name the error messages use (`sh`). */
  name: string;
}

// ------------------------------------------------------------------------------------------ lexer

type Part =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'var'; name: string; q: boolean }
  | { k: 'sub'; src: string; q: boolean }
  | { k: 'arith'; src: string; q: boolean };

/** A lexical token. */
export type Token = { t: 'word'; parts: Part[]; raw: string } | { t: 'op'; v: string };

const OPS = [
  '&&',
  '||',
  ';;',
  '2>&1',
  '>&2',
  '1>&2',
  '2>>',
  '2>',
  '&>',
  '>>',
  '>',
  '<',
  ';',
  '|',
  '&',
  '(',
  ')',
  '\n',
];

/** Splits a script into words and operators (POSIX quoting rules). */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let parts: Part[] | null = null;
  let raw = '';
  const lit = (v: string, q: boolean) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last && last.k === 'lit' && last.q === q) last.v += v;
    else parts.push({ k: 'lit', v, q });
  };
  const flush = () => {
    if (parts) out.push({ t: 'word', parts, raw });
    parts = null;
    raw = '';
  };
  const readBalanced = (open: string, close: string, from: number): number => {
    let depth = 1;
    let j = from;
    while (j < src.length && depth > 0) {
      if (src.startsWith(open, j)) depth++;
      else if (src[j] === close) depth--;
      if (depth > 0) j++;
    }
    return j;
  };
  const dollar = (q: boolean): void => {
    // at src[i] === '$'
    if (src.startsWith('$((', i)) {
      const end = src.indexOf('))', i + 3);
      const e = end < 0 ? src.length : end;
      (parts ??= []).push({ k: 'arith', src: src.slice(i + 3, e), q });
      raw += src.slice(i, e + 2);
      i = e + 2;
      return;
    }
    if (src[i + 1] === '(') {
      const e = readBalanced('(', ')', i + 2);
      (parts ??= []).push({ k: 'sub', src: src.slice(i + 2, e), q });
      raw += src.slice(i, e + 1);
      i = e + 1;
      return;
    }
    if (src[i + 1] === '{') {
      const e = src.indexOf('}', i + 2);
      const end = e < 0 ? src.length : e;
      const name = src.slice(i + 2, end);
      (parts ??= []).push({ k: 'var', name, q });
      raw += src.slice(i, end + 1);
      i = end + 1;
      return;
    }
    const m = /^(?:[A-Za-z_]\w*|[?$#!0-9@*])/.exec(src.slice(i + 1));
    if (!m) {
      lit('$', q);
      raw += '$';
      i++;
      return;
    }
    (parts ??= []).push({ k: 'var', name: m[0], q });
    raw += '$' + m[0];
    i += 1 + m[0].length;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && parts === null) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      lit(src[i + 1] ?? '', true);
      raw += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'") {
      const e = src.indexOf("'", i + 1);
      const end = e < 0 ? src.length : e;
      lit(src.slice(i + 1, end), true);
      raw += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      raw += '"';
      parts ??= [];
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1])) {
          if (src[i + 1] !== '\n') lit(src[i + 1], true);
          raw += src.slice(i, i + 2);
          i += 2;
        } else if (src[i] === '$') dollar(true);
        else if (src[i] === '`') {
          const e = src.indexOf('`', i + 1);
          const end = e < 0 ? src.length : e;
          parts.push({ k: 'sub', src: src.slice(i + 1, end), q: true });
          raw += src.slice(i, end + 1);
          i = end + 1;
        } else {
          lit(src[i], true);
          raw += src[i];
          i++;
        }
      }
      i++;
      raw += '"';
      continue;
    }
    if (c === '$') {
      dollar(false);
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      const end = e < 0 ? src.length : e;
      (parts ??= []).push({ k: 'sub', src: src.slice(i + 1, end), q: false });
      raw += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    // `2>` only counts as an operator at the start of a word.
    if (op && !(parts !== null && /^[12]/.test(op))) {
      flush();
      out.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    lit(c, false);
    raw += c;
    i++;
  }
  flush();
  return out;
}

// ------------------------------------------------------------------------------------------ parser

/** A redirection of a simple command. */
interface Redirect {
  op: string;
  target?: Token & { t: 'word' };
}

/** A node of the syntax tree. */
export type Node =
  | { n: 'list'; items: Array<{ node: Node }> }
  | { n: 'and'; left: Node; right: Node }
  | { n: 'or'; left: Node; right: Node }
  | { n: 'not'; body: Node }
  | { n: 'pipe'; cmds: Node[] }
  | { n: 'simple'; words: Array<Token & { t: 'word' }>; redirects: Redirect[] }
  | { n: 'loop'; until: boolean; cond: Node; body: Node }
  | { n: 'for'; name: string; words: Array<Token & { t: 'word' }>; body: Node }
  | { n: 'if'; branches: Array<{ cond: Node; body: Node }>; otherwise?: Node }
  | { n: 'group'; body: Node };

/** A shell syntax error (`sh: syntax error: unexpected "done"`). */
export class ShellSyntaxError extends Error {}

const isWord = (t: Token | undefined, v?: string): t is Token & { t: 'word' } =>
  !!t &&
  t.t === 'word' &&
  (v === undefined ||
    (t.parts.length === 1 && t.parts[0].k === 'lit' && !t.parts[0].q && t.parts[0].v === v));
const isOp = (t: Token | undefined, v: string) => !!t && t.t === 'op' && t.v === v;
const RESERVED_END = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}']);

/** Parses a script. */
export function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const skipNl = () => {
    while (isOp(toks[p], '\n') || isOp(toks[p], ';')) p++;
  };
  const expectWord = (v: string) => {
    skipNl();
    if (!isWord(toks[p], v)) {
      const got = toks[p];
      throw new ShellSyntaxError(
        `syntax error: unexpected ${got ? (got.t === 'op' ? (got.v === '\n' ? 'newline' : `"${got.v}"`) : `"${got.raw}"`) : 'end of file'}`,
      );
    }
    p++;
  };
  const atEnd = () => {
    const t = toks[p];
    if (!t) return true;
    if (t.t === 'op' && t.v === ')') return true;
    return (
      t.t === 'word' &&
      t.parts.length === 1 &&
      t.parts[0].k === 'lit' &&
      !t.parts[0].q &&
      RESERVED_END.has(t.parts[0].v)
    );
  };
  function list(): Node {
    const items: Array<{ node: Node }> = [];
    skipNl();
    while (!atEnd()) {
      items.push({ node: andOr() });
      if (isOp(toks[p], ';') || isOp(toks[p], '\n') || isOp(toks[p], '&')) p++;
      skipNl();
    }
    return { n: 'list', items };
  }
  function andOr(): Node {
    let left = pipeline();
    for (;;) {
      if (isOp(toks[p], '&&') || isOp(toks[p], '||')) {
        const op = (toks[p++] as { v: string }).v;
        while (isOp(toks[p], '\n')) p++;
        const right = pipeline();
        left = op === '&&' ? { n: 'and', left, right } : { n: 'or', left, right };
      } else return left;
    }
  }
  function pipeline(): Node {
    let neg = false;
    if (isWord(toks[p], '!')) {
      neg = true;
      p++;
    }
    const cmds = [command()];
    while (isOp(toks[p], '|')) {
      p++;
      while (isOp(toks[p], '\n')) p++;
      cmds.push(command());
    }
    const node: Node = cmds.length === 1 ? cmds[0] : { n: 'pipe', cmds };
    return neg ? { n: 'not', body: node } : node;
  }
  function command(): Node {
    const t = toks[p];
    if (isWord(t, 'while') || isWord(t, 'until')) {
      p++;
      const cond = list();
      expectWord('do');
      const body = list();
      expectWord('done');
      return { n: 'loop', until: isWord(t, 'until'), cond, body };
    }
    if (isWord(t, 'for')) {
      p++;
      const nameTok = toks[p++];
      if (!isWord(nameTok)) throw new ShellSyntaxError('syntax error: bad for loop variable');
      const name = nameTok.raw;
      const words: Array<Token & { t: 'word' }> = [];
      if (isWord(toks[p], 'in')) {
        p++;
        while (isWord(toks[p])) words.push(toks[p++] as Token & { t: 'word' });
      }
      expectWord('do');
      const body = list();
      expectWord('done');
      return { n: 'for', name, words, body };
    }
    if (isWord(t, 'if')) {
      p++;
      const branches: Array<{ cond: Node; body: Node }> = [];
      let otherwise: Node | undefined;
      const cond = list();
      expectWord('then');
      branches.push({ cond, body: list() });
      for (;;) {
        skipNl();
        if (isWord(toks[p], 'elif')) {
          p++;
          const c = list();
          expectWord('then');
          branches.push({ cond: c, body: list() });
        } else if (isWord(toks[p], 'else')) {
          p++;
          otherwise = list();
        } else break;
      }
      expectWord('fi');
      return { n: 'if', branches, otherwise };
    }
    if (isWord(t, '{')) {
      p++;
      const body = list();
      expectWord('}');
      return { n: 'group', body };
    }
    if (isOp(t, '(')) {
      p++;
      const body = list();
      if (!isOp(toks[p], ')'))
        throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      p++;
      return { n: 'group', body };
    }
    const words: Array<Token & { t: 'word' }> = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const x = toks[p];
      if (isWord(x)) {
        words.push(x);
        p++;
      } else if (x && x.t === 'op' && ['>', '>>', '<', '2>', '2>>', '&>'].includes(x.v)) {
        p++;
        const target = toks[p];
        if (!isWord(target)) throw new ShellSyntaxError('syntax error: unexpected newline');
        p++;
        redirects.push({ op: x.v, target });
      } else if (x && x.t === 'op' && ['2>&1', '>&2', '1>&2'].includes(x.v)) {
        p++;
        redirects.push({ op: x.v });
      } else break;
    }
    if (!words.length && !redirects.length) {
      const got = toks[p];
      throw new ShellSyntaxError(
        `syntax error: unexpected ${got ? (got.t === 'op' ? (got.v === '\n' ? 'newline' : `"${got.v}"`) : `"${got.raw}"`) : 'end of file'}`,
      );
    }
    return { n: 'simple', words, redirects };
  }
  const root = list();
  if (p < toks.length) {
    const got = toks[p];
    throw new ShellSyntaxError(`syntax error: unexpected ${got.t === 'op' ? `"${got.v}"` : `"${got.raw}"`}`);
  }
  return root;
}

// ------------------------------------------------------------------------------------------ evaluation

/** Runs a program to completion without honouring sleeps (command substitution). */
function runNow(proc: Proc): number {
  for (let i = 0; i < 100_000; i++) {
    const r = proc.next();
    if (r.done) return r.value;
  }
  return 0;
}

function lookup(sh: ShellState, name: string): string {
  if (name === '?') return String(sh.status);
  if (name === '$') return '1';
  if (name === '#') return '0';
  if (name === '0') return sh.name;
  const m = /^([A-Za-z_]\w*)(:?[-=+])(.*)$/.exec(name);
  if (m) {
    const v = sh.env[m[1]];
    const empty = m[2].startsWith(':') ? !v : v === undefined;
    if (m[2].endsWith('+')) return empty ? '' : m[3];
    if (empty && m[2].endsWith('=')) sh.env[m[1]] = m[3];
    return empty ? m[3] : v;
  }
  return sh.env[name] ?? '';
}

/** Evaluates `$((…))`: integers, + - * / %, comparisons, parentheses and variables. */
export function arith(src: string, sh: ShellState): number {
  const toks = src.match(/\d+|[A-Za-z_]\w*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let p = 0;
  const prim = (): number => {
    const t = toks[p++];
    if (t === '(') {
      const v = orExpr();
      p++;
      return v;
    }
    if (t === '-') return -prim();
    if (t === '!') return prim() ? 0 : 1;
    if (t === undefined) return 0;
    if (/^\d+$/.test(t)) return Number(t);
    return Number(sh.env[t] ?? 0) || 0;
  };
  const mul = (): number => {
    let v = prim();
    while (['*', '/', '%'].includes(toks[p])) {
      const op = toks[p++];
      const r = prim();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const addE = (): number => {
    let v = mul();
    while (toks[p] === '+' || toks[p] === '-') v = toks[p++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = addE();
    while (['<', '>', '<=', '>=', '==', '!='].includes(toks[p])) {
      const op = toks[p++];
      const r = addE();
      v = Number(
        op === '<'
          ? v < r
          : op === '>'
            ? v > r
            : op === '<='
              ? v <= r
              : op === '>='
                ? v >= r
                : op === '=='
                  ? v === r
                  : v !== r,
      );
    }
    return v;
  };
  const orExpr = (): number => {
    let v = cmp();
    while (toks[p] === '&&' || toks[p] === '||') v = Number(toks[p++] === '&&' ? v && cmp() : v || cmp());
    return v;
  };
  return orExpr();
}

/** Expands a word into fields (unquoted expansions are split on blanks). */
export function expandWord(w: Token & { t: 'word' }, sh: ShellState): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  const addSplit = (v: string) => {
    const pieces = v.split(/[ \t\n]+/);
    pieces.forEach((piece, idx) => {
      if (idx > 0) {
        if (has || cur) fields.push(cur);
        cur = '';
        has = false;
      }
      if (piece) {
        cur += piece;
        has = true;
      }
    });
  };
  for (const part of w.parts) {
    let v: string;
    if (part.k === 'lit') {
      cur += part.v;
      has = true;
      continue;
    }
    if (part.k === 'var') v = lookup(sh, part.name);
    else if (part.k === 'arith') v = String(arith(part.src.replace(/\$([A-Za-z_]\w*)/g, '$1'), sh));
    else v = substitute(part.src, sh);
    if (part.q) {
      cur += v;
      has = true;
    } else addSplit(v);
  }
  if (has || cur) fields.push(cur);
  return fields;
}

function substitute(src: string, sh: ShellState): string {
  let captured = '';
  const child: ShellState = { ...sh, out: (t) => (captured += t), env: { ...sh.env } };
  try {
    runNow(evalNode(parse(src), child));
  } catch {
    // a failing substitution expands to what it printed
  }
  return captured.replace(/\n+$/, '');
}

/** Runs a script in `sh`; returns the exit status (ExitSignal is caught here). */
export function* runScript(src: string, sh: ShellState): Proc {
  let tree: Node;
  try {
    tree = parse(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      sh.err(`${sh.name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    return yield* evalNode(tree, sh);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  }
}

const ASSIGN = /^([A-Za-z_]\w*)=/;

/** Evaluates a syntax tree node. */
export function* evalNode(node: Node, sh: ShellState): Proc {
  switch (node.n) {
    case 'list': {
      let st = 0;
      for (const it of node.items) st = yield* evalNode(it.node, sh);
      return st;
    }
    case 'and': {
      const l = yield* evalNode(node.left, sh);
      if (l !== 0) return l;
      return yield* evalNode(node.right, sh);
    }
    case 'or': {
      const l = yield* evalNode(node.left, sh);
      if (l === 0) return 0;
      return yield* evalNode(node.right, sh);
    }
    case 'not': {
      const st = yield* evalNode(node.body, sh);
      return (sh.status = st === 0 ? 1 : 0);
    }
    case 'group':
      return yield* evalNode(node.body, sh);
    case 'pipe': {
      let input = sh.stdin;
      let st = 0;
      for (let i = 0; i < node.cmds.length; i++) {
        const last = i === node.cmds.length - 1;
        let captured = '';
        const stage: ShellState = last
          ? { ...sh, stdin: input }
          : { ...sh, stdin: input, out: (t) => (captured += t) };
        st = yield* evalNode(node.cmds[i], stage);
        sh.status = st;
        input = captured;
      }
      return st;
    }
    case 'loop': {
      let st = 0;
      let spins = 0;
      const start = sh.now();
      for (;;) {
        const c = yield* evalNode(node.cond, sh);
        if (node.until ? c === 0 : c !== 0) break;
        st = yield* evalNode(node.body, sh);
        // A loop that never sleeps would print forever in no time: pace it at one round per second.
        if (sh.now() === start && ++spins >= 1) yield { kind: 'sleep', ms: 1000 };
      }
      return (sh.status = st);
    }
    case 'for': {
      let st = 0;
      const items = node.words.flatMap((w) => expandWord(w, sh));
      for (const v of items) {
        sh.env[node.name] = v;
        st = yield* evalNode(node.body, sh);
      }
      return (sh.status = st);
    }
    case 'if': {
      for (const b of node.branches) {
        if ((yield* evalNode(b.cond, sh)) === 0) return yield* evalNode(b.body, sh);
      }
      return node.otherwise ? yield* evalNode(node.otherwise, sh) : (sh.status = 0);
    }
    case 'simple': {
      const words = [...node.words];
      const assigns: Array<[string, string]> = [];
      while (
        words.length &&
        words[0].parts[0]?.k === 'lit' &&
        !words[0].parts[0].q &&
        ASSIGN.test(words[0].parts[0].v)
      ) {
        const w = words.shift()!;
        const first = w.parts[0] as { v: string };
        const name = ASSIGN.exec(first.v)![1];
        const rest = {
          ...w,
          parts: [{ ...w.parts[0], v: first.v.slice(name.length + 1) } as Part, ...w.parts.slice(1)],
        };
        assigns.push([name, expandWord(rest, sh).join(' ')]);
      }
      const argv = words.flatMap((w) => expandWord(w, sh));
      if (!argv.length) {
        for (const [k, v] of assigns) sh.env[k] = v;
        return (sh.status = 0);
      }
      const cmdSh: ShellState = assigns.length
        ? { ...sh, env: { ...sh.env, ...Object.fromEntries(assigns) } }
        : { ...sh };
      let fileOut: { path: string; text: string } | undefined;
      for (const r of node.redirects) {
        const target = r.target ? expandWord(r.target, sh).join(' ') : '';
        if (r.op === '>' || r.op === '>>' || r.op === '&>') {
          if (target === '/dev/null') {
            cmdSh.out = () => {};
            if (r.op === '&>') cmdSh.err = () => {};
          } else {
            fileOut = { path: target, text: r.op === '>>' ? (sh.fs.get(target) ?? '') : '' };
            const f = fileOut;
            sh.fs.set(target, f.text);
            cmdSh.out = (t) => {
              f.text += t;
              sh.fs.set(f.path, f.text);
            };
            if (r.op === '&>') cmdSh.err = cmdSh.out;
          }
        } else if (r.op === '2>' || r.op === '2>>') {
          if (target === '/dev/null') cmdSh.err = () => {};
          else {
            const base = r.op === '2>>' ? (sh.fs.get(target) ?? '') : '';
            let text = base;
            sh.fs.set(target, text);
            cmdSh.err = (t) => {
              text += t;
              sh.fs.set(target, text);
            };
          }
        } else if (r.op === '2>&1') cmdSh.err = cmdSh.out;
        else if (r.op === '>&2' || r.op === '1>&2') cmdSh.out = cmdSh.err;
        else if (r.op === '<') {
          const content = sh.fs.get(target);
          if (content === undefined) {
            sh.err(`${sh.name}: can't open ${target}: no such file\n`);
            return (sh.status = 1);
          }
          cmdSh.stdin = content;
        }
      }
      if (argv[0] === 'trap') {
        if (argv.length >= 3 && argv.slice(2).some((s) => /^(SIG)?TERM$|^15$/.test(s)))
          sh.traps.term = argv[1];
        return (sh.status = 0);
      }
      if (argv[0] === 'export') {
        for (const a of argv.slice(1)) {
          const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a);
          if (m) sh.env[m[1]] = m[2];
        }
        return (sh.status = 0);
      }
      if (argv[0] === 'unset') {
        for (const a of argv.slice(1)) delete sh.env[a];
        return (sh.status = 0);
      }
      if (argv[0] === 'cd') return (sh.status = 0);
      const st = yield* sh.host.run(argv, cmdSh);
      sh.status = st;
      return st;
    }
  }
}
