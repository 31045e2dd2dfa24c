/**
 * The scheduler's per-node bookkeeping, mirroring pkg/scheduler/framework/types.go (NodeInfo,
 * PodInfo, Resource) and component-helpers resource.PodRequests (computePodResourceRequest).
 *
 * Requests are summed as exact quantities and converted once, as upstream does: regular containers
 * are added up, restartable init containers (sidecars) are added to them and stay running under every
 * later init container, the result is the max with each init container, and pod overhead is added on
 * top. `nonZeroRequests` counts a container with no cpu / memory request as 100m / 200Mi.
 * Left out: pod-level resources (spec.resources), in-place resize (status resources), DRA claims.
 * Differs: image names are normalised fully (`nginx` ≡ `docker.io/library/nginx:latest`); upstream
 * only appends `:latest`.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { add, compare, parseQuantity, toMilli, toValue, type Quantity } from '../../../api/quantity';
import type { NodeInfo, PodInfo, Resource } from './interface';

/** Requests a container without a cpu request counts for scoring (schedutil.DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Requests a container without a memory request counts for scoring (schedutil.DefaultMemoryRequest). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type QuantityMap = Map<string, Quantity>;

/** An empty Resource. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} };
}

/** A copy of `r`. */
export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: { ...r.scalar } };
}

/** upstream schedutil.IsScalarResourceName: extended, hugepages and attachable-volumes resources. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

function addQuantity(r: Resource, name: string, q: Quantity): void {
  switch (name) {
    case 'cpu':
      r.milliCPU += toMilli(q);
      break;
    case 'memory':
      r.memory += toValue(q);
      break;
    case 'pods':
      r.allowedPodNumber += toValue(q);
      break;
    case 'ephemeral-storage':
      r.ephemeralStorage += toValue(q);
      break;
    default:
      if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + toValue(q);
  }
}

/** upstream `NewResource(list)`: a ResourceList (`{cpu: '100m', memory: '1Gi'}`) in base units. */
export function resourceFromList(list: Record<string, string | number> | undefined): Resource {
  const r = emptyResource();
  for (const [name, v] of Object.entries(list ?? {})) addQuantity(r, name, parseQuantity(v));
  return r;
}

/** Adds `b` into `a` (in place); `sign` -1 subtracts. */
export function addResource(a: Resource, b: Resource, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  for (const [k, v] of Object.entries(b.scalar)) a.scalar[k] = (a.scalar[k] ?? 0) + sign * v;
}

function toQuantityMap(list: Record<string, string | number> | undefined): QuantityMap {
  const m: QuantityMap = new Map();
  for (const [k, v] of Object.entries(list ?? {})) m.set(k, parseQuantity(v));
  return m;
}

function addInto(dst: QuantityMap, src: QuantityMap): void {
  for (const [k, v] of src) {
    const cur = dst.get(k);
    dst.set(k, cur ? add(cur, v) : v);
  }
}

function maxInto(dst: QuantityMap, src: QuantityMap): void {
  for (const [k, v] of src) {
    const cur = dst.get(k);
    if (!cur || compare(v, cur) > 0) dst.set(k, v);
  }
}

function containerRequests(c: Container, nonMissing: QuantityMap | undefined): QuantityMap {
  const m = toQuantityMap(c.resources?.requests as Record<string, string> | undefined);
  if (nonMissing) for (const [k, v] of nonMissing) if (!m.has(k)) m.set(k, v);
  return m;
}

/** True for a restartable init container (a sidecar: restartPolicy Always). */
export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/** upstream resourcehelper.PodRequests: the pod's effective requests as exact quantities. */
function podRequests(pod: Pod, nonMissing?: QuantityMap): QuantityMap {
  const reqs: QuantityMap = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, nonMissing));
  const restartable: QuantityMap = new Map();
  const initMax: QuantityMap = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const creq = containerRequests(c, nonMissing);
    if (isSidecar(c)) {
      // A sidecar keeps running next to the app containers and every later init container.
      addInto(reqs, creq);
      addInto(restartable, creq);
      maxInto(initMax, restartable);
    } else {
      const tmp: QuantityMap = new Map();
      addInto(tmp, creq);
      addInto(tmp, restartable);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  addInto(reqs, toQuantityMap(pod.spec?.overhead as Record<string, string> | undefined));
  return reqs;
}

function resourceFromQuantities(m: QuantityMap): Resource {
  const r = emptyResource();
  for (const [k, v] of m) addQuantity(r, k, v);
  return r;
}

const NON_MISSING: QuantityMap = new Map([
  ['cpu', parseQuantity(`${DEFAULT_MILLI_CPU_REQUEST}m`)],
  ['memory', parseQuantity(String(DEFAULT_MEMORY_REQUEST))],
]);

