/**
 * The simulated kubelet of one node (upstream pkg/kubelet): registers the Node and renews its Lease
 * (node-registration.ts), watches the pods bound to the node (`fieldSelector=spec.nodeName=<node>`),
 * runs one PodWorker per pod on the node's ContainerRuntime, writes each pod's status through the
 * pods/status subresource (retrying on conflicts), records events as `kubelet` / `<node>`, finishes
 * graceful deletions with a grace-0 DELETE, reports `status.images`, and serves `kubectl logs`.
 * `stop()` is the fault hook: heartbeats, status updates and containers all stop; `startAgain()`
 * brings the node back (pods on it are started afresh).
 *
 * Left out: static pods, the eviction manager, volume manager, cgroups, exec/attach/port-forward,
 * node status conditions other than a healthy node, image garbage collection.
 */
import type { Node, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { isReason } from '../../api/errors';
import type { ApiTransport } from '../../api/rest';
import { EventRecorder } from '../../client/event-recorder';
import { SharedInformer, unwrapTombstone } from '../../client/informer';
import { Clientset } from '../../client/rest-client';
import type { Clock, TimerId } from '../../runtime/clock';
import type { KubeletCall, RemoteApi } from '../../runtime/remote';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { ContainerRuntime } from '../runtime/container-runtime';
import { readLogs, type LogParams } from './logs';
import { NodeRegistration, DEFAULT_CAPACITY, type NodeConfig } from './node-registration';
import { PodWorker } from './pod-worker';

/** How often the kubelet compares its image list with what it last reported (nodeStatusUpdateFrequency). */
export const IMAGE_REPORT_MS = 10_000;

/** Constructor options of a Kubelet. */
export interface KubeletOptions {
  api: ApiTransport;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  node: NodeConfig;
}

/** Allocates pod IPs from a /24 (or wider) pod CIDR: .2, .3, … sequentially, skipping those in use. */
export class PodIPAllocator {
  private used = new Set<number>();
  private cursor = 0;
  private readonly base: number;
  private readonly size: number;
  constructor(cidr: string) {
    const [ip, bits] = cidr.split('/');
    const parts = ip.split('.').map(Number);
    this.base = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
    this.size = 2 ** (32 - Number(bits || 24));
  }
  /** The next free address. */
  allocate(): string {
    for (let i = 0; i < this.size; i++) {
      this.cursor = (this.cursor % (this.size - 3)) + 1;
      const off = this.cursor + 1;
      if (this.used.has(off)) continue;
      this.used.add(off);
      const n = (this.base + off) >>> 0;
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    }
    throw new Error('no IP addresses available in range set');
  }
  /** Returns an address to the pool. */
  release(ip: string): void {
    const p = ip.split('.').map(Number);
    const n = ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
    this.used.delete(n - this.base);
  }
}

interface StatusSlot {
  pending?: PodStatus;
  cause?: string;
  busy: boolean;
}

/** One node's kubelet. */
export class Kubelet {
  readonly name: string;
  readonly client: Clientset;
  readonly runtime: ContainerRuntime;
  private readonly recorder: EventRecorder;
  private registration: NodeRegistration;
  private informer?: SharedInformer<Pod>;
  private workers = new Map<string, PodWorker>();
  private statusSlots = new Map<string, StatusSlot>();
  private ipam: PodIPAllocator;
  private running = false;
  private imageTimer?: TimerId;
  private reportedImages = '';
  private unserveLogs?: () => void;
  private readonly nodeIP: string;

  constructor(private readonly o: KubeletOptions) {
    this.name = o.node.name;
    this.client = new Clientset(o.api, { from: `kubelet/${this.name}` });
    const cpus = Number((o.node.capacity ?? DEFAULT_CAPACITY).cpu ?? 2) || 2;
    this.runtime = new ContainerRuntime({
      node: this.name,
      clock: o.clock,
      rng: o.rng.fork('runtime'),
      tracer: o.tracer,
      cpus,
    });
    this.recorder = new EventRecorder({
      events: this.client.events,
      clock: o.clock,
      component: 'kubelet',
      host: this.name,
      defaultKind: { kind: 'Pod', apiVersion: 'v1' },
    });
    this.registration = new NodeRegistration(this.client, o.clock, o.tracer, o.node);
    this.ipam = new PodIPAllocator(o.node.podCIDR ?? '10.244.0.0/24');
    this.nodeIP = o.node.internalIP ?? '172.18.0.2';
  }

  /** True between start and stop. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Registers the node, starts heartbeats, the pod watch and the log server. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.registration = new NodeRegistration(this.client, this.o.clock, this.o.tracer, this.o.node);
    await this.registration.start();
    this.o.tracer.emit({ kind: 'lifecycle', to: `kubelet/${this.name}`, verb: 'start', name: this.name });
    const inf = new SharedInformer<Pod>(this.client.pods, {
      clock: this.o.clock,
      rng: this.o.rng.fork('informer'),
      fieldSelector: `spec.nodeName=${this.name}`,
      freeze: 'none',
    });
    inf.addEventHandler({
      onAdd: (pod, cause) => this.admit(pod, cause),
      onUpdate: (_old, pod, cause) => this.podUpdated(pod, cause),
      onDelete: (obj) => this.podDeleted(unwrapTombstone(obj)),
    });
    this.informer = inf;
    inf.run();
    const remote = this.o.api as Partial<RemoteApi>;
    if (typeof remote.serveKubelet === 'function')
      this.unserveLogs = remote.serveKubelet.call(this.o.api, this.name, (call) => this.serve(call));
    this.scheduleImageReport();
  }

  /** The fault hook: stops heart-beating, watching and every container; pod status is no longer written. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.registration.stop();
    this.informer?.stop();
    this.informer = undefined;
    this.unserveLogs?.();
    this.unserveLogs = undefined;
    if (this.imageTimer !== undefined) this.o.clock.clearTimeout(this.imageTimer);
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
    this.statusSlots.clear();
    this.o.tracer.emit({ kind: 'lifecycle', to: `kubelet/${this.name}`, verb: 'stop', name: this.name });
  }

  /** Starts a stopped kubelet again (re-registers; pods bound to the node start afresh). */
  startAgain(): Promise<void> {
    return this.start();
  }

  /** The worker of a pod (tests). */
  worker(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) {
      const m = w.current.metadata!;
      if (m.namespace === namespace && m.name === name) return w;
    }
    return undefined;
  }

  /** Resolves when queued event writes are done (tests). */
  flushEvents(): Promise<void> {
    return this.recorder.flush();
  }

  // ------------------------------------------------------------------ pods

  private admit(pod: Pod, cause: string | undefined): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.workers.has(uid)) return this.podUpdated(pod, cause);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      if (pod.metadata?.deletionTimestamp) void this.finishDelete(pod, cause);
      return;
    }
    const w = new PodWorker(pod, {
      clock: this.o.clock,
      rng: this.o.rng.fork(`pod/${uid}`),
      runtime: this.runtime,
      nodeIP: this.nodeIP,
      allocateIP: () => this.ipam.allocate(),
      releaseIP: (ip) => this.ipam.release(ip),
      sink: {
        status: (s) => this.queueStatus(w, s),
        event: (type, reason, message) => {
          const cur = w.current;
          this.recorder.event(
            { apiVersion: 'v1', kind: 'Pod', metadata: cur.metadata },
            type,
            reason,
            message,
          );
        },
        deletePod: () => void this.finishDelete(w.current, w.causeId),
      },
    });
    w.causeId = cause;
    this.workers.set(uid, w);
    this.o.tracer.emit({
      kind: 'decision',
      to: `kubelet/${this.name}`,
      verb: 'admit pod',
      resource: 'pods',
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      causeId: cause,
    });
    w.start();
    if (pod.metadata?.deletionTimestamp) w.update(pod);
  }

  private podUpdated(pod: Pod, cause: string | undefined): void {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return this.admit(pod, cause);
    const wasDeleting = !!w.current.metadata?.deletionTimestamp;
    if (pod.metadata?.deletionTimestamp && !wasDeleting) w.causeId = cause;
    w.update(pod);
  }

  private podDeleted(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const w = this.workers.get(uid);
    if (!w) return;
    w.stop();
    this.workers.delete(uid);
    this.statusSlots.delete(uid);
  }

  private async finishDelete(pod: Pod, cause: string | undefined): Promise<void> {
    if (!this.running) return;
    const m = pod.metadata!;
    try {
      await this.client.pods.delete(m.namespace, m.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: m.uid },
        cause,
      });
    } catch (e) {
      if (!isReason(e, 'NotFound') && !isReason(e, 'Conflict')) throw e;
    }
  }

  // ------------------------------------------------------------------ status manager

  private queueStatus(w: PodWorker, status: PodStatus): void {
    if (!this.running) return;
    const uid = w.current.metadata?.uid ?? '';
    let slot = this.statusSlots.get(uid);
    if (!slot) this.statusSlots.set(uid, (slot = { busy: false }));
    slot.pending = status;
    slot.cause = w.causeId;
    if (!slot.busy) void this.flushStatus(w, uid, slot);
  }

  private async flushStatus(w: PodWorker, uid: string, slot: StatusSlot): Promise<void> {
    slot.busy = true;
    try {
      while (slot.pending && this.running) {
        const status = slot.pending;
        const cause = slot.cause;
        slot.pending = undefined;
        let base: Pod =
          this.informer?.lister().get(w.current.metadata?.namespace ?? '', w.current.metadata?.name ?? '') ??
          w.current;
        for (let attempt = 0; attempt < 5; attempt++) {
          if (base.metadata?.uid !== uid) return;
          const next: Pod = {
            ...base,
            status: { ...status, qosClass: status.qosClass ?? base.status?.qosClass },
          };
          try {
            await this.client.pods.updateStatus(next, { cause });
            break;
          } catch (e) {
            if (isReason(e, 'NotFound')) return;
            if (!isReason(e, 'Conflict')) break;
            try {
              base = await this.client.pods.get(base.metadata!.namespace, base.metadata!.name!);
            } catch {
              return;
            }
          }
        }
      }
    } finally {
      slot.busy = false;
    }
  }

  // ------------------------------------------------------------------ node status images

  private scheduleImageReport(): void {
    this.imageTimer = this.o.clock.setTimeout(() => {
      void this.reportImages().finally(() => {
        if (this.running) this.scheduleImageReport();
      });
    }, IMAGE_REPORT_MS);
  }

  /** Patches `status.images` when the node's image list changed. */
  async reportImages(): Promise<void> {
    const images = this.runtime.nodeImages();
    const json = JSON.stringify(images);
    if (json === this.reportedImages || !this.running) return;
    try {
      await this.client.nodes.patch(
        undefined,
        this.name,
        'merge',
        { status: { images } } satisfies { status: Partial<Node['status']> },
        { subresource: 'status' },
      );
      this.reportedImages = json;
    } catch {
      // retried at the next report
    }
  }

  // ------------------------------------------------------------------ logs

  private async serve(call: KubeletCall): Promise<unknown> {
    if (call.kind !== 'log') throw new Error(`${call.kind} is not supported by this kubelet`);
    const p = call.params as LogParams & { uid?: string };
    let w: PodWorker | undefined;
    for (const x of this.workers.values()) {
      const m = x.current.metadata!;
      if (m.namespace === p.namespace && m.name === p.pod && (!p.uid || m.uid === p.uid)) w = x;
    }
    if (!w) throw new Error(`pod "${p.pod}" not found`);
    const info = w.containers(p.container ?? '');
    if (!info.known) throw new Error(`container "${p.container}" in pod "${p.pod}" is not available`);
    return readLogs(info, p, this.o.clock.now());
  }
}
