/**
 * The pod lifecycle as declarative stages, KWOK style: each stage says which container state it
 * applies to (`when`), how long after that state is reached it fires (`delay`, with jitter from the
 * Rng), and what it does (`next`: the new state and the events, as the real kubelet's sync loop does
 * them in pkg/kubelet/kuberuntime and pkg/kubelet/images). The pod worker (pod-worker.ts) runs them on
 * the cluster clock. Teaching knobs (pull bandwidth, back-off) are constants here, not code forks.
 */
import type { Container as ContainerSpec } from 'kubernetes-types/core/v1';
import { defaultPullPolicy } from '../runtime/images';
import { resolveImage, type ResolvedImage } from '../runtime/registry';
import type { Container, StoredImage } from '../runtime/container-runtime';

/** Back-off of container restarts and image pulls (kubelet: 10 s doubling to 300 s). */
export const BACKOFF = { initialMs: 10_000, maxMs: 300_000 } as const;
/** How long after an exit (or a failed pull) the kubelet's next sync notices it (PLEG relist ≈ 1 s). */
export const SYNC_DELAY_MS = 1_000;

/** Where one container is in its life. */
export type Step =
  | 'waiting' // about to ensure the image
  | 'pulling'
  | 'pull-error' // ErrImagePull
  | 'pull-backoff' // ImagePullBackOff
  | 'stuck' // InvalidImageName / ErrImageNeverPull: nothing more happens
  | 'creating'
  | 'created'
  | 'running'
  | 'exited'
  | 'crash-backoff' // CrashLoopBackOff
  | 'done'; // exited and will not restart

/** A kubelet back-off entry (client-go flowcontrol.Backoff semantics). */
export interface Backoff {
  durationMs: number;
  lastUpdate: number;
}

/** True when `eventTime` is still inside the back-off window at `now`. */
export function inBackoff(b: Backoff | undefined, eventTime: number, now: number): boolean {
  if (!b) return false;
  if (eventTime - b.lastUpdate > 2 * BACKOFF.maxMs) return false;
  return now - eventTime < b.durationMs;
}

/** The next back-off entry after an event at `eventTime`: initial, doubled, capped, reset after 2×max. */
export function nextBackoff(b: Backoff | undefined, eventTime: number): Backoff {
  if (!b || eventTime - b.lastUpdate > 2 * BACKOFF.maxMs)
    return { durationMs: BACKOFF.initialMs, lastUpdate: eventTime };
  return { durationMs: Math.min(b.durationMs * 2, BACKOFF.maxMs), lastUpdate: eventTime };
}

/** One container of a pod as the worker tracks it. */
export interface Track {
  spec: ContainerSpec;
  init: boolean;
  /** An init container with restartPolicy Always. */
  sidecar: boolean;
  step: Step;
  restartCount: number;
  waiting?: { reason: string; message?: string };
  /** The current container in the runtime. */
  container?: Container;
  /** The previous, exited container (lastState). */
  last?: Container;
  image?: StoredImage;
  resolved?: ResolvedImage;
  pullMs?: number;
  pullError?: string;
  pullBackoff?: Backoff;
  pullFailedAt?: number;
  crashBackoff?: Backoff;
  started: boolean;
  ready: boolean;
  /** Set when the kubelet kills it (liveness/startup failure). */
  killReason?: string;
}

