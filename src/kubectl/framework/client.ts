/**
 * kubectl's REST side: requests through the injected transport that throw `ApiError` on failure
 * (client-go rest.Result.Error), and the discovery cache + RESTMapper (client-go discovery,
 * restmapper.DeferredDiscoveryRESTMapper with the shortcut and category expanders). Leaves out:
 * on-disk discovery caching, aggregated discovery, and version negotiation beyond the preferred version.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, failureStatus } from '../../api/errors';
import type { ApiRequest, ApiTransport } from '../../api/rest';
import type { WatchEvent } from '../../api/types';
import { CmdError } from './command';

/** One resource as discovery describes it, with its group and version filled in. */
export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  group: string;
  version: string;
}

/** One API group and its versions, in discovery order. */
export interface ApiGroupInfo {
  name: string;
  versions: string[];
  preferredVersion: string;
}

/** Everything discovery returned, in server order. */
export interface DiscoveryInfo {
  groups: ApiGroupInfo[];
  /** Top-level resources (no subresources) of every served group version, in discovery order. */
  resources: ApiResource[];
}

/** `apps/v1` or `v1`. */
export function gvString(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps` or `pods`: how kubectl names a resource in messages. */
export function groupResource(r: { group: string; name: string }): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

/** The REST path of a resource collection or object. */
export function resourcePath(
  r: ApiResource,
  namespace: string | undefined,
  name?: string,
  sub?: string,
): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const n = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${r.name}${n}${sub ? `/${sub}` : ''}`;
}

function isStatus(b: unknown): b is Status {
  return typeof b === 'object' && b !== null && (b as { kind?: string }).kind === 'Status';
}

/** REST helpers over an `ApiTransport`, with a per-invocation discovery cache. */
export class Client {
  private disc: Promise<DiscoveryInfo> | undefined;
  constructor(
    readonly api: ApiTransport,
    readonly from = 'kubectl',
  ) {}

  /** Sends a request; resolves with the body on 2xx, throws `ApiError` otherwise. */
  async request<T = unknown>(req: ApiRequest): Promise<T> {
    const res = await this.api.request<T>({ from: this.from, ...req });
    if (res.status >= 400) {
      const body = res.body;
      if (isStatus(body)) throw new ApiError(body);
      throw new ApiError(failureStatus(res.status, '', `the server responded with status ${res.status}`));
    }
    return res.body as T;
  }

  /** GET helper. */
  get<T = unknown>(path: string, query?: Record<string, string | undefined>, accept?: string): Promise<T> {
    return this.request<T>({ method: 'GET', path, query, headers: accept ? { accept } : undefined });
  }

  /** Opens a watch; returns its cancel function. */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onEnd: (err?: Status) => void): () => void {
    return this.api.watch({ from: this.from, ...req }, onEvent, onEnd);
  }

  /** The server's discovery documents (fetched once per invocation). */
  discovery(): Promise<DiscoveryInfo> {
    this.disc ??= this.fetchDiscovery();
    return this.disc;
  }

  private async fetchDiscovery(): Promise<DiscoveryInfo> {
    const core = await this.get<{ versions: string[] }>('/api');
    const apis = await this.get<{
      groups: Array<{
        name: string;
        versions: Array<{ version: string }>;
        preferredVersion?: { version: string };
      }>;
    }>('/apis');
    const groups: ApiGroupInfo[] = [
      { name: '', versions: core.versions, preferredVersion: core.versions[0] },
      ...apis.groups.map((g) => ({
        name: g.name,
        versions: g.versions.map((v) => v.version),
        preferredVersion: g.preferredVersion?.version ?? g.versions[0].version,
      })),
    ];
    const lists = await Promise.all(
      groups.flatMap((g) =>
        g.versions.map(async (v) => {
          const path = g.name ? `/apis/${g.name}/${v}` : `/api/${v}`;
          const body = await this.get<{
            resources: Array<
              Omit<ApiResource, 'group' | 'version'> & { shortNames?: string[]; categories?: string[] }
            >;
          }>(path);
          return body.resources
            .filter((r) => !r.name.includes('/'))
            .map((r): ApiResource => ({
              name: r.name,
              singularName: r.singularName || r.kind.toLowerCase(),
              namespaced: r.namespaced,
              kind: r.kind,
              verbs: r.verbs ?? [],
              shortNames: r.shortNames ?? [],
              categories: r.categories ?? [],
              group: g.name,
              version: v,
            }));
        }),
      ),
    );
    return { groups, resources: lists.flat() };
  }

  /** The resources that serve the preferred version of their group, in discovery order. */
  async preferredResources(): Promise<ApiResource[]> {
    const d = await this.discovery();
    const pref = new Map(d.groups.map((g) => [g.name, g.preferredVersion]));
    return d.resources.filter((r) => pref.get(r.group) === r.version);
  }

  /**
   * Resolves what a user typed as a resource type (RESTMapper.ResourceFor after the shortcut expander):
   * plural, singular, short name or kind, any case, optionally `.group` or `.version.group` qualified.
   */
  async resolveType(arg: string): Promise<ApiResource> {
    const found = await this.tryResolveType(arg);
    if (!found) throw new CmdError(`the server doesn't have a resource type "${arg}"`);
    return found;
  }

  /** Like `resolveType`, but undefined when nothing matches. */
  async tryResolveType(arg: string): Promise<ApiResource | undefined> {
    const all = await this.preferredResources();
    const d = await this.discovery();
    const lower = arg.toLowerCase();
    const candidates: Array<{ name: string; group?: string; version?: string }> = [{ name: lower }];
    const parts = lower.split('.');
    if (parts.length >= 2) {
      candidates.push({ name: parts[0], group: parts.slice(1).join('.') });
      if (parts.length >= 3)
        candidates.unshift({ name: parts[0], version: parts[1], group: parts.slice(2).join('.') });
    }
    for (const c of candidates) {
      const pool = c.version
        ? d.resources.filter((r) => r.version === c.version && r.group === c.group)
        : c.group !== undefined
          ? d.resources.filter(
              (r) =>
                r.group === c.group &&
                r.version === d.groups.find((g) => g.name === c.group)?.preferredVersion,
            )
          : all;
      const match =
        pool.find((r) => r.name === c.name) ??
        pool.find((r) => r.singularName === c.name) ??
        pool.find((r) => r.shortNames.includes(c.name)) ??
        pool.find((r) => r.kind.toLowerCase() === c.name);
      if (match) return match;
    }
    return undefined;
  }

  /** Resources in a category (`all`), in discovery order; empty when the name is no category. */
  async category(name: string): Promise<ApiResource[]> {
    const all = await this.preferredResources();
    return all.filter((r) => r.categories.includes(name));
  }

  /** The resource serving apiVersion + kind, if any. */
  async forKind(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    const d = await this.discovery();
    return d.resources.find((r) => gvString(r) === apiVersion && r.kind === kind);
  }
}
