/**
 * A snapshot and framework handle for plugin tests, mirroring upstream's
 * `cache.NewSnapshot(pods, nodes)` and `frameworkruntime.NewFramework(..., WithInformerFactory(fake))`.
 * Objects for listers are given as plain arrays keyed by `resource` or `group/resource`.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { newNodeInfo, normalizeImageName } from '../framework/node-info';
import {
  CycleState,
  scoreOf,
  status,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Snapshot,
  type Status,
} from '../framework/interface';

/** A Snapshot over fixed NodeInfos (upstream cache.Snapshot). */
export function newSnapshot(infos: NodeInfo[]): Snapshot {
  const byName = new Map(infos.map((n) => [n.name, n]));
  return {
    nodes: () => infos,
    get: (name) => byName.get(name),
    havePodsWithAffinity: () => infos.filter((n) => n.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinity: () => infos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
    imageNodeCount: (image) => {
      const key = normalizeImageName(image);
      return infos.filter((n) => n.imageSizes.has(key)).length;
    },
  };
}

/** NodeInfos for `nodes` with each pod placed on its spec.nodeName (upstream cache.NewSnapshot). */
export function nodeInfos(nodes: Node[], pods: Pod[] = []): NodeInfo[] {
  return nodes.map((n) =>
    newNodeInfo(
      n,
      pods.filter((p) => p.spec?.nodeName === n.metadata?.name),
    ),
  );
}

/** Objects served by `handle.lister(resource, group)`, keyed `resource` or `group/resource`. */
export type FakeObjects = Record<string, { metadata?: { name?: string; namespace?: string } }[]>;

/** A Handle over a snapshot built from nodes and pods, plus lister objects. */
export function fakeHandle(
  opts: { nodes?: Node[]; pods?: Pod[]; infos?: NodeInfo[]; objects?: FakeObjects; now?: number } = {},
): Handle {
  const snap = newSnapshot(opts.infos ?? nodeInfos(opts.nodes ?? [], opts.pods ?? []));
  const objects = opts.objects ?? {};
  return {
    snapshot: () => snap,
    lister<T>(resource: string, group?: string) {
      const items = (objects[group ? `${group}/${resource}` : resource] ?? []) as unknown as {
        metadata?: { name?: string; namespace?: string };
      }[];
      return {
        list: (ns?: string) => items.filter((o) => ns === undefined || o.metadata?.namespace === ns) as T[],
        get: (ns: string | undefined, name: string) =>
          items.find(
            (o) => o.metadata?.name === name && (ns === undefined || o.metadata?.namespace === ns),
          ) as T | undefined,
      };
    },
    now: () => opts.now ?? 0,
  };
}

type AnyPlugin = Partial<PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin> & { name: string };

/**
 * Runs a plugin's PreFilter then Filter on every node, as the framework would: a PreFilter Skip means
 * Success everywhere, a PreFilter failure is every node's status, nodes outside a PreFilter result
 * get `undefined`. Returns node name → status.
 */
export function filterAll(
  plugin: AnyPlugin,
  pod: Pod,
  infos: NodeInfo[],
  state = new CycleState(),
): Record<string, Status | undefined> {
  const out: Record<string, Status | undefined> = {};
  let allowed: Set<string> | undefined;
  if (plugin.preFilter) {
    const r = plugin.preFilter(state, pod, infos);
    if (r.status.code === 'Skip') {
      for (const ni of infos) out[ni.name] = status.success();
      return out;
    }
    if (!status.isSuccess(r.status)) {
      for (const ni of infos) out[ni.name] = r.status;
      return out;
    }
    allowed = r.result?.nodeNames;
  }
  for (const ni of infos) {
    if (allowed && !allowed.has(ni.name)) out[ni.name] = undefined;
    else out[ni.name] = plugin.filter ? plugin.filter(state, pod, ni) : status.success();
  }
  return out;
}

/**
 * Runs PreScore, Score on every node and NormalizeScore. Returns node name → final score, or `'skip'`
 * when PreScore skipped the plugin.
 */
export function scoreAll(
  plugin: AnyPlugin,
  pod: Pod,
  infos: NodeInfo[],
  state = new CycleState(),
): Record<string, number> | 'skip' {
  if (plugin.preScore) {
    const s = plugin.preScore(state, pod, infos);
    if (s.code === 'Skip') return 'skip';
  }
  const scores: NodeScore[] = infos.map((ni) => ({
    name: ni.name,
    score: scoreOf(plugin.score!(state, pod, ni)) ?? NaN,
  }));
  plugin.normalizeScore?.(state, pod, scores);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
}

/** Raw Score results (no normalisation), after PreScore. */
export function rawScores(
  plugin: AnyPlugin,
  pod: Pod,
  infos: NodeInfo[],
  state = new CycleState(),
): Record<string, number> {
  plugin.preScore?.(state, pod, infos);
  return Object.fromEntries(infos.map((ni) => [ni.name, scoreOf(plugin.score!(state, pod, ni)) ?? NaN]));
}
