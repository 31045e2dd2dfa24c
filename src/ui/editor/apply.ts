/**
 * What the editor's buttons do with the buffer, per YAML document, against the apiserver: Apply in the
 * manner of `kubectl apply` (client-side) — create the object when it does not exist, otherwise send
 * the document as a strategic merge patch; both record the `kubectl.kubernetes.io/last-applied-
 * configuration` annotation — optionally as a server dry run (`?dryRun=All`), and the two sides of
 * `kubectl diff` (the live object and the dry-run result). Messages are kubectl's
 * (`deployment.apps/web created`, `configured`, `unchanged`, `(server dry run)`).
 * Leaves out: the three-way merge that deletes fields removed since the last apply, pruning, and
 * server-side apply.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { findByKind, type ResourceInfo } from '../../api/resources';
import { PATCH_TYPES, type ApiTransport } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import { formatApiError, kindPrefix } from '../../kubectl/framework/resources';
import { ApiError } from '../../api/errors';
import { printYaml } from '../../kubectl/printers/yaml-json';
import { parseDocuments } from './yaml-locate';

/** The annotation kubectl apply keeps the applied configuration in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The outcome for one document. */
export interface DocResult {
  /** Index of the document in the buffer. */
  doc: number;
  ok: boolean;
  /** What kubectl would print for it. */
  message: string;
  /** The apiserver's Status for a failure. */
  status?: Status;
  /** The object the server returned. */
  object?: KubeObject;
}

/** A parsed document, or why it cannot be sent. */
export type ParsedDoc = { doc: number; object: KubeObject } | { doc: number; error: string };

/** The objects of a buffer (empty documents skipped); YAML errors are reported per document. */
export function objectsOf(text: string): ParsedDoc[] {
  const { docs } = parseDocuments(text);
  const out: ParsedDoc[] = [];
  docs.forEach((d, i) => {
    if (d.errors.length) {
      out.push({ doc: i, error: `error converting YAML to JSON: ${d.errors[0].message.split('\n')[0]}` });
      return;
    }
    const v: unknown = d.toJS();
    if (v === null || v === undefined) return;
    if (typeof v !== 'object' || Array.isArray(v)) {
      out.push({
        doc: i,
        error:
          'error: unable to decode "STDIN": json: cannot unmarshal non-object into Go value of type map[string]interface {}',
      });
      return;
    }
    const o = v as KubeObject;
    if (!o.kind) {
      out.push({
        doc: i,
        error: `error: unable to decode "STDIN": Object 'Kind' is missing in '${JSON.stringify(v)}'`,
      });
      return;
    }
    if (!o.apiVersion) {
      out.push({
        doc: i,
        error: `error: unable to decode "STDIN": Object 'apiVersion' is missing in '${JSON.stringify(v)}'`,
      });
      return;
    }
    out.push({ doc: i, object: o });
  });
  return out;
}

