/**
 * Object builders for scheduler tests, mirroring pkg/scheduler/testing/wrappers.go
 * (`st.MakePod().Name("p").Req(...).Obj()`, `st.MakeNode()...`). Each call mutates the wrapped
 * object and returns the wrapper; `obj()` returns the object.
 * Left out: the many rarely used setters upstream has (PodGroup, DRA claims, resize status).
 */
import type {
  Container,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
type MPod = Mutable<Pod>;
type MNode = Mutable<Node>;

/** A label selector from `matchLabels` (upstream st.MakeLabelSelector().Label(k, v)). */
export function labelSelector(matchLabels: Record<string, string>): LabelSelector {
  return { matchLabels };
}

/** Builds a Pod. */
export class PodWrapper {
  private p: MPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: '', namespace: 'default', uid: '' },
    spec: { containers: [] },
  };

  /** Sets name (and the uid, to the name, unless one was set). */
  name(n: string): this {
    this.p.metadata!.name = n;
    if (!this.p.metadata!.uid) this.p.metadata!.uid = n;
    return this;
  }
  /** Sets the namespace. */
  namespace(ns: string): this {
    this.p.metadata!.namespace = ns;
    return this;
  }
  /** Sets the uid. */
  uid(u: string): this {
    this.p.metadata!.uid = u;
    return this;
  }
  /** Merges labels. */
  labels(l: Record<string, string>): this {
    this.p.metadata!.labels = { ...this.p.metadata!.labels, ...l };
    return this;
  }
  /** Adds one label. */
  label(k: string, v: string): this {
    return this.labels({ [k]: v });
  }
  /** Adds an owner reference (kind, name, controller=true). */
  owner(kind: string, name: string, apiVersion = 'apps/v1'): this {
    (this.p.metadata!.ownerReferences ??= []).push({
      apiVersion,
      kind,
      name,
      uid: `${kind}-${name}`,
      controller: true,
    });
    return this;
  }
  /** Marks the pod as being deleted. */
  terminating(ts = '2024-01-01T00:00:00Z'): this {
    this.p.metadata!.deletionTimestamp = ts;
    return this;
  }
  /** Adds a container `c<i>` with image `image` (default `pause`). */
  container(image = 'pause', requests?: Record<string, string>): this {
    const c: Container = { name: `c${this.p.spec!.containers.length}`, image };
    if (requests) c.resources = { requests };
    this.p.spec!.containers.push(c);
    return this;
  }
  /** Adds a container with these requests (upstream `Req`). */
  req(requests: Record<string, string>): this {
    return this.container('pause', requests);
  }
  /** Adds an init container; `sidecar` sets restartPolicy Always. */
  initReq(requests: Record<string, string>, sidecar = false, image = 'pause'): this {
    const list = (this.p.spec!.initContainers ??= []);
    const c: Container = { name: `i${list.length}`, image, resources: { requests } };
    if (sidecar) c.restartPolicy = 'Always';
    list.push(c);
    return this;
  }
  /** Sets spec.overhead. */
  overhead(o: Record<string, string>): this {
    this.p.spec!.overhead = o;
    return this;
  }
  /** Sets spec.nodeName. */
  node(n: string): this {
    this.p.spec!.nodeName = n;
    return this;
  }
  /** Sets spec.priority. */
  priority(p: number): this {
    this.p.spec!.priority = p;
    return this;
  }
  /** Sets spec.schedulingGates. */
  schedulingGates(names: string[]): this {
    this.p.spec!.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  /** Adds a toleration. */
  toleration(t: Toleration): this {
    (this.p.spec!.tolerations ??= []).push(t);
    return this;
  }
  /** Sets spec.nodeSelector. */
  nodeSelector(s: Record<string, string>): this {
    this.p.spec!.nodeSelector = s;
    return this;
  }
  private nodeAffinity() {
    const a = (this.p.spec!.affinity ??= {});
    return (a.nodeAffinity ??= {});
  }
  /** Adds a required node affinity term `key In values` (upstream `NodeAffinityIn`). */
  nodeAffinityIn(key: string, values: string[]): this {
    return this.nodeAffinityTerm([{ key, operator: 'In', values }]);
  }
  /** Adds a required node affinity term `key NotIn values`. */
  nodeAffinityNotIn(key: string, values: string[]): this {
    return this.nodeAffinityTerm([{ key, operator: 'NotIn', values }]);
  }
  /** Adds a required node selector term (ORed with the others). */
  nodeAffinityTerm(
    matchExpressions: NodeSelectorRequirement[],
    matchFields?: NodeSelectorRequirement[],
  ): this {
    const na = this.nodeAffinity();
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    const term: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] } =
      {};
    if (matchExpressions.length) term.matchExpressions = matchExpressions;
    if (matchFields?.length) term.matchFields = matchFields;
    req.nodeSelectorTerms.push(term);
    return this;
  }
  /** Adds a preferred node affinity term. */
  preferredNodeAffinity(weight: number, matchExpressions: NodeSelectorRequirement[]): this {
    const na = this.nodeAffinity();
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({
      weight,
      preference: { matchExpressions },
    });
    return this;
  }
  private term(
    matchLabels: Record<string, string>,
    topologyKey: string,
    extra?: Partial<PodAffinityTerm>,
  ): PodAffinityTerm {
    return { labelSelector: { matchLabels }, topologyKey, ...extra };
  }
  /** Adds a required pod affinity term (upstream `PodAffinityExists`-like, with matchLabels). */
  podAffinity(
    topologyKey: string,
    matchLabels: Record<string, string>,
    extra?: Partial<PodAffinityTerm>,
  ): this {
    const a = ((this.p.spec!.affinity ??= {}).podAffinity ??= {});
    (a.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(
      this.term(matchLabels, topologyKey, extra),
    );
    return this;
  }
  /** Adds a required pod anti-affinity term. */
  podAntiAffinity(
    topologyKey: string,
    matchLabels: Record<string, string>,
    extra?: Partial<PodAffinityTerm>,
  ): this {
    const a = ((this.p.spec!.affinity ??= {}).podAntiAffinity ??= {});
    (a.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(
      this.term(matchLabels, topologyKey, extra),
    );
    return this;
  }
  /** Adds a preferred pod affinity term. */
  preferredPodAffinity(weight: number, topologyKey: string, matchLabels: Record<string, string>): this {
    const a = ((this.p.spec!.affinity ??= {}).podAffinity ??= {});
    const t: WeightedPodAffinityTerm = { weight, podAffinityTerm: this.term(matchLabels, topologyKey) };
    (a.preferredDuringSchedulingIgnoredDuringExecution ??= []).push(t);
    return this;
  }
  /** Adds a preferred pod anti-affinity term. */
  preferredPodAntiAffinity(weight: number, topologyKey: string, matchLabels: Record<string, string>): this {
    const a = ((this.p.spec!.affinity ??= {}).podAntiAffinity ??= {});
    const t: WeightedPodAffinityTerm = { weight, podAffinityTerm: this.term(matchLabels, topologyKey) };
    (a.preferredDuringSchedulingIgnoredDuringExecution ??= []).push(t);
    return this;
  }
  /** Adds a topology spread constraint (upstream `SpreadConstraint`). */
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
    matchLabels: Record<string, string> | undefined,
    extra?: Partial<TopologySpreadConstraint>,
  ): this {
    const c: TopologySpreadConstraint = { maxSkew, topologyKey, whenUnsatisfiable, ...extra };
    if (matchLabels) c.labelSelector = { matchLabels };
    (this.p.spec!.topologySpreadConstraints ??= []).push(c);
    return this;
  }
  /** Adds a host port to the first container (creating one); protocol TCP unless given. */
  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    if (this.p.spec!.containers.length === 0) this.container();
    const c = this.p.spec!.containers[0];
    const p: { containerPort: number; hostPort: number; protocol: string; hostIP?: string } = {
      containerPort: port,
      hostPort: port,
      protocol,
    };
    if (hostIP) p.hostIP = hostIP;
    (c.ports ??= []).push(p);
    return this;
  }
  /** Adds a volume `vol<i>` backed by the PersistentVolumeClaim `claim`. */
  pvc(claim: string): this {
    const vs = (this.p.spec!.volumes ??= []);
    vs.push({ name: `vol${vs.length}`, persistentVolumeClaim: { claimName: claim } });
    return this;
  }
  /** Adds an arbitrary volume. */
  volume(v: NonNullable<Pod['spec']>['volumes'] extends (infer V)[] | undefined ? V : never): this {
    (this.p.spec!.volumes ??= []).push(v);
    return this;
  }
  /** The Pod. */
  obj(): Pod {
    return this.p as Pod;
  }
}

