/**
 * `kubectl describe` (kubectl pkg/describe/describe.go): a PrefixWriter over a tabwriter (minwidth 0,
 * padding 2), `Name:`/`Namespace:`/`Labels:`/`Annotations:` blocks, the Pod describer (containers,
 * conditions, volumes, QoS, node selectors, tolerations) and a generic describer for other kinds,
 * followed by `Events:` found with the involvedObject field selector, laid out as
 * `Type Reason Age From Message` with `71s (x2 over 5m9s)` ages and the source component (or
 * reportingComponent) as From. Name prefixes match as upstream
 * (exact name first, then every object whose name starts with the argument).
 * Kinds with a dedicated layout are in describe-kinds.ts. Leaves out: RBAC/HPA/ingress describers
 * (generic fallback), and `-f`.
 */
import type { Event, Pod, Container, Toleration, Volume } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { translateTimestampSince } from '../../api/printers';
import type { KubeObject } from '../../api/types';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { groupResource, resourcePath, type ApiResource } from '../framework/client';
import { errorText, parseResourceArgs } from '../framework/resources';
import { TabWriter } from '../printers/tabwriter';
import { NO_EVENTS, annotationsMultiline, describeContainerTail, describeKind } from './describe-kinds';

/** Writes `prefix`-indented lines (describe's PrefixWriter, levels of two spaces). */
class PrefixWriter {
  constructor(private readonly w: TabWriter) {}
  write(level: number, text: string): void {
    this.w.write('  '.repeat(level) + text);
  }
}

function mapLines(
  w: PrefixWriter,
  title: string,
  m: Record<string, string> | undefined,
  skip: string[] = [],
): void {
  const keys = Object.keys(m ?? {})
    .filter((k) => !skip.includes(k))
    .sort();
  if (!keys.length) {
    w.write(0, `${title}:\t<none>\n`);
    return;
  }
  keys.forEach((k, i) => w.write(0, `${i === 0 ? `${title}:` : ''}\t${k}=${m![k]}\n`));
}

/** `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function formatToleration(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += s ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function describeContainers(w: PrefixWriter, title: string, cs: Container[], pod: Pod): void {
  w.write(0, `${title}:\n`);
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  for (const c of cs) {
    const st = statuses.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st?.containerID) w.write(2, `Container ID:\t${st.containerID}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = c.ports ?? [];
    if (!ports.length) {
      w.write(2, 'Port:\t<none>\n');
      w.write(2, 'Host Port:\t<none>\n');
    } else {
      w.write(
        2,
        `Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')}\n`,
      );
      w.write(
        2,
        `Host Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')}\n`,
      );
    }
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) w.write(3, `${x}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) w.write(3, `${x}\n`);
    }
    if (st) {
      const state = st.state ?? {};
      if (state.running) {
        w.write(2, 'State:\tRunning\n');
        w.write(3, `Started:\t${rfc1123(state.running.startedAt)}\n`);
      } else if (state.waiting) {
        w.write(2, 'State:\tWaiting\n');
        if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
      } else if (state.terminated) {
        w.write(2, 'State:\tTerminated\n');
        if (state.terminated.reason) w.write(3, `Reason:\t${state.terminated.reason}\n`);
        w.write(3, `Exit Code:\t${state.terminated.exitCode}\n`);
        w.write(3, `Started:\t${rfc1123(state.terminated.startedAt)}\n`);
        w.write(3, `Finished:\t${rfc1123(state.terminated.finishedAt)}\n`);
      }
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeContainerTail(w, c, 2);
  }
}

function describeVolumes(w: PrefixWriter, vols: Volume[]): void {
  if (!vols.length) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of vols) {
    w.write(1, `${v.name}:\n`);
    if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
        if (s.configMap) {
          w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n`);
          w.write(2, `Optional:\t${s.configMap.optional ? 'true' : 'false'}\n`);
        }
        if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      }
    } else if (v.emptyDir) {
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(2, `Optional:\t${v.configMap.optional ? 'true' : 'false'}\n`);
    } else if (v.secret) {
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${v.secret.optional ? 'true' : 'false'}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
      );
      w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ? 'true' : 'false'}\n`);
    } else if (v.hostPath) {
      w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type ?? ''}\n`);
    }
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z as describe prints times: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const d = new Date(Date.parse(ts));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function describePod(w: PrefixWriter, pod: Pod): void {
  const m = pod.metadata ?? {};
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  if (pod.spec?.priority !== undefined) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec?.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  w.write(0, `Service Account:\t${pod.spec?.serviceAccountName ?? ''}\n`);
  w.write(
    0,
    `Node:\t${pod.spec?.nodeName ? `${pod.spec.nodeName}/${pod.status?.hostIP ?? ''}` : '<none>'}\n`,
  );
  if (pod.status?.startTime) w.write(0, `Start Time:\t${rfc1123(pod.status.startTime)}\n`);
  mapLines(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
  if (m.deletionTimestamp)
    w.write(
      0,
      `Status:\tTerminating (lasts ${translateTimestampSince(m.deletionTimestamp, Date.parse(m.deletionTimestamp))})\n`,
    );
  else w.write(0, `Status:\t${pod.status?.phase ?? ''}\n`);
  if (pod.status?.reason) w.write(0, `Reason:\t${pod.status.reason}\n`);
  if (pod.status?.message) w.write(0, `Message:\t${pod.status.message}\n`);
  w.write(0, `IP:\t${pod.status?.podIP ?? ''}\n`);
  const ips = pod.status?.podIPs ?? [];
  if (!ips.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = (m.ownerReferences ?? []).find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (pod.spec?.initContainers?.length)
    describeContainers(w, 'Init Containers', pod.spec.initContainers, pod);
  describeContainers(w, 'Containers', pod.spec?.containers ?? [], pod);
  const conds = pod.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec?.volumes ?? []);
  if (pod.status?.qosClass) w.write(0, `QoS Class:\t${pod.status.qosClass}\n`);
  mapLines(w, 'Node-Selectors', pod.spec?.nodeSelector);
  const tols = pod.spec?.tolerations ?? [];
  if (!tols.length) w.write(0, 'Tolerations:\t<none>\n');
  else tols.forEach((t, i) => w.write(0, `${i === 0 ? 'Tolerations:' : ''}\t${formatToleration(t)}\n`));
}

function describeGeneric(w: PrefixWriter, o: KubeObject): void {
  const m = o.metadata;
  w.write(0, `Name:\t${m.name}\n`);
  if (m.namespace) w.write(0, `Namespace:\t${m.namespace}\n`);
  mapLines(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
}

/** Events table lines (`Type Reason Age From Message`), sorted by last timestamp. */
export function describeEvents(w: PrefixWriter, events: Event[], now: number): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.write(0, 'Events:\n');
  w.write(1, 'Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  // SortableEvents: by lastTimestamp (unset ones first), stable.
  const lastTs = (e: Event) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : -Infinity);
  const sorted = [...events].sort((a, b) => lastTs(a) - lastTs(b));
  for (const e of sorted) {
    const firstSince = translateTimestampSince(e.eventTime ?? e.firstTimestamp, now);
    let age = firstSince;
    if (e.series)
      age = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstSince})`;
    else if ((e.count ?? 0) > 1)
      age = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstSince})`;
    // v1.33 prints the component only (the host was dropped), falling back to reportingComponent.
    const from = e.source?.component || (e.reportingComponent ?? '');
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}

