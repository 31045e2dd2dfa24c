/**
 * The PersistentVolume binder (upstream pkg/controller/volume/persistentvolume,
 * `persistentvolume-binder-controller`, events as `persistentvolume-controller`) with kind's dynamic
 * provisioner folded in (rancher.io/local-path-provisioner, which creates `pvc-<uid>` hostPath volumes
 * pinned to the node the scheduler picked):
 *  - creates kind's default StorageClass `standard` at start when missing;
 *  - gives claims without `storageClassName` the default class (retroactive default class assignment;
 *    upstream the DefaultStorageClass admission plugin does it at create);
 *  - binds a Pending claim to the smallest Available volume of its class with enough capacity and the
 *    access modes asked for (claimRef, `pv.kubernetes.io/bind-completed`, `bound-by-controller`);
 *  - WaitForFirstConsumer classes wait (`WaitForFirstConsumer` event) until the claim carries
 *    `volume.kubernetes.io/selected-node`, then provision (`ProvisioningSucceeded`);
 *  - volumes: Available / Bound / Released (claim gone; reclaim policy Delete removes them); claims
 *    whose volume vanished become Lost.
 * Left out: volume modes other than Filesystem checks, selectors with matchExpressions on volumes
 * beyond label matching, resizing, the pv-protection / pvc-protection finalizers, the 15 s resync.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { matches, selectorFromLabelSelector } from '../../../../api/labels';
import { parseQuantity, toNumber } from '../../../../api/quantity';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone } from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, clone, errorCode, isConflict, isNotFound, rfc3339 } from './util';

/** Annotation marking the default StorageClass. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** Annotation the scheduler puts on a WaitForFirstConsumer claim. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
/** kind's provisioner. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

/** kind's default StorageClass. */
export const STANDARD_STORAGE_CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
  provisioner: LOCAL_PATH_PROVISIONER,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

function storageOf(q: string | undefined): number {
  return q === undefined ? 0 : toNumber(parseQuantity(q));
}

