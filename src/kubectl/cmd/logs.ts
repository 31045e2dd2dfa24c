/**
 * `kubectl logs` (kubectl pkg/cmd/logs + polymorphichelpers logsforobject/attachablepodforobject):
 * a pod, or `TYPE/NAME` of a workload or service resolved to one of its pods (`Found 3 pods, using
 * pod/x`), or `-l` for several pods (`--prefix`, `--max-log-requests`); `-c`, `--all-containers`,
 * `--previous`, `--tail`, `--since`, `--timestamps`, `--limit-bytes`; `-f` polls the log subresource
 * every second on the cluster clock and prints what is new until `io.signal` aborts or the pod is gone.
 * Errors as kubectl prints them (`error: error from server (NotFound): pods "x" not found in namespace
 * "default"`, the client-side `error: container x is not valid for pod y`, the server's
 * `Error from server (BadRequest): container "c" in pod "p" is waiting to start: ContainerCreating`).
 * Leaves out: `--since-time`, `--pod-running-timeout` waiting, `--ignore-errors`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { parseGoDuration } from '../framework/flags';
import { resourcePath } from '../framework/client';
import { helpFor } from './help-texts';

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

function selectorString(m: Record<string, string>): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');
}

/** The pods a `TYPE/NAME` stands for (the controller's selector), best first. */
async function podsFor(inv: Invocation, obj: KubeObject, kind: string): Promise<Pod[]> {
  const spec = (obj.spec ?? {}) as {
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
  };
  let sel: Record<string, string> | undefined;
  if (kind === 'Service' || kind === 'ReplicationController') sel = spec.selector as Record<string, string>;
  else if (kind === 'Job')
    sel = (spec.selector as { matchLabels?: Record<string, string> })?.matchLabels ?? {
      'batch.kubernetes.io/controller-uid': obj.metadata.uid ?? '',
    };
  else sel = (spec.selector as { matchLabels?: Record<string, string> })?.matchLabels;
  if (!sel || !Object.keys(sel).length)
    throw new CmdError(`cannot get the logs from ${kind}: selector is empty`);
  const l = await inv.client.get<{ items: Pod[] }>(`/api/v1/namespaces/${inv.namespace}/pods`, {
    labelSelector: selectorString(sel),
  });
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : p.spec?.nodeName ? 1 : 2);
  return [...l.items].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Date.parse(b.metadata?.creationTimestamp ?? '') - Date.parse(a.metadata?.creationTimestamp ?? ''),
  );
}

async function fetchLog(
  inv: Invocation,
  pod: Pod,
  container: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const q: Record<string, string> = { container, ...extra };
  if (inv.flags.bool('previous')) q.previous = 'true';
  if (inv.flags.bool('timestamps')) q.timestamps = 'true';
  if (inv.flags.changed('tail') && inv.flags.int('tail') >= 0 && !extra.sinceSeconds)
    q.tailLines = String(inv.flags.int('tail'));
  // --since defaults to 0s, which means no limit; otherwise the duration rounded to whole seconds.
  const sinceMs = parseGoDuration(inv.flags.string('since') || '0s') ?? 0;
  if (sinceMs !== 0 && !extra.sinceSeconds) q.sinceSeconds = String(Math.round(sinceMs / 1000));
  if (inv.flags.int('limit-bytes') > 0) q.limitBytes = String(inv.flags.int('limit-bytes'));
  // Server errors (a container still waiting to start is a BadRequest) print as `Error from server`.
  const body = await inv.client.get<unknown>(
    `/api/v1/namespaces/${pod.metadata?.namespace}/pods/${pod.metadata?.name}/log`,
    q,
  );
  return typeof body === 'string' ? body : '';
}

/**
 * The containers to read (logsforobject): all of them with --all-containers; else the one named
 * (checked here: `container x is not valid for pod y`), the default-container annotation's, or the
 * first, with a `Defaulted container` note when the pod has more than one to choose from.
 */
