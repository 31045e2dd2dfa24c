/**
 * apps/v1 workloads and ReplicationController, mirroring pkg/apis/apps/validation (Deployment,
 * ReplicaSet, DaemonSet, StatefulSet) and core's ValidateReplicationController, plus the apps/v1
 * strategies' selector immutability on update.
 * Left out: rollbackTo, ordinals' feature gates, StatefulSet maxUnavailable (alpha).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import { isValidPercent, nameIsDNSSubdomain } from './names';
import {
  selectorIsEmpty,
  selectorMatches,
  validateImmutable,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { validatePodTemplateSpec } from './pod';
import { asObj, asStringMap, child, clone, num, type Obj, semanticEqual, str } from './util';

function spec(o: KubeObject): Obj {
  return asObj(o.spec) ?? {};
}

function template(s: Obj): Obj {
  return asObj(s.template) ?? {};
}

function templateLabels(s: Obj): Record<string, string> {
  return asStringMap(asObj(template(s).metadata)?.labels);
}

function templateSpec(s: Obj): Obj {
  return asObj(template(s).spec) ?? {};
}

/** Whether the selector (nil matches nothing, {} matches everything) matches the template labels. */
function mismatch(selector: unknown, s: Obj, path: string): FieldError[] {
  const labels = templateLabels(s);
  const nil = selector === undefined || selector === null;
  if (!nil && selectorIsEmpty(selector)) return [];
  if (nil || !selectorMatches(selector, labels))
    return [fieldError.invalid(child(path, 'template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`')];
  return [];
}

function restartAlways(s: Obj, path: string): FieldError[] {
  const rp = str(templateSpec(s).restartPolicy);
  return rp !== 'Always' ? [fieldError.notSupported(child(path, 'template', 'spec', 'restartPolicy'), rp, ['Always'])] : [];
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldError.invalid(path, v, m));
  if (typeof v === 'number') return validateNonnegative(v, path);
  if (v === undefined || v === null) return [];
  return [fieldError.invalid(path, v, "must be an integer or percentage (e.g '5%')")];
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return 0;
}

function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || isValidPercent(v).length) return [];
  return intOrPercentValue(v) > 100 ? [fieldError.invalid(path, v, 'must not be greater than 100%')] : [];
}

function validateSelectorRequired(s: Obj, path: string, kind: string): FieldError[] {
  if (s.selector === undefined || s.selector === null) return [fieldError.required(child(path, 'selector'))];
  const errs = validateLabelSelector(s.selector, child(path, 'selector'));
  if (selectorIsEmpty(s.selector)) errs.push(fieldError.invalid(child(path, 'selector'), s.selector, `empty selector is invalid for ${kind}`));
  return errs;
}

function templateForReplicaSet(s: Obj, path: string, kind: 'ReplicaSet' | 'ReplicationController'): FieldError[] {
  const errs: FieldError[] = [];
  if (!asObj(s.template)) return [fieldError.required(child(path, 'template'))];
  errs.push(...mismatch(s.selector, s, path));
  // Containers may mount the volumeClaimTemplates by name: the controller adds those volumes to each pod.
  errs.push(...validatePodTemplateSpec(withClaimVolumes(s), child(path, 'template')));
  errs.push(...restartAlways(s, path));
  const ads = templateSpec(s).activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    const p = child(path, 'template', 'spec', 'activeDeadlineSeconds');
    errs.push(
      kind === 'ReplicationController'
        ? fieldError.forbidden(p, 'activeDeadlineSeconds in ReplicationController is not Supported')
        : fieldError.invalid(p, ads, 'activeDeadlineSeconds in ReplicaSet is not Supported'),
    );
  }
  return errs;
}

function validateDeploymentSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(num(s.replicas), child(path, 'replicas')));
  errs.push(...validateSelectorRequired(s, path, 'deployment'));
  errs.push(...templateForReplicaSet(s, path, 'ReplicaSet'));
  const strategy = asObj(s.strategy) ?? {};
  const sp = child(path, 'strategy');
  const type = str(strategy.type);
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null)
      errs.push(fieldError.forbidden(child(sp, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = asObj(strategy.rollingUpdate);
    if (!ru) errs.push(fieldError.required(child(sp, 'rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const rp = child(sp, 'rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
        errs.push(fieldError.invalid(child(rp, 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
    }
  } else {
    errs.push(fieldError.notSupported(sp, type, ['Recreate', 'RollingUpdate']));
  }
  errs.push(...validateNonnegative(num(s.minReadySeconds), child(path, 'minReadySeconds')));
  errs.push(...validateNonnegative(num(s.revisionHistoryLimit), child(path, 'revisionHistoryLimit')));
  const pds = num(s.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, child(path, 'progressDeadlineSeconds')));
    if (pds <= (num(s.minReadySeconds) ?? 0))
      errs.push(fieldError.invalid(child(path, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

function validateReplicaSetSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(num(s.replicas), child(path, 'replicas')));
  errs.push(...validateNonnegative(num(s.minReadySeconds), child(path, 'minReadySeconds')));
  errs.push(...validateSelectorRequired(s, path, 'deployment'));
  errs.push(...templateForReplicaSet(s, path, 'ReplicaSet'));
  return errs;
}

function validateRCSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(num(s.minReadySeconds), child(path, 'minReadySeconds')));
  const sel = asStringMap(s.selector);
  if (Object.keys(sel).length === 0) errs.push(fieldError.required(child(path, 'selector')));
  errs.push(...validateNonnegative(num(s.replicas), child(path, 'replicas')));
  // the RC selector is a plain map: turn it into a LabelSelector for matching
  const ls = Object.keys(sel).length ? { matchLabels: sel } : {};
  errs.push(...templateForReplicaSet({ ...s, selector: ls }, path, 'ReplicationController'));
  return errs;
}

function validateDaemonSetSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(s.selector, child(path, 'selector')));
  const nil = s.selector === undefined || s.selector === null;
  if (nil || !selectorMatches(s.selector, templateLabels(s)))
    errs.push(
      fieldError.invalid(child(path, 'template', 'metadata', 'labels'), templateLabels(s), '`selector` does not match template `labels`'),
    );
  if (!nil && selectorIsEmpty(s.selector))
    errs.push(fieldError.invalid(child(path, 'selector'), s.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(s.template, child(path, 'template')));
  errs.push(...restartAlways(s, path));
  const ads = templateSpec(s).activeDeadlineSeconds;
  if (ads !== undefined && ads !== null)
    errs.push(fieldError.invalid(child(path, 'template', 'spec', 'activeDeadlineSeconds'), ads, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...validateNonnegative(num(s.minReadySeconds), child(path, 'minReadySeconds')));
  const us = asObj(s.updateStrategy) ?? {};
  const up = child(path, 'updateStrategy');
  const type = str(us.type);
  if (type === 'RollingUpdate') {
    const ru = asObj(us.rollingUpdate);
    if (!ru) errs.push(fieldError.required(child(up, 'rollingUpdate')));
    else {
      const rp = child(up, 'rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...notMoreThan100Percent(ru.maxSurge, child(rp, 'maxSurge')));
      const hasU = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasS = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasU && hasS) errs.push(fieldError.invalid(child(rp, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
      else if (!hasU && !hasS) errs.push(fieldError.required(child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    }
  } else if (type !== 'OnDelete') {
    errs.push(fieldError.notSupported(up, type, ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...validateNonnegative(num(s.revisionHistoryLimit), child(path, 'revisionHistoryLimit')));
  return errs;
}

function validateStatefulSetSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = str(s.podManagementPolicy);
  if (!pmp) errs.push(fieldError.required(child(path, 'podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.push(fieldError.invalid(child(path, 'podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = asObj(s.updateStrategy) ?? {};
  const type = str(us.type);
  const up = child(path, 'updateStrategy');
  if (!type) errs.push(fieldError.required(up));
  else if (type === 'OnDelete') {
    if (us.rollingUpdate !== undefined && us.rollingUpdate !== null)
      errs.push(fieldError.invalid(child(up, 'rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    const ru = asObj(us.rollingUpdate);
    if (ru) errs.push(...validateNonnegative(num(ru.partition), child(up, 'rollingUpdate', 'partition')));
  } else errs.push(fieldError.invalid(up, us, "must be 'RollingUpdate' or 'OnDelete'"));
  const pvc = asObj(s.persistentVolumeClaimRetentionPolicy);
  if (pvc) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(pvc[f]);
      if (v !== 'Retain' && v !== 'Delete')
        errs.push(fieldError.notSupported(child(path, 'persistentVolumeClaimRetentionPolicy', f), v, ['Retain', 'Delete']));
    }
  }
  const ord = asObj(s.ordinals);
  if (ord) errs.push(...validateNonnegative(num(ord.start), child(path, 'ordinals.start')));
  errs.push(...validateNonnegative(num(s.replicas), child(path, 'replicas')));
  errs.push(...validateNonnegative(num(s.minReadySeconds), child(path, 'minReadySeconds')));
  errs.push(...validateSelectorRequired(s, path, 'statefulset'));
  errs.push(...mismatch(s.selector, s, path));
  // Containers may mount the volumeClaimTemplates by name: the controller adds those volumes to each pod.
  errs.push(...validatePodTemplateSpec(withClaimVolumes(s), child(path, 'template')));
  errs.push(...restartAlways(s, path));
  const ads = templateSpec(s).activeDeadlineSeconds;
  if (ads !== undefined && ads !== null)
    errs.push(fieldError.invalid(child(path, 'template', 'spec', 'activeDeadlineSeconds'), ads, 'must not be specified'));
  return errs;
}

/** Validates an apps workload or ReplicationController on create. */
export function validateWorkloadCreate(kind: string, obj: KubeObject): FieldError[] {
  const errs = validateObjectMeta(obj.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const s = spec(obj);
  switch (kind) {
    case 'Deployment':
      return [...errs, ...validateDeploymentSpec(s, 'spec')];
    case 'ReplicaSet':
      return [...errs, ...validateReplicaSetSpec(s, 'spec')];
    case 'ReplicationController':
      return [...errs, ...validateRCSpec(s, 'spec')];
    case 'DaemonSet':
      return [...errs, ...validateDaemonSetSpec(s, 'spec')];
    case 'StatefulSet':
      return [...errs, ...validateStatefulSetSpec(s, 'spec')];
  }
  return errs;
}

/** Validates an update of an apps workload or ReplicationController. */
export function validateWorkloadUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const s = spec(obj);
  const o = spec(old);
  switch (kind) {
    case 'Deployment':
      errs.push(...validateDeploymentSpec(s, 'spec'));
      break;
    case 'ReplicaSet':
      errs.push(...validateReplicaSetSpec(s, 'spec'));
      break;
    case 'ReplicationController':
      errs.push(...validateRCSpec(s, 'spec'));
      break;
    case 'DaemonSet':
      errs.push(...validateDaemonSetSpec(s, 'spec'));
      break;
    case 'StatefulSet': {
      const a = clone(s);
      const b = clone(o);
      for (const f of ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']) {
        delete a[f];
        delete b[f];
      }
      if (!semanticEqual(a, b))
        errs.push(
          fieldError.forbidden(
            'spec',
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ),
        );
      errs.push(...validateStatefulSetSpec(s, 'spec'));
      break;
    }
  }
  if (kind !== 'ReplicationController' && kind !== 'StatefulSet')
    errs.push(...validateImmutable(s.selector, o.selector, 'spec.selector'));
  return errs;
}

/** Status updates: counters non-negative and not above status.replicas. */
export function validateWorkloadStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const st = asObj(obj.status) ?? {};
  const fields =
    kind === 'DaemonSet'
      ? ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount']
      : ['replicas', 'updatedReplicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'currentReplicas', 'observedGeneration', 'collisionCount'];
  for (const f of fields) errs.push(...validateNonnegative(num(st[f]), child('status', f)));
  if (kind !== 'DaemonSet') {
    const replicas = num(st.replicas) ?? 0;
    for (const f of ['updatedReplicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'currentReplicas']) {
      const v = num(st[f]);
      if (v !== undefined && v > replicas) errs.push(fieldError.invalid(child('status', f), v, 'cannot be greater than status.replicas'));
    }
    const avail = num(st.availableReplicas) ?? 0;
    if (kind !== 'StatefulSet' && avail > (num(st.readyReplicas) ?? 0))
      errs.push(fieldError.invalid('status.availableReplicas', avail, 'cannot be greater than readyReplicas'));
  }
  const oc = num(asObj(old.status)?.collisionCount);
  const nc = num(st.collisionCount);
  if (oc !== undefined && (nc === undefined || nc < oc))
    errs.push(fieldError.invalid('status.collisionCount', nc ?? 0, 'cannot be decremented'));
  return errs;
}

/** The StatefulSet's template with a volume per volumeClaimTemplate (as its pods will have). */
function withClaimVolumes(s: Record<string, unknown>): unknown {
  const t = asObj(s.template);
  const claims = Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : [];
  if (!t || !claims.length) return s.template;
  const spec = asObj(t.spec) ?? {};
  const vols = Array.isArray(spec.volumes) ? [...spec.volumes] : [];
  for (const c of claims) {
    const name = str(asObj(asObj(c)?.metadata)?.name);
    if (name && !vols.some((v) => str(asObj(v)?.name) === name))
      vols.push({ name, persistentVolumeClaim: { claimName: name } });
  }
  return { ...t, spec: { ...spec, volumes: vols } };
}