/** The volume a claim should bind to: the smallest Available match (upstream findBestMatchForClaim). */
export function findBestMatch(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  node?: string,
  cls = claim.spec?.storageClassName ?? '',
): PersistentVolume | undefined {
  const want = storageOf(claim.spec?.resources?.requests?.storage as string | undefined);
  const modes = claim.spec?.accessModes ?? [];
  const sel = claim.spec?.selector ? selectorFromLabelSelector(claim.spec.selector) : undefined;
  let best: PersistentVolume | undefined;
  for (const v of volumes) {
    const ref = v.spec?.claimRef;
    if (
      ref &&
      !(
        ref.namespace === claim.metadata?.namespace &&
        ref.name === claim.metadata?.name &&
        (!ref.uid || ref.uid === claim.metadata?.uid)
      )
    )
      continue;
    if (v.status?.phase === 'Released' || v.status?.phase === 'Failed' || v.metadata?.deletionTimestamp)
      continue;
    if ((v.spec?.storageClassName ?? '') !== cls) continue;
    if ((v.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) continue;
    if (!modes.every((m) => v.spec?.accessModes?.includes(m))) continue;
    if (sel && !matches(sel, v.metadata?.labels)) continue;
    const size = storageOf(v.spec?.capacity?.storage as string | undefined);
    if (size < want) continue;
    if (node && !volumeFitsNode(v, node)) continue;
    if (ref) return v; // pre-bound to this claim
    if (!best || size < storageOf(best.spec?.capacity?.storage as string | undefined)) best = v;
  }
  return best;
}

function volumeFitsNode(v: PersistentVolume, node: string): boolean {
  const terms = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  return terms.some((t) =>
    (t.matchExpressions ?? []).every(
      (e) => e.key !== 'kubernetes.io/hostname' || (e.operator === 'In' && e.values?.includes(node)),
    ),
  );
}

/** The persistentvolume-binder-controller. */
export class PersistentVolumeBinder extends QueueController {
  private readonly claims;
  private readonly volumes;
  private readonly classes;
  private readonly classClient;

  constructor(ctx: ControllerContext) {
    super(ctx, 'persistentvolume-controller');
    this.classClient = ctx.client.resource<StorageClass>('storage.k8s.io', 'v1', 'storageclasses');
    this.claims = this.use(ctx.informers.informerFor(ctx.client.persistentVolumeClaims));
    this.volumes = this.use(ctx.informers.informerFor(ctx.client.persistentVolumes));
    this.classes = this.use(ctx.informers.informerFor(this.classClient));
    const onClaim = (c: PersistentVolumeClaim) =>
      this.queue.add(`claim:${c.metadata!.namespace}/${c.metadata!.name}`);
    this.claims.addEventHandler({
      onAdd: onClaim,
      onUpdate: (_o, n) => onClaim(n),
      onDelete: (o) => {
        const c = unwrapTombstone(o);
        if (c.spec?.volumeName) this.queue.add(`volume:${c.spec.volumeName}`);
      },
    });
    const onVolume = (v: PersistentVolume) => {
      this.queue.add(`volume:${v.metadata!.name}`);
      const r = v.spec?.claimRef;
      if (r) this.queue.add(`claim:${r.namespace}/${r.name}`);
    };
    this.volumes.addEventHandler({
      onAdd: onVolume,
      onUpdate: (_o, n) => onVolume(n),
      onDelete: (o) => onVolume(unwrapTombstone(o)),
    });
    this.classes.addEventHandler({
      onAdd: () => {
        for (const c of this.claims.lister().list()) if (c.status?.phase !== 'Bound') onClaim(c);
      },
    });
  }

  protected override async started(): Promise<void> {
    if (this.classes.lister().get(undefined, 'standard')) return;
    try {
      await this.classClient.create(undefined, clone(STANDARD_STORAGE_CLASS));
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }

  protected async sync(key: string): Promise<void> {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    if (kind === 'volume') await this.syncVolume(rest);
    else await this.syncClaim(rest);
  }

  private defaultClass(): StorageClass | undefined {
    const defaults = this.classes
      .lister()
      .list()
      .filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
      .sort((a, b) =>
        (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''),
      );
    return defaults[0];
  }

  private async syncClaim(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.claims.lister().get(ns, name);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    let claim = clone(cached);
    const now = this.ctx.clock.now();
    let clsName = claim.spec?.storageClassName ?? '';
    if (claim.spec?.storageClassName === undefined && claim.status?.phase !== 'Bound') {
      const def = this.defaultClass();
      if (def) {
        try {
          claim = await this.ctx.client.persistentVolumeClaims.update({
            ...claim,
            spec: { ...claim.spec, storageClassName: def.metadata!.name },
          });
          return; // the update brings us back
        } catch (e) {
          // An apiserver that refuses the retroactive assignment: use the default class anyway.
          if (errorCode(e) !== 422) throw e;
          clsName = def.metadata!.name!;
        }
      }
    }
    if (claim.spec?.volumeName) {
      const v = this.volumes.lister().get(undefined, claim.spec.volumeName);
      if (!v) {
        if (claim.status?.phase === 'Bound') {
          await this.ctx.client.persistentVolumeClaims.updateStatus({
            ...claim,
            status: { ...claim.status, phase: 'Lost' },
          });
          this.emit(
            claim,
            'Warning',
            'ClaimLost',
            'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
          );
        }
        return;
      }
      const ref = v.spec?.claimRef;
      if (
        !ref ||
        (ref.name === name && ref.namespace === ns && (!ref.uid || ref.uid === claim.metadata!.uid))
      )
        await this.bind(claim, v, now);
      return;
    }
    const cls = clsName ? this.classes.lister().get(undefined, clsName) : undefined;
    const delayed = cls?.volumeBindingMode === 'WaitForFirstConsumer';
    const node = claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
    if (delayed && !node) {
      this.emit(
        claim,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      );
      await this.setClaimPending(claim);
      return;
    }
    const match = findBestMatch(claim, this.volumes.lister().list(), node, clsName);
    if (match) {
      await this.bind(claim, match, now);
      return;
    }
    if (!clsName) {
      this.emit(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
      await this.setClaimPending(claim);
      return;
    }
    if (!cls) {
      this.emit(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${clsName}" not found`);
      await this.setClaimPending(claim);
      return;
    }
    if (cls.provisioner === 'kubernetes.io/no-provisioner') {
      this.emit(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
      await this.setClaimPending(claim);
      return;
    }
    await this.provision(claim, cls, node);
  }

  private async setClaimPending(claim: PersistentVolumeClaim): Promise<void> {
    if (claim.status?.phase === 'Pending') return;
    await this.ctx.client.persistentVolumeClaims.updateStatus({
      ...claim,
      status: { ...claim.status, phase: 'Pending' },
    });
  }

  private async provision(
    claim: PersistentVolumeClaim,
    cls: StorageClass,
    node: string | undefined,
  ): Promise<void> {
    const m = claim.metadata!;
    const name = `pvc-${m.uid}`;
    if (this.volumes.lister().get(undefined, name)) return;
    this.emit(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${cls.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
    this.emit(
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${m.namespace}/${m.name}"`,
    );
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name,
        annotations: {
          'pv.kubernetes.io/provisioned-by': cls.provisioner,
          ...(node ? { 'local.path.provisioner/selected-node': node } : {}),
        },
      },
      spec: {
        capacity: { storage: String(claim.spec?.resources?.requests?.storage ?? '1Gi') },
        accessModes: claim.spec?.accessModes,
        persistentVolumeReclaimPolicy: (cls.reclaimPolicy ?? 'Delete') as 'Delete',
        storageClassName: cls.metadata!.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: m.namespace,
          name: m.name,
          uid: m.uid,
          apiVersion: 'v1',
          resourceVersion: m.resourceVersion,
        },
        hostPath: {
          path: `/var/local-path-provisioner/${name}_${m.namespace}_${m.name}`,
          type: 'DirectoryOrCreate',
        },
        ...(node
          ? {
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
                  ],
                },
              },
            }
          : {}),
      },
    };
    try {
      await this.ctx.client.persistentVolumes.create(undefined, pv);
    } catch (e) {
      if (!isConflict(e)) throw e;
      return;
    }
    this.emit(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  private async bind(claim: PersistentVolumeClaim, volume: PersistentVolume, now: number): Promise<void> {
    const m = claim.metadata!;
    let v = clone(volume);
    const ref = v.spec?.claimRef;
    if (!ref || ref.uid !== m.uid) {
      v.spec = {
        ...v.spec,
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: m.namespace,
          name: m.name,
          uid: m.uid,
          apiVersion: 'v1',
          resourceVersion: m.resourceVersion,
        },
      };
      v.metadata = {
        ...v.metadata,
        annotations: { ...(v.metadata?.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' },
      };
      v = await this.ctx.client.persistentVolumes.update(v);
    }
    if (v.status?.phase !== 'Bound')
      v = await this.ctx.client.persistentVolumes.updateStatus({
        ...v,
        status: { ...v.status, phase: 'Bound', lastPhaseTransitionTime: rfc3339(now) },
      });
    let c = claim;
    if (
      c.spec?.volumeName !== v.metadata!.name ||
      c.metadata?.annotations?.['pv.kubernetes.io/bind-completed'] !== 'yes'
    ) {
      const ann: Record<string, string> = {
        ...(c.metadata?.annotations ?? {}),
        'pv.kubernetes.io/bind-completed': 'yes',
      };
      if (c.spec?.volumeName !== v.metadata!.name) ann['pv.kubernetes.io/bound-by-controller'] = 'yes';
      c = await this.ctx.client.persistentVolumeClaims.update({
        ...c,
        metadata: { ...c.metadata, annotations: ann },
        spec: { ...c.spec, volumeName: v.metadata!.name },
      });
    }
    if (c.status?.phase !== 'Bound')
      await this.ctx.client.persistentVolumeClaims.updateStatus({
        ...c,
        status: { ...c.status, phase: 'Bound', accessModes: v.spec?.accessModes, capacity: v.spec?.capacity },
      });
  }

  private async syncVolume(name: string): Promise<void> {
    const cached = this.volumes.lister().get(undefined, name);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const v = clone(cached);
    const now = this.ctx.clock.now();
    const ref = v.spec?.claimRef;
    let phase: string;
    if (!ref) phase = 'Available';
    else if (!ref.uid) phase = v.status?.phase ?? 'Available';
    else {
      const claim = this.claims.lister().get(ref.namespace, ref.name!);
      let found = claim && claim.metadata?.uid === ref.uid ? claim : undefined;
      if (!found && claim === undefined) {
        try {
          const live = await this.ctx.client.persistentVolumeClaims.get(ref.namespace, ref.name!);
          if (live.metadata?.uid === ref.uid) found = live;
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      if (found) phase = found.spec?.volumeName === name ? 'Bound' : (v.status?.phase ?? 'Available');
      else phase = 'Released';
    }
    if (phase === 'Released' && v.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      try {
        await this.ctx.client.persistentVolumes.delete(undefined, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    if (v.status?.phase === phase) return;
    await this.ctx.client.persistentVolumes.updateStatus({
      ...v,
      status: { ...v.status, phase: phase as 'Bound', lastPhaseTransitionTime: rfc3339(now) },
    });
  }

  private emit(
    claim: PersistentVolumeClaim,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.events.emit(claim, 'v1', 'PersistentVolumeClaim', type, reason, message);
  }
}

/** Registry entry. */
export const pvBinderDescriptor: ControllerDescriptor = {
  name: 'persistentvolume-binder-controller',
  workers: 1,
  create: (ctx) => new PersistentVolumeBinder(ctx),
};
