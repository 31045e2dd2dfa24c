/**
 * kubectl's `-o json` and `-o yaml` printers (cli-runtime printers/json.go, yaml.go). kubectl prints
 * unstructured objects, and Go marshals maps in key order: JSON is indented with 4 spaces and sorted;
 * YAML is sigs.k8s.io/yaml over go-yaml v2, reproduced by `go-yaml.ts`.
 */
import { goYamlMarshal } from './go-yaml';
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

/** `yaml.Marshal` (sigs.k8s.io/yaml) of an object as kubectl prints it. */
export function printYaml(obj: unknown): string {
  return goYamlMarshal(obj);
}

/** The `List` kubectl wraps several objects in for -o yaml/json/jsonpath. */
export function listWrapper(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
