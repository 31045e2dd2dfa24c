/**
 * A tiny in-memory apiserver for client tests only (the role of client-go's `testing.Fake` + object
 * tracker): objects in a Map, a resourceVersion counter, LIST with label/field selectors and paging,
 * WATCH with history replay, CREATE/UPDATE/PATCH/DELETE, the pod binding/eviction/log and scale
 * subresources. Every request is recorded in `requests`. Tests can inject failures, compact history
 * (watches/lists from older versions then get 410 Expired), send a 410 to open watches, or close them.
 * Not a model of the real apiserver: no validation, no admission, no graceful deletion, and
 * strategic-merge patches are applied as JSON merge patches.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, errors, failureStatus, toStatus } from '../../api/errors';
import type { ApiRequest, ApiResponse, ApiTransport } from '../../api/rest';
import { findByKind, findResource, groupVersion, type ResourceInfo } from '../../api/resources';
import type { KubeObject, WatchEvent } from '../../api/types';
import { matches as labelsMatch, parseSelector } from '../../api/labels';

interface ParsedPath {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  info: ResourceInfo;
  obj: KubeObject;
  cause?: string;
}

interface OpenWatch {
  req: ApiRequest;
  parsed: ParsedPath;
  onEvent: (ev: WatchEvent) => void;
  onEnd: (err?: Status) => void;
  active: boolean;
}

interface Failure {
  match: (req: ApiRequest) => boolean;
  status: Status;
  times: number;
}

/** Writable view of ObjectMeta (kubernetes-types marks server-set fields readonly). */
type MutableMeta = { -readonly [K in keyof KubeObject['metadata']]: KubeObject['metadata'][K] };
function meta(o: KubeObject): MutableMeta {
  return o.metadata as MutableMeta;
}

function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Matches a field selector like `spec.nodeName=node-1,metadata.name!=x` against an object. */
export function matchFieldSelector(sel: string | undefined, obj: unknown): boolean {
  if (!sel) return true;
  for (const part of sel.split(',')) {
    const m = part.match(/^([^!=]+)(==|!=|=)(.*)$/);
    if (!m) throw errors.badRequest(`invalid field selector: '${part}'`);
    const v = getPath(obj, m[1].trim());
    const s = v === undefined || v === null ? '' : String(v);
    if (m[2] === '!=' ? s === m[3] : s !== m[3]) return false;
  }
  return true;
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Minimal RFC 6902 JSON patch (add, replace, remove). */
function jsonPatch(target: unknown, ops: { op: string; path: string; value?: unknown }[]): unknown {
  const doc = clone(target) as Record<string, unknown>;
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    let cur: Record<string, unknown> = doc;
    for (const p of parts) cur = cur[p] as Record<string, unknown>;
    if (op.op === 'remove') {
      if (Array.isArray(cur)) cur.splice(Number(last), 1);
      else delete cur[last];
    } else if (op.op === 'add' && Array.isArray(cur)) {
      if (last === '-') cur.push(op.value);
      else cur.splice(Number(last), 0, op.value);
    } else cur[last] = clone(op.value);
  }
  return doc;
}

/** Options of the fake. */
export interface FakeTransportOptions {
  /** Time source for creationTimestamp (default: fixed 2026-01-01T00:00:00Z). */
  now?: () => number;
}

/** The fake apiserver; see the file header. */
export class FakeTransport implements ApiTransport {
  /** Every request received, in order (watches included). */
  readonly requests: ApiRequest[] = [];
  /** Current resourceVersion (the etcd revision). */
  rv = 0;
  /** Oldest resourceVersion watches and lists can start from (exclusive). */
  compactedRV = 0;
  /** Pod logs by `ns/name`. */
  readonly logs = new Map<string, string>();
  private objects = new Map<string, { info: ResourceInfo; obj: KubeObject }>();
  private history: HistoryEntry[] = [];
  private watches = new Set<OpenWatch>();
  private failures: Failure[] = [];
  private uid = 0;

  constructor(private readonly opts: FakeTransportOptions = {}) {}

  // --- test controls -------------------------------------------------------------------------------

  /** Makes the next `times` requests matching `match` fail with `status`. */
  failNext(match: (req: ApiRequest) => boolean, status: Status, times = 1): void {
    this.failures.push({ match, status, times });
  }

  /** Drops all history up to now: watching or listing from an older resourceVersion gets 410. */
  compact(): void {
    this.compactedRV = this.rv;
    this.history = [];
  }

