/**
 * The simulated kubelet of one node (upstream pkg/kubelet): registers the Node and renews its Lease
 * (node-registration.ts), watches the pods bound to the node (`fieldSelector=spec.nodeName=<node>`),
 * runs one PodWorker per pod on the node's ContainerRuntime, writes each pod's status through the
 * pods/status subresource (retrying on conflicts), records events as `kubelet` / `<node>`, finishes
 * graceful deletions with a grace-0 DELETE, reports `status.images`, and serves `kubectl logs`.
 * `stop()` is the fault hook: heartbeats, status updates and containers all stop; `startAgain()`
 * brings the node back (pods on it are started afresh).
 *
 * Static pods (static-pods.ts): manifests given in the NodeConfig are run by the kubelet itself and
 * mirrored in the API as `<name>-<node>` pods; a deleted mirror pod is created again, an orphaned one
 * (no manifest) is deleted. hostNetwork pods get the node's IP as their pod IP.
 *
 * Left out: the eviction manager, volume manager, cgroups, exec/attach/port-forward,
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
import { resolveImage } from '../runtime/registry';
import { NodeRegistration, DEFAULT_CAPACITY, type NodeConfig } from './node-registration';
import { PodWorker } from './pod-worker';
import { isMirrorPod, isMirrorPodOf, mirrorPodFor, staticPodFromManifest } from './static-pods';

/** How often the kubelet compares its image list with what it last reported (nodeStatusUpdateFrequency). */
export const IMAGE_REPORT_MS = 10_000;

/** How long the kubelet waits before trying a failed mirror-pod write again. */
export const MIRROR_RETRY_MS = 1_000;

