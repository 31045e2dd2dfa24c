/**
 * `kubectl label` and `kubectl annotate` (kubectl pkg/cmd/label, pkg/cmd/annotate): `key=value` and
 * `key-` arguments after the resources, `--overwrite`, `--all`, `-l`, `-f`, `--list`,
 * `--resource-version`, `--dry-run`, `-o name|yaml|json`; a JSON merge patch of the metadata change;
 * messages `pod/x labeled` / `unlabeled` / `not labeled`, `label "k" not found.`, `pod/x annotated`,
 * and the overwrite errors. `--list` prints annotations sorted (kubectl prints them in Go map order).
 * Leaves out: `--local`, `--field-selector`, `-k`.
 */
import type { KubeObject } from '../../api/types';
import { PATCH_TYPES } from '../../api/rest';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { dryRunOf, dryRunQuery, printOperation, withType } from '../framework/mutate';
import { errorText } from '../framework/resources';
import { selectTargets } from '../framework/targets';
import { helpFor } from './help-texts';

/** Splits arguments into resource arguments and `k=v` / `k-` changes. */
export function splitChanges(args: string[]): {
  resources: string[];
  set: Array<[string, string]>;
  remove: string[];
} {
  const resources: string[] = [];
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  let inChanges = false;
  for (const a of args) {
    if (a.includes('=')) {
      inChanges = true;
      const i = a.indexOf('=');
      set.push([a.slice(0, i), a.slice(i + 1)]);
    } else if (a.endsWith('-') && (inChanges || resources.length > 0) && !a.includes('/')) {
      inChanges = true;
      remove.push(a.slice(0, -1));
    } else if (!inChanges) resources.push(a);
    else
      throw new UsageError(
        `all resources must be specified before ${inChanges ? 'label' : ''} changes: ${a}`,
      );
  }
  return { resources, set, remove };
}

function makeCommand(which: 'label' | 'annotate'): Command {
  const field = which === 'label' ? 'labels' : 'annotations';
  return {
    ...helpFor(which),
    async run(inv: Invocation) {
      const list = inv.flags.bool('list');
      const { resources, set, remove } = splitChanges(inv.args);
      if (!list && set.length === 0 && remove.length === 0)
        throw new UsageError(`at least one ${which === 'label' ? 'label' : 'annotation'} update is required`);
      for (const k of remove)
        if (set.some(([s]) => s === k))
          throw new UsageError(
            `can not both modify and remove ${which === 'label' ? 'a label' : 'an annotation'} in the same command`,
          );
      const dry = dryRunOf(inv);
      const { targets, errors } = await selectTargets(inv, {
        args: resources,
        filenames: inv.flags.strings('filename'),
        recursive: inv.flags.bool('recursive'),
        selector: inv.flags.string('selector'),
        all: inv.flags.bool('all'),
        allNamespaces: inv.flags.bool('all-namespaces'),
      });
      const errs: unknown[] = [...errors];
      const overwrite = inv.flags.bool('overwrite');
      for (const t of targets) {
        const obj = withType(t.obj!, t.resource);
        const current = { ...((obj.metadata[field] as Record<string, string> | undefined) ?? {}) };
        if (list) {
          for (const k of Object.keys(current).sort()) inv.out(`${k}=${current[k]}\n`);
          continue;
        }
        try {
          if (which === 'label') {
            for (const [k, v] of set)
              if (!overwrite && k in current && current[k] !== v)
                throw new CmdError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
          } else {
            const clashes = set.filter(([k, v]) => !overwrite && k in current && current[k] !== v);
            if (clashes.length)
              throw new CmdError(
                `--overwrite is false but found the following declared annotation(s): ${clashes
                  .map(([k]) => `'${k}' already has a value (${current[k]})`)
                  .join('; ')}`,
              );
          }
          const next = { ...current };
          for (const k of remove) {
            if (!(k in next)) {
              if (which === 'label') inv.out(`label ${JSON.stringify(k)} not found.\n`);
            } else delete next[k];
          }
          for (const [k, v] of set) next[k] = v;
          const patchMap: Record<string, string | null> = {};
          for (const k of Object.keys(current)) if (!(k in next)) patchMap[k] = null;
          for (const [k, v] of Object.entries(next)) if (current[k] !== v) patchMap[k] = v;
          const changed = Object.keys(patchMap).length > 0;
          let op: string;
          if (which === 'annotate') op = 'annotated';
          else if (!changed) op = 'not labeled';
          else if (set.length === 0) op = 'unlabeled';
          else op = 'labeled';
          let result = { ...obj, metadata: { ...obj.metadata, [field]: next } } as KubeObject;
          if (dry !== 'client' && changed) {
            const patch: Record<string, unknown> = { metadata: { [field]: patchMap } };
            const rv = inv.flags.string('resource-version');
            if (rv) (patch.metadata as Record<string, unknown>).resourceVersion = rv;
            result = await inv.client.request<KubeObject>({
              method: 'PATCH',
              path: resourcePath(t.resource, t.namespace, t.name),
              body: patch,
              headers: { contentType: PATCH_TYPES.merge },
              query: dryRunQuery(dry),
            });
          }
          await printOperation(inv, withType(result, t.resource), op, dry);
        } catch (e) {
          errs.push(e);
        }
      }
      for (const e of errs) inv.err(`${errorText(e)}\n`);
      return errs.length ? 1 : 0;
    },
  };
}

/** `kubectl label`. */
export const labelCommand = makeCommand('label');
/** `kubectl annotate`. */
export const annotateCommand = makeCommand('annotate');
