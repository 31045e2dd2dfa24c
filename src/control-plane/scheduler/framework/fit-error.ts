/**
 * The FailedScheduling message (upstream framework.FitError.Error and Diagnosis): `0/N nodes are
 * available: ` + the PreFilter message, or a histogram of the Filter reasons (`<count> <reason>`,
 * sorted as strings, joined by `, `) + `.`, then the PostFilter (preemption) message.
 */
import type { Status } from './interface';

/** upstream NoNodeAvailableMsg. */
export const NO_NODE_AVAILABLE_MSG = (n: number): string => `0/${n} nodes are available`;

/** upstream ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** Why a pod fits nowhere (upstream framework.Diagnosis). */
export interface Diagnosis {
  /** Status of every node that was evaluated and rejected. */
  nodeToStatus: Map<string, Status>;
  /** Status for nodes absent from `nodeToStatus` (e.g. all of them when PreFilter rejected). */
  absentNodesStatus?: Status;
  /** Plugins that rejected the pod (queueing). */
  unschedulablePlugins: Set<string>;
  /** Message of a PreFilter rejection. */
  preFilterMsg?: string;
  /** Message of the PostFilter plugins (preemption). */
  postFilterMsg?: string;
}

/** A new, empty diagnosis. */
export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
}

/** A status's message: its reasons joined by `, ` (upstream Status.Message). */
export function statusMessage(s: Status | undefined): string {
  return s ? s.reasons.join(', ') : '';
}

/** The histogram entries `<count> <reason>` of a diagnosis over `numAllNodes`, sorted as strings. */
export function reasonHistogram(
  numAllNodes: number,
  d: Pick<Diagnosis, 'nodeToStatus' | 'absentNodesStatus'>,
): string[] {
  const counts = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - d.nodeToStatus.size;
  if (absent > 0 && d.absentNodesStatus)
    for (const r of d.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  const out = [...counts].map(([r, n]) => `${n} ${r}`);
  // Go's sort.Strings: byte order, not locale order.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The FitError text (upstream FitError.Error). */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const h = reasonHistogram(numAllNodes, d);
    if (h.length) msg += ` ${h.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** upstream truncateMessage: event notes are limited to 1024 characters. */
export function truncateMessage(message: string, max = 1024): string {
  if (message.length <= max) return message;
  const suffix = ' ...';
  return message.slice(0, max - suffix.length) + suffix;
}
