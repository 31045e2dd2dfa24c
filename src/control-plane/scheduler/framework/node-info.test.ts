import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import {
  addPod,
  newNodeInfo,
  normalizeImageName,
  podInfo,
  removePod,
  resourceFromList,
  setNode,
} from './node-info';
import { makeNode, makePod } from '../testing/wrappers';

const MI = 1024 * 1024;
const GI = 1024 * MI;

describe('resourceFromList', () => {
  it.each([
    [
      { cpu: '100m', memory: '1Gi' },
      { milliCPU: 100, memory: GI, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} },
    ],
    [
      { cpu: '2', pods: '110', 'ephemeral-storage': '10G' },
      { milliCPU: 2000, memory: 0, ephemeralStorage: 10e9, allowedPodNumber: 110, scalar: {} },
    ],
    [
      { 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', storage: '1Gi' },
      {
        milliCPU: 0,
        memory: 0,
        ephemeralStorage: 0,
        allowedPodNumber: 0,
        scalar: { 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4 * MI },
      },
    ],
    [{ cpu: '0.0001' }, { milliCPU: 1, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} }],
  ])('%j', (list, want) => {
    expect(resourceFromList(list)).toEqual(want);
  });
});

describe('podInfo requests', () => {
  const cases: { name: string; pod: Pod; cpu: number; mem: number; nzCpu: number; nzMem: number }[] = [
    { name: 'no containers', pod: makePod().name('p').obj(), cpu: 0, mem: 0, nzCpu: 0, nzMem: 0 },
    {
      name: 'best effort container',
      pod: makePod().name('p').container().obj(),
      cpu: 0,
      mem: 0,
      nzCpu: 100,
      nzMem: 200 * MI,
    },
    {
      name: 'sum of containers',
      pod: makePod().name('p').req({ cpu: '100m', memory: '1Gi' }).req({ cpu: '250m' }).obj(),
      cpu: 350,
      mem: GI,
      nzCpu: 350,
      nzMem: GI + 200 * MI,
    },
    {
      name: 'init container larger than the sum',
      pod: makePod()
        .name('p')
        .req({ cpu: '100m' })
        .req({ cpu: '100m' })
        .initReq({ cpu: '500m', memory: '1Mi' })
        .obj(),
      cpu: 500,
      mem: MI,
      nzCpu: 500,
      nzMem: 400 * MI,
    },
    {
      name: 'sidecar adds to containers and to later init containers',
      // containers 100m; sidecar 200m → steady 300m; init after sidecar 500m + 200m = 700m → max 700m
      pod: makePod()
        .name('p')
        .req({ cpu: '100m' })
        .initReq({ cpu: '200m' }, true)
        .initReq({ cpu: '500m' })
        .obj(),
      cpu: 700,
      mem: 0,
      nzCpu: 700,
      // containers 200Mi + sidecar 200Mi = 400Mi; init 200Mi + sidecar 200Mi = 400Mi
      nzMem: 400 * MI,
    },
    {
      name: 'init container before the sidecar does not count it',
      pod: makePod()
        .name('p')
        .req({ cpu: '100m' })
        .initReq({ cpu: '500m' })
        .initReq({ cpu: '200m' }, true)
        .obj(),
      cpu: 500,
      mem: 0,
      nzCpu: 500,
      nzMem: 400 * MI,
    },
    {
      name: 'overhead is added',
      pod: makePod()
        .name('p')
        .req({ cpu: '100m', memory: '100Mi' })
        .overhead({ cpu: '50m', memory: '10Mi' })
        .obj(),
      cpu: 150,
      mem: 110 * MI,
      nzCpu: 150,
      nzMem: 110 * MI,
    },
    {
      name: 'explicit zero request stays zero for scoring',
      pod: makePod().name('p').req({ cpu: '0', memory: '0' }).obj(),
      cpu: 0,
      mem: 0,
      nzCpu: 0,
      nzMem: 0,
    },
    {
      name: 'sub-milli requests are summed before rounding',
      pod: makePod().name('p').req({ cpu: '0.0004' }).req({ cpu: '0.0004' }).obj(),
      cpu: 1,
      mem: 0,
      nzCpu: 1,
      nzMem: 400 * MI,
    },
  ];
  it.each(cases)('$name', ({ pod, cpu, mem, nzCpu, nzMem }) => {
    const pi = podInfo(pod);
    expect([
      pi.requests.milliCPU,
      pi.requests.memory,
      pi.nonZeroRequests.milliCPU,
      pi.nonZeroRequests.memory,
    ]).toEqual([cpu, mem, nzCpu, nzMem]);
  });

  it('extended resources go to scalar', () => {
    expect(podInfo(makePod().name('p').req({ 'example.com/foo': '3' }).obj()).requests.scalar).toEqual({
      'example.com/foo': 3,
    });
  });
});

