import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { fakeHandle, filterAll, nodeInfos, rawScores, scoreAll } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import {
  fitsAll,
  fitsRequest,
  leastAllocatedScore,
  leastAllocatedScore2,
  leastRequestedScore,
  nodeResourcesFit,
  sortedScalarNames,
} from './node-resources-fit';
import { podInfo } from '../framework/node-info';
import {
  balancedResourceScore,
  balancedResourceScore2,
  nodeResourcesBalancedAllocation,
} from './node-resources-balanced-allocation';

const h = fakeHandle();
const node = () =>
  makeNode()
    .name('n')
    .capacity({ cpu: '4', memory: '8Gi', pods: '3', 'ephemeral-storage': '10Gi', 'example.com/gpu': '1' })
    .obj();
const existing = (name: string, req: Record<string, string>): Pod =>
  makePod().name(name).node('n').req(req).obj();

describe('NodeResourcesFit filter', () => {
  const cases: { name: string; pods: Pod[]; pod: Pod; code: string; reasons: string[] }[] = [
    {
      name: 'fits',
      pods: [existing('a', { cpu: '1', memory: '2Gi' })],
      pod: makePod().name('p').req({ cpu: '3', memory: '6Gi' }).obj(),
      code: 'Success',
      reasons: [],
    },
    {
      name: 'insufficient cpu',
      pods: [existing('a', { cpu: '3' })],
      pod: makePod().name('p').req({ cpu: '1500m' }).obj(),
      code: 'Unschedulable',
      reasons: ['Insufficient cpu'],
    },
    {
      name: 'all failing reasons, in upstream order',
      pods: [existing('a', { cpu: '3', memory: '7Gi', 'ephemeral-storage': '9Gi', 'example.com/gpu': '1' })],
      pod: makePod()
        .name('p')
        .req({ cpu: '2', memory: '2Gi', 'ephemeral-storage': '2Gi', 'example.com/gpu': '1' })
        .obj(),
      code: 'Unschedulable',
      reasons: [
        'Insufficient cpu',
        'Insufficient memory',
        'Insufficient ephemeral-storage',
        'Insufficient example.com/gpu',
      ],
    },
    {
      name: 'too many pods (best-effort pod)',
      pods: [existing('a', {}), existing('b', {}), existing('c', {})],
      pod: makePod().name('p').container().obj(),
      code: 'Unschedulable',
      reasons: ['Too many pods'],
    },
    {
      name: 'too many pods and insufficient cpu',
      pods: [existing('a', { cpu: '4' }), existing('b', {}), existing('c', {})],
      pod: makePod().name('p').req({ cpu: '1' }).obj(),
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient cpu'],
    },
    {
      name: 'request above the whole allocatable is unresolvable',
      pods: [],
      pod: makePod().name('p').req({ cpu: '5', memory: '1Gi' }).obj(),
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Insufficient cpu'],
    },
    {
      name: 'unknown extended resource',
      pods: [],
      pod: makePod().name('p').req({ 'example.com/fpga': '1' }).obj(),
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Insufficient example.com/fpga'],
    },
    {
      name: 'init container counts',
      pods: [existing('a', { cpu: '2' })],
      pod: makePod().name('p').req({ cpu: '1' }).initReq({ cpu: '3' }).obj(),
      code: 'Unschedulable',
      reasons: ['Insufficient cpu'],
    },
    {
      name: 'overhead counts',
      pods: [existing('a', { memory: '7Gi' })],
      pod: makePod().name('p').req({ memory: '1Gi' }).overhead({ memory: '1Mi' }).obj(),
      code: 'Unschedulable',
      reasons: ['Insufficient memory'],
    },
  ];
  it.each(cases)('$name', ({ pods, pod, code, reasons }) => {
    const res = filterAll(nodeResourcesFit(h) as never, pod, nodeInfos([node()], pods));
    expect(res.n).toEqual({ code, reasons });
  });
});

