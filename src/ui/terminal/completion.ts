/**
 * Tab completion for the terminal, after kubectl's cobra completion (`kubectl __complete`) as bash
 * shows it: command and subcommand names, `--flag` names of the command and the global flags, flag
 * values (`-n` namespaces, `-o` formats, `--dry-run` modes), resource types, `type/name` and object
 * names fetched from the apiserver. One candidate is inserted with a trailing space; several insert
 * their longest common prefix, or are listed when that adds nothing.
 * Leaves out: completion of file names (`-f`), of container names (`-c`), and of `explain` field paths.
 */
import type { Command } from '../../kubectl/framework/command';
import type { FlagDef } from '../../kubectl/framework/flags';
import type { ApiResource } from '../../kubectl/framework/client';

/** Where completion gets what it offers. */
export interface CompletionSources {
  /** kubectl's command registry. */
  commands: ReadonlyMap<string, Command>;
  /** Flags every command takes (kubectl's global flags). */
  globalFlags: readonly FlagDef[];
  /** Words the terminal itself understands besides `kubectl` (`clear`, `help`, ...). */
  builtins: readonly string[];
  /** The served resource types (discovery). */
  resourceTypes(): Promise<ApiResource[]>;
  /** Names of the objects of a type in a namespace (cluster-scoped types ignore it). */
  names(resource: ApiResource, namespace: string): Promise<string[]>;
  /** The namespace when none is given with -n. */
  defaultNamespace: string;
}

/** Candidates for the word ending at the cursor, which spans `from`..`to` of the line. */
export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

/** Commands whose positional arguments are `TYPE [NAME...]` or `TYPE/NAME`. */
const RESOURCE_COMMANDS = new Set([
  'get',
  'describe',
  'delete',
  'edit',
  'label',
  'annotate',
  'patch',
  'scale',
  'wait',
  'autoscale',
  'expose',
  'taint',
  'status',
  'history',
  'undo',
  'restart',
  'pause',
  'resume',
  'image',
  'env',
  'resources',
  'selector',
  'serviceaccount',
]);
/** Commands whose first positional argument is a pod. */
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);
/** Commands whose positional arguments are nodes. */
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain']);
/** Commands that take a resource type only. */
const TYPE_COMMANDS = new Set(['explain']);

const OUTPUT_FORMATS = [
  'custom-columns=',
  'custom-columns-file=',
  'go-template=',
  'go-template-file=',
  'json',
  'jsonpath=',
  'jsonpath-as-json=',
  'jsonpath-file=',
  'name',
  'template=',
  'templatefile=',
  'wide',
  'yaml',
];

interface Word {
  text: string;
  start: number;
}

/** Splits the line before the cursor into words (quotes kept out of the text), the last being the one typed. */
export function wordsBefore(line: string): { words: Word[]; current: Word } {
  const words: Word[] = [];
  let cur: Word | undefined;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (!quote && /\s/.test(c)) {
      if (cur) words.push(cur);
      cur = undefined;
      continue;
    }
    cur ??= { text: '', start: i };
    if (quote) {
      if (c === quote) quote = '';
      else cur.text += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < line.length) cur.text += line[++i];
    else cur.text += c;
  }
  return { words, current: cur ?? { text: '', start: line.length } };
}

function flagDefs(cmd: Command | undefined, src: CompletionSources): FlagDef[] {
  return [...(cmd?.flags ?? []), ...src.globalFlags];
}

/** A flag word understood: its definition, and whether its value is the next word. */
interface FlagWord {
  def?: FlagDef;
  value?: string;
  needsValue: boolean;
}

/** Reads `--name`, `--name=value`, `-n`, `-nvalue`, `-n=value` and combined short booleans (`-Aw`). */
function readFlag(defs: FlagDef[], word: string): FlagWord {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const def = defs.find((d) => d.name === word.slice(2, eq < 0 ? undefined : eq));
    if (eq >= 0) return { def, value: word.slice(eq + 1), needsValue: false };
    return { def, needsValue: !!def && def.type !== 'bool' && def.noOptDefault === undefined };
  }
  for (let i = 1; i < word.length; i++) {
    const def = defs.find((d) => d.short === word[i]);
    if (!def) return { needsValue: false };
    if (def.type === 'bool' || def.noOptDefault !== undefined) continue;
    const rest = word.slice(i + 1).replace(/^=/, '');
    return rest ? { def, value: rest, needsValue: false } : { def, needsValue: true };
  }
  return { needsValue: false };
}

