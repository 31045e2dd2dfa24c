/**
 * Turns the apiserver's answer to an apply into editor markers: each field a Status names
 * (`details.causes[].field`, or `unknown field "..."` of strict decoding) at its YAML node, else the
 * whole message on the first line of the document it concerns.
 */
import type { DocResult } from './apply';
import { fieldPathsOf, locateField, parseDocuments, parseFieldPath, type Problem } from './yaml-locate';

/** Markers for the apiserver's answer to each document: at the named fields, else on the document's first line. */
export function problemsFor(text: string, results: readonly DocResult[]): Problem[] {
  const out: Problem[] = [];
  const { docs, lines } = parseDocuments(text);
  for (const r of results) {
    if (r.ok) continue;
    const fields = r.status ? fieldPathsOf(r.status) : [];
    let placed = false;
    for (const f of fields) {
      const loc = locateField(text, r.doc, parseFieldPath(f.field));
      if (!loc) continue;
      out.push({ ...loc.range, message: `${f.field}: ${f.message}`, severity: 'error' });
      placed = true;
    }
    if (!placed) {
      const start = docs[r.doc]?.range?.[0] ?? 0;
      const p = lines.linePos(start);
      out.push({
        startLine: p.line,
        startColumn: 1,
        endLine: p.line,
        endColumn: 1000,
        message: r.message,
        severity: 'error',
      });
    }
  }
  return out;
}
