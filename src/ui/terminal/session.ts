/**
 * The terminal's shell: a prompt, the line editor, history, Tab completion, continuation lines and
 * here-documents, and running `kubectl` through src/kubectl's `runKubectl` with Ctrl-C cancelling
 * streaming commands (`-w`, `logs -f`). It speaks to any terminal that takes escape sequences (xterm.js
 * in the page, a fake in tests) and so holds no DOM code. Built-ins: `clear`, `help`, `history`;
 * `kubectl edit` hands the object to the page's editor when the host supports it.
 * Leaves out: job control, pipes and redirections, environment variables, other programs.
 */
import type { ApiTransport } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import type { Clock } from '../../runtime/clock';
import type { Command, FileSource, KubectlContext, KubectlIO } from '../../kubectl/framework/command';
import { Client, resourcePath, type ApiResource } from '../../kubectl/framework/client';
import { GLOBAL_FLAGS, HELP_FLAG } from '../../kubectl/framework/global-flags';
import { errorText, kindPrefix, parseResourceArgs } from '../../kubectl/framework/resources';
import { parseFlags } from '../../kubectl/framework/flags';
import {
  continuation,
  endsHereDoc,
  hereDoc,
  hereDocBody,
  parseCommandLine,
  type HereDoc,
} from './command-line';
import { applyCompletion, complete, formatColumns, type CompletionSources } from './completion';
import { History, type HistoryStorage } from './history';
import { decodeInput, LineEditor, renderLine, type KeyEvent, type RenderState } from './line-editor';

/** What the session writes to: a terminal that understands VT100 escape sequences. */
export interface TerminalSink {
  write(s: string): void;
  /** Width in columns. */
  readonly cols: number;
}

/** kubectl's entry point, as src/kubectl/kubectl.ts exports it. */
export type RunKubectl = (argv: string[], io: KubectlIO, ctx: KubectlContext) => Promise<number>;

/**
 * Called by `kubectl edit` with the live object. Return a promise to make the command wait (it is
 * cancelled by Ctrl-C); a string it resolves to is printed (e.g. `deployment.apps/web edited`).
 */
export type EditHandler = (obj: KubeObject) => void | Promise<string | void>;

/** How a session is set up. */
export interface SessionOptions {
  api: ApiTransport;
  clock: Clock;
  run: RunKubectl;
  /** kubectl's command registry (completion of commands and flags). */
  commands: ReadonlyMap<string, Command>;
  /** Resolves once `commands` is filled (kubectl is loaded on first use). */
  commandsReady?: () => Promise<unknown>;
  /** The kubeconfig context's namespace (default `default`). */
  namespace?: string;
  storage?: HistoryStorage;
  onEdit?: EditHandler;
  /** Files `-f` can name (default: none). */
  files?: FileSource;
  /** Called when a command starts or ends. */
  onBusy?: (busy: boolean) => void;
}

/** The primary prompt (green `$`) and its visible width. */
export const PROMPT = '\x1b[1;32m$\x1b[0m ';
/** The continuation prompt (PS2). */
export const PROMPT2 = '> ';
const PROMPT_WIDTH = 2;

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** The text `help` prints. */
export const HELP_TEXT = [
  'KubeLab terminal: run kubectl against the cluster in this tab.',
  '',
  '  kubectl ...      run a kubectl command (try `kubectl get pods -A` or `kubectl --help`)',
  '  clear            clear the screen (also Ctrl-L)',
  '  history          list earlier commands',
  '  help             this text',
  '',
  'Keys: ↑/↓ history, Tab completion, Ctrl-C stops a command (`-w`, `logs -f`),',
  'Ctrl-A/E start/end of line, Ctrl-U/K delete to start/end, Ctrl-W delete a word,',
  'Ctrl-Shift-C/V copy and paste. Quote like a shell; `kubectl apply -f - <<EOF` reads until EOF.',
  '',
].join('\n');

const noFiles: FileSource = {
  read: async (p) => {
    throw new Error(`open ${p}: no such file or directory`);
  },
  list: async () => [],
  isDir: async () => false,
};

/** Replaces LF with CR LF for the terminal. */
export function toCrlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

