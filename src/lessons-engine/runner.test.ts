import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../api/types';
import type { ClusterReader } from './checks';
import { memoryProgress, storageProgress } from './progress';
import { LessonSession, nodeConfigs, scriptCommands, type ChangeFeed, type ClusterControl, type SessionSnapshot } from './runner';
import { lessonFiles, memorySource } from './source';
import type { Lesson } from './types';

const lesson: Lesson = {
  dir: '01-x',
  meta: {
    id: 'x',
    order: 1,
    minutes: 5,
    setup: { nodes: 1, paused: false, commands: ['kubectl apply -f manifests/a.yaml'] },
    steps: [
      { id: 'one', check: { type: 'exists', ref: { kind: 'Pod', name: 'a' } }, solution: ['kubectl run a --image=nginx'], initiallyPasses: false },
      { id: 'two', check: { type: 'exists', ref: { kind: 'Pod', name: 'b' } }, solution: ['kubectl run b --image=nginx', 'sleep 5s'], initiallyPasses: false },
      { id: 'three', check: { type: 'ui', ui: { clockPaused: true } }, solution: [], initiallyPasses: false },
    ],
  },
  texts: {
    en: { lang: 'en', title: 'X', goal: 'G', intro: '', steps: [{ id: 'one', title: 'One', html: '', hints: ['h1', 'h2'] }, { id: 'two', title: 'Two', html: '', hints: [] }, { id: 'three', title: 'Three', html: '', hints: [] }] },
    'zh-CN': { lang: 'zh-CN', title: 'X', goal: 'G', intro: '', steps: [{ id: 'one', title: '一', html: '', hints: ['h1', 'h2', 'h3'] }, { id: 'two', title: '二', html: '', hints: [] }, { id: 'three', title: '三', html: '', hints: [] }] },
  },
};

/** A fake cluster: `kubectl run NAME` creates pod NAME; a change feed fires on every command. */
function harness() {
  const pods = new Set<string>();
  const listeners = new Set<() => void>();
  const calls: string[] = [];
  const control: ClusterControl = {
    async reset(setup) {
      calls.push(`reset ${JSON.stringify(setup.nodes)}`);
      pods.clear();
    },
    async run(line, opts) {
      calls.push(line);
      if (opts.argv[0] === 'kubectl' && opts.argv[1] === 'run') pods.add(opts.argv[2]);
      for (const l of listeners) l();
      return `ran ${opts.argv.length}\n`;
    },
  };
  const reader: ClusterReader = {
    list: async () => [],
    get: async (_k, _ns, name) => (pods.has(name) ? ({ metadata: { name } } as KubeObject) : undefined),
  };
  const changes: ChangeFeed = {
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  const ui = { clockPaused: false, traceSeen: () => false };
  const store = memoryProgress();
  const snaps: SessionSnapshot[] = [];
  const files = lessonFiles(memorySource({ '01-x/manifests/a.yaml': 'x' }), '01-x');
  const make = () =>
    new LessonSession(lesson, { reader, control, store, files, changes, ui: () => ui, onChange: (s) => snaps.push(s) });
  return { pods, calls, store, snaps, ui, make, listeners };
}

const statuses = (s: SessionSnapshot) => s.steps.map((x) => x.status).join(',');
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LessonSession', () => {
  it('starts from the setup, passes steps in order and saves progress', async () => {
    const h = harness();
    const s = h.make();
    expect(statuses(await s.open())).toBe('pending,pending,pending');
    await s.start();
    expect(h.calls).toEqual(['reset 1', 'kubectl apply -f manifests/a.yaml']);
    let snap = s.snapshot();
    expect([statuses(snap), snap.current, snap.output]).toEqual(['current,pending,pending', 'one', '$ kubectl apply -f manifests/a.yaml\nran 4\n']);
    expect(snap.steps[0].detail).toBe('pod/a not found');

    // The learner does step two first: steps go in order, so it is not passed yet.
    h.pods.add('b');
    await s.evaluate();
    expect(statuses(s.snapshot())).toBe('current,pending,pending');
    // Doing step one through the cluster: the change feed re-evaluates, and step two follows at once.
    h.pods.add('a');
    for (const l of h.listeners) l();
    await flush();
    snap = s.snapshot();
    expect([statuses(snap), snap.current, snap.done]).toEqual(['passed,passed,current', 'three', false]);
    // A passed step stays passed when its check no longer holds.
    h.pods.delete('a');
    await s.evaluate();
    expect(statuses(s.snapshot())).toBe('passed,passed,current');
    h.ui.clockPaused = true;
    await s.evaluate();
    snap = s.snapshot();
    expect([statuses(snap), snap.current, snap.done]).toEqual(['passed,passed,passed', undefined, true]);
    expect(h.store.data.get('x')).toEqual({ started: true, passed: ['one', 'two', 'three'], hints: {} });
  });

  it('show me runs the current step\'s solution', async () => {
    const h = harness();
    const s = h.make();
    await s.start();
    expect(await s.showMe()).toBe('$ kubectl run a --image=nginx\nran 4\n');
    expect(statuses(s.snapshot())).toBe('passed,current,pending');
    expect(await s.showMe()).toBe('$ kubectl run b --image=nginx\nran 4\n$ sleep 5s\nran 2\n');
    expect(statuses(s.snapshot())).toBe('passed,passed,current');
  });

  it('reveals hints one by one up to the most any language has', async () => {
    const h = harness();
    const s = h.make();
    await s.start();
    expect([s.revealHint(), s.revealHint(), s.revealHint(), s.revealHint()]).toEqual([1, 2, 3, 3]);
    expect(s.snapshot().steps[0]).toMatchObject({ hintsShown: 3, hintCount: 3 });
    expect(h.store.data.get('x')?.hints).toEqual({ one: 3 });
  });

  it('resumes saved progress without touching the cluster, and restart clears it', async () => {
    const h = harness();
    h.store.save('x', { started: true, passed: ['one', 'gone'], hints: { two: 1 } });
    const s = h.make();
    const snap = await s.open();
    expect(h.calls).toEqual([]);
    expect([statuses(snap), snap.steps[1].hintsShown]).toEqual(['passed,current,pending', 1]);
    await s.restart();
    expect(h.calls).toEqual(['reset 1', 'kubectl apply -f manifests/a.yaml']);
    expect(statuses(s.snapshot())).toBe('current,pending,pending');
    expect(h.store.data.get('x')).toEqual({ started: true, passed: [], hints: {} });
  });

  it('reports a failing setup and stays unstarted', async () => {
    const h = harness();
    const s = new LessonSession(lesson, {
      reader: { list: async () => [], get: async () => undefined },
      control: { reset: async () => Promise.reject(new Error('no workers')), run: async () => '' },
      store: h.store,
      files: lessonFiles(memorySource({}), '01-x'),
    });
    await s.start();
    expect([s.snapshot().started, s.snapshot().error, s.snapshot().busy]).toEqual([false, 'no workers', undefined]);
  });

  it('stops following the cluster when closed', async () => {
    const h = harness();
    const s = h.make();
    await s.start();
    expect(h.listeners.size).toBe(1);
    s.close();
    expect(h.listeners.size).toBe(0);
  });
});

