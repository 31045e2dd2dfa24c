import { describe, it, expect } from 'vitest';
import { applyJsonPatch, parsePointer, escapePointerSegment, type JsonPatchOperation } from './json-patch';

const doc = {
  metadata: { labels: { 'app.kubernetes.io/name': 'web', a: 'b' } },
  spec: { items: [1, 2, 3] },
  'x~y': 1,
};

describe('applyJsonPatch', () => {
  const cases: [string, JsonPatchOperation[], unknown][] = [
    [
      'add a key',
      [{ op: 'add', path: '/metadata/labels/c', value: 'd' }],
      { ...doc, metadata: { labels: { ...doc.metadata.labels, c: 'd' } } },
    ],
    [
      'add into an array',
      [{ op: 'add', path: '/spec/items/1', value: 9 }],
      { ...doc, spec: { items: [1, 9, 2, 3] } },
    ],
    [
      'append with -',
      [{ op: 'add', path: '/spec/items/-', value: 4 }],
      { ...doc, spec: { items: [1, 2, 3, 4] } },
    ],
    [
      'remove an escaped key',
      [{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }],
      { ...doc, metadata: { labels: { a: 'b' } } },
    ],
    ['remove an array item', [{ op: 'remove', path: '/spec/items/0' }], { ...doc, spec: { items: [2, 3] } }],
    ['replace', [{ op: 'replace', path: '/x~0y', value: 2 }], { ...doc, 'x~y': 2 }],
    [
      'move',
      [{ op: 'move', from: '/metadata/labels/a', path: '/metadata/a' }],
      { ...doc, metadata: { a: 'b', labels: { 'app.kubernetes.io/name': 'web' } } },
    ],
    [
      'copy',
      [{ op: 'copy', from: '/spec/items/2', path: '/spec/items/0' }],
      { ...doc, spec: { items: [3, 1, 2, 3] } },
    ],
    [
      'test then replace',
      [
        { op: 'test', path: '/spec/items', value: [1, 2, 3] },
        { op: 'replace', path: '/spec/items', value: [] },
      ],
      { ...doc, spec: { items: [] } },
    ],
    ['replace the whole document', [{ op: 'replace', path: '', value: { a: 1 } }], { a: 1 }],
  ];
  it.each(cases)('%s', (_name, ops, want) => {
    const before = JSON.stringify(doc);
    expect(applyJsonPatch(doc, ops)).toEqual(want);
    expect(JSON.stringify(doc)).toBe(before);
  });

  const errors: [string, JsonPatchOperation[], string][] = [
    [
      'add under a missing parent',
      [{ op: 'add', path: '/nope/x', value: 1 }],
      'add operation does not apply: doc is missing path: "/nope/x": missing value',
    ],
    [
      'remove a missing key',
      [{ op: 'remove', path: '/metadata/nope' }],
      'Unable to remove nonexistent key: nope: missing value',
    ],
    [
      'replace a missing key',
      [{ op: 'replace', path: '/nope', value: 1 }],
      'replace operation does not apply: doc is missing key: /nope: missing value',
    ],
    [
      'test fails',
      [{ op: 'test', path: '/spec/items/0', value: 5 }],
      'testing value /spec/items/0 failed: test failed',
    ],
    [
      'index out of range',
      [{ op: 'add', path: '/spec/items/7', value: 1 }],
      'Unable to access invalid index: 7: invalid index referenced',
    ],
    [
      'move from a missing path',
      [{ op: 'move', from: '/nope', path: '/x' }],
      'move operation does not apply: doc is missing from path: /nope: missing value',
    ],
    ['unknown op', [{ op: 'frob', path: '/x' } as unknown as JsonPatchOperation], 'Unexpected kind: frob'],
  ];
  it.each(errors)('error: %s', (_name, ops, msg) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(msg);
  });
});

describe('JSON pointers', () => {
  it('parses and escapes', () => {
    expect(parsePointer('/a~1b/~0c/0')).toEqual(['a/b', '~c', '0']);
    expect(parsePointer('')).toEqual([]);
    expect(escapePointerSegment('app.kubernetes.io/name~x')).toBe('app.kubernetes.io~1name~0x');
    expect(() => parsePointer('a')).toThrow('JSON pointer must be empty or start with a "/": a');
  });
});
