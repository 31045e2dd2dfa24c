import { describe, it, expect } from 'vitest';
import type { Lesson, LessonText } from '../../lessons-engine/types';
import { confirmText, progressLabel, shownHints, statusMark, textFor, words } from './panel-model';

const text = (lang: string, title: string): LessonText => ({
  lang,
  title,
  goal: 'g',
  intro: '',
  steps: [{ id: 'a', title: 'A', html: '', hints: ['<p>1</p>', '<p>2</p>'] }, { id: 'b', title: 'B', html: '', hints: [] }],
});
const lesson = (texts: Record<string, LessonText>, nodes: Lesson['meta']['setup']['nodes'] = 2): Lesson => ({
  dir: '01-x',
  meta: {
    id: 'x',
    order: 1,
    minutes: 5,
    setup: { nodes, paused: false, commands: [] },
    steps: [
      { id: 'a', check: { type: 'exists', ref: { kind: 'Pod', name: 'a' } }, solution: [], initiallyPasses: false },
      { id: 'b', check: { type: 'exists', ref: { kind: 'Pod', name: 'b' } }, solution: [], initiallyPasses: false },
    ],
  },
  texts,
});

describe('panel model', () => {
  it('picks the language file, falling back to English then any', () => {
    const both = lesson({ en: text('en', 'Pods'), 'zh-CN': text('zh-CN', '容器组') });
    expect(textFor(both, 'zh-CN').title).toBe('容器组');
    expect(textFor(lesson({ en: text('en', 'Pods') }), 'zh-CN').title).toBe('Pods');
    expect(textFor(lesson({ fr: text('fr', 'Les pods') }), 'en').title).toBe('Les pods');
  });

  it.each([
    [undefined, 'en', 'not started'],
    [{ started: true, passed: [], hints: {} }, 'en', '0/2 steps'],
    [{ started: true, passed: ['a', 'old'], hints: {} }, 'zh-CN', '1/2 步'],
    [{ started: true, passed: ['a', 'b'], hints: {} }, 'en', 'finished ✓'],
  ] as const)('progress %j (%s) → %s', (saved, lang, want) => {
    expect(progressLabel(lesson({ en: text('en', 'P') }), saved ? { ...saved, passed: [...saved.passed] } : undefined, lang)).toBe(want);
  });

  it('asks before replacing the cluster, naming the new nodes', () => {
    expect(confirmText(lesson({ en: text('en', 'Pods') }, 1), 'en')).toBe(
      '“Pods” replaces your cluster with a fresh one (1 worker node). Everything in the current cluster is lost.',
    );
    expect(confirmText(lesson({ 'zh-CN': text('zh-CN', '容器组') }, [{ name: 'n1' }, { name: 'n2' }]), 'zh-CN')).toBe(
      '“容器组”会用一个新集群（节点 n1、n2）替换你当前的集群，当前集群中的一切都会丢失。',
    );
  });

  it('shows as many hints as revealed and marks statuses', () => {
    const t = text('en', 'P');
    const snap = {
      lessonId: 'x',
      started: true,
      steps: [{ id: 'a', status: 'current' as const, detail: '', hintsShown: 1, hintCount: 2 }],
      current: 'a',
      done: false,
      output: '',
    };
    expect(shownHints(t, snap, 'a')).toEqual(['<p>1</p>']);
    expect(shownHints(t, undefined, 'a')).toEqual([]);
    expect(['passed', 'current', 'pending'].map((s) => statusMark(s as 'passed'))).toEqual(['✓', '▶', '○']);
    expect(words('zh-CN').showMe).toBe('演示给我看');
  });
});
