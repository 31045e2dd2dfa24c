/**
 * Loads lessons (lessons/README.md is the format): lesson.yaml parsed with the `yaml` package and
 * validated field by field (errors name the lesson, file, field, line and column), and each language
 * file's YAML front matter plus Markdown (markdown-it tokens) split into the introduction and one
 * section per step (`## Title {#step-id}`) with its `### Hint` subsections. Every step id in
 * lesson.yaml must have a section in every language file, in the same order, and vice versa.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { MarkdownIt, Token } from 'markdown-it';
import { parseScript, ScriptError } from '../cli/script-parser';
import { JsonPath } from '../kubectl/printers/jsonpath';
import { resolveKind } from './checks';
import { createMarkdown, renderTokens, type Sanitizer } from './render';
import type { LessonSource } from './source';
import type {
  Check,
  CountQuery,
  EventQuery,
  Lesson,
  LessonMeta,
  LessonSetup,
  LessonStep,
  LessonText,
  NodeSpec,
  ObjectRef,
  StepText,
  TraceQuery,
} from './types';

/** A lesson that cannot be loaded: `03-first-pod/lesson.yaml:12:9: steps[0].check.object.kind: …`. */
export class LessonError extends Error {
  constructor(
    readonly lesson: string,
    readonly file: string,
    readonly field: string | undefined,
    readonly reason: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(`${lesson}/${file}${line ? `:${line}:${col ?? 1}` : ''}: ${field ? `${field}: ` : ''}${reason}`);
    this.name = 'LessonError';
  }
}

type Path = Array<string | number>;

function fieldName(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** Field-by-field validation of a parsed YAML document, with positions for errors. */
class Validator {
  constructor(
    private readonly lesson: string,
    private readonly file: string,
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  fail(path: Path, reason: string): never {
    let pos: { line: number; col: number } | undefined;
    // A field's key is where the reader looks: use the key's position when the field is there.
    const last = path[path.length - 1];
    const parent = this.doc.getIn(path.slice(0, -1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (pair && isScalar(pair.key) && pair.key.range) pos = this.lc.linePos(pair.key.range[0]);
    }
    for (let n = path.length; n >= 0 && !pos; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) pos = this.lc.linePos(node.range[0]);
    }
    throw new LessonError(this.lesson, this.file, fieldName(path) || undefined, reason, pos?.line, pos?.col);
  }

  map(v: unknown, path: Path, allowed: string[]): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping');
    const m = v as Record<string, unknown>;
    for (const k of Object.keys(m))
      if (!allowed.includes(k)) this.fail([...path, k], `unknown field (allowed: ${allowed.join(', ')})`);
    return m;
  }

  string(v: unknown, path: Path, required = true): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || v === '') this.fail(path, 'must be a non-empty string');
    return v;
  }

  /** A scalar compared with printed output: numbers and booleans as kubectl prints them. */
  scalar(v: unknown, path: Path): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(path, 'must be a string, number or boolean');
  }

  number(v: unknown, path: Path, required = false): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'must be a number');
    return v;
  }

  bool(v: unknown, path: Path): boolean | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
    return v;
  }

  stringMap(v: unknown, path: Path): Record<string, string> | undefined {
    if (v === undefined) return undefined;
    const m = this.map(v, path, Object.keys((v as object) ?? {}));
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(m)) out[k] = this.scalar(x, [...path, k]) ?? '';
    return out;
  }

  commands(v: unknown, path: Path): string[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(path, 'must be a list of commands');
    return v.map((c, i) => {
      const s = this.string(c, [...path, i])!;
      try {
        if (!parseScript(s).length) this.fail([...path, i], 'is empty');
      } catch (e) {
        if (e instanceof ScriptError) this.fail([...path, i], e.message);
        throw e;
      }
      return s;
    });
  }

  kind(v: unknown, path: Path): string {
    const k = this.string(v, path)!;
    if (!resolveKind(k)) this.fail(path, `unknown kind "${k}"`);
    return k;
  }

  regex(v: unknown, path: Path): string | undefined {
    const s = this.string(v, path, false);
    if (s === undefined) return undefined;
    try {
      new RegExp(s);
    } catch (e) {
      this.fail(path, `invalid regular expression: ${(e as Error).message}`);
    }
    return s;
  }

  jsonpath(v: unknown, path: Path, required: boolean): string | undefined {
    const s = this.string(v, path, required);
    if (s === undefined) return undefined;
    try {
      new JsonPath(s);
    } catch (e) {
      this.fail(path, `error parsing jsonpath ${s}, ${(e as Error).message}`);
    }
    return s;
  }

  ref(v: unknown, path: Path): ObjectRef {
    const m = this.map(v, path, ['kind', 'name', 'namespace']);
    return {
      kind: this.kind(m.kind, [...path, 'kind']),
      name: this.string(m.name, [...path, 'name'])!,
      namespace: this.string(m.namespace, [...path, 'namespace'], false),
    };
  }
}