/** upstream `NewPodInfo` + `calculateResource`: the pod with its requests precomputed. */
export function podInfo(pod: Pod): PodInfo {
  const requests = resourceFromQuantities(podRequests(pod));
  const nz = resourceFromQuantities(podRequests(pod, NON_MISSING));
  const nonZeroRequests = cloneResource(requests);
  nonZeroRequests.milliCPU = nz.milliCPU;
  nonZeroRequests.memory = nz.memory;
  return { pod, requests, nonZeroRequests };
}

/** True if the pod has pod affinity or anti-affinity of any kind (upstream podWithAffinity). */
export function hasPodAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
}

/** True if the pod has required anti-affinity terms (upstream podWithRequiredAntiAffinity). */
export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (
    (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
  );
}

/** Host ports a pod asks for, as `protocol/hostIP/port` (containers and sidecars; hostPort > 0). */
export function podHostPorts(pod: Pod): string[] {
  const out: string[] = [];
  const cs = [...(pod.spec?.initContainers ?? []).filter(isSidecar), ...(pod.spec?.containers ?? [])];
  for (const c of cs) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push(`${p.protocol || 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out;
}

/**
 * upstream normalizedImageName, extended to Docker's reference normalisation: a missing registry is
 * `docker.io`, a single-component Docker Hub name gets `library/`, a missing tag is `:latest`.
 */
export function normalizeImageName(name: string): string {
  let n = name;
  const slash = n.indexOf('/');
  const first = slash < 0 ? '' : n.slice(0, slash);
  if (slash < 0) n = `docker.io/library/${n}`;
  else if (!(first.includes('.') || first.includes(':') || first === 'localhost')) n = `docker.io/${n}`;
  else if (first === 'index.docker.io') n = `docker.io/${n.slice(slash + 1)}`;
  if (n.startsWith('docker.io/') && n.split('/').length === 2) n = `docker.io/library/${n.slice(10)}`;
  if (!n.includes('@') && n.lastIndexOf(':') <= n.lastIndexOf('/')) n += ':latest';
  return n;
}

// upstream uses one global counter so generations order changes across all nodes.
let generationCounter = 0;
function nextGeneration(): number {
  generationCounter += 1;
  return generationCounter;
}

/** upstream `NewNodeInfo(pods...)` + `SetNode(node)`. */
export function newNodeInfo(node: Node, pods: Pod[] = []): NodeInfo {
  const ni: NodeInfo = {
    node,
    name: node.metadata?.name ?? '',
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    requested: emptyResource(),
    nonZeroRequested: emptyResource(),
    allocatable: emptyResource(),
    usedPorts: new Set(),
    imageSizes: new Map(),
    generation: nextGeneration(),
  };
  setNode(ni, node);
  for (const p of pods) addPod(ni, p);
  return ni;
}

/** upstream `NodeInfo.SetNode`: allocatable (capacity if unset, as API defaulting does) and images. */
export function setNode(ni: NodeInfo, node: Node): void {
  ni.node = node;
  ni.name = node.metadata?.name ?? '';
  const alloc = node.status?.allocatable ?? node.status?.capacity;
  ni.allocatable = resourceFromList(alloc as Record<string, string> | undefined);
  ni.imageSizes = new Map();
  for (const img of node.status?.images ?? []) {
    for (const n of img.names ?? []) ni.imageSizes.set(normalizeImageName(n), img.sizeBytes ?? 0);
  }
  ni.generation = nextGeneration();
}

/** upstream `NodeInfo.AddPod` (accepts a Pod or a precomputed PodInfo). */
export function addPod(ni: NodeInfo, pod: Pod | PodInfo): void {
  const pi = 'requests' in pod ? pod : podInfo(pod);
  ni.pods.push(pi);
  if (hasPodAffinity(pi.pod)) ni.podsWithAffinity.push(pi);
  if (hasRequiredAntiAffinity(pi.pod)) ni.podsWithRequiredAntiAffinity.push(pi);
  addResource(ni.requested, pi.requests);
  addResource(ni.nonZeroRequested, pi.nonZeroRequests);
  for (const p of podHostPorts(pi.pod)) ni.usedPorts.add(p);
  ni.generation = nextGeneration();
}

/** upstream `NodeInfo.RemovePod`: removes the pod with the same uid; false if it was not there. */
export function removePod(ni: NodeInfo, pod: Pod): boolean {
  const uid = pod.metadata?.uid;
  const i = ni.pods.findIndex((p) => p.pod.metadata?.uid === uid);
  if (i < 0) return false;
  const [pi] = ni.pods.splice(i, 1);
  ni.podsWithAffinity = ni.podsWithAffinity.filter((p) => p !== pi);
  ni.podsWithRequiredAntiAffinity = ni.podsWithRequiredAntiAffinity.filter((p) => p !== pi);
  addResource(ni.requested, pi.requests, -1);
  addResource(ni.nonZeroRequested, pi.nonZeroRequests, -1);
  // Recount ports from the remaining pods, so a port two pods share stays marked.
  ni.usedPorts = new Set(ni.pods.flatMap((p) => podHostPorts(p.pod)));
  ni.generation = nextGeneration();
  return true;
}
