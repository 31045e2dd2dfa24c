/**
 * Non-core kinds: PriorityClass (scheduling), RBAC roles and bindings, Lease (coordination),
 * HorizontalPodAutoscaler (autoscaling/v2), PodDisruptionBudget (policy), NetworkPolicy, Ingress,
 * IngressClass (networking), StorageClass (storage), ControllerRevision (apps). Mirrors the
 * respective pkg/apis/<group>/validation packages for the rules most visible to users.
 * Left out: HPA metric specs, Ingress TLS and backend details, NetworkPolicy peers' CIDR checks.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, nameIsPathSegment, type NameFn } from './names';
import { validateImmutable, validateLabelSelector, validateNonnegative, validateObjectMeta } from './meta';
import { validatePositiveIntOrPercent } from './workloads';
import { asObj, asObjArray, child, index, num, semanticEqual, str } from './util';

/** Highest priority a user-defined PriorityClass may have (1e9). */
export const highestUserDefinablePriority = 1_000_000_000;
const systemPriorityClasses = new Set(['system-node-critical', 'system-cluster-critical']);

/** ValidatePriorityClass. */
export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pc.metadata as ObjectMeta, false, nameIsDNSSubdomain);
  const name = pc.metadata?.name ?? '';
  const value = num(pc.value) ?? 0;
  if (systemPriorityClasses.has(name)) {
    /* system classes are created by the apiserver itself */
  } else if (name.startsWith('system-')) {
    errs.push(fieldError.forbidden('metadata.name', "priority class names with 'system-' prefix are reserved"));
  } else if (value > highestUserDefinablePriority) {
    errs.push(fieldError.forbidden('value', `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  const pp = pc.preemptionPolicy;
  if (pp !== undefined && pp !== null && pp !== 'PreemptLowerPriority' && pp !== 'Never')
    errs.push(fieldError.notSupported('preemptionPolicy', pp, ['PreemptLowerPriority', 'Never']));
  return errs;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable. */
export function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (num(pc.value) !== num(old.value)) errs.push(fieldError.forbidden('value', 'may not be changed in an update.'));
  errs.push(...validateImmutable(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
  return errs;
}

function validatePolicyRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  if (len(rule.verbs) === 0) errs.push(fieldError.required(child(path, 'verbs'), 'verbs must contain at least one value'));
  if (len(rule.nonResourceURLs) > 0) {
    if (namespaced) errs.push(fieldError.invalid(child(path, 'nonResourceURLs'), rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (len(rule.apiGroups) > 0 || len(rule.resources) > 0 || len(rule.resourceNames) > 0)
      errs.push(fieldError.invalid(child(path, 'nonResourceURLs'), rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    return errs;
  }
  if (len(rule.apiGroups) === 0) errs.push(fieldError.required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (len(rule.resources) === 0) errs.push(fieldError.required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

type Obj = Record<string, unknown>;

/** ValidateRole / ValidateClusterRole. */
export function validateRole(role: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(role.metadata as ObjectMeta, namespaced, nameIsPathSegment);
  asObjArray(role.rules).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, index('rules', i))));
  return errs;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding. */
export function validateRoleBinding(rb: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(rb.metadata as ObjectMeta, namespaced, nameIsPathSegment);
  const ref = asObj(rb.roleRef) ?? {};
  if (str(ref.apiGroup) !== 'rbac.authorization.k8s.io')
    errs.push(fieldError.notSupported('roleRef.apiGroup', str(ref.apiGroup), ['rbac.authorization.k8s.io']));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(fieldError.notSupported('roleRef.kind', str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) errs.push(fieldError.required('roleRef.name'));
  else for (const m of nameIsPathSegment(name, false)) errs.push(fieldError.invalid('roleRef.name', name, m));
  asObjArray(rb.subjects).forEach((s, i) => {
    const p = index('subjects', i);
    const sname = str(s.name);
    if (!sname) errs.push(fieldError.required(child(p, 'name')));
    switch (str(s.kind)) {
      case 'ServiceAccount':
        if (sname) for (const m of nameIsDNSSubdomain(sname, false)) errs.push(fieldError.invalid(child(p, 'name'), sname, m));
        if (str(s.apiGroup)) errs.push(fieldError.notSupported(child(p, 'apiGroup'), str(s.apiGroup), ['']));
        if (!namespaced && !str(s.namespace)) errs.push(fieldError.required(child(p, 'namespace')));
        break;
      case 'User':
      case 'Group':
        if (str(s.apiGroup) !== 'rbac.authorization.k8s.io')
          errs.push(fieldError.notSupported(child(p, 'apiGroup'), str(s.apiGroup), ['rbac.authorization.k8s.io']));
        break;
      default:
        errs.push(fieldError.notSupported(child(p, 'kind'), str(s.kind), ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

/** ValidateRoleBindingUpdate: roleRef may not change. */
export function validateRoleBindingUpdate(rb: KubeObject, old: KubeObject): FieldError[] {
  return JSON.stringify(rb.roleRef) === JSON.stringify(old.roleRef) ? [] : [fieldError.invalid('roleRef', rb.roleRef, 'cannot change roleRef')];
}

/** ValidateLease. */
export function validateLease(lease: KubeObject): FieldError[] {
  const errs = validateObjectMeta(lease.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(lease.spec) ?? {};
  const d = num(spec.leaseDurationSeconds);
  if (d !== undefined && d <= 0) errs.push(fieldError.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  errs.push(...validateNonnegative(num(spec.leaseTransitions), 'spec.leaseTransitions'));
  return errs;
}

/** ValidateHorizontalPodAutoscaler (scale target, replica bounds, behavior policies). */
export function validateHPA(hpa: KubeObject): FieldError[] {
  const errs = validateObjectMeta(hpa.metadata as ObjectMeta, true, nameIsPathSegment);
  const spec = asObj(hpa.spec) ?? {};
  const ref = asObj(spec.scaleTargetRef) ?? {};
  if (!str(ref.kind)) errs.push(fieldError.required('spec.scaleTargetRef.kind'));
  else for (const m of nameIsPathSegment(str(ref.kind), false)) errs.push(fieldError.invalid('spec.scaleTargetRef.kind', str(ref.kind), m));
  if (!str(ref.name)) errs.push(fieldError.required('spec.scaleTargetRef.name'));
  else for (const m of nameIsPathSegment(str(ref.name), false)) errs.push(fieldError.invalid('spec.scaleTargetRef.name', str(ref.name), m));
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 1) errs.push(fieldError.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const behavior = asObj(spec.behavior);
  for (const dir of ['scaleUp', 'scaleDown']) {
    const rules = asObj(behavior?.[dir]);
    if (!rules) continue;
    const p = child('spec.behavior', dir);
    const sw = num(rules.stabilizationWindowSeconds);
    if (sw !== undefined && (sw < 0 || sw > 3600))
      errs.push(fieldError.invalid(child(p, 'stabilizationWindowSeconds'), sw, sw < 0 ? 'must be greater than or equal to zero' : 'must be less than or equal to 3600'));
    asObjArray(rules.policies).forEach((pol, i) => {
      const pp = index(child(p, 'policies'), i);
      if (pol.type !== 'Pods' && pol.type !== 'Percent') errs.push(fieldError.invalid(child(pp, 'type'), pol.type, 'must be either Pods or Percent'));
      const v = num(pol.value) ?? 0;
      if (v <= 0) errs.push(fieldError.invalid(child(pp, 'value'), v, 'must be greater than zero'));
      const ps = num(pol.periodSeconds) ?? 0;
      if (ps <= 0) errs.push(fieldError.invalid(child(pp, 'periodSeconds'), ps, 'must be greater than zero'));
      else if (ps > 1800) errs.push(fieldError.invalid(child(pp, 'periodSeconds'), ps, 'must be less than or equal to 1800'));
    });
  }
  return errs;
}

/** ValidatePodDisruptionBudget. */
export function validatePDB(pdb: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pdb.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(pdb.spec) ?? {};
  if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null)
    errs.push(fieldError.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = spec[f];
    errs.push(...validatePositiveIntOrPercent(v, child('spec', f)));
    if (typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) > 100)
      errs.push(fieldError.invalid(child('spec', f), v, 'must not be greater than 100%'));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const uhp = spec.unhealthyPodEvictionPolicy;
  if (uhp !== undefined && uhp !== null && uhp !== 'IfHealthyBudget' && uhp !== 'AlwaysAllow')
    errs.push(fieldError.notSupported('spec.unhealthyPodEvictionPolicy', uhp, ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}

/** ValidateNetworkPolicy (pod selector, ports, policyTypes). */
export function validateNetworkPolicy(np: KubeObject): FieldError[] {
  const errs = validateObjectMeta(np.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(np.spec) ?? {};
  errs.push(...validateLabelSelector(spec.podSelector, 'spec.podSelector'));
  for (const dir of ['ingress', 'egress'])
    asObjArray(spec[dir]).forEach((rule, i) => {
      asObjArray(rule.ports).forEach((port, j) => {
        const p = index(child(index(child('spec', dir), i), 'ports'), j);
        const proto = port.protocol;
        if (proto !== undefined && proto !== null && !['TCP', 'UDP', 'SCTP'].includes(str(proto)))
          errs.push(fieldError.notSupported(child(p, 'protocol'), proto, ['TCP', 'UDP', 'SCTP']));
      });
    });
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(str) : [];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fieldError.notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  if (types.length > 2) errs.push(fieldError.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

/** ValidateIngress (rules' hosts and paths, pathType). */
export function validateIngress(ing: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ing.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(ing.spec) ?? {};
  if (!asObj(spec.defaultBackend) && asObjArray(spec.rules).length === 0)
    errs.push(fieldError.invalid('spec.rules', [], 'either `defaultBackend` or `rules` must be specified'));
  asObjArray(spec.rules).forEach((rule, i) => {
    const p = index('spec.rules', i);
    const host = str(rule.host);
    if (host) {
      const h = host.startsWith('*.') ? host.slice(2) : host;
      for (const m of isDNS1123Subdomain(h)) errs.push(fieldError.invalid(child(p, 'host'), host, m));
    }
    asObjArray(asObj(rule.http)?.paths).forEach((hp, j) => {
      const pp = index(child(p, 'http', 'paths'), j);
      const pt = str(hp.pathType);
      if (!pt) errs.push(fieldError.required(child(pp, 'pathType'), 'pathType must be specified'));
      else if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(pt))
        errs.push(fieldError.notSupported(child(pp, 'pathType'), pt, ['Exact', 'ImplementationSpecific', 'Prefix']));
      const path = str(hp.path);
      if ((pt === 'Exact' || pt === 'Prefix') && !path.startsWith('/')) errs.push(fieldError.invalid(child(pp, 'path'), path, "must be an absolute path"));
    });
  });
  return errs;
}

/** ValidateStorageClass. */
export function validateStorageClass(sc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(sc.metadata as ObjectMeta, false, nameIsDNSSubdomain);
  const prov = str(sc.provisioner);
  if (!prov) errs.push(fieldError.required('provisioner'));
  else for (const m of isQualifiedName(prov.toLowerCase())) errs.push(fieldError.invalid('provisioner', prov, m));
  const rp = sc.reclaimPolicy;
  if (rp !== undefined && rp !== null && rp !== 'Delete' && rp !== 'Retain') errs.push(fieldError.notSupported('reclaimPolicy', rp, ['Delete', 'Retain']));
  const vbm = sc.volumeBindingMode;
  if (vbm !== undefined && vbm !== null && vbm !== 'Immediate' && vbm !== 'WaitForFirstConsumer')
    errs.push(fieldError.notSupported('volumeBindingMode', vbm, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

/**
 * ValidateStorageClassUpdate (after ObjectMeta): parameters, provisioner and reclaimPolicy may not
 * change (Forbidden), volumeBindingMode is immutable (Invalid); both objects must be defaulted.
 */
export function validateStorageClassUpdate(sc: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(fieldError.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (str(sc.provisioner) !== str(old.provisioner)) errs.push(fieldError.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(fieldError.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutable(sc.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

/** Metadata-only validation for kinds without further rules here. */
export function validateMetaOnly(obj: KubeObject, namespaced: boolean, nameFn: NameFn = nameIsDNSSubdomain): FieldError[] {
  return validateObjectMeta(obj.metadata as ObjectMeta, namespaced, nameFn);
}
