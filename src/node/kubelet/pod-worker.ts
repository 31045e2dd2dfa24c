/**
 * One pod's worker (upstream pkg/kubelet/pod_workers.go + kuberuntime SyncPod + status_manager's
 * generateAPIPodStatus + prober): admits the pod, creates its sandbox (pod IP), runs init containers
 * in order (sidecars keep running), then the containers, by playing the stages of stages.ts on the
 * cluster clock; runs readiness / liveness / startup probes; and on deletion stops the containers
 * with the grace period before asking for the final delete. Every change produces the pod status a
 * real kubelet would write; the owner (kubelet.ts) sends it through pods/status.
 *
 * Left out: volumes, ephemeral containers, resize, pod-level resources, lifecycle hooks, eviction.
 */
import type {
  Container as ContainerSpec,
  ContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
  Probe,
} from 'kubernetes-types/core/v1';
import type { Clock, TimerId } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import { parseBytes } from '../runtime/behaviour';
import type { Container, ContainerRuntime } from '../runtime/container-runtime';
import { STAGES, SYNC_DELAY_MS, type Stage, type StageContext, type Track } from './stages';

/** Where the worker sends what it decides. */
export interface PodSink {
  /** The pod's new status (already deduplicated by the worker). */
  status(status: PodStatus): void;
  /** An event about the pod (fieldPath `spec.containers{c}` for container events). */
  event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  /** Asks the apiserver to finish the deletion (grace period 0). */
  deletePod(): void;
}

/** What a worker needs. */
export interface PodWorkerDeps {
  clock: Clock;
  rng: Rng;
  runtime: ContainerRuntime;
  nodeIP: string;
  /** Allocates the pod's IP (from the node's podCIDR). */
  allocateIP(): string;
  releaseIP(ip: string): void;
  sink: PodSink;
  stages?: readonly Stage[];
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Sandbox creation time (RunPodSandbox + CNI ADD). */
export const SANDBOX_MS = 400;

interface ProbeState {
  kind: 'liveness' | 'readiness' | 'startup';
  probe: Probe;
  timer?: TimerId;
  successes: number;
  failures: number;
}

/** Runs one pod on one node. */
export class PodWorker {
  private pod: Pod;
  private tracks: Track[];
  private timers = new Map<Track, TimerId>();
  private probes = new Map<Track, ProbeState[]>();
  private podIP?: string;
  private sandboxReady = false;
  private startTime: number;
  private terminating = false;
  private finished = false;
  private starting = false;
  private stopped = false;
  private lastStatusJson = '';
  private transitions = new Map<string, { status: string; time: number }>();
  private readonly stages: readonly Stage[];
  private readonly ctx: StageContext;
  /** Trace id of the watch event that last made the kubelet act on this pod. */
  causeId?: string;

  constructor(
    pod: Pod,
    private readonly d: PodWorkerDeps,
  ) {
    this.pod = pod;
    this.stages = d.stages ?? STAGES;
    this.startTime = d.clock.now();
    const spec = pod.spec!;
    const mk = (c: ContainerSpec, init: boolean): Track => ({
      spec: c,
      init,
      sidecar: init && c.restartPolicy === 'Always',
      step: 'waiting',
      restartCount: 0,
      started: false,
      ready: false,
    });
    this.tracks = [
      ...(spec.initContainers ?? []).map((c) => mk(c, true)),
      ...spec.containers.map((c) => mk(c, false)),
    ];
    const meta = pod.metadata!;
    this.ctx = {
      now: () => d.clock.now(),
      rng: () => d.rng.next(),
      event: (t, type, reason, message) =>
        d.sink.event(
          type,
          reason,
          message,
          `spec.${t.init ? 'initContainers' : 'containers'}{${t.spec.name}}`,
        ),
      pullTime: (img) => d.runtime.pullTime(img, this.causeId),
      storeImage: (img) => d.runtime.storeImage(img),
      storedImage: (img) => d.runtime.image(img.repository, img.tag),
      create: (t) => this.createContainer(t),
      start: (t) => this.startContainer(t),
      restartPolicyAllows: (t) => this.shouldRestart(t),
      podRef: `${meta.name}_${meta.namespace}(${meta.uid})`,
    };
  }

