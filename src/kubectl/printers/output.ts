/**
 * `-o` handling (cli-runtime genericclioptions PrintFlags): parses the output format, validates it
 * with kubectl's messages, and prints objects with the generic printers (json, yaml, name, jsonpath,
 * jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file). Human-readable output
 * (default and `wide`) is the table printer. Leaves out: go-template / template (reported as an error).
 */
import { CmdError, type FileSource } from '../framework/command';
import { JsonPath, JsonPathError, goPrint, relaxedJsonPath, sortKeys } from './jsonpath';
import { TabWriter } from './tabwriter';
import { printJson, printYaml } from './yaml-json';

/** Allowed `-o` values, as kubectl lists them in its error. */
export const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** A parsed `-o` flag. */
export type OutputSpec =
  | { kind: 'human'; wide: boolean }
  | { kind: 'json' | 'yaml' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; columns: Array<{ header: string; path: JsonPath }> };

/** Parses `-o` (reading `-file` variants through the file source). */
export async function parseOutput(
  output: string,
  files: FileSource,
  opts: { allowMissingKeys: boolean; template?: string },
): Promise<OutputSpec> {
  if (output === '') return { kind: 'human', wide: false };
  if (output === 'wide') return { kind: 'human', wide: true };
  if (output === 'json' || output === 'yaml' || output === 'name') return { kind: output };
  const eq = output.indexOf('=');
  const fmt = eq >= 0 ? output.slice(0, eq) : output;
  let arg = eq >= 0 ? output.slice(eq + 1) : (opts.template ?? '');
  switch (fmt) {
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      if (arg === '') throw new CmdError('template format specified but no template given');
      if (fmt === 'jsonpath-file') arg = await readFile(files, arg);
      try {
        new JsonPath(arg, { allowMissingKeys: opts.allowMissingKeys });
      } catch (e) {
        throw new CmdError(`error parsing jsonpath ${arg}, ${(e as Error).message}`);
      }
      return { kind: 'jsonpath', template: arg, asJson: fmt === 'jsonpath-as-json' };
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      if (fmt === 'custom-columns') {
        if (arg === '') throw new CmdError('custom-columns format specified but no custom columns given');
        return { kind: 'custom-columns', columns: parseCustomColumns(arg) };
      }
      const text = await readFile(files, arg);
      return { kind: 'custom-columns', columns: customColumnsFromFile(text) };
    }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
      if (arg === '') throw new CmdError('template format specified but no template given');
      throw new CmdError(`go templates are not supported by KubeLab's kubectl yet (-o ${fmt})`);
  }
  throw new CmdError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`,
  );
}

async function readFile(files: FileSource, path: string): Promise<string> {
  try {
    return await files.read(path);
  } catch (e) {
    throw new CmdError((e as Error).message);
  }
}

/** `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumns(spec: string): Array<{ header: string; path: JsonPath }> {
  return spec.split(',').map((part) => {
    const colon = part.split(':');
    if (colon.length !== 2)
      throw new CmdError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: colon[0], path: compileColumn(colon[1]) };
  });
}

function compileColumn(path: string): JsonPath {
  try {
    return new JsonPath(relaxedJsonPath(path), { allowMissingKeys: true });
  } catch (e) {
    throw new CmdError((e as Error).message);
  }
}

/** A custom-columns file: a header line and a path line, whitespace separated. */
export function customColumnsFromFile(text: string): Array<{ header: string; path: JsonPath }> {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 2)
    throw new CmdError(`unexpected lines in custom columns file (expected 2): ${lines.length}`);
  const headers = lines[0].trim().split(/\s+/);
  const paths = lines[1].trim().split(/\s+/);
  if (headers.length !== paths.length)
    throw new CmdError(
      `number of headers (${headers.length}) does not match number of paths (${paths.length})`,
    );
  return headers.map((h, i) => ({ header: h, path: compileColumn(paths[i]) }));
}

/** Go's %#v of an unstructured value (used in kubectl's jsonpath error dump). */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[string]interface {}{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSharpV(o[k])}`)
      .join(', ')}}`;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  return goPrint(v);
}

/** Prints one object (or List) with a generic printer. `printed` counts objects for YAML `---` separators. */
export class GenericPrinter {
  private count = 0;
  private tab: TabWriter | undefined;
  private headerDone = false;
  constructor(
    private readonly spec: Exclude<OutputSpec, { kind: 'human' }>,
    private readonly out: (s: string) => void,
    private readonly opts: { noHeaders?: boolean; allowMissingKeys: boolean },
  ) {}

  /** Prints `obj` (an object or a `List`). */
  print(obj: Record<string, unknown>): void {
    const spec = this.spec;
    switch (spec.kind) {
      case 'json':
        this.out(printJson(obj));
        return;
      case 'yaml':
        if (this.count++ > 0) this.out('---\n');
        this.out(printYaml(obj));
        return;
      case 'name':
        for (const o of itemsOf(obj)) this.out(`${nameOf(o)}\n`);
        return;
      case 'jsonpath': {
        const jp = new JsonPath(spec.template, {
          allowMissingKeys: this.opts.allowMissingKeys,
          outputJson: spec.asJson,
        });
        try {
          this.out(jp.execute(sortKeys(obj)));
        } catch (e) {
          if (!(e instanceof JsonPathError)) throw e;
          throw new CmdError(
            `error executing jsonpath ${JSON.stringify(spec.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
              `\ttemplate was:\n\t\t${spec.template}\n` +
              `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`,
          );
        }
        return;
      }
      case 'custom-columns': {
        this.tab ??= new TabWriter(this.out);
        if (!this.headerDone && !this.opts.noHeaders)
          this.tab.write(spec.columns.map((c) => c.header).join('\t') + '\n');
        this.headerDone = true;
        for (const o of itemsOf(obj)) {
          const cells = spec.columns.map((c) => {
            const groups = c.path.findResults(o);
            const vals: string[] = [];
            if (groups.length === 0 || groups[0].length === 0) vals.push('<none>');
            for (const g of groups) for (const v of g) vals.push(goPrint(v));
            return vals.join(',');
          });
          this.tab.write(cells.join('\t') + '\n');
        }
        this.tab.flush();
        return;
      }
    }
  }
}

function itemsOf(obj: Record<string, unknown>): Array<Record<string, unknown>> {
  if (Array.isArray(obj.items) && typeof obj.kind === 'string' && obj.kind.endsWith('List'))
    return obj.items as Array<Record<string, unknown>>;
  return [obj];
}

/** `pod/nginx`, `deployment.apps/web`: the name printer's form. */
export function nameOf(o: Record<string, unknown>): string {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = String(o.kind ?? '').toLowerCase();
  const name = (o.metadata as { name?: string } | undefined)?.name ?? '';
  return `${group ? `${kind}.${group}` : kind}/${name}`;
}
