/**
 * Server-side printers: what `kubectl get` shows. Mirrors kube-apiserver's Table conversion
 * (pkg/printers/internalversion/printers.go, pkg/printers/storage, apiserver's default table convertor)
 * for the built-in kinds KubeLab serves; kubectl only lays the Table out.
 */
export { printTable, printerFor, defaultPrinter, PRINTERS, type PrintTableOptions } from './table';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';
export { podSummary } from './pod';
export type {
  Table,
  TableRow,
  TableCell,
  TableColumnDefinition,
  TableRowCondition,
  PartialObjectMetadata,
  IncludeObjectPolicy,
} from './types';
export type { Printer, PrintedRow } from './printer';
