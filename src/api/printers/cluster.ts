/**
 * Cluster printers (pkg/printers/internalversion): Node, Namespace, Event, Lease, PriorityClass,
 * RoleBinding, ClusterRoleBinding.
 */
import type { Event, Namespace, Node } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { col, nameCol, ageCol } from './columns';
import { doc } from './descriptions';
import { translateTimestampSince } from './duration';
import { printer } from './printer';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>` values, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** Node STATUS: `Ready` / `NotReady` from the Ready condition, `Unknown` without it, `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  // The last condition of a type wins, as upstream builds a map by type.
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c.status;
  if (ready !== undefined) status.push(ready === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

/** Nodes. */
export const nodePrinter = printer<Node>(
  [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', doc('NodeSystemInfo.kubeletVersion')),
    col('Internal-IP', 'string', doc('NodeStatus.addresses'), 1),
    col('External-IP', 'string', doc('NodeStatus.addresses'), 1),
    col('OS-Image', 'string', doc('NodeSystemInfo.osImage'), 1),
    col('Kernel-Version', 'string', doc('NodeSystemInfo.kernelVersion'), 1),
    col('Container-Runtime', 'string', doc('NodeSystemInfo.containerRuntimeVersion'), 1),
  ],
  (o, now) => {
    const info = o.status?.nodeInfo;
    return [
      o.metadata?.name ?? '',
      nodeStatus(o),
      nodeRoles(o.metadata?.labels).join(',') || '<none>',
      translateTimestampSince(o.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
);

/** Namespaces. */
export const namespacePrinter = printer<Namespace>(
  [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    o.status?.phase ?? '',
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** formatEventSource: `component, host`, falling back to reportingController / reportingInstance. */
export function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/**
 * Events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME.
 * Times fall back to eventTime and series as upstream does; a missing count prints 1.
 */
export const eventPrinter = printer<Event>(
  [
    col('Last Seen', 'string', doc('Event.lastTimestamp')),
    col('Type', 'string', doc('Event.type')),
    col('Reason', 'string', doc('Event.reason')),
    col('Object', 'string', doc('Event.involvedObject')),
    col('Subobject', 'string', doc('ObjectReference.fieldPath'), 1),
    col('Source', 'string', doc('Event.source'), 1),
    col('Message', 'string', doc('Event.message')),
    col('First Seen', 'string', doc('Event.firstTimestamp'), 1),
    col('Count', 'string', doc('Event.count'), 1),
    col('Name', 'string', doc('ObjectMeta.name'), 1, 'name'),
  ],
  (o, now) => {
    let first = translateTimestampSince(o.firstTimestamp, now);
    if (!o.firstTimestamp) first = translateTimestampSince(o.eventTime, now);
    let last = translateTimestampSince(o.lastTimestamp, now);
    if (!o.lastTimestamp) last = first;
    let count = o.count ?? 0;
    if (o.series) {
      last = translateTimestampSince(o.series.lastObservedTime, now);
      count = o.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const kind = (o.involvedObject?.kind ?? '').toLowerCase();
    const target = o.involvedObject?.name ? `${kind}/${o.involvedObject.name}` : kind;
    return [
      last,
      o.type ?? '',
      o.reason ?? '',
      target,
      o.involvedObject?.fieldPath ?? '',
      eventSource(o),
      (o.message ?? '').trim(),
      first,
      count,
      o.metadata?.name ?? '',
    ];
  },
);

/** Leases. */
export const leasePrinter = printer<Lease>(
  [nameCol(), col('Holder', 'string', doc('LeaseSpec.holderIdentity')), ageCol()],
  (o, now) => [
    o.metadata?.name ?? '',
    o.spec?.holderIdentity ?? '',
    translateTimestampSince(o.metadata?.creationTimestamp, now),
  ],
);

/** PriorityClasses (PREEMPTIONPOLICY is a normal column, but its cell is printed only wide: the server prints wide). */
export const priorityClassPrinter = printer<PriorityClass>(
  [
    nameCol(),
    col('Value', 'integer', doc('PriorityClass.value')),
    col('Global-Default', 'boolean', doc('PriorityClass.globalDefault')),
    ageCol(),
    col('PreemptionPolicy', 'string', doc('PriorityClass.preemptionPolicy')),
  ],
  (o, now) => [
    o.metadata?.name ?? '',
    o.value ?? 0,
    o.globalDefault ?? false,
    translateTimestampSince(o.metadata?.creationTimestamp, now),
    o.preemptionPolicy ?? '',
  ],
);

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
export function subjectsStrings(subjects: Subject[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

function bindingPrinter(kind: 'RoleBinding' | 'ClusterRoleBinding') {
  const what = kind === 'RoleBinding' ? 'roleBinding' : 'clusterRoleBinding';
  return printer<RoleBinding | ClusterRoleBinding>(
    [
      nameCol(),
      col('Role', 'string', doc(`${kind}.roleRef`)),
      ageCol(),
      col('Users', 'string', `Users in the ${what}`, 1),
      col('Groups', 'string', `Groups in the ${what}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    (o, now) => {
      const [users, groups, sas] = subjectsStrings(o.subjects);
      return [
        o.metadata?.name ?? '',
        `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`,
        translateTimestampSince(o.metadata?.creationTimestamp, now),
        users.join(', '),
        groups.join(', '),
        sas.join(', '),
      ];
    },
  );
}

/** RoleBindings. */
export const roleBindingPrinter = bindingPrinter('RoleBinding');

/** ClusterRoleBindings. */
export const clusterRoleBindingPrinter = bindingPrinter('ClusterRoleBinding');