describe('LeastAllocated', () => {
  it.each([
    [0, 4000, 100],
    [2000, 4000, 50],
    [1000, 3000, 66],
    [4000, 4000, 0],
    [5000, 4000, 0],
    [10, 0, 0],
  ])('leastRequestedScore(%i, %i) = %i', (req, cap, want) => {
    expect(leastRequestedScore(req, cap)).toBe(want);
  });

  it.each([
    {
      name: 'cpu 50, memory (8−3)/8 → 62; (50 + 62) / 2 = 56',
      pods: [existing('a', { cpu: '1', memory: '2Gi' })],
      pod: makePod().name('p').req({ cpu: '1', memory: '1Gi' }).obj(),
      want: 56,
    },
    {
      name: 'best-effort pod on an empty node counts 100m / 200Mi: 97 and 97',
      pods: [],
      pod: makePod().name('p').container().obj(),
      want: 97,
    },
    {
      name: 'best-effort existing pods count too: cpu 4000−300 → 92, memory 8192−600 Mi → 92',
      pods: [existing('a', {}), existing('b', {})],
      pod: makePod().name('p').container().obj(),
      want: 92,
    },
    {
      name: 'over capacity scores 0 for that resource: cpu 0, memory (8192 − 200 − 1024) Mi → 85; 85 / 2 = 42',
      pods: [existing('a', { cpu: '4' })],
      pod: makePod().name('p').req({ cpu: '1', memory: '1Gi' }).obj(),
      want: 42,
    },
  ])('$name', ({ pods, pod, want }) => {
    expect(rawScores(nodeResourcesFit(h) as never, pod, nodeInfos([node()], pods)).n).toBe(want);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it.each([
    { req: [2000, 3], alloc: [4000, 8], want: 93 }, // |0.5 − 0.375| / 2 = 0.0625 → 93.75
    { req: [6000, 3], alloc: [4000, 8], want: 68 }, // cpu capped at 1 → 0.3125 → 68.75
    { req: [1000, 2], alloc: [4000, 8], want: 100 },
    { req: [0, 8], alloc: [4000, 8], want: 50 },
    { req: [1000, 5], alloc: [0, 8], want: 100 }, // one resource only → std 0
    { req: [1, 2, 3], alloc: [4, 4, 4], want: 79 }, // std of .25 .5 .75 = 0.2041 → 79.58
  ])('balancedResourceScore($req, $alloc) = $want', ({ req, alloc, want }) => {
    expect(balancedResourceScore(req, alloc)).toBe(want);
  });

  it.each([
    {
      name: 'requested fractions from real requests',
      pods: [existing('a', { cpu: '1', memory: '2Gi' })],
      pod: makePod().name('p').req({ cpu: '1', memory: '1Gi' }).obj(),
      want: { n: 93 } as Record<string, number> | 'skip',
    },
    {
      name: 'best-effort existing pods add nothing',
      pods: [existing('a', {})],
      pod: makePod().name('p').req({ cpu: '2', memory: '4Gi' }).obj(),
      want: { n: 100 },
    },
    {
      name: 'best-effort pod skips the plugin',
      pods: [],
      pod: makePod().name('p').container().obj(),
      want: 'skip' as const,
    },
  ])('$name', ({ pods, pod, want }) => {
    expect(scoreAll(nodeResourcesBalancedAllocation(h) as never, pod, nodeInfos([node()], pods))).toEqual(
      want,
    );
  });
});

describe('allocation-free fast paths agree with the general forms', () => {
  const [ni] = nodeInfos(
    [node()],
    [existing('a', { cpu: '3', memory: '6Gi', 'ephemeral-storage': '9Gi', 'example.com/gpu': '1' })],
  );
  it.each<{ req: Record<string, string>; fits: boolean }>([
    { req: { cpu: '1' }, fits: true },
    { req: { cpu: '1001m' }, fits: false },
    { req: { memory: '2Gi' }, fits: true },
    { req: { memory: '3Gi' }, fits: false },
    { req: { 'ephemeral-storage': '2Gi' }, fits: false },
    { req: { 'example.com/gpu': '1' }, fits: false },
    { req: { 'example.com/fpga': '1' }, fits: false },
    { req: {}, fits: true },
  ])('fitsAll($req) = $fits, as fitsRequest finds nothing', ({ req, fits }) => {
    const r = podInfo(makePod().name('p').req(req).obj()).requests;
    const names = sortedScalarNames(r);
    expect(fitsAll(r, ni, names)).toBe(fits);
    expect(fitsRequest(r, ni, names).length === 0).toBe(fits);
  });

  it('fitsAll is false once the pod count is full, like fitsRequest', () => {
    const [full] = nodeInfos([node()], [existing('a', {}), existing('b', {}), existing('c', {})]);
    const r = podInfo(makePod().name('p').obj()).requests;
    expect(fitsAll(r, full, [])).toBe(false);
    expect(fitsRequest(r, full, []).map((b) => b.reason)).toEqual(['Too many pods']);
  });

  it.each([
    [0, 0, 4000, 8e9],
    [1000, 2e9, 4000, 8e9],
    [5000, 9e9, 4000, 8e9],
    [100, 1e8, 0, 8e9],
    [100, 1e8, 4000, 0],
    [100, 1e8, 0, 0],
  ])('two-resource scores (%d, %d of %d, %d)', (c, m, ac, am) => {
    expect(leastAllocatedScore2(c, m, ac, am)).toBe(leastAllocatedScore([c, m], [ac, am]));
    expect(balancedResourceScore2(c, m, ac, am)).toBe(balancedResourceScore([c, m], [ac, am]));
  });
});
