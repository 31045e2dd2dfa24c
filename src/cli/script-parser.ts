/**
 * Parses a `kubelab script` file: one command per line, `#` comments, `\` line continuations, POSIX
 * shell quoting (tokenised by the `shell-quote` package), and here-documents (`<<EOF` … `EOF`, also
 * `<<'EOF'` and `<<-EOF`) fed to the command as its standard input.
 */
import { parse as shellParse } from 'shell-quote';

/** One command of a script. */
export interface ScriptCommand {
  /** The command's source text as written (continuation lines and here-document included). */
  source: string;
  /** 1-based line number where it starts. */
  line: number;
  /** The words after shell quoting, without the here-document operator. */
  argv: string[];
  /** Standard input from a here-document. */
  stdin?: string;
}

/** A script that cannot be run (the only failure that makes `kubelab script` exit non-zero). */
export class ScriptError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ScriptError';
  }
}

const HEREDOC = /<<(-?)\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\s*$/;

/** Splits a script into commands. */
export function parseScript(text: string): ScriptCommand[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: ScriptCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i];
    const sourceLines = [lines[i]];
    while (/(^|[^\\])(\\\\)*\\$/.test(logical) && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + lines[++i];
      sourceLines.push(lines[i]);
    }
    if (/^\s*(#|$)/.test(logical)) continue;
    let stdin: string | undefined;
    const hd = HEREDOC.exec(logical);
    if (hd) {
      const strip = hd[1] === '-';
      const delim = hd[2] ?? hd[3] ?? hd[4];
      logical = logical.slice(0, hd.index).trimEnd();
      const body: string[] = [];
      let closed = false;
      while (++i < lines.length) {
        sourceLines.push(lines[i]);
        const l = strip ? lines[i].replace(/^\t+/, '') : lines[i];
        if (l === delim) {
          closed = true;
          break;
        }
        body.push(l);
      }
      if (!closed)
        throw new ScriptError(`here-document delimited by end-of-file (wanted \`${delim}')`, start + 1);
      stdin = body.length ? body.join('\n') + '\n' : '';
    }
    let argv: string[];
    try {
      argv = tokens(logical);
    } catch (e) {
      throw new ScriptError((e as Error).message, start + 1);
    }
    if (!argv.length) continue;
    out.push({ source: sourceLines.join('\n'), line: start + 1, argv, stdin });
  }
  return out;
}

/** Shell words of one line: quotes and escapes resolved, comments dropped, operators refused. */
export function tokens(line: string): string[] {
  const words: string[] = [];
  // Keep `$` literal: scripts have no variables, and jsonpath/custom-columns use `{$}` freely.
  for (const t of shellParse(line, (key) => `$${key}`)) {
    if (typeof t === 'string') words.push(t);
    else if ('comment' in t) break;
    else if ('op' in t && t.op === 'glob') words.push((t as { pattern: string }).pattern);
    else throw new Error(`unsupported shell syntax: ${'op' in t ? t.op : JSON.stringify(t)}`);
  }
  return words;
}

/** Parses `10`, `10s`, `2m`, `1h`, `1m30s`, `500ms` into milliseconds. */
export function parseDuration(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    matched += m[0];
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  if (!s || matched !== s) throw new Error(`invalid duration "${s}"`);
  return Math.round(total);
}
