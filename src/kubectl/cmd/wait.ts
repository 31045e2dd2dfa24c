/**
 * `kubectl wait` (kubectl pkg/cmd/wait): `--for=delete`, `--for=create`, `--for=condition=NAME[=value]`
 * and `--for=jsonpath='{...}'[=value]` on `TYPE/NAME`, `TYPE NAME`, `-l`, `--all`, `-f`, with
 * `--timeout` (default 30s) on the cluster clock; prints `pod/x condition met` per object and
 * `error: timed out waiting for the condition on pods/x` on timeout, and `error: no matching resources
 * found` when a selector matches nothing.
 * Leaves out: `--local`, `--field-selector`.
 */
import type { KubeObject } from '../../api/types';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { parseGoDuration } from '../framework/flags';
import { selectTargets } from '../framework/targets';
import { watchUntil, type Condition } from '../framework/watch-until';
import { JsonPath, goPrint, relaxedJsonPath } from '../printers/jsonpath';
import { kindSlashName } from '../framework/mutate';
import { helpFor } from './help-texts';

/** Parses `--for` into a condition on the object (undefined object = deleted). */
export function parseFor(spec: string): { cond: Condition; kind: 'delete' | 'create' | 'other' } {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { cond: (o) => o === undefined, kind: 'delete' };
  if (lower === 'create') return { cond: (o) => o !== undefined, kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const name = eq >= 0 ? rest.slice(0, eq) : rest;
    const want = eq >= 0 ? rest.slice(eq + 1) : 'true';
    return {
      cond: (o) => {
        const conds =
          (o?.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? [];
        const c = conds.find((x) => x.type.toLowerCase() === name.toLowerCase());
        return !!c && c.status.toLowerCase() === want.toLowerCase();
      },
      kind: 'other',
    };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const expr = close >= 0 ? rest.slice(0, close + 1) : rest;
    const value = close >= 0 && rest[close + 1] === '=' ? rest.slice(close + 2) : undefined;
    let jp: JsonPath;
    try {
      jp = new JsonPath(relaxedJsonPath(expr), { allowMissingKeys: true });
    } catch (e) {
      throw new CmdError(`unrecognized condition: ${JSON.stringify(spec)}: ${(e as Error).message}`);
    }
    return {
      cond: (o) => {
        if (!o) return false;
        const res = jp.findResults(o as unknown as Record<string, unknown>);
        const vals = res.flat();
        if (!vals.length) return false;
        if (value === undefined) return true;
        return vals.length === 1 && goPrint(vals[0]) === value;
      },
      kind: 'other',
    };
  }
  throw new CmdError(`unrecognized condition: ${JSON.stringify(spec)}`);
}

async function runWait(inv: Invocation): Promise<number> {
  const { cond, kind } = parseFor(inv.flags.string('for'));
  const timeout = parseGoDuration(inv.flags.string('timeout')) ?? 30000;
  const { targets, errors } = await selectTargets(inv, {
    args: inv.args,
    filenames: inv.flags.strings('filename'),
    recursive: inv.flags.bool('recursive'),
    selector: inv.flags.string('selector'),
    all: inv.flags.bool('all'),
    allNamespaces: inv.flags.bool('all-namespaces'),
    noFetch: kind === 'create',
  });
  const notFound = errors.filter((e) => (e as { reason?: string }).reason === 'NotFound');
  if (kind === 'delete' && notFound.length === errors.length && !targets.length) return 0;
  if (errors.length && kind !== 'delete') throw errors[0];
  if (!targets.length) throw new CmdError('no matching resources found');
  for (const t of targets) {
    const res = await watchUntil(inv, t.resource, t.namespace, t.name, cond, Math.max(timeout, 1), {
      uid: kind === 'delete' ? (t.obj as KubeObject | undefined)?.metadata.uid : undefined,
    });
    if (res === 'aborted') return 130;
    if (res === 'timeout')
      throw new CmdError(
        `timed out waiting for the condition on ${t.resource.name}${t.resource.group ? `.${t.resource.group}` : ''}/${t.name}`,
      );
    inv.out(`${kindSlashName(t.resource.kind, t.resource.group, t.name)} condition met\n`);
  }
  return 0;
}

/** `kubectl wait`. */
export const waitCommand: Command = { ...helpFor('wait'), run: runWait };
