/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): filters out nodes with
 * spec.unschedulable (cordoned) unless the pod tolerates the node.kubernetes.io/unschedulable
 * NoSchedule taint. Left out: queueing hints.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
} from '../framework/interface';
import { tolerationsTolerateTaint } from './helper';

/** The plugin name. */
export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
/** upstream ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
/** The taint a cordoned node is treated as having (v1.TaintNodeUnschedulable). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Builds the NodeUnschedulable plugin. */
export const nodeUnschedulable: PluginFactory = (): FilterPlugin => ({
  name: NODE_UNSCHEDULABLE,
  filter(_state: CycleState, pod: Pod, ni: NodeInfo) {
    if (!ni.node.spec?.unschedulable) return status.success();
    const tolerates = tolerationsTolerateTaint(pod.spec?.tolerations, {
      key: TAINT_NODE_UNSCHEDULABLE,
      effect: 'NoSchedule',
    });
    return tolerates ? status.success() : status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
});
