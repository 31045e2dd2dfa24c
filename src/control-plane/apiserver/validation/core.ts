/**
 * The remaining core/v1 kinds, mirroring pkg/apis/core/validation: ConfigMap, Secret, Namespace,
 * Node, Event, PersistentVolume(Claim), ResourceQuota, LimitRange, ServiceAccount, PodTemplate.
 * Left out: PV source details, node config sources, quota scope selectors, LimitRange ratio checks.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import { isCIDR, isConfigMapKey, isDNS1123Subdomain, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { validateImmutable, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validatePodTemplateSpec, validateTaintEffect } from './pod';
import { parseQuantityField, validateResourceName, validateResourceQuantityValue } from './resources';
import { cmpQuantity, formatQuantity, quantitySign, type Quantity } from './quantity';
import { asObj, asObjArray, child, index, key, num, semanticEqual, str } from './util';
import { isValidLabelValue } from './names';

/** 1 MiB: the size limit of a ConfigMap or Secret. */
export const maxSecretSize = 1024 * 1024;

function base64Length(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

/** ValidateConfigMap. */
export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  let size = 0;
  const data = asObj(cm.data) ?? {};
  const binary = asObj(cm.binaryData) ?? {};
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(key('data', k), k, m));
    if (k in binary) errs.push(fieldError.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += new TextEncoder().encode(str(v)).length;
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(key('binaryData', k), k, m));
    size += base64Length(str(v));
  }
  if (size > maxSecretSize) errs.push(fieldError.tooLong('', '', maxSecretSize));
  return errs;
}

function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable !== true) return errs;
  if (obj.immutable !== true) errs.push(fieldError.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!semanticEqual(obj[f], old[f])) errs.push(fieldError.forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

/** ValidateConfigMapUpdate. */
export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cm.metadata as ObjectMeta, old.metadata as ObjectMeta),
    ...validateImmutableData(cm, old, ['data', 'binaryData']),
    ...validateConfigMap(cm),
  ];
}

/** ValidateSecret (keys, 1 MiB, per-type required keys). */
export function validateSecret(s: KubeObject): FieldError[] {
  const errs = validateObjectMeta(s.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const data = asObj(s.data) ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(key('data', k), k, m));
    size += base64Length(str(v));
  }
  if (size > maxSecretSize) errs.push(fieldError.tooLong('data', '', maxSecretSize));
  const need = (k: string) => {
    if (!(k in data)) errs.push(fieldError.required(key('data', k)));
  };
  switch (str(s.type)) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name'])
        errs.push(fieldError.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) {
        need('username');
        need('password');
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) errs.push(fieldError.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
  }
  return errs;
}

/** ValidateSecretUpdate. */
export function validateSecretUpdate(s: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(s.metadata as ObjectMeta, old.metadata as ObjectMeta),
    ...validateImmutable(str(s.type), str(old.type), 'type'),
    ...validateImmutableData(s, old, ['data']),
    ...validateSecret(s),
  ];
}

