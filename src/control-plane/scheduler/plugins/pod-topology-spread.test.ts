import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import {
  fakeHandle,
  filterAll,
  nodeInfos,
  rawScores,
  scoreAll,
  type FakeObjects,
} from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { podTopologySpread } from './pod-topology-spread';

const OK = { code: 'Success', reasons: [] };
const SKEW = { code: 'Unschedulable', reasons: ["node(s) didn't match pod topology spread constraints"] };
const LABEL = {
  code: 'UnschedulableAndUnresolvable',
  reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
};
const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const nodes = (): Node[] => [
  makeNode().name('n1').label(ZONE, 'a').obj(),
  makeNode().name('n2').label(ZONE, 'a').label('disk', 'ssd').obj(),
  makeNode().name('n3').label(ZONE, 'b').obj(),
  makeNode().name('n4').obj(),
];
const foo = (name: string, node: string, extra: (w: ReturnType<typeof makePod>) => void = () => {}): Pod => {
  const w = makePod().name(name).node(node).label('foo', 'bar');
  extra(w);
  return w.obj();
};
// zone a: 2 matching pods (both on n1), zone b: 1, plus pods that must not count.
const existing = (): Pod[] => [
  foo('a1', 'n1'),
  foo('a2', 'n1'),
  foo('b1', 'n3'),
  foo('other-ns', 'n2', (w) => w.namespace('other')),
  foo('terminating', 'n2', (w) => w.terminating()),
  makePod().name('unlabelled').node('n2').obj(),
];

function run(pod: Pod, ns: Node[] = nodes(), pods: Pod[] = existing(), objects?: FakeObjects) {
  const infos = nodeInfos(ns, pods);
  return { infos, pl: podTopologySpread(fakeHandle({ infos, objects })) };
}

