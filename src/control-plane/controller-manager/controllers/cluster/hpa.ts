/**
 * The HorizontalPodAutoscaler controller, autoscaling/v2 (upstream pkg/controller/podautoscaler,
 * `horizontalpodautoscaling-controller`, events as `horizontal-pod-autoscaler`): every 15 s it reads
 * the target's scale subresource, computes each Resource metric's proposal from KubeLab's simulated
 * metrics (./metrics.ts) — utilization = usage×100/requests over ready pods, desired =
 * ceil(ratio × ready pods), tolerance 0.1, unready pods counted at 0 % when scaling up — takes the
 * largest, then normalizes it: without `spec.behavior` the legacy rules (5-minute downscale
 * stabilization, scale-up limit max(2×current, 4)); with `spec.behavior` its stabilization windows and
 * Pods/Percent policies. Conditions AbleToScale / ScalingActive / ScalingLimited and the events
 * (SuccessfulRescale `New size: N; reason: ...`, FailedGetScale, FailedGetResourceMetric, FailedRescale)
 * use upstream's reasons and messages.
 * Left out: Pods/Object/External/ContainerResource metrics (reported as invalid), the 5-minute CPU
 * initialization period (a pod counts as unready exactly when its Ready condition is not True).
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerCondition,
  HPAScalingRules,
  MetricSpec,
  MetricStatus,
} from 'kubernetes-types/autoscaling/v2';
import type { Pod } from 'kubernetes-types/core/v1';
import { parseSelector } from '../../../../api/labels';
import { fromMilli, parseQuantity, quantityToString, toMilli } from '../../../../api/quantity';
import { splitKey } from '../../../../client/controller-base';
import { unwrapTombstone } from '../../../../client/informer';
import type { ApiObject } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { LOAD_ANNOTATION, podRequests, podUsage } from './metrics';
import { QueueController, clone, rfc3339, setCondition, type Condition } from './util';

/** Sync period (upstream --horizontal-pod-autoscaler-sync-period). */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** Tolerance (upstream --horizontal-pod-autoscaler-tolerance). */
export const HPA_TOLERANCE = 0.1;
/** Downscale stabilization window (upstream --horizontal-pod-autoscaler-downscale-stabilization). */
export const HPA_DOWNSCALE_STABILIZATION_MS = 300_000;

const DEFAULT_SCALE_UP: HPAScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_SCALE_DOWN: HPAScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** A replica proposal from one metric. */
interface Proposal {
  replicas: number;
  name: string;
  status: MetricStatus;
}

/**
 * upstream ReplicaCalculator.GetResourceReplicas for one resource and utilization target (or an
 * average-value target in milli-units when `targetAverageMilli` is given).
 */
