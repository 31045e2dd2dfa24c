/**
 * `kubectl apply -f` with client-side apply (kubectl pkg/cmd/apply apply.go + patcher.go): each object
 * gets the `kubectl.kubernetes.io/last-applied-configuration` annotation (its own JSON, keys sorted,
 * with a trailing newline); a missing object is created (`created`), an existing one gets the three-way
 * strategic merge patch last-applied → new config → live (`configured`, or `unchanged` when the patch is
 * empty). `--dry-run=client|server`, `-o`, errors `error when creating "x.yaml": ...` printed after the
 * successes, and `apply view-last-applied`.
 * Leaves out: `--prune` (and its allow-lists), `--server-side` (field managers / managedFields),
 * `--force` delete-and-recreate on conflicts, retries on conflicts, `edit-last-applied`,
 * `set-last-applied`, and client-side OpenAPI validation (`--validate` is accepted and ignored).
 */
import { createThreeWayMergePatch } from '../../api/patch';
import { PATCH_TYPES } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import { CmdError, RawError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { infoFor, parseManifest, expandFilenames, type ManifestObject } from '../framework/manifests';
import {
  addSourceToErr,
  dryRunOf,
  dryRunQuery,
  flushCollected,
  printOperation,
  reportErrors,
  withType,
  type DryRun,
} from '../framework/mutate';
import { errorText } from '../framework/resources';
import { isNotFound, selectTargets } from '../framework/targets';
import { printJson, printYaml } from '../printers/yaml-json';
import { sortKeys } from '../printers/jsonpath';
import { helpFor } from './help-texts';

/** The annotation client-side apply keeps the last applied configuration in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Reads every manifest named by `-f`, collecting per-file parse errors as the builder does
 * (one error: `error: ...`; several: `[e1, e2]`).
 */
export async function readAll(
  inv: Invocation,
  names: string[],
  recursive: boolean,
): Promise<ManifestObject[]> {
  const out: ManifestObject[] = [];
  const errs: string[] = [];
  for (const path of await expandFilenames(inv, names, recursive)) {
    const text = path === '-' ? (inv.io.stdin ?? '') : await inv.io.files.read(path);
    try {
      out.push(...parseManifest(text, path === '-' ? 'STDIN' : path));
    } catch (e) {
      errs.push((e as Error).message);
    }
  }
  if (errs.length === 1) throw new CmdError(errs[0]);
  if (errs.length > 1) throw new RawError(`[${errs.join(', ')}]\n`);
  return out;
}

/** The object with its last-applied annotation set (kubectl's GetModifiedConfiguration). */
export function withLastApplied(obj: KubeObject, namespace: string | undefined): KubeObject {
  const o = structuredClone(obj) as KubeObject;
  o.metadata ??= { name: '' } as KubeObject['metadata'];
  if (namespace !== undefined) o.metadata.namespace = namespace;
  const ann = { ...(o.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  o.metadata.annotations = ann;
  const text = JSON.stringify(sortKeys(o)) + '\n';
  o.metadata.annotations = { ...ann, [LAST_APPLIED]: text };
  return o;
}

async function applyOne(
  inv: Invocation,
  m: ManifestObject,
  dry: DryRun,
  collect: KubeObject[],
): Promise<void> {
  const info = await infoFor(inv, m);
  const modified = withLastApplied(m.obj, info.namespace);
  const path = resourcePath(info.resource, info.namespace, info.name);
  let live: KubeObject | undefined;
  try {
    live = await inv.client.get<KubeObject>(path);
  } catch (e) {
    if (!isNotFound(e)) throw addSourceToErr('retrieving current configuration of', m.source, e);
  }
  if (!live) {
    let created = withType(modified, info.resource);
    if (dry !== 'client') {
      try {
        created = await inv.client.request<KubeObject>({
          method: 'POST',
          path: resourcePath(info.resource, info.namespace),
          body: modified,
          query: {
            fieldManager: 'kubectl-client-side-apply',
            fieldValidation: 'Strict',
            ...dryRunQuery(dry),
          },
        });
      } catch (e) {
        throw addSourceToErr('creating', m.source, e);
      }
    }
    await printOperation(inv, withType(created, info.resource), 'created', dry, collect);
    return;
  }
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  if (lastText === undefined) {
    // kubectl's warningNoLastAppliedConfigAnnotation (info.ObjectName(): plural/name).
    inv.err(
      `Warning: resource ${info.resource.name}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  let original: object | undefined;
  if (lastText) {
    try {
      original = JSON.parse(lastText) as object;
    } catch {
      original = undefined;
    }
  }
  const patch = createThreeWayMergePatch(original, modified, live, info.resource.kind);
  if (Object.keys(patch).length === 0) {
    await printOperation(inv, withType(live, info.resource), 'unchanged', dry, collect);
    return;
  }
  let result = live;
  if (dry !== 'client') {
    try {
      result = await inv.client.request<KubeObject>({
        method: 'PATCH',
        path,
        body: patch,
        headers: { contentType: PATCH_TYPES.strategic },
        query: { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict', ...dryRunQuery(dry) },
      });
    } catch (e) {
      throw addSourceToErr('patching', m.source, e);
    }
  }
  await printOperation(inv, withType(result, info.resource), 'configured', dry, collect);
}

async function runApply(inv: Invocation): Promise<number> {
  const files = inv.flags.strings('filename');
  if (inv.flags.string('kustomize')) throw new CmdError('kustomize is not supported by KubeLab');
  if (files.length === 0) throw new CmdError('must specify one of -f and -k');
  if (inv.flags.bool('server-side'))
    throw new CmdError('--server-side is not supported by KubeLab yet: use client-side apply');
  if (inv.flags.bool('prune')) throw new CmdError('--prune is not supported by KubeLab');
  if (inv.args.length)
    throw new CmdError(
      `Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`,
    );
  const dry = dryRunOf(inv);
  const objs = await readAll(inv, files, inv.flags.bool('recursive'));
  if (objs.length === 0) throw new CmdError('no objects passed to apply');
  const errs: unknown[] = [];
  const collect: KubeObject[] = [];
  for (const m of objs) {
    try {
      await applyOne(inv, m, dry, collect);
    } catch (e) {
      errs.push(e);
    }
  }
  await flushCollected(inv, collect);
  return reportErrors(inv, errs, errorText);
}

async function runViewLastApplied(inv: Invocation): Promise<number> {
  const out = inv.flags.string('output') || 'yaml';
  if (out !== 'yaml' && out !== 'json')
    throw new CmdError(`Unexpected -o output mode: ${out}, the flag 'output' must be one of yaml|json`);
  const { targets, errors } = await selectTargets(inv, {
    args: inv.args,
    filenames: inv.flags.strings('filename'),
    recursive: inv.flags.bool('recursive'),
    selector: inv.flags.string('selector'),
    all: inv.flags.bool('all'),
  });
  if (errors.length) throw errors[0];
  for (const t of targets) {
    const text = t.obj?.metadata.annotations?.[LAST_APPLIED];
    if (!text) throw new CmdError(`no last-applied-configuration annotation found on resource: ${t.name}`);
    const v = JSON.parse(text) as unknown;
    inv.out(out === 'json' ? printJson(v) : printYaml(v));
  }
  return 0;
}

const notSupported = (what: string) => async (): Promise<number> => {
  throw new CmdError(`${what} is not supported by KubeLab`);
};

/** `kubectl apply`. */
export const applyCommand: Command = {
  ...helpFor('apply'),
  run: runApply,
  subcommands: [
    { ...helpFor('apply edit-last-applied'), run: notSupported('apply edit-last-applied') },
    { ...helpFor('apply set-last-applied'), run: notSupported('apply set-last-applied') },
    { ...helpFor('apply view-last-applied'), run: runViewLastApplied },
  ],
};
