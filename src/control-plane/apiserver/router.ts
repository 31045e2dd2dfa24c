/**
 * Request routing as kube-apiserver's RequestInfoResolver does it: splits a path such as
 * `/apis/apps/v1/namespaces/default/deployments/web/scale` into group, version, namespace, resource,
 * name and subresource, and names the verb (get, list, watch, create, update, patch, delete,
 * deletecollection). A version served from another version's storage (autoscaling/v1) resolves to
 * the storage version's entry, with the served one alongside.
 */
import type { ApiRequest } from '../../api/rest';
import { SERVED_RESOURCES, storageInfo, type ResourceInfo } from '../../api/resources';

/** A request that names a resource. */
export interface ResourceRequest {
  kind: 'resource';
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  /** The resource's storage-version entry (what caches, etcd keys, defaults and validation use). */
  info: ResourceInfo;
  /** The version the path names, when it is not the storage version (bodies are converted). */
  served?: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** A discovery or health request. */
export interface NonResourceRequest {
  kind: 'nonresource';
  path: string;
}

/** What a path names, or an error reason. */
export type RequestInfo = ResourceRequest | NonResourceRequest | { kind: 'notfound' };

const byGV = new Map<string, Map<string, ResourceInfo>>();
for (const r of SERVED_RESOURCES) {
  const gv = `${r.group}/${r.version}`;
  if (!byGV.has(gv)) byGV.set(gv, new Map());
  byGV.get(gv)!.set(r.resource, r);
}

/** True when `group/version` is served. */
export function servesGroupVersion(group: string, version: string): boolean {
  return byGV.has(`${group}/${version}`);
}

/** Resolves a request's path and method. */
export function resolveRequest(req: ApiRequest): RequestInfo {
  const parts = req.path.split('/').filter((p) => p.length > 0);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return { kind: 'nonresource', path: req.path };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length < 3) return { kind: 'nonresource', path: req.path };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { kind: 'nonresource', path: req.path };
  }
  const resources = byGV.get(`${group}/${version}`);
  if (!resources) return { kind: 'notfound' };
  if (rest.length === 0) return { kind: 'nonresource', path: req.path };

  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}... (but /namespaces/{name} and /namespaces/{name}/status|finalize are the namespace itself)
  if (
    rest[0] === 'namespaces' &&
    group === '' &&
    rest.length >= 3 &&
    !['status', 'finalize'].includes(rest[2])
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && group !== '' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = resources.get(rest[0]);
  if (!info) return { kind: 'notfound' };
  if (namespace !== undefined && !info.namespaced) return { kind: 'notfound' };
  const name = rest[1];
  const subresource = rest[2];
  if (rest.length > 3) return { kind: 'notfound' };
  if (subresource !== undefined && !info.subresources.includes(subresource)) return { kind: 'notfound' };

  const q = req.query ?? {};
  const isWatch = q.watch === 'true' || q.watch === '1';
  let verb: ResourceRequest['verb'];
  switch (req.method) {
    case 'GET':
      verb = name === undefined ? (isWatch ? 'watch' : 'list') : isWatch ? 'watch' : 'get';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === undefined ? 'deletecollection' : 'delete';
      break;
  }
  const stored = storageInfo(info);
  if (stored !== info)
    return { kind: 'resource', verb, info: stored, served: info, namespace, name, subresource };
  return { kind: 'resource', verb, info, namespace, name, subresource };
}
