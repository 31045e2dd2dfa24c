/**
 * Node maintenance and scaling (kubectl pkg/cmd/drain, pkg/drain, pkg/cmd/taint, pkg/cmd/scale):
 * `cordon` / `uncordon` (`node/x cordoned`, `already cordoned`), `drain` (cordon, the pod filters in
 * upstream order — DaemonSet-managed, mirror, local storage, unreplicated — with their errors and
 * warnings, eviction through `pods/<name>/eviction` with retries every 5 s on a 429, waiting for
 * each pod to be gone, `pod/x evicted`, `node/x drained`, the `There are pending nodes to be drained`
 * report), `taint` (`key=value:Effect`, `key:Effect`, `key-`, `key:Effect-`, `--overwrite`,
 * `tainted` / `untainted` / `modified`), and `scale` (`--replicas`, `--current-replicas` via the
 * scale subresource; objects read first, v1.34's `no objects passed to scale <errors>` when none is
 * found, the NotFound errors after the others were scaled).
 * Leaves out: `drain --disable-eviction` (deletes instead), `--pod-selector`, `--skip-wait-for-
 * delete-timeout`, `--chunk-size`; `taint --all`/`-l`; `scale --timeout` waiting and `--resource-version`.
 */
import type { Pod, Taint } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import { PATCH_TYPES } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import { CmdError, RawError, UsageError, type Command, type Invocation } from '../framework/command';
import { resourcePath, type ApiResource } from '../framework/client';
import { parseGoDuration } from '../framework/flags';
import { dryRunOf, dryRunQuery, dryRunSuffix, printOperation, withType } from '../framework/mutate';
import { errorText, parseResourceArgs } from '../framework/resources';
import { isNotFound } from '../framework/targets';
import { timeoutMs, watchUntil } from '../framework/watch-until';
import { helpFor } from './help-texts';

async function nodeResource(inv: Invocation): Promise<ApiResource> {
  return inv.client.resolveType('nodes');
}

/** Sets spec.unschedulable; prints `node/x cordoned` / `already cordoned`. */
async function setCordon(inv: Invocation, name: string, on: boolean, out = true): Promise<void> {
  const r = await nodeResource(inv);
  const dry = dryRunOf(inv);
  const node = await inv.client.get<KubeObject & { spec?: { unschedulable?: boolean } }>(
    resourcePath(r, undefined, name),
  );
  const word = on ? 'cordoned' : 'uncordoned';
  if (!!node.spec?.unschedulable === on) {
    if (out) inv.out(`node/${name} already ${word}${dryRunSuffix(dry)}\n`);
    return;
  }
  if (dry !== 'client')
    await inv.client.request({
      method: 'PATCH',
      path: resourcePath(r, undefined, name),
      body: { spec: { unschedulable: on ? true : null } },
      headers: { contentType: PATCH_TYPES.strategic },
      query: dryRunQuery(dry),
    });
  if (out) inv.out(`node/${name} ${word}${dryRunSuffix(dry)}\n`);
}

async function nodeNames(inv: Invocation): Promise<string[]> {
  if (inv.args.length === 0 && !inv.flags.string('selector'))
    throw new UsageError(
      'USAGE: ' +
        (inv.commandPath.endsWith('drain') ? 'drain NODE' : `${inv.commandPath.split(' ').pop()} NODE`) +
        ' [flags]',
    );
  if (inv.flags.string('selector')) {
    const r = await nodeResource(inv);
    const l = await inv.client.get<{ items: KubeObject[] }>(resourcePath(r, undefined), {
      labelSelector: inv.flags.string('selector'),
    });
    return l.items.map((n) => n.metadata.name ?? '');
  }
  return inv.args.map((a) => (a.startsWith('node/') ? a.slice(5) : a.startsWith('nodes/') ? a.slice(6) : a));
}

function cordonCommand(on: boolean): Command {
  return {
    ...helpFor(on ? 'cordon' : 'uncordon'),
    async run(inv) {
      const errs: unknown[] = [];
      for (const n of await nodeNames(inv)) {
        try {
          await setCordon(inv, n, on);
        } catch (e) {
          errs.push(e);
        }
      }
      for (const e of errs) inv.err(`${errorText(e)}\n`);
      return errs.length ? 1 : 0;
    },
  };
}