/** Colours the `error:` / `Error from server` lines of stderr red; other text is left as kubectl wrote it. */
export function colourStderr(s: string): string {
  return s.replace(
    /^(error:|Error from server|The [A-Za-z.]+ "[^"]*" is invalid)(.*)$/gm,
    `${RED}$1$2${RESET}`,
  );
}

/** One interactive shell session. */
export class TerminalSession {
  private readonly line = new LineEditor();
  readonly history: History;
  private render: RenderState = { cursorRow: 0 };
  private prompt = PROMPT;
  /** Text of a command that goes on over several lines (open quote, trailing backslash). */
  private pending = '';
  private doc: { spec: HereDoc; first: string; body: string[] } | undefined;
  private busy = false;
  private typeahead: KeyEvent[] = [];
  private abort: AbortController | undefined;
  /** Bumped when a command is abandoned, so its late output is dropped. */
  private generation = 0;
  private discovery: Promise<ApiResource[]> | undefined;
  private readonly sources: CompletionSources;
  /** Exit code of the last command. */
  lastExit = 0;

  constructor(
    private readonly term: TerminalSink,
    private readonly o: SessionOptions,
  ) {
    this.history = new History(o.storage);
    this.sources = {
      commands: o.commands,
      globalFlags: [...GLOBAL_FLAGS, HELP_FLAG],
      builtins: ['clear', 'help', 'history'],
      resourceTypes: () => this.resourceTypes(),
      names: (r, ns) => this.names(r, ns),
      defaultNamespace: o.namespace ?? 'default',
    };
  }

  /** True while a command (or a completion lookup) runs. */
  get running(): boolean {
    return this.busy;
  }

  /** Shows the first prompt. */
  start(banner = 'Type `help` for help, Tab to complete.\r\n'): void {
    if (banner) this.term.write(banner);
    this.showPrompt();
  }

  /** Feeds what the terminal received from the keyboard or a paste (xterm's onData). */
  input(data: string): void {
    this.process(expandPastes(decodeInput(data)));
  }

  /**
   * Shows a command run on the learner's behalf (a lesson's setup or "show me") and what it printed,
   * as if it had been typed at the prompt; what the learner was typing is kept.
   */
  echo(commandLine: string, output: string): void {
    const out = output && !output.endsWith('\n') ? `${output}\n` : output;
    if (this.busy) {
      this.term.write(`\r\n${PROMPT}${toCrlf(commandLine)}\r\n${toCrlf(colourStderr(out))}`);
      return;
    }
    const typed = this.line.value;
    const cursor = this.line.cursor;
    this.line.clear();
    this.redraw();
    this.term.write(`${toCrlf(commandLine)}\r\n${toCrlf(colourStderr(out))}`);
    this.render = { cursorRow: 0 };
    this.line.set(typed, cursor);
    this.redraw();
  }

  /** Stops the running command (as Ctrl-C does). */
  interrupt(): void {
    this.process([{ kind: 'key', key: 'interrupt' }]);
  }