async function eventsFor(inv: Invocation, o: KubeObject): Promise<Event[]> {
  const fs = [
    `involvedObject.name=${o.metadata.name}`,
    `involvedObject.namespace=${o.metadata.namespace ?? ''}`,
  ];
  if (o.metadata.uid) fs.push(`involvedObject.uid=${o.metadata.uid}`);
  const ns = o.metadata.namespace;
  const path = ns ? `/api/v1/namespaces/${ns}/events` : '/api/v1/events';
  try {
    const l = await inv.client.get<{ items: Event[] }>(path, { fieldSelector: fs.join(',') });
    return l.items;
  } catch {
    return [];
  }
}

async function describeOne(inv: Invocation, r: ApiResource, o: KubeObject): Promise<string> {
  let out = '';
  const w = new TabWriter((s) => (out += s), { minWidth: 0, padding: 2, rememberWidths: false });
  const pw = new PrefixWriter(w);
  if (r.kind === 'Pod' && !r.group) describePod(pw, o as unknown as Pod);
  else if (!(await describeKind(pw, r.kind, { ...o, kind: r.kind }, inv.client, inv.ctx.clock.now())))
    describeGeneric(pw, o);
  if (inv.flags.bool('show-events') && !NO_EVENTS.has(r.kind))
    describeEvents(pw, await eventsFor(inv, o), inv.ctx.clock.now());
  w.flush();
  return out;
}

async function runDescribe(inv: Invocation): Promise<number> {
  if (inv.args.length === 0)
    throw new CmdError(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  const { targets } = await parseResourceArgs(inv.client, inv.args);
  const allNs = inv.flags.bool('all-namespaces');
  const texts: string[] = [];
  const errs: unknown[] = [];
  for (const t of targets) {
    const r = t.resource;
    const ns = r.namespaced ? (allNs ? undefined : inv.namespace) : undefined;
    let objs: KubeObject[];
    try {
      if (t.name !== undefined) {
        try {
          objs = [await inv.client.get<KubeObject>(resourcePath(r, ns, t.name))];
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
          const l = await inv.client.get<{ items: KubeObject[] }>(resourcePath(r, ns));
          objs = l.items.filter((o) => o.metadata.name?.startsWith(t.name!));
          if (!objs.length) throw e;
        }
      } else {
        const q: Record<string, string> = {};
        if (inv.flags.string('selector')) q.labelSelector = inv.flags.string('selector');
        const l = await inv.client.get<{ items: KubeObject[] }>(resourcePath(r, ns), q);
        objs = l.items;
      }
    } catch (e) {
      errs.push(e);
      continue;
    }
    for (const o of objs) texts.push(await describeOne(inv, r, o));
    if (!objs.length && t.name === undefined) {
      inv.err(
        r.namespaced && !allNs
          ? `No resources found in ${inv.namespace} namespace.\n`
          : 'No resources found\n',
      );
    }
  }
  inv.out(texts.join('\n\n'));
  for (const e of errs) inv.err(errorText(e) + '\n');
  void groupResource;
  return errs.length ? 1 : 0;
}

/** `kubectl describe`. */
export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
  
  # Describe a pod
  kubectl describe pods/nginx
  
  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json
  
  # Describe all pods
  kubectl describe pods
  
  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel
  
  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      usage:
        'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    {
      name: 'chunk-size',
      type: 'int',
      default: 500,
      usage:
        'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
    },
    {
      name: 'filename',
      short: 'f',
      type: 'stringSlice',
      usage: 'Filename, directory, or URL to files containing the resource to describe',
    },
    {
      name: 'kustomize',
      short: 'k',
      type: 'string',
      usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
    },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      usage:
        'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      usage:
        "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    {
      name: 'show-events',
      type: 'bool',
      default: true,
      usage: 'If true, display events related to the described object.',
    },
  ],
  run: runDescribe,
};
