import { describe, it, expect } from 'vitest';
import { pendingLesson, savedNodes, saveNodes, setPendingLesson, type KeyValue } from './lesson-setup';

function storage(init: Record<string, string> = {}): KeyValue & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('saved nodes', () => {
  it('are kept per database and forgotten on request', () => {
    const s = storage();
    const nodes = [{ name: 'control-plane' }, { name: 'node-1', labels: { disk: 'ssd' } }];
    saveNodes(s, 'kubelab', nodes);
    expect(savedNodes(s, 'kubelab')).toEqual(nodes);
    expect(savedNodes(s, 'other')).toBeUndefined();
    expect([...s.data.keys()]).toEqual(['kubelab.cluster.nodes.kubelab']);
    saveNodes(s, 'kubelab', undefined);
    expect(savedNodes(s, 'kubelab')).toBeUndefined();
    expect(s.data.size).toBe(0);
  });

  it.each([['not json'], ['{"name":"x"}'], ['[{"nom":"x"}]'], ['[]null']])('ignores %s', (raw) => {
    expect(savedNodes(storage({ 'kubelab.cluster.nodes.db': raw }), 'db')).toBeUndefined();
  });

  it('work without storage', () => {
    expect(savedNodes(undefined, 'db')).toBeUndefined();
    expect(() => saveNodes(undefined, 'db', [])).not.toThrow();
  });
});

describe('pending lesson', () => {
  it('is recorded and cleared', () => {
    const s = storage();
    expect(pendingLesson(s)).toBeUndefined();
    const p = { dir: '03-first-pod', setup: '{"nodes":2}', folder: { 'x/lesson.yaml': 'id: x' } };
    setPendingLesson(s, p);
    expect(pendingLesson(s)).toEqual(p);
    setPendingLesson(s, undefined);
    expect(pendingLesson(s)).toBeUndefined();
  });

  it('ignores a malformed entry', () => {
    expect(pendingLesson(storage({ 'kubelab.lesson.pending': '{"dir":3}' }))).toBeUndefined();
  });

  it('survives a full storage', () => {
    const s = storage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => setPendingLesson(s, { dir: 'd', setup: '{}' })).not.toThrow();
  });
});