describe('helpers', () => {
  it('splits script lines with here-documents', () => {
    expect(scriptCommands(['kubectl get pods', 'kubectl apply -f - <<EOF\nkind: Pod\nEOF'])).toEqual([
      { source: 'kubectl get pods', argv: ['kubectl', 'get', 'pods'], stdin: undefined },
      { source: 'kubectl apply -f - <<EOF\nkind: Pod\nEOF', argv: ['kubectl', 'apply', '-f', '-'], stdin: 'kind: Pod\n' },
    ]);
  });

  it('turns setup nodes into node configs', () => {
    expect(nodeConfigs({ nodes: 1, paused: false, commands: [] }).map((n) => n.name)).toEqual(['control-plane', 'node-1']);
    expect(nodeConfigs({ nodes: [{ name: 'a', labels: { z: '1' } }, { name: 'b' }], paused: false, commands: [] })).toEqual([
      { name: 'a', labels: { z: '1' }, taints: undefined, capacity: undefined, podCIDR: '10.244.0.0/24', internalIP: '172.18.0.2' },
      { name: 'b', labels: undefined, taints: undefined, capacity: undefined, podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3' },
    ]);
  });

  it('keeps progress in a key-value storage and ignores broken entries', () => {
    const m = new Map<string, string>();
    const st = storageProgress({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) });
    st.save('x', { started: true, passed: ['a'], hints: { a: 2 } });
    expect(m.get('kubelab.lesson.x')).toBe('{"started":true,"passed":["a"],"hints":{"a":2}}');
    expect(st.load('x')).toEqual({ started: true, passed: ['a'], hints: { a: 2 } });
    m.set('kubelab.lesson.y', '{oops');
    expect(st.load('y')).toBeUndefined();
    m.set('kubelab.lesson.z', '{"passed":[1,"b"],"hints":{"b":"x"}}');
    expect(st.load('z')).toEqual({ started: false, passed: ['b'], hints: {} });
  });
});
