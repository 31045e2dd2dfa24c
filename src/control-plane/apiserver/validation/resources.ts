/**
 * Container resource requirements, mirroring core validation's validateResourceRequirements,
 * validateContainerResourceName and ValidateResourceQuantityValue.
 * Left out: hugepage divisibility, resource claims, pod-level resources.
 */
import { type FieldError, fieldError } from '../../../api/field-errors';
import { ERR_FORMAT_WRONG } from '../../../api/quantity';
import { isQualifiedName } from './names';
import { cmpQuantity, formatQuantity, isWholeQuantity, parseQuantityExact, quantitySign, type Quantity } from './quantity';
import { asObj, child, key } from './util';
import { isNegativeErrorMsg } from './meta';

/** Upstream's decode error for a malformed quantity (there a 400 at decode time; here a field error). */
export const quantityRegexMsg = ERR_FORMAT_WRONG;

const standardResources = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
  'count/pods',
]);

function isHugePage(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Hugepages and extended resources may not be overcommitted. */
export function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePage(name);
}

function isIntegerResource(name: string): boolean {
  return !isNative(name) || ['pods', 'services', 'secrets', 'configmaps', 'persistentvolumeclaims'].includes(name);
}

/** A generic resource name (quota, limit ranges, node capacity). */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !standardResources.has(name) && !isHugePage(name) && !name.startsWith('requests.hugepages-'))
    return [fieldError.invalid(path, name, 'must be a standard resource type or fully qualified')];
  return [];
}

/** A container resource name: cpu, memory, ephemeral-storage, hugepages-*, or an extended resource. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !isHugePage(name))
      return [...errs, fieldError.invalid(path, name, 'must be a standard resource for containers')];
  } else if (!isNative(name) && name.startsWith('requests.')) {
    return [...errs, fieldError.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** Parses a quantity field; pushes an error and returns null when malformed. */
export function parseQuantityField(v: unknown, path: string, errs: FieldError[]): Quantity | null {
  const q = typeof v === 'string' || typeof v === 'number' ? parseQuantityExact(v) : null;
  if (!q) errs.push(fieldError.invalid(path, v, quantityRegexMsg));
  return q;
}

/** Non-negative, and integral for integer resources (ValidateResourceQuantityValue). */
export function validateResourceQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (quantitySign(q) < 0) errs.push(fieldError.invalid(path, formatQuantity(q), isNegativeErrorMsg));
  if (isIntegerResource(name) && !isWholeQuantity(q)) errs.push(fieldError.invalid(path, formatQuantity(q), 'must be an integer'));
  return errs;
}

/** `resources.limits` / `resources.requests` of a container. */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const r = asObj(resources) ?? {};
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = new Map<string, Quantity>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugepages = false;
  for (const [name, v] of Object.entries(asObj(r.limits) ?? {})) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantityField(v, p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePage(name)) hugepages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, v] of Object.entries(asObj(r.requests) ?? {})) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantityField(v, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      if (cmpQuantity(q, lim) !== 0 && !isOvercommitAllowed(name))
        errs.push(fieldError.invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      else if (cmpQuantity(q, lim) > 0)
        errs.push(
          fieldError.invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`),
        );
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePage(name)) hugepages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugepages) errs.push(fieldError.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
