/**
 * NodePorts (pkg/scheduler/framework/plugins/nodeports): a pod's host ports must be free on the
 * node. A wanted 0.0.0.0 port conflicts with the same protocol/port on any IP; a specific IP
 * conflicts with that IP or 0.0.0.0 (upstream HostPortInfo.CheckConflict). Left out: queueing hints.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
  type PreFilterPlugin,
} from '../framework/interface';
import { podHostPorts } from '../framework/node-info';

/** The plugin name. */
export const NODE_PORTS = 'NodePorts';
/** upstream ErrReason. */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = 'PreFilter' + NODE_PORTS;
const ALL = '0.0.0.0';

function split(key: string): { protocol: string; ip: string; port: string } {
  const first = key.indexOf('/');
  const last = key.lastIndexOf('/');
  return { protocol: key.slice(0, first), ip: key.slice(first + 1, last), port: key.slice(last + 1) };
}

/** True if `wanted` (`protocol/hostIP/port`) conflicts with a port in `used`. */
export function portConflicts(used: Set<string>, wanted: string): boolean {
  const w = split(wanted);
  if (w.ip === ALL) {
    for (const u of used) {
      const s = split(u);
      if (s.protocol === w.protocol && s.port === w.port) return true;
    }
    return false;
  }
  return used.has(wanted) || used.has(`${w.protocol}/${ALL}/${w.port}`);
}

/** Builds the NodePorts plugin. */
export const nodePorts: PluginFactory = (): PreFilterPlugin & FilterPlugin => ({
  name: NODE_PORTS,
  preFilter(state: CycleState, pod: Pod) {
    const ports = podHostPorts(pod);
    if (ports.length === 0) return { status: status.skip() };
    state.write(PRE_FILTER_KEY, ports);
    return { status: status.success() };
  },
  filter(state: CycleState, pod: Pod, ni: NodeInfo) {
    const ports = state.read<string[]>(PRE_FILTER_KEY) ?? podHostPorts(pod);
    for (const p of ports)
      if (portConflicts(ni.usedPorts, p)) return status.unschedulable(ERR_REASON_NODE_PORTS);
    return status.success();
  },
});
