/**
 * Dedicated describers (kubectl pkg/describe/describe.go) for node, deployment, replicaset, daemonset,
 * statefulset, job, cronjob, service, namespace, pvc, pv, configmap, secret, serviceaccount and
 * endpoints. Each writes tab-separated lines for describe's tabwriter (Go semantics: a line without a
 * tab ends the column block). They need a few related objects (a deployment's ReplicaSets, a node's
 * pods and Lease, a namespace's quotas and limit ranges, a service's endpoints), fetched through the
 * client. Leaves out: node Conditions' heartbeat columns beyond upstream's, PV source details other
 * than hostPath/local/nfs, HPA/RBAC/ingress describers (generic describer).
 */
import type {
  Container,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  Service,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import { translateTimestampSince } from '../../api/printers';
import { parseQuantity, toMilli, toNumber } from '../../api/quantity';
import type { KubeObject } from '../../api/types';
import type { Client } from '../framework/client';

/** A writer of describe lines (indent level × 2 spaces). */
export interface LineWriter {
  write(level: number, text: string): void;
}

type Str = Record<string, string> | undefined;

/**
 * A container's Limits, Requests, Environment and Mounts blocks at `level` (the same in a pod and in
 * a pod template, as describe.go's describeContainerResource / describeContainerEnvVars /
 * describeContainerVolumes).
 */
export function describeContainerTail(
  w: LineWriter,
  c: {
    resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> };
    env?: Array<{ name: string; value?: string }>;
    volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
  },
  level: number,
): void {
  const lim = c.resources?.limits ?? {};
  const req = c.resources?.requests ?? {};
  if (Object.keys(lim).length) {
    w.write(level, 'Limits:\n');
    for (const k of Object.keys(lim).sort()) w.write(level + 1, `${k}:\t${String(lim[k])}\n`);
  }
  if (Object.keys(req).length) {
    w.write(level, 'Requests:\n');
    for (const k of Object.keys(req).sort()) w.write(level + 1, `${k}:\t${String(req[k])}\n`);
  }
  const env = c.env ?? [];
  if (!env.length) w.write(level, 'Environment:\t<none>\n');
  else {
    w.write(level, 'Environment:\n');
    for (const e of env) w.write(level + 1, `${e.name}:\t${e.value ?? ''}\n`);
  }
  const mounts = c.volumeMounts ?? [];
  if (!mounts.length) w.write(level, 'Mounts:\t<none>\n');
  else {
    w.write(level, 'Mounts:\n');
    for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1)))
      w.write(level + 1, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
  }
}

/** `Labels:\tapp=web` + continuation lines, `<none>` when empty. */
export function labelsMultiline(w: LineWriter, title: string, m: Str, level = 0): void {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return w.write(level, `${title}:\t<none>\n`);
  keys.forEach((k, i) => w.write(level, `${i === 0 ? `${title}:` : ''}\t${k}=${m![k]}\n`));
}

/** describe's maxAnnotationLen: longer `key: value` lines move the value below, cut to 138 + `...`. */
const MAX_ANNOTATION_LEN = 140;

const utf8 = new TextEncoder();

/** Go's len() of a string (UTF-8 bytes). */
function goLen(s: string): number {
  return utf8.encode(s).length;
}

/** describe's shorten: the first `max` bytes and `...` when longer. */
function shorten(s: string, max: number): string {
  const b = utf8.encode(s);
  return b.length > max ? `${new TextDecoder().decode(b.slice(0, max))}...` : s;
}

/**
 * printAnnotationsMultiline: `Annotations:\tk: v` lines (last-applied hidden), `<none>` when empty;
 * a value with a newline, or one whose `key: value` runs past 140 bytes, goes on the lines below
 * (two spaces in), each line cut to 138 bytes + `...`.
 */
