/**
 * A lesson session: the state machine behind the Lessons panel. Starting replaces the cluster with
 * the lesson's setup (through `ClusterControl`) and runs its setup commands; then the steps go in
 * order: the current step's check is re-evaluated whenever the cluster changes (a `ChangeFeed`:
 * watches on the kinds the checks read), and once it holds the step is passed for good and the next
 * one becomes current. Hints are revealed one at a time, "show me" runs the current step's solution,
 * and progress (started, passed steps, hints shown) is saved in a `ProgressStore`.
 */
import type { ApiTransport } from '../api/rest';
import type { ResourceInfo } from '../api/resources';
import { parseScript } from '../cli/script-parser';
import type { FileSource } from '../kubectl/framework/command';
import type { NodeConfig } from '../node/kubelet/node-registration';
import { defaultNodes } from '../runtime/cluster-spec';
import {
  cachedReader,
  checkResources,
  evaluateCheck,
  watchPath,
  type CheckResult,
  type ClusterReader,
  type UiState,
} from './checks';
import type { Lesson, LessonSetup } from './types';

/** One script command handed to `ClusterControl.run`. */
export interface RunOptions {
  /** The words after shell quoting (`['kubectl', 'apply', '-f', 'manifests/x.yaml']`). */
  argv: string[];
  /** A here-document's text. */
  stdin?: string;
  /** The lesson folder's files (`-f manifests/…`). */
  files: FileSource;
}

/**
 * What the session needs from the host: replace the cluster with a lesson's starting one, and run
 * script commands (`kubectl …`, `sleep 30s`, `kubelab node stop|start NAME`) as `kubelab script` does.
 */
export interface ClusterControl {
  reset(setup: LessonSetup): Promise<void>;
  /** Runs one command; `commandLine` is its text as written. Resolves with what it printed. */
  run(commandLine: string, opts: RunOptions): Promise<string>;
  /** Lets everything due now happen (headless clusters); optional. */
  settle?(): Promise<void>;
}

/** Saved progress of one lesson. */
export interface SavedProgress {
  started: boolean;
  /** Ids of passed steps. */
  passed: string[];
  /** Hints shown, by step id. */
  hints: Record<string, number>;
}

/** Where progress is kept (localStorage in the browser). */
export interface ProgressStore {
  load(id: string): SavedProgress | undefined | Promise<SavedProgress | undefined>;
  save(id: string, state: SavedProgress): void | Promise<void>;
}

/** Tells the session that the cluster may have changed. */
export interface ChangeFeed {
  subscribe(onChange: () => void): () => void;
}

/** Status of a step in the panel. */
export type StepStatus = 'pending' | 'current' | 'passed';

/** A step as the panel shows it. */
export interface StepState {
  id: string;
  status: StepStatus;
  /** Detail of the last evaluation of this step's check ('' before any). */
  detail: string;
  hintsShown: number;
  /** Hints available (the most any language file has). */
  hintCount: number;
}

/** An immutable picture of a session. */
export interface SessionSnapshot {
  lessonId: string;
  started: boolean;
  /** What the session is busy with. */
  busy?: 'starting' | 'showing';
  steps: StepState[];
  /** Id of the current step; undefined when every step passed. */
  current?: string;
  done: boolean;
  /** The last failure of the cluster control (setup or "show me"). */
  error?: string;
  /** Output of the last setup or "show me" run. */
  output: string;
}

/** Dependencies of a session. */
export interface SessionDeps {
  reader: ClusterReader;
  control: ClusterControl;
  store: ProgressStore;
  /** The lesson folder's files. */
  files: FileSource;
  /** The page's state for `ui` checks (undefined: headless, ui checks never pass). */
  ui?: () => UiState | undefined;
  changes?: ChangeFeed;
  onChange?: (s: SessionSnapshot) => void;
}

/** Splits script lines (each may hold several commands or a here-document) into runnable commands. */
export function scriptCommands(lines: string[]): Array<{ source: string; argv: string[]; stdin?: string }> {
  return lines.flatMap((l) => parseScript(l).map((c) => ({ source: c.source, argv: c.argv, stdin: c.stdin })));
}

