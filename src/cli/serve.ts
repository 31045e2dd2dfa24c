/**
 * `kubelab serve`: a simulated cluster's kube-apiserver over real HTTP on 127.0.0.1, so real clients
 * (kubectl, client-go, curl) can talk to it. Mirrors what kube-apiserver's HTTP layer does around the
 * REST handlers: request decoding (JSON, YAML, the patch media types), `Accept` negotiation (Tables,
 * aggregated discovery `apidiscovery.k8s.io/v2`), `Warning: 299` headers, watch streams as
 * newline-delimited JSON events, pod logs as text/plain, and `/openapi/v2`, `/openapi/v3`.
 * Leaves out: TLS and authentication (everyone is the `kubectl` connection), protobuf (responses are
 * always JSON; protobuf request bodies, which kubectl's typed clients send for `kubectl create
 * deployment|configmap|…`, get 415 as custom resources do upstream), exec/attach/port-forward
 * upgrades, `logs -f` streaming (logs answer with what exists now), HTTP/2.
 */
import { SUB_KIND, SUB_VERBS } from '../control-plane/apiserver/discovery';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';
import { failureStatus } from '../api/errors';
import { SERVED_RESOURCES, type ResourceInfo } from '../api/resources';
import type { ApiRequest, ApiTransport, HttpMethod } from '../api/rest';
import { resolveRequest } from '../control-plane/apiserver/router';
import type { SimCluster } from '../runtime/sim-cluster';
import { openapiV2Text, openapiV3Document, openapiV3Index } from './openapi';

/** Options of `serve`. */
export interface ServeOptions {
  /** Port to listen on; 0 or unset picks a free one. */
  port?: number;
  host?: '127.0.0.1';
  cluster: SimCluster;
  /** One line per request (`GET /api/v1/pods 200`). */
  log?: (s: string) => void;
}

/** A running server. */
export interface Served {
  port: number;
  close(): Promise<void>;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const UNSUPPORTED_BODY =
  'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml';
const DISCOVERY_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** `Warning` header value for one warning text, quoted like net/http's warning agent. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** True when the request asks for the v2 aggregated discovery document. */
function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some(
      (t) =>
        /g=apidiscovery\.k8s\.io/.test(t) &&
        /v=v2(?:;|$|\s)/.test(t.replace(/\s/g, '') + ';') &&
        /as=APIGroupDiscoveryList/.test(t),
    );
}

function resourceDiscovery(r: ResourceInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s,
      responseKind: SUB_KIND[s]
        ? { group: SUB_KIND[s].group ?? '', version: SUB_KIND[s].version ?? 'v1', kind: SUB_KIND[s].kind }
        : { group: r.group, version: r.version, kind: r.kind },
      verbs: SUB_VERBS[s] ?? ['get'],
    }));
  }
  return out;
}

