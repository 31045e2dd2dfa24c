/**
 * `kubectl explain` (kubectl pkg/explain/v2, plaintext template): KIND/VERSION (GROUP for named
 * groups), FIELD with its type, DESCRIPTION wrapped at 80 columns, FIELDS with `<type>` and
 * `-required-`, `--recursive` listing nested field names. The schema comes from src/api/schema.ts
 * instead of the server's OpenAPI v3, read as a real apiserver serves it (a field's `$ref` wrapped in
 * `allOf`, so a field shows its own description and then its type's). Blank lines follow the
 * plaintext template (FIELD, the empty ENUM slot, a final newline). Leaves out:
 * `--output=plaintext-openapiv2`, enum lists (the schema has none).
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
  if (node.$ref) {
    // The template's typeGuess: a reference to a primitive (Time, MicroTime) shows that type.
    const target = resolve({ $ref: node.$ref });
    if (target.type && target.type !== 'object') return target.type;
    return node.$ref.split('.').pop() ?? 'Object';
  }
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

/**
 * The template's `wrap 76 | indent 4` (github.com/mitchellh/go-wordwrap WrapString): words move to
 * the next line once a line would pass `width - indent` columns, runs of spaces between words are
 * kept, a word longer than the limit is left whole, and existing newlines stay.
 */
export function wrap(text: string, indent: number, width = 80): string {
  const lim = width - indent;
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  const flushBoth = () => {
    current += spaceLen + wordLen;
    out += space + word;
    space = word = '';
    spaceLen = wordLen = 0;
  };
  for (const ch of text) {
    if (ch === '\n') {
      if (!wordLen) {
        if (current + spaceLen <= lim) out += space;
        space = '';
        spaceLen = 0;
      } else flushBoth();
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (!spaceLen || wordLen) flushBoth();
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (!wordLen) {
    if (current + spaceLen <= lim) out += space;
  } else out += space + word;
  const pad = ' '.repeat(indent);
  return pad + out.replace(/\n/g, `\n${pad}`);
}

/**
 * The template's "description": a field's own description, then (as a real apiserver wraps a field's
 * `$ref` in `allOf`) the description of the type it refers to, each ending in a newline; descriptions
 * of array items and map values follow the same way.
 */
function descriptionOf(node: SchemaNode): string {
  let s = node.description ? `${node.description}\n` : '';
  if (node.$ref) return s + descriptionOf(resolve({ $ref: node.$ref }));
  if (node.items) s += descriptionOf(node.items);
  if (node.additionalProperties) s += descriptionOf(node.additionalProperties);
  return s;
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
    let described: SchemaNode = node;
    if (path.length) {
      const parent = path.length > 1 ? lookupField(apiVersion, r.kind, path.slice(0, -1)) : def;
      const raw = (parent && fieldsOf(parent).find(([k]) => k === path[path.length - 1])?.[1]) ?? node;
      described = raw;
      // The template's FIELD line, then the (empty) ENUM slot and a blank line.
      s += `FIELD: ${path[path.length - 1]} <${typeName(raw)}>\n\n\n`;
    }
    const text = descriptionOf(described);
    s += `DESCRIPTION:\n${text ? wrap(text, 4) : '    <empty>'}\n`;
    const fields = fieldsOf(node);
    if (fields.length) {
      s += 'FIELDS:\n';
      if (inv.flags.bool('recursive')) s += recursive(node, 1, new Set());
      else {
        s += fields
          .map(
            ([name, child, req]) =>
              `  ${name}\t<${typeName(child)}>${req ? ' -required-' : ''}\n${wrap(child.description ?? '<no description>', 4)}\n\n`,
          )
          .join('');
      }
    }
    s += '\n';
    inv.out(s);
    return 0;
  },
};
