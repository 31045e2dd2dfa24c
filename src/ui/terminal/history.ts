/**
 * Command history as bash keeps it for an interactive shell: ↑/↓ walk through earlier lines, the line
 * being typed is kept as a draft and comes back below the newest entry, an edited entry keeps its
 * edit while you move around, a line equal to the previous one is not stored again (HISTCONTROL=
 * ignoredups) and nor is a line starting with a space (ignorespace). Persisted through a Storage
 * (localStorage in the page).
 * Leaves out: history expansion (`!!`, `!n`), reverse search, per-session files.
 */

/** The part of the Web Storage API the history needs. */
export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage key of the persisted history. */
export const HISTORY_KEY = 'kubelab.terminal.history';

/** Keeps the entered lines and the browsing position. */
export class History {
  private entries: string[];
  /** Browsing position: entries.length means "the draft". */
  private index: number;
  /** Edits made to entries while browsing (and the draft at entries.length). */
  private edits = new Map<number, string>();

  constructor(
    private readonly storage?: HistoryStorage,
    private readonly max = 1000,
    private readonly key = HISTORY_KEY,
  ) {
    this.entries = load(storage, key).slice(-max);
    this.index = this.entries.length;
  }

  /** Every stored line, oldest first. */
  get lines(): readonly string[] {
    return this.entries;
  }

  /** Stores an entered line and resets browsing. */
  add(line: string): void {
    this.edits.clear();
    const trimmed = line.trim();
    if (trimmed && !line.startsWith(' ') && this.entries[this.entries.length - 1] !== line) {
      this.entries.push(line);
      if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
      try {
        this.storage?.setItem(this.key, JSON.stringify(this.entries));
      } catch {
        // A full or unavailable storage only loses persistence, not the session's history.
      }
    }
    this.index = this.entries.length;
  }

  /** Moves to an older line; `current` is what the line holds now. Undefined when already at the oldest. */
  previous(current: string): string | undefined {
    if (this.index === 0) return undefined;
    this.edits.set(this.index, current);
    this.index--;
    return this.edits.get(this.index) ?? this.entries[this.index];
  }

  /** Moves to a newer line (finally the draft). Undefined when already at the draft. */
  next(current: string): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.edits.set(this.index, current);
    this.index++;
    return this.edits.get(this.index) ?? (this.index === this.entries.length ? '' : this.entries[this.index]);
  }

  /** Forgets the browsing position and edits (Ctrl-C on a line). */
  reset(): void {
    this.edits.clear();
    this.index = this.entries.length;
  }
}

function load(storage: HistoryStorage | undefined, key: string): string[] {
  try {
    const raw = storage?.getItem(key);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