/** The aggregated discovery document (`APIGroupDiscoveryList`) of `/api` (core) or `/apis` (groups). */
export function aggregatedDiscovery(core: boolean): Record<string, unknown> {
  const groups = new Map<string, ResourceInfo[]>();
  for (const r of SERVED_RESOURCES) {
    if ((r.group === '') !== core) continue;
    if (!groups.has(r.group)) groups.set(r.group, []);
    groups.get(r.group)!.push(r);
  }
  const items = [...groups].map(([name, rs]) => {
    const versions = [...new Set(rs.map((r) => r.version))].map((version) => ({
      version,
      resources: rs.filter((r) => r.version === version).map(resourceDiscovery),
      freshness: 'Current',
    }));
    return { metadata: core ? { creationTimestamp: null } : { name, creationTimestamp: null }, versions };
  });
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

class BodyError extends Error {}

/** Decodes a request body by its content type: JSON (and the JSON patch types) or YAML. */
function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  const mt = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  try {
    if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml' || mt === 'text/yaml')
      return YAML.parse(text);
    return JSON.parse(text);
  } catch (e) {
    throw new BodyError(e instanceof Error ? e.message : String(e));
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  contentType?: string,
  warnings?: string[],
): void {
  const headers: http.OutgoingHttpHeaders = { 'Cache-Control': 'no-cache, private' };
  let text: string;
  if (typeof body === 'string' && !contentType) {
    headers['Content-Type'] = 'text/plain';
    text = body;
  } else {
    headers['Content-Type'] = contentType ?? 'application/json';
    text = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (warnings?.length) headers['Warning'] = warnings.map(warningHeader);
  headers['Content-Length'] = Buffer.byteLength(text);
  res.writeHead(status, headers);
  res.end(text);
}

function isWatch(q: Record<string, string>): boolean {
  return q.watch === 'true' || q.watch === '1';
}

/**
 * Serves `cluster`'s API over HTTP on 127.0.0.1 and resolves once listening, with the port (useful
 * when `port` is 0) and a `close()` that ends open watches and stops the server.
 */
export async function serve(opts: ServeOptions): Promise<Served> {
  const api: ApiTransport = opts.cluster.connect('kubectl');
  const log = opts.log ?? (() => {});
  const openWatches = new Set<() => void>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const method = (req.method ?? 'GET').toUpperCase();
    const accept = req.headers.accept;
    const contentType = req.headers['content-type'];
    const ua = req.headers['user-agent'];
    const from = ua ? ua.split('/')[0] : 'client';
    const done = (status: number) => log(`${method} ${req.url} ${status}`);

    if (!METHODS.has(method)) {
      send(
        res,
        405,
        failureStatus(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        ),
      );
      return done(405);
    }
    const raw = await readBody(req);

    // Served here rather than by the apiserver: aggregated discovery and OpenAPI.
    if (method === 'GET') {
      const p = path.replace(/\/+$/, '') || '/';
      if ((p === '/api' || p === '/apis') && wantsAggregated(accept)) {
        send(res, 200, aggregatedDiscovery(p === '/api'), DISCOVERY_V2);
        return done(200);
      }
      if (p === '/openapi/v3') {
        send(res, 200, openapiV3Index());
        return done(200);
      }
      if (p.startsWith('/openapi/v3/')) {
        const doc = openapiV3Document(p.slice('/openapi/v3/'.length));
        if (doc) {
          res.setHeader('Etag', `"${doc.hash}"`);
          send(res, 200, doc.text, 'application/json');
          return done(200);
        }
        send(res, 404, failureStatus(404, 'NotFound', 'the server could not find the requested resource'));
        return done(404);
      }
      if (p === '/openapi/v2') {
        const a = accept ?? '';
        if (a && !/application\/json|\*\/\*/.test(a)) {
          send(
            res,
            406,
            failureStatus(
              406,
              'NotAcceptable',
              `only the following media types are accepted: application/json`,
            ),
          );
          return done(406);
        }
        send(res, 200, openapiV2Text(), 'application/json');
        return done(200);
      }
    }

    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (raw.length && mediaType === 'application/vnd.kubernetes.protobuf') {
      // As kube-apiserver answers for kinds it has no protobuf codec for (custom resources).
      send(res, 415, failureStatus(415, 'UnsupportedMediaType', UNSUPPORTED_BODY));
      return done(415);
    }
    let body: unknown;
    try {
      body = decodeBody(raw, contentType);
    } catch {
      const msg = `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`;
      send(res, 400, failureStatus(400, 'BadRequest', msg));
      return done(400);
    }
    const areq: ApiRequest = {
      method: method as HttpMethod,
      path,
      query,
      body,
      headers: { contentType, accept },
      from,
    };

    if (method === 'GET' && isWatch(query) && resolveRequest(areq).kind === 'resource') {
      return startWatch(areq, req, res, done);
    }
    const r = await api.request(areq);
    const isTable = (accept ?? '').includes('as=Table');
    const ct =
      typeof r.body === 'string'
        ? undefined
        : isTable && r.status < 300
          ? 'application/json;as=Table;v=v1;g=meta.k8s.io'
          : undefined;
    send(res, r.status, r.body, ct, r.warnings);
    done(r.status);
  };

  const startWatch = (
    areq: ApiRequest,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    done: (s: number) => void,
  ): void => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    done(200);
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      openWatches.delete(stop);
      res.end();
    };
    const cancel = api.watch(
      areq,
      (ev) => {
        if (open) res.write(JSON.stringify({ type: ev.type, object: ev.object }) + '\n');
      },
      (err) => {
        if (err && open) res.write(JSON.stringify({ type: 'ERROR', object: err }) + '\n');
        finish();
      },
    );
    const stop = () => {
      cancel();
      finish();
    };
    openWatches.add(stop);
    req.on('close', () => {
      if (open) stop();
    });
    res.on('close', () => {
      if (open) stop();
    });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      log(`${req.method} ${req.url} 500 ${msg}`);
      if (!res.headersSent)
        send(res, 500, failureStatus(500, 'InternalError', `Internal error occurred: ${msg}`));
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: async () => {
      for (const stop of [...openWatches]) stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