  /** Sends a 410 Expired ERROR event to every open watch; the watches then end (without onEnd, as upstream's server close). */
  expireWatches(): void {
    for (const w of [...this.watches]) {
      const rv = Number(w.req.query?.resourceVersion ?? 0);
      const st = failureStatus(410, 'Expired', `too old resource version: ${rv} (${this.compactedRV + 1})`);
      this.send(w, { type: 'ERROR', object: st as unknown as KubeObject }, true);
      this.endWatch(w, undefined);
    }
  }

  /** Ends every open watch, with `err` (or cleanly). */
  closeWatches(err?: Status): void {
    for (const w of [...this.watches]) this.endWatch(w, err);
  }

  /** While true, watch events are lost (a stalled stream); `expireWatches`/`closeWatches` still get through. */
  dropWatchEvents = false;

  /** Number of open watches. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** Puts an object straight into the store (an ADDED event is still sent). */
  seed(obj: KubeObject): KubeObject {
    const info = this.infoOf(obj);
    return this.store(info, obj, undefined);
  }

  /** The stored object, if any. */
  getObject(group: string, resource: string, ns: string | undefined, name: string): KubeObject | undefined {
    const info = findResource(group, resource);
    if (!info) return undefined;
    return clone(this.objects.get(this.key(info, ns, name))?.obj);
  }

  /** Writes an object as if another client updated it (MODIFIED event) — or deletes it. */
  mutate(
    group: string,
    resource: string,
    ns: string | undefined,
    name: string,
    fn: (o: KubeObject) => KubeObject | null,
  ): void {
    const info = findResource(group, resource)!;
    const key = this.key(info, ns, name);
    const cur = this.objects.get(key);
    if (!cur) throw new Error(`no ${key}`);
    const next = fn(clone(cur.obj));
    if (next === null) this.remove(info, key, undefined);
    else this.store(info, next, undefined);
  }

  // --- ApiTransport --------------------------------------------------------------------------------

  async request<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>> {
    this.requests.push(clone(req));
    const f = this.takeFailure(req);
    if (f) return { status: f.code ?? 500, body: f };
    try {
      return this.handle(req) as ApiResponse<T>;
    } catch (e) {
      const st = toStatus(e);
      return { status: st.code ?? 500, body: st };
    }
  }

  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void {
    this.requests.push(clone(req));
    const w: OpenWatch = { req, parsed: undefined as unknown as ParsedPath, onEvent, onEnd, active: true };
    const f = this.takeFailure(req);
    if (f) {
      queueMicrotask(() => w.active && onEnd(f));
      return () => (w.active = false);
    }
    try {
      w.parsed = this.parse(req.path);
    } catch (e) {
      queueMicrotask(() => w.active && onEnd(toStatus(e)));
      return () => (w.active = false);
    }
    const q = req.query ?? {};
    const rvText = q.resourceVersion ?? '';
    if (rvText !== '' && rvText !== '0' && Number(rvText) < this.compactedRV) {
      const st = failureStatus(
        410,
        'Expired',
        `too old resource version: ${rvText} (${this.compactedRV + 1})`,
      );
      this.send(w, { type: 'ERROR', object: st as unknown as KubeObject });
      queueMicrotask(() => w.active && ((w.active = false), onEnd()));
      return () => (w.active = false);
    }
    this.watches.add(w);
    if (rvText === '' || rvText === '0') {
      for (const { info, obj } of this.sorted()) {
        if (this.matches(w, info, obj)) this.send(w, { type: 'ADDED', object: clone(obj) });
      }
    } else {
      const from = Number(rvText);
      for (const h of this.history) {
        if (h.rv > from && this.matches(w, h.info, h.obj))
          this.send(w, { type: h.type, object: clone(h.obj), cause: h.cause });
      }
    }
    return () => {
      w.active = false;
      this.watches.delete(w);
    };
  }

  // --- internals -----------------------------------------------------------------------------------

  private takeFailure(req: ApiRequest): Status | undefined {
    const i = this.failures.findIndex((f) => f.match(req));
    if (i < 0) return undefined;
    const f = this.failures[i];
    if (--f.times <= 0) this.failures.splice(i, 1);
    return f.status;
  }

  private send(w: OpenWatch, ev: WatchEvent, force = false): void {
    if (this.dropWatchEvents && !force) return;
    queueMicrotask(() => {
      if (w.active) w.onEvent(ev);
    });
  }

  private endWatch(w: OpenWatch, err: Status | undefined): void {
    this.watches.delete(w);
    queueMicrotask(() => {
      if (!w.active) return;
      w.active = false;
      w.onEnd(err);
    });
  }

