/**
 * The in-tree plugin registry and default profile, mirroring pkg/scheduler/framework/plugins/
 * registry.go and apis/config/v1/default_plugins.go (getDefaultPlugins, MultiPoint). The array order
 * is upstream's: each extension point runs its plugins in this order, and `weight` is the score weight.
 * Left out: DynamicResources (DRA) and out-of-tree plugins.
 */
import type { PluginFactory } from '../framework/interface';
import { defaultBinder, DEFAULT_BINDER } from './default-binder';
import { defaultPreemption, DEFAULT_PREEMPTION } from './default-preemption';
import { imageLocality, IMAGE_LOCALITY } from './image-locality';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  interPodAffinity,
  INTER_POD_AFFINITY,
} from './inter-pod-affinity';
import { ERR_REASON_CONFLICT, ERR_REASON_POD, nodeAffinity, NODE_AFFINITY } from './node-affinity';
import { ERR_REASON_NODE_NAME, nodeName, NODE_NAME } from './node-name';
import { nodePorts, NODE_PORTS } from './node-ports';
import {
  nodeResourcesBalancedAllocation,
  NODE_RESOURCES_BALANCED_ALLOCATION,
} from './node-resources-balanced-allocation';
import { nodeResourcesFit, NODE_RESOURCES_FIT } from './node-resources-fit';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable, NODE_UNSCHEDULABLE } from './node-unschedulable';
import { nodeVolumeLimits, NODE_VOLUME_LIMITS } from './node-volume-limits';
import {
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  podTopologySpread,
  POD_TOPOLOGY_SPREAD,
} from './pod-topology-spread';
import { prioritySort, PRIORITY_SORT } from './priority-sort';
import { schedulingGates, SCHEDULING_GATES } from './scheduling-gates';
import { taintToleration, TAINT_TOLERATION } from './taint-toleration';
import {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_UNBOUND_IMMEDIATE,
  volumeBinding,
  VOLUME_BINDING,
} from './volume-binding';
import { volumeRestrictions, VOLUME_RESTRICTIONS } from './volume-restrictions';
import { ERR_REASON_VOLUME_ZONE_CONFLICT, volumeZone, VOLUME_ZONE } from './volume-zone';

/** One entry of the default profile. */
export interface PluginEntry {
  name: string;
  factory: PluginFactory;
  /** Score weight (score plugins only). */
  weight?: number;
}

/** upstream getDefaultPlugins (MultiPoint), in order. */
export const DEFAULT_PLUGINS: PluginEntry[] = [
  { name: SCHEDULING_GATES, factory: schedulingGates },
  { name: PRIORITY_SORT, factory: prioritySort },
  { name: NODE_UNSCHEDULABLE, factory: nodeUnschedulable },
  { name: NODE_NAME, factory: nodeName },
  { name: TAINT_TOLERATION, factory: taintToleration, weight: 3 },
  { name: NODE_AFFINITY, factory: nodeAffinity, weight: 2 },
  { name: NODE_PORTS, factory: nodePorts },
  { name: NODE_RESOURCES_FIT, factory: nodeResourcesFit, weight: 1 },
  { name: VOLUME_RESTRICTIONS, factory: volumeRestrictions },
  { name: NODE_VOLUME_LIMITS, factory: nodeVolumeLimits },
  { name: VOLUME_BINDING, factory: volumeBinding, weight: 1 },
  { name: VOLUME_ZONE, factory: volumeZone },
  { name: POD_TOPOLOGY_SPREAD, factory: podTopologySpread, weight: 2 },
  { name: INTER_POD_AFFINITY, factory: interPodAffinity, weight: 2 },
  { name: DEFAULT_PREEMPTION, factory: defaultPreemption },
  { name: NODE_RESOURCES_BALANCED_ALLOCATION, factory: nodeResourcesBalancedAllocation, weight: 1 },
  { name: IMAGE_LOCALITY, factory: imageLocality, weight: 1 },
  { name: DEFAULT_BINDER, factory: defaultBinder },
];

/** Every in-tree plugin by name (upstream NewInTreeRegistry). */
export const IN_TREE_REGISTRY: Record<string, PluginFactory> = Object.fromEntries(
  DEFAULT_PLUGINS.map((p) => [p.name, p.factory]),
);

/**
 * Plugins that can answer UnschedulableAndUnresolvable from Filter (preemption cannot help there):
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, VolumeBinding, VolumeZone, the
 * missing-label case of PodTopologySpread, InterPodAffinity's affinity case, and NodeResourcesFit when
 * a request exceeds the node's whole allocatable. Statuses carry the code; this is for documentation
 * and tests.
 */
export const UNRESOLVABLE_REASONS: ReadonlySet<string> = new Set([
  ERR_REASON_UNSCHEDULABLE,
  ERR_REASON_NODE_NAME,
  ERR_REASON_POD,
  ERR_REASON_CONFLICT,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_UNBOUND_IMMEDIATE,
  ERR_REASON_VOLUME_ZONE_CONFLICT,
]);
