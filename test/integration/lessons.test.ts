/**
 * Every lesson under lessons/ can be finished: each language file parses and matches lesson.yaml's
 * steps, and a headless replay on a SimCluster (virtual clock) shows that no step's check holds on the
 * untouched starting state and that each step's solution makes its check hold. `ui` checks are
 * skipped (the page's state does not exist headlessly) and counted.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskSource } from '../../src/lessons-engine/node-source';
import { LANGUAGE_FILE, loadLesson, parseLessonMarkdown, crossCheck, parseLessonYaml } from '../../src/lessons-engine/parse';
import { replayLesson } from '../../src/lessons-engine/replay';
import { SimClusterControl } from '../../src/lessons-engine/sim-control';
import { lessonFiles, memorySource } from '../../src/lessons-engine/source';
import { readFileSync } from 'node:fs';

const root = path.resolve(__dirname, '../../lessons');
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'lesson.yaml')))
  .map((d) => d.name)
  .sort();

const skippedUi: string[] = [];
afterAll(() => {
  if (skippedUi.length)
    console.log(`lessons: ${skippedUi.length} ui check(s) skipped in headless replay: ${skippedUi.join(', ')}`);
});

describe('lessons', () => {
  it('finds the example lesson', () => {
    expect(dirs).toContain('00-example');
  });

  it('replay reports a check that holds at the start and a solution that does not pass', async () => {
    const yaml = `id: broken
order: 99
minutes: 1
setup: { nodes: 1 }
steps:
  - id: already
    check: { exists: { kind: Namespace, name: default } }
    solution: []
  - id: wrong
    check: { object: { kind: Pod, name: nginx }, jsonpath: '{.spec.containers[0].image}', equals: 'nginx:1.27' }
    solution: ['kubectl run nginx --image=nginx']
`;
    const md = '---\ntitle: t\ngoal: g\n---\n## A {#already}\n## W {#wrong}\n';
    const source = memorySource({ 'b/lesson.yaml': yaml, 'b/en.md': md });
    const control = new SimClusterControl(1);
    try {
      const report = await replayLesson(await loadLesson(source, 'b'), control, () => control.reader(), lessonFiles(source, 'b'));
      expect(report.initiallyPassing).toEqual([{ id: 'already', detail: 'namespace/default exists' }]);
      expect(report.steps[1]).toEqual({
        id: 'wrong',
        passed: false,
        skipped: false,
        detail: 'pod/nginx {.spec.containers[0].image} is "nginx", want "nginx:1.27"',
        output: '$ kubectl run nginx --image=nginx\npod/nginx created\n',
      });
    } finally {
      await control.stop();
    }
  });

  for (const dir of dirs) {
    describe(dir, () => {
      const langs = readdirSync(path.join(root, dir)).filter((f) => f !== 'README.md' && LANGUAGE_FILE.test(f));

      it('has a language file', () => {
        expect(langs.length).toBeGreaterThan(0);
      });

      for (const file of langs) {
        it(`${file}: front matter, sections and step ids match lesson.yaml`, () => {
          const meta = parseLessonYaml(readFileSync(path.join(root, dir, 'lesson.yaml'), 'utf8'), dir);
          const text = parseLessonMarkdown(readFileSync(path.join(root, dir, file), 'utf8'), dir, file);
          expect(text.title).not.toBe('');
          expect(text.goal).not.toBe('');
          crossCheck(meta, text, dir, file);
          expect(text.steps.map((s) => s.id)).toEqual(meta.steps.map((s) => s.id));
        });
      }

      // The checks and solutions are language-neutral, so one replay covers every language file.
      it('replays: nothing passes at the start, each solution passes its step', async () => {
        const source = diskSource(root);
        const lesson = await loadLesson(source, dir);
        const control = new SimClusterControl(1);
        const started = Date.now();
        try {
          const report = await replayLesson(lesson, control, () => control.reader(), lessonFiles(source, dir));
          expect(report.initiallyPassing, `checks that hold right after setup:\n${report.setupOutput}`).toEqual([]);
          for (const s of report.steps) {
            if (s.skipped) {
              skippedUi.push(`${dir}#${s.id}`);
              continue;
            }
            expect({ step: s.id, passed: s.passed, detail: s.detail }, `solution transcript:\n${s.output}`).toEqual({
              step: s.id,
              passed: true,
              detail: s.detail,
            });
          }
        } finally {
          await control.stop();
        }
        expect(Date.now() - started).toBeLessThan(5000);
      });
    });
  }
});
