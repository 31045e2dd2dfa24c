/**
 * What the Endpoints and EndpointSlice controllers share (upstream pkg/controller/util/endpoint and
 * podutil.FindPort): which pods back a Service, their readiness, the target port of a Service port on
 * a pod (numbers, and names looked up in the containers' ports), the last-change trigger time, and
 * the `default/kubernetes` Service's endpoint (upstream the apiserver's endpoint reconciler writes it;
 * KubeLab's controllers do, with the address of kind's control-plane node).
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { matches, selectorFromSet } from '../../../../api/labels';
import { parseTime, rfc3339 } from './util';

/** The apiserver's own address as kind's control-plane node publishes it. */
export const APISERVER_ADDRESS = { ip: '172.18.0.2', port: 6443 };

/** Annotation with the time of the change that caused the last endpoints update. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Pods selected by the Service that have an IP and are not finished. */
export function servicePods(svc: Service, podsInNamespace: readonly Pod[]): Pod[] {
  const sel = selectorFromSet(svc.spec?.selector);
  return podsInNamespace.filter(
    (p) =>
      matches(sel, p.metadata?.labels) &&
      !!p.status?.podIP &&
      p.status.phase !== 'Succeeded' &&
      p.status.phase !== 'Failed',
  );
}

/** True when the pod's Ready condition is True. */
export function podReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The port number a Service port targets on `pod`, or undefined (a name no container declares). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort;
  if (tp === undefined || tp === null || tp === '') return sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** The trigger time: the latest of the Service's creation and the pods' Ready transitions / creations. */
export function triggerTime(svc: Service, pods: readonly Pod[]): string | undefined {
  let t = parseTime(svc.metadata?.creationTimestamp) ?? 0;
  for (const p of pods) {
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
    t = Math.max(t, parseTime(ready?.lastTransitionTime) ?? parseTime(p.metadata?.creationTimestamp) ?? 0);
  }
  return t ? rfc3339(t) : undefined;
}

/** True for a headless Service (`clusterIP: None`). */
export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** True when the Service is the apiserver's `default/kubernetes`. */
export function isKubernetesService(svc: Service): boolean {
  return svc.metadata?.namespace === 'default' && svc.metadata?.name === 'kubernetes';
}