/** Node configs of a lesson's setup (an exact list gets pod CIDRs and addresses like the default nodes). */
export function nodeConfigs(setup: LessonSetup): NodeConfig[] {
  if (typeof setup.nodes === 'number') return defaultNodes(setup.nodes);
  return setup.nodes.map((n, i) => ({
    name: n.name,
    labels: n.labels,
    taints: n.taints,
    capacity: n.capacity,
    podCIDR: `10.244.${i}.0/24`,
    internalIP: `172.18.0.${i + 2}`,
  }));
}

/** A ChangeFeed from watches (all namespaces) on the given resources; re-opened when they end. */
export function watchChanges(api: ApiTransport, resources: ResourceInfo[], from = 'lessons'): ChangeFeed {
  return {
    subscribe(onChange) {
      const cancels = new Map<ResourceInfo, () => void>();
      let closed = false;
      const open = (info: ResourceInfo, failures: number): void => {
        if (closed || failures > 5) return;
        let seen = false;
        const cancel = api.watch(
          { method: 'GET', path: watchPath(info), query: { watch: 'true', allowWatchBookmarks: 'false' }, from },
          () => {
            seen = true;
            onChange();
          },
          () => {
            cancels.delete(info);
            if (closed) return;
            onChange();
            queueMicrotask(() => open(info, seen ? 0 : failures + 1));
          },
        );
        cancels.set(info, cancel);
      };
      for (const r of resources) open(r, 0);
      return () => {
        closed = true;
        for (const c of cancels.values()) c();
        cancels.clear();
      };
    },
  };
}

/** The resources every check of a lesson reads. */
export function lessonResources(lesson: Lesson): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const s of lesson.meta.steps) for (const r of checkResources(s.check)) if (!out.includes(r)) out.push(r);
  return out;
}

/** One lesson being worked on. */
export class LessonSession {
  private started = false;
  private passed = new Set<string>();
  private hints: Record<string, number> = {};
  private details: Record<string, string> = {};
  private busy: SessionSnapshot['busy'];
  private error: string | undefined;
  private output = '';
  private unsubscribe: (() => void) | undefined;
  private evaluating: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  private epoch = 0;

  constructor(
    readonly lesson: Lesson,
    private readonly deps: SessionDeps,
  ) {}

  /** Loads saved progress; when the lesson was started before, follows the cluster again. */
  async open(): Promise<SessionSnapshot> {
    const saved = await this.deps.store.load(this.lesson.meta.id);
    if (saved) {
      this.started = saved.started;
      const ids = new Set(this.lesson.meta.steps.map((s) => s.id));
      this.passed = new Set(saved.passed.filter((id) => ids.has(id)));
      this.hints = { ...saved.hints };
    }
    if (this.started) this.follow();
    this.emit();
    if (this.started) await this.evaluate();
    return this.snapshot();
  }

  /** Replaces the cluster with the lesson's setup and starts from the first step (progress cleared). */
  async start(): Promise<void> {
    this.epoch++;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.started = false;
    this.passed.clear();
    this.hints = {};
    this.details = {};
    this.error = undefined;
    this.output = '';
    this.busy = 'starting';
    this.emit();
    try {
      await this.deps.control.reset(this.lesson.meta.setup);
      this.output = await this.runLines(this.lesson.meta.setup.commands);
    } catch (e) {
      this.error = (e as Error).message;
      this.busy = undefined;
      this.emit();
      return;
    }
    this.busy = undefined;
    this.started = true;
    await this.save();
    this.follow();
    this.emit();
    await this.evaluate();
  }

  /** Same as `start`: a fresh cluster and no progress. */
  restart(): Promise<void> {
    return this.start();
  }

  /** Shows the next hint of the current step; returns how many are shown now. */
  revealHint(stepId = this.currentStep()): number {
    if (!stepId) return 0;
    const max = this.hintCount(stepId);
    const n = Math.min(max, (this.hints[stepId] ?? 0) + 1);
    this.hints[stepId] = n;
    void this.save();
    this.emit();
    return n;
  }