const CHECK_KINDS = ['object', 'exists', 'absent', 'count', 'event', 'ui', 'all', 'any', 'not'];

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function parseCheck(v: Validator, raw: unknown, path: Path): Check {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) v.fail(path, 'must be a mapping');
  const keys = Object.keys(raw as object).filter((k) => CHECK_KINDS.includes(k));
  if (keys.length !== 1)
    v.fail(path, `must have exactly one of ${CHECK_KINDS.join(', ')}${keys.length ? ` (found ${keys.join(', ')})` : ''}`);
  const kind = keys[0];
  const p = (k: string): Path => [...path, k];
  switch (kind) {
    case 'object': {
      const m = v.map(raw, path, ['object', 'jsonpath', 'equals', 'matches', 'notEquals', 'atLeast']);
      const c = strip({
        type: 'object' as const,
        object: v.ref(m.object, p('object')),
        jsonpath: v.jsonpath(m.jsonpath, p('jsonpath'), true)!,
        equals: v.scalar(m.equals, p('equals')),
        matches: v.regex(m.matches, p('matches')),
        notEquals: v.scalar(m.notEquals, p('notEquals')),
        atLeast: v.number(m.atLeast, p('atLeast')),
      });
      const cmp = ['equals', 'matches', 'notEquals', 'atLeast'].filter((k) => m[k] !== undefined);
      if (cmp.length !== 1) v.fail(path, 'needs exactly one of equals, matches, notEquals, atLeast');
      return c;
    }
    case 'exists':
    case 'absent': {
      const m = v.map(raw, path, [kind]);
      return { type: kind, ref: v.ref(m[kind], p(kind)) };
    }
    case 'count': {
      const m = v.map(raw, path, ['count', 'equals', 'atLeast', 'atMost']);
      const cp = p('count');
      const q = v.map(m.count, cp, ['kind', 'namespace', 'allNamespaces', 'selector', 'fieldSelector', 'jsonpath', 'equals']);
      const count: CountQuery = strip({
        kind: v.kind(q.kind, [...cp, 'kind']),
        namespace: v.string(q.namespace, [...cp, 'namespace'], false),
        allNamespaces: v.bool(q.allNamespaces, [...cp, 'allNamespaces']),
        selector: v.string(q.selector, [...cp, 'selector'], false),
        fieldSelector: v.string(q.fieldSelector, [...cp, 'fieldSelector'], false),
        jsonpath: v.jsonpath(q.jsonpath, [...cp, 'jsonpath'], false),
        equals: v.scalar(q.equals, [...cp, 'equals']),
      });
      if ((count.jsonpath === undefined) !== (count.equals === undefined))
        v.fail(cp, 'jsonpath and equals go together');
      if (count.namespace !== undefined && count.allNamespaces) v.fail(cp, 'namespace and allNamespaces exclude each other');
      const c = strip({
        type: 'count' as const,
        count,
        equals: v.number(m.equals, p('equals')),
        atLeast: v.number(m.atLeast, p('atLeast')),
        atMost: v.number(m.atMost, p('atMost')),
      });
      if (c.equals === undefined && c.atLeast === undefined && c.atMost === undefined)
        v.fail(path, 'needs equals, atLeast or atMost');
      return c;
    }
    case 'event': {
      const m = v.map(raw, path, ['event']);
      const ep = p('event');
      const q = v.map(m.event, ep, ['reason', 'type', 'object', 'namespace', 'messageMatches']);
      let object: EventQuery['object'];
      if (q.object !== undefined) object = strip(v.ref(q.object, [...ep, 'object']));
      const event: EventQuery = strip({
        reason: v.string(q.reason, [...ep, 'reason'])!,
        type: v.string(q.type, [...ep, 'type'], false),
        object,
        namespace: v.string(q.namespace, [...ep, 'namespace'], false),
        messageMatches: v.regex(q.messageMatches, [...ep, 'messageMatches']),
      });
      if (event.type !== undefined && event.type !== 'Normal' && event.type !== 'Warning')
        v.fail([...ep, 'type'], 'must be Normal or Warning');
      return { type: 'event', event };
    }
    case 'ui': {
      const m = v.map(raw, path, ['ui']);
      const up = p('ui');
      const u = v.map(m.ui, up, ['clockPaused', 'traceSeen']);
      if (Object.keys(u).length !== 1) v.fail(up, 'needs exactly one of clockPaused, traceSeen');
      if (u.clockPaused !== undefined) return { type: 'ui', ui: { clockPaused: v.bool(u.clockPaused, [...up, 'clockPaused'])! } };
      const tp = [...up, 'traceSeen'];
      const t = v.map(u.traceSeen, tp, ['kind', 'verb', 'resource']);
      const q: TraceQuery = strip({
        kind: v.string(t.kind, [...tp, 'kind'], false),
        verb: v.string(t.verb, [...tp, 'verb'], false),
        resource: v.string(t.resource, [...tp, 'resource'], false),
      });
      if (!Object.keys(q).length) v.fail(tp, 'needs kind, verb or resource');
      return { type: 'ui', ui: { traceSeen: q } };
    }
    case 'all':
    case 'any': {
      const m = v.map(raw, path, [kind]);
      const list = m[kind];
      if (!Array.isArray(list) || list.length === 0) v.fail(p(kind), 'must be a non-empty list of checks');
      return { type: kind, checks: list.map((c, i) => parseCheck(v, c, [...p(kind), i])) };
    }
    default: {
      const m = v.map(raw, path, ['not']);
      return { type: 'not', check: parseCheck(v, m.not, p('not')) };
    }
  }
}