export function resourceReplicas(
  pods: readonly Pod[],
  resource: 'cpu' | 'memory',
  currentReplicas: number,
  target: { utilization?: number; averageMilli?: number },
  workloadLoad?: string,
): { replicas: number; utilization?: number; averageMilli: number } {
  const ready: Pod[] = [];
  const unready: Pod[] = [];
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp || p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded')
      continue;
    const isReady =
      p.status?.phase === 'Running' &&
      p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    (isReady ? ready : unready).push(p);
  }
  if (!pods.length) throw new Error('no pods returned by selector while calculating replica count');
  const usageOf = (p: Pod) =>
    resource === 'cpu' ? podUsage(p, 'cpu', workloadLoad) : podUsage(p, 'memory', workloadLoad) * 1000;
  const reqOf = (p: Pod) => {
    const r = podRequests(p, resource);
    if (r.missing.length)
      throw new Error(
        `missing request for ${resource} in container ${r.missing[0]} of Pod ${p.metadata!.name}`,
      );
    return resource === 'cpu' ? r.total : r.total * 1000;
  };
  const ratioOf = (set: Pod[], zeroed: Pod[]) => {
    const usage = set.reduce((a, p) => a + usageOf(p), 0);
    const n = set.length + zeroed.length;
    const averageMilli = n ? Math.trunc(usage / n) : 0;
    if (target.utilization !== undefined) {
      const requests = [...set, ...zeroed].reduce((a, p) => a + reqOf(p), 0);
      if (requests === 0) throw new Error(`missing request for ${resource}`);
      const utilization = Math.trunc((usage * 100) / requests);
      return { ratio: utilization / target.utilization, utilization, averageMilli };
    }
    return { ratio: averageMilli / target.averageMilli!, utilization: undefined, averageMilli };
  };
  if (!ready.length && !unready.length) throw new Error('did not receive metrics for any ready pods');
  const first = ready.length ? ratioOf(ready, []) : { ratio: 0, utilization: 0, averageMilli: 0 };
  const scaleUpWithUnready = unready.length > 0 && first.ratio > 1;
  if (!scaleUpWithUnready) {
    if (Math.abs(1 - first.ratio) <= HPA_TOLERANCE)
      return { replicas: currentReplicas, utilization: first.utilization, averageMilli: first.averageMilli };
    return {
      replicas: Math.ceil(first.ratio * ready.length),
      utilization: first.utilization,
      averageMilli: first.averageMilli,
    };
  }
  const second = ratioOf(ready, unready);
  if (Math.abs(1 - second.ratio) <= HPA_TOLERANCE || first.ratio > 1 !== second.ratio > 1)
    return { replicas: currentReplicas, utilization: first.utilization, averageMilli: first.averageMilli };
  const n = Math.ceil(second.ratio * (ready.length + unready.length));
  if (n > currentReplicas !== first.ratio > 1)
    return { replicas: currentReplicas, utilization: first.utilization, averageMilli: first.averageMilli };
  return { replicas: n, utilization: first.utilization, averageMilli: first.averageMilli };
}

interface Rec {
  replicas: number;
  at: number;
}
interface ScaleEvent {
  change: number;
  at: number;
}

