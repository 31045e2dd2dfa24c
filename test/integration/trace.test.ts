/**
 * The trace of one `kubectl apply` of a pod, followed by cause ids from the user's request to the
 * kubelet's final status write: kubectl → apiserver (through the admission stages) → etcd →
 * apiserver → scheduler (watch ADDED) → the scheduler's filter/score decision → apiserver (binding)
 * → etcd → apiserver → kubelet on the chosen node (watch) → runtime (pull, create, start) → kubelet
 * → apiserver (status) → etcd. Every hop is a real component reacting to a watch, and the records
 * are published in causal order.
 */
import { afterEach, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/runtime/trace';
import { SimCluster } from '../../src/runtime/sim-cluster';
import { runKubectl } from '../../src/kubectl/kubectl';

let cluster: SimCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

it('follows one kubectl apply of a pod hop by hop, in causal order', async () => {
  cluster = await SimCluster.start({ seed: 11 });
  const c = cluster;
  const records: TraceRecord[] = [];
  c.local.bus.subscribe((r) => records.push(r));
  let out = '';
  const io = {
    stdout: (s: string) => (out += s),
    stderr: (s: string) => (out += s),
    stdin: MANIFEST,
    files: { read: async () => '', list: async () => [], isDir: async () => false },
  };
  const code = await c.drive(
    runKubectl(['apply', '-f', '-'], io, { api: c.connect('kubectl'), clock: c.clock }),
  );
  expect(out).toBe('pod/nginx created\n');
  expect(code).toBe(0);
  await c.advance(30_000);

  const byId = new Map(records.map((r) => [r.id, r]));
  const index = new Map(records.map((r, i) => [r.id, i]));
  /** The chain of causes from a record back to the user's request. */
  const chain = (r: TraceRecord): TraceRecord[] => {
    const out: TraceRecord[] = [];
    for (let cur: TraceRecord | undefined = r; cur; cur = cur.causeId ? byId.get(cur.causeId) : undefined)
      out.unshift(cur);
    return out;
  };
  const describe = (r: TraceRecord) =>
    `${r.kind} ${r.from} → ${r.to} ${r.verb}${r.resource ? ` ${r.resource}` : ''}`;

  // The kubelet's last status write for the pod: its etcd transaction ends the story.
  const statusWrites = records.filter(
    (r) =>
      r.kind === 'etcd' &&
      r.name === 'nginx' &&
      byId.get(r.causeId ?? '')?.detail?.path === '/api/v1/namespaces/default/pods/nginx/status',
  );
  expect(statusWrites.length).toBeGreaterThan(0);
  const story = chain(statusWrites[statusWrites.length - 1]).map(describe);
  const node = (
    await c.connect('t').request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' })
  ).body as {
    spec: { nodeName: string };
  };
  const kubelet = `kubelet/${node.spec.nodeName}`;
  expect(story).toEqual([
    'request kubectl → kube-apiserver POST pods',
    'etcd kube-apiserver → etcd txn put pods',
    'watch kube-apiserver → kube-scheduler ADDED pods',
    'decision kube-scheduler → kube-scheduler schedule pods',
    'request kube-scheduler → kube-apiserver POST pods/binding',
    'etcd kube-apiserver → etcd txn put pods',
    `watch kube-apiserver → ${kubelet} ADDED pods`,
    `request ${kubelet} → kube-apiserver PUT pods/status`,
    'etcd kube-apiserver → etcd txn put pods',
  ]);

  // The apply request walked through the pipeline stages, in upstream's order.
  const apply = records.find((r) => r.kind === 'request' && r.from === 'kubectl' && r.verb === 'POST')!;
  expect(records.filter((r) => r.kind === 'stage' && r.causeId === apply.id).map((r) => r.verb)).toEqual([
    'authentication',
    'authorization',
    'decode',
    'mutating-admission',
    'validation',
    'validating-admission',
  ]);

  // The container runtime's actions come from the kubelet's watch event for the bound pod.
  const bound = records.find(
    (r) => r.kind === 'watch' && r.to === kubelet && r.name === 'nginx' && r.verb === 'ADDED',
  )!;
  const runtime = records.filter((r) => r.kind === 'runtime' && r.causeId === bound.id);
  expect(runtime.map((r) => `${r.from} → ${r.to} ${r.verb}`)).toEqual([
    `${kubelet} → containerd/${node.spec.nodeName} pull`,
    `${kubelet} → containerd/${node.spec.nodeName} create`,
    `${kubelet} → containerd/${node.spec.nodeName} start`,
  ]);

  // Published in causal order: every record comes after its cause.
  for (const r of records)
    if (r.causeId && index.has(r.causeId)) expect(index.get(r.causeId)!).toBeLessThan(index.get(r.id)!);
});
