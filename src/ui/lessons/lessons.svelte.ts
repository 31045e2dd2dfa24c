/**
 * The Lessons panel's state: the list of lessons (bundled with the page through Vite's
 * `import.meta.glob`, loaded lazily when the panel first opens, or from a folder the learner picks)
 * and the open lesson's `LessonSession`, published as immutable snapshots (`$state.raw`). Progress is
 * kept in localStorage. The cluster is reached only through the `ApiTransport` and `ClusterControl`
 * the page passes in.
 */
import type { ApiTransport } from '../../api/rest';
import { apiReader, type UiState } from '../../lessons-engine/checks';
import { loadLessons } from '../../lessons-engine/parse';
import { storageProgress, memoryProgress } from '../../lessons-engine/progress';
import {
  LessonSession,
  lessonResources,
  watchChanges,
  type ClusterControl,
  type ProgressStore,
  type SavedProgress,
  type SessionSnapshot,
} from '../../lessons-engine/runner';
import { folderSource, globSource, lessonFiles, type FolderFile, type LessonSource } from '../../lessons-engine/source';
import type { Lesson } from '../../lessons-engine/types';
import { sanitizeHtml } from './sanitize';

/** The lessons shipped with the page: every file under lessons/<folder>/ (manifests included), loaded on demand. */
function bundledSource(): LessonSource {
  const modules = import.meta.glob(['/lessons/*/**/*'], { query: '?raw', import: 'default' });
  return globSource(modules);
}

/** What to show first. */
export interface FirstLesson {
  /** The lesson folder to open (`03-first-pod`). */
  dir: string;
  /** The files of a lesson folder opened from disk (path → text); absent: a bundled lesson. */
  folder?: Record<string, string>;
  /** Go on with starting it (the page reloaded to replace the cluster). */
  begin?: boolean;
}

/** What the panel needs from the page. */
export interface LessonsDeps {
  api: ApiTransport;
  control: ClusterControl;
  /** The page's state for `ui` checks, read at every evaluation. */
  ui: () => UiState;
  store?: ProgressStore;
  /** Where the open lesson is remembered across reloads (localStorage); none: not remembered. */
  memory?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** What `init` opens; default: the lesson open before the reload, if any. */
  first?: FirstLesson;
}

/** Key of the open lesson's folder in `LessonsDeps.memory`. */
export const OPEN_KEY = 'kubelab.lessons.open';

/** Folder files from remembered texts (path → text). */
export function folderFiles(texts: Record<string, string>): FolderFile[] {
  return Object.entries(texts).map(([webkitRelativePath, text]) => ({
    webkitRelativePath,
    text: async () => text,
  }));
}

/** State of the Lessons panel. */
export class LessonsState {
  lessons = $state.raw<Lesson[]>([]);
  errors = $state.raw<string[]>([]);
  loading = $state(false);
  loaded = $state(false);
  /** Saved progress by lesson id (for the list). */
  progress = $state.raw<Record<string, SavedProgress | undefined>>({});
  /** The open lesson. */
  active = $state.raw<Lesson | undefined>(undefined);
  session = $state.raw<SessionSnapshot | undefined>(undefined);

  /** Texts of the lesson folder opened from disk (path → text), while one is open. */
  folder: Record<string, string> | undefined;
  private readonly store: ProgressStore;
  private source: LessonSource | undefined;
  private current: LessonSession | undefined;

  constructor(private readonly deps: LessonsDeps) {
    this.store = deps.store ?? (typeof localStorage === 'undefined' ? memoryProgress() : storageProgress(localStorage));
  }

  /** Loads the bundled lessons (once). */
  async loadBundled(): Promise<void> {
    if (this.loaded || this.loading) return;
    this.folder = undefined;
    await this.loadFrom(bundledSource());
  }

  /**
   * Loads the lessons and opens the first one (`deps.first`: a lesson whose start goes on after the
   * reload that replaced the cluster; else the lesson that was open before the page reloaded).
   */
  async init(): Promise<void> {
    const first = this.deps.first;
    if (first?.folder) await this.openFolder(folderFiles(first.folder));
    else await this.loadBundled();
    const dir = first?.dir ?? this.remembered();
    const lesson = this.lessons.find((l) => l.dir === dir);
    if (!lesson) return;
    await this.open(lesson);
    if (first?.begin) await this.start();
  }

  /** Loads lessons from a folder the learner picked (`<input type="file" webkitdirectory>`). */
  async openFolder(files: Iterable<FolderFile>): Promise<void> {
    this.close();
    const all = [...files];
    const texts: Record<string, string> = {};
    for (const f of all) texts[f.webkitRelativePath] = await f.text();
    this.folder = texts;
    await this.loadFrom(folderSource(folderFiles(texts)));
  }

  /** Opens a lesson (its saved progress; the cluster is left alone until `start`). */
  async open(lesson: Lesson): Promise<void> {
    this.close();
    if (!this.source) return;
    this.remember(lesson.dir);
    this.active = lesson;
    const session = new LessonSession(lesson, {
      reader: apiReader(this.deps.api),
      control: this.deps.control,
      store: this.store,
      files: lessonFiles(this.source, lesson.dir),
      ui: this.deps.ui,
      changes: watchChanges(this.deps.api, lessonResources(lesson)),
      onChange: (s) => {
        if (this.current === session) this.session = s;
      },
    });
    this.current = session;
    this.session = await session.open();
  }

  /** Replaces the cluster with the lesson's setup and starts it (the panel asks first). */
  async start(): Promise<void> {
    await this.current?.start();
    this.refreshProgress();
  }

  /** Runs the current step's solution. */
  async showMe(): Promise<void> {
    await this.current?.showMe();
    this.refreshProgress();
  }

  /** Shows the next hint of the current step. */
  revealHint(): void {
    this.current?.revealHint();
  }

  /** Re-evaluates the current step (call when the page's `ui` state changes). */
  evaluate(): void {
    void this.current?.evaluate().then(() => this.refreshProgress());
  }

  /** Back to the list (the lesson is no longer reopened after a reload). */
  back(): void {
    this.remember(undefined);
    this.close();
  }

  /** Stops following the open lesson and shows the list. */
  close(): void {
    this.current?.close();
    this.current = undefined;
    this.active = undefined;
    this.session = undefined;
    this.refreshProgress();
  }

  private remembered(): string | undefined {
    try {
      return this.deps.memory?.getItem(OPEN_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private remember(dir: string | undefined): void {
    try {
      if (dir === undefined) this.deps.memory?.removeItem(OPEN_KEY);
      else this.deps.memory?.setItem(OPEN_KEY, dir);
    } catch {
      // storage unavailable: the open lesson is not remembered
    }
  }

  private async loadFrom(source: LessonSource): Promise<void> {
    this.loading = true;
    try {
      const { lessons, errors } = await loadLessons(source, { sanitize: sanitizeHtml });
      this.source = source;
      this.lessons = lessons;
      this.errors = errors.map((e) => e.message);
      this.loaded = true;
    } catch (e) {
      this.errors = [(e as Error).message];
    } finally {
      this.loading = false;
      this.refreshProgress();
    }
  }

  private refreshProgress(): void {
    const out: Record<string, SavedProgress | undefined> = {};
    for (const l of this.lessons) {
      const p = this.store.load(l.meta.id);
      if (!(p instanceof Promise)) out[l.meta.id] = p;
    }
    this.progress = out;
  }
}
