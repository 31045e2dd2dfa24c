/**
 * Reading objects named by `-f` (cli-runtime resource.Builder's FilenameParam, FileVisitor and
 * StreamVisitor): files, directories (only `.json`, `.yaml`, `.yml` inside them; `-R` recurses),
 * `-` for stdin (source `STDIN`), multi-document YAML, `List` objects flattened, and the errors kubectl
 * prints (`the path "x" does not exist`, `error parsing x.yaml: error converting YAML to JSON: yaml:
 * line 3: ...`, `error validating "x.yaml": error validating data: kind not set; ...`). Then mapping
 * each object to its API resource and namespace (resource.Info). YAML syntax errors are translated
 * from the `yaml` package's codes to go-yaml's messages for the common cases.
 * Leaves out: URLs, kustomize (`-k`), client-side OpenAPI validation of field names.
 */
import { parseAllDocuments, type YAMLError } from 'yaml';
import type { KubeObject } from '../../api/types';
import { CmdError, type Invocation } from './command';
import { groupResource, type ApiResource } from './client';

/** One object read from a manifest, with where it came from (`x.yaml` or `STDIN`). */
export interface ManifestObject {
  source: string;
  obj: KubeObject;
}

/** An object resolved to its API resource and namespace (cli-runtime resource.Info). */
export interface ObjectInfo extends ManifestObject {
  resource: ApiResource;
  namespace: string | undefined;
  name: string;
}

const YAML_EXT = /\.(json|ya?ml)$/;

/** go-yaml's message and line for a `yaml` package parse error. */
export function goYamlError(errors: readonly YAMLError[], text: string): string {
  const e = errors[0];
  const endLine = Math.max(...errors.map((x) => x.linePos?.[1]?.line ?? x.linePos?.[0]?.line ?? 1));
  const line = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `yaml: line ${endLine}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN': {
      if (/Flow (sequence|map)/.test(e.message)) {
        const close = /Flow map/.test(e.message) ? '}' : ']';
        const atEnd = e.pos[0] >= text.trimEnd().length;
        const at = atEnd ? Math.max(1, line - 1) : line;
        // An opener with nothing after it: go-yaml wants a node before any ',' or closer.
        const open = close === '}' ? '{' : '[';
        if (atEnd && text.trimEnd().endsWith(open))
          return `yaml: line ${at}: did not find expected node content`;
        return `yaml: line ${at}: did not find expected ',' or '${close}'`;
      }
      return `yaml: line ${line}: did not find expected key`;
    }
    case 'DUPLICATE_KEY':
      return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(e.message.match(/"([^"]*)"/)?.[1] ?? '')} already set in map`;
    default:
      return `yaml: line ${line}: ${e.message.split(' at line')[0].toLowerCase()}`;
  }
}

/** Parses a multi-document YAML or JSON text into objects (empty documents skipped, Lists flattened). */
export function parseManifest(text: string, source: string): ManifestObject[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true, version: '1.1' });
  const out: ManifestObject[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    if (d.errors.length)
      throw new CmdError(
        `error parsing ${source}: error converting YAML to JSON: ${goYamlError(d.errors, text)}`,
      );
    const v = d.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new CmdError(
        `error validating ${JSON.stringify(source)}: error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    const o = v as KubeObject & { items?: KubeObject[] };
    const missing = [!o.apiVersion && 'apiVersion not set', !o.kind && 'kind not set'].filter(Boolean);
    if (missing.length)
      throw new CmdError(
        `error validating ${JSON.stringify(source)}: error validating data: ${missing.length > 1 ? `[${missing.join(', ')}]` : missing[0]}; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    if (o.kind?.endsWith('List') && Array.isArray(o.items)) {
      for (const item of o.items) out.push({ source, obj: item });
    } else out.push({ source, obj: o });
  }
  return out;
}

/** Expands `-f` arguments to file paths (`-` stays `-`). */
export async function expandFilenames(
  inv: Invocation,
  names: string[],
  recursive: boolean,
): Promise<string[]> {
  const out: string[] = [];
  for (const n of names) {
    if (n === '-') {
      out.push('-');
      continue;
    }
    const files = inv.io.files;
    if (await files.isDir(n)) {
      const list = (await files.list(n, recursive)).filter((p) => YAML_EXT.test(p)).sort();
      out.push(...list);
      continue;
    }
    try {
      await files.read(n);
    } catch {
      throw new CmdError(`the path ${JSON.stringify(n)} does not exist`);
    }
    out.push(n);
  }
  return out;
}

/** Reads every object named by `-f` (and `-R`), in order. */
export async function readManifests(
  inv: Invocation,
  names: string[],
  recursive: boolean,
): Promise<ManifestObject[]> {
  const out: ManifestObject[] = [];
  for (const path of await expandFilenames(inv, names, recursive)) {
    const text = path === '-' ? (inv.io.stdin ?? '') : await inv.io.files.read(path);
    out.push(...parseManifest(text, path === '-' ? 'STDIN' : path));
  }
  return out;
}

/** Maps an object to its resource and namespace, with kubectl's errors for unknown kinds and namespace clashes. */
export async function infoFor(inv: Invocation, m: ManifestObject): Promise<ObjectInfo> {
  const { obj, source } = m;
  const r = await inv.client.forKind(obj.apiVersion ?? '', obj.kind ?? '');
  const name = obj.metadata?.name ?? '';
  if (!r) {
    const gv = obj.apiVersion;
    throw new CmdError(
      `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(obj.metadata?.namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(gv)}\nensure CRDs are installed first`,
    );
  }
  let namespace: string | undefined;
  if (r.namespaced) {
    const own = obj.metadata?.namespace;
    if (own && inv.explicitNamespace && own !== inv.namespace)
      throw new CmdError(
        `the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(inv.namespace)}. You must pass '--namespace=${own}' to perform this operation.`,
      );
    namespace = own || inv.namespace;
  }
  return { ...m, resource: r, namespace, name };
}

/** `pod/x`, `deployment.apps/web` for a resource and name (the name printer's form). */
export function kindName(r: ApiResource, name: string): string {
  return `${r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase()}/${name}`;
}

/** `pods "x"` / `deployments.apps "web"` as API errors name objects. */
export function resourceName(r: ApiResource, name: string): string {
  return `${groupResource(r)} ${JSON.stringify(name)}`;
}