  /** Admits the pod: first status now, sandbox shortly after. */
  start(): void {
    this.publish();
    this.later(
      () => {
        this.podIP = this.d.allocateIP();
        this.sandboxReady = true;
        this.sync();
      },
      SANDBOX_MS + Math.floor(this.d.rng.next() * 200),
    );
  }

  /** A newer version of the pod from the watch (deletion starts termination). */
  update(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata?.deletionTimestamp && !this.terminating)
      this.terminate(pod.metadata.deletionGracePeriodSeconds ?? 30);
  }

  /** Stops everything at once without a status (node stopped or pod removed). */
  stop(): void {
    this.stopped = true;
    for (const id of this.timers.values()) this.d.clock.clearTimeout(id);
    this.timers.clear();
    for (const t of this.tracks) this.stopProbes(t);
    for (const t of this.tracks) if (t.container) this.d.runtime.removeContainer(t.container.id);
    if (this.podIP) this.d.releaseIP(this.podIP);
    this.podIP = undefined;
  }

  /** The pod as last seen. */
  get current(): Pod {
    return this.pod;
  }

  /** Containers of the pod, current and previous, by name (for logs). */
  containers(name: string): { current?: Container; previous?: Container; waiting?: string; known: boolean } {
    const t = this.tracks.find((x) => x.spec.name === name);
    if (!t) return { known: false };
    return {
      current: t.container,
      previous: t.last,
      waiting: t.waiting?.reason ?? (t.container ? undefined : 'ContainerCreating'),
      known: true,
    };
  }

  // ------------------------------------------------------------------ stage engine

  private later(fn: () => void, ms: number, key?: Track): void {
    const id = this.d.clock.setTimeout(() => {
      if (key) this.timers.delete(key);
      if (this.stopped) return;
      fn();
    }, ms);
    if (key) this.timers.set(key, id);
  }

  /** Tracks allowed to make progress now: init containers in order, then the containers. */
  private active(): Track[] {
    const out: Track[] = [];
    for (const t of this.tracks.filter((x) => x.init)) {
      out.push(t);
      if (t.sidecar ? !t.started : !(t.step === 'done' && t.container?.exitCode === 0)) return out;
    }
    return [...out, ...this.tracks.filter((x) => !x.init)];
  }

  private sync(): void {
    if (this.stopped || this.terminating || !this.sandboxReady) {
      this.publish();
      return;
    }
    if (this.initFailed()) {
      this.publish();
      return;
    }
    for (const t of this.active()) {
      if (this.timers.has(t)) continue;
      const stage = this.stages.find((s) => s.when(t, this.ctx));
      if (!stage) continue;
      this.later(
        () => {
          stage.next(t, this.ctx);
          this.sync();
        },
        Math.max(0, stage.delay(t, this.ctx)),
        t,
      );
    }
    this.publish();
  }

  private initFailed(): boolean {
    return this.tracks.some((t) => t.init && !t.sidecar && t.step === 'done' && t.container?.exitCode !== 0);
  }

  private shouldRestart(t: Track): boolean {
    if (this.terminating) return false;
    if (t.sidecar) return true;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const code = t.container?.exitCode ?? 0;
    if (t.init) return policy !== 'Never' && code !== 0;
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return code !== 0;
    return false;
  }