const keyOf = (pod: Pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`;

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

/** What the kubelet keeps about one static pod. */
interface StaticPodState {
  /** The static pod as the file source built it (UID = config hash). */
  pod: Pod;
  worker?: PodWorker;
  /** UID of the mirror pod in the API, once known. */
  mirrorUid?: string;
  /** The last status the worker produced (written to the mirror pod whenever it is (re)created). */
  lastStatus?: PodStatus;
  syncing: boolean;
  again: boolean;
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
  /** Static pods by `namespace/name`. */
  private statics = new Map<string, StaticPodState>();

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
    // kubeadm pulls the control-plane images before it writes the manifests ("[preflight] Pulling
    // images required for setting up a Kubernetes cluster"): they are on the node already.
    for (const m of o.node.staticPods ?? [])
      for (const c of [...(m.spec?.initContainers ?? []), ...(m.spec?.containers ?? [])]) {
        const r = c.image ? resolveImage(c.image) : undefined;
        if (r?.ok) this.runtime.storeImage(r.image);
      }
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
    this.startStaticPods();
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
    this.statics.clear();
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
    if (isMirrorPod(pod)) return this.mirrorSeen(pod);
    const uid = pod.metadata?.uid ?? '';
    if (this.workers.has(uid)) return this.podUpdated(pod, cause);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      if (pod.metadata?.deletionTimestamp) void this.finishDelete(pod, cause);
      return;
    }
    const w = this.newWorker(pod, cause);
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

  /** A PodWorker for `pod`, registered under its UID (not started). */
  private newWorker(pod: Pod, cause: string | undefined): PodWorker {
    const uid = pod.metadata?.uid ?? '';
    const hostNetwork = pod.spec?.hostNetwork === true;
    const w: PodWorker = new PodWorker(pod, {
      clock: this.o.clock,
      rng: this.o.rng.fork(`pod/${uid}`),
      runtime: this.runtime,
      nodeIP: this.nodeIP,
      allocateIP: () => (hostNetwork ? this.nodeIP : this.ipam.allocate()),
      releaseIP: (ip) => {
        if (!hostNetwork) this.ipam.release(ip);
      },
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
    return w;
  }

  private podUpdated(pod: Pod, cause: string | undefined): void {
    if (isMirrorPod(pod)) return this.mirrorSeen(pod);
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return this.admit(pod, cause);
    const wasDeleting = !!w.current.metadata?.deletionTimestamp;
    if (pod.metadata?.deletionTimestamp && !wasDeleting) w.causeId = cause;
    w.update(pod);
  }

  private podDeleted(pod: Pod): void {
    if (isMirrorPod(pod)) {
      const st = this.statics.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
      if (st && st.mirrorUid === pod.metadata?.uid) st.mirrorUid = undefined;
      if (st) void this.syncMirror(st);
      return;
    }
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

  // ------------------------------------------------------------------ static pods

  /** Starts the worker of every static pod and creates their mirror pods. */
  private startStaticPods(): void {
    const now = this.o.clock.now();
    for (const manifest of this.o.node.staticPods ?? []) {
      const pod = staticPodFromManifest(manifest, this.name, now);
      const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
      const st: StaticPodState = { pod, syncing: false, again: false };
      this.statics.set(key, st);
      st.worker = this.newWorker(pod, undefined);
      this.o.tracer.emit({
        kind: 'decision',
        to: `kubelet/${this.name}`,
        verb: 'admit static pod',
        resource: 'pods',
        namespace: pod.metadata!.namespace,
        name: pod.metadata!.name,
      });
      st.worker.start();
      void this.syncMirror(st);
    }
  }

  /** The static pods this kubelet runs (tests, the supervisor's fault hooks). */
  staticPodNames(): string[] {
    return [...this.statics.keys()];
  }

  /** A mirror pod came by on the watch: keep it if it is current, else delete it (it is re-created). */
  private mirrorSeen(pod: Pod): void {
    const st = this.statics.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    if (!st) {
      // An orphaned mirror pod (no manifest any more): the kubelet's pod cleanup deletes it.
      void this.deleteMirror(pod);
      return;
    }
    if (pod.metadata?.deletionTimestamp || !isMirrorPodOf(pod, st.pod)) {
      void this.syncMirror(st);
      return;
    }
    if (st.mirrorUid !== pod.metadata?.uid) {
      st.mirrorUid = pod.metadata?.uid;
      if (st.lastStatus && st.worker) this.queueStatus(st.worker, st.lastStatus);
    }
  }

  private async deleteMirror(pod: Pod): Promise<void> {
    if (!this.running) return;
    try {
      await this.client.pods.delete(pod.metadata!.namespace, pod.metadata!.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata!.uid },
      });
    } catch (e) {
      if (!isReason(e, 'NotFound') && !isReason(e, 'Conflict')) throw e;
    }
  }

  /**
   * Makes the API hold exactly one current mirror pod for `st` (upstream syncPod's mirror-pod
   * step): a mirror that is being deleted or is outdated is deleted with grace 0, a missing one is
   * created, and the last status is written to it.
   */
  private async syncMirror(st: StaticPodState): Promise<void> {
    if (st.syncing) {
      st.again = true;
      return;
    }
    st.syncing = true;
    try {
      do {
        st.again = false;
        if (!this.running || this.statics.get(keyOf(st.pod)) !== st) return;
        const ns = st.pod.metadata!.namespace!;
        const name = st.pod.metadata!.name!;
        let cur: Pod | undefined;
        try {
          cur = await this.client.pods.get(ns, name);
        } catch (e) {
          if (!isReason(e, 'NotFound')) throw e;
        }
        if (cur && !isMirrorPod(cur)) return; // a pod of the same name from the API: leave it
        if (cur && (cur.metadata?.deletionTimestamp || !isMirrorPodOf(cur, st.pod))) {
          await this.deleteMirror(cur);
          cur = undefined;
        }
        if (!cur) {
          const node = await this.client.nodes.get(undefined, this.name);
          try {
            cur = await this.client.pods.create(ns, mirrorPodFor(st.pod, node.metadata!.uid!));
            this.o.tracer.emit({
              kind: 'decision',
              to: `kubelet/${this.name}`,
              verb: 'create mirror pod',
              resource: 'pods',
              namespace: ns,
              name,
            });
          } catch (e) {
            if (!isReason(e, 'AlreadyExists')) throw e;
            st.again = true;
            continue;
          }
        }
        st.mirrorUid = cur.metadata?.uid;
        if (st.lastStatus && st.worker) this.queueStatus(st.worker, st.lastStatus);
      } while (st.again);
    } catch {
      // The apiserver is away or the node is not registered yet: try again shortly.
      if (this.running)
        this.o.clock.setTimeout(() => {
          if (this.statics.get(keyOf(st.pod)) === st) void this.syncMirror(st);
        }, MIRROR_RETRY_MS);
    } finally {
      st.syncing = false;
    }
  }

  // ------------------------------------------------------------------ status manager

  private queueStatus(w: PodWorker, status: PodStatus): void {
    if (!this.running) return;
    const st = this.staticOf(w);
    if (st) st.lastStatus = status;
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
        const st = this.staticOf(w);
        const listed = this.informer?.lister().get(w.current.metadata?.namespace ?? '', w.current.metadata?.name ?? '');
        // A static pod's status goes to its mirror pod (none yet: syncMirror writes it later).
        const target = st ? st.mirrorUid : uid;
        let base: Pod | undefined = st ? (listed?.metadata?.uid === target ? listed : undefined) : (listed ?? w.current);
        if (st && !base && target) {
          try {
            base = await this.client.pods.get(w.current.metadata!.namespace, w.current.metadata!.name!);
          } catch {
            return;
          }
        }
        if (!base || !target) return;
        for (let attempt = 0; attempt < 5; attempt++) {
          if (base.metadata?.uid !== target) return;
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

  private staticOf(w: PodWorker): StaticPodState | undefined {
    const st = this.statics.get(keyOf(w.current));
    return st?.worker === w ? st : undefined;
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
      const uids = [m.uid, this.staticOf(x)?.mirrorUid];
      if (m.namespace === p.namespace && m.name === p.pod && (!p.uid || uids.includes(p.uid))) w = x;
    }
    if (!w) throw new Error(`pod "${p.pod}" not found`);
    const info = w.containers(p.container ?? '');
    if (!info.known) throw new Error(`container "${p.container}" in pod "${p.pod}" is not available`);
    return readLogs(info, p, this.o.clock.now());
  }
}