/** `kubectl cordon`. */
export const cordonCmd = cordonCommand(true);
/** `kubectl uncordon`. */
export const uncordonCmd = cordonCommand(false);

interface FilterResult {
  del: boolean;
  error?: string;
  warning?: string;
}

async function filterPod(inv: Invocation, pod: Pod): Promise<FilterResult> {
  const force = inv.flags.bool('force');
  if (pod.metadata?.deletionTimestamp) return { del: true };
  const ctrl = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller);
  if (ctrl?.kind === 'DaemonSet') {
    try {
      await inv.client.get(`/apis/apps/v1/namespaces/${pod.metadata?.namespace}/daemonsets/${ctrl.name}`);
    } catch (e) {
      if (isNotFound(e) && force) return { del: true, warning: (e as Error).message };
      return { del: false, error: (e as Error).message };
    }
    if (!inv.flags.bool('ignore-daemonsets'))
      return { del: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    return { del: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return { del: false };
  const res: FilterResult = { del: true };
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir)) {
    if (!inv.flags.bool('delete-emptydir-data'))
      return { del: false, error: 'Pods with local storage (use --delete-emptydir-data to override)' };
    res.warning = 'deleting Pods with local storage';
  }
  if (!ctrl) {
    if (!force)
      return { del: false, error: 'cannot delete Pods that declare no controller (use --force to override)' };
    res.warning = 'deleting Pods that declare no controller';
  }
  return res;
}

function grouped(list: Array<[string, string]>): string[] {
  const m = new Map<string, string[]>();
  for (const [msg, pod] of list) m.set(msg, [...(m.get(msg) ?? []), pod]);
  return [...m].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
}

async function drainNode(inv: Invocation, name: string): Promise<void> {
  await setCordon(inv, name, true);
  const pods = await inv.client.get<{ items: Pod[] }>('/api/v1/pods', {
    fieldSelector: `spec.nodeName=${name}`,
  });
  const errors: Array<[string, string]> = [];
  const warnings: Array<[string, string]> = [];
  const toEvict: Pod[] = [];
  for (const p of pods.items) {
    const id = `${p.metadata?.namespace}/${p.metadata?.name}`;
    const f = await filterPod(inv, p);
    if (f.error) errors.push([f.error, id]);
    if (f.warning) warnings.push([f.warning, id]);
    if (f.del && !f.error) toEvict.push(p);
  }
  if (errors.length) {
    const msgs = grouped(errors).map((m) => `cannot delete ${m}`);
    throw new DrainError(msgs);
  }
  for (const w of grouped(warnings)) inv.err(`Warning: ${w}\n`);
  const dry = dryRunOf(inv);
  const grace = inv.flags.int('grace-period');
  const timeout = timeoutMs(parseGoDuration(inv.flags.string('timeout')));
  const podRes = await inv.client.resolveType('pods');
  const pending: string[] = [];
  const waitErrs: string[] = [];
  const started = inv.ctx.clock.now();
  await Promise.all(
    toEvict.map(async (p) => {
      const ns = p.metadata?.namespace ?? '';
      const pn = p.metadata?.name ?? '';
      inv.out(`evicting pod ${ns}/${pn}\n`);
      if (dry === 'client') return;
      for (;;) {
        try {
          const body: Record<string, unknown> = {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: pn, namespace: ns },
          };
          if (grace >= 0) body.deleteOptions = { gracePeriodSeconds: grace };
          await inv.client.request({
            method: 'POST',
            path: `/api/v1/namespaces/${ns}/pods/${pn}/eviction`,
            body,
            query: dryRunQuery(dry),
          });
          break;
        } catch (e) {
          if (isNotFound(e)) return;
          if (e instanceof ApiError && e.code === 429) {
            inv.err(
              `error when evicting pods/${JSON.stringify(pn)} -n ${JSON.stringify(ns)} (will retry after 5s): ${e.message}\n`,
            );
            await new Promise<void>((res) => inv.ctx.clock.setTimeout(res, 5000));
            if (inv.ctx.clock.now() - started > timeout) {
              waitErrs.push(
                `error when evicting pods/${JSON.stringify(pn)} -n ${JSON.stringify(ns)}: global timeout reached`,
              );
              pending.push(pn);
              return;
            }
            continue;
          }
          throw e;
        }
      }
      if (dry === 'server') return;
      const left = Math.max(0, timeout - (inv.ctx.clock.now() - started));
      const res = await watchUntil(inv, podRes, ns, pn, (o) => o === undefined, left, {
        uid: p.metadata?.uid,
      });
      if (res === 'met') inv.out(`pod/${pn} evicted\n`);
      else {
        pending.push(pn);
        waitErrs.push(
          `error when waiting for pod ${JSON.stringify(pn)} in namespace ${JSON.stringify(ns)} to terminate: context deadline exceeded`,
        );
      }
    }),
  );
  if (waitErrs.length) {
    inv.err(
      `There are pending pods in node ${JSON.stringify(name)} when an error occurred: [${waitErrs.join(', ')}]\n`,
    );
    for (const p of pending) inv.err(`pod/${p}\n`);
    throw new DrainError(waitErrs, true);
  }
  inv.out(`node/${name} drained${dryRunSuffix(dry)}\n`);
}

