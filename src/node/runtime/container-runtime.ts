/**
 * A CRI-like container runtime for one simulated node (mirrors containerd behind the kubelet's CRI
 * calls: PullImage, CreateContainer, StartContainer, StopContainer, ContainerStatus, logs, ExecSync).
 * It keeps the node's image store, runs each container's program (behaviour.ts) on the cluster clock,
 * enforces memory limits (OOMKilled, exit 137), delivers SIGTERM / SIGKILL, answers probes and keeps a
 * ring buffer of timestamped log lines per container. Every action is a trace record
 * `kubelet/<node>` → `containerd/<node>`. Leaves out sandboxes as separate objects, cgroups, volumes,
 * networking (pod IPs are allocated by the kubelet) and image garbage collection.
 */
import type { Clock, TimerId } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { containerArgv, defaultsFor, isExecutable, makeHost, memoryUse, type ProcState } from './behaviour';
import type { ImageDefaults } from './images';
import { stableHex } from './images';
import { CACHED_PULL_MS, pullDurationMs, type ResolvedImage } from './registry';
import { ExitSignal, type Proc, type ShellState } from './shell';

/** An image in the node's store. */
export interface StoredImage {
  repository: string;
  tag: string;
  digest: string;
  sizeBytes: number;
}

/** One log line. */
export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** What a container was created from. */
export interface ContainerConfig {
  podUid: string;
  podName: string;
  namespace: string;
  name: string;
  image: StoredImage;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  /** resources.limits.memory in bytes (undefined: unlimited). */
  memoryLimitBytes?: number;
  podIP: string;
  /** The caller's cause id for the trace. */
  causeId?: string;
}

/** Runtime state of a container (CRI ContainerStatus). */
export interface Container {
  id: string;
  config: ContainerConfig;
  state: 'created' | 'running' | 'exited';
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  message?: string;
  logs: LogLine[];
  /** Exposed for probes and exec. */
  proc: ProcState;
  fs: Map<string, string>;
}

/** Lines kept per container. */
export const LOG_RING_LINES = 10_000;
/** A process that exits on SIGTERM takes this long to do so. */
export const SIGTERM_EXIT_MS = 100;
/** Memory is checked against the limit this long after start (stress allocates at once). */
export const OOM_CHECK_MS = 1_000;

interface Running {
  c: Container;
  gen?: Proc;
  sh: ShellState;
  timer?: TimerId;
  killTimer?: TimerId;
  onExit?: (c: Container) => void;
  partial: { stdout: string; stderr: string };
}

/** The node's container runtime. */
export class ContainerRuntime {
  private readonly images = new Map<string, StoredImage>();
  private readonly containers = new Map<string, Running>();

  constructor(
    private readonly o: {
      node: string;
      clock: Clock;
      rng: Rng;
      tracer: Tracer;
      /** Node CPUs (nginx starts one worker per CPU). */
      cpus?: number;
    },
  ) {}

  private trace(verb: string, name: string, causeId?: string, detail?: Record<string, unknown>): void {
    this.o.tracer.emit({
      kind: 'runtime',
      from: `kubelet/${this.o.node}`,
      to: `containerd/${this.o.node}`,
      verb,
      name,
      causeId,
      detail,
    });
  }

  // ------------------------------------------------------------------ images

  /** The stored image for `repository:tag`, if present. */
  image(repository: string, tag: string): StoredImage | undefined {
    return this.images.get(`${repository}:${tag}`);
  }

  /** How long pulling `img` takes now (fresh: size / bandwidth ± 3%; already stored: a manifest check). */
  pullTime(img: ResolvedImage, causeId?: string): number {
    this.trace('pull', img.ref.full, causeId, { sizeBytes: img.sizeBytes });
    const cached = this.image(img.repository, img.tag);
    const base = cached ? CACHED_PULL_MS : pullDurationMs(img.sizeBytes);
    return Math.round(base * (0.97 + 0.06 * this.o.rng.next()));
  }

  /** Adds a pulled image to the store. */
  storeImage(img: ResolvedImage): StoredImage {
    const s: StoredImage = {
      repository: img.repository,
      tag: img.tag,
      digest: img.digest,
      sizeBytes: img.sizeBytes,
    };
    this.images.set(`${img.repository}:${img.tag}`, s);
    return s;
  }

