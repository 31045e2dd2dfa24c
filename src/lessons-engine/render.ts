/**
 * Markdown of the lessons, with markdown-it: raw HTML is escaped (`html: false`), links only go to
 * http(s) or relative targets and carry `rel="noopener noreferrer"` (external ones open in a new tab),
 * and code that is a kubectl command line is marked `data-run` so the page can offer "run in terminal".
 * The HTML produced here goes through a `Sanitizer` (DOMPurify in the browser) before it is shown.
 */
import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import { parseScript } from '../cli/script-parser';

/** Cleans rendered HTML before it reaches the page (DOMPurify in the browser; identity in Node). */
export type Sanitizer = (html: string) => string;

/** True for link targets a lesson may use: http(s), protocol-relative, or relative (incl. `#anchor`). */
export function isSafeUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  // Control characters and whitespace inside a scheme are how filters get tricked (`java\tscript:`).
  // eslint-disable-next-line no-control-regex
  const squeezed = u.replace(/[\u0000-\u0020]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  if (!scheme) return true;
  return scheme[1] === 'http' || scheme[1] === 'https';
}

/**
 * The command lines of a code block when every command in it is `kubectl …` (prompts `$ ` removed,
 * continuation lines and here-documents kept); undefined otherwise.
 */
export function runnableCommands(code: string): string | undefined {
  const lines = code.replace(/\n$/, '').split('\n');
  const stripped = lines.map((l) => l.replace(/^\$ /, '')).join('\n');
  if (!stripped.trim()) return undefined;
  try {
    const cmds = parseScript(stripped);
    if (!cmds.length || !cmds.every((c) => c.argv[0] === 'kubectl' && c.argv.length > 1)) return undefined;
  } catch {
    return undefined;
  }
  return stripped;
}

const SHELL_INFO = new Set(['', 'sh', 'bash', 'shell', 'console', 'terminal']);

/** A markdown-it instance set up for lesson text. */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = isSafeUrl;

  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const t = tokens[idx];
    t.attrSet('rel', 'noopener noreferrer');
    const href = String(t.attrGet('href') ?? '').trim().toLowerCase();
    if (/^(https?:)?\/\//.test(href)) t.attrSet('target', '_blank');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  const defaultFence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const t = tokens[idx];
    const lang = t.info.trim().split(/\s+/)[0] ?? '';
    const run = SHELL_INFO.has(lang) ? runnableCommands(t.content) : undefined;
    const html = defaultFence(tokens, idx, options, env, self);
    if (run === undefined) return html;
    return html.replace(/^<pre>/, `<pre class="lesson-run" data-run="${md.utils.escapeHtml(run)}">`);
  };

  const defaultInline = md.renderer.rules.code_inline!;
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
    const run = runnableCommands(tokens[idx].content);
    const html = defaultInline(tokens, idx, options, env, self);
    if (run === undefined || run.includes('\n')) return html;
    return html.replace(/^<code/, `<code class="lesson-run" data-run="${md.utils.escapeHtml(run)}"`);
  };
  return md;
}

/** Renders a slice of block tokens. */
export function renderTokens(md: MarkdownIt, tokens: Token[], sanitize: Sanitizer): string {
  return sanitize(md.renderer.render(tokens, md.options, {}));
}
