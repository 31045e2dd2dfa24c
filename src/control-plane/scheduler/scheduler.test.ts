import { describe, it, expect, afterEach } from 'vitest';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { Clientset } from '../../client/rest-client';
import { LocalCluster } from '../../runtime/local-cluster';
import { Scheduler } from './scheduler';
import { ANNOTATIONS } from './record';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function node(name: string, cpu: string, tainted = false): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: tainted ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { cpu, memory: '4Gi', pods: '110' },
      allocatable: { cpu, memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(name: string, cpu: string, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

let cluster: LocalCluster | undefined;
const schedulers: Scheduler[] = [];

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  await cluster?.stop();
  cluster = undefined;
});

async function setup(opts: { recordAnnotations?: boolean } = {}) {
  const c = (cluster = await LocalCluster.start());
  const kubectl = new Clientset(c.connect('kubectl'), { from: 'kubectl' });
  const errors: string[] = [];
  const s = new Scheduler({
    api: c.connect('kube-scheduler'),
    clock: c.clock,
    rng: c.rng.fork('kube-scheduler'),
    tracer: c.tracer('kube-scheduler'),
    identity: 'scheduler-a',
    recordAnnotations: opts.recordAnnotations,
    onError: (m) => errors.push(m),
  });
  schedulers.push(s);
  await s.start();
  await c.settle();
  return { c, kubectl, s, errors };
}

async function eventsFor(kubectl: Clientset, name: string): Promise<Event[]> {
  return (await kubectl.events.list('default')).items.filter((e) => e.involvedObject.name === name);
}

describe('Scheduler (LocalCluster)', () => {
  it('binds a pod to an untainted node with a Scheduled event, and records the attempt', async () => {
    const { c, kubectl, s } = await setup();
    expect(s.isRunning).toBe(true);
    await kubectl.nodes.create(undefined, node('control-plane', '2', true));
    await kubectl.nodes.create(undefined, node('node-1', '2'));
    await kubectl.nodes.create(undefined, node('node-2', '2'));
    await c.settle();
    await kubectl.pods.create('default', pod('nginx', '100m'));
    await c.settle();
    await s.idle();
    await c.settle();
    const p = await kubectl.pods.get('default', 'nginx');
    const host = p.spec!.nodeName!;
    expect(['node-1', 'node-2']).toContain(host);
    expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True');
    const evs = await eventsFor(kubectl, 'nginx');
    expect(
      evs.map((e) => [e.type, e.reason, e.message, e.source?.component, e.reportingComponent, e.count]),
    ).toEqual([
      [
        'Normal',
        'Scheduled',
        `Successfully assigned default/nginx to ${host}`,
        'default-scheduler',
        'default-scheduler',
        1,
      ],
    ]);
    expect(evs[0].involvedObject).toMatchObject({
      kind: 'Pod',
      namespace: 'default',
      name: 'nginx',
      uid: p.metadata!.uid,
    });
    const a = p.metadata!.annotations!;
    expect(a[ANNOTATIONS.selectedNode]).toBe(host);
    expect(JSON.parse(a[ANNOTATIONS.filter])['control-plane']).toEqual({
      NodeUnschedulable: 'passed',
      NodeName: 'passed',
      TaintToleration: TAINT,
    });
    expect(JSON.parse(a[ANNOTATIONS.bind])).toEqual({ DefaultBinder: 'success' });
    expect(Object.keys(JSON.parse(a[ANNOTATIONS.finalScore])).sort()).toEqual(['node-1', 'node-2']);
    const lease = (await new Clientset(c.connect('x'), { from: 'x' }).leases.get(
      'kube-system',
      'kube-scheduler',
    )) as Lease;
    expect(lease.spec?.holderIdentity).toBe('scheduler-a');
  });

  it('reports FailedScheduling with the exact message and PodScheduled=False, then schedules after a node is added', async () => {
    const { c, kubectl, s } = await setup({ recordAnnotations: false });
    await kubectl.nodes.create(undefined, node('control-plane', '2', true));
    await kubectl.nodes.create(undefined, node('node-1', '1'));
    await kubectl.nodes.create(undefined, node('node-2', '1'));
    await kubectl.pods.create('default', pod('filler-1', '500m', 'node-1'));
    await kubectl.pods.create('default', pod('filler-2', '500m', 'node-2'));
    await c.settle();
    await kubectl.pods.create('default', pod('big', '800m'));
    await c.settle();
    await s.idle();
    await c.settle();
    const want = `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    const p = await kubectl.pods.get('default', 'big');
    expect(p.spec?.nodeName).toBeUndefined();
    const cond = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: want,
    });
    let evs = await eventsFor(kubectl, 'big');
    expect(evs.map((e) => [e.type, e.reason, e.message, e.count])).toEqual([
      ['Warning', 'FailedScheduling', want, 1],
    ]);
    expect(s.queue.where('default/big')).toBe('unschedulable');

    await kubectl.nodes.create(undefined, node('big-node', '8'));
    await c.settle();
    expect(s.queue.where('default/big')).toBe('backoff'); // failed less than 1 s ago
    await c.advance(1000);
    await s.idle();
    await c.settle();
    const bound = await kubectl.pods.get('default', 'big');
    expect(bound.spec?.nodeName).toBe('big-node');
    evs = await eventsFor(kubectl, 'big');
    expect(evs.map((e) => e.reason).sort()).toEqual(['FailedScheduling', 'Scheduled']);
  });

  it('a second scheduler waits for the Lease', async () => {
    const { c } = await setup();
    const second = new Scheduler({
      api: c.connect('kube-scheduler-2'),
      clock: c.clock,
      rng: c.rng.fork('second'),
      tracer: c.tracer('kube-scheduler-2'),
      identity: 'scheduler-b',
    });
    schedulers.push(second);
    await second.start();
    await c.advance(5000);
    expect(second.isRunning).toBe(false);
    expect(schedulers[0].isRunning).toBe(true);
  });

  it('aggregates repeated FailedScheduling events into one with a count', async () => {
    const { c, kubectl, s } = await setup({ recordAnnotations: false });
    await kubectl.nodes.create(undefined, node('node-1', '1'));
    await kubectl.pods.create('default', pod('huge', '4'));
    await c.settle();
    // Node updates that matter (a label) retry the pod; the message stays the same.
    for (let i = 0; i < 2; i++) {
      await c.advance(11_000);
      const n = structuredClone(await kubectl.nodes.get(undefined, 'node-1'));
      n.metadata!.labels = { ...n.metadata!.labels, [`round-${i}`]: 'x' };
      await kubectl.nodes.update(n);
      await c.advance(11_000);
    }
    await s.idle();
    await c.settle();
    const evs = await eventsFor(kubectl, 'huge');
    expect(evs.length).toBe(1);
    expect(evs[0].count).toBe(3);
    expect(evs[0].message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});