function pathOf(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${base}${ns}/${info.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

function isStatus(b: unknown): b is Status {
  return typeof b === 'object' && b !== null && (b as { kind?: string }).kind === 'Status';
}

function failure(doc: number, res: { status: number; body: unknown }): DocResult {
  const status: Status = isStatus(res.body)
    ? res.body
    : { kind: 'Status', status: 'Failure', code: res.status };
  return { doc, ok: false, message: formatApiError(new ApiError(status)), status };
}

/** The object with the last-applied annotation kubectl apply records (the object without it, compact JSON). */
export function withLastApplied(o: KubeObject): KubeObject {
  const meta = { ...(o.metadata ?? {}) };
  const ann = { ...(meta.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  const original = { ...o, metadata: { ...meta, annotations: Object.keys(ann).length ? ann : undefined } };
  if (!original.metadata.annotations) delete original.metadata.annotations;
  ann[LAST_APPLIED] = `${JSON.stringify(original)}\n`;
  return { ...o, metadata: { ...meta, annotations: ann } };
}

/** Options of an apply. */
export interface ApplyOptions {
  /** `--dry-run=server`. */
  dryRun?: boolean;
  /** Namespace for documents without one (the context's, `default`). */
  namespace?: string;
  /** Who sends the requests (trace). */
  from?: string;
}

/** Applies one object. */
export async function applyObject(
  api: ApiTransport,
  doc: number,
  obj: KubeObject,
  o: ApplyOptions = {},
): Promise<DocResult> {
  const info = findByKind(obj.apiVersion ?? '', obj.kind ?? '');
  if (!info) {
    return {
      doc,
      ok: false,
      message: `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    };
  }
  const from = o.from ?? 'kubectl';
  const ns = obj.metadata?.namespace ?? o.namespace ?? 'default';
  const name = obj.metadata?.name;
  const label = `${kindPrefix(info)}/${name ?? ''}`;
  const suffix = o.dryRun ? ' (server dry run)' : '';
  // kubectl's default --validate=strict: unknown and duplicate fields are errors.
  const query: Record<string, string> = { fieldValidation: 'Strict' };
  if (o.dryRun) query.dryRun = 'All';
  const body = withLastApplied(obj);
  const live = name
    ? await api.request<KubeObject>({ method: 'GET', path: pathOf(info, ns, name), from })
    : { status: 404, body: undefined };
  if (live.status === 404) {
    const res = await api.request<KubeObject>({ method: 'POST', path: pathOf(info, ns), query, body, from });
    if (res.status >= 300) return failure(doc, res);
    const created = res.body as KubeObject;
    return {
      doc,
      ok: true,
      message: `${kindPrefix(info)}/${created.metadata?.name ?? name} created${suffix}`,
      object: created,
    };
  }
  if (live.status >= 300) return failure(doc, live);
  const res = await api.request<KubeObject>({
    method: 'PATCH',
    path: pathOf(info, ns, name),
    query,
    body,
    headers: { contentType: PATCH_TYPES.strategic },
    from,
  });
  if (res.status >= 300) return failure(doc, res);
  const after = res.body as KubeObject;
  const before = live.body as KubeObject;
  // A patch that changes nothing is not written, so the resourceVersion stays (a dry run never bumps it).
  const same = o.dryRun
    ? JSON.stringify(strip(after)) === JSON.stringify(strip(before))
    : after.metadata?.resourceVersion === before.metadata?.resourceVersion;
  return { doc, ok: true, message: `${label} ${same ? 'unchanged' : 'configured'}${suffix}`, object: after };
}

/** Applies every document of the buffer in order, as `kubectl apply -f -` does. */
export async function applyText(api: ApiTransport, text: string, o: ApplyOptions = {}): Promise<DocResult[]> {
  const out: DocResult[] = [];
  for (const p of objectsOf(text)) {
    if ('error' in p) out.push({ doc: p.doc, ok: false, message: p.error });
    else out.push(await applyObject(api, p.doc, p.object, o));
  }
  return out;
}

/** The object as `kubectl diff` shows it: without managedFields, the generation-bumping noise kept. */
function strip(o: KubeObject | undefined): KubeObject | undefined {
  if (!o) return o;
  const meta = { ...(o.metadata ?? {}) } as Record<string, unknown>;
  delete meta.managedFields;
  return { ...o, metadata: meta } as KubeObject;
}

/** The two sides of `kubectl diff`: live objects and what applying the buffer would make of them. */
export interface DiffSides {
  live: string;
  merged: string;
  /** Documents that could not be dry-run. */
  errors: DocResult[];
}

/** Builds the diff of the buffer against the cluster (a server dry run of every document). */
export async function diffText(api: ApiTransport, text: string, o: ApplyOptions = {}): Promise<DiffSides> {
  const live: string[] = [];
  const merged: string[] = [];
  const errors: DocResult[] = [];
  for (const p of objectsOf(text)) {
    if ('error' in p) {
      errors.push({ doc: p.doc, ok: false, message: p.error });
      continue;
    }
    const obj = p.object;
    const info = findByKind(obj.apiVersion ?? '', obj.kind ?? '');
    const ns = obj.metadata?.namespace ?? o.namespace ?? 'default';
    let current: KubeObject | undefined;
    if (info && obj.metadata?.name) {
      const res = await api.request<KubeObject>({
        method: 'GET',
        path: pathOf(info, ns, obj.metadata.name),
        from: o.from ?? 'kubectl',
      });
      if (res.status < 300) current = res.body as KubeObject;
    }
    const r = await applyObject(api, p.doc, obj, { ...o, dryRun: true });
    if (!r.ok) {
      errors.push(r);
      continue;
    }
    live.push(current ? printYaml(strip(current)) : '');
    merged.push(printYaml(strip(r.object)));
  }
  return { live: live.join('---\n'), merged: merged.join('---\n'), errors };
}

/** The live object as the editor opens it (kubectl edit shows it without managedFields). */
export function objectToYaml(o: KubeObject): string {
  return printYaml(strip(o));
}
