/**
 * Server-side printing: turns objects into a `meta.k8s.io/v1` Table, as kube-apiserver does for
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (pkg/printers TableGenerator with the
 * internalversion handlers, or apiserver's DefaultTableConvertor for kinds without a printer, then the
 * handler's includeObject transform). Leaves out: `noHeaders` on the wire (supported as an option),
 * custom-resource printer columns.
 */
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { col } from './columns';
import { doc } from './descriptions';
import { parseTime } from './duration';
import type { Printer } from './printer';
import { podPrinter } from './pod';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  hpaPrinter,
  jobPrinter,
  pdbPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network';
import {
  clusterRoleBindingPrinter,
  eventPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  priorityClassPrinter,
  roleBindingPrinter,
} from './cluster';
import {
  configMapPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  storageClassPrinter,
} from './storage';
import type { IncludeObjectPolicy, Table, TableRow } from './types';

/** Printers by `group/resource` (core group is empty: `/pods`). */
export const PRINTERS: ReadonlyMap<string, Printer> = new Map<string, Printer>([
  ['/pods', podPrinter],
  ['/podtemplates', podTemplatePrinter],
  ['/replicationcontrollers', replicationControllerPrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/nodes', nodePrinter],
  ['/events', eventPrinter],
  ['/namespaces', namespacePrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/configmaps', configMapPrinter],
  ['/resourcequotas', resourceQuotaPrinter],
  ['/persistentvolumes', persistentVolumePrinter],
  ['/persistentvolumeclaims', persistentVolumeClaimPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['autoscaling/horizontalpodautoscalers', hpaPrinter],
  ['policy/poddisruptionbudgets', pdbPrinter],
  ['networking.k8s.io/ingresses', ingressPrinter],
  ['networking.k8s.io/ingressclasses', ingressClassPrinter],
  ['networking.k8s.io/networkpolicies', networkPolicyPrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['scheduling.k8s.io/priorityclasses', priorityClassPrinter],
  ['storage.k8s.io/storageclasses', storageClassPrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
]);

/** The printer of a resource, or undefined when upstream has none (the default convertor applies). */
export function printerFor(resource: Pick<ResourceInfo, 'group' | 'resource'>): Printer | undefined {
  return PRINTERS.get(`${resource.group}/${resource.resource}`);
}

/** Go's `Time.UTC().Format(time.RFC3339)` of a creationTimestamp (the zero time when missing). */
export function rfc3339(ts: string | undefined): string {
  const t = parseTime(ts);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** apiserver's DefaultTableConvertor: `Name` and `Created At` (an RFC 3339 date). */
export const defaultPrinter: Printer = {
  columns: [
    col('Name', 'string', doc('ObjectMeta.name'), 0, 'name'),
    col('Created At', 'date', doc('ObjectMeta.creationTimestamp')),
  ],
  row: (obj) => ({ cells: [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)] }),
};

/** Options of printTable. */
export interface PrintTableOptions {
  /** What rows carry in `object` (TableOptions `includeObject`); `Metadata` when unset, as upstream. */
  includeObject?: IncludeObjectPolicy;
  /** The list's metadata (LIST); for a single object (GET) leave unset and its resourceVersion is used. */
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** Omit column definitions (TableOptions `noHeaders`). */
  noHeaders?: boolean;
}

/** What a row carries: nothing, the object, or its metadata as a meta.k8s.io/v1 PartialObjectMetadata. */
function rowObject(obj: KubeObject, policy: IncludeObjectPolicy): TableRow['object'] {
  if (policy === 'None') return null;
  if (policy === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/**
 * Prints objects of one resource as a `meta.k8s.io/v1` Table. `now` is cluster time in ms (ages are
 * computed against it). Columns with priority 1 are `-o wide` columns; their cells are always present.
 */
export function printTable(
  resource: ResourceInfo,
  objects: KubeObject[],
  now: number,
  opts: PrintTableOptions = {},
): Table {
  const p = printerFor(resource) ?? defaultPrinter;
  const policy = opts.includeObject ?? 'Metadata';
  const rows: TableRow[] = objects.map((obj) => {
    const r = p.row(obj, now);
    const row: TableRow = { cells: r.cells, object: rowObject(obj, policy) };
    if (r.conditions) row.conditions = r.conditions;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.listMeta) {
    if (opts.listMeta.resourceVersion !== undefined) metadata.resourceVersion = opts.listMeta.resourceVersion;
    if (opts.listMeta.continue) metadata.continue = opts.listMeta.continue;
    if (opts.listMeta.remainingItemCount !== undefined)
      metadata.remainingItemCount = opts.listMeta.remainingItemCount;
  } else if (objects.length === 1 && objects[0].metadata?.resourceVersion !== undefined) {
    metadata.resourceVersion = objects[0].metadata.resourceVersion;
  }
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? [] : p.columns.map((c) => ({ ...c })),
    rows,
  };
}