function lookupCommand(src: CompletionSources, name: string): Command | undefined {
  const c = src.commands.get(name);
  if (c) return c;
  for (const cmd of src.commands.values()) if (cmd.aliases?.includes(name)) return cmd;
  return undefined;
}

function matchType(types: ApiResource[], word: string): ApiResource | undefined {
  const w = word.toLowerCase();
  const [res, group] = w.split(/\.(.*)/s);
  return types.find(
    (t) =>
      (t.name === res ||
        t.singularName === res ||
        t.shortNames.includes(res) ||
        t.kind.toLowerCase() === res) &&
      (group === undefined || t.group === group || t.group.startsWith(group)),
  );
}

const byPrefix = (xs: Iterable<string>, prefix: string) =>
  [...new Set(xs)].filter((x) => x.startsWith(prefix)).sort();

async function typeCandidates(src: CompletionSources, prefix: string): Promise<string[]> {
  const types = await src.resourceTypes();
  const plural = byPrefix(
    types.map((t) => t.name),
    prefix,
  );
  if (plural.length) return plural;
  return byPrefix(
    types.flatMap((t) => [t.singularName, ...t.shortNames]),
    prefix,
  );
}

async function nameCandidates(
  src: CompletionSources,
  type: string,
  ns: string,
  prefix: string,
): Promise<string[]> {
  const r = matchType(await src.resourceTypes(), type);
  if (!r) return [];
  try {
    return byPrefix(await src.names(r, ns), prefix);
  } catch {
    return [];
  }
}

async function flagValueCandidates(src: CompletionSources, def: FlagDef, prefix: string): Promise<string[]> {
  switch (def.name) {
    case 'namespace':
      return nameCandidates(src, 'namespaces', '', prefix);
    case 'output':
      return byPrefix(OUTPUT_FORMATS, prefix);
    case 'dry-run':
      return byPrefix(['client', 'none', 'server'], prefix);
    default:
      return [];
  }
}

