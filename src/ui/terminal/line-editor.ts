/**
 * The terminal's line editor, after GNU readline's emacs mode as bash uses it: a buffer and a cursor,
 * cursor moves (←/→, Home/End, Ctrl-A/E, Alt-B/F, Ctrl-←/→), deletion (Backspace, Delete, Ctrl-D on a
 * non-empty line), kills (Ctrl-U, Ctrl-K, Ctrl-W, Alt-D) into a kill buffer that Ctrl-Y yanks, and the
 * decoding of what xterm.js sends for keys and pastes. Rendering a (possibly wrapped) line as escape
 * sequences is here too, so the xterm component stays thin.
 * Leaves out: vi mode, undo, multi-column (wide) characters, incremental search (Ctrl-R).
 */

/** A decoded key press (or a run of typed/pasted text). */
export type KeyEvent =
  | { kind: 'text'; text: string; pasted: boolean }
  | {
      kind: 'key';
      key:
        | 'enter'
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'wordLeft'
        | 'wordRight'
        | 'killLineStart'
        | 'killLineEnd'
        | 'killWordBack'
        | 'killWordForward'
        | 'yank'
        | 'interrupt'
        | 'eof'
        | 'clearScreen'
        | 'tab';
    };

const SEQUENCES: Record<string, Extract<KeyEvent, { kind: 'key' }>['key']> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x1b[3~': 'delete',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[1;5D': 'wordLeft',
  '\x1b[1;3D': 'wordLeft',
  '\x1bb': 'wordLeft',
  '\x1b[1;5C': 'wordRight',
  '\x1b[1;3C': 'wordRight',
  '\x1bf': 'wordRight',
  '\x1bd': 'killWordForward',
  '\x1b\x7f': 'killWordBack',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'killLineStart',
  '\x0b': 'killLineEnd',
  '\x17': 'killWordBack',
  '\x19': 'yank',
  '\x03': 'interrupt',
  '\x04': 'eof',
  '\x0c': 'clearScreen',
  '\t': 'tab',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * Splits what xterm's onData delivered into key events. Bracketed pastes (`ESC[200~ … ESC[201~`)
 * become one pasted text event whatever they contain; unknown escape sequences are dropped; other
 * control characters are ignored.
 */
export function decodeInput(data: string): KeyEvent[] {
  const out: KeyEvent[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text, pasted: false });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      flush();
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const body = data.slice(i + PASTE_START.length, end < 0 ? data.length : end);
      out.push({ kind: 'text', text: body, pasted: true });
      i = end < 0 ? data.length : end + PASTE_END.length;
      continue;
    }
    const ch = data[i];
    if (ch === '\x1b') {
      let matched = '';
      for (const seq of Object.keys(SEQUENCES)) {
        if (seq.startsWith('\x1b') && data.startsWith(seq, i) && seq.length > matched.length) matched = seq;
      }
      flush();
      if (matched) {
        out.push({ kind: 'key', key: SEQUENCES[matched] });
        i += matched.length;
      } else {
        // An unknown CSI/SS3 sequence: skip up to its final byte.
        // eslint-disable-next-line no-control-regex -- escape sequences are what is being parsed
        const m = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/.exec(data.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    // A CR LF pair typed at once (some platforms) is one Enter.
    if (ch === '\r' && data[i + 1] === '\n') {
      flush();
      out.push({ kind: 'key', key: 'enter' });
      i += 2;
      continue;
    }
    const key = SEQUENCES[ch];
    if (key) {
      flush();
      out.push({ kind: 'key', key });
    } else if (ch >= ' ') {
      text += ch;
    }
    i++;
  }
  flush();
  // A multi-character chunk of plain text with newlines that was not bracketed is a paste too.
  if (
    data.length > 1 &&
    /[\r\n]/.test(data) &&
    out.some((e) => e.kind === 'text') &&
    !data.includes(PASTE_START)
  ) {
    // eslint-disable-next-line no-control-regex -- bracketed-paste markers
    return [{ kind: 'text', text: data.replace(/\x1b\[20[01]~/g, ''), pasted: true }];
  }
  return out;
}

const isWordChar = (c: string) => /[A-Za-z0-9]/.test(c);

/** A single-line edit buffer with readline's editing commands. */
export class LineEditor {
  private text = '';
  private pos = 0;
  private killed = '';

  /** The current line. */
  get value(): string {
    return this.text;
  }
  /** The cursor position (0..value.length). */
  get cursor(): number {
    return this.pos;
  }

  /** Replaces the line; the cursor goes to the end (or to `cursor`). */
  set(text: string, cursor = text.length): void {
    this.text = text;
    this.pos = Math.max(0, Math.min(cursor, text.length));
  }

  /** Empties the line. */
  clear(): void {
    this.set('');
  }

  /** Inserts text at the cursor. */
  insert(s: string): void {
    this.text = this.text.slice(0, this.pos) + s + this.text.slice(this.pos);
    this.pos += s.length;
  }

  /** Applies an editing key; returns false for keys that are not editing commands (enter, up, tab, ...). */
  apply(key: Extract<KeyEvent, { kind: 'key' }>['key']): boolean {
    const t = this.text;
    const p = this.pos;
    switch (key) {
      case 'backspace':
        if (p > 0) this.set(t.slice(0, p - 1) + t.slice(p), p - 1);
        return true;
      case 'delete':
        if (p < t.length) this.set(t.slice(0, p) + t.slice(p + 1), p);
        return true;
      case 'left':
        this.pos = Math.max(0, p - 1);
        return true;
      case 'right':
        this.pos = Math.min(t.length, p + 1);
        return true;
      case 'home':
        this.pos = 0;
        return true;
      case 'end':
        this.pos = t.length;
        return true;
      case 'wordLeft':
        this.pos = this.wordStart(p);
        return true;
      case 'wordRight':
        this.pos = this.wordEnd(p);
        return true;
      case 'killLineStart':
        this.killed = t.slice(0, p);
        this.set(t.slice(p), 0);
        return true;
      case 'killLineEnd':
        this.killed = t.slice(p);
        this.set(t.slice(0, p), p);
        return true;
      case 'killWordBack': {
        // unix-word-rubout: back over whitespace, then over non-whitespace.
        let s = p;
        while (s > 0 && /\s/.test(t[s - 1])) s--;
        while (s > 0 && !/\s/.test(t[s - 1])) s--;
        this.killed = t.slice(s, p);
        this.set(t.slice(0, s) + t.slice(p), s);
        return true;
      }
      case 'killWordForward': {
        const e = this.wordEnd(p);
        this.killed = t.slice(p, e);
        this.set(t.slice(0, p) + t.slice(e), p);
        return true;
      }
      case 'yank':
        this.insert(this.killed);
        return true;
      default:
        return false;
    }
  }

  private wordStart(p: number): number {
    let s = p;
    while (s > 0 && !isWordChar(this.text[s - 1])) s--;
    while (s > 0 && isWordChar(this.text[s - 1])) s--;
    return s;
  }

  private wordEnd(p: number): number {
    let e = p;
    const t = this.text;
    while (e < t.length && !isWordChar(t[e])) e++;
    while (e < t.length && isWordChar(t[e])) e++;
    return e;
  }
}

/** Where the cursor was left after the previous render: rows below the prompt's first row. */
export interface RenderState {
  cursorRow: number;
}

/**
 * Escape sequences that redraw `prompt + text` from the prompt's first row and put the cursor at
 * `cursor`, for a terminal `cols` wide. `promptWidth` is the prompt's visible width (it may hold
 * colour codes). Updates `state.cursorRow`.
 */
export function renderLine(
  prompt: string,
  promptWidth: number,
  text: string,
  cursor: number,
  cols: number,
  state: RenderState,
): string {
  const w = Math.max(1, cols);
  let out = '';
  if (state.cursorRow > 0) out += `\x1b[${state.cursorRow}A`;
  out += `\r${prompt}${text}\x1b[J`;
  const total = promptWidth + text.length;
  const endRow = Math.floor(total / w);
  // Exactly at the right margin the cursor waits with a wrap pending: move it to the next row for real.
  if (total > 0 && total % w === 0) out += '\r\n';
  const at = promptWidth + cursor;
  const row = Math.floor(at / w);
  const col = at % w;
  if (endRow > row) out += `\x1b[${endRow - row}A`;
  out += '\r';
  if (col > 0) out += `\x1b[${col}C`;
  state.cursorRow = row;
  return out;
}
