/**
 * The cluster as a picture: the elements (ids, parents, labels, classes, positions) the graph view
 * draws for the control plane, the user, each node with its kubelet, kube-proxy, container runtime
 * and pods, and unscheduled pods. Pods are grouped per node when there are too many to draw one by
 * one. Positions are a fixed, deterministic grid so the picture does not jump when objects come
 * and go. Pure: the view diffs these against what it drew last.
 */
import { CONTROL_PLANE, USER } from './hops';

/** One drawable element. */
export interface GraphElement {
  id: string;
  parent?: string;
  label: string;
  /** Space-separated classes: kind (`component`, `node`, `agent`, `pod`, `pod-group`, `controller`, `edge`) and state. */
  classes: string;
  /** Edges only. */
  source?: string;
  target?: string;
  position?: { x: number; y: number };
  /** What clicking it selects. */
  ref?: { kind: 'component' | 'node' | 'pod' | 'pods'; name: string; namespace?: string };
}

/** The little of a Node the picture needs. */
export interface NodeView {
  name: string;
  ready: boolean;
  unschedulable: boolean;
  /** The node's worker state, when a worker hosts it (`running`, `stopped`, …). */
  worker?: string;
}

/** The little of a Pod the picture needs. */
export interface PodView {
  namespace: string;
  name: string;
  node?: string;
  /** Phase, or `Terminating`. */
  phase: string;
}

/** Options of the picture. */
export interface GraphOptions {
  /** Draw pods one by one while the total is at most this (default 400) … */
  maxPods?: number;
  /** … and a node holds at most this many (default 40); otherwise one group per node. */
  maxPodsPerNode?: number;
  /** Nodes per row (default 5). */
  nodesPerRow?: number;
  /** The picture's own words, in the page's language (English by default). */
  words?: GraphWords;
}

/** Words the graph draws itself (component and object names stay as Kubernetes spells them). */
export interface GraphWords {
  user: string;
  controlPlane: string;
  notScheduled: string;
  pendingPods: (n: number) => string;
  podsOnNode: (n: number, running: number) => string;
}

/** The English words. */
export const ENGLISH_GRAPH_WORDS: GraphWords = {
  user: 'you / kubectl',
  controlPlane: 'control plane',
  notScheduled: 'not scheduled yet',
  pendingPods: (n) => `${n} pending pods`,
  podsOnNode: (n, running) => `${n} pods (${running} running)`,
};

/** The controllers drawn inside kube-controller-manager (the busiest ones; hops go to the manager). */
export const SHOWN_CONTROLLERS = [
  'deployment',
  'replicaset',
  'daemonset',
  'job',
  'endpointslice',
  'node-lifecycle',
  'garbage-collector',
  'namespace',
];

/** The element id of a pod. */
export const podId = (ns: string, name: string): string => `pod:${ns}/${name}`;
/** The element id of a node's box. */
export const nodeId = (name: string): string => `node:${name}`;

const POD_COLS = 5;
const POD_GAP = 34;
const NODE_W = 230;
const NODE_GAP_X = 40;
const AGENT_ROW = 56;

function podClass(phase: string): string {
  return `pod phase-${phase.toLowerCase()}`;
}

