/**
 * A tiny VT100 screen for tests: applies text, CR, LF, BEL, cursor up/forward/back (CSI A/C/D), erase
 * below (CSI J), erase line (CSI K), home (CSI H) and clear (CSI 2J/3J) with auto-wrap, so a test can
 * assert what the user sees rather than the escape stream. Colours (SGR) are ignored.
 * Leaves out: scrolling regions, absolute cursor positions other than home, wide characters.
 */

/** An unbounded-height screen `cols` wide. */
export class VtScreen {
  private rows: string[][] = [[]];
  private row = 0;
  private col = 0;
  private pendingWrap = false;

  constructor(readonly cols = 80) {}

  /** Applies terminal output. */
  write(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex -- escape sequences are what is being parsed
        const m = /^\x1b\[([0-9;?]*)([A-Za-z~])/.exec(s.slice(i));
        if (!m) continue;
        i += m[0].length - 1;
        this.csi(m[1], m[2]);
      } else if (c === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (c === '\n') {
        this.down();
        this.pendingWrap = false;
      } else if (c === '\x07') {
        // bell
      } else {
        if (this.pendingWrap) {
          this.down();
          this.col = 0;
          this.pendingWrap = false;
        }
        const line = this.line();
        while (line.length < this.col) line.push(' ');
        line[this.col] = c;
        if (this.col === this.cols - 1) this.pendingWrap = true;
        else this.col++;
      }
    }
  }

  /** The screen's text, rows joined by LF, trailing spaces and empty trailing rows dropped. */
  text(): string {
    const lines = this.rows.map((r) => r.join('').trimEnd());
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** Cursor position. */
  get cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  private line(): string[] {
    while (this.rows.length <= this.row) this.rows.push([]);
    return this.rows[this.row];
  }

  private down(): void {
    this.row++;
    this.line();
  }

  private csi(params: string, final: string): void {
    const n = Number(params.split(';')[0]) || 1;
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row += n;
        this.line();
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'H':
        this.row = 0;
        this.col = 0;
        break;
      case 'J':
        if (params === '2' || params === '3') {
          this.rows = [[]];
          this.row = 0;
          this.col = 0;
        } else {
          this.line().length = Math.min(this.line().length, this.col);
          this.rows.length = this.row + 1;
        }
        break;
      case 'K':
        this.line().length = Math.min(this.line().length, this.col);
        break;
      default:
        break;
    }
  }
}