function containersOf(inv: Invocation, pod: Pod): string[] {
  const spec = pod.spec;
  const names = (spec?.containers ?? []).map((x) => x.name);
  const init = (spec?.initContainers ?? []).map((x) => x.name);
  const ephemeral = (spec?.ephemeralContainers ?? []).map((x) => x.name);
  if (inv.flags.bool('all-containers')) return [...init, ...names, ...ephemeral];
  const c = inv.flags.string('container');
  if (c) {
    if (![...names, ...init, ...ephemeral].includes(c))
      throw new CmdError(`container ${c} is not valid for pod ${pod.metadata?.name}`);
    return [c];
  }
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && [...names, ...init, ...ephemeral].includes(annotated)) return [annotated];
  if (!names.length) return [];
  if (names.length > 1 || init.length || ephemeral.length) {
    const all = [...names, ...ephemeral.map((n) => `${n} (ephem)`), ...init.map((n) => `${n} (init)`)];
    inv.err(`Defaulted container ${JSON.stringify(names[0])} out of: ${all.join(', ')}\n`);
  }
  return [names[0]];
}

async function streamPods(inv: Invocation, pods: Pod[], prefix: boolean): Promise<number> {
  const follow = inv.flags.bool('follow');
  const seen = new Map<string, number>();
  const emit = (pod: Pod, c: string, text: string) => {
    if (!text) return;
    if (!prefix) return inv.out(text);
    const tag = `[pod/${pod.metadata?.name}/${c}] `;
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    inv.out(lines.map((l) => tag + l).join('\n') + '\n');
  };
  for (const pod of pods)
    for (const c of containersOf(inv, pod)) {
      const text = await fetchLog(inv, pod, c);
      seen.set(`${pod.metadata?.name}/${c}`, text.length);
      emit(pod, c, text);
    }
  if (!follow) return 0;
  // Follow: poll every second (cluster time) until aborted or every pod is gone.
  for (;;) {
    const aborted = await new Promise<boolean>((resolve) => {
      if (inv.io.signal?.aborted) return resolve(true);
      const t = inv.ctx.clock.setTimeout(() => {
        inv.io.signal?.removeEventListener('abort', onAbort);
        resolve(false);
      }, 1000);
      const onAbort = () => {
        inv.ctx.clock.clearTimeout(t);
        resolve(true);
      };
      inv.io.signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (aborted) return 0;
    let alive = 0;
    for (const pod of pods) {
      for (const c of containersOf({ ...inv, err: () => {} } as Invocation, pod)) {
        let text: string;
        try {
          text = await fetchLog(inv, pod, c);
        } catch {
          continue;
        }
        alive++;
        const key = `${pod.metadata?.name}/${c}`;
        const before = seen.get(key) ?? 0;
        if (text.length > before) emit(pod, c, text.slice(before));
        seen.set(key, text.length);
      }
    }
    if (alive === 0) return 0;
  }
}

async function runLogs(inv: Invocation): Promise<number> {
  const sel = inv.flags.string('selector');
  if ((inv.args.length === 0 && !sel) || inv.args.length > 2 || (sel && inv.args.length > 0))
    throw new UsageError(USAGE);
  if (sel) {
    const l = await inv.client.get<{ items: Pod[] }>(
      inv.flags.bool('all-namespaces') ? '/api/v1/pods' : `/api/v1/namespaces/${inv.namespace}/pods`,
      { labelSelector: sel },
    );
    if (!l.items.length) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    const max = inv.flags.int('max-log-requests');
    const streams = l.items.length * (inv.flags.bool('all-containers') ? 2 : 1);
    if (inv.flags.bool('follow') && streams > max)
      throw new CmdError(
        `you are attempting to follow ${streams} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`,
      );
    return streamPods(inv, l.items, inv.flags.bool('prefix'));
  }
  let podName = inv.args[0];
  let type = 'pods';
  if (podName.includes('/')) [type, podName] = podName.split('/');
  if (inv.args.length === 2)
    inv.flags.set(
      inv.flags.defs.find((d) => d.name === 'container')!,
      inv.args[1],
    );
  const r = await inv.client.resolveType(type);
  let obj: KubeObject;
  try {
    obj = await inv.client.get<KubeObject>(resourcePath(r, inv.namespace, podName));
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'NotFound')
      throw new CmdError(
        `error from server (NotFound): ${e.message} in namespace ${JSON.stringify(inv.namespace)}`,
      );
    throw e;
  }
  let pod = obj as Pod;
  if (r.kind !== 'Pod') {
    const pods = await podsFor(inv, obj, r.kind);
    if (!pods.length) throw new CmdError(`timed out waiting for the condition`);
    pod = pods[0];
    if (pods.length > 1) inv.err(`Found ${pods.length} pods, using pod/${pod.metadata?.name}\n`);
  }
  return streamPods(inv, [pod], inv.flags.bool('prefix'));
}

/** `kubectl logs`. */
export const logsCommand: Command = { ...helpFor('logs'), run: runLogs };
