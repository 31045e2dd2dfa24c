/**
 * The xterm.js side of the terminal: creates the xterm, sizes it to its box, wires keyboard input,
 * copy and paste (selection, Ctrl-Shift-C / Ctrl-Shift-V, bracketed paste of multi-line text) to a
 * `TerminalSession`, and exposes reactive state for the component.
 */
import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ApiTransport } from '../../api/rest';
import type { Clock } from '../../runtime/clock';
import type { Command } from '../../kubectl/framework/command';
import type { runKubectl as RunKubectlFn } from '../../kubectl/kubectl';

/**
 * kubectl (its commands, help texts and printers: the largest part of the terminal) is loaded when
 * the learner first types, not with the page; its command table fills `COMMANDS` for completion.
 */
// Not reactive state: a lookup table filled once (completion reads it on Tab).
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const COMMANDS = new Map<string, Command>();
let kubectlModule: Promise<{ runKubectl: typeof RunKubectlFn }> | undefined;
function loadKubectl(): Promise<{ runKubectl: typeof RunKubectlFn }> {
  kubectlModule ??= Promise.all([import('../../kubectl/kubectl'), import('../../kubectl/cmd/registry')]).then(
    ([k, r]) => {
      for (const [name, cmd] of r.COMMANDS) COMMANDS.set(name, cmd);
      return k;
    },
  );
  return kubectlModule;
}
const runKubectl: typeof RunKubectlFn = async (argv, io, ctx) =>
  (await loadKubectl()).runKubectl(argv, io, ctx);
import { TerminalSession, type EditHandler } from './session';

/** What the Terminal component is given. */
export interface TerminalProps {
  /** An apiserver connection (`supervisor.connect('kubectl')`). */
  api: ApiTransport;
  /** The cluster clock (`supervisor.clock`), used by kubectl for ages and `-w`. */
  clock: Clock;
  /** Default namespace of the kubeconfig context (`default`). */
  namespace?: string;
  /** Opens an object in the editor (`kubectl edit`); see `EditHandler`. */
  onEdit?: EditHandler;
}

const FONT_SIZE = 13;
const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** One mounted terminal. */
export class TerminalController {
  /** True while a command runs. */
  busy = $state(false);
  private term: XTerm | undefined;
  private session: TerminalSession | undefined;
  private resize: ResizeObserver | undefined;

  /** Creates the xterm inside `el` and shows the prompt. */
  mount(el: HTMLElement, props: TerminalProps): void {
    const term = new XTerm({
      fontFamily: FONT_FAMILY,
      fontSize: FONT_SIZE,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
      theme: {
        background: '#1b1f24',
        foreground: '#e6e8eb',
        cursor: '#e6e8eb',
        selectionBackground: '#3d5a80',
      },
    });
    this.term = term;
    term.open(el);
    const session = new TerminalSession(
      {
        write: (s) => term.write(s),
        get cols() {
          return term.cols;
        },
      },
      {
        api: props.api,
        clock: props.clock,
        namespace: props.namespace,
        run: runKubectl,
        commands: COMMANDS,
        commandsReady: loadKubectl,
        storage: safeLocalStorage(),
        onEdit: props.onEdit ? (obj) => props.onEdit!(obj) : undefined,
        onBusy: (b) => (this.busy = b),
      },
    );
    this.session = session;
    term.attachCustomKeyEventHandler((e) => this.keyHandler(e));
    term.onData((d) => {
      void loadKubectl();
      session.input(d);
    });
    this.fit(el);
    this.resize = new ResizeObserver(() => this.fit(el));
    this.resize.observe(el);
    // Bracketed paste: xterm wraps pasted text so it is never taken for typed keys (Tab, Enter).
    term.write('\x1b[?2004h');
    session.start();
    term.focus();
  }

  /** Copy / paste shortcuts; false stops xterm from handling the key itself. */
  private keyHandler(e: KeyboardEvent): boolean {
    const term = this.term!;
    if (e.type !== 'keydown') return true;
    if (e.ctrlKey && e.shiftKey && (e.key === 'C' || e.key === 'c')) {
      const sel = term.getSelection();
      if (sel) void navigator.clipboard?.writeText(sel).catch(() => {});
      e.preventDefault();
      return false;
    }
    if (e.ctrlKey && e.shiftKey && (e.key === 'V' || e.key === 'v')) {
      e.preventDefault();
      void navigator.clipboard
        ?.readText()
        .then((t) => term.paste(t))
        .catch(() => {});
      return false;
    }
    return true;
  }

  /** Resizes the xterm to fill `el` (what @xterm/addon-fit does, from a measured cell size). */
  private fit(el: HTMLElement): void {
    const term = this.term;
    if (!term || !el.clientWidth || !el.clientHeight) return;
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px`;
    probe.textContent = 'W'.repeat(50);
    el.appendChild(probe);
    const cw = probe.getBoundingClientRect().width / 50;
    const ch = probe.getBoundingClientRect().height;
    probe.remove();
    if (!cw || !ch) return;
    const cols = Math.max(20, Math.floor((el.clientWidth - 16) / cw));
    const rows = Math.max(5, Math.floor((el.clientHeight - 8) / ch));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
  }

  /** Types a line as if the user did (used by lessons and tests). */
  type(text: string): void {
    this.session?.input(text);
  }

  /** Types a command line and Enter, as the learner would (a lesson's "run in terminal"). */
  typeCommand(line: string): void {
    this.session?.input(`${line}\r`);
  }

  /** Shows a command run elsewhere (a lesson's setup or "show me") and its output. */
  echo(commandLine: string, output: string): void {
    this.session?.echo(commandLine, output);
  }

  /** Stops the running command. */
  interrupt(): void {
    this.session?.interrupt();
  }

  /** Gives the terminal the keyboard focus. */
  focus(): void {
    this.term?.focus();
  }

  /** Tears the xterm down. */
  dispose(): void {
    this.resize?.disconnect();
    this.session?.interrupt();
    this.term?.dispose();
    this.term = undefined;
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