class DrainError extends Error {
  constructor(
    readonly messages: string[],
    readonly raw = false,
  ) {
    super(messages.join(', '));
  }
}

/** `kubectl drain`. */
export const drainCmd: Command = {
  ...helpFor('drain'),
  async run(inv) {
    const names = await nodeNames(inv);
    if (inv.flags.bool('disable-eviction'))
      throw new CmdError('--disable-eviction is not supported by KubeLab');
    const failed: Array<[string, DrainError]> = [];
    for (const n of names) {
      try {
        await drainNode(inv, n);
      } catch (e) {
        if (!(e instanceof DrainError)) throw e;
        failed.push([n, e]);
      }
    }
    if (!failed.length) return 0;
    let text = '';
    for (const [n, e] of failed) {
      const joined = e.messages.length === 1 ? e.messages[0] : `[${e.messages.join(', ')}]`;
      text += `error: unable to drain node ${JSON.stringify(n)} due to error: ${joined}, continuing command...\n`;
    }
    text += `There are pending nodes to be drained:\n${failed.map(([n]) => ` ${n}\n`).join('')}`;
    for (const [, e] of failed) for (const m of e.messages) text += `${m}\n`;
    throw new RawError(text);
  },
};

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const QUALIFIED =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function validKey(k: string): boolean {
  const parts = k.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  return name.length > 0 && name.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name);
}

/** Parses one taint argument (kubectl's parseTaint), with its errors. */
export function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value: string | undefined;
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect))
      throw new UsageError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new UsageError(`invalid taint spec: ${spec}`);
    key = kv[0];
    value = kv[1];
  } else throw new UsageError(`invalid taint spec: ${spec}`);
  if (!validKey(key)) throw new UsageError(`invalid taint spec: ${spec}, ${QUALIFIED}`);
  const t: Taint = { key, effect };
  if (value) t.value = value;
  return t;
}

/** `kubectl taint`. */
export const taintCmd: Command = {
  ...helpFor('taint'),
  async run(inv) {
    if (inv.args.length < 1) throw new UsageError('at least one taint update is required');
    const [type, ...rest] = inv.args;
    let names: string[];
    let specs: string[];
    if (type.includes('/')) {
      throw new RawError(`the server doesn't have a resource type ${JSON.stringify(type)}\n`);
    }
    const r = await inv.client.resolveType(type);
    if (r.kind !== 'Node') throw new CmdError(`invalid resource type ${type}, only node types are supported`);
    if (inv.flags.bool('all')) {
      const l = await inv.client.get<{ items: KubeObject[] }>(resourcePath(r, undefined));
      names = l.items.map((n) => n.metadata.name ?? '');
      specs = rest;
    } else {
      const i = rest.findIndex((a) => a.includes('=') || a.includes(':') || a.endsWith('-'));
      names = i < 0 ? rest : rest.slice(0, i);
      specs = i < 0 ? [] : rest.slice(i);
    }
    if (specs.length === 0) throw new CmdError('at least one taint update is required');
    const add: Taint[] = [];
    const remove: Taint[] = [];
    for (const s of specs) {
      if (s.endsWith('-')) {
        const body = s.slice(0, -1);
        const [key, effect] = body.split(':');
        remove.push({ key, effect: effect ?? '' });
      } else add.push(parseTaint(s));
    }
    const dry = dryRunOf(inv);
    const errs: unknown[] = [];
    for (const n of names) {
      try {
        const node = await inv.client.get<KubeObject & { spec?: { taints?: Taint[] } }>(
          resourcePath(r, undefined, n),
        );
        const old = node.spec?.taints ?? [];
        let next = [...old];
        let op = 'tainted';
        for (const t of add) {
          const same = next.findIndex((x) => x.key === t.key && x.effect === t.effect);
          if (same >= 0) {
            if (!inv.flags.bool('overwrite'))
              throw new CmdError(
                `node ${n} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`,
              );
            next[same] = t;
            op = 'modified';
          } else next.push(t);
        }
        for (const t of remove) {
          const before = next.length;
          next = next.filter((x) => !(x.key === t.key && (!t.effect || x.effect === t.effect)));
          if (next.length === before)
            throw new CmdError(
              `taint ${JSON.stringify(t.effect ? `${t.key}:${t.effect}` : t.key)} not found`,
            );
        }
        if (add.length === 0) op = 'untainted';
        let result: KubeObject = { ...node, spec: { ...node.spec, taints: next } };
        if (dry !== 'client')
          result = await inv.client.request<KubeObject>({
            method: 'PATCH',
            path: resourcePath(r, undefined, n),
            body: { spec: { taints: next.length ? next : null } },
            headers: { contentType: PATCH_TYPES.merge },
            query: dryRunQuery(dry),
          });
        await printOperation(inv, withType(result, r), op, dry);
      } catch (e) {
        errs.push(e);
      }
    }
    for (const e of errs) inv.err(`${errorText(e)}\n`);
    return errs.length ? 1 : 0;
  },
};

