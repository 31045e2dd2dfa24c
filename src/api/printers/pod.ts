/**
 * The pod printer (pkg/printers/internalversion printPod, v1.34): READY, STATUS, RESTARTS, AGE and the wide
 * IP, NODE, NOMINATED NODE, READINESS GATES. Sidecars (init containers with restartPolicy Always) count
 * in READY and RESTARTS as upstream does.
 */
import type { Pod, Container, ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import { col, nameCol, ageCol } from './columns';
import { doc } from './descriptions';
import { humanDuration, parseTime, translateTimestampSince } from './duration';
import { printer } from './printer';
import type { TableRowCondition } from './types';

/** Pod reason the node lifecycle controller sets when a node is lost (pkg/util/node NodeUnreachablePodReason). */
export const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const podSucceeded: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const podFailed: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

function isRestartable(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function hasCondition(conds: PodCondition[] | undefined, type: string): boolean {
  return (conds ?? []).some((c) => c.type === type && c.status === 'True');
}

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
function initializedTrue(conds: PodCondition[] | undefined): boolean {
  const c = (conds ?? []).find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

/** The latest lastState.terminated.finishedAt, as ms, or undefined. */
function lastFinished(cs: ContainerStatus, acc: number | undefined): number | undefined {
  const t = parseTime(cs.lastState?.terminated?.finishedAt);
  if (t === undefined) return acc;
  return acc === undefined || t > acc ? t : acc;
}

/** What printPod computes for a pod: READY, STATUS, RESTARTS cells. */
export function podSummary(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const phase = status.phase ?? '';
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const inits = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (isRestartable(c)) total++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = lastFinished(cs, lastRestart);
    const sidecar = isRestartable(inits.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = lastFinished(cs, lastSidecarRestart);
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(status.conditions)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = lastFinished(cs, lastRestart);
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait && wait.reason) {
        reason = wait.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}

/** READINESS GATES cell: `<none>`, or `true/total` over the pod's readiness gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const g of gates) {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
    if (c?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

/** Pods: `kubectl get pods`. */
export const podPrinter = printer<Pod>(
  [
    nameCol(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageCol(),
    col('IP', 'string', doc('PodStatus.podIP'), 1),
    col('Node', 'string', doc('PodSpec.nodeName'), 1),
    col('Nominated Node', 'string', doc('PodStatus.nominatedNodeName'), 1),
    col('Readiness Gates', 'string', doc('PodSpec.readinessGates'), 1),
  ],
  (pod, now) => {
    const s = podSummary(pod, now);
    // The v1 -> internal conversion fills podIPs from podIP when only the latter is set.
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    const phase = pod.status?.phase;
    return {
      cells: [
        pod.metadata?.name ?? '',
        s.ready,
        s.status,
        s.restarts,
        translateTimestampSince(pod.metadata?.creationTimestamp, now),
        ip,
        pod.spec?.nodeName || '<none>',
        pod.status?.nominatedNodeName || '<none>',
        readinessGates(pod),
      ],
      conditions: phase === 'Succeeded' ? podSucceeded : phase === 'Failed' ? podFailed : undefined,
    };
  },
);
