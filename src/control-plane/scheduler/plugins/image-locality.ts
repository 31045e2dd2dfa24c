/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already have
 * the pod's images. Each present image scores its size scaled by spread (nodes having it / all
 * nodes); the sum is clamped to [23 MiB, 1000 MiB × containers] and mapped linearly to 0..100.
 * The pod's normalised image names and their spread are computed once per cycle (at the first Score)
 * and kept in the CycleState; upstream recomputes them per node.
 * Differs: image names are fully normalised (see framework/node-info.ts normalizeImageName).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  MAX_NODE_SCORE,
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

/** The pod's images, normalised, with their node counts: the same all cycle, so computed at its first Score. */
interface PodImages {
  names: string[];
  nodeCounts: number[];
  totalNodes: number;
  numContainers: number;
  /** False when no node has any of the images: every node then scores the same 0 sum. */
  anyPresent: boolean;
}

const CYCLE_KEY = 'Images' + IMAGE_LOCALITY;

function podImages(handle: Handle, pod: Pod): PodImages {
  const snap = handle.snapshot();
  const names: string[] = [];
  const nodeCounts: number[] = [];
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const c of containers) {
    const name = normalizeImageName(c.image ?? '');
    names.push(name);
    nodeCounts.push(snap.imageNodeCount(name));
  }
  return {
    names,
    nodeCounts,
    totalNodes: snap.nodes().length,
    numContainers: containers.length,
    anyPresent: nodeCounts.some((n) => n > 0),
  };
}

/** Builds the ImageLocality plugin. */
export const imageLocality: PluginFactory = (handle: Handle): ScorePlugin => ({
  name: IMAGE_LOCALITY,
  score(state: CycleState, pod: Pod, ni: NodeInfo) {
    let imgs = state.read<PodImages>(CYCLE_KEY);
    if (!imgs) state.write(CYCLE_KEY, (imgs = podImages(handle, pod)));
    let sum = 0;
    if (imgs.anyPresent && ni.imageSizes.size) {
      for (let i = 0; i < imgs.names.length; i++) {
        const size = ni.imageSizes.get(imgs.names[i]);
        if (size !== undefined) sum += scaledImageScore(size, imgs.nodeCounts[i], imgs.totalNodes);
      }
    }
    return calculatePriority(sum, imgs.numContainers);
  },
});
