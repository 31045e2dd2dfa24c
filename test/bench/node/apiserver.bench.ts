/**
 * kube-apiserver in Node through `LocalCluster` (etcd on the memory backend, default VirtualClock,
 * bootstrap objects created): pod creates/s on the loopback and the MessagePort transport, LIST of
 * 10,000 pods (plain and as a server-side Table, as `kubectl get pods` asks), and watch latency from
 * issuing a write to its event reaching a client watching all pods while 10,000 pods are stored.
 * On the port transport, creates/s and the LIST again, now paying for structured cloning.
 * Nothing here needs the virtual clock to move: requests and watches run without settle/advance.
 */
import { TABLE_ACCEPT, PATCH_TYPES, type ApiTransport } from '../../../src/api/rest';
import type { KubeObject, WatchEvent } from '../../../src/api/types';
import { LocalCluster } from '../../../src/runtime/local-cluster';
import { PODS_PATH, createPods, median, percentile, podBody, podNames, within } from '../apiserver-common';
import type { Report } from '../types';

/** Pods stored for the LIST and watch measurements. */
const STORED = 10_000;
/** Measured creates per transport. */
const CREATES = 5_000;
/** Unmeasured warm-up creates before them. */
const WARMUP = 500;
/** Requests in flight while creating. */
const CONCURRENCY = 50;
/** Writes whose watch latency is measured (half creates, half merge patches). */
const WATCH_WRITES = 1_000;
/** LIST repetitions (the median is reported). */
const LIST_RUNS = 7;

interface ListBody {
  metadata: { resourceVersion: string };
  items?: unknown[];
  rows?: unknown[];
}

/** Median milliseconds of `runs` LISTs of the default namespace's pods; checks the count each time. */
async function timeList(api: ApiTransport, runs: number, accept?: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const res = await api.request<ListBody>({
      method: 'GET',
      path: PODS_PATH,
      headers: accept ? { accept } : undefined,
    });
    const ms = performance.now() - t0;
    const body = res.body as ListBody;
    const n = (accept ? body.rows : body.items)?.length;
    if (res.status !== 200 || n !== STORED) throw new Error(`LIST pods: ${res.status}, ${n} items`);
    if (i > 0) times.push(ms); // the first is a warm-up
  }
  return median(times);
}

/**
 * Opens a watch on all pods from the current revision, then issues `WATCH_WRITES` writes one at a
 * time (each awaited, event and response) and returns each write's issue-to-event latency in ms.
 */
async function watchLatencies(api: ApiTransport): Promise<number[]> {
  const list = await api.request<ListBody>({ method: 'GET', path: '/api/v1/pods', query: { limit: '1' } });
  const rv = (list.body as ListBody).metadata.resourceVersion;
  const waiting = new Map<string, (t: number) => void>();
  let ended: unknown;
  const cancel = api.watch(
    { method: 'GET', path: '/api/v1/pods', query: { resourceVersion: rv } },
    (ev: WatchEvent) => {
      const t = performance.now();
      const o = ev.object as KubeObject;
      const key = `${ev.type}/${o.metadata.name}/${o.metadata.labels?.['bench-seq'] ?? ''}`;
      const done = waiting.get(key);
      if (done) {
        waiting.delete(key);
        done(t);
      }
    },
    (err) => {
      ended = err ?? 'closed';
    },
  );
  const latencies: number[] = [];
  try {
    for (let i = 0; i < WATCH_WRITES; i++) {
      const create = i % 2 === 0;
      const name = create ? `watched-${i}` : `pod-${i}`;
      const seq = String(i);
      const key = `${create ? 'ADDED' : 'MODIFIED'}/${name}/${seq}`;
      const arrived = new Promise<number>((resolve) => waiting.set(key, resolve));
      const t0 = performance.now();
      const res = create
        ? await api.request({
            method: 'POST',
            path: PODS_PATH,
            body: (() => {
              const b = podBody(name, i) as { metadata: { labels: Record<string, string> } };
              b.metadata.labels = { ...b.metadata.labels, 'bench-seq': seq };
              return b;
            })(),
          })
        : await api.request({
            method: 'PATCH',
            path: `${PODS_PATH}/${name}`,
            headers: { contentType: PATCH_TYPES.merge },
            body: { metadata: { labels: { 'bench-seq': seq } } },
          });
      if (res.status !== (create ? 201 : 200))
        throw new Error(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
      const t1 = await within(
        arrived,
        10_000,
        `no watch event ${key} within 10 s (watch ended: ${String(ended)})`,
      );
      latencies.push(t1 - t0);
    }
  } finally {
    cancel();
  }
  return latencies;
}

/** Reports the apiserver.node.* figures. */
export async function run(report: Report): Promise<void> {
  // Loopback: creates/s, then fill up to STORED pods for LIST and watch.
  {
    const c = await LocalCluster.start({ noBootstrap: false });
    try {
      const api = c.connect('bench');
      await createPods(api, podNames('warm', 0, WARMUP), CONCURRENCY);
      const ms = await createPods(api, podNames('pod', 0, CREATES), CONCURRENCY);
      report('apiserver.node.creates_per_s', (CREATES * 1000) / ms, 'creates/s');
      // Top up to exactly STORED pods in the namespace (the warm-up pods count).
      await createPods(api, podNames('pod', CREATES, STORED - CREATES - WARMUP), CONCURRENCY);

      report('apiserver.node.list_10000_pods_ms', await timeList(api, LIST_RUNS), 'ms');
      report('apiserver.node.list_10000_pods_table_ms', await timeList(api, LIST_RUNS, TABLE_ACCEPT), 'ms');

      const lat = await watchLatencies(api);
      report('apiserver.node.watch_latency_p50_ms', percentile(lat, 0.5), 'ms');
      report('apiserver.node.watch_latency_p99_ms', percentile(lat, 0.99), 'ms');
    } finally {
      await c.stop();
    }
  }
  // MessagePort transport: structured clone on every message, as between the browser's workers.
  {
    const c = await LocalCluster.start({ noBootstrap: false, transport: 'port' });
    try {
      const api = c.connect('bench');
      await createPods(api, podNames('warm', 0, WARMUP), CONCURRENCY);
      const ms = await createPods(api, podNames('pod', 0, CREATES), CONCURRENCY);
      report('apiserver.node.creates_per_s_port', (CREATES * 1000) / ms, 'creates/s');
      await createPods(api, podNames('pod', CREATES, STORED - CREATES - WARMUP), CONCURRENCY);
      // The list is structured-cloned across the channel, as it is from the apiserver worker.
      report('apiserver.node.list_10000_pods_port_ms', await timeList(api, 3), 'ms');
    } finally {
      await c.stop();
    }
  }
}
