/**
 * The scheduler cache (upstream pkg/scheduler/backend/cache: cacheImpl + Snapshot): NodeInfos built
 * from the node and pod informers, plus *assumed* pods (placed by the scheduler, not yet confirmed by
 * the informer). `assumePod` → `finishBinding` (starts the optional expiry) → the informer's add
 * confirms it, or `forgetPod` undoes it. `updateSnapshot` copies only the NodeInfos changed since the
 * last snapshot (tracked by name, stamped with generation numbers), so a cycle costs O(changes), not
 * O(nodes); as upstream, a changed node is copied into the snapshot's existing NodeInfo (a snapshot
 * NodeInfo changes only at the next `updateSnapshot`; take a `cloneNodeInfo` to keep one). Leaves out: the zone-interleaving nodeTree (nodes keep insertion order), image state
 * sharing between NodeInfos, PVC ref counts and the debugger's cache dumper.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../../../runtime/clock';
import type { NodeInfo, Resource, Snapshot } from '../framework/interface';
import { addPod, newNodeInfo, removePod, setNode } from '../framework/node-info';

/** The cache key of a pod: its UID (namespace/name when it has none). */
export function podCacheKey(pod: Pod): string {
  return pod.metadata?.uid || `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function cloneResource(r: Resource): Resource {
  return {
    milliCPU: r.milliCPU,
    memory: r.memory,
    ephemeralStorage: r.ephemeralStorage,
    allowedPodNumber: r.allowedPodNumber,
    scalar: { ...r.scalar },
  };
}

/** A copy of a NodeInfo that later changes to the original do not affect (upstream NodeInfo.Snapshot). */
export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
  return {
    ...ni,
    pods: ni.pods.slice(),
    podsWithAffinity: ni.podsWithAffinity.slice(),
    podsWithRequiredAntiAffinity: ni.podsWithRequiredAntiAffinity.slice(),
    requested: cloneResource(ni.requested),
    nonZeroRequested: cloneResource(ni.nonZeroRequested),
    allocatable: cloneResource(ni.allocatable),
    usedPorts: new Set(ni.usedPorts),
    imageSizes: ni.imageSizes,
  };
}

function isEmptyRecord(o: Record<string, unknown>): boolean {
  for (const _ in o) return false;
  return true;
}

function copyResourceInto(dst: Resource, src: Resource): void {
  dst.milliCPU = src.milliCPU;
  dst.memory = src.memory;
  dst.ephemeralStorage = src.ephemeralStorage;
  dst.allowedPodNumber = src.allowedPodNumber;
  if (!isEmptyRecord(src.scalar)) dst.scalar = { ...src.scalar };
  else if (!isEmptyRecord(dst.scalar)) dst.scalar = {};
}

function copyArrayInto<T>(dst: T[], src: readonly T[]): void {
  dst.length = src.length;
  for (let i = 0; i < src.length; i++) dst[i] = src[i];
}

/**
 * Overwrites the snapshot NodeInfo `dst` with the state of `src`, keeping `dst`'s objects (upstream
 * updateSnapshot's `*existing = *clone`): the snapshot's NodeInfos stay where they are in memory.
 */
export function copyNodeInfoInto(dst: NodeInfo, src: NodeInfo): void {
  dst.node = src.node;
  dst.name = src.name;
  copyArrayInto(dst.pods, src.pods);
  copyArrayInto(dst.podsWithAffinity, src.podsWithAffinity);
  copyArrayInto(dst.podsWithRequiredAntiAffinity, src.podsWithRequiredAntiAffinity);
  copyResourceInto(dst.requested, src.requested);
  copyResourceInto(dst.nonZeroRequested, src.nonZeroRequested);
  copyResourceInto(dst.allocatable, src.allocatable);
  if (src.usedPorts.size || dst.usedPorts.size) dst.usedPorts = new Set(src.usedPorts);
  dst.imageSizes = src.imageSizes;
  dst.generation = src.generation;
}

/** The read-only view one scheduling cycle works on (upstream Snapshot). */
export class CacheSnapshot implements Snapshot {
  /** Name → NodeInfo copy. */
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  /** Nodes in cache order. */
  nodeInfoList: NodeInfo[] = [];
  /** Position of each node in `nodeInfoList`. */
  readonly position = new Map<string, number>();
  havePodsWithAffinityList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityList: NodeInfo[] = [];
  /** Image name → number of nodes having it. */
  imageCounts = new Map<string, number>();
  /** The cache generation this snapshot reflects. */
  generation = 0;

  nodes(): NodeInfo[] {
    return this.nodeInfoList;
  }
  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }
  havePodsWithAffinity(): NodeInfo[] {
    return this.havePodsWithAffinityList;
  }
  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinityList;
  }
  imageNodeCount(image: string): number {
    return this.imageCounts.get(image) ?? 0;
  }
  /** Number of nodes. */
  numNodes(): number {
    return this.nodeInfoList.length;
  }
}

interface PodState {
  pod: Pod;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
  /** Expiry of an assumed pod (after finishBinding), or undefined for none. */
  deadline?: number;
}

/** Options of the cache. */
export interface SchedulerCacheOptions {
  clock: Clock;
  /** How long an assumed pod may wait for the informer's confirmation after binding (0: forever, upstream's default). */
  assumedPodTtlMs?: number;
  /** How often expired assumed pods are cleaned up (upstream cleanAssumedPeriod: 1 s); only with a TTL. */
  cleanupPeriodMs?: number;
}

/** Nodes, their pods and assumed pods (upstream cacheImpl). */
export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  /** Pods whose node is not (or no longer) known: node name → pod key → pod. */
  private readonly orphans = new Map<string, Map<string, Pod>>();
  private readonly dirty = new Set<string>();
  private nodeSetChanged = true;
  private imagesChanged = true;
  private generation = 0;
  private cleanupTimer: number | undefined;

  constructor(private readonly opts: SchedulerCacheOptions) {}

  /** Starts the periodic cleanup of expired assumed pods (only when a TTL is set). */
  run(): void {
    const ttl = this.opts.assumedPodTtlMs ?? 0;
    if (ttl <= 0) return;
    const period = this.opts.cleanupPeriodMs ?? 1000;
    const tick = () => {
      this.cleanupAssumedPods(this.opts.clock.now());
      this.cleanupTimer = this.opts.clock.setTimeout(tick, period);
    };
    this.cleanupTimer = this.opts.clock.setTimeout(tick, period);
  }

  /** Stops the cleanup timer. */
  stop(): void {
    if (this.cleanupTimer !== undefined) this.opts.clock.clearTimeout(this.cleanupTimer);
    this.cleanupTimer = undefined;
  }

  // ------------------------------------------------------------------ nodes

  /** A node was added (informer). */
  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const existing = this.nodes.get(name);
    if (existing) {
      this.updateNode(existing.node, node);
      return;
    }
    const orphans = this.orphans.get(name);
    this.orphans.delete(name);
    const ni = newNodeInfo(node, orphans ? [...orphans.values()] : undefined);
    this.nodes.set(name, ni);
    this.touch(name);
    this.nodeSetChanged = true;
    this.imagesChanged = true;
  }

  /** A node changed (informer). */
  updateNode(_old: Node | undefined, node: Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni) {
      this.addNode(node);
      return;
    }
    if (JSON.stringify(ni.node.status?.images ?? null) !== JSON.stringify(node.status?.images ?? null))
      this.imagesChanged = true;
    setNode(ni, node);
    this.touch(name);
  }

  /** A node was deleted (informer); its pods wait as orphans until they are deleted too. */
  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.nodes.delete(name);
    if (ni.pods.length) {
      const m = new Map<string, Pod>();
      for (const p of ni.pods) m.set(podCacheKey(p.pod), p.pod);
      this.orphans.set(name, m);
    }
    this.touch(name);
    this.nodeSetChanged = true;
    this.imagesChanged = true;
  }

  /** The live NodeInfo of a node (not a snapshot copy). */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** Number of nodes. */
  get nodeCount(): number {
    return this.nodes.size;
  }

  // ------------------------------------------------------------------ pods

  /** Places a pod the scheduler has chosen a node for (`pod.spec.nodeName` set) before binding. */
  assumePod(pod: Pod): void {
    const key = podCacheKey(pod);
    if (this.pods.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    const nodeName = pod.spec?.nodeName ?? '';
    this.place(pod, nodeName);
    this.pods.set(key, { pod, nodeName, assumed: true, bindingFinished: false });
  }

  /** The binding of an assumed pod ended; its expiry (if any) starts now. */
  finishBinding(pod: Pod): void {
    const st = this.pods.get(podCacheKey(pod));
    if (!st || !st.assumed) return;
    st.bindingFinished = true;
    const ttl = this.opts.assumedPodTtlMs ?? 0;
    if (ttl > 0) st.deadline = this.opts.clock.now() + ttl;
  }

  /** Undoes `assumePod` (binding failed). */
  forgetPod(pod: Pod): void {
    const key = podCacheKey(pod);
    const st = this.pods.get(key);
    if (!st || !st.assumed) return;
    this.unplace(st.pod, st.nodeName);
    this.pods.delete(key);
  }

  /** True when the pod is assumed and not yet confirmed. */
  isAssumedPod(pod: Pod): boolean {
    return this.pods.get(podCacheKey(pod))?.assumed ?? false;
  }

  /** The cached state of a pod (node and assumed flag). */
  podState(pod: Pod): { nodeName: string; assumed: boolean } | undefined {
    const st = this.pods.get(podCacheKey(pod));
    return st ? { nodeName: st.nodeName, assumed: st.assumed } : undefined;
  }

  /** An assigned pod appeared (informer): confirms an assumed pod or adds it. */
  addPod(pod: Pod): void {
    const key = podCacheKey(pod);
    const nodeName = pod.spec?.nodeName ?? '';
    const st = this.pods.get(key);
    if (st && st.assumed) {
      // Confirmed. On the assumed node, swap the object in place (requests are unchanged); else move it.
      if (nodeName !== st.nodeName || !this.replaceInPlace(pod, nodeName)) {
        this.unplace(st.pod, st.nodeName);
        this.place(pod, nodeName);
      }
      this.pods.set(key, { pod, nodeName, assumed: false, bindingFinished: true });
      return;
    }
    if (st) {
      this.updatePod(st.pod, pod);
      return;
    }
    this.place(pod, nodeName);
    this.pods.set(key, { pod, nodeName, assumed: false, bindingFinished: true });
  }

  /** An assigned pod changed (informer). */
  updatePod(_old: Pod, pod: Pod): void {
    const key = podCacheKey(pod);
    const st = this.pods.get(key);
    if (!st) {
      this.addPod(pod);
      return;
    }
    const nodeName = pod.spec?.nodeName ?? '';
    this.unplace(st.pod, st.nodeName);
    this.place(pod, nodeName);
    this.pods.set(key, { pod, nodeName, assumed: false, bindingFinished: true });
  }

  /** An assigned pod was deleted (informer). */
  removePod(pod: Pod): void {
    const key = podCacheKey(pod);
    const st = this.pods.get(key);
    if (!st) return;
    this.unplace(st.pod, st.nodeName);
    this.pods.delete(key);
  }

  /** Number of pods in the cache (assumed included). */
  get podCount(): number {
    return this.pods.size;
  }

  /** Drops assumed pods whose binding finished and whose deadline passed. */
  cleanupAssumedPods(now: number): Pod[] {
    const expired: Pod[] = [];
    for (const [key, st] of this.pods) {
      if (!st.assumed || !st.bindingFinished || st.deadline === undefined || st.deadline > now) continue;
      this.unplace(st.pod, st.nodeName);
      this.pods.delete(key);
      expired.push(st.pod);
    }
    return expired;
  }

  // ------------------------------------------------------------------ snapshot

  /** Brings `snap` up to date, copying only the NodeInfos changed since its last update. */
  updateSnapshot(snap: CacheSnapshot): void {
    if (snap.generation === this.generation && !this.nodeSetChanged) return;
    let affinityChanged = false;
    for (const name of this.dirty) {
      const prev = snap.nodeInfoMap.get(name);
      const cur = this.nodes.get(name);
      if (prev && (prev.podsWithAffinity.length || prev.podsWithRequiredAntiAffinity.length))
        affinityChanged = true;
      if (!cur) {
        snap.nodeInfoMap.delete(name);
        continue;
      }
      if (cur.podsWithAffinity.length || cur.podsWithRequiredAntiAffinity.length) affinityChanged = true;
      if (prev) {
        copyNodeInfoInto(prev, cur);
        continue;
      }
      const copy = cloneNodeInfo(cur);
      snap.nodeInfoMap.set(name, copy);
      const pos = snap.position.get(name);
      if (pos !== undefined && !this.nodeSetChanged) snap.nodeInfoList[pos] = copy;
    }
    this.dirty.clear();
    if (this.nodeSetChanged) {
      snap.nodeInfoList = [];
      snap.position.clear();
      for (const name of this.nodes.keys()) {
        snap.position.set(name, snap.nodeInfoList.length);
        snap.nodeInfoList.push(snap.nodeInfoMap.get(name)!);
      }
      for (const name of [...snap.nodeInfoMap.keys()])
        if (!this.nodes.has(name)) snap.nodeInfoMap.delete(name);
      affinityChanged = true;
      this.nodeSetChanged = false;
    }
    if (affinityChanged) {
      snap.havePodsWithAffinityList = snap.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
      snap.havePodsWithRequiredAntiAffinityList = snap.nodeInfoList.filter(
        (n) => n.podsWithRequiredAntiAffinity.length > 0,
      );
    }
    if (this.imagesChanged) {
      const counts = new Map<string, number>();
      for (const ni of snap.nodeInfoList)
        for (const image of ni.imageSizes.keys()) counts.set(image, (counts.get(image) ?? 0) + 1);
      snap.imageCounts = counts;
      this.imagesChanged = false;
    }
    snap.generation = this.generation;
  }

  private touch(name: string): void {
    this.dirty.add(name);
    this.generation++;
  }

  /** Replaces the cached object of a pod on `nodeName` without recomputing its requests. */
  private replaceInPlace(pod: Pod, nodeName: string): boolean {
    const ni = this.nodes.get(nodeName);
    if (!ni) return false;
    const uid = pod.metadata?.uid;
    const i = ni.pods.findIndex((p) => p.pod.metadata?.uid === uid);
    if (i < 0) return false;
    const pi = { ...ni.pods[i], pod };
    const old = ni.pods[i];
    ni.pods[i] = pi;
    const swap = (list: typeof ni.pods) => {
      const j = list.indexOf(old);
      if (j >= 0) list[j] = pi;
    };
    swap(ni.podsWithAffinity);
    swap(ni.podsWithRequiredAntiAffinity);
    this.touch(nodeName);
    return true;
  }

  private place(pod: Pod, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (ni) {
      addPod(ni, pod);
      this.touch(nodeName);
      return;
    }
    let m = this.orphans.get(nodeName);
    if (!m) this.orphans.set(nodeName, (m = new Map()));
    m.set(podCacheKey(pod), pod);
  }

  private unplace(pod: Pod, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (ni) {
      removePod(ni, pod);
      this.touch(nodeName);
      return;
    }
    const m = this.orphans.get(nodeName);
    m?.delete(podCacheKey(pod));
    if (m && m.size === 0) this.orphans.delete(nodeName);
  }
}