  /** Runs the current step's solution ("show me"); resolves with what the commands printed. */
  async showMe(): Promise<string> {
    const id = this.currentStep();
    const step = this.lesson.meta.steps.find((s) => s.id === id);
    if (!step || this.busy) return '';
    this.busy = 'showing';
    this.error = undefined;
    this.emit();
    try {
      this.output = await this.runLines(step.solution);
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.busy = undefined;
    this.emit();
    await this.evaluate();
    return this.output;
  }

  /**
   * Evaluates the current step (and the ones after it, as long as they pass). Calls made while an
   * evaluation runs are coalesced into one more round.
   */
  async evaluate(): Promise<void> {
    if (this.evaluating) {
      this.dirty = true;
      return this.evaluating;
    }
    this.evaluating = (async () => {
      do {
        this.dirty = false;
        await this.evaluateOnce();
      } while (this.dirty && !this.closed);
    })().finally(() => {
      this.evaluating = undefined;
    });
    return this.evaluating;
  }

  /** Stops following the cluster. */
  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The current picture. */
  snapshot(): SessionSnapshot {
    const current = this.currentStep();
    return {
      lessonId: this.lesson.meta.id,
      started: this.started,
      busy: this.busy,
      steps: this.lesson.meta.steps.map((s) => ({
        id: s.id,
        status: this.passed.has(s.id) ? 'passed' : s.id === current && this.started ? 'current' : 'pending',
        detail: this.details[s.id] ?? '',
        hintsShown: this.hints[s.id] ?? 0,
        hintCount: this.hintCount(s.id),
      })),
      current,
      done: current === undefined,
      error: this.error,
      output: this.output,
    };
  }

  private currentStep(): string | undefined {
    return this.lesson.meta.steps.find((s) => !this.passed.has(s.id))?.id;
  }

  private hintCount(stepId: string): number {
    let n = 0;
    for (const t of Object.values(this.lesson.texts)) {
      const s = t.steps.find((x) => x.id === stepId);
      if (s) n = Math.max(n, s.hints.length);
    }
    return n;
  }

  private async evaluateOnce(): Promise<void> {
    if (!this.started || this.busy || this.closed) return;
    const epoch = this.epoch;
    const reader = cachedReader(this.deps.reader);
    const ui = this.deps.ui?.();
    let changed = false;
    for (;;) {
      const id = this.currentStep();
      const step = this.lesson.meta.steps.find((s) => s.id === id);
      if (!step) break;
      let r: CheckResult;
      try {
        r = await evaluateCheck(step.check, reader, ui);
      } catch (e) {
        r = { passed: false, detail: `cannot check: ${(e as Error).message}` };
      }
      if (epoch !== this.epoch || this.busy) return;
      if (this.details[step.id] !== r.detail) changed = true;
      this.details[step.id] = r.detail;
      if (!r.passed) break;
      this.passed.add(step.id);
      changed = true;
    }
    if (changed) {
      await this.save();
      this.emit();
    }
  }

  private async runLines(lines: string[]): Promise<string> {
    let out = '';
    for (const c of scriptCommands(lines)) {
      await this.deps.control.settle?.();
      out += `$ ${c.source}\n`;
      out += await this.deps.control.run(c.source, { argv: c.argv, stdin: c.stdin, files: this.deps.files });
    }
    await this.deps.control.settle?.();
    return out;
  }

  private follow(): void {
    if (this.unsubscribe || !this.deps.changes || this.closed) return;
    this.unsubscribe = this.deps.changes.subscribe(() => void this.evaluate());
  }

  private async save(): Promise<void> {
    await this.deps.store.save(this.lesson.meta.id, {
      started: this.started,
      passed: this.lesson.meta.steps.filter((s) => this.passed.has(s.id)).map((s) => s.id),
      hints: { ...this.hints },
    });
  }

  private emit(): void {
    this.deps.onChange?.(this.snapshot());
  }
}