describe('normalizeImageName', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('%s → %s', (input, want) => {
    expect(normalizeImageName(input)).toBe(want);
  });
});

describe('NodeInfo', () => {
  const node = makeNode()
    .name('n1')
    .capacity({ cpu: '4', memory: '8Gi', pods: '110' })
    .images([
      { names: ['docker.io/library/nginx:latest', 'docker.io/library/nginx@sha256:1'], sizeBytes: 50 * MI },
    ])
    .obj();

  it('sets allocatable and images from the node', () => {
    const ni = newNodeInfo(node);
    expect(ni.name).toBe('n1');
    expect(ni.allocatable).toEqual({
      milliCPU: 4000,
      memory: 8 * GI,
      ephemeralStorage: 0,
      allowedPodNumber: 110,
      scalar: {},
    });
    expect([...ni.imageSizes]).toEqual([
      ['docker.io/library/nginx:latest', 50 * MI],
      ['docker.io/library/nginx@sha256:1', 50 * MI],
    ]);
  });

  it('falls back to capacity when allocatable is unset', () => {
    const n = makeNode().name('n2').obj();
    (n.status as { capacity?: Record<string, string> }).capacity = { cpu: '2' };
    expect(newNodeInfo(n).allocatable.milliCPU).toBe(2000);
  });

  it('adds and removes pods, keeping sums, ports, affinity lists and generation', () => {
    const a = makePod().name('a').req({ cpu: '100m', memory: '1Gi' }).hostPort(80).obj();
    const b = makePod()
      .name('b')
      .container()
      .hostPort(80)
      .podAntiAffinity('kubernetes.io/hostname', { app: 'x' })
      .obj();
    const ni = newNodeInfo(node, [a]);
    const g0 = ni.generation;
    addPod(ni, b);
    expect(ni.generation).toBeGreaterThan(g0);
    expect(ni.pods.map((p) => p.pod.metadata?.name)).toEqual(['a', 'b']);
    expect(ni.requested.milliCPU).toBe(100);
    expect(ni.nonZeroRequested.milliCPU).toBe(200);
    expect(ni.nonZeroRequested.memory).toBe(GI + 200 * MI);
    expect([...ni.usedPorts]).toEqual(['TCP/0.0.0.0/80']);
    expect(ni.podsWithAffinity.map((p) => p.pod.metadata?.name)).toEqual(['b']);
    expect(ni.podsWithRequiredAntiAffinity.map((p) => p.pod.metadata?.name)).toEqual(['b']);

    const g1 = ni.generation;
    expect(removePod(ni, b)).toBe(true);
    expect(ni.generation).toBeGreaterThan(g1);
    expect([...ni.usedPorts]).toEqual(['TCP/0.0.0.0/80']); // a still holds it
    expect(ni.podsWithAffinity).toEqual([]);
    expect(ni.nonZeroRequested.milliCPU).toBe(100);
    expect(removePod(ni, b)).toBe(false);
    expect(removePod(ni, a)).toBe(true);
    expect(ni.usedPorts.size).toBe(0);
    expect(ni.requested).toEqual({
      milliCPU: 0,
      memory: 0,
      ephemeralStorage: 0,
      allowedPodNumber: 0,
      scalar: {},
    });
  });

  it('setNode bumps the generation', () => {
    const ni = newNodeInfo(node);
    const g = ni.generation;
    setNode(ni, makeNode().name('n1').capacity({ cpu: '8' }).obj());
    expect(ni.generation).toBeGreaterThan(g);
    expect(ni.allocatable.milliCPU).toBe(8000);
    expect(ni.imageSizes.size).toBe(0);
  });
});
