/**
 * Evaluates lesson checks against the cluster. Objects are read through the apiserver with the
 * learner's own tools' semantics: kinds resolve as kubectl resolves resource names (kind, plural,
 * singular or short name), lists carry `labelSelector` / `fieldSelector` query parameters so the
 * apiserver applies its own selector rules, and JSONPath values are rendered by kubectl's JSONPath
 * (`-o jsonpath=`, missing keys allowed, printing scalars as kubectl does). Each result carries a
 * human-readable detail naming the object and value that did (not) match.
 */
import { ApiError } from '../api/errors';
import type { ApiTransport } from '../api/rest';
import { RESOURCES, groupVersion, type ResourceInfo } from '../api/resources';
import type { KubeList, KubeObject } from '../api/types';
import { JsonPath, JsonPathError, sortKeys } from '../kubectl/printers/jsonpath';
import type { Check, ObjectRef, TraceQuery } from './types';

/** Selectors of a list, as kubectl's `-l` and `--field-selector`. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** Read access to the cluster's objects. */
export interface ClusterReader {
  /** Objects of `kind` in `namespace` (all namespaces when undefined; ignored for cluster-scoped kinds). */
  list(kind: string, namespace: string | undefined, opts: ListOptions): Promise<KubeObject[]>;
  /** One object, or undefined when it does not exist. */
  get(kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
}

/** The page's state that `ui` checks look at. */
export interface UiState {
  clockPaused: boolean;
  traceSeen(q: TraceQuery): boolean;
}

/** Outcome of one check. `skipped` when it needs the page's state and none was given (headless). */
export interface CheckResult {
  passed: boolean;
  detail: string;
  skipped?: boolean;
}

/** A check that cannot be evaluated (unknown kind, bad selector, server error). */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

/** Finds a resource by kind (`Pod`), plural (`pods`), singular (`pod`) or short name (`po`), as kubectl does. */
export function resolveKind(name: string): ResourceInfo | undefined {
  const [base, ...group] = name.split('.');
  const g = group.join('.');
  const lower = base.toLowerCase();
  const match = (r: ResourceInfo) =>
    (g === '' || r.group === g) &&
    (r.kind.toLowerCase() === lower || r.resource === lower || r.singular === lower || r.shortNames.includes(lower));
  return RESOURCES.find((r) => match(r) && r.kind !== 'Binding');
}

function infoOf(kind: string): ResourceInfo {
  const info = resolveKind(kind);
  if (!info) throw new CheckError(`the server doesn't have a resource type "${kind}"`);
  return info;
}

function basePath(info: ResourceInfo, namespace: string | undefined): string {
  const prefix = info.group ? `/apis/${groupVersion(info)}` : `/api/${info.version}`;
  return info.namespaced && namespace !== undefined
    ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${info.resource}`
    : `${prefix}/${info.resource}`;
}

function statusMessage(body: unknown, status: number): string {
  const msg = (body as { message?: unknown } | undefined)?.message;
  return typeof msg === 'string' ? msg : `the server answered ${status}`;
}

/** A `ClusterReader` over an apiserver connection. */
export function apiReader(api: ApiTransport, from = 'lessons'): ClusterReader {
  return {
    async list(kind, namespace, opts) {
      const info = infoOf(kind);
      const query: Record<string, string> = {};
      if (opts.labelSelector) query.labelSelector = opts.labelSelector;
      if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
      const res = await api.request<KubeList>({ method: 'GET', path: basePath(info, namespace), query, from });
      if (res.status !== 200) throw new CheckError(statusMessage(res.body, res.status));
      const list = res.body as KubeList;
      const apiVersion = groupVersion(info);
      return list.items.map((o) => ({ ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? info.kind }));
    },
    async get(kind, namespace, name) {
      const info = infoOf(kind);
      const path = `${basePath(info, info.namespaced ? (namespace ?? 'default') : undefined)}/${encodeURIComponent(name)}`;
      const res = await api.request<KubeObject>({ method: 'GET', path, from });
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw new CheckError(statusMessage(res.body, res.status));
      return res.body as KubeObject;
    },
  };
}

/** Memoizes reads for one evaluation round (several steps looking at the same objects). */
export function cachedReader(reader: ClusterReader): ClusterReader {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = f();
      memo.set(key, p);
    }
    return p;
  };
  return {
    list: (kind, ns, opts) =>
      once(`list\0${kind}\0${ns ?? ''}\0${opts.labelSelector ?? ''}\0${opts.fieldSelector ?? ''}`, () =>
        reader.list(kind, ns, opts),
      ),
    get: (kind, ns, name) => once(`get\0${kind}\0${ns ?? ''}\0${name}`, () => reader.get(kind, ns, name)),
  };
}

/** The value `kubectl get … -o jsonpath=TEMPLATE` prints for `obj`. */
export function jsonPathValue(obj: KubeObject, template: string): string {
  const jp = new JsonPath(template, { allowMissingKeys: true });
  return jp.execute(sortKeys(obj as never));
}

/** Namespace a reference means: its own, else `default` for namespaced kinds, else none (throws for unknown kinds). */
export function refNamespace(ref: { kind: string; namespace?: string }): string | undefined {
  const info = infoOf(ref.kind);
  if (!info.namespaced) return undefined;
  return ref.namespace ?? 'default';
}

/** `pod/nginx` or `deployment.apps/web` (kubectl's name form), with ` in namespace "x"` for others than default. */
export function describeRef(ref: ObjectRef): string {
  const info = resolveKind(ref.kind);
  const type = info ? (info.group ? `${info.singular}.${info.group}` : info.singular) : ref.kind;
  const ns = info?.namespaced ? (ref.namespace ?? 'default') : undefined;
  return `${type}/${ref.name}${ns && ns !== 'default' ? ` in namespace "${ns}"` : ''}`;
}

function kindWords(kind: string, n: number): string {
  const info = resolveKind(kind);
  if (!info) return kind;
  return n === 1 ? info.singular : info.resource;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** Evaluates a check. `ui` undefined means headless: `ui` checks are skipped. */
export async function evaluateCheck(check: Check, reader: ClusterReader, ui?: UiState): Promise<CheckResult> {
  try {
    return await evaluate(check, reader, ui);
  } catch (e) {
    if (e instanceof CheckError || e instanceof JsonPathError || e instanceof ApiError)
      return { passed: false, detail: `cannot check: ${e.message}` };
    throw e;
  }
}

async function evaluate(check: Check, reader: ClusterReader, ui: UiState | undefined): Promise<CheckResult> {
  switch (check.type) {
    case 'object': {
      const ref = check.object;
      const obj = await reader.get(ref.kind, refNamespace(ref), ref.name);
      if (!obj) return { passed: false, detail: `${describeRef(ref)} not found` };
      const value = jsonPathValue(obj, check.jsonpath);
      const what = `${describeRef(ref)} ${check.jsonpath} is ${quote(value)}`;
      if (check.equals !== undefined)
        return value === check.equals
          ? { passed: true, detail: what }
          : { passed: false, detail: `${what}, want ${quote(check.equals)}` };
      if (check.notEquals !== undefined)
        return value !== check.notEquals
          ? { passed: true, detail: what }
          : { passed: false, detail: `${what}, want anything else` };
      if (check.matches !== undefined)
        return new RegExp(check.matches).test(value)
          ? { passed: true, detail: what }
          : { passed: false, detail: `${what}, want a match of /${check.matches}/` };
      if (check.atLeast !== undefined) {
        const n = value.trim() === '' ? NaN : Number(value);
        if (Number.isNaN(n)) return { passed: false, detail: `${what}, want a number of at least ${check.atLeast}` };
        return n >= check.atLeast
          ? { passed: true, detail: what }
          : { passed: false, detail: `${what}, want at least ${check.atLeast}` };
      }
      return { passed: true, detail: what };
    }
    case 'exists':
    case 'absent': {
      const obj = await reader.get(check.ref.kind, refNamespace(check.ref), check.ref.name);
      const exists = obj !== undefined;
      const d = `${describeRef(check.ref)} ${exists ? 'exists' : 'not found'}`;
      return { passed: check.type === 'exists' ? exists : !exists, detail: d };
    }
    case 'count': {
      const q = check.count;
      const info = infoOf(q.kind);
      const ns = !info.namespaced || q.allNamespaces ? undefined : (q.namespace ?? 'default');
      let items = await reader.list(q.kind, ns, { labelSelector: q.selector, fieldSelector: q.fieldSelector });
      if (q.jsonpath !== undefined) {
        const jsonpath = q.jsonpath;
        items = items.filter((o) => q.equals === undefined || jsonPathValue(o, jsonpath) === q.equals);
      }
      const n = items.length;
      const sel = [
        q.selector ? `-l ${q.selector}` : '',
        q.fieldSelector ? `--field-selector ${q.fieldSelector}` : '',
        q.jsonpath !== undefined && q.equals !== undefined ? `with ${q.jsonpath} = ${quote(q.equals)}` : '',
        ns ? `in namespace "${ns}"` : info.namespaced ? 'in all namespaces' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const what = `${n} ${kindWords(q.kind, n)}${sel ? ` ${sel}` : ''}`;
      const want: string[] = [];
      let ok = true;
      if (check.equals !== undefined) {
        ok &&= n === check.equals;
        want.push(`exactly ${check.equals}`);
      }
      if (check.atLeast !== undefined) {
        ok &&= n >= check.atLeast;
        want.push(`at least ${check.atLeast}`);
      }
      if (check.atMost !== undefined) {
        ok &&= n <= check.atMost;
        want.push(`at most ${check.atMost}`);
      }
      return { passed: ok, detail: ok ? what : `${what}, want ${want.join(' and ')}` };
    }
    case 'event': {
      const q = check.event;
      const fields = [`reason=${q.reason}`];
      if (q.type) fields.push(`type=${q.type}`);
      if (q.object) {
        const info = resolveKind(q.object.kind);
        fields.push(`involvedObject.kind=${info?.kind ?? q.object.kind}`, `involvedObject.name=${q.object.name}`);
        if (q.object.namespace) fields.push(`involvedObject.namespace=${q.object.namespace}`);
      }
      const events = await reader.list('Event', q.namespace, { fieldSelector: fields.join(',') });
      const re = q.messageMatches !== undefined ? new RegExp(q.messageMatches) : undefined;
      const hit = events.find((e) => !re || re.test(String(e.message ?? '')));
      const about = q.object ? ` for ${q.object.kind.toLowerCase()}/${q.object.name}` : '';
      const typ = q.type ? `${q.type} ` : '';
      if (hit)
        return { passed: true, detail: `${typ}event ${q.reason}${about}: ${String(hit.message ?? '')}` };
      const other = re && events.length ? ` (${events.length} without a message matching /${q.messageMatches}/)` : '';
      return { passed: false, detail: `no ${typ}event ${q.reason}${about} yet${other}` };
    }
    case 'ui': {
      const q = check.ui;
      if (!ui) return { passed: false, skipped: true, detail: 'page state (not checked headlessly)' };
      if ('clockPaused' in q) {
        const ok = ui.clockPaused === q.clockPaused;
        return { passed: ok, detail: `the clock is ${ui.clockPaused ? 'paused' : 'running'}` };
      }
      const t = q.traceSeen;
      const ok = ui.traceSeen(t);
      const label = [t.verb, t.kind ?? t.resource].filter(Boolean).join(' ');
      return { passed: ok, detail: ok ? `trace of ${label} opened` : `trace of ${label} not opened yet` };
    }
    case 'all': {
      const results: CheckResult[] = [];
      for (const c of check.checks) results.push(await evaluate(c, reader, ui));
      const failed = results.filter((r) => !r.passed && !r.skipped);
      const skipped = results.some((r) => r.skipped);
      if (failed.length) return { passed: false, detail: failed.map((r) => r.detail).join('; ') };
      if (skipped) return { passed: false, skipped: true, detail: results.map((r) => r.detail).join('; ') };
      return { passed: true, detail: results.map((r) => r.detail).join('; ') };
    }
    case 'any': {
      const results: CheckResult[] = [];
      for (const c of check.checks) {
        const r = await evaluate(c, reader, ui);
        if (r.passed) return r;
        results.push(r);
      }
      const skipped = results.some((r) => r.skipped);
      return { passed: false, skipped: skipped || undefined, detail: results.map((r) => r.detail).join('; or ') };
    }
    case 'not': {
      const r = await evaluate(check.check, reader, ui);
      if (r.skipped) return r;
      return { passed: !r.passed, detail: r.passed ? `not wanted: ${r.detail}` : r.detail };
    }
  }
}

/** True when a check (or one of its parts) looks at the page's state. */
export function usesUi(check: Check): boolean {
  switch (check.type) {
    case 'ui':
      return true;
    case 'all':
    case 'any':
      return check.checks.some(usesUi);
    case 'not':
      return usesUi(check.check);
    default:
      return false;
  }
}

/** Resources a check reads (to know which to watch). */
export function checkResources(check: Check): ResourceInfo[] {
  const kinds: string[] = [];
  const walk = (c: Check): void => {
    switch (c.type) {
      case 'object':
        kinds.push(c.object.kind);
        break;
      case 'exists':
      case 'absent':
        kinds.push(c.ref.kind);
        break;
      case 'count':
        kinds.push(c.count.kind);
        break;
      case 'event':
        kinds.push('Event');
        break;
      case 'all':
      case 'any':
        c.checks.forEach(walk);
        break;
      case 'not':
        walk(c.check);
        break;
      case 'ui':
        break;
    }
  };
  walk(check);
  const out: ResourceInfo[] = [];
  for (const k of kinds) {
    const info = resolveKind(k);
    if (info && !out.includes(info)) out.push(info);
  }
  return out;
}

/** The list path of a resource across all namespaces (what a watch on it opens). */
export function watchPath(info: ResourceInfo): string {
  return basePath(info, undefined);
}
