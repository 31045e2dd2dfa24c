/**
 * Object validation of kube-apiserver: the `Validate`, `ValidateUpdate` and status-update
 * validation of each kind's registry strategy (pkg/registry/<group>/<kind>/strategy.go), dispatched
 * by kind. Callers must run defaulting first (defaults/applyDefaults) and, on create, fill uid /
 * creationTimestamp (and for Jobs prepareJobForCreate) — upstream validates after those steps. On
 * update the object must carry a resourceVersion (upstream copies it for unconditional updates).
 * Kinds without specific rules get ObjectMeta validation only.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../../api/field-errors';
import type { ResourceInfo } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import { validateCronJobCreate, validateCronJobUpdate, validateJobCreate, validateJobUpdate } from './batch';
import {
  validatePDB,
  validateHPA,
  validateIngress,
  validateLease,
  validateMetaOnly,
  validateNetworkPolicy,
  validatePriorityClass,
  validatePriorityClassUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
} from './cluster';
import {
  validateBinding,
  validateConfigMap,
  validateConfigMapUpdate,
  validateEvent,
  validateLimitRange,
  validateNamespace,
  validateNamespaceFinalizeUpdate,
  validateNamespaceStatusUpdate,
  validateNode,
  validateNodeUpdate,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePodTemplate,
  validateResourceQuota,
  validateSecret,
  validateSecretUpdate,
  validateServiceAccount,
} from './core';
import { validateObjectMetaUpdate } from './meta';
import { nameIsPathSegment } from './names';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod';
import { validateEndpoints, validateEndpointSlice, validateService, validateServiceUpdate } from './service';
import { validateWorkloadCreate, validateWorkloadStatusUpdate, validateWorkloadUpdate } from './workloads';

export type { FieldError };

const workloads = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet']);

/** Validation of a new object (after defaulting). */
export function validateCreate(resource: ResourceInfo, obj: KubeObject): FieldError[] {
  const kind = resource.kind;
  if (workloads.has(kind)) return validateWorkloadCreate(kind, obj);
  switch (kind) {
    case 'Pod':
      return validatePodCreate(obj);
    case 'Service':
      return validateService(obj);
    case 'Endpoints':
      return validateEndpoints(obj);
    case 'EndpointSlice':
      return validateEndpointSlice(obj);
    case 'ConfigMap':
      return validateConfigMap(obj);
    case 'Secret':
      return validateSecret(obj);
    case 'Namespace':
      return validateNamespace(obj);
    case 'Node':
      return validateNode(obj);
    case 'Event':
      return validateEvent(obj);
    case 'PersistentVolume':
      return validatePersistentVolume(obj);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaim(obj);
    case 'ResourceQuota':
      return validateResourceQuota(obj);
    case 'LimitRange':
      return validateLimitRange(obj);
    case 'ServiceAccount':
      return validateServiceAccount(obj);
    case 'PodTemplate':
      return validatePodTemplate(obj);
    case 'Binding':
      return validateBinding(obj);
    case 'Job':
      return validateJobCreate(obj);
    case 'CronJob':
      return validateCronJobCreate(obj);
    case 'PriorityClass':
      return validatePriorityClass(obj);
    case 'Role':
    case 'ClusterRole':
      return validateRole(obj, resource.namespaced);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return validateRoleBinding(obj, resource.namespaced);
    case 'Lease':
      return validateLease(obj);
    case 'HorizontalPodAutoscaler':
      return validateHPA(obj);
    case 'PodDisruptionBudget':
      return validatePDB(obj);
    case 'NetworkPolicy':
      return validateNetworkPolicy(obj);
    case 'Ingress':
      return validateIngress(obj);
    case 'StorageClass':
      return validateStorageClass(obj);
    case 'IngressClass':
      return validateMetaOnly(obj, false);
  }
  return validateMetaOnly(obj, resource.namespaced);
}

/** Validation of an update (spec/metadata), given the stored object. */
export function validateUpdate(resource: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  const kind = resource.kind;
  if (workloads.has(kind)) return validateWorkloadUpdate(kind, obj, old);
  const meta = () => validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta);
  switch (kind) {
    case 'Pod':
      return validatePodUpdate(obj, old);
    case 'Service':
      return validateServiceUpdate(obj, old);
    case 'ConfigMap':
      return validateConfigMapUpdate(obj, old);
    case 'Secret':
      return validateSecretUpdate(obj, old);
    case 'Namespace':
      return meta();
    case 'Node':
      return validateNodeUpdate(obj, old);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaimUpdate(obj, old);
    case 'Job':
      return validateJobUpdate(obj, old);
    case 'CronJob':
      return validateCronJobUpdate(obj, old);
    case 'PriorityClass':
      return [...meta(), ...validatePriorityClass(obj), ...validatePriorityClassUpdate(obj, old)];
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return [...meta(), ...validateRoleBinding(obj, resource.namespaced), ...validateRoleBindingUpdate(obj, old)];
    case 'Role':
    case 'ClusterRole':
      return [...meta(), ...validateRole(obj, resource.namespaced)];
    case 'HorizontalPodAutoscaler':
      return [...meta(), ...validateHPA(obj).filter((e) => !e.field.startsWith('metadata.'))];
    case 'StorageClass':
      // upstream: ValidateStorageClass, then ValidateStorageClassUpdate (ObjectMeta update first)
      return [
        ...validateStorageClass(obj).filter((e) => !e.field.startsWith('metadata.')),
        ...meta(),
        ...validateStorageClassUpdate(obj, old),
      ];
  }
  // the create rules minus name/namespace checks, which ValidateObjectMetaUpdate replaces
  const rest = validateCreate(resource, obj).filter((e) => !e.field.startsWith('metadata.'));
  return [...meta(), ...rest];
}

/** Validation of a write to the `status` subresource. */
export function validateStatusUpdate(resource: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  const kind = resource.kind;
  if (workloads.has(kind)) return validateWorkloadStatusUpdate(kind, obj, old);
  switch (kind) {
    case 'Pod':
      return validatePodStatusUpdate(obj, old);
    case 'Namespace':
      return validateNamespaceStatusUpdate(obj, old);
    case 'Node':
      return validateNodeUpdate(obj, old);
  }
  return validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta);
}

/** Validation of the namespace `finalize` subresource. */
export function validateFinalizeUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  return validateNamespaceFinalizeUpdate(obj, old);
}

/** Re-exported for callers that validate RBAC-style names (path segments). */
export { nameIsPathSegment };
