/**
 * Version conversion between a served version and the storage version of a kind, as upstream's
 * scheme conversion functions do (pkg/apis/autoscaling/v1/conversion.go). KubeLab converts directly
 * between autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscaler (upstream goes through the
 * internal type). Data v1 cannot hold travels in the round-trip annotations
 * `autoscaling.alpha.kubernetes.io/{metrics,current-metrics,behavior,conditions}`.
 *
 * Left out: the generated schema has no autoscaling/v1 definitions, so v1 bodies get only the small
 * hand-written unknown-field check below (no Go type errors for v1-only fields); v2 metric target
 * types are inferred from which v1 field is set.
 */
import type { KubeObject } from '../../api/types';

/** Annotation holding v2 metric specs that v1 cannot express (v1 MetricSpec format). */
export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
/** Annotation holding v2 status.currentMetrics (v1 MetricStatus format). */
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
/** Annotation holding spec.behavior (upstream marshals the internal Go type: capitalised field names). */
export const BEHAVIOR_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
/** Annotation holding status.conditions. */
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';

const ROUND_TRIP = [
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
  BEHAVIOR_SPECS_ANNOTATION,
  CONDITIONS_ANNOTATION,
];

type Obj = Record<string, unknown>;

/** Converts objects between a served version and the storage version of one kind. */
export interface VersionConverter {
  /** Served-version object → storage-version object. */
  toStorage(o: KubeObject): KubeObject;
  /** Storage-version object → served-version object. */
  fromStorage(o: KubeObject): KubeObject;
  /** Paths of fields the served version does not define (`spec.metrics`), in document order. */
  unknownFields(o: unknown): string[];
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies the listed keys that are set (not undefined) from `src` into a new object. */
function pick(src: unknown, keys: string[]): Obj {
  const out: Obj = {};
  if (!isObj(src)) return out;
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

/** Sets `k` on `o` when `v` is not undefined. */
function put(o: Obj, k: string, v: unknown): void {
  if (v !== undefined) o[k] = v;
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function isCpu(m: Obj, field: 'resource'): Obj | undefined {
  const r = m[field];
  return m.type === 'Resource' && isObj(r) && r.name === 'cpu' ? r : undefined;
}

/** Changes the first letter of every key (Go's field names without json tags ↔ JSON names). */
function recase(v: unknown, up: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => recase(x, up));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const first = up ? k.charAt(0).toUpperCase() : k.charAt(0).toLowerCase();
    out[first + k.slice(1)] = recase(x, up);
  }
  return out;
}

// ------------------------------------------------------------------ metric specs and statuses

/** A v2 MetricSpec in v1's MetricSpec form (v2beta1-style target fields). */
export function metricSpecToV1(m: Obj): Obj {
  const out: Obj = { type: m.type };
  const target = (x: Obj) => (isObj(x.target) ? x.target : {});
  const metric = (x: Obj) => (isObj(x.metric) ? x.metric : {});
  if (isObj(m.resource) || isObj(m.containerResource)) {
    const field = isObj(m.resource) ? 'resource' : 'containerResource';
    const r = m[field] as Obj;
    const o: Obj = { name: r.name };
    put(o, 'targetAverageUtilization', target(r).averageUtilization);
    put(o, 'targetAverageValue', target(r).averageValue);
    put(o, 'container', r.container);
    out[field] = o;
  }
  if (isObj(m.pods)) {
    const o: Obj = { metricName: metric(m.pods).name, targetAverageValue: target(m.pods).averageValue };
    put(o, 'selector', metric(m.pods).selector);
    out.pods = o;
  }
  if (isObj(m.object)) {
    const o: Obj = { target: m.object.describedObject, metricName: metric(m.object).name };
    put(o, 'targetValue', target(m.object).value);
    put(o, 'selector', metric(m.object).selector);
    put(o, 'averageValue', target(m.object).averageValue);
    out.object = o;
  }
  if (isObj(m.external)) {
    const o: Obj = { metricName: metric(m.external).name };
    put(o, 'metricSelector', metric(m.external).selector);
    put(o, 'targetValue', target(m.external).value);
    put(o, 'targetAverageValue', target(m.external).averageValue);
    out.external = o;
  }
  return out;
}

/** A v1 MetricSpec (from the annotation) in v2 form. */
export function metricSpecFromV1(m: Obj): Obj {
  const out: Obj = { type: m.type };
  const metric = (name: unknown, selector: unknown) => {
    const o: Obj = { name };
    put(o, 'selector', selector);
    return o;
  };
  for (const field of ['resource', 'containerResource'] as const) {
    const r = m[field];
    if (!isObj(r)) continue;
    const target: Obj =
      r.targetAverageUtilization !== undefined
        ? { type: 'Utilization', averageUtilization: r.targetAverageUtilization }
        : { type: 'AverageValue' };
    put(target, 'averageValue', r.targetAverageValue);
    const o: Obj = { name: r.name };
    put(o, 'container', r.container);
    o.target = target;
    out[field] = o;
  }
  if (isObj(m.pods)) {
    out.pods = {
      metric: metric(m.pods.metricName, m.pods.selector),
      target: { type: 'AverageValue', averageValue: m.pods.targetAverageValue },
    };
  }
  if (isObj(m.object)) {
    const o = m.object;
    const target: Obj = o.averageValue !== undefined ? { type: 'AverageValue' } : { type: 'Value' };
    put(target, 'value', o.targetValue);
    put(target, 'averageValue', o.averageValue);
    out.object = { describedObject: o.target, metric: metric(o.metricName, o.selector), target };
  }
  if (isObj(m.external)) {
    const e = m.external;
    const target: Obj = e.targetAverageValue !== undefined ? { type: 'AverageValue' } : { type: 'Value' };
    put(target, 'value', e.targetValue);
    put(target, 'averageValue', e.targetAverageValue);
    out.external = { metric: metric(e.metricName, e.metricSelector), target };
  }
  return out;
}

/** A v2 MetricStatus in v1's MetricStatus form. */
export function metricStatusToV1(m: Obj): Obj {
  const out: Obj = { type: m.type };
  const current = (x: Obj) => (isObj(x.current) ? x.current : {});
  const metric = (x: Obj) => (isObj(x.metric) ? x.metric : {});
  for (const field of ['resource', 'containerResource'] as const) {
    const r = m[field];
    if (!isObj(r)) continue;
    const o: Obj = { name: r.name };
    put(o, 'currentAverageUtilization', current(r).averageUtilization);
    o.currentAverageValue = current(r).averageValue ?? '0';
    put(o, 'container', r.container);
    out[field] = o;
  }
  if (isObj(m.pods)) {
    const o: Obj = {
      metricName: metric(m.pods).name,
      currentAverageValue: current(m.pods).averageValue ?? '0',
    };
    put(o, 'selector', metric(m.pods).selector);
    out.pods = o;
  }
  if (isObj(m.object)) {
    const o: Obj = {
      target: m.object.describedObject,
      metricName: metric(m.object).name,
      currentValue: current(m.object).value ?? '0',
    };
    put(o, 'selector', metric(m.object).selector);
    put(o, 'averageValue', current(m.object).averageValue);
    out.object = o;
  }
  if (isObj(m.external)) {
    const o: Obj = { metricName: metric(m.external).name };
    put(o, 'metricSelector', metric(m.external).selector);
    o.currentValue = current(m.external).value ?? '0';
    put(o, 'currentAverageValue', current(m.external).averageValue);
    out.external = o;
  }
  return out;
}

/** A v1 MetricStatus (from the annotation) in v2 form. */
export function metricStatusFromV1(m: Obj): Obj {
  const out: Obj = { type: m.type };
  const metric = (name: unknown, selector: unknown) => {
    const o: Obj = { name };
    put(o, 'selector', selector);
    return o;
  };
  for (const field of ['resource', 'containerResource'] as const) {
    const r = m[field];
    if (!isObj(r)) continue;
    const current: Obj = {};
    put(current, 'averageValue', r.currentAverageValue);
    put(current, 'averageUtilization', r.currentAverageUtilization);
    const o: Obj = { name: r.name };
    put(o, 'container', r.container);
    o.current = current;
    out[field] = o;
  }
  if (isObj(m.pods))
    out.pods = {
      metric: metric(m.pods.metricName, m.pods.selector),
      current: pick({ averageValue: m.pods.currentAverageValue }, ['averageValue']),
    };
  if (isObj(m.object)) {
    const current: Obj = {};
    put(current, 'value', m.object.currentValue);
    put(current, 'averageValue', m.object.averageValue);
    out.object = {
      describedObject: m.object.target,
      metric: metric(m.object.metricName, m.object.selector),
      current,
    };
  }
  if (isObj(m.external)) {
    const current: Obj = {};
    put(current, 'value', m.external.currentValue);
    put(current, 'averageValue', m.external.currentAverageValue);
    out.external = { metric: metric(m.external.metricName, m.external.metricSelector), current };
  }
  return out;
}

// ------------------------------------------------------------------ whole objects

function parseJson(s: unknown): unknown {
  if (typeof s !== 'string') return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** autoscaling/v2 HorizontalPodAutoscaler → autoscaling/v1. */
export function hpaV2ToV1(o: KubeObject): KubeObject {
  const spec = isObj(o.spec) ? o.spec : {};
  const status = isObj(o.status) ? o.status : undefined;
  const metrics = objs(spec.metrics);
  const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  for (const k of ROUND_TRIP) delete annotations[k];

  const v1Spec = pick(spec, ['scaleTargetRef', 'minReplicas', 'maxReplicas']);
  for (const m of metrics) {
    const cpu = isCpu(m, 'resource');
    if (!cpu) continue;
    const t = isObj(cpu.target) ? cpu.target : {};
    put(v1Spec, 'targetCPUUtilizationPercentage', t.averageUtilization);
    break;
  }
  const other = metrics.filter((m) => {
    const cpu = isCpu(m, 'resource');
    return !(cpu && isObj(cpu.target) && cpu.target.averageUtilization !== undefined);
  });
  if (other.length) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(other.map(metricSpecToV1));
  if (spec.behavior !== undefined && spec.behavior !== null)
    annotations[BEHAVIOR_SPECS_ANNOTATION] = JSON.stringify(recase(spec.behavior, true));

  const out: KubeObject = { ...o, apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' };
  out.metadata = { ...o.metadata };
  out.spec = v1Spec;
  if (status) {
    const current = objs(status.currentMetrics);
    const v1Status = pick(status, ['observedGeneration', 'lastScaleTime']);
    v1Status.currentReplicas = status.currentReplicas ?? 0;
    v1Status.desiredReplicas = status.desiredReplicas ?? 0;
    for (const m of current) {
      const cpu = isCpu(m, 'resource');
      const c = cpu && isObj(cpu.current) ? cpu.current : undefined;
      if (c?.averageUtilization !== undefined)
        v1Status.currentCPUUtilizationPercentage = c.averageUtilization;
    }
    if (current.length)
      annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(current.map(metricStatusToV1));
    const conds = objs(status.conditions);
    if (conds.length)
      annotations[CONDITIONS_ANNOTATION] = JSON.stringify(
        conds.map((c) => pick(c, ['type', 'status', 'lastTransitionTime', 'reason', 'message'])),
      );
    out.status = v1Status;
  } else {
    delete out.status;
  }
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

/** autoscaling/v1 HorizontalPodAutoscaler → autoscaling/v2 (round-trip annotations read and dropped). */
export function hpaV1ToV2(o: KubeObject): KubeObject {
  const spec = isObj(o.spec) ? o.spec : {};
  const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  const v2Spec = pick(spec, ['scaleTargetRef', 'minReplicas', 'maxReplicas']);
  const metrics: Obj[] = [];
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null)
    metrics.push({
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage },
      },
    });
  const other = parseJson(annotations[METRIC_SPECS_ANNOTATION]);
  if (Array.isArray(other)) metrics.push(...objs(other).map(metricSpecFromV1));
  if (metrics.length) v2Spec.metrics = metrics;
  const behavior = parseJson(annotations[BEHAVIOR_SPECS_ANNOTATION]);
  if (isObj(behavior) && Object.keys(behavior).length) v2Spec.behavior = recase(behavior, false);

  const out: KubeObject = { ...o, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };
  out.metadata = { ...o.metadata };
  out.spec = v2Spec;
  if (isObj(o.status)) {
    const st = o.status;
    const v2Status = pick(st, ['observedGeneration', 'lastScaleTime', 'currentReplicas', 'desiredReplicas']);
    if (st.currentCPUUtilizationPercentage !== undefined && st.currentCPUUtilizationPercentage !== null)
      v2Status.currentMetrics = [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } },
        },
      ];
    const current = parseJson(annotations[METRIC_STATUSES_ANNOTATION]);
    if (Array.isArray(current)) v2Status.currentMetrics = objs(current).map(metricStatusFromV1);
    const conds = parseJson(annotations[CONDITIONS_ANNOTATION]);
    if (Array.isArray(conds)) v2Status.conditions = objs(conds);
    out.status = v2Status;
  }
  for (const k of ROUND_TRIP) delete annotations[k];
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

const V1_FIELDS: Record<string, string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  spec: ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage'],
  'spec.scaleTargetRef': ['kind', 'name', 'apiVersion'],
  status: [
    'observedGeneration',
    'lastScaleTime',
    'currentReplicas',
    'desiredReplicas',
    'currentCPUUtilizationPercentage',
  ],
};

/** Fields of an autoscaling/v1 HorizontalPodAutoscaler body that v1 does not define (metadata not checked). */
export function hpaV1UnknownFields(o: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (!isObj(v)) return;
    const known = V1_FIELDS[path];
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      if (!known.includes(k)) out.push(p);
      else if (V1_FIELDS[p]) walk(v[k], p);
    }
  };
  walk(o, '');
  return out;
}

const HPA_V1: VersionConverter = {
  toStorage: hpaV1ToV2,
  fromStorage: hpaV2ToV1,
  unknownFields: hpaV1UnknownFields,
};

/** The converter for a served `apiVersion`/`kind` whose storage version differs, if any. */
export function converterFor(apiVersion: string, kind: string): VersionConverter | undefined {
  return apiVersion === 'autoscaling/v1' && kind === 'HorizontalPodAutoscaler' ? HPA_V1 : undefined;
}