  private createContainer(t: Track): void {
    if (t.container) {
      if (t.last) this.d.runtime.removeContainer(t.last.id);
      t.last = t.container;
      t.restartCount++;
    }
    const env: Record<string, string> = {};
    for (const e of t.spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    const lim = t.spec.resources?.limits?.memory;
    t.container = this.d.runtime.createContainer({
      podUid: this.pod.metadata!.uid!,
      podName: this.pod.metadata!.name!,
      namespace: this.pod.metadata!.namespace ?? 'default',
      name: t.spec.name,
      image: t.image!,
      command: t.spec.command,
      args: t.spec.args,
      env,
      memoryLimitBytes: lim !== undefined ? parseBytes(String(lim)) : undefined,
      podIP: this.podIP ?? '',
      causeId: this.causeId,
    });
    t.started = false;
    t.ready = false;
    t.killReason = undefined;
  }

  private startContainer(t: Track): 'running' | 'exited' | 'error' {
    const hasStartup = !!t.spec.startupProbe;
    t.started = !hasStartup;
    t.ready = !hasStartup && !t.spec.readinessProbe && (!t.init || t.sidecar);
    this.starting = true;
    try {
      this.d.runtime.startContainer(t.container!.id, () => this.onExit(t), this.causeId);
    } catch {
      t.started = t.ready = false;
      return 'error';
    } finally {
      this.starting = false;
    }
    t.waiting = undefined;
    if (t.container!.state === 'exited') {
      t.started = t.ready = false;
      return 'exited';
    }
    this.startProbes(t);
    return 'running';
  }

  private onExit(t: Track): void {
    this.stopProbes(t);
    t.ready = false;
    t.started = false;
    if (this.starting) return;
    if (this.terminating) {
      this.checkTerminated();
      return;
    }
    t.step = 'exited';
    if (this.timers.has(t)) {
      this.d.clock.clearTimeout(this.timers.get(t)!);
      this.timers.delete(t);
    }
    this.sync();
  }

  // ------------------------------------------------------------------ probes

  private startProbes(t: Track): void {
    const list: ProbeState[] = [];
    const add = (kind: ProbeState['kind'], probe: Probe | undefined) =>
      probe && list.push({ kind, probe, successes: 0, failures: 0 });
    add('startup', t.spec.startupProbe);
    add('readiness', t.spec.readinessProbe);
    add('liveness', t.spec.livenessProbe);
    this.probes.set(t, list);
    for (const p of list)
      this.scheduleProbe(
        t,
        p,
        (p.probe.initialDelaySeconds ?? 0) * 1000 || (p.probe.periodSeconds ?? 10) * 1000 * 0,
      );
  }

  private stopProbes(t: Track): void {
    for (const p of this.probes.get(t) ?? []) if (p.timer !== undefined) this.d.clock.clearTimeout(p.timer);
    this.probes.delete(t);
  }

  private scheduleProbe(t: Track, p: ProbeState, ms: number): void {
    p.timer = this.d.clock.setTimeout(() => {
      p.timer = undefined;
      if (this.stopped || this.terminating || t.container?.state !== 'running') return;
      // Readiness and liveness wait for the startup probe.
      if (p.kind !== 'startup' && !t.started)
        return this.scheduleProbe(t, p, (p.probe.periodSeconds ?? 10) * 1000);
      if (p.kind === 'startup' && t.started) return;
      this.runProbe(t, p);
      // A server whose answers never change (system components) keeps succeeding: once the probe
      // has reached its threshold, repeating it would change nothing but the number of timers.
      const server = t.container?.proc.server;
      const settled = !!server?.stable && p.failures === 0 && p.successes >= (p.probe.successThreshold ?? 1);
      if (t.container?.state === 'running' && !t.killReason && !settled)
        this.scheduleProbe(t, p, (p.probe.periodSeconds ?? 10) * 1000);
    }, ms);
  }

  private runProbe(t: Track, p: ProbeState): void {
    const res = this.probeOnce(t, p.probe);
    const label = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' }[p.kind];
    if (res.ok) {
      p.failures = 0;
      p.successes++;
      if (p.successes >= (p.probe.successThreshold ?? 1)) {
        if (p.kind === 'startup' && !t.started) {
          t.started = true;
          if (!t.spec.readinessProbe) t.ready = !t.init || t.sidecar;
        }
        if (p.kind === 'readiness' && !t.ready) t.ready = true;
      }
      this.publish();
      return;
    }
    p.successes = 0;
    p.failures++;
    this.ctx.event(t, 'Warning', 'Unhealthy', `${label} probe failed: ${res.message}`);
    if (p.failures < (p.probe.failureThreshold ?? 3)) return;
    if (p.kind === 'readiness') {
      if (t.ready) {
        t.ready = false;
        this.publish();
      }
      return;
    }
    // liveness / startup: kill and let the restart policy decide
    t.killReason = p.kind;
    this.ctx.event(
      t,
      'Normal',
      'Killing',
      `Container ${t.spec.name} failed ${p.kind} probe, will be restarted`,
    );
    const grace = p.probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.d.runtime.stopContainer(t.container!.id, grace * 1000, this.causeId);
  }

  private probeOnce(t: Track, probe: Probe): { ok: boolean; message: string } {
    const c = t.container!;
    const ip = this.podIP ?? '';
    const server = c.proc.server;
    const portOf = (port: number | string | undefined) =>
      typeof port === 'number'
        ? port
        : Number((t.spec.ports ?? []).find((x) => x.name === port)?.containerPort ?? port ?? 0);
    const listens = (port: number) => !!server && (server.ports.length === 0 || server.ports.includes(port));
    if (probe.exec) {
      const r = this.d.runtime.exec(c.id, probe.exec.command ?? []);
      return { ok: r.code === 0, message: r.output.replace(/\n$/, '') };
    }
    if (probe.httpGet) {
      const port = portOf(probe.httpGet.port);
      const path = probe.httpGet.path ?? '/';
      const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${probe.httpGet.host ?? ip}:${port}${path}`;
      if (!listens(port))
        return { ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
      const code = server!.http(path, this.d.clock.now() - (c.startedAt ?? 0));
      server!.access?.(path, code, this.probeSource(), 'kube-probe/1.34');
      if (code >= 200 && code < 400) return { ok: true, message: '' };
      return { ok: false, message: `HTTP probe failed with statuscode: ${code}` };
    }
    if (probe.tcpSocket) {
      const port = portOf(probe.tcpSocket.port);
      if (!listens(port))
        return { ok: false, message: `dial tcp ${ip}:${port}: connect: connection refused` };
      return { ok: true, message: '' };
    }
    if (probe.grpc) {
      const port = probe.grpc.port;
      if (!listens(port))
        return { ok: false, message: `timeout: failed to connect service "${ip}:${port}" within 1s` };
      return { ok: true, message: '' };
    }
    return { ok: true, message: '' };
  }

  private probeSource(): string {
    return (this.podIP ?? '10.244.0.2').replace(/\.\d+$/, '.1');
  }

  // ------------------------------------------------------------------ termination

  private terminate(graceSeconds: number): void {
    this.terminating = true;
    for (const id of this.timers.values()) this.d.clock.clearTimeout(id);
    this.timers.clear();
    for (const t of this.tracks) this.stopProbes(t);
    // Containers first, then sidecars (in reverse order), as the kubelet does: kept simple, all at once.
    for (const t of this.tracks) {
      if (t.container?.state === 'running') {
        this.ctx.event(t, 'Normal', 'Killing', `Stopping container ${t.spec.name}`);
        this.d.runtime.stopContainer(t.container.id, graceSeconds * 1000, this.causeId);
      }
    }
    this.checkTerminated();
  }

  private checkTerminated(): void {
    if (this.finished || this.tracks.some((t) => t.container?.state === 'running')) {
      this.publish();
      return;
    }
    this.finished = true;
    this.publish();
    this.later(() => {
      if (this.podIP) this.d.releaseIP(this.podIP);
      this.podIP = undefined;
      this.d.sink.deletePod();
    }, SYNC_DELAY_MS);
  }

  // ------------------------------------------------------------------ status

  private condition(type: string, status: boolean, reason?: string, message?: string): PodCondition {
    const s = status ? 'True' : 'False';
    const prev = this.transitions.get(type);
    const now = this.d.clock.now();
    if (!prev || prev.status !== s) this.transitions.set(type, { status: s, time: now });
    const c: PodCondition = {
      type,
      status: s,
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: rfc3339(this.transitions.get(type)!.time),
    };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  }

  private containerStatus(t: Track, blockedByInit: boolean): ContainerStatus {
    const c = t.container;
    const st: ContainerStatus = {
      name: t.spec.name,
      image: c ? `${c.config.image.repository}:${c.config.image.tag}` : (t.spec.image ?? ''),
      imageID: c ? `${c.config.image.repository}@${c.config.image.digest}` : '',
      ready: t.ready,
      restartCount: t.restartCount,
      started: t.started,
      state: {},
      lastState: {},
    };
    if (c) (st as { containerID?: string }).containerID = `containerd://${c.id}`;
    const term = (x: Container) => ({
      terminated: {
        containerID: `containerd://${x.id}`,
        exitCode: x.exitCode ?? 0,
        reason: x.reason ?? 'Error',
        ...(x.message ? { message: x.message } : {}),
        startedAt: rfc3339(x.startedAt ?? 0),
        finishedAt: rfc3339(x.finishedAt ?? 0),
      },
    });
    let showsCurrentExit = false;
    if (c?.state === 'running') st.state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
    else if (t.waiting && !(this.terminating && c?.state === 'exited'))
      st.state = { waiting: { ...t.waiting } };
    else if (c?.state === 'exited') {
      st.state = term(c);
      showsCurrentExit = true;
    } else st.state = { waiting: { reason: blockedByInit ? 'PodInitializing' : 'ContainerCreating' } };
    if (c?.state === 'exited' && !showsCurrentExit) st.lastState = term(c);
    else if (t.last) st.lastState = term(t.last);
    return st;
  }

  /** The status a real kubelet would write now. */
  buildStatus(): PodStatus {
    const spec = this.pod.spec!;
    const mains = this.tracks.filter((t) => !t.init);
    const inits = this.tracks.filter((t) => t.init);
    const initsDone = inits.every((t) =>
      t.sidecar ? t.started : t.step === 'done' && t.container?.exitCode === 0,
    );
    const policy = spec.restartPolicy ?? 'Always';
    // phase (upstream getPhase)
    let phase: string;
    if (this.initFailed() && policy === 'Never') phase = 'Failed';
    else if (!initsDone) phase = 'Pending';
    else {
      let waiting = 0;
      let running = 0;
      let stopped = 0;
      let succeeded = 0;
      for (const t of mains) {
        const c = t.container;
        const exited = c?.state === 'exited' ? c : t.restartCount > 0 ? t.last : undefined;
        if (c?.state === 'running') running++;
        else if (exited) {
          stopped++;
          if (exited.exitCode === 0) succeeded++;
        } else waiting++;
      }
      if (waiting > 0) phase = 'Pending';
      else if (running > 0) phase = 'Running';
      else if (this.terminating || policy === 'Never') phase = succeeded === stopped ? 'Succeeded' : 'Failed';
      else if (policy === 'OnFailure') phase = succeeded === stopped ? 'Succeeded' : 'Running';
      else phase = 'Running';
    }
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const unready = mains.filter((t) => !t.ready).map((t) => t.spec.name);
    const incomplete = inits
      .filter((t) => !(t.sidecar ? t.started : t.step === 'done' && t.container?.exitCode === 0))
      .map((t) => t.spec.name);
    const conditions: PodCondition[] = [
      this.condition('PodReadyToStartContainers', this.sandboxReady && !(this.finished && terminal)),
      terminal
        ? this.condition('Initialized', true, 'PodCompleted')
        : incomplete.length
          ? this.condition(
              'Initialized',
              false,
              'ContainersNotInitialized',
              `containers with incomplete status: [${incomplete.join(' ')}]`,
            )
          : this.condition('Initialized', true),
      terminal
        ? this.condition('Ready', false, 'PodCompleted')
        : unready.length
          ? this.condition(
              'Ready',
              false,
              'ContainersNotReady',
              `containers with unready status: [${unready.join(' ')}]`,
            )
          : this.condition('Ready', true),
      terminal
        ? this.condition('ContainersReady', false, 'PodCompleted')
        : unready.length
          ? this.condition(
              'ContainersReady',
              false,
              'ContainersNotReady',
              `containers with unready status: [${unready.join(' ')}]`,
            )
          : this.condition('ContainersReady', true),
    ];
    const scheduled = (this.pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    conditions.push(
      scheduled ?? {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null as unknown as undefined,
        lastTransitionTime: rfc3339(this.startTime),
      },
    );
    const status: PodStatus = {
      phase,
      conditions,
      hostIP: this.d.nodeIP,
      hostIPs: [{ ip: this.d.nodeIP }],
      startTime: rfc3339(this.startTime),
    };
    if (this.podIP) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    }
    if (inits.length) status.initContainerStatuses = inits.map((t) => this.containerStatus(t, false));
    status.containerStatuses = mains.map((t) => this.containerStatus(t, !initsDone));
    if (this.pod.status?.qosClass) status.qosClass = this.pod.status.qosClass;
    return status;
  }

  private publish(): void {
    if (this.stopped) return;
    const s = this.buildStatus();
    const json = JSON.stringify(s);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.d.sink.status(s);
  }
}
