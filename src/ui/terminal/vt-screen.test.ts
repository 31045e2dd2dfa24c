import { describe, it, expect } from 'vitest';
import { VtScreen } from './vt-screen';

describe('VtScreen', () => {
  const cases: Array<[string, string, number, string]> = [
    ['text and newlines', 'ab\r\ncd', 80, 'ab\ncd'],
    ['carriage return overwrites', 'abc\rX', 80, 'Xbc'],
    ['erase below', 'abc\r\nxyz\x1b[1A\r\x1b[1C\x1b[J', 80, 'a'],
    ['auto-wrap at the margin', 'abcdef', 4, 'abcd\nef'],
    ['pending wrap then CR stays on the row', 'abcd\rX', 4, 'Xbcd'],
    ['colours ignored', '\x1b[31mred\x1b[0m', 80, 'red'],
    ['clear', 'abc\r\ndef\x1b[H\x1b[2Jz', 80, 'z'],
  ];
  for (const [name, input, cols, want] of cases) {
    it(name, () => {
      const s = new VtScreen(cols);
      s.write(input);
      expect(s.text()).toBe(want);
    });
  }
});