const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;

function parseNodes(v: Validator, raw: unknown): LessonSetup['nodes'] {
  const path: Path = ['setup', 'nodes'];
  if (raw === undefined) return 2;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0 || raw > 50) v.fail(path, 'must be a whole number from 0 to 50');
    return raw;
  }
  if (!Array.isArray(raw) || !raw.length) v.fail(path, 'must be a number of worker nodes or a list of nodes');
  const names = new Set<string>();
  return raw.map((n, i): NodeSpec => {
    const np: Path = [...path, i];
    const m = v.map(n, np, ['name', 'capacity', 'labels', 'taints']);
    const name = v.string(m.name, [...np, 'name'])!;
    if (names.has(name)) v.fail([...np, 'name'], `duplicate node name "${name}"`);
    names.add(name);
    let taints: NodeSpec['taints'];
    if (m.taints !== undefined) {
      if (!Array.isArray(m.taints)) v.fail([...np, 'taints'], 'must be a list');
      taints = m.taints.map((t, j) => {
        const tp: Path = [...np, 'taints', j];
        const tm = v.map(t, tp, ['key', 'value', 'effect']);
        const effect = v.string(tm.effect, [...tp, 'effect'])!;
        if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect))
          v.fail([...tp, 'effect'], 'must be NoSchedule, PreferNoSchedule or NoExecute');
        return strip({ key: v.string(tm.key, [...tp, 'key'])!, value: v.scalar(tm.value, [...tp, 'value']), effect });
      });
    }
    return strip({
      name,
      capacity: v.stringMap(m.capacity, [...np, 'capacity']),
      labels: v.stringMap(m.labels, [...np, 'labels']),
      taints,
    });
  });
}

