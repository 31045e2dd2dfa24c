/**
 * The page's `ClusterControl` for lessons (the browser twin of lessons-engine/sim-control.ts).
 * `reset` replaces the learner's cluster: the lesson's nodes are remembered for the database, every
 * worker stops, the IndexedDB database is deleted and the page reloads; the reloaded page starts the
 * lesson's nodes and the same lesson start goes on (`resume`), waiting until the nodes are Ready and
 * pausing the clock when the setup asks. `run` plays one script command as `kubelab script` does —
 * `kubectl …` (KubeLab's kubectl on the supervisor's connection and clock), `sleep D` on the cluster
 * clock at the current speed (a paused clock is moved forward instead), `kubelab node|component
 * stop|start NAME`, `kubelab clock pause|play`, `echo` — and shows it in the terminal.
 */
import type { ApiTransport } from '../../api/rest';
import { parseDuration } from '../../cli/script-parser';
import { runKubectl } from '../../kubectl/kubectl';
import { nodeConfigs, type ClusterControl, type RunOptions } from '../../lessons-engine/runner';
import type { LessonSetup } from '../../lessons-engine/types';
import type { Clock } from '../../runtime/clock';
import type { ComponentStatus } from '../../runtime/supervisor';

/** Components a lesson may stop and start (nodes are named after their node). */
export const STOPPABLE = ['kube-scheduler', 'kube-controller-manager', 'etcd'] as const;

/** What the control needs from the page. */
export interface BrowserControlDeps {
  /** An apiserver connection for kubectl (`supervisor.connect('kubectl')`). */
  api: ApiTransport;
  /** The cluster clock (`supervisor.clock`). */
  clock: Clock & { readonly rate: number };
  /** Resolves when every component is ready. */
  ready: Promise<void>;
  /** Worker status, and stopping / starting a worker by name. */
  status(): ComponentStatus[];
  stopComponent(name: string): void;
  startComponent(name: string): void;
  /** The time controls: pause / play the whole cluster, move a paused clock forward. */
  time: { readonly paused: boolean; pause(): void; play(): void; advance(ms: number): void };
  /** Replaces the cluster with the setup's (reloads the page; never resolves in the browser). */
  replace(setup: LessonSetup): Promise<void>;
  /** The setup (as JSON) whose start this page load continues. */
  resume?: string;
  /** Called once a lesson's cluster is up (e.g. to forget the trace seen before). */
  onFresh?(): void;
  /** Shows a command and its output in the terminal. */
  echo?(commandLine: string, output: string): void;
  /** Waits `ms` of wall time (polling for nodes); defaults to setTimeout. */
  wait?(ms: number): Promise<void>;
  /** How long to wait for the setup's nodes to be Ready (wall ms; default 60 s). */
  nodesTimeoutMs?: number;
}

const USAGE =
  'kubelab: unknown command "{args}" (in lessons: kubelab node stop|start NODE, kubelab component stop|start COMPONENT, kubelab clock pause|play)\n';

/** `ClusterControl` over the page's supervisor. */
export class BrowserClusterControl implements ClusterControl {
  private resume: string | undefined;

  constructor(private readonly deps: BrowserControlDeps) {
    this.resume = deps.resume;
  }

  /** True while this page load still has a lesson start to continue. */
  get resuming(): boolean {
    return this.resume !== undefined;
  }

  /** Replaces the cluster (through a reload), or finishes the replacement this page load is part of. */
  async reset(setup: LessonSetup): Promise<void> {
    const key = JSON.stringify(setup);
    if (this.resume !== key) {
      this.resume = undefined;
      await this.deps.replace(setup);
      return;
    }
    this.resume = undefined;
    await this.deps.ready;
    await this.nodesReady(nodeConfigs(setup).map((n) => n.name));
    if (setup.paused && !this.deps.time.paused) this.deps.time.pause();
    if (!setup.paused && this.deps.time.paused) this.deps.time.play();
    this.deps.onFresh?.();
  }

  /** Runs one script command, shows it in the terminal, and resolves with what it printed. */
  async run(commandLine: string, opts: RunOptions): Promise<string> {
    const out = await this.exec(opts);
    this.deps.echo?.(commandLine, out);
    return out;
  }

  private async exec(opts: RunOptions): Promise<string> {
    const [name, ...args] = opts.argv;
    switch (name) {
      case 'kubectl': {
        let text = '';
        const io = {
          stdout: (s: string) => (text += s),
          stderr: (s: string) => (text += s),
          stdin: opts.stdin,
          files: opts.files,
        };
        try {
          await runKubectl(args, io, { api: this.deps.api, clock: this.deps.clock });
        } catch (e) {
          text += `error: ${(e as Error).message}\n`;
        }
        return text;
      }
      case 'sleep': {
        if (args.length !== 1) return 'sleep: usage: sleep DURATION\n';
        let ms: number;
        try {
          ms = parseDuration(args[0]);
        } catch (e) {
          return `sleep: ${(e as Error).message}\n`;
        }
        // A paused cluster would sleep forever: move its clock forward instead (as "+1 s" does).
        if (this.deps.time.paused) this.deps.time.advance(ms);
        else await this.deps.clock.sleep(ms);
        return '';
      }
      case 'kubelab':
        return this.kubelab(args);
      case 'echo':
        return `${args.join(' ')}\n`;
      default:
        return `kubelab: ${name}: command not found\n`;
    }
  }

  private kubelab(args: string[]): string {
    const [what, verb, target] = args;
    if (what === 'clock' && (verb === 'pause' || verb === 'play') && args.length === 2) {
      if (verb === 'pause') this.deps.time.pause();
      else this.deps.time.play();
      return '';
    }
    if ((what === 'node' || what === 'component') && (verb === 'stop' || verb === 'start') && args.length === 3) {
      const comp = this.deps.status().find((c) => c.name === target);
      if (what === 'node' && comp?.kind !== 'node') return `kubelab: node "${target}" not found\n`;
      if (what === 'component' && !(STOPPABLE as readonly string[]).includes(target))
        return `kubelab: component "${target}" cannot be stopped here (${STOPPABLE.join(', ')})\n`;
      if (!comp) return `kubelab: component "${target}" not found\n`;
      if (verb === 'stop') {
        if (comp.state === 'stopped') return `kubelab: ${target} is not running\n`;
        this.deps.stopComponent(target);
      } else {
        if (comp.state !== 'stopped') return `kubelab: ${target} is already running\n`;
        this.deps.startComponent(target);
      }
      return '';
    }
    return USAGE.replace('{args}', args.join(' '));
  }

  /** Waits until every named node exists and is Ready. */
  private async nodesReady(names: string[]): Promise<void> {
    const wait = this.deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = (this.deps.nodesTimeoutMs ?? 60_000) / 250;
    for (let i = 0; ; i++) {
      const res = await this.deps.api.request<{ items?: NodeLike[] }>({
        method: 'GET',
        path: '/api/v1/nodes',
        from: 'lessons',
      });
      const items = res.status === 200 ? ((res.body as { items?: NodeLike[] }).items ?? []) : [];
      const ready = new Set(
        items
          .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .map((n) => n.metadata?.name),
      );
      const missing = names.filter((n) => !ready.has(n));
      if (missing.length === 0) return;
      if (i >= deadline) throw new Error(`nodes not Ready: ${missing.join(', ')}`);
      await wait(250);
    }
  }
}

interface NodeLike {
  metadata?: { name?: string };
  status?: { conditions?: Array<{ type: string; status: string }> };
}
