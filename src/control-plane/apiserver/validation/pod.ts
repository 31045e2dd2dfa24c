/**
 * Pod and PodSpec validation, mirroring pkg/apis/core/validation (ValidatePodSpec, validateContainers,
 * validateInitContainers, ValidateVolumes, ValidateVolumeMounts, ValidateEnv, validateContainerPorts,
 * validateProbe, ValidateTolerations, validateAffinity, ValidatePodCreate, ValidatePodUpdate,
 * ValidatePodStatusUpdate). Messages are upstream's.
 * Left out: ephemeral containers, security-context details (seccomp, AppArmor, Windows), sysctls,
 * resource claims, pod-level resources, topology spread matchLabelKeys, the exact cmp.Diff text that
 * follows the pod-update Forbidden message (a simplified field diff is printed instead).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import {
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Label,
  isIP,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names';
import {
  validateAnnotations,
  validateImmutable,
  validateLabelName,
  validateLabels,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { validateResourceRequirements } from './resources';
import { asObj, asObjArray, child, clone, index, num, type Obj, semanticEqual, str } from './util';

/** Options that change pod-spec validation (PodValidationOptions). */
export interface PodValidationOptions {
  /** The spec belongs to a Pod (not a template inside a workload). */
  resourceIsPod: boolean;
}

const supportedProtocols = ['SCTP', 'TCP', 'UDP'];
const volumeTypes: [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];
const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const validEnvFieldPaths = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const validEnvResourceFieldPaths = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

function dns1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((m) => fieldError.invalid(path, value, m));
}

