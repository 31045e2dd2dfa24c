/**
 * DefaultPreemption (upstream pkg/scheduler/framework/plugins/defaultpreemption +
 * framework/preemption.Evaluator), as a PostFilter plugin: when no node fits, look for nodes where
 * evicting lower-priority pods makes the pod fit. Per node (a copy of its NodeInfo and of the cycle
 * state): remove every lower-priority pod, check the pod fits, then reprieve as many as possible
 * (PDB-violating ones first, most important first); pick the node by upstream's order (fewest PDB
 * violations, lowest highest-victim priority, smallest priority sum, fewest victims, latest start of
 * the highest-priority victims); then mark victims with the DisruptionTarget condition, delete them
 * with a `Preempted` event, clear lower-priority nominations on that node, and return the node as
 * the pod's nominatedNodeName. Nodes rejected as UnschedulableAndUnresolvable are "not helpful".
 * Leaves out: async preemption (SchedulerAsyncPreemption), extenders' ProcessPreemption, and the
 * MinCandidateNodesPercentage/Absolute args (defaults 10 % / 100 are used).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { matches, selectorFromLabelSelector } from '../../../api/labels';
import { cloneNodeInfo } from '../cache/cache';
import { fitErrorMessage, newDiagnosis } from '../framework/fit-error';
import {
  status,
  type CycleState,
  type Handle,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PostFilterPlugin,
  type Status,
} from '../framework/interface';
import { addPod, removePod } from '../framework/node-info';

/** The plugin's name. */
export const DEFAULT_PREEMPTION = 'DefaultPreemption';

/** upstream's reason for nodes where preemption cannot help. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** upstream's reason for nodes without lower-priority pods. */
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

function prio(p: Pod): number {
  return p.spec?.priority ?? 0;
}

function startTime(p: Pod): number {
  const s = p.status?.startTime ?? p.metadata?.creationTimestamp;
  return s ? Date.parse(s) : 0;
}

/** upstream util.MoreImportantPod: higher priority, then earlier start. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = prio(a);
  const pb = prio(b);
  if (pa !== pb) return pa > pb;
  return startTime(a) < startTime(b);
}

/** One node where preemption would work. */
export interface Candidate {
  name: string;
  victims: Pod[];
  numPDBViolations: number;
}

/** Splits victims into those whose eviction would violate a PDB and the rest (upstream filterPodsWithPDBViolation). */
export function filterPodsWithPDBViolation(
  pods: PodInfo[],
  pdbs: PodDisruptionBudget[],
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    const pod = pi.pod;
    let violated = false;
    const labels = pod.metadata?.labels;
    if (labels && Object.keys(labels).length) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata?.namespace !== pod.metadata?.namespace) return;
        const sel = pdb.spec?.selector;
        if (!sel || (!sel.matchLabels && !sel.matchExpressions)) return;
        let selector;
        try {
          selector = selectorFromLabelSelector(sel);
        } catch {
          return;
        }
        if (!matches(selector, labels)) return;
        if (pdb.status?.disruptedPods && pod.metadata?.name && pod.metadata.name in pdb.status.disruptedPods)
          return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

/** upstream pickOneNodeForPreemption. */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate | undefined {
  if (!candidates.length) return undefined;
  for (const c of candidates) if (c.victims.length === 0) return c;
  let best = candidates;
  const keep = (score: (c: Candidate) => number) => {
    let max = -Infinity;
    let next: Candidate[] = [];
    for (const c of best) {
      const s = score(c);
      if (s > max) {
        max = s;
        next = [c];
      } else if (s === max) next.push(c);
    }
    best = next;
  };
  const highest = (c: Candidate) => Math.max(...c.victims.map(prio));
  keep((c) => -c.numPDBViolations);
  if (best.length > 1) keep((c) => -highest(c));
  // Sum of priorities, shifted by MaxInt32+1 so negative priorities count as positive numbers.
  if (best.length > 1) keep((c) => -c.victims.reduce((s, v) => s + prio(v) + 2 ** 31, 0));
  if (best.length > 1) keep((c) => -c.victims.length);
  if (best.length > 1)
    keep((c) => {
      const h = highest(c);
      return Math.min(...c.victims.filter((v) => prio(v) === h).map(startTime));
    });
  return best[0];
}

