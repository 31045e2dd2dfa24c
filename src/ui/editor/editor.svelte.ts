/**
 * The editor's state and actions: loads Monaco on first use (a dynamic import, so it is not in the
 * first bundle), keeps the buffer (saved in localStorage), applies / dry-runs / diffs it against the
 * apiserver (apply.ts) and turns the apiserver's errors into markers at the right line (yaml-locate.ts).
 */
import type { ApiTransport } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import { applyText, diffText, objectToYaml, type DocResult } from './apply';
import { TEMPLATES } from './templates';
import { problemsFor } from './editor-problems';
import type * as Monaco from 'monaco-editor/editor/editor.api';

/** What the Editor component is given. */
export interface EditorProps {
  /** An apiserver connection (`supervisor.connect('editor')`). */
  api: ApiTransport;
  /** A live object to edit; each new object replaces the buffer. */
  openObject?: KubeObject | null;
  /** Namespace of documents that name none (default `default`). */
  namespace?: string;
  /** Called after Apply with kubectl's per-document results. */
  onApplied?: (results: DocResult[]) => void;
}

/** localStorage key of the buffer. */
export const BUFFER_KEY = 'kubelab.editor.buffer';
const MODEL_URI = 'file:///kubelab/manifest.yaml';
const API_OWNER = 'kube-apiserver';

/** One line of the output pane. */
export interface OutputLine {
  ok: boolean;
  text: string;
}

/** The editor's reactive state. */
export class EditorController {
  loading = $state(false);
  loaded = $state(false);
  busy = $state(false);
  diffing = $state(false);
  output = $state.raw<OutputLine[]>([]);
  loadError = $state<string | undefined>(undefined);

  private monaco: typeof Monaco | undefined;
  private editor: Monaco.editor.IStandaloneCodeEditor | undefined;
  private diffEditor: Monaco.editor.IStandaloneDiffEditor | undefined;
  private diffModels: Monaco.editor.ITextModel[] = [];
  private pendingText: string | undefined;

  constructor(private props: () => EditorProps) {}

  /** The buffer's text. */
  get text(): string {
    return this.editor?.getValue() ?? this.pendingText ?? initialText();
  }

  /** Loads Monaco and creates the editor in `el` (once). */
  async load(el: HTMLElement, diffEl: HTMLElement): Promise<void> {
    if (this.loaded || this.loading) return;
    this.loading = true;
    try {
      const { setupMonaco } = await import('./monaco-setup');
      const monaco = setupMonaco();
      this.monaco = monaco;
      const uri = monaco.Uri.parse(MODEL_URI);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(this.text, 'yaml', uri);
      model.setValue(this.pendingText ?? model.getValue());
      this.pendingText = undefined;
      this.editor = monaco.editor.create(el, {
        model,
        automaticLayout: true,
        minimap: { enabled: false },
        tabSize: 2,
        insertSpaces: true,
        scrollBeyondLastLine: false,
        fontSize: 13,
        quickSuggestions: { other: true, comments: false, strings: true },
      });
      model.onDidChangeContent(() => {
        monaco.editor.setModelMarkers(model, API_OWNER, []);
        saveBuffer(model.getValue());
      });
      this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void this.apply(false));
      this.diffEditor = monaco.editor.createDiffEditor(diffEl, {
        automaticLayout: true,
        readOnly: true,
        renderSideBySide: true,
        minimap: { enabled: false },
        fontSize: 13,
      });
      this.loaded = true;
      // A handle for end-to-end tests and the browser console, like `window.kubelab`.
      (globalThis as { kubelabEditor?: EditorController }).kubelabEditor = this;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }

  /** Replaces the buffer. */
  setText(text: string): void {
    if (this.editor) this.editor.getModel()?.setValue(text);
    else this.pendingText = text;
    saveBuffer(text);
    this.closeDiff();
  }

  /** Opens a live object for editing. */
  open(obj: KubeObject): void {
    this.setText(objectToYaml(obj));
    this.output = [];
  }

  /** Replaces the buffer with a template by name. */
  useTemplate(name: string): void {
    const t = TEMPLATES.find((x) => x.name === name);
    if (t) this.setText(t.yaml);
  }

  /** Apply (or server dry-run) every document; shows kubectl's output and marks errors. */
  async apply(dryRun: boolean): Promise<DocResult[]> {
    const p = this.props();
    const text = this.text;
    this.busy = true;
    try {
      const results = await applyText(p.api, text, { dryRun, namespace: p.namespace, from: 'kubectl' });
      this.output = results.map((r) => ({ ok: r.ok, text: r.message }));
      this.mark(text, results);
      if (!dryRun) p.onApplied?.(results);
      return results;
    } finally {
      this.busy = false;
    }
  }

  /** Shows live objects against the dry-run result side by side. */
  async diff(): Promise<void> {
    const monaco = this.monaco;
    if (!monaco || !this.diffEditor) return;
    const p = this.props();
    const text = this.text;
    this.busy = true;
    try {
      const sides = await diffText(p.api, text, { namespace: p.namespace, from: 'kubectl' });
      this.mark(text, sides.errors);
      this.output = sides.errors.map((r) => ({ ok: false, text: r.message }));
      for (const m of this.diffModels) m.dispose();
      const original = monaco.editor.createModel(
        sides.live,
        'yaml',
        monaco.Uri.parse('inmemory://kubelab/live.yml'),
      );
      const modified = monaco.editor.createModel(
        sides.merged,
        'yaml',
        monaco.Uri.parse('inmemory://kubelab/merged.yml'),
      );
      this.diffModels = [original, modified];
      this.diffEditor.setModel({ original, modified });
      this.diffing = true;
    } finally {
      this.busy = false;
    }
  }

  /** Back from the diff to the buffer. */
  closeDiff(): void {
    this.diffing = false;
  }

  /** Current markers of the buffer (all owners: `yaml` from the schema, `kube-apiserver`), for tests. */
  markers(): Array<{ message: string; startLineNumber: number; owner: string; severity: number }> {
    const model = this.editor?.getModel();
    if (!this.monaco || !model) return [];
    return this.monaco.editor.getModelMarkers({ resource: model.uri });
  }

  private mark(text: string, results: readonly DocResult[]): void {
    const monaco = this.monaco;
    const model = this.editor?.getModel();
    if (!monaco || !model) return;
    const problems = problemsFor(text, results);
    monaco.editor.setModelMarkers(
      model,
      API_OWNER,
      problems.map((p) => ({
        startLineNumber: p.startLine,
        startColumn: p.startColumn,
        endLineNumber: p.endLine,
        endColumn: p.endColumn,
        message: p.message,
        severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        source: 'kube-apiserver',
      })),
    );
    if (problems[0]) this.editor?.revealLineInCenterIfOutsideViewport(problems[0].startLine);
  }

  /** Frees Monaco's editors and models. */
  dispose(): void {
    this.editor?.dispose();
    this.diffEditor?.dispose();
    for (const m of this.diffModels) m.dispose();
  }
}

function initialText(): string {
  try {
    return globalThis.localStorage?.getItem(BUFFER_KEY) ?? TEMPLATES[1].yaml;
  } catch {
    return TEMPLATES[1].yaml;
  }
}

function saveBuffer(text: string): void {
  try {
    globalThis.localStorage?.setItem(BUFFER_KEY, text);
  } catch {
    // Not persisted; the buffer still works.
  }
}
