/** Types for monaco-editor 0.57 entry points that ship without declarations. */
declare module 'monaco-editor/editor/editor.worker' {
  /** Starts the editor worker with a foreign module created from `createData`. */
  export function initialize(create: (ctx: unknown, createData: unknown) => object): void;
}
declare module 'monaco-editor/languages/definitions/yaml/register' {}
declare module 'monaco-editor/features/*' {}
