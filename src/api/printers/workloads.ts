/**
 * Workload printers (pkg/printers/internalversion): PodTemplate, ReplicationController, ReplicaSet,
 * Deployment, DaemonSet, StatefulSet, Job, CronJob, HorizontalPodAutoscaler, PodDisruptionBudget,
 * ControllerRevision. Replicas default to 1 where the API defaults them.
 */
import type { Container, PodTemplate, ReplicationController } from 'kubernetes-types/core/v1';
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { col, nameCol, ageCol, containersCol, imagesCol } from './columns';
import { doc } from './descriptions';
import { humanDuration, parseTime, translateTimestampSince } from './duration';
import {
  boolPtr,
  containerCells,
  formatLabelSelector,
  formatLabels,
  quantity,
  selectorString,
} from './format';
import { printer } from './printer';

const age = (ts: string | undefined, now: number) => translateTimestampSince(ts, now);

/** PodTemplates. */
export const podTemplatePrinter = printer<PodTemplate>(
  [
    nameCol(),
    containersCol(0),
    imagesCol(0),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  (o) => {
    const [names, images] = containerCells(o.template?.spec?.containers);
    return [o.metadata?.name ?? '', names, images, formatLabels(o.template?.metadata?.labels)];
  },
);

/** The shape ReplicationControllers and ReplicaSets share in their tables. */
interface Replicated {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: Container[] } } };
  status?: { replicas?: number; readyReplicas?: number };
}

/** DESIRED CURRENT READY AGE (wide: CONTAINERS IMAGES SELECTOR), as printReplicationController / printReplicaSet. */
function replicatedPrinter<T extends Replicated>(kind: string, selector: (o: T) => string) {
  return printer<T>(
    [
      nameCol(),
      col('Desired', 'integer', doc(`${kind}Spec.replicas`)),
      col('Current', 'integer', doc(`${kind}Status.replicas`)),
      col('Ready', 'integer', doc(`${kind}Status.readyReplicas`)),
      ageCol(),
      containersCol(),
      imagesCol(),
      col('Selector', 'string', doc(`${kind}Spec.selector`), 1),
    ],
    (o, now) => {
      const [names, images] = containerCells(o.spec?.template?.spec?.containers);
      return [
        o.metadata?.name ?? '',
        o.spec?.replicas ?? 1,
        o.status?.replicas ?? 0,
        o.status?.readyReplicas ?? 0,
        age(o.metadata?.creationTimestamp, now),
        names,
        images,
        selector(o),
      ];
    },
  );
}

/** ReplicationControllers (a map selector). */
export const replicationControllerPrinter = replicatedPrinter<ReplicationController>(
  'ReplicationController',
  (o) => formatLabels(o.spec?.selector),
);

/** ReplicaSets (a LabelSelector). */
export const replicaSetPrinter = replicatedPrinter<ReplicaSet>('ReplicaSet', (o) =>
  formatLabelSelector(o.spec?.selector),
);