/** `kubectl scale`. */
export const scaleCmd: Command = {
  ...helpFor('scale'),
  async run(inv) {
    if (!inv.flags.changed('replicas')) throw new CmdError('required flag(s) "replicas" not set');
    const replicas = inv.flags.int('replicas');
    if (replicas < 0)
      throw new UsageError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      );
    const dry = dryRunOf(inv);
    if (inv.args.length === 0)
      throw new CmdError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const { targets } = await parseResourceArgs(inv.client, inv.args);
    // The builder first reads every object (errors collected), then each is scaled in turn.
    type Scalable = KubeObject & { spec?: { replicas?: number } };
    const infos: { obj: Scalable; path: string; resource: (typeof targets)[number]['resource'] }[] = [];
    const infoErrs: unknown[] = [];
    for (const t of targets) {
      try {
        const names =
          t.name !== undefined
            ? [t.name]
            : inv.flags.bool('all') || inv.flags.string('selector')
              ? (
                  await inv.client.get<{ items: KubeObject[] }>(resourcePath(t.resource, inv.namespace), {
                    labelSelector: inv.flags.string('selector') || undefined,
                  })
                ).items.map((o) => o.metadata.name ?? '')
              : (() => {
                  throw new CmdError('resource(s) were provided, but no name was specified');
                })();
        for (const name of names) {
          const path = resourcePath(t.resource, inv.namespace, name);
          infos.push({ obj: await inv.client.get<Scalable>(path), path, resource: t.resource });
        }
      } catch (e) {
        infoErrs.push(e);
      }
    }
    if (!infos.length) {
      // v1.34 wraps the builder's errors (an aggregate: one message, or `[a, b]`); v1.35 prints them as they are.
      const msgs = [...new Set(infoErrs.map((e) => (e instanceof Error ? e.message : String(e))))];
      const agg = msgs.length === 0 ? '' : msgs.length === 1 ? ` ${msgs[0]}` : ` [${msgs.join(', ')}]`;
      throw new CmdError(`no objects passed to scale${agg}`);
    }
    for (const { obj, path, resource } of infos) {
      if (inv.flags.changed('current-replicas')) {
        const cur = obj.spec?.replicas ?? 1;
        if (cur !== inv.flags.int('current-replicas'))
          throw new CmdError(`Expected replicas to be ${inv.flags.int('current-replicas')}, was ${cur}`);
      }
      if (dry !== 'client')
        await inv.client.request({
          method: 'PATCH',
          path: `${path}/scale`,
          body: { spec: { replicas } },
          headers: { contentType: PATCH_TYPES.merge },
          query: dryRunQuery(dry),
        });
      await printOperation(inv, withType(obj, resource), 'scaled', dry);
    }
    for (const e of infoErrs) inv.err(`${errorText(e)}\n`);
    return infoErrs.length ? 1 : 0;
  },
};
