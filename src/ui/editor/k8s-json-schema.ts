/**
 * The JSON Schema the YAML editor validates, completes and documents with (monaco-yaml), derived from
 * the Kubernetes schema KubeLab bundles (src/api/generated/k8s-schema.json, the apiserver's OpenAPI
 * definitions for the served kinds). One root schema dispatches on `apiVersion` + `kind` with
 * `if`/`then` so a Deployment document is checked as a Deployment; unknown fields are errors
 * (`additionalProperties: false`) as the apiserver's strict field validation makes them;
 * int-or-string and quantity fields take both; descriptions are kept for hover docs.
 * Leaves out: OpenAPI enums and formats (the typings do not carry them).
 */
import { definitions, type SchemaNode } from '../../api/schema';
import indexJson from '../../api/generated/k8s-schema-index.json';

/** The subset of JSON Schema (draft 7) the editor's schema uses. */
export interface JsonSchema {
  description?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  definitions?: Record<string, JsonSchema>;
}

/** `apiVersion/Kind` → definition name, for every served kind. */
export const KIND_INDEX: Readonly<Record<string, string>> = indexJson as Record<string, string>;

/** One schema node converted for the editor. */
export function convertNode(node: SchemaNode): JsonSchema {
  const out: JsonSchema = {};
  if (node.description) out.description = node.description;
  if (node.$ref) {
    out.$ref = node.$ref;
    return out;
  }
  if (node['x-kubernetes-int-or-string']) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    return out;
  }
  if (node['x-kubernetes-quantity']) {
    out.anyOf = [{ type: 'string' }, { type: 'number' }];
    return out;
  }
  if (node.type) out.type = node.type;
  if (node['x-kubernetes-preserve-unknown-fields']) return out;
  if (node.oneOf) out.oneOf = node.oneOf.map(convertNode);
  if (node.items) out.items = convertNode(node.items);
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties)) out.properties[k] = convertNode(v);
    if (!node.additionalProperties) out.additionalProperties = false;
  }
  if (node.additionalProperties) out.additionalProperties = convertNode(node.additionalProperties);
  if (node.required?.length) out.required = [...node.required];
  return out;
}

/** The root schema: definitions, plus apiVersion/kind completion and the per-kind dispatch. */
export function buildEditorSchema(
  defs: Readonly<Record<string, SchemaNode>> = definitions,
  index: Readonly<Record<string, string>> = KIND_INDEX,
): JsonSchema {
  const converted: Record<string, JsonSchema> = {};
  for (const [name, node] of Object.entries(defs)) converted[name] = convertNode(node);
  const entries = Object.entries(index).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const split = (key: string) => {
    const i = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, i), kind: key.slice(i + 1) };
  };
  const apiVersions = [...new Set(entries.map(([k]) => split(k).apiVersion))];
  const kinds = [...new Set(entries.map(([k]) => split(k).kind))].sort();
  return {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: {
        type: 'string',
        enum: apiVersions,
        description: defs['io.k8s.api.core.v1.Pod']?.properties?.apiVersion?.description,
      },
      kind: {
        type: 'string',
        enum: kinds,
        description: defs['io.k8s.api.core.v1.Pod']?.properties?.kind?.description,
      },
    },
    allOf: entries.map(([key, def]) => {
      const { apiVersion, kind } = split(key);
      return {
        if: {
          properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
          required: ['apiVersion', 'kind'],
        },
        then: { $ref: `#/definitions/${def}` },
      };
    }),
    definitions: converted,
  };
}
