/**
 * Turning command arguments into resources to fetch, as cli-runtime's resource.Builder does for
 * `ResourceTypeOrNameArgs`: `TYPE[,TYPE...] [NAME...]`, `TYPE/NAME ...`, the `all` category, and the
 * exact argument errors. Also the error formatting of cmdutil.CheckErr for API errors. Leaves out:
 * `-f`/`-k` file visitors (the next commands add them), label-selector + name mixing checks.
 */
import { ApiError } from '../../api/errors';
import { CmdError } from './command';
import type { ApiResource, Client } from './client';

/** One thing to fetch: a resource type and, for a named get, one name. */
export interface ResourceTarget {
  resource: ApiResource;
  name?: string;
}

/** The kubectl type prefix for names: `pod`, `deployment.apps` (lower-cased GroupKind). */
export function kindPrefix(r: { kind: string; group: string }): string {
  return (r.group ? `${r.kind}.${r.group}` : r.kind).toLowerCase();
}

/** `/v1, Resource=pods`, as GroupVersionResource.String() prints. */
export function gvrString(r: ApiResource): string {
  return `${r.group}/${r.version}, Resource=${r.name}`;
}

/** Expands a comma-separated type list (categories included) into resources. */
export async function resolveTypes(client: Client, list: string): Promise<ApiResource[]> {
  const out: ApiResource[] = [];
  for (const t of list.split(',')) {
    if (t === '') continue;
    const direct = await client.tryResolveType(t);
    if (direct) {
      out.push(direct);
      continue;
    }
    const cat = await client.category(t.toLowerCase());
    if (cat.length) {
      out.push(...cat);
      continue;
    }
    throw new CmdError(`the server doesn't have a resource type "${t}"`);
  }
  return out;
}

/**
 * Parses `args` into targets. `singleItemImplied` is true when exactly one named object was asked
 * for (kubectl prints it bare instead of inside a List).
 */
export async function parseResourceArgs(
  client: Client,
  args: string[],
): Promise<{ targets: ResourceTarget[]; singleItemImplied: boolean; named: boolean }> {
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    throw new CmdError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  if (slashed > 0) {
    const targets: ResourceTarget[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name)
        throw new CmdError('arguments in resource/name form must have a single resource and name');
      const [r] = await resolveTypes(client, type);
      targets.push({ resource: r, name });
    }
    return { targets, singleItemImplied: targets.length === 1, named: true };
  }
  const types = await resolveTypes(client, args[0]);
  const names = args.slice(1);
  if (names.length === 0)
    return { targets: types.map((r) => ({ resource: r })), singleItemImplied: false, named: false };
  const targets: ResourceTarget[] = [];
  for (const r of types) for (const n of names) targets.push({ resource: r, name: n });
  return { targets, singleItemImplied: targets.length === 1, named: true };
}

/** `Error from server (Reason): message` (or the Invalid form), as cmdutil.CheckErr prints an API error. */
export function formatApiError(e: ApiError): string {
  const st = e.status;
  if (st.reason === 'Invalid' && st.details?.kind) {
    // cmdutil.CheckErr names only the Kind (`The Deployment "web" is invalid`), never the group.
    const kind = st.details.kind;
    const causes = st.details.causes ?? [];
    if (causes.length === 0) return `The ${kind} "${st.details.name ?? ''}" is invalid`;
    const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : (c.message ?? '')));
    return `The ${kind} "${st.details.name ?? ''}" is invalid: ${parts.length === 1 ? parts[0] : `\n* ${parts.join('\n* ')}`}`;
  }
  if (!st.reason) return `Error from server: ${st.message ?? ''}`;
  return `Error from server (${st.reason}): ${st.message ?? ''}`;
}

/** The text kubectl prints for any error a command raised. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return formatApiError(e);
  if (e instanceof Error) return `error: ${e.message}`;
  return `error: ${String(e)}`;
}
