/**
 * kubectl's `-o json` and `-o yaml` printers (cli-runtime printers/json.go, yaml.go). kubectl prints
 * unstructured objects, and Go marshals maps in key order: JSON is indented with 4 spaces and sorted;
 * YAML is sigs.k8s.io/yaml over yaml.v2: sorted keys, sequences not indented under their key, strings
 * that YAML 1.1 would read as something else (`"80"`, `"true"`, `""`, timestamps) double-quoted, other
 * strings plain where possible and single-quoted otherwise, multi-line strings as literal blocks, and
 * long plain strings folded at 80 columns. Uses the `yaml` package for the emitting itself.
 */
import { Document, visit, Scalar } from 'yaml';
import { sortKeys } from './jsonpath';

/** `json.MarshalIndent(obj, "", "    ")` + newline. */
export function printJson(obj: unknown): string {
  return (
    JSON.stringify(sortKeys(obj), null, 4).replace(
      /[<>&]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  );
}

const YAML11_NON_STRING = [
  /^(?:~|null|Null|NULL|)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/,
];

/** True when yaml.v2 would resolve this plain scalar to a non-string type (so it must be quoted). */
export function yaml11NonString(s: string): boolean {
  return YAML11_NON_STRING.some((re) => re.test(s));
}

/** `yaml.Marshal` of an object as kubectl prints it. */
export function printYaml(obj: unknown): string {
  const doc = new Document(sortKeys(obj));
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string') return;
      const s = node.value;
      if (s.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (yaml11NonString(s)) node.type = Scalar.QUOTE_DOUBLE;
      else node.type = Scalar.PLAIN;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 80, minContentWidth: 0, singleQuote: true });
}

/** The `List` kubectl wraps several objects in for -o yaml/json/jsonpath. */
export function listWrapper(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
