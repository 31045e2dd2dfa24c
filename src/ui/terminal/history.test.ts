import { describe, it, expect } from 'vitest';
import { History, HISTORY_KEY, type HistoryStorage } from './history';

function memory(init?: string[]): HistoryStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (init) data.set(HISTORY_KEY, JSON.stringify(init));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('History', () => {
  it('walks back and forth and restores the draft', () => {
    const h = new History();
    h.add('kubectl get pods');
    h.add('kubectl get nodes');
    expect(h.previous('draft')).toBe('kubectl get nodes');
    expect(h.previous('kubectl get nodes')).toBe('kubectl get pods');
    expect(h.previous('kubectl get pods')).toBeUndefined();
    expect(h.next('kubectl get pods')).toBe('kubectl get nodes');
    expect(h.next('kubectl get nodes')).toBe('draft');
    expect(h.next('draft')).toBeUndefined();
  });

  it('keeps edits made to an entry while browsing', () => {
    const h = new History();
    h.add('a');
    h.add('b');
    expect(h.previous('')).toBe('b');
    expect(h.previous('b-edited')).toBe('a');
    expect(h.next('a')).toBe('b-edited');
    h.add('b-edited');
    expect(h.lines).toEqual(['a', 'b', 'b-edited']);
    expect(h.previous('')).toBe('b-edited');
  });

  it('ignores empty lines, repeats of the last line and lines starting with a space', () => {
    const h = new History();
    for (const l of ['a', 'a', '   ', ' secret', 'b', 'a']) h.add(l);
    expect(h.lines).toEqual(['a', 'b', 'a']);
  });

  it('persists to storage and reloads, capped at max', () => {
    const s = memory(['x', 'y']);
    const h = new History(s, 3);
    expect(h.lines).toEqual(['x', 'y']);
    h.add('z');
    h.add('w');
    expect(JSON.parse(s.data.get(HISTORY_KEY)!)).toEqual(['y', 'z', 'w']);
    expect(new History(s, 3).lines).toEqual(['y', 'z', 'w']);
  });

  it('survives corrupt storage', () => {
    const s = memory();
    s.data.set(HISTORY_KEY, '{not json');
    expect(new History(s).lines).toEqual([]);
    s.data.set(HISTORY_KEY, JSON.stringify(['ok', 3, null]));
    expect(new History(s).lines).toEqual(['ok']);
  });
});
