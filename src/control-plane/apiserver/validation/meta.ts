/**
 * ObjectMeta validation, mirroring apimachinery's api/validation/objectmeta.go
 * (ValidateObjectMetaAccessor, ValidateObjectMetaAccessorUpdate), meta/v1/validation
 * (ValidateLabels, ValidateLabelSelector) and core's extra finalizer rule.
 * Left out: managedFields validation.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameFn } from './names';
import { asObj, asObjArray, asStringMap, child, index, semanticEqual, str } from './util';

/** `must be greater than or equal to 0`. */
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
/** `field is immutable`. */
export const fieldImmutableErrorMsg = 'field is immutable';
/** 256 KiB. */
export const totalAnnotationSizeLimitB = 256 * 1024;

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Invalid when value < 0 (ValidateNonnegativeField). */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [fieldError.invalid(path, value, isNegativeErrorMsg)] : [];
}

/** `field is immutable` when the values differ semantically. */
export function validateImmutable(newVal: unknown, oldVal: unknown, path: string): FieldError[] {
  return semanticEqual(newVal, oldVal) ? [] : [fieldError.invalid(path, newVal, fieldImmutableErrorMsg)];
}

/** A label key (ValidateLabelName). */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
}

/** Label keys and values; errors are reported on the map path itself, as upstream does. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(asStringMap(labels))) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(path, v, m));
  }
  return errs;
}

/** Annotation keys (qualified names, case-insensitive) and total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = asStringMap(annotations);
  let size = 0;
  for (const [k, v] of Object.entries(m)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fieldError.invalid(path, k, msg));
    size += new TextEncoder().encode(k).length + new TextEncoder().encode(v).length;
  }
  if (size > totalAnnotationSizeLimitB) errs.push(fieldError.tooLong(path, '', totalAnnotationSizeLimitB));
  return errs;
}

/** ownerReferences: apiVersion/kind/name/uid non-empty, at most one controller, no Event owners. */
export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  const list = asObjArray(refs);
  for (const ref of list) {
    const apiVersion = str(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(fieldError.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(ref.kind)) errs.push(fieldError.invalid(child(path, 'kind'), str(ref.kind), 'must not be empty'));
    if (!str(ref.name)) errs.push(fieldError.invalid(child(path, 'name'), str(ref.name), 'must not be empty'));
    if (!str(ref.uid)) errs.push(fieldError.invalid(child(path, 'uid'), str(ref.uid), 'must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event')
      errs.push(fieldError.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const cur = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController)
        errs.push(
          fieldError.invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      else firstController = cur;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = Array.isArray(finalizers) ? finalizers.map(str) : [];
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(fieldError.invalid(path, f, m));
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    errs.push(fieldError.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

/** core's validateKubeFinalizerName: unqualified finalizers must be standard ones. */
function validateKubeFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = Array.isArray(finalizers) ? finalizers.map(str) : [];
  list.forEach((f, i) => {
    if (!f.includes('/') && !standardFinalizers.has(f))
      errs.push(
        fieldError.invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
  });
  return errs;
}

/** Namespace names (DNS-1123 labels). */
export const validateNamespaceName = nameIsDNSLabel;

function validateMetaCommon(meta: ObjectMeta, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = meta.namespace ?? '';
  if (namespaced) {
    if (!ns) errs.push(fieldError.required(child(path, 'namespace')));
    else for (const m of validateNamespaceName(ns, false)) errs.push(fieldError.invalid(child(path, 'namespace'), ns, m));
  } else if (ns) {
    errs.push(fieldError.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(meta.generation, child(path, 'generation')));
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
  return errs;
}

/** ValidateObjectMeta (+ core's finalizer rule) on create. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(fieldError.invalid(child(path, 'generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(fieldError.required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(fieldError.invalid(child(path, 'name'), m.name, msg));
  errs.push(...validateMetaCommon(m, namespaced, path));
  errs.push(...validateKubeFinalizers(m.finalizers, child(path, 'finalizers')));
  return errs;
}

/** ValidateObjectMetaUpdate (+ core's finalizer rule). */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const n = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldSet = new Set(o.finalizers ?? []);
    const extra = [...new Set((n.finalizers ?? []).filter((f) => !oldSet.has(f)))].sort();
    if (extra.length)
      errs.push(
        fieldError.forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
  }
  if (!n.resourceVersion)
    errs.push(fieldError.invalid(child(path, 'resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0))
    errs.push(fieldError.invalid(child(path, 'generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutable(n.name ?? '', o.name ?? '', child(path, 'name')));
  errs.push(...validateImmutable(n.namespace ?? '', o.namespace ?? '', child(path, 'namespace')));
  errs.push(...validateImmutable(n.uid ?? '', o.uid ?? '', child(path, 'uid')));
  errs.push(...validateImmutable(n.creationTimestamp, o.creationTimestamp, child(path, 'creationTimestamp')));
  errs.push(...validateImmutable(n.deletionTimestamp, o.deletionTimestamp, child(path, 'deletionTimestamp')));
  errs.push(
    ...validateImmutable(n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, child(path, 'deletionGracePeriodSeconds')),
  );
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateKubeFinalizers(n.finalizers, child(path, 'finalizers')));
  return errs;
}

/** Metadata of an embedded template (pod templates): labels and annotations only. */
export function validateTemplateMeta(meta: unknown, path: string): FieldError[] {
  const m = asObj(meta) ?? {};
  return [...validateLabels(m.labels, child(path, 'labels')), ...validateAnnotations(m.annotations, child(path, 'annotations'))];
}

/** metav1.LabelSelector: matchLabels and matchExpressions. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const sel = asObj(selector);
  if (!sel) return [];
  const errs: FieldError[] = [];
  asObjArray(sel.matchExpressions).forEach((req, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const op = str(req.operator);
    const values = Array.isArray(req.values) ? req.values : [];
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(fieldError.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(fieldError.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldError.invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(req.key), child(p, 'key')));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(fieldError.invalid(index(child(p, 'values'), j), str(v), m));
    });
  });
  errs.push(...validateLabels(sel.matchLabels, child(path, 'matchLabels')));
  return errs;
}

/** Whether a LabelSelector matches a label set (empty selector matches everything). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = asObj(selector) ?? {};
  for (const [k, v] of Object.entries(asStringMap(sel.matchLabels))) if (labels[k] !== v) return false;
  for (const req of asObjArray(sel.matchExpressions)) {
    const k = str(req.key);
    const values = Array.isArray(req.values) ? req.values.map(str) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, k);
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[k])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[k])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when the selector has no requirements. */
export function selectorIsEmpty(selector: unknown): boolean {
  const sel = asObj(selector) ?? {};
  return Object.keys(asStringMap(sel.matchLabels)).length + asObjArray(sel.matchExpressions).length === 0;
}