function validateNamespaceFinalizers(ns: KubeObject, indexed: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const fins = Array.isArray(asObj(ns.spec)?.finalizers) ? (asObj(ns.spec)?.finalizers as unknown[]).map(str) : [];
  fins.forEach((f, i) => {
    const p = indexed ? index('spec.finalizers', i) : 'spec.finalizers';
    for (const m of isQualifiedName(f)) errs.push(fieldError.invalid(p, f, m));
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f))
      errs.push(fieldError.invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

/** ValidateNamespace. */
export function validateNamespace(ns: KubeObject): FieldError[] {
  return [...validateObjectMeta(ns.metadata as ObjectMeta, false, nameIsDNSLabel), ...validateNamespaceFinalizers(ns, false)];
}

/** ValidateNamespaceStatusUpdate: phase Active unless being deleted, then Terminating. */
export function validateNamespaceStatusUpdate(ns: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const phase = str(asObj(ns.status)?.phase);
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** ValidateNamespaceFinalizeUpdate. */
export function validateNamespaceFinalizeUpdate(ns: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata as ObjectMeta, old.metadata as ObjectMeta), ...validateNamespaceFinalizers(ns, true)];
}

function validateTaints(taints: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  asObjArray(taints).forEach((t, i) => {
    const p = index('metadata.taints', i);
    errs.push(...validateLabelName(str(t.key), child(p, 'key')));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(fieldError.invalid(child(p, 'value'), str(t.value), msgs.join(';')));
    const effect = str(t.effect);
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      errs.push({ ...fieldError.duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(str(t.key));
    seen.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(node: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(asObj(asObj(node.status)?.[f]) ?? {})) {
      const p = child('status', f, k);
      const q = parseQuantityField(v, p, errs);
      if (q) errs.push(...validateResourceQuantityValue(k, q, p));
    }
  }
  return errs;
}

/** ValidateNode. */
export function validateNode(node: KubeObject): FieldError[] {
  const errs = validateObjectMeta(node.metadata as ObjectMeta, false, nameIsDNSSubdomain);
  const spec = asObj(node.spec) ?? {};
  errs.push(...validateTaints(spec.taints));
  errs.push(...validateNodeResources(node));
  const cidrs = Array.isArray(spec.podCIDRs) ? spec.podCIDRs.map(str) : [];
  cidrs.forEach((c, i) => {
    if (!isCIDR(c)) errs.push(fieldError.invalid(index('spec.podCIDRs', i), c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 1) {
    const v6 = cidrs.filter((c) => c.includes(':')).length;
    if (cidrs.length > 2 || v6 !== 1) errs.push(fieldError.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
  }
  return errs;
}

/** ValidateNodeUpdate: podCIDRs and providerID may only be set once. */
export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata as ObjectMeta, old.metadata as ObjectMeta);
  errs.push(...validateNodeResources(node));
  const n = asObj(node.spec) ?? {};
  const o = asObj(old.spec) ?? {};
  const oc = Array.isArray(o.podCIDRs) ? o.podCIDRs.map(str) : [];
  const nc = Array.isArray(n.podCIDRs) ? n.podCIDRs.map(str) : [];
  const msg = 'node updates may not change podCIDR except from "" to valid';
  if (oc.length) {
    if (oc.length !== nc.length) errs.push(fieldError.forbidden('spec.podCIDRs', msg));
    else oc.forEach((c, i) => c !== nc[i] && errs.push(fieldError.forbidden('spec.podCIDRs', msg)));
  }
  if (str(o.providerID) && str(o.providerID) !== str(n.providerID))
    errs.push(fieldError.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  errs.push(...validateTaints(n.taints));
  return errs;
}

/** ValidateEventCreate for core/v1 events (legacy rules when eventTime is unset). */
export function validateEvent(ev: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ev.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const ns = ev.metadata?.namespace ?? '';
  const io = asObj(ev.involvedObject) ?? {};
  const ions = str(io.namespace);
  if (!ev.eventTime) {
    if (!ions) {
      if (ns !== '' && ns !== 'default') errs.push(fieldError.invalid('involvedObject.namespace', ions, 'does not match event.namespace'));
    } else if (ns !== ions) errs.push(fieldError.invalid('involvedObject.namespace', ions, 'does not match event.namespace'));
  } else {
    if (!ions && ns !== '' && ns !== 'default' && !['Node', 'Namespace'].includes(str(io.kind)))
      errs.push(fieldError.invalid('involvedObject.namespace', ions, 'does not match event.namespace'));
    if (ions && ns !== ions) errs.push(fieldError.invalid('involvedObject.namespace', ions, 'does not match event.namespace'));
    const rc = str(ev.reportingComponent);
    if (!rc) errs.push(fieldError.required('reportingComponent', ''));
    if (!str(ev.reportingInstance)) errs.push(fieldError.required('reportingInstance', ''));
    if (!str(ev.action)) errs.push(fieldError.required('action', ''));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(fieldError.invalid('namespace', ns, m));
  return errs;
}

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: unknown, path: string, requiredDetail: string): FieldError[] {
  const list = Array.isArray(modes) ? modes.map(str) : [];
  const errs: FieldError[] = [];
  if (!list.length) errs.push(fieldError.required(path, requiredDetail));
  for (const m of list) if (!accessModes.includes(m)) errs.push(fieldError.notSupported(path, m, accessModes));
  if (list.includes('ReadWriteOncePod') && list.some((m) => m !== 'ReadWriteOncePod' && accessModes.includes(m)))
    errs.push(fieldError.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validatePositiveQuantity(q: Quantity, path: string): FieldError[] {
  return quantitySign(q) <= 0 ? [fieldError.invalid(path, formatQuantity(q), 'must be greater than zero')] : [];
}

const pvSources = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi'];

/** ValidatePersistentVolume. */
export function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pv.metadata as ObjectMeta, false, nameIsDNSSubdomain);
  const spec = asObj(pv.spec) ?? {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', ''));
  const cap = asObj(spec.capacity) ?? {};
  if (Object.keys(cap).length === 0) errs.push(fieldError.required('spec.capacity'));
  if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(fieldError.notSupported('spec.capacity', cap, ['storage']));
  for (const [k, v] of Object.entries(cap)) {
    const p = key('spec.capacity', k);
    const q = parseQuantityField(v, p, errs);
    if (q) errs.push(...validatePositiveQuantity(q, p));
  }
  const rp = str(spec.persistentVolumeReclaimPolicy);
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp))
    errs.push(fieldError.notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  let n = 0;
  for (const s of pvSources) {
    if (!asObj(spec[s])) continue;
    if (n > 0) errs.push(fieldError.forbidden(child('spec', s), 'may not specify more than 1 volume type'));
    else {
      n++;
      if (s === 'hostPath' && !str(asObj(spec[s])?.path)) errs.push(fieldError.required('spec.hostPath.path'));
    }
  }
  if (n === 0) errs.push(fieldError.required('spec', 'must specify a volume type'));
  const vm = spec.volumeMode;
  if (vm !== undefined && vm !== null && vm !== 'Block' && vm !== 'Filesystem')
    errs.push(fieldError.notSupported('spec.volumeMode', vm, ['Block', 'Filesystem']));
  return errs;
}

/** ValidatePersistentVolumeClaim. */
export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pvc.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(pvc.spec) ?? {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required'));
  const req = asObj(asObj(spec.resources)?.requests) ?? {};
  const p = 'spec.resources[storage]';
  if (!('storage' in req)) errs.push(fieldError.required(p));
  else {
    const q = parseQuantityField(req.storage, p, errs);
    if (q) {
      const pos = validatePositiveQuantity(q, p);
      errs.push(...(pos.length ? pos : validateResourceQuantityValue('storage', q, p)));
    }
  }
  const sc = str(spec.storageClassName);
  if (sc) for (const m of nameIsDNSSubdomain(sc, false)) errs.push(fieldError.invalid('spec.storageClassName', sc, m));
  const vm = spec.volumeMode;
  if (vm !== undefined && vm !== null && vm !== 'Block' && vm !== 'Filesystem')
    errs.push(fieldError.notSupported('spec.volumeMode', vm, ['Block', 'Filesystem']));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: spec immutable except volumeName (once) and storage requests. */
export function validatePersistentVolumeClaimUpdate(pvc: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pvc.metadata as ObjectMeta, old.metadata as ObjectMeta), ...validatePersistentVolumeClaim(pvc)];
  const n = JSON.parse(JSON.stringify(pvc.spec ?? {})) as Record<string, unknown>;
  const o = JSON.parse(JSON.stringify(old.spec ?? {})) as Record<string, unknown>;
  if (!str(o.volumeName)) o.volumeName = n.volumeName;
  // Retroactive default StorageClass (GA in 1.28): an unset class may be set once.
  if (o.storageClassName === undefined || o.storageClassName === null) o.storageClassName = n.storageClassName;
  const bound = str(asObj(pvc.status)?.phase) === 'Bound';
  if (bound) {
    const nr = asObj(asObj(n.resources)?.requests);
    const or = asObj(asObj(o.resources)?.requests);
    if (nr) nr.storage = or?.storage;
  }
  if (!semanticEqual(n, o))
    errs.push(fieldError.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  const newQ = parseQuantityField(asObj(asObj(asObj(pvc.spec)?.resources)?.requests)?.storage ?? '0', 'x', []);
  const oldQ = parseQuantityField(asObj(asObj(asObj(old.spec)?.resources)?.requests)?.storage ?? '0', 'x', []);
  if (newQ && oldQ && cmpQuantity(newQ, oldQ) < 0)
    errs.push(fieldError.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  return errs;
}

const quotaResources = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage',
]);

function validateQuotaHard(hard: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(asObj(hard) ?? {})) {
    const p = key(path, k);
    errs.push(...validateResourceName(k, p));
    if (!k.includes('/') && !quotaResources.has(k) && !k.startsWith('requests.hugepages-') && !k.startsWith('hugepages-'))
      errs.push(fieldError.invalid(p, k, 'must be a standard resource for quota'));
    const q = parseQuantityField(v, p, errs);
    if (q) errs.push(...validateResourceQuantityValue(k, q, p));
  }
  return errs;
}

/** ValidateResourceQuota. */
export function validateResourceQuota(rq: KubeObject): FieldError[] {
  const errs = validateObjectMeta(rq.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const spec = asObj(rq.spec) ?? {};
  errs.push(...validateQuotaHard(spec.hard, 'spec.hard'));
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map(str) : [];
  const known = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];
  for (const s of scopes) if (!known.includes(s)) errs.push(fieldError.invalid('spec.scopes', scopes, 'unsupported scope'));
  if ((scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) || (scopes.includes('Terminating') && scopes.includes('NotTerminating')))
    errs.push(fieldError.invalid('spec.scopes', scopes, 'conflicting scopes'));
  const st = asObj(rq.status) ?? {};
  errs.push(...validateQuotaHard(st.hard, 'status.hard'));
  errs.push(...validateQuotaHard(st.used, 'status.used'));
  return errs;
}

/** ValidateLimitRange (types, duplicates, min ≤ default ≤ max). */
export function validateLimitRange(lr: KubeObject): FieldError[] {
  const errs = validateObjectMeta(lr.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const types = new Set<string>();
  asObjArray(asObj(lr.spec)?.limits).forEach((l, i) => {
    const p = index('spec.limits', i);
    const type = str(l.type);
    for (const m of isQualifiedName(type)) errs.push(fieldError.invalid(child(p, 'type'), type, m));
    if (type && !type.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type))
      errs.push(fieldError.invalid(child(p, 'type'), type, 'must be a standard limit type or fully qualified'));
    if (types.has(type)) errs.push(fieldError.duplicate(child(p, 'type'), type));
    types.add(type);
    const read = (f: string) => {
      const out = new Map<string, Quantity>();
      for (const [k, v] of Object.entries(asObj(l[f]) ?? {})) {
        const q = parseQuantityField(v, key(child(p, f), k), errs);
        if (q) out.set(k, q);
      }
      return out;
    };
    const max = read('max');
    const min = read('min');
    if (type === 'Pod') {
      if (Object.keys(asObj(l.default) ?? {}).length) errs.push(fieldError.forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(asObj(l.defaultRequest) ?? {}).length)
        errs.push(fieldError.forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    }
    const def = type === 'Pod' ? new Map<string, Quantity>() : read('default');
    const defReq = type === 'Pod' ? new Map<string, Quantity>() : read('defaultRequest');
    const keys = new Set([...max.keys(), ...min.keys(), ...def.keys(), ...defReq.keys()]);
    for (const k of keys) {
      const mn = min.get(k);
      const mx = max.get(k);
      const d = def.get(k);
      const dr = defReq.get(k);
      const f = formatQuantity;
      if (mn && mx && cmpQuantity(mn, mx) > 0) errs.push(fieldError.invalid(key(child(p, 'min'), k), f(mn), `min value ${f(mn)} is greater than max value ${f(mx)}`));
      if (dr && mn && cmpQuantity(mn, dr) > 0)
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), f(dr), `min value ${f(mn)} is greater than default request value ${f(dr)}`));
      if (dr && mx && cmpQuantity(dr, mx) > 0)
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), f(dr), `default request value ${f(dr)} is greater than max value ${f(mx)}`));
      if (dr && d && cmpQuantity(dr, d) > 0)
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), f(dr), `default request value ${f(dr)} is greater than default limit value ${f(d)}`));
      if (d && mn && cmpQuantity(mn, d) > 0) errs.push(fieldError.invalid(key(child(p, 'default'), k), f(mn), `min value ${f(mn)} is greater than default value ${f(d)}`));
      if (d && mx && cmpQuantity(d, mx) > 0) errs.push(fieldError.invalid(key(child(p, 'default'), k), f(mx), `default value ${f(d)} is greater than max value ${f(mx)}`));
    }
  });
  return errs;
}

/** ValidateServiceAccount. */
export function validateServiceAccount(sa: KubeObject): FieldError[] {
  return validateObjectMeta(sa.metadata as ObjectMeta, true, nameIsDNSSubdomain);
}

/** ValidatePodTemplate. */
export function validatePodTemplate(pt: KubeObject): FieldError[] {
  return [...validateObjectMeta(pt.metadata as ObjectMeta, true, nameIsDNSSubdomain), ...validatePodTemplateSpec(pt.template, 'template')];
}

/** ValidatePodBinding. */
export function validateBinding(b: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const t = asObj(b.target) ?? {};
  if (str(t.kind) && str(t.kind) !== 'Node') errs.push(fieldError.notSupported('target.kind', str(t.kind), ['Node', '<empty>']));
  if (!str(t.name)) errs.push(fieldError.required('target.name'));
  return errs;
}

/** Non-negative helper used by callers that validate plain numbers. */
export function nonNegative(v: unknown, path: string): FieldError[] {
  const n = num(v);
  return n !== undefined && n < 0 ? [fieldError.invalid(path, n, 'must be greater than or equal to 0')] : [];
}
