/**
 * The scheduler's table for one pod, as the side panel shows it: each node × each Filter plugin
 * (`passed` or the exact reason) and each Score plugin with its weight, the weighted score and the
 * node's total. Read from the scheduler's `decision` trace record (detail {filter, score,
 * normalizedScore, finalScore, total, selected}) or, when the page did not see it (e.g. after a
 * reload), from the kube-scheduler-simulator annotations the scheduler writes on the pod.
 */
import { parseRecordAnnotations } from '../../control-plane/scheduler/record';

/** Upstream default Score plugin weights (used when a record does not let us derive them). */
export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<string, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
  VolumeBinding: 1,
};

/** One Score cell. */
export interface ScoreCell {
  /** Raw plugin score, before NormalizeScore (when known). */
  raw?: number;
  /** Weight × normalised score. */
  final: number;
}

/** The table of one scheduling attempt. */
export interface SchedulerTable {
  nodes: string[];
  filterPlugins: string[];
  /** node → plugin → `passed` or the reason; a missing cell means the plugin did not run. */
  filter: Record<string, Record<string, string>>;
  /** Nodes every Filter plugin passed. */
  feasible: string[];
  scorePlugins: Array<{ name: string; weight: number }>;
  score: Record<string, Record<string, ScoreCell>>;
  total: Record<string, number>;
  selected?: string;
  message?: string;
  /** Where the table came from. */
  source: 'trace' | 'annotations';
}

type Nested<T> = Record<string, Record<string, T>>;

function isNested(v: unknown): v is Nested<unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function orderedKeys(m: Nested<unknown>): string[] {
  const seen = new Set<string>();
  for (const inner of Object.values(m)) if (isNested(inner)) for (const k of Object.keys(inner)) seen.add(k);
  return [...seen];
}

function build(
  filter: Nested<string>,
  raw: Nested<unknown>,
  normalized: Nested<unknown> | undefined,
  final: Nested<unknown>,
  totals: Record<string, unknown> | undefined,
  selected: string | undefined,
  message: string | undefined,
  source: SchedulerTable['source'],
): SchedulerTable {
  const nodes = [...new Set([...Object.keys(filter), ...Object.keys(final)])].sort();
  const filterPlugins = orderedKeys(filter);
  const feasible = nodes.filter((n) => {
    const row = filter[n];
    return row !== undefined && Object.values(row).every((v) => v === 'passed');
  });
  const scoreNames = orderedKeys(final);
  const scorePlugins = scoreNames.map((name) => {
    let weight: number | undefined;
    if (normalized)
      for (const n of nodes) {
        const f = num(final[n]?.[name]);
        const s = num(normalized[n]?.[name]);
        if (f !== undefined && s) {
          weight = f / s;
          break;
        }
      }
    return { name, weight: weight ?? DEFAULT_SCORE_WEIGHTS[name] ?? 1 };
  });
  const score: Record<string, Record<string, ScoreCell>> = {};
  const total: Record<string, number> = {};
  for (const n of Object.keys(final)) {
    const row: Record<string, ScoreCell> = {};
    let sum = 0;
    for (const p of scoreNames) {
      const f = num(final[n]?.[p]);
      if (f === undefined) continue;
      const cell: ScoreCell = { final: f };
      const r = num(raw[n]?.[p]);
      if (r !== undefined) cell.raw = r;
      row[p] = cell;
      sum += f;
    }
    score[n] = row;
    total[n] = num(totals?.[n]) ?? sum;
  }
  const t: SchedulerTable = { nodes, filterPlugins, filter, feasible, scorePlugins, score, total, source };
  if (selected) t.selected = selected;
  if (message) t.message = message;
  return t;
}

/** The table from a scheduler `decision` record's detail, or undefined if it is not one. */
export function tableFromDecision(detail: Record<string, unknown> | undefined): SchedulerTable | undefined {
  if (!detail || !isNested(detail.filter)) return undefined;
  const pick = (k: string): Nested<unknown> => (isNested(detail[k]) ? (detail[k] as Nested<unknown>) : {});
  return build(
    detail.filter as Nested<string>,
    pick('score'),
    isNested(detail.normalizedScore) ? (detail.normalizedScore as Nested<unknown>) : undefined,
    pick('finalScore'),
    isNested(detail.total) ? (detail.total as Record<string, unknown>) : undefined,
    typeof detail.selected === 'string' ? detail.selected : undefined,
    typeof detail.message === 'string' ? detail.message : undefined,
    'trace',
  );
}

/** The table from a pod's kube-scheduler-simulator annotations, or undefined when there are none. */
export function tableFromAnnotations(
  annotations: Record<string, string> | undefined,
): SchedulerTable | undefined {
  const p = parseRecordAnnotations(annotations);
  if (!p) return undefined;
  return build(
    p.filter,
    p.score,
    undefined,
    p.finalScore,
    undefined,
    p.selectedNode || undefined,
    undefined,
    'annotations',
  );
}

/** The first non-passing Filter result of a node (the reason it was filtered out), if any. */
export function rejection(t: SchedulerTable, node: string): { plugin: string; reason: string } | undefined {
  const row = t.filter[node];
  if (!row) return undefined;
  for (const p of t.filterPlugins) {
    const v = row[p];
    if (v !== undefined && v !== 'passed') return { plugin: p, reason: v };
  }
  return undefined;
}
