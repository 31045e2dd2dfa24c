/**
 * Helpers shared by the plugins, mirroring pkg/scheduler/framework/plugins/helper
 * (DefaultNormalizeScore), component-helpers scheduling/corev1 (toleration and node selector
 * matching, nodeaffinity.RequiredNodeAffinity) and framework.AffinityTerm.
 * Left out: the lazy error reporting of node selector parse errors (a bad term simply never matches).
 */
import type {
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
import {
  addRequirements,
  matches,
  newRequirement,
  selectorFromLabelSelector,
  selectorFromSet,
  type Operator,
  type Requirement,
  type Selector,
} from '../../../api/labels';
import { MAX_NODE_SCORE, type NodeScore, type Status } from '../framework/interface';

/** upstream helper.DefaultNormalizeScore: scales to 0..maxPriority by the max; `reverse` flips. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): Status {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return { code: 'Success', reasons: [] };
  }
  for (const s of scores) {
    let v = Math.trunc((maxPriority * s.score) / max);
    if (reverse) v = maxPriority - v;
    s.score = v;
  }
  return { code: 'Success', reasons: [] };
}

/** Go's int64 division truncation, for `a * b / c` style formulas on integers. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b) + 0; // + 0 turns -0 into 0
}

/** upstream v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** upstream TolerationsTolerateTaint. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** upstream FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (filter(t) && !tolerationsTolerateTaint(tolerations, t)) return t;
  }
  return undefined;
}

const NODE_OPS: Record<string, Operator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

/** upstream nodeSelectorRequirementsAsSelector; undefined when a requirement is invalid. */
function requirementsAsSelector(reqs: readonly NodeSelectorRequirement[]): Selector | undefined {
  const out: Requirement[] = [];
  for (const r of reqs) {
    const op = NODE_OPS[r.operator];
    if (!op) return undefined;
    try {
      out.push(newRequirement(r.key, op, r.values ? [...r.values] : null));
    } catch {
      return undefined;
    }
  }
  return { requirements: out };
}

/** A compiled node selector term: label requirements AND `metadata.name` field requirements. */
export interface CompiledTerm {
  labels?: Selector;
  fields: readonly NodeSelectorRequirement[];
  /** False when the term is empty or invalid: it matches no node. */
  valid: boolean;
}

/** Compiles one NodeSelectorTerm (upstream nodeSelectorTerm). */
export function compileTerm(term: NodeSelectorTerm): CompiledTerm {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return { fields, valid: false };
  const labels = exprs.length ? requirementsAsSelector(exprs) : undefined;
  const fieldsOk = fields.every(
    (f) =>
      f.key === 'metadata.name' &&
      (f.operator === 'In' || f.operator === 'NotIn') &&
      (f.values?.length ?? 0) > 0,
  );
  return { labels, fields, valid: (exprs.length === 0 || !!labels) && fieldsOk };
}

/** True if the compiled term matches the node. */
export function termMatchesNode(t: CompiledTerm, node: Node): boolean {
  if (!t.valid) return false;
  if (t.labels && !matches(t.labels, node.metadata?.labels)) return false;
  const name = node.metadata?.name ?? '';
  for (const f of t.fields) {
    const has = (f.values ?? []).includes(name);
    if (f.operator === 'In' ? !has : has) return false;
  }
  return true;
}

/** upstream corev1.MatchNodeSelectorTerms: the terms are ORed. */
export function matchNodeSelectorTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => termMatchesNode(compileTerm(t), node));
}

/** upstream nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND required node affinity. */
export interface RequiredNodeAffinity {
  selector?: Selector;
  terms?: CompiledTerm[];
}

/** upstream nodeaffinity.GetRequiredNodeAffinity. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const out: RequiredNodeAffinity = {};
  const ns = pod.spec?.nodeSelector;
  if (ns && Object.keys(ns).length) {
    try {
      out.selector = selectorFromSet(ns);
    } catch {
      out.selector = { requirements: [], nothing: true };
    }
  }
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) out.terms = (req.nodeSelectorTerms ?? []).map(compileTerm);
  return out;
}

/** upstream RequiredNodeAffinity.Match. */
export function requiredNodeAffinityMatches(r: RequiredNodeAffinity, node: Node): boolean {
  if (r.selector && !matches(r.selector, node.metadata?.labels)) return false;
  if (r.terms && !r.terms.some((t) => termMatchesNode(t, node))) return false;
  return true;
}

/** A pod (anti-)affinity term prepared for matching (upstream framework.AffinityTerm). */
export interface AffinityTerm {
  namespaces: Set<string>;
  /** undefined when the term has no namespaceSelector (upstream: labels.Nothing()). */
  namespaceSelector?: Selector;
  selector: Selector;
  topologyKey: string;
}

/** A weighted affinity term (upstream framework.WeightedAffinityTerm). */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

function safeSelector(ls: PodAffinityTerm['labelSelector']): Selector {
  try {
    return selectorFromLabelSelector(ls);
  } catch {
    return { requirements: [], nothing: true };
  }
}

/**
 * upstream newAffinityTerm: an empty namespaces list with no namespaceSelector means the pod's own
 * namespace; matchLabelKeys / mismatchLabelKeys add `key in/notin (pod's value)` (idempotent if the
 * apiserver already merged them).
 */
export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set(term.namespaces ?? []);
  const namespaceSelector = term.namespaceSelector ? safeSelector(term.namespaceSelector) : undefined;
  if (namespaces.size === 0 && !term.namespaceSelector) namespaces.add(pod.metadata?.namespace ?? '');
  let selector = safeSelector(term.labelSelector);
  const labels = pod.metadata?.labels ?? {};
  const extra: Requirement[] = [];
  for (const k of term.matchLabelKeys ?? [])
    if (k in labels) extra.push({ key: k, operator: 'in', values: [labels[k]] });
  for (const k of term.mismatchLabelKeys ?? [])
    if (k in labels) extra.push({ key: k, operator: 'notin', values: [labels[k]] });
  if (extra.length && !selector.nothing) selector = addRequirements(selector, ...extra);
  return { namespaces, namespaceSelector, selector, topologyKey: term.topologyKey };
}

/** upstream AffinityTerm.Matches: namespace (by list or namespace labels) and label selector. */
export function affinityTermMatches(
  t: AffinityTerm,
  pod: Pod,
  nsLabels: Record<string, string> | undefined,
): boolean {
  const ns = pod.metadata?.namespace ?? '';
  const nsOk =
    t.namespaces.has(ns) || (!!t.namespaceSelector && matches(t.namespaceSelector, nsLabels ?? {}));
  return nsOk && matches(t.selector, pod.metadata?.labels);
}

/** Required affinity terms of a pod. */
export function requiredAffinityTerms(pod: Pod): AffinityTerm[] {
  const ts = pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  return ts.map((t) => newAffinityTerm(pod, t));
}

/** Required anti-affinity terms of a pod. */
export function requiredAntiAffinityTerms(pod: Pod): AffinityTerm[] {
  const ts = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  return ts.map((t) => newAffinityTerm(pod, t));
}

/** Preferred affinity (`anti` false) or anti-affinity (`anti` true) terms of a pod. */
export function preferredTerms(pod: Pod, anti: boolean): WeightedAffinityTerm[] {
  const a = anti ? pod.spec?.affinity?.podAntiAffinity : pod.spec?.affinity?.podAffinity;
  return (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
    ...newAffinityTerm(pod, w.podAffinityTerm),
    weight: w.weight,
  }));
}

/** The maximum score a plugin gives, re-exported for plugins. */
export { MAX_NODE_SCORE };
