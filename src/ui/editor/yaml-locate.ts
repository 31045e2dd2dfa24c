/**
 * Finding where in a YAML buffer a problem is: the apiserver's field paths
 * (`spec.template.spec.containers[0].image`, `metadata.labels[app]`, as k8s.io/apimachinery's
 * field.Path prints them) mapped to the line and column of the YAML node, with the `yaml` package's
 * parse ranges; YAML syntax errors with their line and column; and which document of a
 * multi-document buffer an object came from.
 * Leaves out: JSON-pointer paths and Go struct paths of decode errors (those map to the document).
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';

/** A 1-based range in the buffer, as Monaco's markers take it. */
export interface TextRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A problem to show in the editor. */
export interface Problem extends TextRange {
  message: string;
  severity: 'error' | 'warning';
}

/** Splits a field path into keys and indexes: `spec.containers[0].image` → ['spec','containers',0,'image']. */
export function parseFieldPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  let i = 0;
  let name = '';
  const push = () => {
    if (name) out.push(name);
    name = '';
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      push();
      i++;
    } else if (c === '[') {
      push();
      const end = path.indexOf(']', i);
      const inner = path.slice(i + 1, end < 0 ? path.length : end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      name += c;
      i++;
    }
  }
  push();
  return out;
}

function toRange(lc: LineCounter, start: number, end: number): TextRange {
  const a = lc.linePos(start);
  const b = lc.linePos(Math.max(start, end));
  return { startLine: a.line, startColumn: a.col, endLine: b.line, endColumn: b.col };
}

/** The documents of a buffer, parsed with ranges. */
export function parseDocuments(text: string): { docs: Document.Parsed[]; lines: LineCounter } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  return { docs: Array.isArray(docs) ? docs : [], lines };
}

/**
 * The range of the node at `path` in document `docIndex`: the key of the field (or the item of a
 * list), or the nearest ancestor that exists when the field is missing (`exact` false then).
 */
export function locateField(
  text: string,
  docIndex: number,
  path: ReadonlyArray<string | number>,
): { range: TextRange; exact: boolean } | undefined {
  const { docs, lines } = parseDocuments(text);
  const doc = docs[docIndex];
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  // The range to report for what has been found so far: the document start for the root.
  const docStart = doc.range?.[0] ?? 0;
  let range: [number, number] = [docStart, docStart];
  if (node && (node as Node).range) {
    const r = (node as Node).range!;
    range = [r[0], r[0]];
  }
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return { range: toRange(lines, range[0], range[1]), exact: false };
      const key = pair.key as Node;
      range = key.range ? [key.range[0], key.range[1]] : range;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return { range: toRange(lines, range[0], range[1]), exact: false };
      if (item.range) range = [item.range[0], isMap(item) || isSeq(item) ? item.range[0] + 1 : item.range[1]];
      node = item;
    } else {
      return { range: toRange(lines, range[0], range[1]), exact: false };
    }
  }
  // For a scalar value, cover the value as well as the key (`image: nginx`).
  if (isScalar(node) && node.range) range = [range[0], Math.max(range[1], node.range[1])];
  return { range: toRange(lines, range[0], range[1]), exact: true };
}

/** YAML syntax errors (and warnings) of every document, with their positions. */
export function yamlProblems(text: string): Problem[] {
  const { docs, lines } = parseDocuments(text);
  const out: Problem[] = [];
  for (const d of docs) {
    for (const [list, severity] of [
      [d.errors, 'error'],
      [d.warnings, 'warning'],
    ] as const) {
      for (const e of list) {
        const r = toRange(lines, e.pos[0], e.pos[1]);
        if (r.endLine === r.startLine && r.endColumn <= r.startColumn) r.endColumn = r.startColumn + 1;
        out.push({ ...r, message: e.message.split('\n')[0], severity });
      }
    }
  }
  return out;
}

/** The field paths an apiserver error names: `details.causes[].field`, or `unknown field "x"` in its message. */
export function fieldPathsOf(status: {
  message?: string;
  details?: { causes?: Array<{ field?: string; message?: string; reason?: string }> };
}): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const c of status.details?.causes ?? []) {
    if (c.field) out.push({ field: c.field, message: c.message ?? c.reason ?? '' });
  }
  if (out.length === 0 && status.message) {
    for (const m of status.message.matchAll(/unknown field "([^"]+)"/g)) {
      out.push({ field: m[1], message: `unknown field "${m[1]}"` });
    }
  }
  return out;
}
