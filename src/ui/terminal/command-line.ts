/**
 * Turns a typed line into argv the way a POSIX shell would for one simple command, using the
 * `shell-quote` tokenizer: single and double quotes, backslash escapes, comments. Also recognises what
 * makes the shell ask for more input (an open quote, a trailing backslash, a here-document) so the
 * terminal can show its `> ` continuation prompt, and a here-document's delimiter (`<<EOF`, `<<'EOF'`,
 * `<<-EOF`), whose body becomes the command's stdin (`kubectl apply -f - <<EOF`).
 * Leaves out: variables and command substitution (there is no environment: `$X` stays literal), pipes,
 * `&&`/`;` lists and redirections (reported as unsupported), globbing (patterns stay literal words).
 */
import { parse } from 'shell-quote';

/** What the line still needs before it can run. */
export type Continuation = 'none' | 'quote' | 'backslash';

/** Scans quoting: an unclosed quote or a trailing backslash means the command goes on on the next line. */
export function continuation(text: string): Continuation {
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') {
      if (i === text.length - 1) return quote ? 'quote' : 'backslash';
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      break;
    }
  }
  return quote ? 'quote' : 'none';
}

/** A here-document request found on a command line. */
export interface HereDoc {
  /** The word that ends the body. */
  delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines and the delimiter line. */
  stripTabs: boolean;
}

/** The here-document a complete command line opens, if any (outside quotes). */
export function hereDoc(line: string): HereDoc | undefined {
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return undefined;
    else if (c === '<' && line.startsWith('<<<', i))
      i += 2; // a here-string, not a here-document
    else if (c === '<' && line[i + 1] === '<') {
      let j = i + 2;
      const stripTabs = line[j] === '-';
      if (stripTabs) j++;
      while (line[j] === ' ' || line[j] === '\t') j++;
      const m = /^(?:'([^']*)'|"([^"]*)"|((?:\\.|[^\s;&|<>()])+))/.exec(line.slice(j));
      if (!m) return undefined;
      const delimiter = m[1] ?? m[2] ?? m[3].replace(/\\(.)/g, '$1');
      return { delimiter, stripTabs };
    }
  }
  return undefined;
}

/** A parsed command: its words, or why it cannot run. */
export type ParsedLine = { argv: string[] } | { error: string };

/**
 * Splits a complete command line (without a here-document's body) into words. An empty or
 * comment-only line gives `argv: []`.
 */
export function parseCommandLine(line: string): ParsedLine {
  const tokens = parse(line, (name: string) => `$${name}`);
  const argv: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (typeof t === 'string') {
      argv.push(t);
      continue;
    }
    if ('comment' in t) break;
    if ('op' in t) {
      if (t.op === 'glob') {
        argv.push((t as { pattern: string }).pattern);
        continue;
      }
      if ((t.op as string) === '<<' || (t.op as string) === '<<-') {
        // The delimiter word that follows is consumed; the body arrives as stdin.
        i++;
        continue;
      }
      return { error: `${t.op}: pipes, lists and redirections are not supported in this terminal` };
    }
  }
  return { argv };
}

/** The body of a here-document from its lines (without the delimiter line), as stdin text. */
export function hereDocBody(lines: readonly string[], doc: HereDoc): string {
  const body = doc.stripTabs ? lines.map((l) => l.replace(/^\t+/, '')) : lines;
  return body.length ? `${body.join('\n')}\n` : '';
}

/** True when `line` ends the here-document. */
export function endsHereDoc(line: string, doc: HereDoc): boolean {
  return (doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter;
}