  /** The node's images as `status.images` reports them (largest first, at most 50). */
  nodeImages(): Array<{ names: string[]; sizeBytes: number }> {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes || a.repository.localeCompare(b.repository))
      .slice(0, 50)
      .map((i) => ({
        names: [`${i.repository}@${i.digest}`, `${i.repository}:${i.tag}`],
        sizeBytes: i.sizeBytes,
      }));
  }

  // ------------------------------------------------------------------ containers

  /** CreateContainer: a new container id (64 hex) in state `created`. */
  createContainer(config: ContainerConfig): Container {
    const id = stableHex(`${this.o.node}/${config.podUid}/${config.name}/${this.o.rng.next()}`, 64);
    const defaults = defaultsFor(config.image.repository);
    const c: Container = {
      id,
      config,
      state: 'created',
      logs: [],
      proc: { memoryBytes: 0 },
      fs: new Map(),
    };
    const run: Running = { c, sh: this.shellFor(c, defaults), partial: { stdout: '', stderr: '' } };
    run.sh.out = (t) => this.write(run, 'stdout', t);
    run.sh.err = (t) => this.write(run, 'stderr', t);
    this.containers.set(id, run);
    this.trace('create', `${config.namespace}/${config.podName}/${config.name}`, config.causeId, {
      containerID: id,
    });
    return c;
  }

  private shellFor(c: Container, defaults: ImageDefaults): ShellState {
    const cfg = c.config;
    const env: Record<string, string> = {
      ...defaults.env,
      HOSTNAME: cfg.podName,
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      ...cfg.env,
      HOME: '/root',
    };
    const sh: ShellState = {
      env,
      fs: c.fs,
      out: () => {},
      err: () => {},
      stdin: '',
      status: 0,
      traps: {},
      now: () => this.o.clock.now(),
      host: undefined as unknown as ShellState['host'], // set just below
      name: 'sh',
    };
    sh.host = makeHost({
      state: c.proc,
      defaults,
      tag: cfg.image.tag,
      repository: cfg.image.repository,
      podIP: cfg.podIP,
      cpus: this.o.cpus ?? 2,
    });
    return sh;
  }

  /** StartContainer: runs the program; `onExit` is called once when it ends. Throws a StartError text. */
  startContainer(id: string, onExit: (c: Container) => void, causeId?: string): void {
    const run = this.containers.get(id);
    if (!run) throw new Error(`container "${id}" not found`);
    const c = run.c;
    const cfg = c.config;
    const defaults = defaultsFor(cfg.image.repository);
    const argv = containerArgv(defaults, cfg.command, cfg.args);
    this.trace('start', `${cfg.namespace}/${cfg.podName}/${cfg.name}`, causeId, { containerID: id });
    if (!argv.length || !isExecutable(argv[0], defaults)) {
      const what = argv[0] ?? '';
      c.state = 'exited';
      c.exitCode = 128;
      c.reason = 'StartError';
      c.startedAt = c.finishedAt = this.o.clock.now();
      c.message = argv.length
        ? `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${what}": executable file not found in $PATH: unknown`
        : 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown';
      throw new Error(c.message);
    }
    c.state = 'running';
    c.startedAt = this.o.clock.now();
    c.proc.memoryBytes = memoryUse(argv, run.sh.env, defaults);
    run.onExit = onExit;
    run.gen = run.sh.host.run(argv, run.sh);
    if (cfg.memoryLimitBytes !== undefined && c.proc.memoryBytes > cfg.memoryLimitBytes) {
      run.killTimer = this.o.clock.setTimeout(() => this.finish(run, 137, 'OOMKilled'), OOM_CHECK_MS);
    }
    this.step(run);
  }

  private step(run: Running): void {
    if (!run.gen || run.c.state !== 'running') return;
    for (let guard = 0; guard < 10_000; guard++) {
      let r: IteratorResult<{ kind: 'sleep'; ms: number } | { kind: 'block' }, number>;
      try {
        r = run.gen.next();
      } catch (e) {
        if (e instanceof ExitSignal) return this.finish(run, e.code);
        run.sh.err(`${String(e)}\n`);
        return this.finish(run, 1);
      }
      if (r.done) return this.finish(run, r.value);
      if (r.value.kind === 'block') return;
      run.timer = this.o.clock.setTimeout(() => {
        run.timer = undefined;
        this.step(run);
      }, r.value.ms);
      return;
    }
  }

  private finish(run: Running, code: number, reason?: Container['reason']): void {
    const c = run.c;
    if (c.state !== 'running') return;
    if (run.timer !== undefined) this.o.clock.clearTimeout(run.timer);
    if (run.killTimer !== undefined) this.o.clock.clearTimeout(run.killTimer);
    run.timer = run.killTimer = undefined;
    run.gen = undefined;
    for (const s of ['stdout', 'stderr'] as const) if (run.partial[s]) this.write(run, s, '\n');
    c.state = 'exited';
    c.exitCode = code;
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    c.finishedAt = this.o.clock.now();
    c.proc.server = undefined;
    run.onExit?.(c);
  }

  /**
   * StopContainer: SIGTERM, then SIGKILL after `graceMs`. Servers exit promptly (0); a shell or
   * `sleep` as PID 1 ignores SIGTERM and is killed (137) when the grace period ends.
   */
  stopContainer(id: string, graceMs: number, causeId?: string): void {
    const run = this.containers.get(id);
    if (!run || run.c.state !== 'running') return;
    const c = run.c;
    this.trace('kill', `${c.config.namespace}/${c.config.podName}/${c.config.name}`, causeId, {
      containerID: id,
      graceMs,
    });
    if (run.killTimer !== undefined) this.o.clock.clearTimeout(run.killTimer);
    if (graceMs <= 0) return this.finish(run, 137);
    run.killTimer = this.o.clock.setTimeout(() => this.finish(run, 137), graceMs);
    let code: number | undefined;
    if (run.sh.traps.term !== undefined) {
      const trap = run.sh.traps.term;
      code = 143;
      const gen = run.sh.host.run(['sh', '-c', trap], run.sh);
      try {
        let r = gen.next();
        while (!r.done) r = gen.next();
        code = r.value;
      } catch (e) {
        if (e instanceof ExitSignal) code = e.code;
      }
    } else if (c.proc.onTerm) code = c.proc.onTerm();
    if (code === undefined) return;
    const exit = code;
    if (run.timer !== undefined) this.o.clock.clearTimeout(run.timer);
    run.gen = undefined;
    this.o.clock.clearTimeout(run.killTimer);
    run.killTimer = this.o.clock.setTimeout(() => this.finish(run, exit), Math.min(SIGTERM_EXIT_MS, graceMs));
  }

  /** ContainerStatus. */
  container(id: string): Container | undefined {
    return this.containers.get(id)?.c;
  }

  /** RemoveContainer (the logs go with it). */
  removeContainer(id: string): void {
    const run = this.containers.get(id);
    if (run?.c.state === 'running') this.finish(run, 137);
    this.containers.delete(id);
  }

  /** ExecSync: runs argv in the container at once (sleeps are skipped); exit code and output. */
  exec(id: string, argv: string[]): { code: number; output: string } {
    const run = this.containers.get(id);
    if (!run || run.c.state !== 'running') return { code: 1, output: 'container not running' };
    let output = '';
    const sh: ShellState = {
      ...run.sh,
      env: { ...run.sh.env },
      out: (t) => (output += t),
      err: (t) => (output += t),
      stdin: '',
      name: 'sh',
    };
    let code = 0;
    try {
      const gen = sh.host.run(argv, sh);
      let r = gen.next();
      for (let i = 0; !r.done && i < 10_000; i++) {
        if (r.value.kind === 'block') {
          code = -1;
          break;
        }
        r = gen.next();
      }
      if (r.done) code = r.value;
    } catch (e) {
      code = e instanceof ExitSignal ? e.code : 1;
    }
    if (code === -1) return { code: 1, output: 'command timed out' };
    return { code, output };
  }

  private write(run: Running, stream: 'stdout' | 'stderr', text: string): void {
    const buf = run.partial[stream] + text;
    const lines = buf.split('\n');
    run.partial[stream] = lines.pop() ?? '';
    const now = this.o.clock.now();
    for (const l of lines) run.c.logs.push({ time: now, stream, text: l });
    if (run.c.logs.length > LOG_RING_LINES) run.c.logs.splice(0, run.c.logs.length - LOG_RING_LINES);
  }

  /** Ids of all containers (for the node's bookkeeping). */
  containerIds(): string[] {
    return [...this.containers.keys()];
  }
}
