import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CycleState } from '../framework/interface';
import {
  fakeHandle,
  filterAll,
  nodeInfos,
  rawScores,
  scoreAll,
  type FakeObjects,
} from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { interPodAffinity } from './inter-pod-affinity';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const OK = { code: 'Success', reasons: [] };
const AFF = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"] };
const ANTI = { code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"] };
const EXISTING = {
  code: 'Unschedulable',
  reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
};

const nodes = (): Node[] => [
  makeNode().name('n1').label(ZONE, 'a').obj(),
  makeNode().name('n2').label(ZONE, 'a').obj(),
  makeNode().name('n3').label(ZONE, 'b').obj(),
  makeNode().name('n4').obj(),
];
const db = () => makePod().name('db').node('n1').label('app', 'db').obj();

function run(pod: Pod, pods: Pod[], objects?: FakeObjects, ns: Node[] = nodes()) {
  const infos = nodeInfos(ns, pods);
  return { infos, pl: interPodAffinity(fakeHandle({ infos, objects })) };
}

describe('InterPodAffinity filter', () => {
  it.each([
    {
      name: 'required affinity to app=db by zone',
      pod: makePod().name('p').podAffinity(ZONE, { app: 'db' }).obj(),
      pods: [db()],
      want: { n1: OK, n2: OK, n3: AFF, n4: AFF },
    },
    {
      name: 'required anti-affinity to app=db by zone',
      pod: makePod().name('p').podAntiAffinity(ZONE, { app: 'db' }).obj(),
      pods: [db()],
      want: { n1: ANTI, n2: ANTI, n3: OK, n4: OK },
    },
    {
      name: "existing pod's anti-affinity keeps matching pods off its host",
      pod: makePod().name('p').label('app', 'web').obj(),
      pods: [makePod().name('w').node('n1').label('app', 'web').podAntiAffinity(HOST, { app: 'web' }).obj()],
      want: { n1: EXISTING, n2: OK, n3: OK, n4: OK },
    },
    {
      name: 'first pod of a self-affine group may go to any node with the key',
      pod: makePod().name('p').label('app', 'web').podAffinity(ZONE, { app: 'web' }).obj(),
      pods: [db()],
      want: { n1: OK, n2: OK, n3: OK, n4: AFF },
    },
    {
      name: 'affinity terms match only the pod namespace by default',
      pod: makePod().name('p').podAffinity(ZONE, { app: 'db' }).obj(),
      pods: [makePod().name('db').namespace('other').node('n1').label('app', 'db').obj()],
      want: { n1: AFF, n2: AFF, n3: AFF, n4: AFF },
    },
    {
      name: 'namespaces list widens the term',
      pod: makePod()
        .name('p')
        .podAffinity(ZONE, { app: 'db' }, { namespaces: ['other'] })
        .obj(),
      pods: [makePod().name('db').namespace('other').node('n3').label('app', 'db').obj()],
      want: { n1: AFF, n2: AFF, n3: OK, n4: AFF },
    },
    {
      name: 'affinity is checked before anti-affinity',
      pod: makePod().name('p').podAffinity(ZONE, { app: 'db' }).podAntiAffinity(HOST, { app: 'db' }).obj(),
      pods: [db()],
      want: { n1: ANTI, n2: OK, n3: AFF, n4: AFF },
    },
  ])('$name', ({ pod, pods, want }) => {
    const { infos, pl } = run(pod, pods);
    expect(filterAll(pl as never, pod, infos)).toEqual(want);
  });

  it('namespaceSelector uses namespace labels', () => {
    const objects: FakeObjects = {
      namespaces: [{ metadata: { name: 'prod', labels: { env: 'prod' } } } as never],
    };
    const pod = makePod()
      .name('p')
      .podAffinity(ZONE, { app: 'db' }, { namespaceSelector: { matchLabels: { env: 'prod' } } })
      .obj();
    const pods = [makePod().name('db').namespace('prod').node('n3').label('app', 'db').obj()];
    const { infos, pl } = run(pod, pods, objects);
    expect(filterAll(pl as never, pod, infos)).toEqual({ n1: AFF, n2: AFF, n3: OK, n4: AFF });
  });

  it('skips pods without affinity when no existing pod has anti-affinity', () => {
    const pod = makePod().name('p').obj();
    const { infos, pl } = run(pod, [db()]);
    expect(pl.name).toBe('InterPodAffinity');
    expect(
      (pl as never as { preFilter: (...a: unknown[]) => { status: { code: string } } }).preFilter(
        new CycleState(),
        pod,
        infos,
      ).status.code,
    ).toBe('Skip');
  });
});

describe('InterPodAffinity score', () => {
  it('preferred affinity +weight by zone, preferred anti-affinity −weight by host', () => {
    const pod = makePod()
      .name('p')
      .preferredPodAffinity(5, ZONE, { app: 'db' })
      .preferredPodAntiAffinity(3, HOST, { app: 'cache' })
      .obj();
    const pods = [db(), makePod().name('c').node('n2').label('app', 'cache').obj()];
    const { infos, pl } = run(pod, pods, undefined, nodes().slice(0, 3));
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 5, n2: 2, n3: 0 });
    // min 0, max 5: 100·5/5, 100·2/5, 0
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 100, n2: 40, n3: 0 });
  });

  it('negative totals normalise from the minimum', () => {
    const pod = makePod().name('p').preferredPodAntiAffinity(4, ZONE, { app: 'db' }).obj();
    const { infos, pl } = run(pod, [db()], undefined, nodes().slice(0, 3));
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: -4, n2: -4, n3: 0 });
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 0, n2: 0, n3: 100 });
  });

  it("existing pods' required affinity counts at hardPodAffinityWeight 1, preferred at their weight", () => {
    const pod = makePod().name('p').label('app', 'web').obj();
    const pods = [
      makePod().name('x').node('n3').podAffinity(ZONE, { app: 'web' }).obj(),
      makePod().name('y').node('n1').preferredPodAffinity(3, HOST, { app: 'web' }).obj(),
    ];
    const { infos, pl } = run(pod, pods, undefined, nodes().slice(0, 3));
    expect(rawScores(pl as never, pod, infos)).toEqual({ n1: 3, n2: 0, n3: 1 });
    // 100·3/3, 0, 100·1/3 = 33
    expect(scoreAll(pl as never, pod, infos)).toEqual({ n1: 100, n2: 0, n3: 33 });
  });

  it('skips when nothing scores', () => {
    const pod = makePod().name('p').obj();
    const { infos, pl } = run(pod, [db()]);
    expect(scoreAll(pl as never, pod, infos)).toBe('skip');
  });
});