/** The first line of a yaml error without its ` at line N, column M:` (the position is given apart). */
function yamlReason(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses and validates lesson.yaml. `lesson` names the folder in errors. */
export function parseLessonYaml(text: string, lesson: string): LessonMeta {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new LessonError(lesson, 'lesson.yaml', undefined, yamlReason(e.message), pos?.line, pos?.col);
  }
  const v = new Validator(lesson, 'lesson.yaml', doc, lc);
  const top = v.map(doc.toJS(), [], ['id', 'order', 'minutes', 'setup', 'steps']);
  const id = v.string(top.id, ['id'])!;
  if (!STEP_ID.test(id)) v.fail(['id'], 'must be lower-case letters, digits and dashes');
  const order = v.number(top.order, ['order'], true)!;
  const minutes = v.number(top.minutes, ['minutes'], true)!;
  const s = top.setup === undefined ? {} : v.map(top.setup, ['setup'], ['nodes', 'paused', 'commands']);
  const setup: LessonSetup = {
    nodes: parseNodes(v, s.nodes),
    paused: v.bool(s.paused, ['setup', 'paused']) ?? false,
    commands: v.commands(s.commands, ['setup', 'commands']),
  };
  if (!Array.isArray(top.steps) || !top.steps.length) v.fail(['steps'], 'must be a non-empty list of steps');
  const seen = new Set<string>();
  const steps = (top.steps as unknown[]).map((raw, i): LessonStep => {
    const sp: Path = ['steps', i];
    const m = v.map(raw, sp, ['id', 'check', 'solution', 'initiallyPasses']);
    const sid = v.string(m.id, [...sp, 'id'])!;
    if (!STEP_ID.test(sid)) v.fail([...sp, 'id'], 'must be lower-case letters, digits and dashes');
    if (seen.has(sid)) v.fail([...sp, 'id'], `duplicate step id "${sid}"`);
    seen.add(sid);
    if (m.check === undefined) v.fail([...sp, 'check'], 'is required');
    const check = parseCheck(v, m.check, [...sp, 'check']);
    if (m.solution === undefined) v.fail([...sp, 'solution'], 'is required');
    return {
      id: sid,
      check,
      solution: v.commands(m.solution, [...sp, 'solution']),
      initiallyPasses: v.bool(m.initiallyPasses, [...sp, 'initiallyPasses']) ?? false,
    };
  });
  return { id, order, minutes, setup, steps };
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const HEADING_ID = /\s*\{#([^}\s]+)\}\s*$/;
const HINT = /^(hint|提示)(\s*\d+)?\s*[:：]?$/i;

/** Options of Markdown rendering. */
export interface RenderOptions {
  /** Applied to every produced HTML fragment (DOMPurify in the browser). */
  sanitize?: Sanitizer;
  md?: MarkdownIt;
}

/** Parses one language file (`en.md`) into its title, goal, introduction and step sections. */
export function parseLessonMarkdown(text: string, lesson: string, file: string, opts: RenderOptions = {}): LessonText {
  const lang = file.replace(/\.md$/, '');
  const fm = FRONT_MATTER.exec(text);
  if (!fm) throw new LessonError(lesson, file, undefined, 'missing front matter (a `---` block with title and goal)', 1, 1);
  const lc = new LineCounter();
  const doc = parseDocument(fm[1], { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new LessonError(lesson, file, undefined, yamlReason(e.message), pos ? pos.line + 1 : undefined, pos?.col);
  }
  const v = new Validator(lesson, file, doc, lc);
  const front = v.map(doc.toJS() ?? {}, [], ['title', 'goal']);
  const title = v.string(front.title, ['title'])!;
  const goal = v.string(front.goal, ['goal'])!;

  const md = opts.md ?? createMarkdown();
  const sanitize = opts.sanitize ?? ((h: string) => h);
  const body = text.slice(fm[0].length);
  const lineOffset = fm[0].split('\n').length - 1;
  const tokens = md.parse(body, {});

  interface Section {
    id: string;
    title: string;
    line: number;
    body: Token[];
    hints: Token[][];
  }
  const intro: Token[] = [];
  const sections: Section[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const cur = sections[sections.length - 1];
    if (t.type === 'heading_open' && t.level === 0 && (t.tag === 'h2' || t.tag === 'h3')) {
      const inline = tokens[i + 1];
      const content = inline?.content ?? '';
      const line = (t.map?.[0] ?? 0) + 1 + lineOffset;
      if (t.tag === 'h2') {
        const m = HEADING_ID.exec(content);
        if (!m)
          throw new LessonError(lesson, file, undefined, `heading "${content}" has no {#step-id} at its end`, line, 1);
        if (sections.some((s) => s.id === m[1]))
          throw new LessonError(lesson, file, undefined, `duplicate section {#${m[1]}}`, line, 1);
        sections.push({ id: m[1], title: content.slice(0, m.index).trim(), line, body: [], hints: [] });
        i += 2;
        continue;
      }
      if (cur && HINT.test(content.trim())) {
        cur.hints.push([]);
        i += 2;
        continue;
      }
    }
    if (!cur) intro.push(t);
    else if (cur.hints.length) cur.hints[cur.hints.length - 1].push(t);
    else cur.body.push(t);
  }
  const steps: StepText[] = sections.map((s) => ({
    id: s.id,
    title: s.title,
    html: renderTokens(md, s.body, sanitize),
    hints: s.hints.map((h) => renderTokens(md, h, sanitize)),
  }));
  return { lang, title, goal, intro: renderTokens(md, intro, sanitize), steps };
}

/** Language files of a lesson folder: `en.md`, `zh-CN.md` (README.md and others are not). */
export const LANGUAGE_FILE = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$/;

/** Checks that a language file has exactly the steps of lesson.yaml, in the same order. */
export function crossCheck(meta: LessonMeta, text: LessonText, lesson: string, file: string): void {
  const want = meta.steps.map((s) => s.id);
  const have = text.steps.map((s) => s.id);
  const missing = want.filter((id) => !have.includes(id));
  const extra = have.filter((id) => !want.includes(id));
  if (missing.length)
    throw new LessonError(lesson, file, undefined, `no section for step${missing.length > 1 ? 's' : ''} ${missing.map((x) => `{#${x}}`).join(', ')} of lesson.yaml`);
  if (extra.length)
    throw new LessonError(lesson, file, undefined, `section${extra.length > 1 ? 's' : ''} ${extra.map((x) => `{#${x}}`).join(', ')} not in lesson.yaml's steps`);
  if (want.join() !== have.join())
    throw new LessonError(lesson, file, undefined, `sections are not in lesson.yaml's step order (${want.join(', ')})`);
}

/** Loads one lesson folder. */
export async function loadLesson(source: LessonSource, dir: string, opts: RenderOptions = {}): Promise<Lesson> {
  let yamlText: string;
  try {
    yamlText = await source.read(`${dir}/lesson.yaml`);
  } catch {
    throw new LessonError(dir, 'lesson.yaml', undefined, 'no such file');
  }
  const meta = parseLessonYaml(yamlText, dir);
  const md = opts.md ?? createMarkdown();
  const texts: Record<string, LessonText> = {};
  for (const name of await source.list(dir)) {
    if (name === 'README.md' || !LANGUAGE_FILE.test(name)) continue;
    const text = parseLessonMarkdown(await source.read(`${dir}/${name}`), dir, name, { ...opts, md });
    crossCheck(meta, text, dir, name);
    texts[text.lang] = text;
  }
  if (!Object.keys(texts).length) throw new LessonError(dir, 'en.md', undefined, 'the lesson has no language file');
  return { dir, meta, texts };
}

/** Every lesson folder (those holding lesson.yaml) under the source's root, sorted by `order` then folder. */
export async function loadLessons(
  source: LessonSource,
  opts: RenderOptions = {},
): Promise<{ lessons: Lesson[]; errors: LessonError[] }> {
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  const md = opts.md ?? createMarkdown();
  for (const dir of await lessonDirs(source)) {
    try {
      const l = await loadLesson(source, dir, { ...opts, md });
      const dup = lessons.find((x) => x.meta.id === l.meta.id);
      if (dup) throw new LessonError(dir, 'lesson.yaml', 'id', `id "${l.meta.id}" is also the id of ${dup.dir}`);
      lessons.push(l);
    } catch (e) {
      if (e instanceof LessonError) errors.push(e);
      else throw e;
    }
  }
  lessons.sort((a, b) => a.meta.order - b.meta.order || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { lessons, errors };
}

/** Folders under the root that hold a lesson.yaml. */
export async function lessonDirs(source: LessonSource): Promise<string[]> {
  const out: string[] = [];
  for (const name of await source.list('')) {
    if ((await source.list(name)).includes('lesson.yaml')) out.push(name);
  }
  return out;
}
