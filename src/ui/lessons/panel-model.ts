/**
 * The Lessons panel's logic without Svelte: which language file to show, the panel's words in each
 * language, the list's progress labels, and the confirmation text before a lesson replaces the
 * learner's cluster. Kept apart from the components so it is unit-tested.
 */
import type { SavedProgress, SessionSnapshot, StepStatus } from '../../lessons-engine/runner';
import type { Lesson, LessonText } from '../../lessons-engine/types';

import type { Lang } from '../../i18n/i18n';

/** Languages of the page (src/i18n). */
export type { Lang };

/** The lesson text in `lang`, else English, else whatever language the lesson has. */
export function textFor(lesson: Lesson, lang: Lang): LessonText {
  return lesson.texts[lang] ?? lesson.texts.en ?? Object.values(lesson.texts)[0];
}

const WORDS = {
  en: {
    lessons: 'Lessons',
    minutes: (n: number) => `${n} min`,
    notStarted: 'not started',
    progress: (done: number, all: number) => `${done}/${all} steps`,
    finished: 'finished ✓',
    start: 'Start lesson',
    continue: 'Continue',
    restart: 'Restart',
    back: 'All lessons',
    hint: 'Hint',
    nextHint: 'Show a hint',
    showMe: 'Show me',
    running: 'Running…',
    starting: 'Setting up the cluster…',
    openFolder: 'Open lesson folder',
    openFiles: 'Open lesson files',
    confirm: (title: string, nodes: string) =>
      `“${title}” replaces your cluster with a fresh one (${nodes}). Everything in the current cluster is lost.`,
    replace: 'Replace my cluster',
    cancel: 'Cancel',
    done: 'You finished this lesson. 🎉',
    loadErrors: 'Some lessons could not be loaded:',
    loading: 'Loading lessons…',
    goal: 'Goal',
    status: { pending: 'pending', current: 'current step', passed: 'passed' } as Record<StepStatus, string>,
    nodes: (n: number) => (n === 1 ? '1 worker node' : `${n} worker nodes`),
    exactNodes: (names: string[]) => `nodes ${names.join(', ')}`,
    run: 'Run in terminal',
  },
  'zh-CN': {
    lessons: '课程',
    minutes: (n: number) => `${n} 分钟`,
    notStarted: '未开始',
    progress: (done: number, all: number) => `${done}/${all} 步`,
    finished: '已完成 ✓',
    start: '开始课程',
    continue: '继续',
    restart: '重新开始',
    back: '全部课程',
    hint: '提示',
    nextHint: '显示提示',
    showMe: '演示给我看',
    running: '正在运行…',
    starting: '正在准备集群…',
    openFolder: '打开课程文件夹',
    openFiles: '打开课程文件',
    confirm: (title: string, nodes: string) => `“${title}”会用一个新集群（${nodes}）替换你当前的集群，当前集群中的一切都会丢失。`,
    replace: '替换我的集群',
    cancel: '取消',
    done: '你完成了本课程。🎉',
    loadErrors: '有些课程无法加载：',
    loading: '正在加载课程…',
    goal: '目标',
    status: { pending: '未完成', current: '当前步骤', passed: '已通过' } as Record<StepStatus, string>,
    nodes: (n: number) => `${n} 个工作节点`,
    exactNodes: (names: string[]) => `节点 ${names.join('、')}`,
    run: '在终端中运行',
  },
};

/** The panel's words. */
export type Words = (typeof WORDS)['en'];

/** The panel's words in `lang`. */
export function words(lang: Lang): Words {
  return WORDS[lang] ?? WORDS.en;
}

/** The progress label of a lesson in the list. */
export function progressLabel(lesson: Lesson, saved: SavedProgress | undefined, lang: Lang): string {
  const w = words(lang);
  if (!saved?.started) return w.notStarted;
  const all = lesson.meta.steps.length;
  const done = lesson.meta.steps.filter((s) => saved.passed.includes(s.id)).length;
  return done === all ? w.finished : w.progress(done, all);
}

/** The text asking before a lesson replaces the cluster. */
export function confirmText(lesson: Lesson, lang: Lang): string {
  const w = words(lang);
  const n = lesson.meta.setup.nodes;
  return w.confirm(textFor(lesson, lang).title, typeof n === 'number' ? w.nodes(n) : w.exactNodes(n.map((x) => x.name)));
}

/** The status mark shown before a step's title. */
export function statusMark(status: StepStatus): string {
  return status === 'passed' ? '✓' : status === 'current' ? '▶' : '○';
}

/** Hints of a step that are revealed in this snapshot. */
export function shownHints(text: LessonText, snap: SessionSnapshot | undefined, stepId: string): string[] {
  const step = text.steps.find((s) => s.id === stepId);
  const n = snap?.steps.find((s) => s.id === stepId)?.hintsShown ?? 0;
  return step ? step.hints.slice(0, n) : [];
}
