/**
 * Cluster controls: add a node (a Node object created through the API, which a node worker adopts),
 * stop/start a node's worker, delete a node, and reset the whole cluster (stop every worker, delete
 * the IndexedDB database, reload; a lesson's nodes are forgotten). Requests go out as `kubelab-ui`,
 * drawn as the user.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { Clientset } from '../../client/rest-client';
import type { Supervisor } from '../../runtime/supervisor';
import { saveNodes, webStorage } from './lesson-setup';

/** The form of a new node. */
export interface NewNode {
  name: string;
  cpu: string;
  memory: string;
  pods: string;
  /** `k=v,k2=v2` */
  labels: string;
  /** `key=value:Effect,key:Effect` */
  taints: string;
}

/** Parses `k=v,k2=v2` (empty value allowed: `k=` or `k`). */
export function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = part.indexOf('=');
    if (i < 0) out[part] = '';
    else out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** Parses taints as kubectl taint writes them: `key=value:Effect` or `key:Effect`. */
export function parseTaints(s: string): Taint[] {
  const out: Taint[] = [];
  for (const part of s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const c = part.lastIndexOf(':');
    if (c < 0) throw new Error(`invalid taint spec: ${part}`);
    const effect = part.slice(c + 1);
    const kv = part.slice(0, c);
    const e = kv.indexOf('=');
    const t: Taint = { key: e < 0 ? kv : kv.slice(0, e), effect };
    if (e >= 0) t.value = kv.slice(e + 1);
    out.push(t);
  }
  return out;
}

/** The Node object for the form. */
export function nodeObject(n: NewNode): Node {
  const capacity = { cpu: n.cpu || '2', memory: n.memory || '4Gi', pods: n.pods || '110' };
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name.trim(),
      labels: {
        'kubernetes.io/hostname': n.name.trim(),
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...parseLabels(n.labels),
      },
    },
    spec: {},
    status: { capacity, allocatable: capacity },
  };
  const taints = parseTaints(n.taints);
  if (taints.length) node.spec!.taints = taints;
  return node;
}

/** The page's cluster actions. */
export class ClusterControls {
  readonly client: Clientset;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly dbName: string,
  ) {
    this.client = new Clientset(supervisor.connect('kubelab-ui'), { from: 'kubelab-ui' });
  }

  /** Creates a Node object. */
  async addNode(n: NewNode): Promise<void> {
    await this.client.nodes.create(undefined, nodeObject(n));
  }

  /** Deletes a Node object (and stops its worker, if one hosts it). */
  async deleteNode(name: string): Promise<void> {
    if (this.hasWorker(name)) this.supervisor.stopComponent(name);
    await this.client.nodes.delete(undefined, name);
  }

  /** True when a worker of this name exists. */
  hasWorker(name: string): boolean {
    return this.supervisor.status().some((c) => c.name === name);
  }

  /** Stops a node's worker (its kubelet stops heartbeating; the node goes NotReady after the grace period). */
  stopNode(name: string): void {
    this.supervisor.stopComponent(name);
  }

  /** Starts a node's worker again. */
  startNode(name: string): void {
    this.supervisor.startComponent(name);
  }

  /** Stops every worker, deletes the cluster's database and reloads the page (with the default nodes). */
  async reset(): Promise<void> {
    saveNodes(webStorage('local'), this.dbName, undefined);
    this.supervisor.shutdown();
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(this.dbName);
      r.onsuccess = () => resolve();
      r.onerror = () => resolve();
      r.onblocked = () => resolve();
    });
    location.reload();
  }
}
