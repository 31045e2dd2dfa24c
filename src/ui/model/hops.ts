/**
 * Trace records as the graph draws them: which picture element each end of a hop is (`kubelet/node-1`,
 * the user, etcd …), and the short label written along the edge (`POST pods`, `watch ADDED pods`,
 * `txn put /registry/pods/default/nginx rev 42`, `bind → node-2`, `pull nginx:1.27`, `PATCH status`).
 * Pure functions; no cluster logic (the records come from the components' tracers).
 */
import type { TraceKind, TraceRecord } from '../../runtime/trace';

/** Trace endpoints of the page's own plumbing (its watches, the etcd browser, lesson checks): not drawn. */
export const HIDDEN_ENDPOINTS: ReadonlySet<string> = new Set(['ui', 'etcd-browser', 'lessons']);

/** The control-plane elements of the picture. */
export const CONTROL_PLANE = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'] as const;

/** The graph element id of the user (kubectl, the page's own actions, any other client). */
export const USER = 'user';

/** The per-node agents drawn inside each node. */
export const NODE_AGENTS = ['kubelet', 'kube-proxy', 'containerd'] as const;

/**
 * The graph element a trace endpoint is drawn at, or undefined for hidden endpoints. Per-node agents
 * keep their `agent/node` name; the control-plane components keep theirs; anything else is the user.
 */
export function endpointId(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return USER;
  if (HIDDEN_ENDPOINTS.has(name)) return undefined;
  if ((CONTROL_PLANE as readonly string[]).includes(name)) return name;
  const slash = name.indexOf('/');
  if (slash > 0 && (NODE_AGENTS as readonly string[]).includes(name.slice(0, slash))) return name;
  return USER;
}

/** The node a per-node endpoint belongs to (`kubelet/node-1` → `node-1`). */
export function nodeOfEndpoint(id: string): string | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || !(NODE_AGENTS as readonly string[]).includes(id.slice(0, slash))) return undefined;
  return id.slice(slash + 1);
}

/** Context a label may use: the node the scheduler picked for a pod (`ns/name` → node). */
export interface LabelContext {
  selectedNode?: (namespace: string | undefined, name: string | undefined) => string | undefined;
}

function subresourceOf(resource: string | undefined): [string | undefined, string | undefined] {
  if (!resource) return [undefined, undefined];
  const i = resource.indexOf('/');
  return i < 0 ? [resource, undefined] : [resource.slice(0, i), resource.slice(i + 1)];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The label drawn along the edge for one record. */
export function hopLabel(r: TraceRecord, ctx: LabelContext = {}): string {
  const [res, sub] = subresourceOf(r.resource);
  switch (r.kind) {
    case 'request': {
      if (sub === 'binding') {
        const node = ctx.selectedNode?.(r.namespace, r.name);
        return node ? `bind → ${node}` : `bind ${r.name ?? ''}`.trim();
      }
      if (sub) return `${r.verb} ${sub}`;
      const watch = r.detail?.query && (r.detail.query as Record<string, unknown>).watch === 'true';
      return `${watch ? 'WATCH' : r.verb} ${res ?? str(r.detail?.path) ?? ''}`.trim();
    }
    case 'response':
      return r.verb;
    case 'stage':
      return r.verb;
    case 'etcd': {
      const key = str(r.detail?.key);
      return [r.verb, key, r.revision !== undefined ? `rev ${r.revision}` : undefined]
        .filter(Boolean)
        .join(' ');
    }
    case 'watch':
      return `watch ${r.verb}${res ? ` ${res}` : ''}`;
    case 'decision': {
      const selected = r.detail && 'selected' in r.detail ? str(r.detail.selected) : undefined;
      if (r.to === 'kube-scheduler' && r.detail && 'filter' in r.detail)
        return selected ? `bind → ${selected}` : 'unschedulable';
      return r.verb;
    }
    case 'runtime': {
      if (r.verb === 'pull') return `pull ${r.name ?? ''}`.trim();
      const name = r.name?.split('/').pop();
      return `${r.verb}${name ? ` ${name}` : ''}`;
    }
    case 'lifecycle':
      return `${r.verb}${r.name ? ` ${r.name}` : ''}`;
  }
}

/**
 * The coarse label of a record, for aggregation: names and revisions dropped (`txn put pods`,
 * `watch MODIFIED pods`, `POST pods`).
 */
export function hopGroupLabel(r: TraceRecord): string {
  const [res, sub] = subresourceOf(r.resource);
  switch (r.kind) {
    case 'request':
      return sub === 'binding' ? 'bind' : sub ? `${r.verb} ${sub}` : `${r.verb} ${res ?? ''}`.trim();
    case 'etcd':
      return `${r.verb}${res ? ` ${res}` : ''}`;
    case 'watch':
      return `watch ${r.verb}${res ? ` ${res}` : ''}`;
    case 'runtime':
      return r.verb;
    case 'decision':
      return r.to === 'kube-scheduler' ? 'schedule' : r.verb;
    default:
      return r.verb;
  }
}

/** One hop to draw: one record, or several similar records aggregated when they came too fast. */
export interface Hop {
  /** Sequence number in the order hops were queued. */
  seq: number;
  /** Ids of the records this hop stands for (one unless aggregated). */
  ids: string[];
  kind: TraceKind;
  from: string;
  to: string;
  label: string;
  /** Coarse label shared by hops that may be aggregated. */
  group: string;
  /** Number of records (1 unless aggregated). */
  count: number;
  /** The first record (for narration and inspection). */
  record: TraceRecord;
}

/** The hop for a record, or undefined when either end is hidden (the page's own plumbing). */
export function toHop(r: TraceRecord, seq: number, ctx: LabelContext = {}): Hop | undefined {
  const to = endpointId(r.to);
  // A component's own decision or lifecycle step happens where it is (`to`), whoever emitted it.
  const from = r.kind === 'decision' || r.kind === 'lifecycle' ? to : endpointId(r.from);
  if (from === undefined || to === undefined) return undefined;
  return {
    seq,
    ids: [r.id],
    kind: r.kind,
    from,
    to,
    label: hopLabel(r, ctx),
    group: hopGroupLabel(r),
    count: 1,
    record: r,
  };
}
