/**
 * Helpers of the full-cluster controller tests: a SimCluster with every real component (etcd,
 * apiserver, scheduler, controller-manager, kubelets and container runtime) on a virtual clock, a test
 * client, and small readers (pods, events, conditions) that the scenarios assert on.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../../../src/client/rest-client';
import { runKubectl } from '../../../src/kubectl/kubectl';
import { SimCluster, type SimClusterOptions } from '../../../src/runtime/sim-cluster';

/** A running full cluster and a client. */
export interface FullEnv {
  c: SimCluster;
  client: Clientset;
  /** Awaits a request while the cluster settles at the current instant. */
  call<T>(p: Promise<T>): Promise<T>;
  /** Pods in `ns` (optionally matching a label selector), sorted by name. */
  pods(ns?: string, labelSelector?: string): Promise<Pod[]>;
  /** `reason: message` of Events in `ns` (about `involvedName` when given), oldest first. */
  events(ns?: string, involvedName?: string): Promise<string[]>;
  /**
   * Advances the clock in `stepMs` steps until `pred` holds (checked after every step), at most
   * `limitMs`; returns the cluster time it took. Throws with `what` when it never holds.
   */
  until(what: string, pred: () => Promise<boolean>, limitMs?: number, stepMs?: number): Promise<number>;
  /** Runs `kubectl ARGS` (driving the clock while it waits); resolves with exit code and output. */
  kubectl(...args: string[]): Promise<{ code: number; out: string }>;
  stop(): Promise<void>;
}

/** Starts a SimCluster (seed 7 unless given) and a client named `kubectl`. */
export async function startFull(o: SimClusterOptions = {}): Promise<FullEnv> {
  const c = await SimCluster.start({ seed: 7, ...o });
  const api = c.connect('kubectl');
  const client = new Clientset(api, { from: 'kubectl' });
  const call = async <T>(p: Promise<T>): Promise<T> => {
    const out = p.then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    await c.settle();
    const r = await out;
    if (!r.ok) throw r.e;
    return r.v;
  };
  const env: FullEnv = {
    c,
    client,
    call,
    async pods(ns = 'default', labelSelector?: string) {
      const list = await call(client.pods.list(ns, { labelSelector }));
      return list.items.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    },
    async events(ns = 'default', involvedName?: string) {
      const list = await call(client.events.list(ns));
      return list.items
        .filter((e: Event) => !involvedName || e.involvedObject.name === involvedName)
        .sort(
          (a, b) =>
            (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') ||
            Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion),
        )
        .map((e) => `${e.reason}: ${e.message}`);
    },
    async until(what, pred, limitMs = 120_000, stepMs = 1000) {
      const t0 = c.clock.now();
      for (;;) {
        if (await pred()) return c.clock.now() - t0;
        if (c.clock.now() - t0 >= limitMs)
          throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
        await c.advance(stepMs);
      }
    },
    async kubectl(...args: string[]) {
      let out = '';
      const io = {
        stdout: (s: string) => (out += s),
        stderr: (s: string) => (out += s),
        files: {
          read: (p: string) => Promise.reject(new Error(`open ${p}: no such file or directory`)),
          list: () => Promise.resolve([]),
          isDir: () => Promise.resolve(false),
        },
      };
      const code = await c.drive(runKubectl(args, io, { api, clock: c.clock }));
      return { code, out };
    },
    async stop() {
      await c.stop();
    },
  };
  return env;
}

/** Pod is Ready=True. */
export const isReady = (p: Pod): boolean =>
  !!p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');

/** Pod is not being deleted. */
export const isActive = (p: Pod): boolean =>
  !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/** A Deployment/ReplicaSet-like spec with one container. */
export function workload(
  apiVersion: string,
  kind: string,
  name: string,
  replicas: number,
  image: string,
  spec: Record<string, unknown> = {},
  podSpec: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: kind === 'ReplicationController' ? { app: name } : { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image }], ...podSpec },
      },
      ...spec,
    },
  };
}
