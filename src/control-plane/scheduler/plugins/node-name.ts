/**
 * NodeName (pkg/scheduler/framework/plugins/nodename): a pod with spec.nodeName fits only that node.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
} from '../framework/interface';

/** The plugin name. */
export const NODE_NAME = 'NodeName';
/** upstream ErrReason. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** Builds the NodeName plugin. */
export const nodeName: PluginFactory = (): FilterPlugin => ({
  name: NODE_NAME,
  filter(_state: CycleState, pod: Pod, ni: NodeInfo) {
    const want = pod.spec?.nodeName;
    if (!want || want === ni.name) return status.success();
    return status.unresolvable(ERR_REASON_NODE_NAME);
  },
});
