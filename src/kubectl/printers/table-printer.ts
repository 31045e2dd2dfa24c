/**
 * Lays out server-side Tables as kubectl's HumanReadablePrinter does (k8s.io/cli-runtime
 * printers/tableprinter.go): decorateTable adds NAMESPACE (first), `-L` label columns and LABELS
 * (last) and the `kind/` name prefix; headers are upper-cased and printed once per column set and only
 * when there are rows; priority > 0 columns only with `-o wide`; cells are cut at the first newline
 * with `...`. Watch events get an EVENT column with `--output-watch-events`. The caller owns the
 * TabWriter and flushes it.
 */
import type { Table, TableColumnDefinition, TableRow } from '../../api/printers';
import type { TabWriter } from './tabwriter';

/** Options of the table printer (printers.PrintOptions). */
export interface TablePrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  withNamespace?: boolean;
  /** Prefix names with `kind/` (e.g. `pod`, `deployment.apps`). */
  withKind?: string;
  showLabels?: boolean;
  columnLabels?: string[];
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** Header of a `-L` column: the last `/`-segment, upper-cased. */
export function labelHeader(label: string): string {
  const parts = label.split('/');
  return parts[parts.length - 1].toUpperCase();
}

function rowMeta(row: TableRow): { namespace?: string; labels?: Record<string, string> } | undefined {
  const o = row.object as { metadata?: { namespace?: string; labels?: Record<string, string> } } | null;
  return o?.metadata;
}

const EVENT_TYPES: Record<string, string> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
  ERROR: 'ERROR   ',
};

function sameColumns(a: TableColumnDefinition[], b: TableColumnDefinition[] | undefined): boolean {
  return !!b && JSON.stringify(a) === JSON.stringify(b);
}

/** Prints Tables to a TabWriter, remembering the last column set as kubectl's printer does. */
export class TablePrinter {
  private lastColumns: TableColumnDefinition[] | undefined;
  private printedHeaders = false;
  constructor(private readonly opts: TablePrintOptions) {}

  /** Prints a Table (rows in order); `eventType` adds the EVENT column (watch with --output-watch-events). */
  print(table: Table, w: TabWriter, eventType?: string): void {
    let noHeaders = !!this.opts.noHeaders;
    let columns = table.columnDefinitions;
    if (this.printedHeaders && (columns.length === 0 || sameColumns(columns, this.lastColumns)))
      noHeaders = true;
    if (columns.length === 0) columns = this.lastColumns ?? [];
    else if (!sameColumns(columns, this.lastColumns)) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;

    const o = this.opts;
    const labelsCols = o.columnLabels ?? [];
    const cols: TableColumnDefinition[] = [];
    const mk = (name: string): TableColumnDefinition => ({
      name,
      type: 'string',
      format: '',
      description: '',
      priority: 0,
    });
    if (eventType) cols.push(mk('Event'));
    if (o.withNamespace) cols.push(mk('Namespace'));
    cols.push(...columns);
    for (const l of labelsCols) cols.push(mk(labelHeader(l)));
    if (o.showLabels) cols.push(mk('Labels'));
    const nameIdx = o.withKind ? columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;

    const rows: Array<Array<unknown>> = table.rows.map((row) => {
      const cells: unknown[] = [...row.cells];
      while (cells.length < columns.length) cells.push(null);
      if (nameIdx >= 0) cells[nameIdx] = `${o.withKind}/${String(cells[nameIdx])}`;
      const meta = rowMeta(row);
      const pre: unknown[] = [];
      if (eventType) pre.push(EVENT_TYPES[eventType] ?? eventType);
      if (o.withNamespace) pre.push(meta ? (meta.namespace ?? '') : null);
      const post: unknown[] = [];
      for (const l of labelsCols) post.push(meta ? (meta.labels?.[l] ?? '') : null);
      if (o.showLabels) post.push(meta ? formatLabels(meta.labels) : null);
      return [...pre, ...cells.slice(0, columns.length), ...post];
    });

    const visible = cols.map((c) => o.wide || c.priority === 0);
    if (!noHeaders) {
      if (rows.length === 0) return;
      w.write(
        cols
          .filter((_, i) => visible[i])
          .map((c) => c.name.toUpperCase())
          .join('\t') + '\n',
      );
    }
    for (const r of rows) {
      const out: string[] = [];
      for (let i = 0; i < cols.length && i < r.length; i++) {
        if (!visible[i]) continue;
        out.push(cellText(r[i]));
      }
      w.write(out.join('\t') + '\n');
    }
  }
}

/** A cell as kubectl prints it: strings cut at the first line break with `...`, other values with fmt. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') {
    const br = v.search(/[\f\n\r]/);
    return br >= 0 ? `${v.slice(0, br)}...` : v;
  }
  return String(v);
}
