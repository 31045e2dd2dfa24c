/**
 * Config and storage printers (pkg/printers/internalversion): Secret, ServiceAccount, ConfigMap,
 * ResourceQuota, PersistentVolume, PersistentVolumeClaim, StorageClass. Quantities print as stored.
 */
import type {
  ConfigMap,
  PersistentVolume,
  PersistentVolumeClaim,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { col, nameCol, ageCol } from './columns';
import { doc } from './descriptions';
import { translateTimestampSince } from './duration';
import { accessModesString, quantity, storageClassOf } from './format';
import { printer } from './printer';

/** Secrets: TYPE and the number of DATA keys. */
export const secretPrinter = printer<Secret>(
  [nameCol(), col('Type', 'string', doc('Secret.type')), col('Data', 'string', doc('Secret.data')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    o.type ?? '',
    Object.keys(o.data ?? {}).length,
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** ServiceAccounts: the number of referenced SECRETS (v1.34 still prints it). */
export const serviceAccountPrinter = printer<ServiceAccount>(
  [nameCol(), col('Secrets', 'string', doc('ServiceAccount.secrets')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    (o.secrets ?? []).length,
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** ConfigMaps: DATA counts data and binaryData keys. */
export const configMapPrinter = printer<ConfigMap>(
  [nameCol(), col('Data', 'string', doc('ConfigMap.data')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** ResourceQuotas: `resource: used/hard` pairs sorted by name; `limits.*` go to the LIMIT column. */
export const resourceQuotaPrinter = printer<ResourceQuota>(
  [
    nameCol(),
    col(
      'Request',
      'string',
      'Request represents a minimum amount of cpu/memory that a container may consume.',
    ),
    col(
      'Limit',
      'string',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
    ageCol(),
  ],
  (o, now) => {
    const hard = o.status?.hard ?? {};
    const used = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const pieces = r.split('.');
      const entry = `${r}: ${quantity(used[r])}/${quantity(hard[r])}`;
      if (pieces.length > 1 && pieces[0] === 'limits') lim.push(entry);
      else req.push(entry);
    }
    return [
      o.metadata?.name ?? '',
      req.join(', '),
      lim.join(', '),
      translateTimestampSince(o.metadata?.creationTimestamp, now),
    ];
  },
);

/** PersistentVolumes. */
export const persistentVolumePrinter = printer<PersistentVolume>(
  [
    nameCol(),
    col('Capacity', 'string', doc('PersistentVolumeSpec.capacity')),
    col('Access Modes', 'string', doc('PersistentVolumeSpec.accessModes')),
    col('Reclaim Policy', 'string', doc('PersistentVolumeSpec.persistentVolumeReclaimPolicy')),
    col('Status', 'string', doc('PersistentVolumeStatus.phase')),
    col('Claim', 'string', doc('PersistentVolumeSpec.claimRef')),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', doc('PersistentVolumeStatus.reason')),
    ageCol(),
    col('VolumeMode', 'string', doc('PersistentVolumeSpec.volumeMode'), 1),
  ],
  (o, now) => {
    const ref = o.spec?.claimRef;
    return [
      o.metadata?.name ?? '',
      quantity(o.spec?.capacity?.storage),
      accessModesString(o.spec?.accessModes),
      o.spec?.persistentVolumeReclaimPolicy ?? '',
      o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClassOf(o.metadata?.annotations, o.spec?.storageClassName),
      o.spec?.volumeAttributesClassName ?? '<unset>',
      o.status?.reason ?? '',
      translateTimestampSince(o.metadata?.creationTimestamp, now),
      o.spec?.volumeMode ?? '<unset>',
    ];
  },
);

/** PersistentVolumeClaims: CAPACITY and ACCESS MODES only once bound to a volume. */
export const persistentVolumeClaimPrinter = printer<PersistentVolumeClaim>(
  [
    nameCol(),
    col('Status', 'string', doc('PersistentVolumeClaimStatus.phase')),
    col('Volume', 'string', doc('PersistentVolumeClaimSpec.volumeName')),
    col('Capacity', 'string', doc('PersistentVolumeClaimStatus.capacity')),
    col('Access Modes', 'string', doc('PersistentVolumeClaimStatus.accessModes')),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'string', doc('PersistentVolumeClaimSpec.volumeMode'), 1),
  ],
  (o, now) => {
    const volume = o.spec?.volumeName ?? '';
    return [
      o.metadata?.name ?? '',
      o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      volume,
      volume ? quantity(o.status?.capacity?.storage) : '',
      volume ? accessModesString(o.status?.accessModes) : '',
      storageClassOf(o.metadata?.annotations, o.spec?.storageClassName),
      o.spec?.volumeAttributesClassName ?? '<unset>',
      translateTimestampSince(o.metadata?.creationTimestamp, now),
      o.spec?.volumeMode ?? '<unset>',
    ];
  },
);

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

/** StorageClasses: NAME gets ` (default)` for the annotated default class. */
export const storageClassPrinter = printer<StorageClass>(
  [
    nameCol(),
    col('Provisioner', 'string', doc('StorageClass.provisioner')),
    col('ReclaimPolicy', 'string', doc('StorageClass.reclaimPolicy')),
    col('VolumeBindingMode', 'string', doc('StorageClass.volumeBindingMode')),
    col('AllowVolumeExpansion', 'string', doc('StorageClass.allowVolumeExpansion')),
    ageCol(),
  ],
  (o, now) => {
    const a = o.metadata?.annotations ?? {};
    const isDefault = a[DEFAULT_CLASS] === 'true' || a[BETA_DEFAULT_CLASS] === 'true';
    return [
      (o.metadata?.name ?? '') + (isDefault ? ' (default)' : ''),
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      o.allowVolumeExpansion ?? false,
      translateTimestampSince(o.metadata?.creationTimestamp, now),
    ];
  },
);
