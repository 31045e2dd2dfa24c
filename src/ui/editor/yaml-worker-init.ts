/**
 * The worker half of monaco-worker-manager's protocol (what `monaco-worker-manager/worker` does),
 * over monaco-editor 0.57's worker entry: the first message is ignored, the second carries the
 * `createData` the language service is created with, then monaco's RPC takes over.
 * Used by the generated YAML worker (generated/yaml.worker.js).
 */
import { initialize as initializeEditorWorker } from 'monaco-editor/editor/editor.worker';

/** Registers `create` as the worker's foreign module factory. */
export function initialize<T extends object>(create: (ctx: unknown, createData: unknown) => T): void {
  self.onmessage = () => {
    initializeEditorWorker((ctx: unknown, createData: unknown) => Object.create(create(ctx, createData)));
  };
}