  private infoOf(obj: KubeObject): ResourceInfo {
    const found = findByKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!found) throw new Error(`unknown kind ${obj.apiVersion} ${obj.kind}`);
    return found;
  }

  private key(info: ResourceInfo, ns: string | undefined, name: string): string {
    return `${info.group}/${info.resource}/${info.namespaced ? (ns ?? '') : ''}/${name}`;
  }

  private sorted(): { info: ResourceInfo; obj: KubeObject }[] {
    return [...this.objects.keys()].sort().map((k) => this.objects.get(k)!);
  }

  private matches(w: OpenWatch, info: ResourceInfo, obj: KubeObject): boolean {
    const p = w.parsed;
    if (p.info.group !== info.group || p.info.resource !== info.resource) return false;
    if (p.namespace && obj.metadata.namespace !== p.namespace) return false;
    const q = w.req.query ?? {};
    if (q.labelSelector && !labelsMatch(parseSelector(q.labelSelector), obj.metadata.labels)) return false;
    return matchFieldSelector(q.fieldSelector, obj);
  }

  private parse(path: string): ParsedPath {
    const segs = path.split('/').filter(Boolean);
    let group = '';
    let version: string;
    let rest: string[];
    if (segs[0] === 'api') {
      version = segs[1];
      rest = segs.slice(2);
    } else if (segs[0] === 'apis') {
      group = segs[1];
      version = segs[2];
      rest = segs.slice(3);
    } else throw errors.notFoundPath();
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const info = findResource(group, rest[0] ?? '');
    if (!info || info.version !== version) throw errors.notFoundPath();
    return { info, namespace, name: rest[1], subresource: rest[2] };
  }

  private store(info: ResourceInfo, obj: KubeObject, cause: string | undefined): KubeObject {
    const key = this.key(info, obj.metadata.namespace, obj.metadata.name ?? '');
    const existed = this.objects.has(key);
    const o = clone(obj);
    o.apiVersion = groupVersion(info);
    o.kind = info.kind;
    meta(o).resourceVersion = String(++this.rv);
    this.objects.set(key, { info, obj: o });
    this.emit({ rv: this.rv, type: existed ? 'MODIFIED' : 'ADDED', info, obj: o, cause });
    return clone(o);
  }

  private remove(info: ResourceInfo, key: string, cause: string | undefined): KubeObject {
    const cur = this.objects.get(key)!;
    this.objects.delete(key);
    const o = clone(cur.obj);
    meta(o).resourceVersion = String(++this.rv);
    this.emit({ rv: this.rv, type: 'DELETED', info, obj: o, cause });
    return o;
  }

  private emit(h: HistoryEntry): void {
    this.history.push(h);
    for (const w of this.watches)
      if (this.matches(w, h.info, h.obj))
        this.send(w, { type: h.type, object: clone(h.obj), cause: h.cause });
  }

  private handle(req: ApiRequest): ApiResponse {
    const p = this.parse(req.path);
    const { info } = p;
    const gr = { group: info.group, resource: info.resource };
    const q = req.query ?? {};
    const dry = q.dryRun === 'All';
    const key = p.name !== undefined ? this.key(info, p.namespace, p.name) : '';
    const cur = key ? this.objects.get(key) : undefined;
    const needCur = () => {
      if (!cur) throw errors.notFound(gr, p.name!);
      return cur.obj;
    };
    const ok = (status: number, body: unknown): ApiResponse => ({ status, body: clone(body) });
    const success = (status = 201): ApiResponse =>
      ok(status, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: status });

    if (p.name === undefined) {
      if (req.method === 'GET') return ok(200, this.list(p, q));
      if (req.method === 'POST') {
        const body = clone(req.body as KubeObject);
        body.metadata ??= {};
        if (!body.metadata.name && body.metadata.generateName)
          body.metadata.name = `${body.metadata.generateName}${String(++this.uid).padStart(5, 'x')}`;
        if (info.namespaced) body.metadata.namespace = p.namespace ?? body.metadata.namespace;
        const k = this.key(info, body.metadata.namespace, body.metadata.name ?? '');
        if (this.objects.has(k)) throw errors.alreadyExists(gr, body.metadata.name ?? '');
        meta(body).uid = `uid-${++this.uid}`;
        meta(body).creationTimestamp = new Date(this.opts.now?.() ?? Date.UTC(2026, 0, 1))
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z');
        if (dry) return ok(201, { ...body, apiVersion: groupVersion(info), kind: info.kind });
        return ok(201, this.store(info, body, req.cause));
      }
      if (req.method === 'DELETE') {
        const list = this.list(p, q);
        if (!dry)
          for (const o of list.items)
            this.remove(info, this.key(info, o.metadata.namespace, o.metadata.name ?? ''), req.cause);
        return ok(200, list);
      }
      throw errors.methodNotSupported(gr, req.method);
    }

    switch (p.subresource) {
      case undefined:
      case 'status': {
        if (req.method === 'GET') return ok(200, needCur());
        if (req.method === 'PUT') {
          const old = needCur();
          const body = clone(req.body as KubeObject);
          if (body.metadata.resourceVersion && body.metadata.resourceVersion !== old.metadata.resourceVersion)
            throw errors.staleConflict(gr, p.name);
          const next =
            p.subresource === 'status'
              ? { ...old, status: body.status }
              : { ...body, status: old.status ?? body.status };
          if (dry) return ok(200, next);
          return ok(200, this.store(info, next as KubeObject, req.cause));
        }
        if (req.method === 'PATCH') {
          const old = needCur();
          const ct = req.headers?.contentType ?? '';
          const next = (
            ct.includes('json-patch') ? jsonPatch(old, req.body as []) : mergePatch(old, req.body)
          ) as KubeObject;
          if (dry) return ok(200, next);
          return ok(200, this.store(info, next, req.cause));
        }
        if (req.method === 'DELETE') {
          const old = needCur();
          const pre = (req.body as { preconditions?: { resourceVersion?: string; uid?: string } } | undefined)
            ?.preconditions;
          if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
            throw errors.conflict(
              gr,
              p.name,
              `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
            );
          if (dry) return ok(200, old);
          return ok(200, this.remove(info, key, req.cause));
        }
        break;
      }
      case 'binding': {
        const old = needCur();
        const b = req.body as { target: { name: string } };
        const next = { ...old, spec: { ...(old.spec as object), nodeName: b.target.name } } as KubeObject;
        if (!dry) this.store(info, next, req.cause);
        return success();
      }
      case 'eviction': {
        needCur();
        if (!dry) this.remove(info, key, req.cause);
        return success();
      }
      case 'log': {
        needCur();
        return { status: 200, body: this.logs.get(`${p.namespace}/${p.name}`) ?? '' };
      }
      case 'scale': {
        const old = needCur();
        const scale = {
          apiVersion: 'autoscaling/v1',
          kind: 'Scale',
          metadata: { name: p.name, namespace: p.namespace, resourceVersion: old.metadata.resourceVersion },
          spec: { replicas: (old.spec as { replicas?: number })?.replicas ?? 0 },
          status: { replicas: (old.status as { replicas?: number })?.replicas ?? 0 },
        };
        if (req.method === 'GET') return ok(200, scale);
        if (req.method === 'PUT') {
          const s = req.body as { spec?: { replicas?: number } };
          const next = {
            ...old,
            spec: { ...(old.spec as object), replicas: s.spec?.replicas ?? 0 },
          } as KubeObject;
          const stored = dry ? next : this.store(info, next, req.cause);
          return ok(200, {
            ...scale,
            metadata: { ...scale.metadata, resourceVersion: stored.metadata.resourceVersion },
            spec: { replicas: s.spec?.replicas ?? 0 },
          });
        }
        break;
      }
    }
    throw errors.methodNotSupported(gr, req.method);
  }

  private list(
    p: ParsedPath,
    q: Record<string, string | undefined>,
  ): {
    apiVersion: string;
    kind: string;
    metadata: { resourceVersion: string; continue?: string };
    items: KubeObject[];
  } {
    const rv = q.resourceVersion ?? '';
    if (!q.continue && rv !== '' && rv !== '0' && Number(rv) < this.compactedRV)
      throw new ApiError(
        failureStatus(410, 'Expired', `too old resource version: ${rv} (${this.compactedRV + 1})`),
      );
    const fake: OpenWatch = {
      req: { method: 'GET', path: '', query: q },
      parsed: p,
      onEvent: () => {},
      onEnd: () => {},
      active: false,
    };
    let items = this.sorted()
      .filter(({ info, obj }) => this.matches(fake, info, obj))
      .map(({ obj }) => obj);
    const start = q.continue ? Number(q.continue) : 0;
    const limit = q.limit ? Number(q.limit) : 0;
    let cont: string | undefined;
    items = items.slice(start);
    if (limit > 0 && items.length > limit) {
      items = items.slice(0, limit);
      cont = String(start + limit);
    }
    const meta: { resourceVersion: string; continue?: string } = { resourceVersion: String(this.rv) };
    if (cont) meta.continue = cont;
    return {
      apiVersion: groupVersion(p.info),
      kind: `${p.info.kind}List`,
      metadata: meta,
      items: clone(items),
    };
  }
}