/** Completes the word that ends at `cursor`. */
export async function complete(line: string, cursor: number, src: CompletionSources): Promise<Completion> {
  const before = line.slice(0, cursor);
  const { words, current } = wordsBefore(before);
  const from = current.start;
  const done = (candidates: string[]): Completion => ({ from, to: cursor, candidates });
  const prefix = current.text;

  if (words.length === 0) return done(byPrefix(['kubectl', ...src.builtins], prefix));
  if (words[0].text !== 'kubectl') return done([]);

  // Walk the words after `kubectl` as cobra would: command, subcommand, flags and positionals.
  let cmd: Command | undefined;
  let sub: Command | undefined;
  const positionals: string[] = [];
  let namespace = src.defaultNamespace;
  let pending: FlagDef | undefined;
  let dashdash = false;
  for (const w of words.slice(1)) {
    const t = w.text;
    if (pending) {
      if (pending.name === 'namespace') namespace = t;
      pending = undefined;
      continue;
    }
    if (!dashdash && t === '--') {
      dashdash = true;
      continue;
    }
    if (!dashdash && t.startsWith('-') && t.length > 1) {
      const f = readFlag(flagDefs(sub ?? cmd, src), t);
      if (f.def?.name === 'namespace' && f.value !== undefined) namespace = f.value;
      if (f.needsValue) pending = f.def;
      continue;
    }
    if (!cmd) {
      cmd = lookupCommand(src, t);
      if (!cmd) return done([]);
      continue;
    }
    if (!sub && cmd.subcommands && positionals.length === 0) {
      const s = cmd.subcommands.find((c) => c.name === t || c.aliases?.includes(t));
      if (s) {
        sub = s;
        continue;
      }
    }
    positionals.push(t);
  }
  const active = sub ?? cmd;

  if (pending) return done(await flagValueCandidates(src, pending, prefix));
  if (prefix.startsWith('--') && prefix.includes('=')) {
    const def = readFlag(flagDefs(active, src), prefix).def;
    if (!def) return done([]);
    const head = prefix.slice(0, prefix.indexOf('=') + 1);
    const values = await flagValueCandidates(src, def, prefix.slice(head.length));
    return done(values.map((v) => head + v));
  }
  if (prefix.startsWith('-')) {
    const names = flagDefs(active, src)
      .filter((d) => !d.hidden)
      .map((d) => `--${d.name}`);
    return done(byPrefix(names, prefix));
  }
  if (!cmd) {
    const names = [...src.commands.values()].filter((c) => !c.hidden).map((c) => c.name);
    return done(byPrefix(names, prefix));
  }
  if (!sub && cmd.subcommands && positionals.length === 0) {
    const names = cmd.subcommands.filter((c) => !c.hidden).map((c) => c.name);
    const subs = byPrefix(names, prefix);
    if (subs.length || !cmd.run) return done(subs);
  }

  const name = active!.name;
  if (TYPE_COMMANDS.has(name)) return done(positionals.length === 0 ? await typeCandidates(src, prefix) : []);
  if (POD_COMMANDS.has(name)) {
    return done(positionals.length === 0 ? await nameCandidates(src, 'pods', namespace, prefix) : []);
  }
  if (NODE_COMMANDS.has(name)) return done(await nameCandidates(src, 'nodes', '', prefix));
  if (RESOURCE_COMMANDS.has(name)) {
    const slash = prefix.indexOf('/');
    if (slash >= 0) {
      const type = prefix.slice(0, slash);
      const names = await nameCandidates(src, type, namespace, prefix.slice(slash + 1));
      return done(names.map((n) => `${type}/${n}`));
    }
    if (positionals.length === 0) return done(await typeCandidates(src, prefix));
    const type = positionals[0];
    if (type.includes('/') || type.includes(',')) return done([]);
    const taken = new Set(positionals.slice(1));
    const names = await nameCandidates(src, type, namespace, prefix);
    return done(names.filter((n) => !taken.has(n)));
  }
  return done([]);
}

/** Longest common prefix of the candidates. */
export function commonPrefix(xs: readonly string[]): string {
  if (xs.length === 0) return '';
  let p = xs[0];
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** The result of pressing Tab: the new line and cursor, and candidates to list (when ambiguous). */
export interface TabResult {
  text: string;
  cursor: number;
  list: string[];
}

/** Applies a completion to the line as bash does on the first Tab press. */
export function applyCompletion(line: string, c: Completion): TabResult {
  const word = line.slice(c.from, c.to);
  const unquoted = wordsBefore(word).current.text;
  if (c.candidates.length === 0) return { text: line, cursor: c.to, list: [] };
  const quote = (s: string) => s.replace(/([\s'"\\$`!|&;()<>*?[\]{}#~])/g, '\\$1');
  if (c.candidates.length === 1) {
    const only = quote(c.candidates[0]);
    const after = line.slice(c.to);
    // A finished word gets a space after it (or moves past the one already there); `type/` and `--flag=` do not.
    const space = /[/=]$/.test(only) ? '' : after.startsWith(' ') ? '' : ' ';
    const skip = !/[/=]$/.test(only) && after.startsWith(' ') ? 1 : 0;
    const text = line.slice(0, c.from) + only + space + after;
    return { text, cursor: c.from + only.length + space.length + skip, list: [] };
  }
  const lcp = commonPrefix(c.candidates);
  if (lcp.length > unquoted.length) {
    const ins = quote(lcp);
    return { text: line.slice(0, c.from) + ins + line.slice(c.to), cursor: c.from + ins.length, list: [] };
  }
  return { text: line, cursor: c.to, list: c.candidates };
}

/** Lays out candidates in columns for a terminal `cols` wide, as bash lists completions. */
export function formatColumns(items: readonly string[], cols: number): string {
  if (items.length === 0) return '';
  const width = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i < items.length) line += items[i].padEnd(width);
    }
    lines.push(line.trimEnd());
  }
  return `${lines.join('\r\n')}\r\n`;
}