function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [fieldError.invalid(path, p, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fieldError.invalid(path, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

function validateLocalNonReservedPath(p: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fieldError.invalid(path, p, "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, path: string): FieldError[] {
  const m = num(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [fieldError.invalid(path, m, fileModeErrorMsg)] : [];
}

function validateKeyToPaths(items: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjArray(items).forEach((kp, i) => {
    const p = index(path, i);
    if (!str(kp.key)) errs.push(fieldError.required(child(p, 'key')));
    if (!str(kp.path)) errs.push(fieldError.required(child(p, 'path')));
    errs.push(...validateLocalNonReservedPath(str(kp.path), child(p, 'path')));
    errs.push(...validateMode(kp.mode, child(p, 'mode')));
  });
  return errs;
}

function validateVolumeSourceDetails(type: string, src: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (type) {
    case 'hostPath': {
      if (!str(src.path)) return [fieldError.required(child(path, 'path'))];
      errs.push(...validatePathNoBacksteps(str(src.path), child(path, 'path')));
      const t = src.type;
      const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
      if (t !== undefined && t !== null && !types.includes(str(t))) errs.push(fieldError.notSupported(child(path, 'type'), t, types));
      break;
    }
    case 'secret':
      if (!str(src.secretName)) errs.push(fieldError.required(child(path, 'secretName')));
      errs.push(...validateMode(src.defaultMode, child(path, 'defaultMode')));
      errs.push(...validateKeyToPaths(src.items, child(path, 'items')));
      break;
    case 'configMap':
      if (!str(src.name)) errs.push(fieldError.required(child(path, 'name')));
      errs.push(...validateMode(src.defaultMode, child(path, 'defaultMode')));
      errs.push(...validateKeyToPaths(src.items, child(path, 'items')));
      break;
    case 'persistentVolumeClaim':
      if (!str(src.claimName)) errs.push(fieldError.required(child(path, 'claimName')));
      break;
    case 'nfs':
      if (!str(src.server)) errs.push(fieldError.required(child(path, 'server')));
      if (!str(src.path)) errs.push(fieldError.required(child(path, 'path')));
      if (!str(src.path).startsWith('/')) errs.push(fieldError.invalid(child(path, 'path'), str(src.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
    case 'projected':
      errs.push(...validateMode(src.defaultMode, child(path, 'defaultMode')));
      break;
    case 'csi':
      if (!str(src.driver)) errs.push(fieldError.required(child(path, 'driver')));
      break;
    case 'ephemeral':
      if (!asObj(src.volumeClaimTemplate)) errs.push(fieldError.required(child(path, 'volumeClaimTemplate')));
      break;
  }
  return errs;
}

/** ValidateVolumes: returns the names of valid volumes (by source) and the errors. */
export function validateVolumes(volumes: unknown, path: string): { vols: Map<string, Obj>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const vols = new Map<string, Obj>();
  const names = new Set<string>();
  asObjArray(volumes).forEach((vol, i) => {
    const p = index(path, i);
    const namePath = child(p, 'name');
    const el: FieldError[] = [];
    let count = 0;
    for (const [field, forbiddenPath] of volumeTypes) {
      const src = asObj(vol[field]);
      if (!src) continue;
      if (count > 0) {
        el.push(fieldError.forbidden(child(p, forbiddenPath), 'may not specify more than 1 volume type'));
      } else {
        count++;
        const detailPath = field === 'gcePersistentDisk' ? 'persistentDisk' : field === 'cephfs' ? 'cephfs' : field;
        el.push(...validateVolumeSourceDetails(field, src, child(p, detailPath)));
      }
    }
    if (count === 0) el.push(fieldError.required(p, 'must specify a volume type'));
    const name = str(vol.name);
    if (!name) el.push(fieldError.required(namePath));
    else el.push(...dns1123Label(name, namePath));
    if (names.has(name)) el.push(fieldError.duplicate(namePath, name));
    if (el.length === 0) {
      names.add(name);
      vols.set(name, vol);
    } else errs.push(...el);
  });
  return { vols, errs };
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asObjArray(ports).forEach((port, i) => {
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(fieldError.invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = num(port.containerPort) ?? 0;
    if (cp === 0) errs.push(fieldError.required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(fieldError.invalid(child(p, 'containerPort'), cp, m));
    const hp = num(port.hostPort) ?? 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(fieldError.invalid(child(p, 'hostPort'), hp, m));
    const proto = str(port.protocol);
    if (!proto) errs.push(fieldError.required(child(p, 'protocol')));
    else if (!supportedProtocols.includes(proto)) errs.push(fieldError.notSupported(child(p, 'protocol'), proto, supportedProtocols));
  });
  return errs;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjArray(env).forEach((ev, i) => {
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fieldError.invalid(child(p, 'name'), name, m));
    const from = asObj(ev.valueFrom);
    if (!from) return;
    const fp = child(p, 'valueFrom');
    let sources = 0;
    const fieldRef = asObj(from.fieldRef);
    if (fieldRef) {
      sources++;
      const fr = child(fp, 'fieldRef');
      if (!str(fieldRef.apiVersion)) errs.push(fieldError.required(child(fr, 'apiVersion')));
      else if (!str(fieldRef.fieldPath)) errs.push(fieldError.required(child(fr, 'fieldPath')));
      else {
        const fpath = str(fieldRef.fieldPath);
        const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fpath);
        if (sub) {
          const k = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
          for (const m of isQualifiedName(k)) errs.push(fieldError.invalid(fr, k, m));
        } else if (!validEnvFieldPaths.includes(fpath)) {
          errs.push(fieldError.notSupported(child(fr, 'fieldPath'), fpath, validEnvFieldPaths));
        }
      }
    }
    const resRef = asObj(from.resourceFieldRef);
    if (resRef) {
      sources++;
      const rr = child(fp, 'resourceFieldRef');
      const res = str(resRef.resource);
      if (!res) errs.push(fieldError.required(child(rr, 'resource')));
      else if (!validEnvResourceFieldPaths.includes(res) && !/^(requests|limits)\.hugepages-/.test(res))
        errs.push(fieldError.notSupported(child(rr, 'resource'), res, validEnvResourceFieldPaths));
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = asObj(from[kind]);
      if (!ref) continue;
      sources++;
      const kp = child(fp, kind);
      for (const m of nameIsDNSSubdomain(str(ref.name), false)) errs.push(fieldError.invalid(child(kp, 'name'), str(ref.name), m));
      const k = str(ref.key);
      if (!k) errs.push(fieldError.required(child(kp, 'key')));
      else for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(child(kp, 'key'), k, m));
    }
    if (sources === 0)
      errs.push(
        fieldError.invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'),
      );
    else if (str(ev.value)) errs.push(fieldError.invalid(fp, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(fieldError.invalid(fp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjArray(envFrom).forEach((ev, i) => {
    const p = index(path, i);
    const prefix = str(ev.prefix);
    if (prefix) for (const m of isRelaxedEnvVarName(prefix)) errs.push(fieldError.invalid(child(p, 'prefix'), prefix, m));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = asObj(ev[kind]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(fieldError.required(child(p, kind, 'name')));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(fieldError.invalid(child(p, kind, 'name'), name, m));
    }
    if (sources === 0) errs.push(fieldError.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, vols: Map<string, Obj>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  asObjArray(mounts).forEach((mnt, i) => {
    const p = index(path, i);
    const name = str(mnt.name);
    const mp = str(mnt.mountPath);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    if (!vols.has(name)) errs.push(fieldError.notFound(child(p, 'name'), name));
    if (!mp) errs.push(fieldError.required(child(p, 'mountPath')));
    if (mountpoints.has(mp)) errs.push(fieldError.invalid(child(p, 'mountPath'), mp, 'must be unique'));
    mountpoints.add(mp);
    const subPath = str(mnt.subPath);
    const subPathExpr = str(mnt.subPathExpr);
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    if (subPathExpr) {
      if (subPath)
        errs.push(fieldError.invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
    const prop = mnt.mountPropagation;
    if (prop !== undefined && prop !== null) {
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      if (!supported.includes(str(prop))) errs.push(fieldError.notSupported(child(path, 'mountPropagation'), prop, supported));
    }
  });
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldError.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldError.invalid(path, port, m));
  return isValidPortNum(0).map((m) => fieldError.invalid(path, 0, m));
}

function validateHandler(h: Obj, path: string, handlerTypes: string[], gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const t of handlerTypes) {
    const a = asObj(h[t]);
    if (!a) continue;
    if (n > 0) {
      errs.push(fieldError.forbidden(child(path, t), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = child(path, t);
    if (t === 'exec' && !(Array.isArray(a.command) && a.command.length))
      errs.push(fieldError.required(child(p, 'command')));
    if (t === 'httpGet') {
      if (!str(a.path)) errs.push(fieldError.required(child(p, 'path')));
      errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
      const scheme = str(a.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldError.notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
    }
    if (t === 'tcpSocket') errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
    if (t === 'grpc') errs.push(...validatePortNumOrName(num(a.port) ?? 0, child(p, 'port')));
    if (t === 'sleep') {
      const s = num(a.seconds) ?? 0;
      if (gracePeriod !== undefined && (s < 0 || s > gracePeriod))
        errs.push(
          fieldError.invalid(p, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`),
        );
    }
  }
  if (n === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup', grace: number | undefined): FieldError[] {
  const p = asObj(probe);
  if (!p) return [];
  const errs = validateHandler(p, path, ['exec', 'httpGet', 'tcpSocket', 'grpc'], grace);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    errs.push(...validateNonnegative(num(p[f]) ?? 0, child(path, f)));
  const tgps = num(p.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && (num(p.successThreshold) ?? 0) !== 1)
    errs.push(fieldError.invalid(child(path, 'successThreshold'), num(p.successThreshold) ?? 0, 'must be 1'));
  if (kind === 'readiness' && p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds !== null)
    errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  return errs;
}

function validateLifecycle(lc: unknown, path: string, grace: number | undefined): FieldError[] {
  const l = asObj(lc);
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = asObj(l[hook]);
    if (h) errs.push(...validateHandler(h, child(path, hook), ['exec', 'httpGet', 'tcpSocket', 'sleep'], grace));
  }
  return errs;
}

function validateContainerCommon(c: Obj, vols: Map<string, Obj>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(fieldError.required(child(path, 'name')));
  else errs.push(...dns1123Label(name, child(path, 'name')));
  if (!str(c.image)) errs.push(fieldError.required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(fieldError.required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(fieldError.notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, vols, child(path, 'volumeMounts')));
  const pp = str(c.imagePullPolicy);
  if (!pp) errs.push(fieldError.required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp))
    errs.push(fieldError.notSupported(child(path, 'imagePullPolicy'), pp, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  const sc = asObj(c.securityContext);
  if (sc) {
    for (const f of ['runAsUser', 'runAsGroup']) {
      const v = num(sc[f]);
      if (v !== undefined && (v < 0 || v > 0xffffffff))
        errs.push(fieldError.invalid(child(path, 'securityContext', f), v, inclusiveRangeError(0, 0xffffffff)));
    }
  }
  return errs;
}

function hostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    asObjArray(c.ports).forEach((port, pi) => {
      const hp = num(port.hostPort) ?? 0;
      if (hp === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      if (seen.has(k)) errs.push(fieldError.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

function validateContainers(containers: Obj[], vols: Map<string, Obj>, grace: number | undefined, path: string): FieldError[] {
  if (containers.length === 0) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, child(p, 'lifecycle'), grace));
    errs.push(...validateProbe(c.livenessProbe, child(p, 'livenessProbe'), 'liveness', grace));
    errs.push(...validateProbe(c.readinessProbe, child(p, 'readinessProbe'), 'readiness', grace));
    errs.push(...validateProbe(c.startupProbe, child(p, 'startupProbe'), 'startup', grace));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null)
      errs.push(fieldError.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Obj[], regular: Obj[], vols: Map<string, Obj>, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(fieldError.notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path));
    if (restartAlways) {
      errs.push(...validateLifecycle(c.lifecycle, child(p, 'lifecycle'), grace));
      errs.push(...validateProbe(c.livenessProbe, child(p, 'livenessProbe'), 'liveness', grace));
      errs.push(...validateProbe(c.readinessProbe, child(p, 'readinessProbe'), 'readiness', grace));
      errs.push(...validateProbe(c.startupProbe, child(p, 'startupProbe'), 'startup', grace));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
        if (c[f] !== undefined && c[f] !== null)
          errs.push(fieldError.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjArray(tolerations).forEach((t, i) => {
    const p = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    const value = str(t.value);
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && op !== 'Exists')
      errs.push(
        fieldError.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      );
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute')
      errs.push(fieldError.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(fieldError.invalid(child(p, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(fieldError.invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldError.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

/** A taint effect (NoSchedule, PreferNoSchedule, NoExecute). */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && !effect) return [fieldError.required(path)];
  if (['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) return [];
  return [fieldError.notSupported(path, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

function validateNodeSelectorTerm(term: Obj, path: string, allowInvalidValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  asObjArray(term.matchExpressions).forEach((rq, j) => {
    const p = index(child(path, 'matchExpressions'), j);
    const values = Array.isArray(rq.values) ? rq.values.map(str) : [];
    const op = str(rq.operator);
    if (op === 'In' || op === 'NotIn') {
      if (!values.length) errs.push(fieldError.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length)
        errs.push(fieldError.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (op === 'Gt' || op === 'Lt') {
      if (values.length !== 1)
        errs.push(fieldError.required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else errs.push(fieldError.invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    errs.push(...validateLabelName(str(rq.key), child(p, 'key')));
    if (!allowInvalidValues)
      values.forEach((v, vi) => {
        for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(index(child(p, 'values'), vi), v, m));
      });
  });
  asObjArray(term.matchFields).forEach((rq, j) => {
    const p = index(child(path, 'matchFields'), j);
    const values = Array.isArray(rq.values) ? rq.values.map(str) : [];
    const op = str(rq.operator);
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1)
        errs.push(
          fieldError.required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
        );
    } else errs.push(fieldError.invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    if (str(rq.key) !== 'metadata.name') errs.push(fieldError.invalid(child(p, 'key'), str(rq.key), 'not a valid field selector key'));
    else
      values.forEach((v, vi) => {
        for (const m of nameIsDNSSubdomain(v, false)) errs.push(fieldError.invalid(index(child(p, 'values'), vi), v, m));
      });
  });
  return errs;
}

/** A NodeSelector (required node affinity, PV node affinity). */
export function validateNodeSelector(sel: Obj, path: string): FieldError[] {
  const terms = asObjArray(sel.nodeSelectorTerms);
  const tp = child(path, 'nodeSelectorTerms');
  if (!terms.length) return [fieldError.required(tp, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, index(tp, i), false));
}

function validatePodAffinityTerm(term: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')));
  errs.push(...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')));
  for (const ns of Array.isArray(term.namespaces) ? term.namespaces.map(str) : [])
    for (const m of nameIsDNSLabel(ns, false)) errs.push(fieldError.invalid(child(path, 'namespace'), ns, m));
  const tk = str(term.topologyKey);
  if (!tk) errs.push(fieldError.required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(tk, child(path, 'topologyKey')));
  return errs;
}

function validateAffinity(affinity: unknown, path: string): FieldError[] {
  const a = asObj(affinity);
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = asObj(a.nodeAffinity);
  if (na) {
    const p = child(path, 'nodeAffinity');
    const req = asObj(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (req) errs.push(...validateNodeSelector(req, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    asObjArray(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const w = num(t.weight) ?? 0;
      if (w <= 0 || w > 100) errs.push(fieldError.invalid(child(tp, 'weight'), w, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(asObj(t.preference) ?? {}, child(tp, 'preference'), true));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = asObj(a[kind]);
    if (!pa) continue;
    const p = child(path, kind);
    asObjArray(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, index(child(p, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
    });
    asObjArray(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const w = num(t.weight) ?? 0;
      if (w <= 0 || w > 100) errs.push(fieldError.invalid(child(tp, 'weight'), w, 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(asObj(t.podAffinityTerm) ?? {}, child(tp, 'podAffinityTerm')));
    });
  }
  return errs;
}

function validateTopologySpread(constraints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = asObjArray(constraints);
  list.forEach((c, i) => {
    const p = index(path, i);
    const skew = num(c.maxSkew) ?? 0;
    if (skew <= 0) errs.push(fieldError.invalid(child(p, 'maxSkew'), skew, 'must be greater than zero'));
    if (!str(c.topologyKey)) errs.push(fieldError.required(child(p, 'topologyKey'), 'can not be empty'));
    const wu = str(c.whenUnsatisfiable);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(wu))
      errs.push(fieldError.notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    for (const later of list.slice(i + 1))
      if (str(later.topologyKey) === str(c.topologyKey) && str(later.whenUnsatisfiable) === wu) {
        errs.push(fieldError.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${wu}}`));
        break;
      }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}

/** ValidatePodSpec. `path` is `spec` for pods and `spec.template.spec` for workloads. */
export function validatePodSpec(specIn: unknown, path: string, opts: PodValidationOptions): FieldError[] {
  const spec = asObj(specIn) ?? {};
  const errs: FieldError[] = [];
  const grace = num(spec.terminationGracePeriodSeconds);
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    errs.push(fieldError.required(child(path, 'terminationGracePeriodSeconds')));
  const { vols, errs: vErrs } = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...vErrs);
  const containers = asObjArray(spec.containers);
  const inits = asObjArray(spec.initContainers);
  errs.push(...validateContainers(containers, vols, grace, child(path, 'containers')));
  errs.push(...validateInitContainers(inits, containers, vols, grace, child(path, 'initContainers')));
  if (spec.hostNetwork === true) {
    containers.forEach((c, i) => {
      asObjArray(c.ports).forEach((port, j) => {
        const hp = num(port.hostPort) ?? 0;
        const cp = num(port.containerPort) ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp)
          errs.push(
            fieldError.invalid(
              child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'),
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
      });
    });
  }
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(fieldError.required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp))
    errs.push(fieldError.notSupported(child(path, 'restartPolicy'), rp, ['Always', 'OnFailure', 'Never']));
  const dp = str(spec.dnsPolicy);
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dp) errs.push(fieldError.required(child(path, 'dnsPolicy')));
  else if (!dnsPolicies.includes(dp)) errs.push(fieldError.notSupported(child(path, 'dnsPolicy'), dp, dnsPolicies));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  const psc = asObj(spec.securityContext);
  if (psc) {
    for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) {
      const v = num(psc[f]);
      if (v !== undefined && (v < 0 || v > 0xffffffff))
        errs.push(fieldError.invalid(child(path, 'securityContext', f), v, inclusiveRangeError(0, 0xffffffff)));
    }
  }
  errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
  if (dp === 'None') {
    const dc = asObj(spec.dnsConfig);
    if (!dc) errs.push(fieldError.required(child(path, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (!(Array.isArray(dc.nameservers) && dc.nameservers.length))
      errs.push(
        fieldError.required(child(path, 'dnsConfig', 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'),
      );
  }
  asObjArray(spec.readinessGates).forEach((g, i) => {
    const ct = str(g.conditionType);
    for (const m of isQualifiedName(ct)) errs.push(fieldError.invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), ct, m));
  });
  const gates = new Set<string>();
  asObjArray(spec.schedulingGates).forEach((g, i) => {
    const p = index(child(path, 'schedulingGates'), i);
    const n = str(g.name);
    for (const m of isQualifiedName(n)) errs.push(fieldError.invalid(p, n, m));
    if (gates.has(n)) errs.push(fieldError.duplicate(p, n));
    gates.add(n);
  });
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  const san = str(spec.serviceAccountName);
  if (san) for (const m of nameIsDNSSubdomain(san, false)) errs.push(fieldError.invalid(child(path, 'serviceAccountName'), san, m));
  const nodeName = str(spec.nodeName);
  if (nodeName) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(fieldError.invalid(child(path, 'nodeName'), nodeName, m));
  const ads = num(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > 2147483647))
    errs.push(fieldError.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, 2147483647)));
  if (str(spec.hostname)) errs.push(...dns1123Label(str(spec.hostname), child(path, 'hostname')));
  if (str(spec.subdomain)) errs.push(...dns1123Label(str(spec.subdomain), child(path, 'subdomain')));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  asObjArray(spec.hostAliases).forEach((ha, i) => {
    const p = index(child(path, 'hostAliases'), i);
    if (!isIP(str(ha.ip))) errs.push(fieldError.invalid(child(p, 'ip'), str(ha.ip), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const pcn = str(spec.priorityClassName);
  if (pcn) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(fieldError.invalid(child(path, 'priorityClassName'), pcn, m));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(fieldError.required(child(path, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never')
      errs.push(fieldError.notSupported(child(path, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  const os = asObj(spec.os);
  if (os) {
    if (!str(os.name)) errs.push(fieldError.required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (!['linux', 'windows'].includes(str(os.name))) errs.push(fieldError.notSupported(child(path, 'os'), str(os.name), ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels/annotations and its pod spec. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t = asObj(template) ?? {};
  const meta = asObj(t.metadata) ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validatePodSpec(t.spec, child(path, 'spec'), { resourceIsPod: false }));
  const spec = asObj(t.spec) ?? {};
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length)
    errs.push(fieldError.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pod.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
  const spec = asObj(pod.spec) ?? {};
  if (mirror !== undefined && !str(spec.nodeName))
    errs.push(
      fieldError.invalid('metadata.annotations[kubernetes.io/config.mirror]', mirror, 'must set spec.nodeName if mirror pod annotation is set'),
    );
  errs.push(...validatePodSpec(pod.spec, 'spec', { resourceIsPod: true }));
  for (const [field, list] of [
    ['containers', spec.containers],
    ['initContainers', spec.initContainers],
  ] as const) {
    asObjArray(list).forEach((c, i) => {
      const img = str(c.image);
      if (img.length !== img.trim().length)
        errs.push(fieldError.invalid(child(index(child('spec', field), i), 'image'), img, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = asObj(pod.spec) ?? {};
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length)
    errs.push(fieldError.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length)
    errs.push(fieldError.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** A short field diff in the spirit of cmp.Diff (upstream prints a full Go struct diff). */
function specDiff(oldSpec: Obj, newSpec: Obj): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])];
  for (const k of keys) {
    if (semanticEqual(oldSpec[k], newSpec[k])) continue;
    const goName = k.charAt(0).toUpperCase() + k.slice(1);
    if (oldSpec[k] !== undefined) lines.push(`- \t${goName}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${goName}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n') + '\n';
}

function validateOnlyAddedTolerations(newT: Obj[], oldT: Obj[], path: string): FieldError[] {
  for (const old of oldT) {
    const found = newT.some((n) => semanticEqual({ ...old, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and removed scheduling gates may change. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata as ObjectMeta, old.metadata as ObjectMeta);
  errs.push(...validatePodMetadataAndSpec(pod));
  const newSpec = asObj(pod.spec) ?? {};
  const oldSpec = asObj(old.spec) ?? {};
  for (const field of ['containers', 'initContainers']) {
    const n = asObjArray(newSpec[field]);
    const o = asObjArray(oldSpec[field]);
    if (n.length !== o.length) {
      errs.push(fieldError.forbidden(child('spec', field), 'pod updates may not add or remove containers'));
      return errs;
    }
    n.forEach((c, i) => {
      const img = str(c.image);
      if (!img) errs.push(fieldError.required(child(index(child('spec', field), i), 'image')));
      if (img.trim().length !== img.length)
        errs.push(fieldError.invalid(child(index(child('spec', field), i), 'image'), img, 'must not have leading or trailing whitespace'));
    });
  }
  const nads = num(newSpec.activeDeadlineSeconds);
  const oads = num(oldSpec.activeDeadlineSeconds);
  if (nads !== undefined) {
    if (nads < 0 || nads > 2147483647) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', nads, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oads !== undefined && oads < nads) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', nads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oads !== undefined) {
    errs.push(fieldError.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(asObjArray(newSpec.tolerations), asObjArray(oldSpec.tolerations), 'spec.tolerations'));
  const oldGates = new Set(asObjArray(oldSpec.schedulingGates).map((g) => str(g.name)));
  asObjArray(newSpec.schedulingGates).forEach((g, i) => {
    if (!oldGates.has(str(g.name)))
      errs.push(
        fieldError.forbidden(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${str(g.name)}'`),
      );
  });
  if (semanticEqual(newSpec, oldSpec)) return errs;
  const munged = clone(newSpec);
  for (const field of ['containers', 'initContainers']) {
    const o = asObjArray(oldSpec[field]);
    if (Array.isArray(munged[field])) munged[field] = asObjArray(munged[field]).map((c, i) => ({ ...c, image: o[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const ogp = num(oldSpec.terminationGracePeriodSeconds);
  if (ogp !== undefined && ogp < 0 && num(munged.terminationGracePeriodSeconds) === 1)
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  if (!semanticEqual(munged, oldSpec))
    errs.push(
      fieldError.forbidden(
        'spec',
        `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${specDiff(oldSpec, munged)}`,
      ),
    );
  return errs;
}

/** ValidatePodStatusUpdate (conditions, nodeName, qosClass, terminated containers staying terminated). */
export function validatePodStatusUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const status = asObj(pod.status) ?? {};
  const oldStatus = asObj(old.status) ?? {};
  asObjArray(status.conditions).forEach((c, i) => {
    const t = str(c.type);
    if (['PodScheduled', 'Ready', 'Initialized'].includes(t)) return;
    for (const m of isQualifiedName(t)) errs.push(fieldError.invalid(child(index('metadata.conditions', i), 'Type'), t, m));
  });
  if (str(asObj(pod.spec)?.nodeName) !== str(asObj(old.spec)?.nodeName))
    errs.push(fieldError.forbidden('status.nodeName', 'may not be changed directly'));
  const nnn = str(status.nominatedNodeName);
  if (nnn && nnn !== str(oldStatus.nominatedNodeName))
    for (const m of nameIsDNSSubdomain(nnn, false)) errs.push(fieldError.invalid('status.nominatedNodeName', nnn, m));
  errs.push(...validateImmutable(str(status.qosClass), str(oldStatus.qosClass), 'status.qosClass'));
  const restartPolicy = str(asObj(old.spec)?.restartPolicy);
  if (restartPolicy !== 'Always') {
    const newStatuses = asObjArray(status.containerStatuses);
    asObjArray(oldStatus.containerStatuses).forEach((os, i) => {
      const term = asObj(asObj(os.state)?.terminated);
      if (!term) return;
      if ((num(term.exitCode) ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
      for (const ns of newStatuses)
        if (str(ns.name) === str(os.name) && !asObj(asObj(ns.state)?.terminated))
          errs.push(fieldError.forbidden(child(index('status.containerStatuses', i), 'state'), 'may not be transitioned to non-terminated state'));
    });
  }
  asObjArray(status.podIPs).forEach((ip, i) => {
    const v = str(ip.ip);
    if (!isIP(v)) errs.push(fieldError.invalid(index('status.podIPs', i), v, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  return errs;
}
