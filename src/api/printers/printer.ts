/**
 * The shape of one kind's printer: its column definitions and a function from an object to its row
 * (upstream: a TableHandler pair registered in AddHandlers). Server-side printing always generates the
 * wide cells; kubectl hides columns whose priority is above 0 unless `-o wide`.
 */
import type { KubeObject } from '../types';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './types';

/** Cells (and optional row conditions) of one object. */
export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/** A kind's printer. */
export interface Printer {
  columns: TableColumnDefinition[];
  /** Prints one object as of cluster time `now` (ms). */
  row(obj: KubeObject, now: number): PrintedRow;
}

/** Defines a printer over a typed view of the object (the stored JSON, cast to its kubernetes-types shape). */
export function printer<T>(
  columns: TableColumnDefinition[],
  row: (obj: T, now: number) => PrintedRow | TableCell[],
): Printer {
  return {
    columns,
    row(obj, now) {
      const r = row(obj as unknown as T, now);
      return Array.isArray(r) ? { cells: r } : r;
    },
  };
}