export function annotationsMultiline(w: LineWriter, title: string, m: Str, level = 0): void {
  const keys = Object.keys(m ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (!keys.length) return w.write(level, `${title}:\t<none>\n`);
  keys.forEach((k, i) => {
    const head = i === 0 ? `${title}:` : '';
    const value = m![k].endsWith('\n') ? m![k].slice(0, -1) : m![k];
    if (goLen(value) + goLen(k) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(level, `${head}\t${k}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(level, `${head}\t${k}: ${value}\n`);
  });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 with numeric zone, as describe prints times. */
export function when(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const d = new Date(Date.parse(ts));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function selectorText(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
      }
    | undefined,
): string {
  if (!sel) return '<none>';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op === 'notin' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += s ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function templateContainers(w: LineWriter, title: string, cs: Container[]): void {
  w.write(0, `  ${title}:\n`);
  for (const c of cs) {
    w.write(0, `   ${c.name}:\n`);
    w.write(0, `    Image:\t${c.image ?? ''}\n`);
    const ports = c.ports ?? [];
    if (!ports.length) {
      w.write(0, '    Port:\t<none>\n');
      w.write(0, '    Host Port:\t<none>\n');
    } else {
      const pl = ports.length > 1 ? 's' : '';
      w.write(
        0,
        `    Port${pl}:\t${ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')}\n`,
      );
      w.write(
        0,
        `    Host Port${pl}:\t${ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')}\n`,
      );
    }
    if (c.command?.length) {
      w.write(0, '    Command:\n');
      for (const x of c.command) w.write(0, `      ${x}\n`);
    }
    if (c.args?.length) {
      w.write(0, '    Args:\n');
      for (const x of c.args) w.write(0, `      ${x}\n`);
    }
    describeContainerTail(w, c, 2);
  }
}

function templateVolumes(w: LineWriter, vols: Volume[]): void {
  if (!vols.length) return w.write(0, '  Volumes:\t<none>\n');
  w.write(0, '  Volumes:\n');
  for (const v of vols) {
    w.write(0, `   ${v.name}:\n`);
    if (v.emptyDir) {
      w.write(0, "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(0, `    Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(0, `    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(0, '    Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(0, `    Name:\t${v.configMap.name ?? ''}\n`);
      w.write(0, `    Optional:\t${v.configMap.optional ? 'true' : 'false'}\n`);
    } else if (v.secret) {
      w.write(0, '    Type:\tSecret (a volume populated by a Secret)\n');
      w.write(0, `    SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(0, `    Optional:\t${v.secret.optional ? 'true' : 'false'}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(
        0,
        '    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
      );
      w.write(0, `    ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(0, `    ReadOnly:\t${v.persistentVolumeClaim.readOnly ? 'true' : 'false'}\n`);
    } else if (v.hostPath) {
      w.write(0, '    Type:\tHostPath (bare host directory volume)\n');
      w.write(0, `    Path:\t${v.hostPath.path}\n`);
      w.write(0, `    HostPathType:\t${v.hostPath.type ?? ''}\n`);
    }
  }
}

/** describe's DescribePodTemplate. */
export function podTemplate(w: LineWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  labelsMultiline(w, '  Labels', t?.metadata?.labels);
  if (Object.keys(t?.metadata?.annotations ?? {}).length)
    annotationsMultiline(w, '  Annotations', t?.metadata?.annotations);
  if (t?.spec?.serviceAccountName) w.write(0, `  Service Account:\t${t.spec.serviceAccountName}\n`);
  if (t?.spec?.initContainers?.length) templateContainers(w, 'Init Containers', t.spec.initContainers);
  templateContainers(w, 'Containers', t?.spec?.containers ?? []);
  templateVolumes(w, t?.spec?.volumes ?? []);
  labelsMultiline(w, '  Node-Selectors', t?.spec?.nodeSelector);
  const tols = t?.spec?.tolerations ?? [];
  if (!tols.length) w.write(0, '  Tolerations:\t<none>\n');
  else tols.forEach((x, i) => w.write(0, `${i === 0 ? '  Tolerations:' : ''}\t${tolerationText(x)}\n`));
  if (t?.spec?.priorityClassName) w.write(0, `  Priority Class Name:\t${t.spec.priorityClassName}\n`);
}

function header(w: LineWriter, o: KubeObject, opts: { creation?: boolean; namespace?: boolean } = {}): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (opts.namespace !== false && o.metadata.namespace !== undefined)
    w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  if (opts.creation) w.write(0, `CreationTimestamp:\t${when(o.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

interface Spec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplateSpec;
  strategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: string | number; maxSurge?: string | number };
  };
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { partition?: number; maxUnavailable?: string | number };
  };
  minReadySeconds?: number;
}

interface Cond {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

async function podStatuses(
  client: Client,
  ns: string,
  sel: Record<string, string> | undefined,
  ownerUid?: string,
): Promise<string> {
  if (!sel) return '0 Running / 0 Waiting / 0 Succeeded / 0 Failed';
  const l = await client.get<{ items: Pod[] }>(`/api/v1/namespaces/${ns}/pods`, {
    labelSelector: Object.keys(sel)
      .sort()
      .map((k) => `${k}=${sel[k]}`)
      .join(','),
  });
  const pods = ownerUid
    ? l.items.filter((p) => (p.metadata?.ownerReferences ?? []).some((o) => o.uid === ownerUid))
    : l.items;
  const n = (ph: string) => pods.filter((p) => p.status?.phase === ph).length;
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`;
}

/** Describes a Deployment. */
export async function describeDeployment(w: LineWriter, d: KubeObject, client: Client): Promise<void> {
  const spec = (d.spec ?? {}) as Spec;
  const st = (d.status ?? {}) as {
    updatedReplicas?: number;
    replicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Cond[];
  };
  header(w, d, { creation: true });
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (spec.strategy?.rollingUpdate || (spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate ?? {};
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`,
    );
  }
  podTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const rss = (
    await client.get<{ items: KubeObject[] }>(`/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets`)
  ).items.filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid),
  );
  if (rss.length || st.conditions?.length) {
    const rev = (o: KubeObject) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const sorted = [...rss].sort((a, b) => rev(b) - rev(a));
    const hash = (o: KubeObject) => JSON.stringify(stripHash((o.spec as Spec).template));
    const newRs = sorted.find((rs) => hash(rs) === JSON.stringify(stripHash(spec.template)));
    const old = sorted.filter(
      (rs) =>
        rs !== newRs &&
        (((rs.spec as Spec).replicas ?? 0) > 0 || ((rs.status as { replicas?: number })?.replicas ?? 0) > 0),
    );
    const rsText = (rs: KubeObject) =>
      `${rs.metadata.name} (${(rs.status as { replicas?: number })?.replicas ?? 0}/${(rs.spec as Spec).replicas ?? 0} replicas created)`;
    w.write(0, `OldReplicaSets:\t${old.length ? old.map(rsText).join(', ') : '<none>'}\n`);
    w.write(0, `NewReplicaSet:\t${newRs ? rsText(newRs) : '<none>'}\n`);
  }
}

function stripHash(t: PodTemplateSpec | undefined): unknown {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return sortDeep(c);
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Describes a ReplicaSet (or ReplicationController). */
export async function describeReplicaSet(w: LineWriter, rs: KubeObject, client: Client): Promise<void> {
  const spec = (rs.spec ?? {}) as Spec;
  const st = (rs.status ?? {}) as { replicas?: number; conditions?: Cond[] };
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(
    0,
    `Selector:\t${
      rs.kind === 'ReplicationController'
        ? Object.entries((spec.selector as Record<string, string>) ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',')
        : selectorText(spec.selector)
    }\n`,
  );
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const owner = (rs.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${st.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const sel =
    rs.kind === 'ReplicationController'
      ? (spec.selector as Record<string, string>)
      : spec.selector?.matchLabels;
  w.write(
    0,
    `Pods Status:\t${await podStatuses(client, rs.metadata.namespace ?? '', sel, rs.metadata.uid)}\n`,
  );
  podTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
}

/** Describes a DaemonSet. */
export async function describeDaemonSet(w: LineWriter, ds: KubeObject, client: Client): Promise<void> {
  const spec = (ds.spec ?? {}) as Spec & { template?: PodTemplateSpec };
  const st = (ds.status ?? {}) as Record<string, number>;
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  labelsMultiline(w, 'Node-Selector', spec.template?.spec?.nodeSelector);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(
    0,
    `Pods Status:\t${await podStatuses(client, ds.metadata.namespace ?? '', spec.selector?.matchLabels, ds.metadata.uid)}\n`,
  );
  podTemplate(w, spec.template);
}

/** Describes a StatefulSet. */
export async function describeStatefulSet(w: LineWriter, ss: KubeObject, client: Client): Promise<void> {
  const spec = (ss.spec ?? {}) as Spec & {
    podManagementPolicy?: string;
    volumeClaimTemplates?: KubeObject[];
  };
  const st = (ss.status ?? {}) as { replicas?: number };
  w.write(0, `Name:\t${ss.metadata.name}\n`);
  w.write(0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${when(ss.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  if (spec.updateStrategy?.rollingUpdate?.partition !== undefined)
    w.write(1, `Partition:\t${spec.updateStrategy.rollingUpdate.partition}\n`);
  w.write(
    0,
    `Pods Status:\t${await podStatuses(client, ss.metadata.namespace ?? '', spec.selector?.matchLabels, ss.metadata.uid)}\n`,
  );
  podTemplate(w, spec.template);
  const vcts = spec.volumeClaimTemplates ?? [];
  if (!vcts.length) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const v of vcts) {
      const s = (v.spec ?? {}) as {
        storageClassName?: string;
        accessModes?: string[];
        resources?: { requests?: { storage?: string } };
      };
      w.write(1, `Name:\t${v.metadata.name}\n`);
      w.write(1, `StorageClass:\t${s.storageClassName ?? ''}\n`);
      labelsMultiline(w, '  Labels', v.metadata.labels);
      annotationsMultiline(w, '  Annotations', v.metadata.annotations);
      w.write(1, `Capacity:\t${s.resources?.requests?.storage ?? ''}\n`);
      w.write(1, `Access Modes:\t${(s.accessModes ?? []).join(',')}\n`);
    }
  }
}

/** Describes a Job. */
export async function describeJob(w: LineWriter, job: KubeObject): Promise<void> {
  const spec = (job.spec ?? {}) as Spec & {
    parallelism?: number;
    completions?: number;
    completionMode?: string;
    suspend?: boolean;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
  };
  const st = (job.status ?? {}) as {
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    ready?: number;
  };
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata.labels);
  annotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const owner = (job.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Parallelism:\t${spec.parallelism ?? 1}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  w.write(0, `Completion Mode:\t${spec.completionMode ?? 'NonIndexed'}\n`);
  w.write(0, `Suspend:\t${spec.suspend ? 'true' : 'false'}\n`);
  w.write(0, `Backoff Limit:\t${spec.backoffLimit ?? 6}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${when(st.startTime)}\n`);
  if (st.completionTime) {
    w.write(0, `Completed At:\t${when(st.completionTime)}\n`);
    const secs = Math.round(
      (Date.parse(st.completionTime) - Date.parse(st.startTime ?? st.completionTime)) / 1000,
    );
    w.write(0, `Duration:\t${secs}s\n`);
  }
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(
    0,
    `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
  );
  podTemplate(w, spec.template);
}

/** Describes a CronJob. */
export async function describeCronJob(w: LineWriter, cj: KubeObject): Promise<void> {
  const spec = (cj.spec ?? {}) as {
    schedule?: string;
    timeZone?: string;
    concurrencyPolicy?: string;
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    startingDeadlineSeconds?: number;
    jobTemplate?: {
      spec?: Spec & { parallelism?: number; completions?: number; activeDeadlineSeconds?: number };
    };
  };
  const st = (cj.status ?? {}) as { lastScheduleTime?: string; active?: Array<{ name?: string }> };
  header(w, cj);
  w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
  if (spec.timeZone) w.write(0, `TimeZone:\t${spec.timeZone}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? 'Allow'}\n`);
  w.write(0, `Suspend:\t${spec.suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? 3}\n`);
  w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? 1}\n`);
  w.write(
    0,
    `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`,
  );
  const js = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${js.selector ? selectorText(js.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${js.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${js.completions ?? '<unset>'}\n`);
  if (js.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  podTemplate(w, js.template);
  w.write(0, `Last Schedule Time:\t${st.lastScheduleTime ? when(st.lastScheduleTime) : '<unset>'}\n`);
  w.write(0, `Active Jobs:\t${st.active?.length ? st.active.map((a) => a.name).join(', ') : '<none>'}\n`);
}

/** Describes a Service (with its Endpoints). */
export async function describeService(w: LineWriter, svc: KubeObject, client: Client): Promise<void> {
  const s = svc as unknown as Service;
  const spec = s.spec ?? {};
  header(w, svc);
  const sel = spec.selector ?? {};
  w.write(
    0,
    `Selector:\t${
      Object.keys(sel).length
        ? Object.keys(sel)
            .sort()
            .map((k) => `${k}=${sel[k]}`)
            .join(',')
        : '<none>'
    }\n`,
  );
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  if (spec.ipFamilies?.length) w.write(0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
  else if (spec.type !== 'ExternalName') w.write(0, 'IP Families:\t<none>\n');
  if (spec.type !== 'ExternalName') {
    w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
    if (spec.clusterIPs?.length) w.write(0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
    else w.write(0, 'IPs:\t<none>\n');
  }
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = s.status?.loadBalancer?.ingress ?? [];
  if (ingress.length)
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip ?? i.hostname).join(', ')}\n`);
  let eps:
    | {
        subsets?: Array<{
          addresses?: Array<{ ip: string }>;
          ports?: Array<{ name?: string; port: number }>;
        }>;
      }
    | undefined;
  try {
    eps = await client.get(`/api/v1/namespaces/${svc.metadata.namespace}/endpoints/${svc.metadata.name}`);
  } catch {
    eps = undefined;
  }
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}  ${p.port}/${p.protocol ?? 'TCP'}\n`);
    const tp = p.targetPort ?? p.port;
    w.write(0, `TargetPort:\t${tp}${typeof tp === 'number' ? `/${p.protocol ?? 'TCP'}` : ''}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}  ${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const list: string[] = [];
    for (const ss of eps?.subsets ?? []) {
      const port =
        (ss.ports ?? []).find((x) => (x.name ?? '') === (p.name ?? '')) ??
        ((spec.ports ?? []).length === 1 ? ss.ports?.[0] : undefined);
      if (!port) continue;
      for (const a of ss.addresses ?? []) list.push(`${a.ip}:${port.port}`);
    }
    w.write(0, `Endpoints:\t${formatEndpoints(list)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
}

function formatEndpoints(list: string[]): string {
  if (!list.length) return '';
  const max = 3;
  if (list.length <= max) return list.join(',');
  return `${list.slice(0, max).join(',')} + ${list.length - max} more...`;
}

/** Describes an Endpoints object. */
export function describeEndpoints(w: LineWriter, ep: KubeObject): void {
  header(w, ep);
  const subsets = (ep.subsets ?? []) as Array<{
    addresses?: Array<{ ip: string }>;
    notReadyAddresses?: Array<{ ip: string }>;
    ports?: Array<{ name?: string; port: number; protocol?: string }>;
  }>;
  w.write(0, 'Subsets:\n');
  for (const ss of subsets) {
    const addrs = (ss.addresses ?? []).map((a) => a.ip).join(',');
    const nr = (ss.notReadyAddresses ?? []).map((a) => a.ip).join(',');
    w.write(1, `Addresses:\t${addrs || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${nr || '<none>'}\n`);
    if (ss.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
}

/** Describes a Namespace with its quotas and limit ranges. */
export async function describeNamespace(w: LineWriter, ns: KubeObject, client: Client): Promise<void> {
  header(w, ns, { namespace: false });
  w.write(0, `Status:\t${(ns.status as { phase?: string })?.phase ?? 'Active'}\n`);
  const name = ns.metadata.name;
  const quotas = (await client.get<{ items: KubeObject[] }>(`/api/v1/namespaces/${name}/resourcequotas`))
    .items;
  if (!quotas.length) w.write(0, '\nNo resource quota.\n');
  else {
    w.write(0, '\nResource Quotas\n');
    for (const q of quotas) {
      const st = (q.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
      w.write(1, `Name:\t${q.metadata.name}\n`);
      const scopes = (q.spec as { scopes?: string[] })?.scopes ?? [];
      if (scopes.length) w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      for (const k of Object.keys(st.hard ?? {}).sort())
        w.write(1, `${k}\t${st.used?.[k] ?? '0'}\t${st.hard![k]}\n`);
    }
  }
  const limits = (await client.get<{ items: KubeObject[] }>(`/api/v1/namespaces/${name}/limitranges`)).items;
  if (!limits.length) w.write(0, '\nNo LimitRange resource.\n');
  else {
    w.write(0, '\nResource Limits\n');
    w.write(1, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(1, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const l of limits) {
      for (const item of (l.spec as { limits?: Array<Record<string, unknown>> })?.limits ?? []) {
        const get = (f: string, k: string) => (item[f] as Record<string, string> | undefined)?.[k] ?? '-';
        const keys = new Set<string>();
        for (const f of ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
          for (const k of Object.keys((item[f] as object) ?? {})) keys.add(k);
        for (const k of [...keys].sort())
          w.write(
            1,
            `${item.type}\t${k}\t${get('min', k)}\t${get('max', k)}\t${get('defaultRequest', k)}\t${get('default', k)}\t${get('maxLimitRequestRatio', k)}\n`,
          );
      }
    }
  }
}

/** Describes a ConfigMap (Data ==== sections). */
export function describeConfigMap(w: LineWriter, cm: KubeObject): void {
  header(w, cm);
  w.write(0, '\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n\n`);
  }
  w.write(0, '\nBinaryData\n====\n');
  const bin = (cm.binaryData ?? {}) as Record<string, string>;
  for (const k of Object.keys(bin).sort())
    w.write(0, `${k}: ${Buffer.from(bin[k], 'base64').length} bytes\n`);
  w.write(0, '\n');
}

/** Describes a Secret (sizes only). */
export function describeSecret(w: LineWriter, s: KubeObject): void {
  header(w, s);
  w.write(0, `\nType:\t${(s.type as string) ?? 'Opaque'}\n`);
  w.write(0, '\nData\n====\n');
  const data = (s.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort())
    w.write(0, `${k}:\t${Buffer.from(data[k], 'base64').length} bytes\n`);
}

/** Describes a ServiceAccount. */
export function describeServiceAccount(w: LineWriter, sa: KubeObject): void {
  header(w, sa);
  const names = (l: unknown) => ((l as Array<{ name: string }> | undefined) ?? []).map((x) => x.name);
  const list = (title: string, xs: string[]) => {
    if (!xs.length) return w.write(0, `${title}:\t<none>\n`);
    xs.forEach((x, i) => w.write(0, `${i === 0 ? `${title}:` : ''}\t${x}\n`));
  };
  list('Image pull secrets', names(sa.imagePullSecrets));
  list('Mountable secrets', names(sa.secrets));
  list('Tokens', []);
}

/** Describes a PersistentVolumeClaim. */
export async function describePvc(w: LineWriter, o: KubeObject, client: Client): Promise<void> {
  const pvc = o as unknown as PersistentVolumeClaim;
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  w.write(0, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  const fin = o.metadata.finalizers ?? [];
  w.write(0, `Finalizers:\t[${fin.join(' ')}]\n`);
  w.write(0, `Capacity:\t${pvc.status?.capacity?.storage ?? ''}\n`);
  w.write(0, `Access Modes:\t${(pvc.status?.accessModes ?? []).join(',')}\n`);
  w.write(0, `VolumeMode:\t${pvc.spec?.volumeMode ?? 'Filesystem'}\n`);
  const pods = (
    await client.get<{ items: Pod[] }>(`/api/v1/namespaces/${o.metadata.namespace}/pods`)
  ).items.filter((p) =>
    (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === o.metadata.name),
  );
  if (!pods.length) w.write(0, 'Used By:\t<none>\n');
  else pods.forEach((p, i) => w.write(0, `${i === 0 ? 'Used By:' : ''}\t${p.metadata?.name}\n`));
}

/** Describes a PersistentVolume. */
export function describePv(w: LineWriter, o: KubeObject): void {
  const pv = o as unknown as PersistentVolume;
  w.write(0, `Name:\t${o.metadata.name}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(0, `Finalizers:\t[${(o.metadata.finalizers ?? []).join(' ')}]\n`);
  w.write(0, `StorageClass:\t${pv.spec?.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
  const claim = pv.spec?.claimRef;
  w.write(0, `Claim:\t${claim ? `${claim.namespace}/${claim.name}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain'}\n`);
  w.write(0, `Access Modes:\t${(pv.spec?.accessModes ?? []).join(',')}\n`);
  w.write(0, `VolumeMode:\t${pv.spec?.volumeMode ?? 'Filesystem'}\n`);
  w.write(0, `Capacity:\t${pv.spec?.capacity?.storage ?? ''}\n`);
  w.write(0, `Node Affinity:\t${pv.spec?.nodeAffinity ? '' : '<none>'}\n`);
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (pv.spec?.hostPath) {
    w.write(1, 'Type:\tHostPath (bare host directory volume)\n');
    w.write(1, `Path:\t${pv.spec.hostPath.path}\n`);
    w.write(1, `HostPathType:\t${pv.spec.hostPath.type ?? ''}\n`);
  } else if (pv.spec?.local) {
    w.write(1, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n');
    w.write(1, `Path:\t${pv.spec.local.path}\n`);
  } else if (pv.spec?.nfs) {
    w.write(1, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
    w.write(1, `Server:\t${pv.spec.nfs.server}\n`);
    w.write(1, `Path:\t${pv.spec.nfs.path}\n`);
    w.write(1, `ReadOnly:\t${pv.spec.nfs.readOnly ? 'true' : 'false'}\n`);
  }
}

function milli(q: unknown): number {
  return q === undefined ? 0 : toMilli(parseQuantity(String(q)));
}
function bytes(q: unknown): number {
  return q === undefined ? 0 : toNumber(parseQuantity(String(q)));
}

/** Describes a Node: conditions, addresses, capacity, system info, pods and allocated resources. */
export async function describeNode(w: LineWriter, o: KubeObject, client: Client, now: number): Promise<void> {
  const node = o as unknown as Node;
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${when(o.metadata.creationTimestamp)}\n`);
  const taints = node.spec?.taints ?? [];
  if (!taints.length) w.write(0, 'Taints:\t<none>\n');
  else
    taints.forEach((t, i) =>
      w.write(0, `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`),
    );
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable ? 'true' : 'false'}\n`);
  try {
    const lease = await client.get<{
      spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string };
    }>(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${o.metadata.name}`);
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? when(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? when(lease.spec.renewTime) : '<unset>'}\n`);
  } catch (e) {
    w.write(0, `Lease:\tFailed to get lease: ${(e as Error).message}\n`);
  }
  const conds = (node.status?.conditions ?? []) as Cond[];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        1,
        `${c.type} \t${c.status} \t${when(c.lastHeartbeatTime)} \t${when(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const res = (title: string, m: Record<string, unknown> | undefined) => {
    if (!m || !Object.keys(m).length) return;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${String(m[k])}\n`);
  };
  res('Capacity', node.status?.capacity);
  res('Allocatable', node.status?.allocatable);
  const si = node.status?.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(1, `Machine ID:\t${si?.machineID ?? ''}\n`);
  w.write(1, `System UUID:\t${si?.systemUUID ?? ''}\n`);
  w.write(1, `Boot ID:\t${si?.bootID ?? ''}\n`);
  w.write(1, `Kernel Version:\t${si?.kernelVersion ?? ''}\n`);
  w.write(1, `OS Image:\t${si?.osImage ?? ''}\n`);
  w.write(1, `Operating System:\t${si?.operatingSystem ?? ''}\n`);
  w.write(1, `Architecture:\t${si?.architecture ?? ''}\n`);
  w.write(1, `Container Runtime Version:\t${si?.containerRuntimeVersion ?? ''}\n`);
  w.write(1, `Kubelet Version:\t${si?.kubeletVersion ?? ''}\n`);
  w.write(1, `Kube-Proxy Version:\t${si?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = (
    await client.get<{ items: Pod[] }>('/api/v1/pods', { fieldSelector: `spec.nodeName=${o.metadata.name}` })
  ).items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = node.status?.allocatable ?? {};
  const acpu = milli(alloc.cpu);
  const amem = bytes(alloc.memory);
  const pct = (v: number, a: number) => (a > 0 ? Math.floor((v * 100) / a) : 0);
  const sumRes = (p: Pod, kind: 'requests' | 'limits', r: 'cpu' | 'memory') =>
    (p.spec?.containers ?? []).reduce(
      (acc, c) => acc + (r === 'cpu' ? milli(c.resources?.[kind]?.cpu) : bytes(c.resources?.[kind]?.memory)),
      0,
    );
  const fmtCpu = (m: number) => (m === 0 ? '0' : m % 1000 === 0 ? String(m / 1000) : `${m}m`);
  const fmtMem = (b: number) => {
    if (b === 0) return '0';
    for (const [u, f] of [
      ['Gi', 1024 ** 3],
      ['Mi', 1024 ** 2],
      ['Ki', 1024],
    ] as const)
      if (b % f === 0) return `${b / f}${u}`;
    return String(b);
  };
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  let rc = 0;
  let lc = 0;
  let rm = 0;
  let lm = 0;
  for (const p of pods) {
    const a = sumRes(p, 'requests', 'cpu');
    const b = sumRes(p, 'limits', 'cpu');
    const c = sumRes(p, 'requests', 'memory');
    const d = sumRes(p, 'limits', 'memory');
    rc += a;
    lc += b;
    rm += c;
    lm += d;
    w.write(
      1,
      `${p.metadata?.namespace}\t${p.metadata?.name}\t\t${fmtCpu(a)} (${pct(a, acpu)}%)\t${fmtCpu(b)} (${pct(b, acpu)}%)\t${fmtMem(c)} (${pct(c, amem)}%)\t${fmtMem(d)} (${pct(d, amem)}%)\t${translateTimestampSince(p.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n');
  w.write(1, '(Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${fmtCpu(rc)} (${pct(rc, acpu)}%)\t${fmtCpu(lc)} (${pct(lc, acpu)}%)\n`);
  w.write(1, `memory\t${fmtMem(rm)} (${pct(rm, amem)}%)\t${fmtMem(lm)} (${pct(lm, amem)}%)\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
}

/** Which dedicated describer a kind has, if any. */
export async function describeKind(
  w: LineWriter,
  kind: string,
  o: KubeObject,
  client: Client,
  now: number,
): Promise<boolean> {
  switch (kind) {
    case 'Node':
      await describeNode(w, o, client, now);
      return true;
    case 'Deployment':
      await describeDeployment(w, o, client);
      return true;
    case 'ReplicaSet':
    case 'ReplicationController':
      await describeReplicaSet(w, { ...o, kind }, client);
      return true;
    case 'DaemonSet':
      await describeDaemonSet(w, o, client);
      return true;
    case 'StatefulSet':
      await describeStatefulSet(w, o, client);
      return true;
    case 'Job':
      await describeJob(w, o);
      return true;
    case 'CronJob':
      await describeCronJob(w, o);
      return true;
    case 'Service':
      await describeService(w, o, client);
      return true;
    case 'Namespace':
      await describeNamespace(w, o, client);
      return true;
    case 'PersistentVolumeClaim':
      await describePvc(w, o, client);
      return true;
    case 'PersistentVolume':
      describePv(w, o);
      return true;
    case 'ConfigMap':
      describeConfigMap(w, o);
      return true;
    case 'Secret':
      describeSecret(w, o);
      return true;
    case 'ServiceAccount':
      describeServiceAccount(w, o);
      return true;
    case 'Endpoints':
      describeEndpoints(w, o);
      return true;
  }
  return false;
}

/** Kinds whose describe output has no Events section. */
export const NO_EVENTS = new Set(['Secret', 'Namespace']);
