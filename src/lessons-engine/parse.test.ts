import { describe, it, expect } from 'vitest';
import { LessonError, loadLesson, loadLessons, parseLessonMarkdown, parseLessonYaml } from './parse';
import { memorySource } from './source';

const YAML = `id: first-pod
order: 3
minutes: 10
setup:
  nodes: 2
  commands:
    - kubectl apply -f manifests/x.yaml
steps:
  - id: create-pod
    check:
      object: { kind: Pod, name: nginx }
      jsonpath: '{.status.phase}'
      equals: Running
    solution:
      - kubectl run nginx --image=nginx
      - sleep 30s
  - id: challenge
    check:
      any:
        - count: { kind: po, selector: app=web }
          atLeast: 3
        - not: { absent: { kind: deploy, name: web, namespace: prod } }
        - event: { reason: Killing, object: { kind: Pod, name: nginx } }
        - ui: { traceSeen: { verb: create, resource: pods } }
    solution: []
`;

const MD = `---
title: Your first pod
goal: Create a pod.
---
Intro <b>text</b>.

## Create a pod {#create-pod}
Run \`kubectl run nginx --image=nginx\`.

### Hint
First hint.

### Hint
Second hint.

## Challenge {#challenge}
Do it.

### Not a hint
Stays in the body.
`;

