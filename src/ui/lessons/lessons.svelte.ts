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

/** What the panel needs from the page. */
export interface LessonsDeps {
  api: ApiTransport;
  control: ClusterControl;
  /** The page's state for `ui` checks, read at every evaluation. */
  ui: () => UiState;
  store?: ProgressStore;
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

  private readonly store: ProgressStore;
  private source: LessonSource | undefined;
  private current: LessonSession | undefined;

  constructor(private readonly deps: LessonsDeps) {
    this.store = deps.store ?? (typeof localStorage === 'undefined' ? memoryProgress() : storageProgress(localStorage));
  }

  /** Loads the bundled lessons (once). */
  async loadBundled(): Promise<void> {
    if (this.loaded || this.loading) return;
    await this.loadFrom(bundledSource());
  }

  /** Loads lessons from a folder the learner picked (`<input type="file" webkitdirectory>`). */
  async openFolder(files: Iterable<FolderFile>): Promise<void> {
    this.close();
    await this.loadFrom(folderSource(files));
  }

  /** Opens a lesson (its saved progress; the cluster is left alone until `start`). */
  async open(lesson: Lesson): Promise<void> {
    this.close();
    if (!this.source) return;
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

  /** Back to the list. */
  close(): void {
    this.current?.close();
    this.current = undefined;
    this.active = undefined;
    this.session = undefined;
    this.refreshProgress();
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
