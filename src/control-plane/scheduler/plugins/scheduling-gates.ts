/**
 * SchedulingGates (pkg/scheduler/framework/plugins/schedulinggates): a PreEnqueue plugin that keeps
 * a pod out of the active queue while it has spec.schedulingGates.
 * Left out: queueing hints (the queue re-runs PreEnqueue on every pod update anyway).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { status, type PluginFactory, type PreEnqueuePlugin, type Status } from '../framework/interface';

/** The plugin name. */
export const SCHEDULING_GATES = 'SchedulingGates';

/** upstream's message: `waiting for scheduling gates: [a b]` (Go's %v of a []string). */
export function gatesMessage(gates: string[]): string {
  return `waiting for scheduling gates: [${gates.join(' ')}]`;
}

/** Builds the SchedulingGates plugin. */
export const schedulingGates: PluginFactory = (): PreEnqueuePlugin => ({
  name: SCHEDULING_GATES,
  preEnqueue(pod: Pod): Status {
    const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    if (gates.length === 0) return status.success();
    return status.unresolvable(gatesMessage(gates));
  },
});
