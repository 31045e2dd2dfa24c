/**
 * `kubectl explain` (kubectl pkg/explain/v2, plaintext template): KIND/VERSION (GROUP for named
 * groups), FIELD with its type, DESCRIPTION wrapped at 80 columns, FIELDS with `<type>` and
 * `-required-`, `--recursive` listing nested field names. The schema comes from src/api/schema.ts
 * instead of the server's OpenAPI v3. Leaves out: `--output=plaintext-openapiv2`, enum lists.
 */
import type { SchemaNode } from '../../api/schema';

/** The schema (half a megabyte of JSON) is loaded on first use, not with the terminal. */
type SchemaModule = typeof import('../../api/schema');
let schema: SchemaModule | undefined;
const resolve = (n: SchemaNode): SchemaNode => schema!.resolve(n);
const lookupField: SchemaModule['lookupField'] = (...a) => schema!.lookupField(...a);
const definitionFor: SchemaModule['definitionFor'] = (...a) => schema!.definitionFor(...a);
import { CmdError, type Command } from '../framework/command';
import { gvString } from '../framework/client';

function typeName(node: SchemaNode): string {
  if (node.$ref) return node.$ref.split('.').pop() ?? 'Object';
  if (node['x-kubernetes-int-or-string']) return 'IntOrString';
  if (node['x-kubernetes-quantity']) return 'Quantity';
  const n = node.$ref ? resolve(node) : node;
  switch (n.type) {
    case 'array':
      return `[]${typeName(n.items ?? {})}`;
    case 'object':
      return n.additionalProperties ? `map[string]${typeName(n.additionalProperties)}` : 'Object';
    case undefined:
      return 'Object';
    default:
      return n.type;
  }
}

/** Greedy word wrap to `width` columns with `indent` spaces. */
export function wrap(text: string, indent: number, width = 80): string {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent + line.length + 1 + word.length > width) {
        out.push(pad + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line ? pad + line : pad);
  }
  return out.join('\n');
}

function fieldsOf(node: SchemaNode): [string, SchemaNode, boolean][] {
  let n = resolve(node);
  while (n.type === 'array' && n.items) n = resolve(n.items);
  const req = new Set(n.required ?? []);
  return Object.entries(n.properties ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, v, req.has(k)]);
}

function recursive(node: SchemaNode, depth: number, seen: Set<string>): string {
  let s = '';
  for (const [name, child, req] of fieldsOf(node)) {
    s += `${'  '.repeat(depth)}${name}\t<${typeName(child)}>${req ? ' -required-' : ''}\n`;
    const key = child.$ref ?? '';
    if (key && seen.has(key)) continue;
    const next = new Set(seen);
    if (key) next.add(key);
    if (fieldsOf(child).length) s += recursive(child, depth + 1, next);
  }
  return s;
}

/** `kubectl explain`. */
export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2`,
  usage:
    'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
  flags: [
    {
      name: 'api-version',
      type: 'string',
      usage: 'Get different explanations for particular API version (API group/version)',
    },
    {
      name: 'output',
      type: 'string',
      default: 'plaintext',
      usage: 'Format in which to render the schema (plaintext, plaintext-openapiv2)',
    },
    { name: 'recursive', type: 'bool', usage: 'Print the fields of fields (Currently only 1 level deep)' },
  ],
  async run(inv) {
    if (inv.args.length === 0)
      throw new CmdError(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    if (inv.args.length > 1) throw new CmdError('We accept only this format: explain RESOURCE');
    const [typeArg, ...path] = inv.args[0].split('.');
    schema ??= await import('../../api/schema');
    const r = await inv.client.resolveType(typeArg);
    const apiVersion = inv.flags.string('api-version') || gvString(r);
    const def = definitionFor(apiVersion, r.kind);
    if (!def) throw new CmdError(`couldn't find resource for "${apiVersion}, Kind=${r.kind}"`);
    const node = path.length ? lookupField(apiVersion, r.kind, path) : def;
    if (!node) throw new CmdError(`field "${path[path.length - 1]}" does not exist`);
    let s = '';
    if (r.group) s += `GROUP:      ${r.group}\n`;
    s += `KIND:       ${r.kind}\nVERSION:    ${r.version}\n\n`;
    if (path.length) {
      const parent = path.length > 1 ? lookupField(apiVersion, r.kind, path.slice(0, -1)) : def;
      const req = new Set(
        parent
          ? fieldsOf(parent)
              .filter((x) => x[2])
              .map((x) => x[0])
          : [],
      );
      const raw = (parent && fieldsOf(parent).find(([k]) => k === path[path.length - 1])?.[1]) ?? node;
      s += `FIELD: ${path[path.length - 1]} <${typeName(raw)}>${req.has(path[path.length - 1]) ? ' -required-' : ''}\n\n`;
    }
    s += `DESCRIPTION:\n${wrap(node.description ?? '<empty>', 4)}\n    \n`;
    const fields = fieldsOf(node);
    if (fields.length) {
      s += 'FIELDS:\n';
      if (inv.flags.bool('recursive')) s += recursive(node, 1, new Set());
      else {
        s += fields
          .map(
            ([name, child, req]) =>
              `  ${name}\t<${typeName(child)}>${req ? ' -required-' : ''}\n${wrap(resolve(child).description ?? '<no description>', 4)}\n\n`,
          )
          .join('');
      }
    }
    inv.out(s);
    return 0;
  },
};