/** Builds a Node. */
export class NodeWrapper {
  private n: MNode = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: '', labels: {} },
    spec: {},
    status: {},
  };

  /** Sets the name and the `kubernetes.io/hostname` label. */
  name(n: string): this {
    this.n.metadata!.name = n;
    this.n.metadata!.labels!['kubernetes.io/hostname'] = n;
    return this;
  }
  /** Merges labels. */
  labels(l: Record<string, string>): this {
    this.n.metadata!.labels = { ...this.n.metadata!.labels, ...l };
    return this;
  }
  /** Adds one label. */
  label(k: string, v: string): this {
    return this.labels({ [k]: v });
  }
  /** Sets capacity and allocatable (upstream `Capacity`). */
  capacity(c: Record<string, string>): this {
    this.n.status!.capacity = { ...c };
    this.n.status!.allocatable = { ...c };
    return this;
  }
  /** Sets allocatable only. */
  allocatable(a: Record<string, string>): this {
    this.n.status!.allocatable = { ...a };
    return this;
  }
  /** Sets spec.taints. */
  taints(t: Taint[]): this {
    this.n.spec!.taints = t;
    return this;
  }
  /** Sets status.images: `[{names, sizeBytes}]`. */
  images(images: { names: string[]; sizeBytes: number }[]): this {
    this.n.status!.images = images;
    return this;
  }
  /** Sets spec.unschedulable. */
  unschedulable(u = true): this {
    this.n.spec!.unschedulable = u;
    return this;
  }
  /** The Node. */
  obj(): Node {
    return this.n as Node;
  }
}

/** Starts a Pod builder (upstream `st.MakePod()`). */
export function makePod(): PodWrapper {
  return new PodWrapper();
}

/** Starts a Node builder (upstream `st.MakeNode()`). */
export function makeNode(): NodeWrapper {
  return new NodeWrapper();
}