/** DefaultPreemption as a PostFilter plugin. */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION;
  constructor(private readonly handle: Handle) {}

  async postFilter(
    state: CycleState,
    pod: Pod,
    filtered: Map<string, Status>,
  ): Promise<{ nominatedNodeName?: string; status: Status }> {
    const r = await this.preempt(state, pod, filtered);
    const msg = r.status.reasons.join(', ');
    if (msg) return { ...r, status: { code: r.status.code, reasons: [`preemption: ${msg}`] } };
    return r;
  }

  /** upstream Evaluator.Preempt. */
  async preempt(
    state: CycleState,
    pod: Pod,
    m: Map<string, Status>,
  ): Promise<{ nominatedNodeName?: string; status: Status }> {
    const snapshot = this.handle.snapshot();
    const eligible = this.podEligibleToPreemptOthers(pod, m);
    if (!eligible.ok) return { status: status.unschedulable(eligible.msg) };
    const allNodes = snapshot.nodes();
    const { candidates, nodeToStatus } = this.findCandidates(state, pod, allNodes, m);
    if (!candidates.length) {
      const d = newDiagnosis();
      d.nodeToStatus = nodeToStatus;
      d.absentNodesStatus = status.unresolvable(PREEMPTION_NOT_HELPFUL);
      return { nominatedNodeName: '', status: status.unschedulable(fitErrorMessage(allNodes.length, d)) };
    }
    const best = pickOneNodeForPreemption(candidates);
    if (!best) return { status: status.unschedulable('no candidate node for preemption') };
    const err = await this.prepareCandidate(best, pod);
    if (err) return { status: status.error(err) };
    return { nominatedNodeName: best.name, status: status.success() };
  }

  /** upstream PodEligibleToPreemptOthers. */
  podEligibleToPreemptOthers(pod: Pod, m: Map<string, Status>): { ok: true } | { ok: false; msg: string } {
    if (pod.spec?.preemptionPolicy === 'Never')
      return { ok: false, msg: 'not eligible due to preemptionPolicy=Never.' };
    const nom = pod.status?.nominatedNodeName;
    if (nom && m.get(nom)?.code !== 'UnschedulableAndUnresolvable') {
      const ni = this.handle.snapshot().get(nom);
      if (ni) {
        const p = prio(pod);
        for (const pi of ni.pods)
          if (pi.pod.metadata?.deletionTimestamp && prio(pi.pod) < p)
            return { ok: false, msg: 'not eligible due to a terminating pod on the nominated node.' };
      }
    }
    return { ok: true };
  }

  /** upstream findCandidates + dryRunPreemption (sequential, from a random offset). */
  findCandidates(
    state: CycleState,
    pod: Pod,
    allNodes: NodeInfo[],
    m: Map<string, Status>,
  ): { candidates: Candidate[]; nodeToStatus: Map<string, Status> } {
    const nodeToStatus = new Map<string, Status>();
    const potential: NodeInfo[] = [];
    for (const ni of allNodes) {
      if (m.get(ni.name)?.code === 'UnschedulableAndUnresolvable') {
        nodeToStatus.set(ni.name, status.unresolvable(PREEMPTION_NOT_HELPFUL));
        continue;
      }
      potential.push(ni);
    }
    if (!potential.length) return { candidates: [], nodeToStatus };
    const pdbs = this.handle.lister<PodDisruptionBudget>('poddisruptionbudgets', 'policy').list();
    const n = potential.length;
    const numCandidates = Math.min(
      n,
      Math.max(Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE),
    );
    const offset = this.handle.rng?.int(n) ?? 0;
    const violating: Candidate[] = [];
    const nonViolating: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const ni = cloneNodeInfo(potential[(offset + i) % n]);
      const r = this.selectVictimsOnNode(state.clone(), pod, ni, pdbs);
      if (r.status.code === 'Success' && r.victims.length) {
        const c = { name: ni.name, victims: r.victims, numPDBViolations: r.numViolating };
        (r.numViolating === 0 ? nonViolating : violating).push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      const s =
        r.status.code === 'Success'
          ? status.error(`expected at least one victim pod on node "${ni.name}"`)
          : r.status;
      nodeToStatus.set(ni.name, s);
    }
    return { candidates: [...nonViolating, ...violating], nodeToStatus };
  }

  /** upstream SelectVictimsOnNode (on a NodeInfo copy). */
  selectVictimsOnNode(
    state: CycleState,
    pod: Pod,
    ni: NodeInfo,
    pdbs: PodDisruptionBudget[],
  ): { victims: Pod[]; numViolating: number; status: Status } {
    const h = this.handle;
    const remove = (pi: PodInfo): Status => {
      removePod(ni, pi.pod);
      return h.runPreFilterExtensionRemovePod?.(state, pod, pi, ni) ?? status.success();
    };
    const add = (pi: PodInfo): Status => {
      addPod(ni, pi.pod);
      return h.runPreFilterExtensionAddPod?.(state, pod, pi, ni) ?? status.success();
    };
    const runFilters = (): Status =>
      h.runFilterPluginsWithNominatedPods
        ? h.runFilterPluginsWithNominatedPods(state, pod, ni)
        : status.success();
    const p = prio(pod);
    const potential: PodInfo[] = [];
    for (const pi of ni.pods.slice()) {
      if (prio(pi.pod) < p) {
        potential.push(pi);
        const s = remove(pi);
        if (s.code !== 'Success') return { victims: [], numViolating: 0, status: s };
      }
    }
    if (!potential.length) return { victims: [], numViolating: 0, status: status.unresolvable(NO_VICTIMS) };
    const fits = runFilters();
    if (fits.code !== 'Success') return { victims: [], numViolating: 0, status: fits };
    potential.sort((a, b) => (moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0));
    const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs);
    const victims: Pod[] = [];
    let numViolating = 0;
    const reprieve = (pi: PodInfo): boolean | Status => {
      const s = add(pi);
      if (s.code !== 'Success') return s;
      const ok = runFilters().code === 'Success';
      if (!ok) {
        const r = remove(pi);
        if (r.code !== 'Success') return r;
        victims.push(pi.pod);
      }
      return ok;
    };
    for (const pi of violating) {
      const r = reprieve(pi);
      if (typeof r !== 'boolean') return { victims: [], numViolating: 0, status: r };
      if (!r) numViolating++;
    }
    for (const pi of nonViolating) {
      const r = reprieve(pi);
      if (typeof r !== 'boolean') return { victims: [], numViolating: 0, status: r };
    }
    victims.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    return { victims, numViolating, status: status.success() };
  }

  /** upstream prepareCandidate: DisruptionTarget condition, delete, `Preempted` event; clear lower nominations. */
  async prepareCandidate(c: Candidate, pod: Pod): Promise<string | undefined> {
    const client = this.handle.clientset;
    if (!client) return 'DefaultPreemption needs a clientset on the framework handle';
    const schedulerName = pod.spec?.schedulerName ?? 'default-scheduler';
    const errors: string[] = [];
    await Promise.all(
      c.victims.map(async (victim) => {
        const ns = victim.metadata?.namespace ?? 'default';
        const name = victim.metadata?.name ?? '';
        try {
          await client.pods.patch(
            ns,
            name,
            'strategic',
            {
              status: {
                conditions: [
                  {
                    type: 'DisruptionTarget',
                    status: 'True',
                    reason: 'PreemptionByScheduler',
                    message: `${schedulerName}: preempting to accommodate a higher priority pod`,
                    lastTransitionTime: new Date(this.handle.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                  },
                ],
              },
            },
            { subresource: 'status' },
          );
        } catch {
          // The condition is informative; deletion is what matters.
        }
        try {
          await client.pods.delete(ns, name);
          this.handle.recorder?.event(
            victim,
            'Normal',
            'Preempted',
            `Preempted by pod ${pod.metadata?.uid ?? ''} on node ${c.name}`,
          );
        } catch (e) {
          const code = (e as { code?: number }).code;
          if (code !== 404) errors.push(e instanceof Error ? e.message : String(e));
        }
      }),
    );
    if (errors.length) return errors[0];
    // Lower-priority pods nominated to this node lose their nomination.
    const nominated = this.handle.nominatedPodsForNode?.(c.name) ?? [];
    for (const np of nominated) {
      if (prio(np) >= prio(pod) || np.metadata?.uid === pod.metadata?.uid) continue;
      try {
        await client.pods.patch(
          np.metadata?.namespace ?? 'default',
          np.metadata?.name ?? '',
          'strategic',
          { status: { nominatedNodeName: null } },
          { subresource: 'status' },
        );
      } catch {
        // Best effort, as upstream.
      }
    }
    return undefined;
  }
}

/** Factory for the registry. */
export const defaultPreemption: PluginFactory = (handle) => new DefaultPreemption(handle);