/** The horizontalpodautoscaling-controller. */
export class HorizontalPodAutoscalerController extends QueueController {
  private readonly hpas;
  private readonly pods;
  private readonly hpaClient;
  private readonly recommendations = new Map<string, Rec[]>();
  private readonly scaleUpEvents = new Map<string, ScaleEvent[]>();
  private readonly scaleDownEvents = new Map<string, ScaleEvent[]>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'horizontal-pod-autoscaler');
    this.hpaClient = ctx.client.resource<HorizontalPodAutoscaler>(
      'autoscaling',
      'v2',
      'horizontalpodautoscalers',
    );
    this.hpas = this.use(ctx.informers.informerFor(this.hpaClient));
    this.pods = this.use(ctx.informers.informerFor(ctx.client.pods));
    const add = (h: HorizontalPodAutoscaler) =>
      this.queue.add(`${h.metadata!.namespace}/${h.metadata!.name}`);
    this.hpas.addEventHandler({
      onAdd: add,
      onUpdate: (o, n) => JSON.stringify(o.spec) !== JSON.stringify(n.spec) && add(n),
      onDelete: (o) => {
        const h = unwrapTombstone(o);
        const k = `${h.metadata!.namespace}/${h.metadata!.name}`;
        this.recommendations.delete(k);
        this.scaleUpEvents.delete(k);
        this.scaleDownEvents.delete(k);
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const cached = this.hpas.lister().get(ns, name);
    if (!cached) return;
    this.queue.addAfter(key, HPA_SYNC_PERIOD_MS);
    const hpa = clone(cached);
    const spec = hpa.spec!;
    const now = this.ctx.clock.now();
    let conds = [...(hpa.status?.conditions ?? [])] as Condition[];
    const set = (type: string, status: string, reason: string, message: string) => {
      conds = setCondition(conds, { type, status, reason, message }, now);
    };
    const ref = spec.scaleTargetRef;
    let client;
    let scale;
    let target: ApiObject | undefined;
    try {
      client = this.ctx.client.forKind(ref.apiVersion ?? 'apps/v1', ref.kind);
      scale = await client.getScale(ns, ref.name);
      target = await client.get(ns, ref.name).catch(() => undefined);
    } catch (e) {
      const msg = (e as Error).message;
      set(
        'AbleToScale',
        'False',
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${msg}`,
      );
      this.emit(hpa, 'Warning', 'FailedGetScale', msg);
      await this.writeStatus(
        hpa,
        conds,
        hpa.status?.currentReplicas ?? 0,
        hpa.status?.desiredReplicas ?? 0,
        hpa.status?.currentMetrics,
        false,
      );
      return;
    }
    set(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const current = scale.spec?.replicas ?? 0;
    const min = spec.minReplicas ?? 1;
    const max = spec.maxReplicas;
    let desired: number;
    let rescaleReason = '';
    let metrics: MetricStatus[] | undefined = hpa.status?.currentMetrics;
    if (current === 0 && min !== 0) {
      desired = 0;
      set(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (current > max) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const selector = scale.status?.selector ?? '';
      let proposals: Proposal[];
      try {
        const sel = parseSelector(selector);
        const pods = this.pods.lister().namespace(ns).list(sel);
        const load = target?.metadata?.annotations?.[LOAD_ANNOTATION];
        proposals = (spec.metrics ?? []).map((m) => this.proposal(m, pods, current, load));
      } catch (e) {
        const msg = (e as Error).message;
        const metric = spec.metrics?.[0]?.resource?.name ?? 'cpu';
        set(
          'ScalingActive',
          'False',
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: failed to get ${metric} utilization: ${msg}`,
        );
        this.emit(hpa, 'Warning', 'FailedGetResourceMetric', `failed to get ${metric} utilization: ${msg}`);
        this.emit(
          hpa,
          'Warning',
          'FailedComputeMetricsReplicas',
          `invalid metrics (1 invalid out of ${spec.metrics?.length ?? 1}), first error is: failed to get ${metric} resource metric value: failed to get ${metric} utilization: ${msg}`,
        );
        await this.writeStatus(hpa, conds, current, hpa.status?.desiredReplicas ?? current, metrics, false);
        return;
      }
      let best = proposals[0];
      for (const p of proposals) if (p.replicas > best.replicas) best = p;
      metrics = proposals.map((p) => p.status);
      set(
        'ScalingActive',
        'True',
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${best.name}`,
      );
      desired = spec.behavior
        ? this.normalizeWithBehaviors(key, hpa, current, best.replicas, min, max, now, set)
        : this.normalize(key, current, best.replicas, min, max, now, set);
      if (desired > current) rescaleReason = `${best.name} above target`;
      else if (desired < current) rescaleReason = 'All metrics below target';
    }
    const rescale = desired !== current;
    if (rescale) {
      try {
        await client.updateScale(ns, ref.name, { ...scale, spec: { ...scale.spec, replicas: desired } });
      } catch (e) {
        const msg = (e as Error).message;
        set(
          'AbleToScale',
          'False',
          'FailedUpdateScale',
          `the HPA controller was unable to update the target scale: ${msg}`,
        );
        this.emit(
          hpa,
          'Warning',
          'FailedRescale',
          `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`,
        );
        await this.writeStatus(hpa, conds, current, desired, metrics, false);
        throw e;
      }
      set(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
      this.emit(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
      const evs = desired > current ? this.scaleUpEvents : this.scaleDownEvents;
      evs.set(key, [...(evs.get(key) ?? []), { change: Math.abs(desired - current), at: now }]);
    }
    await this.writeStatus(hpa, conds, current, desired, metrics, rescale);
  }

  private proposal(m: MetricSpec, pods: Pod[], current: number, load: string | undefined): Proposal {
    if (m.type !== 'Resource' || !m.resource) throw new Error(`unsupported metric source type "${m.type}"`);
    const res = m.resource.name;
    if (res !== 'cpu' && res !== 'memory') throw new Error(`unsupported resource "${res}"`);
    const t = m.resource.target;
    if (t.type === 'Utilization') {
      const r = resourceReplicas(pods, res, current, { utilization: t.averageUtilization ?? 80 }, load);
      return {
        replicas: r.replicas,
        name: `${res} resource utilization (percentage of request)`,
        status: {
          type: 'Resource',
          resource: {
            name: res,
            current: {
              averageUtilization: r.utilization,
              averageValue: quantityToString(
                res === 'cpu'
                  ? fromMilli(r.averageMilli)
                  : parseQuantity(String(Math.round(r.averageMilli / 1000))),
              ),
            },
          },
        },
      };
    }
    const avg = toMilli(parseQuantity(String(t.averageValue ?? '0')));
    const r = resourceReplicas(pods, res, current, { averageMilli: avg }, load);
    return {
      replicas: r.replicas,
      name: `${res} resource`,
      status: {
        type: 'Resource',
        resource: { name: res, current: { averageValue: quantityToString(fromMilli(r.averageMilli)) } },
      },
    };
  }

  /** The legacy normalization (no spec.behavior): downscale stabilization, then the scale-up limit and bounds. */
  private normalize(
    key: string,
    current: number,
    proposed: number,
    min: number,
    max: number,
    now: number,
    set: (t: string, s: string, r: string, m: string) => void,
  ): number {
    const recs = (this.recommendations.get(key) ?? []).filter(
      (r) => r.at > now - HPA_DOWNSCALE_STABILIZATION_MS,
    );
    let stabilized = proposed;
    for (const r of recs) stabilized = Math.max(stabilized, r.replicas);
    recs.push({ replicas: proposed, at: now });
    this.recommendations.set(key, recs);
    if (stabilized !== proposed)
      set(
        'AbleToScale',
        'True',
        'ScaleDownStabilized',
        'recent recommendations were higher than current one, applying the highest recent recommendation',
      );
    else set('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const scaleUpLimit = Math.max(2 * current, 4);
    let maxAllowed: number;
    let maxReason: [string, string];
    if (max > scaleUpLimit) {
      maxAllowed = scaleUpLimit;
      maxReason = [
        'ScaleUpLimit',
        'the desired replica count is increasing faster than the maximum scale rate',
      ];
    } else {
      maxAllowed = max;
      maxReason = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    }
    const minAllowed = min === 0 ? 1 : min;
    const minReason: [string, string] =
      min === 0
        ? ['TooFewReplicas', 'the desired replica count is zero']
        : ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (stabilized < minAllowed) {
      set('ScalingLimited', 'True', ...minReason);
      return minAllowed;
    }
    if (stabilized > maxAllowed) {
      set('ScalingLimited', 'True', ...maxReason);
      return maxAllowed;
    }
    set('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    return stabilized;
  }

  /** spec.behavior: stabilization windows, then the Pods/Percent policies and bounds. */
  private normalizeWithBehaviors(
    key: string,
    hpa: HorizontalPodAutoscaler,
    current: number,
    proposed: number,
    min: number,
    max: number,
    now: number,
    set: (t: string, s: string, r: string, m: string) => void,
  ): number {
    const up = { ...DEFAULT_SCALE_UP, ...(hpa.spec!.behavior?.scaleUp ?? {}) };
    const down = { ...DEFAULT_SCALE_DOWN, ...(hpa.spec!.behavior?.scaleDown ?? {}) };
    const upCut = now - (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downCut = now - (down.stabilizationWindowSeconds ?? 300) * 1000;
    const recs = this.recommendations.get(key) ?? [];
    let upRec = proposed;
    let downRec = proposed;
    for (const r of recs) {
      if (r.at > upCut) upRec = Math.min(upRec, r.replicas);
      if (r.at > downCut) downRec = Math.max(downRec, r.replicas);
    }
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    const keep = Math.min(upCut, downCut);
    this.recommendations.set(key, [...recs.filter((r) => r.at > keep), { replicas: proposed, at: now }]);
    if (stabilized !== proposed) {
      if (stabilized > proposed)
        set(
          'AbleToScale',
          'True',
          'ScaleDownStabilized',
          'recent recommendations were higher than current one, applying the highest recent recommendation',
        );
      else
        set(
          'AbleToScale',
          'True',
          'ScaleUpStabilized',
          'recent recommendations were lower than current one, applying the lowest recent recommendation',
        );
    } else set('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const within = (): number => {
      set(
        'ScalingLimited',
        'False',
        'DesiredWithinRange',
        'the desired count is within the acceptable range',
      );
      return stabilized;
    };
    if (stabilized > current) {
      let limit = this.scaleUpLimit(key, current, up, now);
      if (limit < current) limit = current;
      const [allowed, reason, msg] =
        max > limit
          ? [
              limit,
              'ScaleUpLimit',
              'the desired replica count is increasing faster than the maximum scale rate',
            ]
          : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
      if (stabilized > allowed) {
        set('ScalingLimited', 'True', reason, msg);
        return allowed;
      }
      return within();
    }
    if (stabilized < current) {
      let limit = this.scaleDownLimit(key, current, down, now);
      if (limit > current) limit = current;
      const [allowed, reason, msg] =
        min < limit
          ? [
              limit,
              'ScaleDownLimit',
              'the desired replica count is decreasing faster than the maximum scale rate',
            ]
          : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
      if (stabilized < allowed) {
        set('ScalingLimited', 'True', reason, msg);
        return allowed;
      }
      return within();
    }
    return within();
  }

  private scaleUpLimit(key: string, current: number, rules: HPAScalingRules, now: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pickMin = rules.selectPolicy === 'Min';
    let result = pickMin ? Infinity : -Infinity;
    for (const p of rules.policies ?? []) {
      const added = (this.scaleUpEvents.get(key) ?? [])
        .filter((e) => e.at > now - p.periodSeconds * 1000)
        .reduce((a, e) => a + e.change, 0);
      const start = current - added;
      const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return Number.isFinite(result) ? result : current;
  }

  private scaleDownLimit(key: string, current: number, rules: HPAScalingRules, now: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pickMin = rules.selectPolicy === 'Min';
    let result = pickMin ? -Infinity : Infinity;
    for (const p of rules.policies ?? []) {
      const removed = (this.scaleDownEvents.get(key) ?? [])
        .filter((e) => e.at > now - p.periodSeconds * 1000)
        .reduce((a, e) => a + e.change, 0);
      const start = current + removed;
      const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return Number.isFinite(result) ? result : current;
  }

  private async writeStatus(
    hpa: HorizontalPodAutoscaler,
    conds: Condition[],
    current: number,
    desired: number,
    metrics: MetricStatus[] | undefined,
    rescaled: boolean,
  ): Promise<void> {
    const st = {
      ...(hpa.status ?? {}),
      observedGeneration: hpa.metadata?.generation,
      currentReplicas: current,
      desiredReplicas: desired,
      currentMetrics: metrics,
      conditions: conds as HorizontalPodAutoscalerCondition[],
    };
    if (rescaled) st.lastScaleTime = rfc3339(this.ctx.clock.now());
    if (!st.currentMetrics) delete st.currentMetrics;
    if (JSON.stringify(st) === JSON.stringify(hpa.status ?? {})) return;
    await this.hpaClient.updateStatus({ ...hpa, status: st });
  }

  private emit(
    hpa: HorizontalPodAutoscaler,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.events.emit(hpa, 'autoscaling/v2', 'HorizontalPodAutoscaler', type, reason, message);
  }
}

/** Registry entry. */
export const hpaDescriptor: ControllerDescriptor = {
  name: 'horizontalpodautoscaling-controller',
  workers: 5,
  create: (ctx) => new HorizontalPodAutoscalerController(ctx),
};
