/**
 * Shared pieces of kubectl's mutating commands (cmdutil dry-run flags, the operation printer of
 * cli-runtime's PrintFlags with `WithTypeSetter` + `NamePrinter{Operation}`, and AddSourceToErr):
 * `--dry-run=none|client|server`, `pod/x created (dry run)` / `(server dry run)`, `-o name|yaml|json`
 * for the result, and `error when creating "x.yaml": ...` prefixes on API errors.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import { CmdError, type Invocation } from './command';
import { gvString, type ApiResource } from './client';
import { GenericPrinter, parseOutput } from '../printers/output';

/** kubectl's dry-run strategies. */
export type DryRun = 'none' | 'client' | 'server';

/** Reads `--dry-run` with kubectl's validation (`--dry-run` alone is the deprecated `client`). */
export function dryRunOf(inv: Invocation): DryRun {
  if (!inv.flags.changed('dry-run')) return 'none';
  const v = inv.flags.string('dry-run');
  if (v === 'unchanged') {
    inv.err(
      'W0000 00:00:00.000000       1 helpers.go:703] --dry-run is deprecated and can be replaced with --dry-run=client.\n',
    );
    return 'client';
  }
  if (v === 'none' || v === 'client' || v === 'server') return v;
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** The query a server dry run adds. */
export function dryRunQuery(d: DryRun): Record<string, string> {
  return d === 'server' ? { dryRun: 'All' } : {};
}

/** ` (dry run)` / ` (server dry run)` / ``. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** `pod/x`, `deployment.apps/web`. */
export function kindSlashName(kind: string, group: string, name: string): string {
  return `${group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase()}/${name}`;
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string | undefined): string {
  return apiVersion?.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Sets apiVersion/kind on an object from its resource (as kubectl's type setter does). */
export function withType(o: KubeObject, r: ApiResource): KubeObject {
  return { ...o, apiVersion: gvString(r), kind: r.kind };
}

/**
 * Prints the result of an operation: with `-o` the object in that format, else
 * `kind.group/name <operation>[ (dry run)]`. With `collect`, objects for `-o yaml|json|jsonpath` are
 * gathered instead and printed by `flushCollected` (kubectl wraps several in a List).
 */
export async function printOperation(
  inv: Invocation,
  obj: KubeObject,
  operation: string,
  dryRun: DryRun,
  collect?: KubeObject[],
): Promise<void> {
  const output = inv.flags.defs.some((d) => d.name === 'output') ? inv.flags.string('output') : '';
  if (output && output !== 'wide') {
    const spec = await parseOutput(output, inv.io.files, { allowMissingKeys: true });
    if (spec.kind !== 'human') {
      if (spec.kind === 'name') {
        inv.out(`${kindSlashName(obj.kind ?? '', groupOf(obj.apiVersion), obj.metadata.name ?? '')}\n`);
        return;
      }
      if (collect) {
        collect.push(obj);
        return;
      }
      new GenericPrinter(spec, (s) => inv.out(s), { allowMissingKeys: true }).print(
        obj as unknown as Record<string, unknown>,
      );
      return;
    }
  }
  inv.out(
    `${kindSlashName(obj.kind ?? '', groupOf(obj.apiVersion), obj.metadata.name ?? '')} ${operation}${dryRunSuffix(dryRun)}\n`,
  );
}

/** Prints objects gathered by `printOperation`: one bare, several in a `List` with `metadata: {}`. */
export async function flushCollected(inv: Invocation, objs: KubeObject[]): Promise<void> {
  if (!objs.length) return;
  const spec = await parseOutput(inv.flags.string('output'), inv.io.files, { allowMissingKeys: true });
  if (spec.kind === 'human') return;
  const p = new GenericPrinter(spec, (s) => inv.out(s), { allowMissingKeys: true });
  if (objs.length === 1) p.print(objs[0] as unknown as Record<string, unknown>);
  else p.print({ apiVersion: 'v1', items: objs, kind: 'List', metadata: {} });
}

/** cmdutil.AddSourceToErr: prefixes an API error's message with `error when <verb> "<source>": `. */
export function addSourceToErr(verb: string, source: string | undefined, e: unknown): unknown {
  if (!source || !(e instanceof ApiError)) return e;
  const st: Status = {
    ...e.status,
    message: `error when ${verb} ${JSON.stringify(source)}: ${e.status.message ?? ''}`,
  };
  return new ApiError(st);
}

/** Prints collected errors as cmdutil.CheckErr prints an aggregate (one per line) and returns 1, or 0 when none. */
export function reportErrors(inv: Invocation, errs: unknown[], text: (e: unknown) => string): number {
  for (const e of errs) inv.err(`${text(e)}\n`);
  return errs.length ? 1 : 0;
}
