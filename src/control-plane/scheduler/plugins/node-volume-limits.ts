/**
 * NodeVolumeLimits (pkg/scheduler/framework/plugins/nodevolumelimits): upstream counts the CSI
 * volumes a node would attach against the limits in its CSINode object (`node(s) exceed max volume
 * count`). KubeLab's simulated nodes publish no CSINode limits, so this is a pass-through that only
 * keeps the plugin's name and place in the filter order.
 */
import { status, type PluginFactory, type PreFilterPlugin, type FilterPlugin } from '../framework/interface';

/** The plugin name. */
export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
/** upstream ErrReasonMaxVolumeCountExceeded (never produced here). */
export const ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED = 'node(s) exceed max volume count';

/** Builds the NodeVolumeLimits plugin (pass-through). */
export const nodeVolumeLimits: PluginFactory = (): PreFilterPlugin & FilterPlugin => ({
  name: NODE_VOLUME_LIMITS,
  preFilter() {
    return { status: status.skip() };
  },
  filter() {
    return status.success();
  },
});
