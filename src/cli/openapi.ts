/**
 * OpenAPI documents for `kubelab serve`, shaped like kube-apiserver's `/openapi/v3` (an index of group
 * versions, each at `/openapi/v3/<gv>?hash=…`) and `/openapi/v2` (one Swagger 2.0 document, JSON only).
 * Built from src/api/generated/k8s-schema.json: component schemas named like `io.k8s.api.core.v1.Pod`
 * with `x-kubernetes-group-version-kind`, and per resource the REST paths with their operations (GVK
 * extension, `fieldValidation`/`dryRun`/`fieldManager` query parameters on writes) — enough for
 * kubectl's field-validation check (QueryParamVerifierV3, which then leaves validation to the server)
 * and for `kubectl explain`.
 * Leaves out: the protobuf encoding of v2, response schemas, list kinds' schemas, non-resource paths,
 * `x-kubernetes-patch-strategy` and friends beyond what the generated schema carries.
 */
import { createHash } from 'node:crypto';
import schemaJson from '../api/generated/k8s-schema.json';
import indexJson from '../api/generated/k8s-schema-index.json';
import { RESOURCES, groupVersion, type ResourceInfo } from '../api/resources';

type Schema = Record<string, unknown>;
const DEFS = (schemaJson as { definitions: Record<string, Schema> }).definitions;
const INDEX = indexJson as Record<string, string>;

/** `api/v1` or `apis/apps/v1`: how the v3 index names a group version. */
export function gvPath(info: { group: string; version: string }): string {
  return info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
}

function gvkExt(name: string): { group: string; version: string; kind: string }[] | undefined {
  const out: { group: string; version: string; kind: string }[] = [];
  for (const [key, def] of Object.entries(INDEX)) {
    if (def !== name) continue;
    const parts = key.split('/');
    const kind = parts.pop()!;
    const version = parts.pop()!;
    out.push({ group: parts.join('/'), version, kind });
  }
  return out.length ? out : undefined;
}

/** Copies a schema, pointing `$ref`s at `prefix` and collecting the names they reach. */
function rewrite(node: unknown, prefix: string, reached: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((x) => rewrite(x, prefix, reached));
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace(/^#\/definitions\//, '');
      reached.add(name);
      out[k] = prefix + name;
    } else out[k] = rewrite(v, prefix, reached);
  }
  return out;
}

/** The named schemas and everything they reference, with refs under `prefix`. */
function schemasFrom(roots: string[], prefix: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const todo = [...roots];
  while (todo.length) {
    const name = todo.pop()!;
    if (out[name] || !DEFS[name]) continue;
    const reached = new Set<string>();
    const s = rewrite(DEFS[name], prefix, reached) as Schema;
    const ext = gvkExt(name);
    if (ext) s['x-kubernetes-group-version-kind'] = ext;
    out[name] = s;
    for (const r of reached) if (!out[r]) todo.push(r);
  }
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];

function op(
  verb: string,
  info: ResourceInfo,
  opId: string,
  params: string[],
  v3: boolean,
): Record<string, unknown> {
  return {
    description: `${verb} ${info.kind}`,
    operationId: opId,
    tags: [info.group ? info.group.split('.')[0] + '_' + info.version : 'core_' + info.version],
    parameters: params.map((name) =>
      v3
        ? { name, in: 'query', description: name, schema: { type: 'string', uniqueItems: true } }
        : { name, in: 'query', description: name, type: 'string', uniqueItems: true },
    ),
    responses: { '200': { description: 'OK' }, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': verb,
    'x-kubernetes-group-version-kind': { group: info.group, version: info.version, kind: info.kind },
  };
}

function titleKind(info: ResourceInfo): string {
  const gv = info.group
    ? info.group.split('.')[0] + info.version[0].toUpperCase() + info.version.slice(1)
    : 'CoreV1';
  return gv.charAt(0).toUpperCase() + gv.slice(1);
}

/** REST paths of one resource, with operations carrying the GVK extension. */
function resourcePaths(info: ResourceInfo, v3: boolean): Record<string, unknown> {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const coll = info.namespaced
    ? `${base}/namespaces/{namespace}/${info.resource}`
    : `${base}/${info.resource}`;
  const item = `${coll}/{name}`;
  const t = titleKind(info);
  const ns = info.namespaced ? 'Namespaced' : '';
  const out: Record<string, unknown> = {};
  const c: Record<string, unknown> = {};
  const i: Record<string, unknown> = {};
  if (info.verbs.includes('list')) c.get = op('list', info, `list${t}${ns}${info.kind}`, [], v3);
  if (info.verbs.includes('create'))
    c.post = op('post', info, `create${t}${ns}${info.kind}`, WRITE_PARAMS, v3);
  if (info.verbs.includes('deletecollection'))
    c.delete = op('deletecollection', info, `deleteCollection${t}${ns}${info.kind}`, ['dryRun'], v3);
  if (info.verbs.includes('get')) i.get = op('get', info, `read${t}${ns}${info.kind}`, [], v3);
  if (info.verbs.includes('update'))
    i.put = op('put', info, `replace${t}${ns}${info.kind}`, WRITE_PARAMS, v3);
  if (info.verbs.includes('patch'))
    i.patch = op('patch', info, `patch${t}${ns}${info.kind}`, [...WRITE_PARAMS, 'force'], v3);
  if (info.verbs.includes('delete'))
    i.delete = op('delete', info, `delete${t}${ns}${info.kind}`, ['dryRun'], v3);
  if (Object.keys(c).length) out[coll] = c;
  if (Object.keys(i).length && info.resource !== 'bindings') out[item] = i;
  return out;
}

function rootsOf(rs: readonly ResourceInfo[]): string[] {
  const roots = [
    'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
    'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  ];
  for (const r of rs) {
    const def = INDEX[`${groupVersion(r)}/${r.kind}`];
    if (def) roots.push(def);
  }
  return roots;
}

function gvDocument(path: string): Record<string, unknown> | undefined {
  const rs = RESOURCES.filter((r) => gvPath(r) === path);
  if (!rs.length) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of rs) Object.assign(paths, resourcePaths(r, true));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.34.0' },
    paths,
    components: { schemas: schemasFrom(rootsOf(rs), '#/components/schemas/') },
  };
}

const docCache = new Map<string, { text: string; hash: string } | null>();

/** One group version's OpenAPI v3 document as JSON text with its hash, or undefined if not served. */
export function openapiV3Document(path: string): { text: string; hash: string } | undefined {
  const p = path.replace(/^\/+|\/+$/g, '');
  if (!docCache.has(p)) {
    const doc = gvDocument(p);
    if (!doc) docCache.set(p, null);
    else {
      const text = JSON.stringify(doc);
      docCache.set(p, { text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() });
    }
  }
  return docCache.get(p) ?? undefined;
}

/** The `/openapi/v3` index: every served group version with its `serverRelativeURL`. */
export function openapiV3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const gvs = [...new Set(RESOURCES.map((r) => gvPath(r)))].sort();
  for (const p of gvs) {
    const d = openapiV3Document(p)!;
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` };
  }
  return { paths };
}

let v2Cache: string | undefined;

/** The `/openapi/v2` Swagger document as JSON text (kube-apiserver also serves it as protobuf). */
export function openapiV2Text(): string {
  if (v2Cache === undefined) {
    const paths: Record<string, unknown> = {};
    for (const r of RESOURCES) Object.assign(paths, resourcePaths(r, false));
    v2Cache = JSON.stringify({
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.34.0' },
      paths,
      definitions: schemasFrom(rootsOf(RESOURCES), '#/definitions/'),
    });
  }
  return v2Cache;
}
