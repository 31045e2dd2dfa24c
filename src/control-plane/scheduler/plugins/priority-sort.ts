/**
 * PrioritySort (pkg/scheduler/framework/plugins/queuesort): the QueueSort plugin. Higher
 * spec.priority first; equal priorities in the order they entered the queue (timestamp).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PluginFactory, QueuedPodInfo, QueueSortPlugin } from '../framework/interface';

/** The plugin name. */
export const PRIORITY_SORT = 'PrioritySort';

/** upstream corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** Builds the PrioritySort plugin. */
export const prioritySort: PluginFactory = (): QueueSortPlugin => ({
  name: PRIORITY_SORT,
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = podPriority(a.pod);
    const p2 = podPriority(b.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  },
});
