/**
 * `kubectl delete` (kubectl pkg/cmd/delete): objects by `TYPE NAME...`, `TYPE/NAME`, `-f`, `-l`,
 * `--all`, `-A`, `--field-selector`; DeleteOptions with `gracePeriodSeconds` (`--grace-period`,
 * `--now` = 1, `--force` = 0 with its warning) and `propagationPolicy` (`--cascade=background|
 * foreground|orphan`); prints `pod "x" deleted from default namespace` (kubectl v1.34's form; cluster-
 * scoped objects `namespace "x" deleted`), `force deleted`, dry-run suffixes, `-o name`; then, with
 * `--wait` (default true), waits with watches until every deleted object is gone (`--timeout`).
 * Leaves out: `--interactive`, `--raw`, `-k`.
 */
import type { KubeObject } from '../../api/types';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { resourcePath, type ApiResource } from '../framework/client';
import { dryRunOf, dryRunQuery, dryRunSuffix, type DryRun } from '../framework/mutate';
import { errorText } from '../framework/resources';
import { isNotFound, selectTargets, type Target } from '../framework/targets';
import { timeoutMs, watchUntil } from '../framework/watch-until';
import { parseGoDuration } from '../framework/flags';
import { helpFor } from './help-texts';

/** The warning `--force` / `--grace-period=0 --force` prints. */
export const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** `pod` / `deployment.apps`. */
function kindString(r: ApiResource): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** The line kubectl v1.34 prints for a deleted object. */
export function deletedLine(
  r: ApiResource,
  name: string,
  namespace: string | undefined,
  op: string,
  dry: DryRun,
): string {
  const where = r.namespaced && namespace ? ` from ${namespace} namespace` : '';
  return `${kindString(r)} ${JSON.stringify(name)} ${op}${where}${dryRunSuffix(dry)}\n`;
}

/** Deletion options common to delete-like commands (grace period and cascade), validated as kubectl does. */
export function deleteFlags(inv: Invocation): { grace: number; propagation: string; force: boolean } {
  let grace = inv.flags.int('grace-period');
  const force = inv.flags.bool('force');
  const now = inv.flags.bool('now');
  const cascade = inv.flags.changed('cascade') ? inv.flags.string('cascade') : 'background';
  const policies: Record<string, string> = {
    background: 'Background',
    foreground: 'Foreground',
    orphan: 'Orphan',
    true: 'Background',
    false: 'Orphan',
  };
  const propagation = policies[cascade];
  if (!propagation)
    throw new CmdError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  if (now) {
    if (grace !== -1) throw new CmdError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace > 0)
    throw new CmdError('--force and --grace-period greater than 0 cannot be specified together');
  if (force && grace < 0) grace = 0;
  if (grace === 0 && !force) grace = 1;
  return { grace, propagation, force };
}

async function runDelete(inv: Invocation): Promise<number> {
  const { grace, propagation, force } = deleteFlags(inv);
  const dry = dryRunOf(inv);
  const output = inv.flags.string('output');
  if (output && output !== 'name')
    throw new CmdError(`Unexpected -o output mode: ${output}. We only support '-o name'`);
  if (force) inv.err(FORCE_WARNING);
  const allNs = inv.flags.bool('all-namespaces');
  const { targets, errors } = await selectTargets(inv, {
    args: inv.args,
    filenames: inv.flags.strings('filename'),
    recursive: inv.flags.bool('recursive'),
    selector: inv.flags.string('selector'),
    fieldSelector: inv.flags.string('field-selector'),
    all: inv.flags.bool('all') || allNs,
    allNamespaces: allNs,
    noFetch: true,
  });
  const ignore = inv.flags.bool('ignore-not-found');
  const errs: unknown[] = ignore ? errors.filter((e) => !isNotFound(e)) : [...errors];
  const deleted: Array<Target & { uid?: string }> = [];
  for (const t of targets) {
    if (dry === 'client') {
      inv.out(
        output === 'name'
          ? `${kindString(t.resource)}/${t.name}\n`
          : deletedLine(t.resource, t.name, t.namespace, grace === 0 ? 'force deleted' : 'deleted', dry),
      );
      continue;
    }
    const body: Record<string, unknown> = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: propagation,
    };
    if (grace >= 0) body.gracePeriodSeconds = grace;
    try {
      const res = await inv.client.request<KubeObject & { details?: { uid?: string } }>({
        method: 'DELETE',
        path: resourcePath(t.resource, t.namespace, t.name),
        body,
        query: dryRunQuery(dry),
      });
      inv.out(
        output === 'name'
          ? `${kindString(t.resource)}/${t.name}\n`
          : deletedLine(t.resource, t.name, t.namespace, grace === 0 ? 'force deleted' : 'deleted', dry),
      );
      deleted.push({ ...t, uid: res.kind === 'Status' ? res.details?.uid : res.metadata?.uid });
    } catch (e) {
      if (ignore && isNotFound(e)) continue;
      errs.push(e);
    }
  }
  if (targets.length === 0 && errors.length === 0 && !ignore) {
    const files = inv.flags.strings('filename').length > 0;
    if (!files) inv.out('No resources found\n');
  }
  if (inv.flags.bool('wait') && dry === 'none' && deleted.length) {
    const to = timeoutMs(parseGoDuration(inv.flags.string('timeout')));
    for (const t of deleted) {
      const res = await watchUntil(inv, t.resource, t.namespace, t.name, (o) => o === undefined, to, {
        uid: t.uid,
      });
      if (res === 'aborted') return 130;
      if (res === 'timeout') {
        errs.push(new CmdError(`timed out waiting for the condition on ${t.resource.name}/${t.name}`));
        break;
      }
    }
  }
  for (const e of errs) inv.err(`${errorText(e)}\n`);
  return errs.length ? 1 : 0;
}

/** `kubectl delete`. */
export const deleteCommand: Command = { ...helpFor('delete'), run: runDelete };