describe('PodTopologySpread filter', () => {
  it.each([
    {
      name: 'zone maxSkew 1: zone a has 2, zone b 1 → only zone b fits; unlabelled node is unresolvable',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .spreadConstraint(1, ZONE, 'DoNotSchedule', { foo: 'bar' })
        .obj(),
      want: { n1: SKEW, n2: SKEW, n3: OK, n4: LABEL },
    },
    {
      name: 'maxSkew 2 allows zone a',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .spreadConstraint(2, ZONE, 'DoNotSchedule', { foo: 'bar' })
        .obj(),
      want: { n1: OK, n2: OK, n3: OK, n4: LABEL },
    },
    {
      name: 'pod not matching its own selector does not add itself',
      pod: makePod().name('p').spreadConstraint(1, ZONE, 'DoNotSchedule', { foo: 'bar' }).obj(),
      want: { n1: OK, n2: OK, n3: OK, n4: LABEL },
    },
    {
      name: 'minDomains 3 with 2 domains: the global minimum counts as 0',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .spreadConstraint(1, ZONE, 'DoNotSchedule', { foo: 'bar' }, { minDomains: 3 })
        .obj(),
      // zone b: 1 + 1 − 0 = 2 > 1
      want: { n1: SKEW, n2: SKEW, n3: SKEW, n4: LABEL },
    },
    {
      name: 'hostname spreading: n2, n4 have 0, n3 has 1, n1 has 2',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .spreadConstraint(1, HOST, 'DoNotSchedule', { foo: 'bar' })
        .obj(),
      want: { n1: SKEW, n2: OK, n3: SKEW, n4: OK },
    },
    {
      name: 'nodeAffinityPolicy Honor: only disk=ssd nodes are domains, so zone a is the minimum',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .nodeSelector({ disk: 'ssd' })
        .spreadConstraint(1, ZONE, 'DoNotSchedule', { foo: 'bar' })
        .obj(),
      // only n2 counts: zone a has 0 matching pods there; min = 0; zone a: 0 + 1 − 0 = 1; zone b: not a counted pair → 0 + 1 − 0 = 1
      want: { n1: OK, n2: OK, n3: OK, n4: LABEL },
    },
    {
      name: 'nodeAffinityPolicy Ignore: every node counts again',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .nodeSelector({ disk: 'ssd' })
        .spreadConstraint(1, ZONE, 'DoNotSchedule', { foo: 'bar' }, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      want: { n1: SKEW, n2: SKEW, n3: OK, n4: LABEL },
    },
    {
      name: 'ScheduleAnyway constraints do not filter',
      pod: makePod()
        .name('p')
        .label('foo', 'bar')
        .spreadConstraint(1, ZONE, 'ScheduleAnyway', { foo: 'bar' })
        .obj(),
      want: { n1: OK, n2: OK, n3: OK, n4: OK },
    },
  ])('$name', ({ pod, want }) => {
    const { infos, pl } = run(pod);
    expect(filterAll(pl as never, pod, infos)).toEqual(want);
  });
});

describe('PodTopologySpread score', () => {
  const three = () => nodes().slice(0, 3);
  it('hostname: round(count × log(5)) → 3, 0, 2; normalised 100·(max + min − s)/max', () => {
    const pod = makePod()
      .name('p')
      .label('foo', 'bar')
      .spreadConstraint(1, HOST, 'ScheduleAnyway', { foo: 'bar' })
      .obj();
    const { infos, pl } = run(pod, three());
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 3, n2: 0, n3: 2 });
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 0, n2: 100, n3: 33 });
  });

  it('zone: weight log(2 + 2); zone a 2 pods → 3, zone b 1 → 1', () => {
    const pod = makePod()
      .name('p')
      .label('foo', 'bar')
      .spreadConstraint(1, ZONE, 'ScheduleAnyway', { foo: 'bar' })
      .obj();
    const { infos, pl } = run(pod, three());
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 3, n2: 3, n3: 1 });
    // 100·(3 + 1 − 3)/3 = 33; 100·(3 + 1 − 1)/3 = 100
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 33, n2: 33, n3: 100 });
  });

  it('maxSkew − 1 is added; nodes missing a key are ignored and score 0', () => {
    const pod = makePod()
      .name('p')
      .label('foo', 'bar')
      .spreadConstraint(3, ZONE, 'ScheduleAnyway', { foo: 'bar' })
      .obj();
    const { infos, pl } = run(pod);
    // zone a: 2·log(4) + 2 = 4.77 → 5; zone b: 1.386 + 2 → 3
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 5, n2: 5, n3: 3, n4: 0 });
    // min 3, max 5: 100·(5+3−5)/5 = 60; 100·(5+3−3)/5 = 100
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 60, n2: 60, n3: 100, n4: 0 });
  });

  it('all counts zero → every node 100 (maxSkew 1)', () => {
    const pod = makePod()
      .name('p')
      .label('x', 'y')
      .spreadConstraint(1, ZONE, 'ScheduleAnyway', { x: 'y' })
      .obj();
    const { infos, pl } = run(pod, three());
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 100, n2: 100, n3: 100 });
  });

  it('system defaults for a ReplicaSet pod: hostname maxSkew 3 (zone skipped on unlabelled nodes)', () => {
    const ns = [makeNode().name('h1').obj(), makeNode().name('h2').obj()];
    const pods = [makePod().name('w1').node('h1').label('app', 'web').obj()];
    const objects: FakeObjects = {
      'apps/replicasets': [
        {
          metadata: { name: 'web-1', namespace: 'default' },
          spec: { selector: { matchLabels: { app: 'web' } } },
        } as never,
      ],
    };
    const pod = makePod().name('p').label('app', 'web').owner('ReplicaSet', 'web-1').obj();
    const { infos, pl } = run(pod, ns, pods, objects);
    // h1: 1·log(4) + 2 = 3.39 → 3; h2: 0 + 2 = 2
    expect(rawScores(pl as never, pod, infos)).toEqual({ h1: 3, h2: 2 });
    // min 2, max 3: 100·(3+2−3)/3 = 66; 100·(3+2−2)/3 = 100
    expect(scoreAll(pl as never, pod, infos)).toEqual({ h1: 66, h2: 100 });
  });

  it('system defaults from a Service selector', () => {
    const objects: FakeObjects = {
      services: [
        { metadata: { name: 'svc', namespace: 'default' }, spec: { selector: { foo: 'bar' } } } as never,
      ],
    };
    const pod = makePod().name('p').label('foo', 'bar').obj();
    const { infos, pl } = run(pod, three(), existing(), objects);
    // hostname (maxSkew 3, weight log 5): n1 2 → 3.22+2, n2 0 → 2, n3 1 → 1.61+2
    // zone (maxSkew 5, weight log 4): a 2 → 2.77+4, b 1 → 1.39+4
    // n1 = 5.22 + 6.77 = 11.99 → 12; n2 = 2 + 6.77 = 8.77 → 9; n3 = 3.61 + 5.39 = 9.0 → 9
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 12, n2: 9, n3: 9 });
  });

  it('a pod with no constraints and nothing selecting it skips scoring', () => {
    const pod = makePod().name('p').label('foo', 'bar').obj();
    const { infos, pl } = run(pod, three());
    expect(scoreAll(pl as never, pod, infos)).toBe('skip');
  });
});