  private process(events: KeyEvent[]): void {
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (this.busy) {
        if (ev.kind === 'key' && ev.key === 'interrupt') {
          this.cancelRunning();
          continue;
        }
        this.typeahead.push(...events.slice(i));
        return;
      }
      this.handle(ev);
    }
  }

  private handle(ev: KeyEvent): void {
    if (ev.kind === 'text') {
      this.line.insert(ev.text.replace(/\t/g, ' '));
      this.redraw();
      return;
    }
    switch (ev.key) {
      case 'enter':
        this.enter();
        return;
      case 'up':
      case 'down': {
        const v =
          ev.key === 'up' ? this.history.previous(this.line.value) : this.history.next(this.line.value);
        if (v !== undefined) {
          this.line.set(v);
          this.redraw();
        }
        return;
      }
      case 'interrupt':
        this.moveToEnd();
        this.term.write('^C\r\n');
        this.reset();
        this.showPrompt();
        return;
      case 'eof':
        if (this.line.value) {
          this.line.apply('delete');
          this.redraw();
        }
        return;
      case 'clearScreen':
        this.term.write('\x1b[H\x1b[2J');
        this.render = { cursorRow: 0 };
        this.redraw();
        return;
      case 'tab':
        void this.tab();
        return;
      default:
        if (this.line.apply(ev.key)) this.redraw();
    }
  }

  private reset(): void {
    this.pending = '';
    this.doc = undefined;
    this.line.clear();
    this.history.reset();
  }

  private showPrompt(): void {
    this.prompt = this.doc || this.pending ? PROMPT2 : PROMPT;
    this.render = { cursorRow: 0 };
    this.redraw();
  }

  private redraw(): void {
    this.term.write(
      renderLine(this.prompt, PROMPT_WIDTH, this.line.value, this.line.cursor, this.term.cols, this.render),
    );
  }

  private moveToEnd(): void {
    this.term.write(
      renderLine(
        this.prompt,
        PROMPT_WIDTH,
        this.line.value,
        this.line.value.length,
        this.term.cols,
        this.render,
      ),
    );
  }

  private enter(): void {
    const text = this.line.value;
    this.moveToEnd();
    this.term.write('\r\n');
    this.line.clear();
    if (this.doc) {
      if (endsHereDoc(text, this.doc.spec)) {
        const { first, body, spec } = this.doc;
        this.doc = undefined;
        void this.execute(first, hereDocBody(body, spec));
      } else {
        this.doc.body.push(text);
        this.showPrompt();
      }
      return;
    }
    const full = this.pending + text;
    const cont = continuation(full);
    if (cont === 'quote') {
      this.pending = `${full}\n`;
      this.showPrompt();
      return;
    }
    if (cont === 'backslash') {
      this.pending = full.slice(0, -1);
      this.showPrompt();
      return;
    }
    this.pending = '';
    this.history.add(full);
    const spec = hereDoc(full);
    if (spec) {
      this.doc = { spec, first: full, body: [] };
      this.showPrompt();
      return;
    }
    void this.execute(full, undefined);
  }

  private setBusy(b: boolean): void {
    this.busy = b;
    this.o.onBusy?.(b);
  }

  /** Runs a complete command line; `stdin` is a here-document's body. */
  async execute(line: string, stdin: string | undefined): Promise<void> {
    const parsed = parseCommandLine(line);
    if ('error' in parsed) {
      this.term.write(`${RED}${toCrlf(parsed.error)}${RESET}\r\n`);
      this.lastExit = 2;
      this.showPrompt();
      return;
    }
    const argv = parsed.argv;
    if (argv.length === 0) {
      this.showPrompt();
      return;
    }
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'clear':
        this.term.write('\x1b[H\x1b[2J\x1b[3J');
        this.lastExit = 0;
        this.showPrompt();
        return;
      case 'help':
        this.term.write(toCrlf(HELP_TEXT));
        this.lastExit = 0;
        this.showPrompt();
        return;
      case 'history': {
        const lines = this.history.lines.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join('');
        this.term.write(toCrlf(lines));
        this.lastExit = 0;
        this.showPrompt();
        return;
      }
      case 'kubectl':
        break;
      default:
        this.term.write(`${cmd}: command not found\r\n`);
        this.lastExit = 127;
        this.showPrompt();
        return;
    }
    const gen = ++this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.setBusy(true);
    const live = () => gen === this.generation;
    const io: KubectlIO = {
      stdout: (s) => {
        if (live()) this.term.write(toCrlf(s));
      },
      stderr: (s) => {
        if (live()) this.term.write(toCrlf(colourStderr(s)));
      },
      stdin,
      files: this.o.files ?? noFiles,
      signal: abort.signal,
      tty: true,
    };
    let code: number;
    try {
      code =
        args[0] === 'edit' && this.o.onEdit
          ? await this.edit(args.slice(1), io)
          : await this.runKubectl(args, io);
    } catch (e) {
      io.stderr(`${errorText(e)}\n`);
      code = 1;
    }
    if (!live()) return; // abandoned by Ctrl-C: the prompt is already shown
    this.finish(code);
  }

  private runKubectl(args: string[], io: KubectlIO): Promise<number> {
    return this.o.run(args, io, { api: this.o.api, clock: this.o.clock, namespace: this.o.namespace });
  }

  private finish(code: number): void {
    this.lastExit = code;
    this.abort = undefined;
    this.setBusy(false);
    this.showPrompt();
    const queued = this.typeahead;
    this.typeahead = [];
    this.process(queued);
  }

  private cancelRunning(): void {
    // Output the command writes from now on (even from its abort handler) is dropped.
    this.generation++;
    this.abort?.abort();
    this.term.write('^C\r\n');
    this.reset();
    this.finish(130);
  }

  /** `kubectl edit TYPE NAME | TYPE/NAME [-n NS]`: fetches the object and hands it to the editor. */
  private async edit(args: string[], io: KubectlIO): Promise<number> {
    const defs = [
      { name: 'output', short: 'o', type: 'string' as const, usage: '' },
      { name: 'filename', short: 'f', type: 'stringArray' as const, usage: '' },
      ...GLOBAL_FLAGS,
      HELP_FLAG,
    ];
    const parsed = parseFlags(args, defs);
    const client = new Client(this.o.api);
    const ns = parsed.flags.string('namespace') || this.o.namespace || 'default';
    if (parsed.args.length === 0) {
      io.stderr(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      );
      return 1;
    }
    const { targets } = await parseResourceArgs(client, parsed.args);
    const target = targets.find((t) => t.name !== undefined);
    if (!target || targets.length !== 1) {
      io.stderr('error: the editor in this terminal edits one named object at a time\n');
      return 1;
    }
    const obj = await client.get<KubeObject>(resourcePath(target.resource, ns, target.name));
    const result = this.o.onEdit!(obj);
    const label = `${kindPrefix(target.resource)}/${target.name}`;
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const msg = await result;
      if (msg) io.stdout(`${msg}\n`);
    } else {
      io.stdout(`${label} opened in the editor\n`);
    }
    return 0;
  }

  private async tab(): Promise<void> {
    const gen = ++this.generation;
    this.setBusy(true);
    let res;
    try {
      await this.o.commandsReady?.();
      const c = await complete(this.line.value, this.line.cursor, this.sources);
      res = applyCompletion(this.line.value, c);
    } catch {
      res = undefined;
    }
    if (gen !== this.generation) return;
    this.setBusy(false);
    if (res) {
      if (res.list.length) {
        this.moveToEnd();
        this.term.write(`\r\n${formatColumns(res.list, this.term.cols)}`);
        this.render = { cursorRow: 0 };
      } else if (res.text === this.line.value) {
        this.term.write('\x07');
      }
      this.line.set(res.text, res.cursor);
      this.redraw();
    }
    const queued = this.typeahead;
    this.typeahead = [];
    this.process(queued);
  }

  private resourceTypes(): Promise<ApiResource[]> {
    this.discovery ??= new Client(this.o.api, 'kubectl')
      .discovery()
      .then((d) => d.resources)
      .catch((e) => {
        this.discovery = undefined;
        throw e;
      });
    return this.discovery;
  }

  private async names(r: ApiResource, ns: string): Promise<string[]> {
    const res = await this.o.api.request<{ items?: KubeObject[] }>({
      method: 'GET',
      path: resourcePath(r, r.namespaced ? ns : undefined),
      from: 'kubectl',
    });
    if (res.status >= 300) return [];
    const body = res.body as { items?: KubeObject[] };
    return (body.items ?? []).map((o) => o.metadata?.name ?? '').filter(Boolean);
  }
}

/** Splits pasted text with line breaks into text and Enter events (a paste of several commands). */
export function expandPastes(events: KeyEvent[]): KeyEvent[] {
  const out: KeyEvent[] = [];
  for (const ev of events) {
    if (ev.kind !== 'text' || !/[\r\n]/.test(ev.text)) {
      out.push(ev);
      continue;
    }
    const parts = ev.text.split(/\r\n|\r|\n/);
    parts.forEach((p, i) => {
      if (p) out.push({ kind: 'text', text: p, pasted: ev.pasted });
      if (i < parts.length - 1) out.push({ kind: 'key', key: 'enter' });
    });
  }
  return out;
}
