import { describe, it, expect } from 'vitest';
import { decodeInput, LineEditor, renderLine, type KeyEvent } from './line-editor';

type Key = Extract<KeyEvent, { kind: 'key' }>['key'];

describe('LineEditor', () => {
  const cases: Array<{ name: string; text: string; cursor: number; keys: Key[]; want: string; at: number }> =
    [
      { name: 'backspace', text: 'kubectl', cursor: 7, keys: ['backspace'], want: 'kubect', at: 6 },
      {
        name: 'backspace at start does nothing',
        text: 'abc',
        cursor: 0,
        keys: ['backspace'],
        want: 'abc',
        at: 0,
      },
      { name: 'delete under cursor', text: 'abc', cursor: 1, keys: ['delete'], want: 'ac', at: 1 },
      { name: 'delete at end does nothing', text: 'abc', cursor: 3, keys: ['delete'], want: 'abc', at: 3 },
      { name: 'left right', text: 'abc', cursor: 3, keys: ['left', 'left', 'right'], want: 'abc', at: 2 },
      { name: 'left stops at 0', text: 'a', cursor: 0, keys: ['left'], want: 'a', at: 0 },
      { name: 'home / end', text: 'abc', cursor: 1, keys: ['end'], want: 'abc', at: 3 },
      {
        name: 'Ctrl-U kills to start',
        text: 'kubectl get pods',
        cursor: 8,
        keys: ['killLineStart'],
        want: 'get pods',
        at: 0,
      },
      {
        name: 'Ctrl-K kills to end',
        text: 'kubectl get pods',
        cursor: 7,
        keys: ['killLineEnd'],
        want: 'kubectl',
        at: 7,
      },
      {
        name: 'Ctrl-W kills a word',
        text: 'kubectl get pods ',
        cursor: 17,
        keys: ['killWordBack'],
        want: 'kubectl get ',
        at: 12,
      },
      {
        name: 'Ctrl-W takes -o=yaml whole',
        text: 'k get -o=yaml',
        cursor: 13,
        keys: ['killWordBack'],
        want: 'k get ',
        at: 6,
      },
      {
        name: 'Ctrl-W then Ctrl-Y yanks back',
        text: 'a bc',
        cursor: 4,
        keys: ['killWordBack', 'yank'],
        want: 'a bc',
        at: 4,
      },
      {
        name: 'Alt-B word left',
        text: 'get pod-name',
        cursor: 12,
        keys: ['wordLeft'],
        want: 'get pod-name',
        at: 8,
      },
      {
        name: 'Alt-F word right',
        text: 'get pod-name',
        cursor: 0,
        keys: ['wordRight'],
        want: 'get pod-name',
        at: 3,
      },
      {
        name: 'Alt-D kills a word forward',
        text: 'get pods now',
        cursor: 3,
        keys: ['killWordForward'],
        want: 'get now',
        at: 3,
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const ed = new LineEditor();
      ed.set(c.text, c.cursor);
      for (const k of c.keys) expect(ed.apply(k)).toBe(true);
      expect([ed.value, ed.cursor]).toEqual([c.want, c.at]);
    });
  }

  it('inserts at the cursor', () => {
    const ed = new LineEditor();
    ed.set('kubectl pods', 8);
    ed.insert('get ');
    expect([ed.value, ed.cursor]).toEqual(['kubectl get pods', 12]);
  });

  it('does not treat enter/up/tab as edits', () => {
    const ed = new LineEditor();
    for (const k of ['enter', 'up', 'down', 'tab', 'interrupt'] as Key[]) expect(ed.apply(k)).toBe(false);
  });
});

describe('decodeInput', () => {
  const cases: Array<[string, string, KeyEvent[]]> = [
    ['typed text', 'ab', [{ kind: 'text', text: 'ab', pasted: false }]],
    ['enter', '\r', [{ kind: 'key', key: 'enter' }]],
    [
      'arrows',
      '\x1b[A\x1b[B\x1b[C\x1b[D',
      [
        { kind: 'key', key: 'up' },
        { kind: 'key', key: 'down' },
        { kind: 'key', key: 'right' },
        { kind: 'key', key: 'left' },
      ],
    ],
    [
      'home/end variants',
      '\x1b[H\x1bOF\x1b[1~\x1b[4~',
      [
        { kind: 'key', key: 'home' },
        { kind: 'key', key: 'end' },
        { kind: 'key', key: 'home' },
        { kind: 'key', key: 'end' },
      ],
    ],
    [
      'delete and ctrl-left',
      '\x1b[3~\x1b[1;5D',
      [
        { kind: 'key', key: 'delete' },
        { kind: 'key', key: 'wordLeft' },
      ],
    ],
    [
      'control keys',
      '\x01\x05\x15\x0b\x17\x03\t\x7f',
      [
        { kind: 'key', key: 'home' },
        { kind: 'key', key: 'end' },
        { kind: 'key', key: 'killLineStart' },
        { kind: 'key', key: 'killLineEnd' },
        { kind: 'key', key: 'killWordBack' },
        { kind: 'key', key: 'interrupt' },
        { kind: 'key', key: 'tab' },
        { kind: 'key', key: 'backspace' },
      ],
    ],
    [
      'unknown sequence dropped',
      'a\x1b[15~b',
      [
        { kind: 'text', text: 'a', pasted: false },
        { kind: 'text', text: 'b', pasted: false },
      ],
    ],
    [
      'bracketed paste keeps tabs and newlines',
      '\x1b[200~a\tb\rc\x1b[201~',
      [{ kind: 'text', text: 'a\tb\rc', pasted: true }],
    ],
    [
      'unbracketed multi-line paste',
      'kubectl get po\rkubectl get no\r',
      [{ kind: 'text', text: 'kubectl get po\rkubectl get no\r', pasted: true }],
    ],
  ];
  for (const [name, data, want] of cases) it(name, () => expect(decodeInput(data)).toEqual(want));
});

describe('renderLine', () => {
  it('draws a short line and puts the cursor back', () => {
    const st = { cursorRow: 0 };
    expect(renderLine('$ ', 2, 'abc', 1, 80, st)).toBe('\r$ abc\x1b[J\r\x1b[3C');
    expect(st.cursorRow).toBe(0);
  });
  it('goes up to the first row of a wrapped line before redrawing', () => {
    const st = { cursorRow: 0 };
    // 2 + 12 = 14 columns in a 10-column terminal: two rows, cursor at the end (row 1, col 4).
    expect(renderLine('$ ', 2, 'abcdefghijkl', 12, 10, st)).toBe('\r$ abcdefghijkl\x1b[J\r\x1b[4C');
    expect(st.cursorRow).toBe(1);
    expect(renderLine('$ ', 2, 'abcdefghijkl', 0, 10, st)).toBe(
      '\x1b[1A\r$ abcdefghijkl\x1b[J\x1b[1A\r\x1b[2C',
    );
    expect(st.cursorRow).toBe(0);
  });
  it('moves past a pending wrap at the right margin', () => {
    const st = { cursorRow: 0 };
    expect(renderLine('$ ', 2, 'abcdefgh', 8, 10, st)).toBe('\r$ abcdefgh\x1b[J\r\n\r');
    expect(st.cursorRow).toBe(1);
  });
});
