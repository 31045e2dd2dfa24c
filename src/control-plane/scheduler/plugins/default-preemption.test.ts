import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Clientset } from '../../../client/rest-client';
import { FakeTransport } from '../../../client/testing/fake-transport';
import { VirtualClock } from '../../../runtime/clock';
import { SeededRng } from '../../../runtime/rng';
import { CacheSnapshot, SchedulerCache } from '../cache/cache';
import { Framework } from '../framework/framework';
import { CycleState, status, type Handle, type Status } from '../framework/interface';
import { nodeResourcesFit } from './node-resources-fit';
import { DefaultPreemption, pickOneNodeForPreemption, type Candidate } from './default-preemption';

function node(name: string, cpu: string): Node {
  return { metadata: { name }, status: { allocatable: { cpu, memory: '8Gi', pods: '110' } } };
}

function pod(
  name: string,
  cpu: string,
  priority: number,
  nodeName?: string,
  labels?: Record<string, string>,
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels,
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      nodeName,
      priority,
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }],
    },
  };
}

function setup(nodes: Node[], pods: Pod[], pdbs: PodDisruptionBudget[] = []) {
  const cache = new SchedulerCache({ clock: new VirtualClock() });
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  const snap = new CacheSnapshot();
  cache.updateSnapshot(snap);
  const transport = new FakeTransport();
  for (const p of pods) transport.seed({ ...p, metadata: { ...p.metadata! } } as never);
  const events: string[] = [];
  // eslint-disable-next-line prefer-const
  let fwk: Framework;
  const handle: Handle = {
    snapshot: () => snap,
    lister: <T>(resource: string) => ({
      list: () => (resource === 'poddisruptionbudgets' ? pdbs : []) as T[],
      get: () => undefined,
    }),
    now: () => Date.UTC(2026, 0, 1),
    clientset: new Clientset(transport, { from: 'kube-scheduler' }),
    recorder: {
      event: (o, type, reason, msg) => events.push(`${o.metadata?.name} ${type} ${reason} ${msg}`),
    },
    runFilterPluginsWithNominatedPods: (s, p, n) => fwk.runFilterPluginsWithNominatedPods(s, p, n),
    runPreFilterExtensionAddPod: (s, p, a, n) => fwk.runPreFilterExtensionAddPod(s, p, a, n),
    runPreFilterExtensionRemovePod: (s, p, r, n) => fwk.runPreFilterExtensionRemovePod(s, p, r, n),
    rng: new SeededRng(1),
  };
  fwk = new Framework([{ name: 'NodeResourcesFit', factory: nodeResourcesFit }], handle);
  const pl = new DefaultPreemption(handle);
  return { fwk, pl, transport, events, snap };
}

function filterAll(fwk: Framework, snap: CacheSnapshot, p: Pod, state: CycleState): Map<string, Status> {
  fwk.runPreFilterPlugins(state, p, snap.nodes());
  const m = new Map<string, Status>();
  for (const ni of snap.nodes()) {
    const s = fwk.runFilterPlugins(state, p, ni);
    if (s.code !== 'Success') m.set(ni.name, s);
  }
  return m;
}

