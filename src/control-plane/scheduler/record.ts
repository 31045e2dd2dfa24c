/**
 * The per-attempt record as kube-scheduler-simulator's debuggable scheduler writes it on the pod
 * (sigs.k8s.io/kube-scheduler-simulator, simulator/scheduler/plugin/annotation): one annotation per
 * extension point, each a JSON string shaped `node → plugin → result` (Filter, Score, final score,
 * PostFilter) or `plugin → result` (PreFilter, PreScore, Reserve, Permit, PreBind, Bind), scores
 * as decimal strings, plus `selected-node`. Leaves out the simulator's `result-history` annotation.
 */
import type { AttemptRecord } from './framework/framework';

/** The annotation key prefix of the simulator. */
export const ANNOTATION_PREFIX = 'kube-scheduler-simulator.sigs.k8s.io/';

/** The simulator's annotation keys. */
export const ANNOTATIONS = {
  preFilterStatus: `${ANNOTATION_PREFIX}prefilter-result-status`,
  preFilterResult: `${ANNOTATION_PREFIX}prefilter-result`,
  filter: `${ANNOTATION_PREFIX}filter-result`,
  postFilter: `${ANNOTATION_PREFIX}postfilter-result`,
  preScore: `${ANNOTATION_PREFIX}prescore-result`,
  score: `${ANNOTATION_PREFIX}score-result`,
  finalScore: `${ANNOTATION_PREFIX}finalscore-result`,
  reserve: `${ANNOTATION_PREFIX}reserve-result`,
  permit: `${ANNOTATION_PREFIX}permit-result`,
  permitTimeout: `${ANNOTATION_PREFIX}permit-result-timeout`,
  preBind: `${ANNOTATION_PREFIX}prebind-result`,
  bind: `${ANNOTATION_PREFIX}bind-result`,
  selectedNode: `${ANNOTATION_PREFIX}selected-node`,
} as const;

function stringify(m: Record<string, Record<string, number>>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [node, plugins] of Object.entries(m)) {
    const o: Record<string, string> = {};
    for (const [p, v] of Object.entries(plugins)) o[p] = String(v);
    out[node] = o;
  }
  return out;
}

/** The annotations describing one attempt (values are JSON strings, as the simulator writes them). */
export function recordAnnotations(rec: AttemptRecord): Record<string, string> {
  const a: Record<string, string> = {
    [ANNOTATIONS.preFilterStatus]: JSON.stringify(rec.preFilterStatus),
    [ANNOTATIONS.preFilterResult]: JSON.stringify(rec.preFilterResult),
    [ANNOTATIONS.filter]: JSON.stringify(rec.filter),
    [ANNOTATIONS.postFilter]: JSON.stringify(rec.postFilter),
    [ANNOTATIONS.preScore]: JSON.stringify(rec.preScore),
    [ANNOTATIONS.score]: JSON.stringify(stringify(rec.score)),
    [ANNOTATIONS.finalScore]: JSON.stringify(stringify(rec.finalScore)),
    [ANNOTATIONS.reserve]: JSON.stringify(rec.reserve),
    [ANNOTATIONS.permit]: JSON.stringify(rec.permit),
    [ANNOTATIONS.permitTimeout]: JSON.stringify(rec.permitTimeout),
    [ANNOTATIONS.preBind]: JSON.stringify(rec.preBind),
    [ANNOTATIONS.bind]: JSON.stringify(rec.bind),
    [ANNOTATIONS.selectedNode]: rec.selected ?? '',
  };
  return a;
}

/** Parses the annotations back into tables (UI / describe views). */
export function parseRecordAnnotations(annotations: Record<string, string> | undefined):
  | {
      filter: Record<string, Record<string, string>>;
      score: Record<string, Record<string, string>>;
      finalScore: Record<string, Record<string, string>>;
      selectedNode: string;
    }
  | undefined {
  if (!annotations || !(ANNOTATIONS.filter in annotations)) return undefined;
  const parse = (k: string) => {
    try {
      return JSON.parse(annotations[k] ?? '{}') as Record<string, Record<string, string>>;
    } catch {
      return {};
    }
  };
  return {
    filter: parse(ANNOTATIONS.filter),
    score: parse(ANNOTATIONS.score),
    finalScore: parse(ANNOTATIONS.finalScore),
    selectedNode: annotations[ANNOTATIONS.selectedNode] ?? '',
  };
}
