/**
 * The kubelet's side of `kubectl logs` (upstream pkg/kubelet/kubelet_pods.go validateContainerLogStatus
 * + the CRI log reader): picks the current or previous container, refuses with the kubelet's own
 * texts, and applies tailLines / sinceSeconds / timestamps / limitBytes. Leaves out `follow`.
 */
import type { Container, LogLine } from '../runtime/container-runtime';

/** Parameters the apiserver forwards (query strings as strings). */
export interface LogParams {
  namespace?: string;
  pod?: string;
  container?: string;
  previous?: string | boolean;
  tailLines?: string | number;
  sinceSeconds?: string | number;
  timestamps?: string | boolean;
  limitBytes?: string | number;
}

/** What the worker knows of one container. */
export interface LogSource {
  current?: Container;
  previous?: Container;
  /** Waiting reason shown for the container, if it is waiting. */
  waiting?: string;
}

const truthy = (v: unknown) => v === true || v === 'true' || v === '1';

/** RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

/** The log text for a request, or throws an Error with the kubelet's message. */
export function readLogs(src: LogSource, p: LogParams, now: number): string {
  const c = p.container ?? '';
  const pod = p.pod ?? '';
  const cur = src.current;
  const curExitedWaiting = cur?.state === 'exited' && !!src.waiting;
  let target: Container | undefined;
  if (truthy(p.previous)) {
    target = curExitedWaiting ? cur : src.previous;
    if (!target) throw new Error(`previous terminated container "${c}" in pod "${pod}" not found`);
  } else if (cur && cur.state !== 'created' && !(src.waiting && cur.state !== 'exited')) {
    target = cur;
  } else if (src.waiting && (curExitedWaiting || src.previous)) {
    target = curExitedWaiting ? cur : src.previous;
  } else {
    const reason = src.waiting ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? "image can't be pulled" : reason;
    throw new Error(`container "${c}" in pod "${pod}" is waiting to start: ${why}`);
  }
  if (!target) throw new Error(`container "${c}" in pod "${pod}" is waiting to start: ContainerCreating`);
  let lines: LogLine[] = target.logs;
  if (p.sinceSeconds !== undefined) {
    const since = now - Number(p.sinceSeconds) * 1000;
    lines = lines.filter((l) => l.time >= since);
  }
  if (p.tailLines !== undefined) {
    const n = Number(p.tailLines);
    lines = n <= 0 ? [] : lines.slice(-n);
  }
  const ts = truthy(p.timestamps);
  let text = lines.map((l) => (ts ? `${rfc3339Nano(l.time)} ${l.text}\n` : `${l.text}\n`)).join('');
  if (p.limitBytes !== undefined) text = text.slice(0, Number(p.limitBytes));
  return text;
}
