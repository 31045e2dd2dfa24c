/**
 * What survives the page reload with which a lesson replaces the learner's cluster: the nodes of the
 * cluster in each database (localStorage, so later visits start the same node workers), and the
 * lesson whose start the reload is part of (sessionStorage: this tab only, consumed once). Small and
 * free of lesson code, so the page's entry can read it before the supervisor starts.
 */
import type { NodeConfig } from '../../node/kubelet/node-registration';

/** The part of the Web Storage API used here. */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const NODES_PREFIX = 'kubelab.cluster.nodes.';
const PENDING_KEY = 'kubelab.lesson.pending';

/** A lesson start interrupted by the reload that replaced the cluster. */
export interface PendingLesson {
  /** The lesson's folder (`03-first-pod`). */
  dir: string;
  /** The lesson's setup as JSON (the start goes on only for the same setup). */
  setup: string;
  /** Files of a lesson folder the learner opened from disk (path → text), when not a bundled lesson. */
  folder?: Record<string, string>;
}

function read<T>(storage: KeyValue | undefined, key: string): T | undefined {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: KeyValue | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the default cluster is used after the reload
  }
}

/** The nodes a lesson set up for the cluster in `dbName`; undefined: the default nodes. */
export function savedNodes(storage: KeyValue | undefined, dbName: string): NodeConfig[] | undefined {
  const v = read<unknown>(storage, NODES_PREFIX + dbName);
  if (!Array.isArray(v) || !v.every((n) => typeof (n as NodeConfig)?.name === 'string')) return undefined;
  return v as NodeConfig[];
}

/** Remembers the nodes of the cluster in `dbName` (undefined: back to the default nodes). */
export function saveNodes(
  storage: KeyValue | undefined,
  dbName: string,
  nodes: NodeConfig[] | undefined,
): void {
  write(storage, NODES_PREFIX + dbName, nodes);
}

/** The lesson start this page load continues, if any (left in place; see `setPendingLesson`). */
export function pendingLesson(storage: KeyValue | undefined): PendingLesson | undefined {
  const v = read<PendingLesson>(storage, PENDING_KEY);
  return v && typeof v.dir === 'string' && typeof v.setup === 'string' ? v : undefined;
}

/** Records (or, with undefined, clears) the lesson start the next page load continues. */
export function setPendingLesson(storage: KeyValue | undefined, p: PendingLesson | undefined): void {
  write(storage, PENDING_KEY, p);
}

/** localStorage / sessionStorage, or undefined where they are disabled. */
export function webStorage(kind: 'local' | 'session'): KeyValue | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