describe('DefaultPreemption', () => {
  it('evicts the fewest, lowest-priority pods on the best node and nominates it', async () => {
    const { fwk, pl, transport, events, snap } = setup(
      [node('n1', '2'), node('n2', '2')],
      [
        pod('n1-low', '1', 10, 'n1'),
        pod('n1-mid', '1', 50, 'n1'),
        pod('n2-low-a', '1', 10, 'n2'),
        pod('n2-low-b', '1', 20, 'n2'),
      ],
    );
    const preemptor = pod('big', '1', 100);
    const state = new CycleState();
    const m = filterAll(fwk, snap, preemptor, state);
    const r = await pl.postFilter(state, preemptor, m);
    // n1: victim n1-low (prio 10); n2: victim n2-low-a (10) reprieving n2-low-b... both need one victim of prio
    // 10 → tie on highest victim priority and sum; then fewest victims; then the latest start: first candidate.
    expect(r.status.code).toBe('Success');
    expect(['n1', 'n2']).toContain(r.nominatedNodeName);
    const victim = r.nominatedNodeName === 'n1' ? 'n1-low' : 'n2-low-a';
    expect(transport.getObject('', 'pods', 'default', victim)).toBeUndefined();
    expect(events).toEqual([
      `${victim} Normal Preempted Preempted by pod uid-big on node ${r.nominatedNodeName}`,
    ]);
    const patch = transport.requests.find(
      (q) => q.method === 'PATCH' && q.path.endsWith(`/${victim}/status`),
    );
    expect(
      (patch?.body as { status: { conditions: Array<{ type: string; reason: string; message: string }> } })
        .status.conditions[0],
    ).toMatchObject({
      type: 'DisruptionTarget',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
  });

  it('prefers the node whose highest victim has the lowest priority', async () => {
    const { fwk, pl, snap } = setup(
      [node('n1', '1'), node('n2', '1')],
      [pod('a', '1', 50, 'n1'), pod('b', '1', 5, 'n2')],
    );
    const preemptor = pod('p', '1', 100);
    const state = new CycleState();
    const r = await pl.postFilter(state, preemptor, filterAll(fwk, snap, preemptor, state));
    expect(r.nominatedNodeName).toBe('n2');
  });

  it('reports why preemption cannot help, in the FailedScheduling format', async () => {
    const { fwk, pl, snap } = setup(
      [node('n1', '1'), node('n2', '1'), node('n3', '1')],
      [pod('same', '1', 100, 'n1'), pod('low', '500m', 1, 'n2'), pod('same2', '500m', 100, 'n2')],
    );
    const preemptor = pod('p', '1', 100);
    const state = new CycleState();
    const m = filterAll(fwk, snap, preemptor, state);
    m.set(
      'n3',
      status.unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'),
    );
    const r = await pl.postFilter(state, preemptor, m);
    expect(r).toEqual({
      nominatedNodeName: '',
      status: {
        code: 'Unschedulable',
        reasons: [
          'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
        ],
      },
    });
  });

  it('is not eligible with preemptionPolicy Never', async () => {
    const { pl } = setup([node('n1', '1')], []);
    const p = pod('p', '2', 100);
    p.spec!.preemptionPolicy = 'Never';
    const r = await pl.postFilter(new CycleState(), p, new Map());
    expect(r.status).toEqual({
      code: 'Unschedulable',
      reasons: ['preemption: not eligible due to preemptionPolicy=Never.'],
    });
  });

  it('keeps PDB-protected pods as a preference: the node without PDB violations wins', async () => {
    const pdb: PodDisruptionBudget = {
      metadata: { name: 'guard', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'guarded' } } },
      status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
    };
    const { fwk, pl, snap } = setup(
      [node('n1', '1'), node('n2', '1')],
      [pod('guarded', '1', 1, 'n1', { app: 'guarded' }), pod('free', '1', 40, 'n2')],
      [pdb],
    );
    const p = pod('p', '1', 100);
    const state = new CycleState();
    const r = await pl.postFilter(state, p, filterAll(fwk, snap, p, state));
    expect(r.nominatedNodeName).toBe('n2');
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (name: string, prio: number, start = '2026-01-01T00:00:00Z'): Pod => ({
    metadata: { name, creationTimestamp: start },
    spec: { containers: [], priority: prio },
  });
  it.each<[string, Candidate[], string]>([
    [
      'fewest PDB violations',
      [
        { name: 'a', victims: [v('x', 1)], numPDBViolations: 1 },
        { name: 'b', victims: [v('y', 9)], numPDBViolations: 0 },
      ],
      'b',
    ],
    [
      'lowest highest-priority victim',
      [
        { name: 'a', victims: [v('x', 5)], numPDBViolations: 0 },
        { name: 'b', victims: [v('y', 1), v('z', 3)], numPDBViolations: 0 },
      ],
      'b',
    ],
    [
      'smallest priority sum',
      [
        { name: 'a', victims: [v('x', 5), v('w', 5)], numPDBViolations: 0 },
        { name: 'b', victims: [v('y', 5), v('z', 1)], numPDBViolations: 0 },
      ],
      'b',
    ],
    [
      'fewest victims',
      [
        { name: 'a', victims: [v('x', 5), v('w', 0)], numPDBViolations: 0 },
        { name: 'b', victims: [v('y', 5)], numPDBViolations: 0 },
      ],
      'b',
    ],
    [
      'latest start of the highest-priority victims',
      [
        { name: 'a', victims: [v('x', 5, '2026-01-01T00:00:00Z')], numPDBViolations: 0 },
        { name: 'b', victims: [v('y', 5, '2026-01-01T01:00:00Z')], numPDBViolations: 0 },
      ],
      'b',
    ],
  ])('%s', (_n, candidates, want) => expect(pickOneNodeForPreemption(candidates)?.name).toBe(want));
});
