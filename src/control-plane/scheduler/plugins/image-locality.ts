/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already have
 * the pod's images. Each present image scores its size scaled by spread (nodes having it / all
 * nodes); the sum is clamped to [23 MiB, 1000 MiB × containers] and mapped linearly to 0..100.
 * Differs: image names are fully normalised (see framework/node-info.ts normalizeImageName).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
  status,
  type CycleState,
  type Handle,
  type NodeInfo,
  type PluginFactory,
  type ScorePlugin,
} from '../framework/interface';
import { normalizeImageName } from '../framework/node-info';
import { idiv } from './helper';

/** The plugin name. */
export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
/** upstream minThreshold: images smaller than this count as nothing. */
export const MIN_THRESHOLD = 23 * MB;
/** upstream maxContainerThreshold: the score saturates at this size per container. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** upstream calculatePriority. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return idiv(MAX_NODE_SCORE * (s - MIN_THRESHOLD), maxThreshold - MIN_THRESHOLD);
}

/** upstream scaledImageScore: int64(size × numNodes / totalNodes). */
export function scaledImageScore(size: number, numNodes: number, totalNodes: number): number {
  return Math.trunc(size * (numNodes / totalNodes));
}

/** Builds the ImageLocality plugin. */
export const imageLocality: PluginFactory = (handle: Handle): ScorePlugin => ({
  name: IMAGE_LOCALITY,
  score(_state: CycleState, pod: Pod, ni: NodeInfo) {
    const snap = handle.snapshot();
    const total = snap.nodes().length;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      const name = normalizeImageName(c.image ?? '');
      const size = ni.imageSizes.get(name);
      if (size !== undefined) sum += scaledImageScore(size, snap.imageNodeCount(name), total);
    }
    return { score: calculatePriority(sum, containers.length), status: status.success() };
  },
});