/** Builds the picture. `components` maps component names to their worker state. */
export function buildGraph(
  components: ReadonlyMap<string, string>,
  nodes: readonly NodeView[],
  pods: readonly PodView[],
  opts: GraphOptions = {},
): GraphElement[] {
  const maxPods = opts.maxPods ?? 400;
  const maxPerNode = opts.maxPodsPerNode ?? 40;
  const perRow = opts.nodesPerRow ?? 5;
  const out: GraphElement[] = [];
  const stateOf = (n: string) => components.get(n) ?? 'unknown';
  const w = opts.words ?? ENGLISH_GRAPH_WORDS;

  // Control plane and the user.
  out.push({
    id: USER,
    label: w.user,
    classes: 'component user',
    position: { x: 0, y: 0 },
    ref: { kind: 'component', name: USER },
  });
  const cpPos: Record<(typeof CONTROL_PLANE)[number], { x: number; y: number }> = {
    'kube-apiserver': { x: 300, y: 0 },
    etcd: { x: 620, y: 0 },
    'kube-scheduler': { x: 160, y: 150 },
    'kube-controller-manager': { x: 520, y: 170 },
  };
  out.push({ id: 'control-plane-box', label: w.controlPlane, classes: 'plane' });
  for (const c of CONTROL_PLANE) {
    if (c === 'kube-controller-manager') {
      out.push({
        id: c,
        parent: 'control-plane-box',
        label: c,
        classes: `component manager state-${stateOf(c)}`,
        ref: { kind: 'component', name: c },
      });
      SHOWN_CONTROLLERS.forEach((name, i) => {
        out.push({
          id: `controller:${name}`,
          parent: c,
          label: name,
          classes: 'controller',
          position: { x: cpPos[c].x - 150 + (i % 4) * 100, y: cpPos[c].y + Math.floor(i / 4) * 40 },
          ref: { kind: 'component', name: c },
        });
      });
      continue;
    }
    out.push({
      id: c,
      parent: 'control-plane-box',
      label: c,
      classes: `component state-${stateOf(c)}`,
      position: cpPos[c],
      ref: { kind: 'component', name: c },
    });
  }
  out.push({ id: 'e:user-api', source: USER, target: 'kube-apiserver', label: '', classes: 'edge' });
  out.push({ id: 'e:api-etcd', source: 'kube-apiserver', target: 'etcd', label: '', classes: 'edge' });
  out.push({
    id: 'e:sched-api',
    source: 'kube-scheduler',
    target: 'kube-apiserver',
    label: '',
    classes: 'edge',
  });
  out.push({
    id: 'e:kcm-api',
    source: 'kube-controller-manager',
    target: 'kube-apiserver',
    label: '',
    classes: 'edge',
  });

  // Pods by node.
  const byNode = new Map<string, PodView[]>();
  const unscheduled: PodView[] = [];
  for (const p of pods) {
    if (!p.node) unscheduled.push(p);
    else {
      let l = byNode.get(p.node);
      if (!l) byNode.set(p.node, (l = []));
      l.push(p);
    }
  }
  const groupAll = pods.length > maxPods;

  // Unscheduled pods, under the scheduler.
  if (unscheduled.length) {
    out.push({ id: 'pending-box', label: w.notScheduled, classes: 'pending-box' });
    if (groupAll || unscheduled.length > maxPerNode) {
      out.push({
        id: 'pods:pending',
        parent: 'pending-box',
        label: w.pendingPods(unscheduled.length),
        classes: 'pod-group phase-pending',
        position: { x: -100, y: 300 },
        ref: { kind: 'pods', name: '' },
      });
    } else {
      unscheduled.forEach((p, i) =>
        out.push({
          id: podId(p.namespace, p.name),
          parent: 'pending-box',
          label: p.name,
          classes: podClass(p.phase),
          position: { x: -160 + (i % POD_COLS) * POD_GAP, y: 280 + Math.floor(i / POD_COLS) * POD_GAP },
          ref: { kind: 'pod', name: p.name, namespace: p.namespace },
        }),
      );
    }
  }

  // Nodes in rows.
  const top = 340;
  let rowY = top;
  for (let r = 0; r * perRow < nodes.length; r++) {
    const row = nodes.slice(r * perRow, (r + 1) * perRow);
    let rowH = 0;
    row.forEach((n, i) => {
      const x = i * (NODE_W + NODE_GAP_X) + 40;
      const id = nodeId(n.name);
      const state = [
        n.ready ? 'ready' : 'notready',
        n.unschedulable ? 'cordoned' : '',
        n.worker ? `state-${n.worker}` : 'no-worker',
      ]
        .filter(Boolean)
        .join(' ');
      out.push({ id, label: n.name, classes: `node ${state}`, ref: { kind: 'node', name: n.name } });
      const agents: Array<[string, string]> = [
        ['kubelet', 'kubelet'],
        ['kube-proxy', 'kube-proxy'],
        ['containerd', 'runtime'],
      ];
      agents.forEach(([a, label], k) => {
        out.push({
          id: `${a}/${n.name}`,
          parent: id,
          label,
          classes: `agent agent-${a}`,
          position: { x: x - 70 + k * 70, y: rowY },
          ref: { kind: 'node', name: n.name },
        });
      });
      out.push({
        id: `e:${n.name}:kubelet-api`,
        source: `kubelet/${n.name}`,
        target: 'kube-apiserver',
        label: '',
        classes: 'edge node-edge',
      });
      out.push({
        id: `e:${n.name}:proxy-api`,
        source: `kube-proxy/${n.name}`,
        target: 'kube-apiserver',
        label: '',
        classes: 'edge node-edge',
      });
      out.push({
        id: `e:${n.name}:kubelet-cri`,
        source: `kubelet/${n.name}`,
        target: `containerd/${n.name}`,
        label: '',
        classes: 'edge cri-edge',
      });
      const mine = byNode.get(n.name) ?? [];
      let h = AGENT_ROW;
      if (groupAll || mine.length > maxPerNode) {
        const running = mine.filter((p) => p.phase === 'Running').length;
        out.push({
          id: `pods:${n.name}`,
          parent: id,
          label: w.podsOnNode(mine.length, running),
          classes: 'pod-group',
          position: { x, y: rowY + AGENT_ROW },
          ref: { kind: 'pods', name: n.name },
        });
        h += 30;
      } else {
        mine.forEach((p, j) =>
          out.push({
            id: podId(p.namespace, p.name),
            parent: id,
            label: p.name,
            classes: podClass(p.phase),
            position: {
              x: x - 2 * POD_GAP + (j % POD_COLS) * POD_GAP,
              y: rowY + AGENT_ROW + Math.floor(j / POD_COLS) * POD_GAP,
            },
            ref: { kind: 'pod', name: p.name, namespace: p.namespace },
          }),
        );
        h += Math.ceil(mine.length / POD_COLS) * POD_GAP;
      }
      rowH = Math.max(rowH, h);
    });
    rowY += rowH + 90;
  }
  return out;
}
