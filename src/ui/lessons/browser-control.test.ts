import { describe, it, expect } from 'vitest';
import { BrowserClusterControl, type BrowserControlDeps } from './browser-control';
import type { ApiRequest, ApiResponse, ApiTransport } from '../../api/rest';
import type { ComponentStatus } from '../../runtime/supervisor';
import type { LessonSetup } from '../../lessons-engine/types';
import { memorySource, lessonFiles } from '../../lessons-engine/source';
import { VirtualClock } from '../../runtime/clock';
import { SimCluster } from '../../runtime/sim-cluster';

const files = lessonFiles(memorySource({ 'l/lesson.yaml': 'id: x' }), 'l');
const setup: LessonSetup = { nodes: 1, paused: true, commands: [] };

const node = (name: string, ready: boolean) => ({
  metadata: { name },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

/** A fake page: records what the control did. */
function page(over: Partial<BrowserControlDeps> = {}, nodeLists: unknown[][] = [[]]) {
  const log: string[] = [];
  let lists = 0;
  const api: ApiTransport = {
    async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
      log.push(`${req.method} ${req.path}`);
      const items = nodeLists[Math.min(lists++, nodeLists.length - 1)];
      return { status: 200, body: { items } as T } as ApiResponse<T>;
    },
    watch: () => () => {},
  };
  const clock = new VirtualClock(0);
  let paused = false;
  const status: ComponentStatus[] = [
    { name: 'kube-scheduler', kind: 'kube-scheduler', state: 'running', restarts: 0 },
    { name: 'etcd', kind: 'etcd', state: 'running', restarts: 0 },
    { name: 'node-1', kind: 'node', state: 'running', restarts: 0 },
    { name: 'node-2', kind: 'node', state: 'stopped', restarts: 0 },
  ];
  const deps: BrowserControlDeps = {
    api,
    clock: Object.assign(clock, { rate: 1 }),
    ready: Promise.resolve(),
    status: () => status,
    stopComponent: (n) => log.push(`stop ${n}`),
    startComponent: (n) => log.push(`start ${n}`),
    time: {
      get paused() {
        return paused;
      },
      pause: () => ((paused = true), log.push('pause')),
      play: () => ((paused = false), log.push('play')),
      advance: (ms) => log.push(`advance ${ms}`),
    },
    replace: async (s) => void log.push(`replace ${JSON.stringify(s.nodes)}`),
    onFresh: () => log.push('fresh'),
    echo: (l, o) => log.push(`echo ${l} → ${JSON.stringify(o)}`),
    wait: async () => {},
    ...over,
  };
  return { deps, log, clock, setPaused: (p: boolean) => (paused = p) };
}

describe('BrowserClusterControl.reset', () => {
  it('replaces the cluster when this page load is not the lesson start', async () => {
    const p = page();
    await new BrowserClusterControl(p.deps).reset(setup);
    expect(p.log).toEqual(['replace 1']);
  });

  it('after the reload, waits for the setup nodes to be Ready, then pauses as asked', async () => {
    const p = page({ resume: JSON.stringify(setup) }, [
      [],
      [node('control-plane', true), node('node-1', false)],
      [node('control-plane', true), node('node-1', true)],
    ]);
    const c = new BrowserClusterControl(p.deps);
    expect(c.resuming).toBe(true);
    await c.reset(setup);
    expect(p.log).toEqual(['GET /api/v1/nodes', 'GET /api/v1/nodes', 'GET /api/v1/nodes', 'pause', 'fresh']);
    expect(c.resuming).toBe(false);
    // A second start (Restart) replaces the cluster again.
    await c.reset(setup);
    expect(p.log.at(-1)).toBe('replace 1');
  });

  it('a different setup than the one the reload was for replaces the cluster', async () => {
    const p = page({ resume: JSON.stringify({ ...setup, nodes: 3 }) });
    await new BrowserClusterControl(p.deps).reset(setup);
    expect(p.log).toEqual(['replace 1']);
  });

  it('gives up when the nodes do not become Ready', async () => {
    const p = page({ resume: JSON.stringify(setup), nodesTimeoutMs: 1000 }, [[node('control-plane', true)]]);
    await expect(new BrowserClusterControl(p.deps).reset(setup)).rejects.toThrow('nodes not Ready: node-1');
  });
});

describe('BrowserClusterControl.run', () => {
  it.each<[string[], string, string[]]>([
    [['kubelab', 'node', 'stop', 'node-1'], '', ['stop node-1']],
    [['kubelab', 'node', 'start', 'node-2'], '', ['start node-2']],
    [['kubelab', 'node', 'start', 'node-1'], 'kubelab: node-1 is already running\n', []],
    [['kubelab', 'node', 'stop', 'node-2'], 'kubelab: node-2 is not running\n', []],
    [['kubelab', 'node', 'stop', 'node-9'], 'kubelab: node "node-9" not found\n', []],
    [['kubelab', 'node', 'stop', 'etcd'], 'kubelab: node "etcd" not found\n', []],
    [['kubelab', 'component', 'stop', 'kube-scheduler'], '', ['stop kube-scheduler']],
    [['kubelab', 'component', 'stop', 'etcd'], '', ['stop etcd']],
    [
      ['kubelab', 'component', 'stop', 'kube-apiserver'],
      'kubelab: component "kube-apiserver" cannot be stopped here (kube-scheduler, kube-controller-manager, etcd)\n',
      [],
    ],
    [
      ['kubelab', 'component', 'stop', 'kube-controller-manager'],
      'kubelab: component "kube-controller-manager" not found\n',
      [],
    ],
    [['kubelab', 'clock', 'pause'], '', ['pause']],
    [['kubelab', 'clock', 'play'], '', ['play']],
    [
      ['kubelab', 'dance'],
      'kubelab: unknown command "dance" (in lessons: kubelab node stop|start NODE, kubelab component stop|start COMPONENT, kubelab clock pause|play)\n',
      [],
    ],
    [['echo', 'hello', 'world'], 'hello world\n', []],
    [['ls'], 'kubelab: ls: command not found\n', []],
    [['sleep'], 'sleep: usage: sleep DURATION\n', []],
  ])('%j', async (argv, out, actions) => {
    const p = page();
    const line = argv.join(' ');
    expect(await new BrowserClusterControl(p.deps).run(line, { argv, files })).toBe(out);
    expect(p.log).toEqual([...actions, `echo ${line} → ${JSON.stringify(out)}`]);
  });

  it('sleep waits on the cluster clock while it runs', async () => {
    const p = page();
    let done = false;
    const r = new BrowserClusterControl(p.deps).run('sleep 30s', { argv: ['sleep', '30s'], files }).then(() => {
      done = true;
    });
    await Promise.resolve();
    p.clock.jumpTo(29_999);
    p.clock.fireDue();
    await Promise.resolve();
    expect(done).toBe(false);
    p.clock.jumpTo(30_000);
    p.clock.fireDue();
    await r;
    expect(done).toBe(true);
  });

  it('sleep moves a paused clock forward instead of waiting for ever', async () => {
    const p = page();
    p.setPaused(true);
    await new BrowserClusterControl(p.deps).run('sleep 1m30s', { argv: ['sleep', '1m30s'], files });
    expect(p.log[0]).toBe('advance 90000');
  });

  it('runs kubectl against the cluster with the lesson files', async () => {
    const sim = await SimCluster.start({ seed: 1, workers: 1, addons: false });
    try {
      const p = page({ api: sim.connect('kubectl'), clock: Object.assign(sim.clock, { rate: 1 }) as never });
      const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
      const lessonFs = lessonFiles(memorySource({ 'l/manifests/web.yaml': pod }), 'l');
      const c = new BrowserClusterControl(p.deps);
      const out = await sim.drive(
        c.run('kubectl apply -f manifests/web.yaml', {
          argv: ['kubectl', 'apply', '-f', 'manifests/web.yaml'],
          files: lessonFs,
        }),
      );
      expect(out).toBe('pod/web created\n');
      expect(p.log).toEqual(['echo kubectl apply -f manifests/web.yaml → "pod/web created\\n"']);
      const missing = await sim.drive(
        c.run('kubectl get pod nope', { argv: ['kubectl', 'get', 'pod', 'nope'], files: lessonFs }),
      );
      expect(missing).toBe('Error from server (NotFound): pods "nope" not found\n');
    } finally {
      await sim.stop();
    }
  });
});
