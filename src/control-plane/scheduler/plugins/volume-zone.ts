/**
 * VolumeZone (pkg/scheduler/framework/plugins/volumezone): a pod's bound PersistentVolumes labelled
 * with a zone or region (GA or beta labels; `a__b` means either) may only run on nodes of that
 * zone/region. Nodes without any such label pass. Unbound WaitForFirstConsumer claims are skipped.
 * Left out: VolumeSnapshotContent topology, queueing hints.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PluginFactory,
  type PreFilterPlugin,
  type Status,
} from '../framework/interface';
import { claimClass } from './volume-binding';

/** The plugin name. */
export const VOLUME_ZONE = 'VolumeZone';
/** upstream ErrReasonConflict. */
export const ERR_REASON_VOLUME_ZONE_CONFLICT = 'node(s) had no available volume zone';

const PRE_FILTER_KEY = 'PreFilter' + VOLUME_ZONE;
const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
/** The labels this plugin compares. */
export const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];
const TO_GA: Record<string, string> = { [BETA_ZONE]: ZONE, [BETA_REGION]: REGION };

interface PvTopology {
  key: string;
  values: Set<string>;
}

/** upstream volumehelpers.LabelZonesToSet: `a__b` → {a, b}. */
export function labelZonesToSet(v: string): Set<string> {
  return new Set(v.split('__').filter((s) => s !== ''));
}

/** Builds the VolumeZone plugin. */
export const volumeZone: PluginFactory = (handle: Handle): PreFilterPlugin & FilterPlugin => {
  const topologies = (pod: Pod): { topo?: PvTopology[]; status: Status } => {
    const ns = pod.metadata?.namespace;
    const out: PvTopology[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (!name) continue;
      const pvc = handle.lister<PersistentVolumeClaim>('persistentvolumeclaims').get(ns, name);
      if (!pvc) return { status: status.unresolvable(`persistentvolumeclaim "${name}" not found`) };
      const pvName = pvc.spec?.volumeName;
      if (!pvName) {
        const cls = claimClass(pvc);
        if (!cls)
          return {
            status: status.unresolvable('PersistentVolumeClaim had no pv name and storageClass name'),
          };
        const sc = handle.lister<StorageClass>('storageclasses', 'storage.k8s.io').get(undefined, cls);
        if (sc?.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return { status: status.unresolvable('PersistentVolume had no name') };
      }
      const pv = handle.lister<PersistentVolume>('persistentvolumes').get(undefined, pvName);
      if (!pv) return { status: status.unresolvable(`PersistentVolume was not found: "${pvName}"`) };
      for (const key of TOPOLOGY_LABELS) {
        const val = pv.metadata?.labels?.[key];
        if (val !== undefined) out.push({ key, values: labelZonesToSet(val) });
      }
    }
    if (out.length === 0) return { status: status.skip() };
    return { topo: out, status: status.success() };
  };

  return {
    name: VOLUME_ZONE,
    preFilter(state: CycleState, pod: Pod) {
      const r = topologies(pod);
      if (r.topo) state.write(PRE_FILTER_KEY, r.topo);
      return { status: r.status };
    },
    filter(state: CycleState, pod: Pod, ni: NodeInfo) {
      const topo = state.read<PvTopology[]>(PRE_FILTER_KEY) ?? topologies(pod).topo ?? [];
      const labels = ni.node.metadata?.labels ?? {};
      if (!TOPOLOGY_LABELS.some((k) => k in labels)) return status.success();
      for (const t of topo) {
        let v: string | undefined = labels[t.key];
        if (v === undefined && TO_GA[t.key]) v = labels[TO_GA[t.key]];
        if (v === undefined || !t.values.has(v)) return status.unresolvable(ERR_REASON_VOLUME_ZONE_CONFLICT);
      }
      return status.success();
    },
  };
};
