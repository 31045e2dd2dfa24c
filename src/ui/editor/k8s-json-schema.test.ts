import { describe, it, expect } from 'vitest';
import type { SchemaNode } from '../../api/schema';
import { buildEditorSchema, convertNode, KIND_INDEX } from './k8s-json-schema';

describe('convertNode', () => {
  const cases: Array<[string, SchemaNode, unknown]> = [
    [
      'keeps type and description',
      { type: 'string', description: 'd', format: 'int32' },
      { type: 'string', description: 'd' },
    ],
    [
      'refs stay refs',
      { $ref: '#/definitions/x', description: 'd' },
      { $ref: '#/definitions/x', description: 'd' },
    ],
    [
      'int-or-string takes both',
      { 'x-kubernetes-int-or-string': true, type: 'string' },
      { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    ],
    [
      'quantity takes string or number',
      { 'x-kubernetes-quantity': true },
      { anyOf: [{ type: 'string' }, { type: 'number' }] },
    ],
    [
      'structs reject unknown fields',
      { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
      {
        type: 'object',
        properties: { a: { type: 'integer' } },
        additionalProperties: false,
        required: ['a'],
      },
    ],
    [
      'maps keep their value schema',
      { type: 'object', additionalProperties: { type: 'string' } },
      { type: 'object', additionalProperties: { type: 'string' } },
    ],
    [
      'preserve-unknown-fields is open',
      { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } },
      { type: 'object' },
    ],
    ['arrays', { type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'string' } }],
  ];
  for (const [name, node, want] of cases) it(name, () => expect(convertNode(node)).toEqual(want));
});

describe('buildEditorSchema', () => {
  const schema = buildEditorSchema();
  it('dispatches every served kind on apiVersion + kind', () => {
    expect(schema.allOf).toHaveLength(Object.keys(KIND_INDEX).length);
    const deploy = schema.allOf!.find((s) => s.then?.$ref === '#/definitions/io.k8s.api.apps.v1.Deployment');
    expect(deploy?.if).toEqual({
      properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } },
      required: ['apiVersion', 'kind'],
    });
  });
  it('offers apiVersions and kinds for completion', () => {
    expect(schema.properties?.apiVersion.enum).toContain('apps/v1');
    expect(schema.properties?.apiVersion.enum).toContain('v1');
    expect(schema.properties?.kind.enum).toContain('CronJob');
    expect(schema.required).toEqual(['apiVersion', 'kind']);
  });
  it('keeps descriptions and closes containers to unknown fields', () => {
    const c = schema.definitions!['io.k8s.api.core.v1.Container'];
    expect(c.additionalProperties).toBe(false);
    expect(c.required).toEqual(['name']);
    expect(c.properties!.image.description).toMatch(/^Container image name/);
    expect(c.properties!.image.type).toBe('string');
  });
  it('every $ref resolves', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/definitions\/[^"]+"/g) ?? [];
    const missing = refs.map((r) => r.slice(22, -1)).filter((n) => !schema.definitions![n]);
    expect(refs.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
