/**
 * An elastic-tabstop writer with the semantics of Go's text/tabwriter as forked by
 * github.com/liggitt/tabwriter (the one kubectl uses): tab-terminated cells are aligned in columns,
 * a column block spans consecutive lines that have that cell, width = max(minwidth, text + padding),
 * and with `rememberWidths` column widths survive `flush()` (so watch output stays aligned).
 * kubectl's settings: minwidth 6, tabwidth 4, padding 3, pad char ' '. Leaves out: HTML filtering,
 * escapes, right alignment, tab padding, the debug flag.
 */

interface Cell {
  text: string;
  width: number;
}

/** kubectl's tabwriter configuration (printers.GetNewTabWriter). */
export const KUBECTL_TABWRITER = { minWidth: 6, padding: 3, rememberWidths: true } as const;

/** Options of a TabWriter. */
export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  rememberWidths: boolean;
}

/** Width of a string in terminal cells (counts code points, as Go counts runes). */
export function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Buffers text and writes aligned lines to `sink` on `flush()`. */
export class TabWriter {
  private lines: Cell[][] = [[]];
  private partial = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];
  constructor(
    private readonly sink: (s: string) => void,
    private readonly opts: TabWriterOptions = KUBECTL_TABWRITER,
  ) {}

  /** Adds text; `\t` ends a cell, `\n` ends a line. */
  write(s: string): void {
    for (const ch of s) {
      if (ch === '\t') {
        this.lines[this.lines.length - 1].push(this.cell(this.partial));
        this.partial = '';
      } else if (ch === '\n') {
        this.lines[this.lines.length - 1].push(this.cell(this.partial));
        this.partial = '';
        this.lines.push([]);
      } else this.partial += ch;
    }
  }

  /** Forgets the remembered column widths (kubectl does this between resource types). */
  resetRememberedWidths(): void {
    this.maxWidths = [];
  }

  /** Formats and writes everything buffered. */
  flush(): void {
    if (this.partial !== '') {
      this.lines[this.lines.length - 1].push(this.cell(this.partial));
      this.partial = '';
    }
    let out = '';
    const emit = (s: string) => {
      out += s;
    };
    this.widths = [];
    this.format(emit, 0, this.lines.length);
    this.lines = [[]];
    if (out) this.sink(out);
  }

  private cell(text: string): Cell {
    return { text, width: textWidth(text) };
  }

  private format(emit: (s: string) => void, line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      if (column >= line.length - 1) continue;
      this.writeLines(emit, line0, i);
      line0 = i;
      let width = this.opts.minWidth;
      for (; i < line1; i++) {
        const l = this.lines[i];
        if (column >= l.length - 1) break;
        const w = l[column].width + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) {
        if (column >= this.maxWidths.length) this.maxWidths.push(width);
        else if (this.maxWidths[column] > width) width = this.maxWidths[column];
        else this.maxWidths[column] = width;
      }
      this.widths.push(width);
      this.format(emit, line0, i);
      this.widths.pop();
      line0 = i;
      i--;
    }
    this.writeLines(emit, line0, line1);
  }

  private writeLines(emit: (s: string) => void, line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        emit(c.text);
        if (j < this.widths.length) emit(' '.repeat(Math.max(0, this.widths[j] - c.width)));
      }
      // The last buffered line has no newline of its own (it is the text after the final '\n').
      if (i + 1 < this.lines.length) emit('\n');
    }
  }
}

/** Convenience: aligns `text` (tab-separated cells, newline-terminated lines) with kubectl's settings. */
export function tabulate(text: string): string {
  let out = '';
  const w = new TabWriter((s) => (out += s));
  w.write(text);
  w.flush();
  return out;
}
