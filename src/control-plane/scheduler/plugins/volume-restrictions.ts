/**
 * VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions): a GCE PD, AWS EBS or
 * iSCSI disk already mounted on the node by another pod conflicts (unless both mount it read-only,
 * for GCE PD and iSCSI); a ReadWriteOncePod claim already used by another pod blocks the pod.
 * Left out: RBD volumes (removed in-tree), queueing hints.
 */
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import {
  status,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PluginFactory,
  type PreFilterPlugin,
} from '../framework/interface';

/** The plugin name. */
export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
/** upstream ErrReasonDiskConflict. */
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
/** upstream ErrReasonReadWriteOncePodConflict. */
export const ERR_REASON_RWOP_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const PRE_FILTER_KEY = 'PreFilter' + VOLUME_RESTRICTIONS;

function needsRestrictionsCheck(v: Volume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.iscsi);
}

/** upstream isVolumeConflict. */
export function isVolumeConflict(v: Volume, pod: Pod): boolean {
  for (const ev of pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      const a = v.gcePersistentDisk;
      const b = ev.gcePersistentDisk;
      if (a.pdName === b.pdName && !(a.readOnly && b.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore) {
      if (v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true;
    }
    if (v.iscsi && ev.iscsi) {
      if (v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true;
    }
  }
  return false;
}

/** Builds the VolumeRestrictions plugin. */
export const volumeRestrictions: PluginFactory = (handle: Handle): PreFilterPlugin & FilterPlugin => {
  const rwopConflicts = (pod: Pod): { count: number; missing?: string } => {
    const ns = pod.metadata?.namespace ?? '';
    const rwop = new Set<string>();
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (!name) continue;
      const pvc = handle.lister<PersistentVolumeClaim>('persistentvolumeclaims').get(ns, name);
      if (!pvc) return { count: 0, missing: name };
      if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(name);
    }
    if (rwop.size === 0) return { count: 0 };
    let count = 0;
    for (const ni of handle.snapshot().nodes()) {
      for (const p of ni.pods) {
        if ((p.pod.metadata?.namespace ?? '') !== ns || p.pod.metadata?.uid === pod.metadata?.uid) continue;
        for (const v of p.pod.spec?.volumes ?? []) {
          if (v.persistentVolumeClaim && rwop.has(v.persistentVolumeClaim.claimName)) count++;
        }
      }
    }
    return { count };
  };

  return {
    name: VOLUME_RESTRICTIONS,
    preFilter(state: CycleState, pod: Pod) {
      const needsCheck = (pod.spec?.volumes ?? []).some(needsRestrictionsCheck);
      const r = rwopConflicts(pod);
      if (r.missing) return { status: status.unresolvable(`persistentvolumeclaim "${r.missing}" not found`) };
      if (!needsCheck && r.count === 0) return { status: status.skip() };
      state.write(PRE_FILTER_KEY, r.count);
      return { status: status.success() };
    },
    filter(state: CycleState, pod: Pod, ni: NodeInfo) {
      for (const v of pod.spec?.volumes ?? []) {
        if (!needsRestrictionsCheck(v)) continue;
        if (ni.pods.some((p) => isVolumeConflict(v, p.pod)))
          return status.unschedulable(ERR_REASON_DISK_CONFLICT);
      }
      const conflicts = state.read<number>(PRE_FILTER_KEY) ?? rwopConflicts(pod).count;
      if (conflicts > 0) return status.unschedulable(ERR_REASON_RWOP_CONFLICT);
      return status.success();
    },
  };
};
