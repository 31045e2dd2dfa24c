/**
 * The lazily loaded half of the editor: Monaco's core API (not the `monaco-editor` entry, which pulls
 * every language and the TypeScript worker), YAML highlighting, the editor worker and monaco-yaml's
 * language service with the Kubernetes schema, all bundled (same-origin workers through Vite's
 * `?worker`, the codicon font as a Vite asset) so the page's CSP holds and nothing is fetched.
 * Imported with `import()` when the editor is first shown, so none of it is in the first bundle.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
// editor.api is the bare editor; these are the features a YAML editor needs (register.all has ~70).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/quickOutline/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/links/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from './generated/yaml.worker.js?worker';
import { buildEditorSchema } from './k8s-json-schema';

export { monaco };

/** Buffers the Kubernetes schema applies to (the editor's models are `file:///kubelab/*.yaml`). */
export const SCHEMA_FILE_MATCH = '**/*.yaml';

let ready = false;

/**
 * monaco-yaml 5.5 creates its worker with the pre-0.55 `editor.createWebWorker({ moduleId, label,
 * createData })`; Monaco 0.57 wants the Worker itself. This adapter starts the bundled YAML worker and
 * sends the two messages monaco-worker-manager's worker side expects before Monaco's RPC begins.
 */
function yamlMonaco(): typeof monaco {
  const createWebWorker = (opts: {
    createData?: unknown;
    host?: Record<string, unknown>;
    keepIdleModels?: boolean;
  }) => {
    const worker = new YamlWorker();
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return monaco.editor.createWebWorker({
      worker,
      host: opts.host as never,
      keepIdleModels: opts.keepIdleModels,
    });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as unknown as typeof monaco;
}

/** Sets up workers and the YAML language service once; returns the Monaco API. */
export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  (globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
    getWorker: () => new EditorWorker(),
  };
  configureMonacoYaml(yamlMonaco() as unknown as Parameters<typeof configureMonacoYaml>[0], {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    isKubernetes: true,
    schemas: [
      {
        uri: 'kubelab://schemas/kubernetes-v1.34.json',
        fileMatch: [SCHEMA_FILE_MATCH],
        schema: buildEditorSchema() as JSONSchema,
      },
    ],
  });
  return monaco;
}
