/**
 * Runs a pod through a PodWorker on a VirtualClock and records what happens — the (time, pod status,
 * events) sequence of a stage golden file (KWOK's testdata/*.input.yaml → *.output.yaml). Used by
 * stages.test.ts; the input format is documented in src/node/README.md.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { VirtualClock } from '../../runtime/clock';
import { SeededRng } from '../../runtime/rng';
import { TraceBus, Tracer } from '../../runtime/trace';
import { ContainerRuntime } from '../runtime/container-runtime';
import { resolveImage } from '../runtime/registry';
import { PodWorker } from './pod-worker';

/** A golden case's input. */
export interface GoldenInput {
  pod: Pod;
  /** How long to run, in seconds. */
  runFor: number;
  /** Images already on the node. */
  preloaded?: string[];
  /** Actions at given seconds: delete the pod (with a grace period), or dump the logs of a container. */
  actions?: Array<{ at: number; delete?: { gracePeriodSeconds?: number }; logs?: string }>;
  seed?: string;
}

/** One recorded instant. */
export interface GoldenEntry {
  at: string;
  events?: string[];
  status?: Record<string, unknown>;
  deleted?: true;
  logs?: string[];
}

/** A compact, readable view of a pod status (every field the lifecycle changes). */
export function condense(s: PodStatus): Record<string, unknown> {
  const term = (x: { terminated?: { exitCode: number; reason?: string } } | undefined) =>
    x?.terminated ? `terminated ${x.terminated.exitCode} ${x.terminated.reason ?? ''}`.trim() : undefined;
  const cs = (list: PodStatus['containerStatuses']) =>
    Object.fromEntries(
      (list ?? []).map((c) => {
        const st = c.state ?? {};
        const state = st.running
          ? 'running'
          : st.waiting
            ? `waiting ${st.waiting.reason ?? ''}${st.waiting.message ? `: ${st.waiting.message}` : ''}`
            : (term(st) ?? '?');
        const out: Record<string, unknown> = {
          state,
          ready: c.ready,
          started: c.started,
          restartCount: c.restartCount,
        };
        const last = term(c.lastState);
        if (last) out.lastState = last;
        return [c.name, out];
      }),
    );
  const out: Record<string, unknown> = {
    phase: s.phase,
    conditions: (s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`),
  };
  if (s.podIP) out.podIP = s.podIP;
  if (s.initContainerStatuses) out.initContainers = cs(s.initContainerStatuses);
  out.containers = cs(s.containerStatuses);
  return out;
}

/** Runs the case; returns the recorded entries. */
export function runGolden(input: GoldenInput): GoldenEntry[] {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const rng = new SeededRng(input.seed ?? 'golden');
  const runtime = new ContainerRuntime({
    node: 'node-1',
    clock,
    rng: rng.fork('runtime'),
    tracer: new Tracer('kubelet/node-1', new TraceBus(), () => clock.now()),
  });
  for (const img of input.preloaded ?? []) {
    const r = resolveImage(img);
    if (r.ok) runtime.storeImage(r.image);
  }
  const entries: GoldenEntry[] = [];
  const entry = (): GoldenEntry => {
    const at = `${((clock.now() - t0) / 1000).toFixed(3)}s`;
    const last = entries[entries.length - 1];
    if (last && last.at === at) return last;
    const e: GoldenEntry = { at };
    entries.push(e);
    return e;
  };
  let ipN = 1;
  let deleted = false;
  const pod = structuredClone(input.pod);
  pod.metadata = { uid: '00000000-0000-4000-8000-000000000001', namespace: 'default', ...pod.metadata };
  pod.spec = { nodeName: 'node-1', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, ...pod.spec! };
  const worker = new PodWorker(pod, {
    clock,
    rng: rng.fork('kubelet'),
    runtime,
    nodeIP: '172.18.0.3',
    allocateIP: () => `10.244.1.${++ipN}`,
    releaseIP: () => {},
    sink: {
      status: (s) => {
        entry().status = condense(s);
      },
      event: (type, reason, message, fieldPath) => {
        const e = entry();
        (e.events ??= []).push(`${type} ${reason} ${fieldPath ?? ''}: ${message}`);
      },
      deletePod: () => {
        deleted = true;
        entry().deleted = true;
      },
    },
  });
  worker.start();
  const actions = [...(input.actions ?? [])].sort((a, b) => a.at - b.at);
  const end = t0 + input.runFor * 1000;
  for (;;) {
    const nextTimer = clock.nextDue() ?? Infinity;
    const nextAction = actions.length ? t0 + actions[0].at * 1000 : Infinity;
    const next = Math.min(nextTimer, nextAction);
    if (next > end || deleted) break;
    clock.jumpTo(next);
    if (nextAction <= nextTimer && actions.length) {
      const a = actions.shift()!;
      if (a.delete) {
        const cur = structuredClone(worker.current);
        const grace = a.delete.gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30;
        cur.metadata = {
          ...cur.metadata,
          deletionTimestamp: new Date(clock.now() + grace * 1000).toISOString(),
          deletionGracePeriodSeconds: grace,
        };
        worker.update(cur);
      }
      if (a.logs) {
        const c = worker.containers(a.logs);
        entry().logs = (c.current?.logs ?? []).map((l) => l.text);
      }
      continue;
    }
    clock.fireDue();
  }
  worker.stop();
  return entries;
}