/** What a stage can do to the pod. */
export interface StageContext {
  now(): number;
  rng(): number;
  event(t: Track, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Pulls into / reads from the node's image store. */
  pullTime(img: ResolvedImage): number;
  storeImage(img: ResolvedImage): StoredImage;
  storedImage(img: ResolvedImage): StoredImage | undefined;
  /** CreateContainer + StartContainer through the runtime. */
  create(t: Track): void;
  start(t: Track): 'running' | 'exited' | 'error';
  restartPolicyAllows(t: Track): boolean;
  /** `name_namespace(uid)` as the kubelet formats a pod. */
  podRef: string;
}

/** One stage (KWOK's Stage: selector, delay with jitter, next). */
export interface Stage {
  name: string;
  when(t: Track, ctx: StageContext): boolean;
  /** Delay in ms after the state was reached (jitter comes from `ctx.rng`). */
  delay(t: Track, ctx: StageContext): number;
  next(t: Track, ctx: StageContext): void;
}

const jitter = (ctx: StageContext, base: number, spread: number) => base + Math.floor(ctx.rng() * spread);

/** Image pull policy in effect (the apiserver defaults it; computed here when absent). */
export function pullPolicy(spec: ContainerSpec): string {
  return spec.imagePullPolicy ?? defaultPullPolicy(spec.image ?? '');
}

/** The kubelet's container stages, in the order they are tried. */
export const STAGES: readonly Stage[] = [
  {
    name: 'ensure-image',
    when: (t) => t.step === 'waiting',
    delay: (t, ctx) => jitter(ctx, t.restartCount === 0 && !t.pullFailedAt ? 0 : 0, 20),
    next(t, ctx) {
      const raw = t.spec.image ?? '';
      const r = resolveImage(raw);
      if (!r.ok && r.reason === 'InvalidImageName') {
        ctx.event(t, 'Warning', 'InspectFailed', r.message);
        ctx.event(t, 'Warning', 'Failed', 'Error: InvalidImageName');
        t.waiting = { reason: 'InvalidImageName', message: r.message };
        t.step = 'stuck';
        return;
      }
      const present = r.ok ? ctx.storedImage(r.image) : undefined;
      const policy = pullPolicy(t.spec);
      if (present && policy !== 'Always') {
        ctx.event(t, 'Normal', 'Pulled', `Container image "${raw}" already present on machine`);
        t.image = present;
        t.step = 'creating';
        return;
      }
      if (policy === 'Never') {
        const msg = `Container image "${raw}" is not present with pull policy of Never`;
        ctx.event(t, 'Warning', 'ErrImageNeverPull', msg);
        ctx.event(t, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
        t.waiting = { reason: 'ErrImageNeverPull', message: msg };
        t.step = 'stuck';
        return;
      }
      ctx.event(t, 'Normal', 'Pulling', `Pulling image "${raw}"`);
      if (r.ok) {
        t.resolved = r.image;
        t.pullError = undefined;
        t.pullMs = ctx.pullTime(r.image);
      } else {
        t.resolved = undefined;
        t.pullError = r.message;
        t.pullMs = jitter(ctx, 600, 400);
      }
      t.step = 'pulling';
    },
  },
  {
    name: 'image-pulled',
    when: (t) => t.step === 'pulling',
    delay: (t) => t.pullMs ?? 0,
    next(t, ctx) {
      const raw = t.spec.image ?? '';
      if (t.resolved) {
        t.image = ctx.storeImage(t.resolved);
        const d = goDuration(t.pullMs ?? 0);
        ctx.event(
          t,
          'Normal',
          'Pulled',
          `Successfully pulled image "${raw}" in ${d} (${d} including waiting). Image size: ${t.resolved.sizeBytes} bytes.`,
        );
        t.step = 'creating';
        return;
      }
      const msg = t.pullError ?? '';
      ctx.event(t, 'Warning', 'Failed', `Failed to pull image "${raw}": ${msg}`);
      ctx.event(t, 'Warning', 'Failed', 'Error: ErrImagePull');
      t.waiting = { reason: 'ErrImagePull', message: msg };
      t.pullFailedAt = ctx.now();
      t.pullBackoff = nextBackoff(t.pullBackoff, ctx.now());
      t.step = 'pull-error';
    },
  },
  {
    name: 'image-pull-backoff',
    when: (t) => t.step === 'pull-error',
    delay: (_t, ctx) => jitter(ctx, SYNC_DELAY_MS, 200),
    next(t, ctx) {
      const raw = t.spec.image ?? '';
      ctx.event(t, 'Normal', 'BackOff', `Back-off pulling image "${raw}"`);
      ctx.event(t, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      t.waiting = {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${raw}": ErrImagePull: ${t.pullError ?? ''}`,
      };
      t.step = 'pull-backoff';
    },
  },
  {
    name: 'image-pull-retry',
    when: (t) => t.step === 'pull-backoff',
    delay: (t, ctx) => Math.max(0, (t.pullFailedAt ?? 0) + (t.pullBackoff?.durationMs ?? 0) - ctx.now()),
    next(t) {
      t.step = 'waiting';
    },
  },
  {
    name: 'create-container',
    when: (t) => t.step === 'creating',
    delay: (_t, ctx) => jitter(ctx, 60, 60),
    next(t, ctx) {
      ctx.create(t);
      ctx.event(t, 'Normal', 'Created', `Created container: ${t.spec.name}`);
      t.step = 'created';
    },
  },
  {
    name: 'start-container',
    when: (t) => t.step === 'created',
    delay: (_t, ctx) => jitter(ctx, 40, 40),
    next(t, ctx) {
      const r = ctx.start(t);
      if (r !== 'error') {
        ctx.event(t, 'Normal', 'Started', `Started container ${t.spec.name}`);
        t.step = r;
      } else {
        ctx.event(t, 'Warning', 'Failed', `Error: ${t.container?.message ?? ''}`);
        t.step = 'exited';
      }
    },
  },
  {
    name: 'restart-container',
    when: (t, ctx) =>
      t.step === 'exited' &&
      ctx.restartPolicyAllows(t) &&
      !inBackoff(t.crashBackoff, t.container?.finishedAt ?? 0, ctx.now()),
    delay: (_t, ctx) => jitter(ctx, SYNC_DELAY_MS, 200),
    next(t, ctx) {
      t.crashBackoff = nextBackoff(t.crashBackoff, t.container?.finishedAt ?? ctx.now());
      t.step = 'waiting';
    },
  },
  {
    name: 'crash-loop-backoff',
    when: (t, ctx) => t.step === 'exited' && ctx.restartPolicyAllows(t),
    delay: (_t, ctx) => jitter(ctx, SYNC_DELAY_MS, 200),
    next(t, ctx) {
      const secs = goDuration(t.crashBackoff?.durationMs ?? BACKOFF.initialMs);
      ctx.event(
        t,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${t.spec.name} in pod ${ctx.podRef}`,
      );
      t.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${secs.replace(/^(\d+)m0s$/, '$1m0s')} restarting failed container=${t.spec.name} pod=${ctx.podRef}`,
      };
      t.step = 'crash-backoff';
    },
  },
  {
    name: 'crash-loop-retry',
    when: (t) => t.step === 'crash-backoff',
    delay: (t, ctx) =>
      Math.max(0, (t.container?.finishedAt ?? 0) + (t.crashBackoff?.durationMs ?? 0) - ctx.now()),
    next(t, ctx) {
      t.crashBackoff = nextBackoff(t.crashBackoff, t.container?.finishedAt ?? ctx.now());
      t.step = 'waiting';
    },
  },
  {
    name: 'container-done',
    when: (t, ctx) => t.step === 'exited' && !ctx.restartPolicyAllows(t),
    delay: () => 0,
    next(t) {
      t.step = 'done';
    },
  },
];

/** Go's time.Duration String() for a millisecond count: `4.796s`, `520ms`, `1m0s`, `5m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = +(totalS - h * 3600 - m * 60).toFixed(3);
  const sStr = `${s}s`;
  if (h) return `${h}h${m}m${sStr}`;
  if (m) return `${m}m${sStr}`;
  return sStr;
}
