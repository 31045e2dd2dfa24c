/**
 * Selecting the objects a mutating command acts on (cli-runtime resource.Builder with
 * FilenameParam + ResourceTypeOrNameArgs + LabelSelectorParam + SelectAllParam, as delete, label,
 * annotate, scale, rollout and set use it): `-f` files, `TYPE NAME...`, `TYPE/NAME`, `TYPE -l sel`,
 * `TYPE --all`, with the upstream argument errors. Objects are fetched from the server (named ones one
 * by one, NotFound reported per object). Leaves out: `--field-selector` on these commands, `-k`.
 */
import { ApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import { CmdError, type Invocation } from './command';
import { resourcePath, type ApiResource } from './client';
import { infoFor, readManifests } from './manifests';
import { parseResourceArgs } from './resources';

/** One object to act on. `obj` is the live object (absent when it was not found: `error` says why). */
export interface Target {
  resource: ApiResource;
  namespace: string | undefined;
  name: string;
  obj?: KubeObject;
  /** The manifest object when selected with `-f`. */
  manifest?: KubeObject;
  source?: string;
}

/** How a command selects its objects. */
export interface SelectOptions {
  args: string[];
  filenames?: string[];
  recursive?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /** Message when nothing at all was given (delete's long one by default). */
  emptyMessage?: string;
  /** Do not fetch named objects (delete does not need them). */
  noFetch?: boolean;
}

/** kubectl's message when no resources were named (resource.Builder's empty-argument error). */
export const EMPTY_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/**
 * Resolves the selection. Per-object fetch errors (NotFound) are returned in `errors`, in order,
 * so the command can act on the others first and print them afterwards as kubectl does.
 */
export async function selectTargets(
  inv: Invocation,
  o: SelectOptions,
): Promise<{ targets: Target[]; errors: unknown[] }> {
  const targets: Target[] = [];
  const errors: unknown[] = [];
  const files = o.filenames ?? [];
  if (files.length) {
    if (o.args.length)
      throw new CmdError(
        `Unexpected args: [${o.args.join(' ')}]\nSee '${inv.commandPath} -h' for help and examples`,
      );
    for (const m of await readManifests(inv, files, !!o.recursive)) {
      const info = await infoFor(inv, m);
      const t: Target = {
        resource: info.resource,
        namespace: info.namespace,
        name: info.name,
        manifest: m.obj,
        source: m.source,
      };
      if (!o.noFetch) {
        try {
          t.obj = await inv.client.get<KubeObject>(resourcePath(t.resource, t.namespace, t.name));
        } catch (e) {
          errors.push(e);
          continue;
        }
      }
      targets.push(t);
    }
    return { targets, errors };
  }
  if (o.args.length === 0) throw new CmdError(o.emptyMessage ?? EMPTY_RESOURCES);
  const { targets: parsed, named } = await parseResourceArgs(inv.client, o.args);
  if (named && o.selector) throw new CmdError('name cannot be provided when a selector is specified');
  if (named && o.all) throw new CmdError('name cannot be provided when a selector is specified');
  if (o.all && o.selector) throw new CmdError("setting 'all' parameter but found a non empty selector. ");
  if (!named && !o.selector && !o.all && !o.fieldSelector)
    throw new CmdError('resource(s) were provided, but no name was specified');
  for (const p of parsed) {
    const r = p.resource;
    const ns = r.namespaced ? (o.allNamespaces && !p.name ? undefined : inv.namespace) : undefined;
    if (p.name !== undefined) {
      const t: Target = { resource: r, namespace: ns, name: p.name };
      if (!o.noFetch) {
        try {
          t.obj = await inv.client.get<KubeObject>(resourcePath(r, ns, p.name));
        } catch (e) {
          errors.push(e);
          continue;
        }
      }
      targets.push(t);
      continue;
    }
    const q: Record<string, string> = {};
    if (o.selector) q.labelSelector = o.selector;
    if (o.fieldSelector) q.fieldSelector = o.fieldSelector;
    const list = await inv.client.get<{ items: KubeObject[] }>(resourcePath(r, ns), q);
    for (const obj of list.items)
      targets.push({
        resource: r,
        namespace: r.namespaced ? obj.metadata.namespace : undefined,
        name: obj.metadata.name ?? '',
        obj: { ...obj, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind },
      });
  }
  return { targets, errors };
}

/** True when `e` is an API NotFound error. */
export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'NotFound';
}

/** `No resources found in default namespace.` / `No resources found` as kubectl prints on stderr. */
export function noResourcesMessage(inv: Invocation, namespaced: boolean, allNamespaces = false): string {
  return namespaced && !allNamespaces
    ? `No resources found in ${inv.namespace} namespace.\n`
    : 'No resources found\n';
}
