import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { fakeHandle, nodeInfos, rawScores } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import {
  calculatePriority,
  imageLocality,
  MAX_CONTAINER_THRESHOLD,
  MIN_THRESHOLD,
  scaledImageScore,
} from './image-locality';

const MB = 1024 * 1024;

describe('ImageLocality helpers', () => {
  it.each([
    { sum: 0, n: 1, want: 0 },
    { sum: MIN_THRESHOLD, n: 1, want: 0 },
    { sum: MAX_CONTAINER_THRESHOLD, n: 1, want: 100 },
    { sum: 5000 * MB, n: 1, want: 100 },
    { sum: 200 * MB, n: 1, want: 18 }, // 100·(200−23)/(1000−23) = 18.1
    { sum: 1000 * MB, n: 2, want: 49 }, // 100·(1000−23)/(2000−23) = 49.4
    { sum: 0, n: 0, want: 0 },
  ])('calculatePriority($sum, $n) = $want', ({ sum, n, want }) => {
    expect(calculatePriority(sum, n)).toBe(want);
  });

  it('scaledImageScore truncates size × spread', () => {
    expect(scaledImageScore(300 * MB, 2, 3)).toBe(200 * MB);
    expect(scaledImageScore(100, 1, 3)).toBe(33);
  });
});

describe('ImageLocality score', () => {
  const img = (names: string[], size: number) => ({ names, sizeBytes: size });
  const cases: { name: string; nodes: Node[]; pod: Pod; want: Record<string, number> }[] = [
    {
      name: 'spread scales the size: 300 MB on 2 of 3 nodes → 200 MB → 18',
      nodes: [
        makeNode()
          .name('n1')
          .images([img(['docker.io/library/nginx:latest'], 300 * MB)])
          .obj(),
        makeNode()
          .name('n2')
          .images([img(['docker.io/library/nginx:latest'], 300 * MB)])
          .obj(),
        makeNode().name('n3').obj(),
      ],
      pod: makePod().name('p').container('nginx').obj(),
      want: { n1: 18, n2: 18, n3: 0 },
    },
    {
      name: 'two containers, both images everywhere: (500 + 1500) MB of 2000 MB max',
      nodes: [
        makeNode()
          .name('n1')
          .images([img(['registry.k8s.io/a:1'], 500 * MB), img(['docker.io/library/b:2'], 1500 * MB)])
          .obj(),
      ],
      pod: makePod().name('p').container('registry.k8s.io/a:1').container('b:2').obj(),
      // 100·(2000−23)/(2000−23) = 100
      want: { n1: 100 },
    },
    {
      name: 'tag mismatch does not count',
      nodes: [
        makeNode()
          .name('n1')
          .images([img(['docker.io/library/nginx:1.25'], 500 * MB)])
          .obj(),
      ],
      pod: makePod().name('p').container('nginx').obj(),
      want: { n1: 0 },
    },
    {
      name: 'init container images count and add to the container count',
      nodes: [
        makeNode()
          .name('n1')
          .images([img(['docker.io/library/busybox:latest'], 600 * MB)])
          .obj(),
      ],
      pod: makePod().name('p').initReq({}, false, 'busybox').container('nginx').obj(),
      // 100·(600−23)/(2000−23) = 29.18
      want: { n1: 29 },
    },
  ];
  it.each(cases)('$name', ({ nodes, pod, want }) => {
    const infos = nodeInfos(nodes);
    const h = fakeHandle({ infos });
    expect(rawScores(imageLocality(h) as never, pod, infos)).toEqual(want);
  });
});