function yamlError(text: string): string {
  try {
    parseLessonYaml(text, 'l');
  } catch (e) {
    expect(e).toBeInstanceOf(LessonError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('parseLessonYaml', () => {
  it('parses setup, steps, checks and solutions', () => {
    const m = parseLessonYaml(YAML, 'l');
    expect(m.id).toBe('first-pod');
    expect(m.setup).toEqual({ nodes: 2, paused: false, commands: ['kubectl apply -f manifests/x.yaml'] });
    expect(m.steps[0]).toEqual({
      id: 'create-pod',
      check: { type: 'object', object: { kind: 'Pod', name: 'nginx' }, jsonpath: '{.status.phase}', equals: 'Running' },
      solution: ['kubectl run nginx --image=nginx', 'sleep 30s'],
      initiallyPasses: false,
    });
    expect(m.steps[1].check).toEqual({
      type: 'any',
      checks: [
        { type: 'count', count: { kind: 'po', selector: 'app=web' }, atLeast: 3 },
        { type: 'not', check: { type: 'absent', ref: { kind: 'deploy', name: 'web', namespace: 'prod' } } },
        { type: 'event', event: { reason: 'Killing', object: { kind: 'Pod', name: 'nginx' } } },
        { type: 'ui', ui: { traceSeen: { verb: 'create', resource: 'pods' } } },
      ],
    });
  });

  it('coerces compared scalars to the text kubectl prints', () => {
    const m = parseLessonYaml(
      YAML.replace("equals: Running", 'equals: 3').replace("'{.status.phase}'", "'{.spec.replicas}'"),
      'l',
    );
    expect(m.steps[0].check).toMatchObject({ equals: '3' });
  });

  it('accepts an exact node list', () => {
    const m = parseLessonYaml(
      YAML.replace('nodes: 2', "nodes: [{ name: n1, capacity: { cpu: '4', memory: 8Gi }, taints: [{ key: k, effect: NoSchedule }], labels: { zone: a } }]"),
      'l',
    );
    expect(m.setup.nodes).toEqual([
      { name: 'n1', capacity: { cpu: '4', memory: '8Gi' }, taints: [{ key: 'k', effect: 'NoSchedule' }], labels: { zone: 'a' } },
    ]);
  });

  it.each([
    ['a YAML syntax error', 'id: [x\n', 'l/lesson.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a missing field', YAML.replace('minutes: 10\n', ''), 'l/lesson.yaml:1:1: minutes: is required'],
    ['an unknown field', YAML.replace('      equals: Running', '      equal: Running'), 'l/lesson.yaml:13:7: steps[0].check.equal: unknown field (allowed: object, jsonpath, equals, matches, notEquals, atLeast)'],
    ['an unknown kind', YAML.replace('{ kind: Pod, name: nginx }', '{ kind: Pdo, name: nginx }'), 'l/lesson.yaml:11:17: steps[0].check.object.kind: unknown kind "Pdo"'],
    ['two check kinds', YAML.replace("      jsonpath: '{.status.phase}'\n", "      jsonpath: '{.status.phase}'\n      exists: { kind: Pod, name: x }\n"), 'l/lesson.yaml:10:5: steps[0].check: must have exactly one of object, exists, absent, count, event, ui, all, any, not (found object, exists)'],
    ['a bad JSONPath', YAML.replace("'{.status.phase}'", "'{.status.phase'"), 'l/lesson.yaml:12:7: steps[0].check.jsonpath: error parsing jsonpath {.status.phase, unclosed action'],
    ['a duplicate step id', YAML.replace('id: challenge', 'id: create-pod'), 'l/lesson.yaml:17:5: steps[1].id: duplicate step id "create-pod"'],
    ['a count without a bound', YAML.replace('          atLeast: 3\n', ''), 'l/lesson.yaml:20:11: steps[1].check.any[0]: needs equals, atLeast or atMost'],
    ['a bad regex', YAML.replace('reason: Killing,', "reason: Killing, messageMatches: '(',"), 'l/lesson.yaml:23:37: steps[1].check.any[2].event.messageMatches: invalid regular expression: Invalid regular expression: /(/: Unterminated group'],
    ['a bad command', YAML.replace('- sleep 30s', "- kubectl get pods | wc"), 'l/lesson.yaml:16:9: steps[0].solution[1]: line 1: unsupported shell syntax: |'],
  ])('reports %s with file, line, column and field', (_name, text, want) => {
    expect(yamlError(text)).toBe(want);
  });
});

describe('parseLessonMarkdown', () => {
  it('splits intro, steps and hints and renders them', () => {
    const t = parseLessonMarkdown(MD, 'l', 'en.md');
    expect(t).toEqual({
      lang: 'en',
      title: 'Your first pod',
      goal: 'Create a pod.',
      intro: '<p>Intro &lt;b&gt;text&lt;/b&gt;.</p>\n',
      steps: [
        {
          id: 'create-pod',
          title: 'Create a pod',
          html: '<p>Run <code class="lesson-run" data-run="kubectl run nginx --image=nginx">kubectl run nginx --image=nginx</code>.</p>\n',
          hints: ['<p>First hint.</p>\n', '<p>Second hint.</p>\n'],
        },
        { id: 'challenge', title: 'Challenge', html: '<p>Do it.</p>\n<h3>Not a hint</h3>\n<p>Stays in the body.</p>\n', hints: [] },
      ],
    });
  });

  it('accepts 提示 as a hint heading and applies the sanitizer', () => {
    const t = parseLessonMarkdown(MD.replace(/### Hint/g, '### 提示'), 'l', 'zh-CN.md', { sanitize: (h) => h.toUpperCase() });
    expect(t.lang).toBe('zh-CN');
    expect(t.steps[0].hints).toEqual(['<P>FIRST HINT.</P>\n', '<P>SECOND HINT.</P>\n']);
  });

  it.each([
    ['no front matter', 'Hello', 'l/en.md:1:1: missing front matter (a `---` block with title and goal)'],
    ['no goal', MD.replace('goal: Create a pod.\n', ''), 'l/en.md:1:1: goal: is required'],
    ['a heading without id', MD.replace(' {#challenge}', ''), 'l/en.md:16:1: heading "Challenge" has no {#step-id} at its end'],
    ['a duplicate section', MD.replace('{#challenge}', '{#create-pod}'), 'l/en.md:16:1: duplicate section {#create-pod}'],
  ])('reports %s', (_n, text, want) => {
    expect(() => parseLessonMarkdown(text, 'l', 'en.md')).toThrow(want);
  });
});

describe('loadLesson / loadLessons', () => {
  const files = {
    '03-first-pod/lesson.yaml': YAML,
    '03-first-pod/en.md': MD,
    '03-first-pod/zh-CN.md': MD.replace('Your first pod', '你的第一个 Pod'),
    '03-first-pod/README.md': '# not a language file',
    '01-other/lesson.yaml': YAML.replace('id: first-pod', 'id: other').replace('order: 3', 'order: 1'),
    '01-other/en.md': MD.replace('## Challenge {#challenge}', '## Extra {#extra}'),
    'notes/readme.txt': 'not a lesson',
  };

  it('loads every language file', async () => {
    const l = await loadLesson(memorySource(files), '03-first-pod');
    expect(Object.keys(l.texts).sort()).toEqual(['en', 'zh-CN']);
    expect(l.texts['zh-CN'].title).toBe('你的第一个 Pod');
  });

  it('collects errors per lesson and skips folders without lesson.yaml', async () => {
    const { lessons, errors } = await loadLessons(memorySource(files));
    expect(lessons.map((l) => l.dir)).toEqual(['03-first-pod']);
    expect(errors.map((e) => e.message)).toEqual([
      '01-other/en.md: no section for step {#challenge} of lesson.yaml',
    ]);
  });

  it('reports sections in the wrong order and extra sections', async () => {
    const swapped = MD.replace('## Create a pod {#create-pod}', '## X {#x}');
    await expect(loadLesson(memorySource({ ...files, '03-first-pod/en.md': swapped }), '03-first-pod')).rejects.toThrow(
      '03-first-pod/en.md: no section for step {#create-pod} of lesson.yaml',
    );
    const extra = MD + '\n## More {#more}\nx\n';
    await expect(loadLesson(memorySource({ ...files, '03-first-pod/en.md': extra }), '03-first-pod')).rejects.toThrow(
      "03-first-pod/en.md: section {#more} not in lesson.yaml's steps",
    );
  });
});