/** Deployments. */
export const deploymentPrinter = printer<Deployment>(
  [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', doc('DeploymentStatus.updatedReplicas')),
    col('Available', 'string', doc('DeploymentStatus.availableReplicas')),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', doc('DeploymentSpec.selector'), 1),
  ],
  (o, now) => {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    const desired = o.spec?.replicas ?? 1;
    return [
      o.metadata?.name ?? '',
      `${o.status?.readyReplicas ?? 0}/${desired}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o.metadata?.creationTimestamp, now),
      names,
      images,
      // printDeployment prints the selector itself: no `<none>` for an empty one.
      selectorString(o.spec?.selector) ?? '<invalid>',
    ];
  },
);

/** DaemonSets. */
export const daemonSetPrinter = printer<DaemonSet>(
  [
    nameCol(),
    col('Desired', 'integer', doc('DaemonSetStatus.desiredNumberScheduled')),
    col('Current', 'integer', doc('DaemonSetStatus.currentNumberScheduled')),
    col('Ready', 'integer', doc('DaemonSetStatus.numberReady')),
    col('Up-to-date', 'integer', doc('DaemonSetStatus.updatedNumberScheduled')),
    col('Available', 'integer', doc('DaemonSetStatus.numberAvailable')),
    col('Node Selector', 'string', doc('PodSpec.nodeSelector')),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', doc('DaemonSetSpec.selector'), 1),
  ],
  (o, now) => {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    const s = o.status;
    return [
      o.metadata?.name ?? '',
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
);

/** StatefulSets. */
export const statefulSetPrinter = printer<StatefulSet>(
  [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    ageCol(),
    containersCol(),
    imagesCol(),
  ],
  (o, now) => {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata?.name ?? '',
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
      age(o.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
);

function jobCondition(conds: JobCondition[] | undefined, type: string): boolean {
  const c = (conds ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

/** The Job STATUS cell (v1.34): Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet, Running. */
export function jobStatus(o: Job): string {
  const conds = o.status?.conditions;
  if (jobCondition(conds, 'Complete')) return 'Complete';
  if (jobCondition(conds, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(conds, 'Suspended')) return 'Suspended';
  if (jobCondition(conds, 'FailureTarget')) return 'FailureTarget';
  if (jobCondition(conds, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** Jobs. */
export const jobPrinter = printer<Job>(
  [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', doc('JobStatus.succeeded')),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', doc('JobSpec.selector'), 1),
  ],
  (o, now) => {
    const succeeded = o.status?.succeeded ?? 0;
    let completions: string;
    if (o.spec?.completions !== undefined && o.spec.completions !== null) {
      completions = `${succeeded}/${o.spec.completions}`;
    } else {
      const parallelism = o.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTime(o.status?.startTime);
    const end = parseTime(o.status?.completionTime);
    let duration = '';
    if (start !== undefined) duration = humanDuration((end ?? now) - start);
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata?.name ?? '',
      jobStatus(o),
      completions,
      duration,
      age(o.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
);

/** CronJobs. */
export const cronJobPrinter = printer<CronJob>(
  [
    nameCol(),
    col('Schedule', 'string', doc('CronJobSpec.schedule')),
    col('Timezone', 'string', doc('CronJobSpec.timeZone')),
    col('Suspend', 'boolean', doc('CronJobSpec.suspend')),
    col('Active', 'integer', doc('CronJobStatus.active')),
    col('Last Schedule', 'string', doc('CronJobStatus.lastScheduleTime')),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', doc('JobSpec.selector'), 1),
  ],
  (o, now) => {
    const last = o.status?.lastScheduleTime
      ? translateTimestampSince(o.status.lastScheduleTime, now)
      : '<none>';
    const jobSpec = o.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    return [
      o.metadata?.name ?? '',
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      boolPtr(o.spec?.suspend),
      (o.status?.active ?? []).length,
      last,
      age(o.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
);

/** formatHPAMetrics: up to two `current/target` entries joined by `, `, then `+ N more...`. */
export function formatHpaMetrics(
  specs: MetricSpec[] | undefined,
  statuses: MetricStatus[] | undefined,
): string {
  if (!specs || specs.length === 0) return '<none>';
  const st = statuses ?? [];
  const list: string[] = [];
  const max = 2;
  specs.forEach((spec, i) => {
    const s = st[i];
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target;
        if (t?.averageValue !== undefined) {
          const cur =
            s?.external?.current?.averageValue !== undefined
              ? quantity(s.external.current.averageValue)
              : '<unknown>';
          list.push(`${cur}/${quantity(t.averageValue)} (avg)`);
        } else {
          const cur = s?.external ? quantity(s.external.current?.value) : '<unknown>';
          list.push(`${cur}/${quantity(t?.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = s?.pods ? quantity(s.pods.current?.averageValue) : '<unknown>';
        list.push(`${cur}/${quantity(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object?.target;
        if (t?.averageValue !== undefined) {
          const cur =
            s?.object?.current?.averageValue !== undefined
              ? quantity(s.object.current.averageValue)
              : '<unknown>';
          list.push(`${cur}/${quantity(t.averageValue)} (avg)`);
        } else {
          const cur = s?.object ? quantity(s.object.current?.value) : '<unknown>';
          list.push(`${cur}/${quantity(t?.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const cur = spec.type === 'Resource' ? s?.resource : s?.containerResource;
        const name = src?.name ?? '';
        if (src?.target?.averageValue !== undefined) {
          const c = cur ? quantity(cur.current?.averageValue) : '<unknown>';
          list.push(`${name}: ${c}/${quantity(src.target.averageValue)}`);
        } else {
          const u = cur?.current?.averageUtilization;
          const c = u !== undefined ? `${u}%` : '<unknown>';
          const target =
            src?.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
          list.push(`${name}: ${c}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

/** HorizontalPodAutoscalers. */
export const hpaPrinter = printer<HorizontalPodAutoscaler>(
  [
    nameCol(),
    col('Reference', 'string', doc('HorizontalPodAutoscalerSpec.scaleTargetRef')),
    col('Targets', 'string', doc('HorizontalPodAutoscalerSpec.metrics')),
    col('MinPods', 'string', doc('HorizontalPodAutoscalerSpec.minReplicas')),
    col('MaxPods', 'string', doc('HorizontalPodAutoscalerSpec.maxReplicas')),
    col('Replicas', 'string', doc('HorizontalPodAutoscalerStatus.currentReplicas')),
    ageCol(),
  ],
  (o, now) => {
    const ref = o.spec?.scaleTargetRef;
    const min = o.spec?.minReplicas;
    return [
      o.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(o.spec?.metrics, o.status?.currentMetrics),
      min !== undefined && min !== null ? String(min) : '<unset>',
      o.spec?.maxReplicas ?? 0,
      o.status?.currentReplicas ?? 0,
      age(o.metadata?.creationTimestamp, now),
    ];
  },
);

/** IntOrString.String(): ints as decimal, strings as they are. */
function intOrString(v: number | string): string {
  return String(v);
}

/** PodDisruptionBudgets. */
export const pdbPrinter = printer<PodDisruptionBudget>(
  [
    nameCol(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageCol(),
  ],
  (o, now) => [
    o.metadata?.name ?? '',
    o.spec?.minAvailable !== undefined ? intOrString(o.spec.minAvailable) : 'N/A',
    o.spec?.maxUnavailable !== undefined ? intOrString(o.spec.maxUnavailable) : 'N/A',
    o.status?.disruptionsAllowed ?? 0,
    age(o.metadata?.creationTimestamp, now),
  ],
);

/** ControllerRevisions: CONTROLLER is `kind.group/name` of the controlling owner, lower-cased kind. */
export const controllerRevisionPrinter = printer<ControllerRevision>(
  [
    nameCol(),
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', doc('ControllerRevision.revision')),
    ageCol(),
  ],
  (o, now) => {
    const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
    let controller = '<none>';
    if (ref) {
      const apiVersion = ref.apiVersion ?? '';
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const gk = group ? `${ref.kind}.${group}` : ref.kind;
      controller = !gk ? ref.name : `${gk.toLowerCase()}/${ref.name}`;
    }
    return [o.metadata?.name ?? '', controller, o.revision ?? 0, age(o.metadata?.creationTimestamp, now)];
  },
);
