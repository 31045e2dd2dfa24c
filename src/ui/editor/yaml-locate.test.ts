import { describe, it, expect } from 'vitest';
import { fieldPathsOf, locateField, parseFieldPath, yamlProblems } from './yaml-locate';

describe('parseFieldPath', () => {
  const cases: Array<[string, Array<string | number>]> = [
    ['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
    ['metadata.name', ['metadata', 'name']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    [
      'spec.template.spec.containers[1].ports[0].containerPort',
      ['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'containerPort'],
    ],
    ['[2]', [2]],
    ['', []],
  ];
  for (const [path, want] of cases)
    it(JSON.stringify(path), () => expect(parseFieldPath(path)).toEqual(want));
});

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: a
    image: nginx
  - name: b
    image: busybox
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  key: value
`;

describe('locateField', () => {
  const cases: Array<[string, number, string, { range: unknown; exact: boolean } | undefined]> = [
    [
      'scalar field: key and value',
      0,
      'metadata.name',
      { range: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 14 }, exact: true },
    ],
    [
      'list item field',
      0,
      'spec.containers[1].image',
      { range: { startLine: 10, startColumn: 5, endLine: 10, endColumn: 19 }, exact: true },
    ],
    [
      'nested list',
      0,
      'spec.containers[1].ports[0].containerPort',
      { range: { startLine: 12, startColumn: 7, endLine: 12, endColumn: 24 }, exact: true },
    ],
    [
      'a list item itself',
      0,
      'spec.containers[0]',
      { range: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 6 }, exact: true },
    ],
    [
      'missing field: nearest parent',
      0,
      'spec.containers[0].resources.limits',
      { range: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 6 }, exact: false },
    ],
    [
      'missing top-level field: document start',
      0,
      'status',
      { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, exact: false },
    ],
    [
      'second document',
      1,
      'data[key]',
      { range: { startLine: 19, startColumn: 3, endLine: 19, endColumn: 13 }, exact: true },
    ],
    ['no such document', 2, 'metadata', undefined],
  ];
  for (const [name, doc, path, want] of cases) {
    it(name, () => expect(locateField(POD, doc, parseFieldPath(path))).toEqual(want));
  }
});

describe('yamlProblems', () => {
  it('reports syntax errors with line and column', () => {
    const p = yamlProblems('a: 1\nb: [1, 2\nc: 3\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0].severity).toBe('error');
    expect(p[0].startLine).toBeGreaterThanOrEqual(2);
  });
  it('reports a tab indentation error on its line', () => {
    const p = yamlProblems('a:\n\tb: 1\n');
    expect(p.map((x) => [x.startLine, x.startColumn])).toContainEqual([2, 1]);
  });
  it('is empty for valid YAML', () => expect(yamlProblems(POD)).toEqual([]));
});

describe('fieldPathsOf', () => {
  it('takes the causes of an Invalid status', () => {
    expect(
      fieldPathsOf({
        message: 'x',
        details: {
          causes: [
            { field: 'spec.containers[0].image', message: 'Required value', reason: 'FieldValueRequired' },
          ],
        },
      }),
    ).toEqual([{ field: 'spec.containers[0].image', message: 'Required value' }]);
  });
  it('finds unknown fields in a strict decoding error', () => {
    expect(
      fieldPathsOf({
        message:
          'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee", unknown field "spec.x"',
      }),
    ).toEqual([
      { field: 'spec.containers[0].imagee', message: 'unknown field "spec.containers[0].imagee"' },
      { field: 'spec.x', message: 'unknown field "spec.x"' },
    ]);
  });
});
