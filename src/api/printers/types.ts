/**
 * The `meta.k8s.io/v1` Table shapes (apimachinery pkg/apis/meta/v1 types.go: Table, TableColumnDefinition,
 * TableRow, TableRowCondition, PartialObjectMetadata). `kubernetes-types` does not ship them.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';

/** One column of a Table. `priority` 0 is always shown; higher only with `kubectl get -o wide`. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  /** OpenAPI format hint; `name` marks the column holding the object's name. */
  format: string;
  description: string;
  priority: number;
}

/** A cell value as JSON carries it (Go puts strings, int64s and bools in cells). */
export type TableCell = string | number | boolean;

/** A condition on a row (upstream sets `Completed` on finished pods). */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** `meta.k8s.io/v1` PartialObjectMetadata: what a row carries with `includeObject=Metadata`. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

/** One row: its cells (in column order) and, depending on `includeObject`, the object. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** The object (`Object`), its metadata (`Metadata`, the default) or null (`None`). */
  object: KubeObject | PartialObjectMetadata | null;
}

/** A `meta.k8s.io/v1` Table, the body kube-apiserver returns to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What the apiserver puts in `row.object` (TableOptions `includeObject`). */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';
