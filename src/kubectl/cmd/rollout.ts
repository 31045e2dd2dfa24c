/**
 * `kubectl rollout status|history|undo|restart|pause|resume` (kubectl pkg/cmd/rollout and
 * pkg/polymorphichelpers: rollout_status.go status viewers, history.go, rollback.go, objectrestarter,
 * objectpauser/resumer). Status waits with a watch (`--watch`, `--timeout`) and prints each new
 * status line (`Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are
 * available...`, `deployment "web" successfully rolled out`); history lists the owned ReplicaSets'
 * revisions (REVISION CHANGE-CAUSE); undo copies a ReplicaSet's template into the Deployment with a
 * JSON patch, as modern kubectl does client-side; restart sets `kubectl.kubernetes.io/restartedAt`.
 * Leaves out: DaemonSet/StatefulSet history and undo (ControllerRevisions), `history --revision`
 * template printing beyond the Pod Template's labels/containers, `status --revision`.
 */
import type { KubeObject } from '../../api/types';
import { PATCH_TYPES } from '../../api/rest';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { resourcePath, type ApiResource } from '../framework/client';
import { parseGoDuration } from '../framework/flags';
import { dryRunOf, dryRunQuery, printOperation, withType } from '../framework/mutate';
import { errorText } from '../framework/resources';
import { selectTargets, type Target } from '../framework/targets';
import { timeoutMs, watchUntil } from '../framework/watch-until';
import { TabWriter } from '../printers/tabwriter';
import { helpFor } from './help-texts';

interface Workload extends KubeObject {
  spec?: {
    replicas?: number;
    paused?: boolean;
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: unknown;
    };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    selector?: { matchLabels?: Record<string, string> };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    currentRevision?: string;
    updateRevision?: string;
    conditions?: Array<{ type: string; reason?: string }>;
  };
}

/** The status line for a workload and whether the rollout is done (polymorphichelpers status viewers). */
export function rolloutStatus(kind: string, o: Workload): { msg: string; done: boolean } {
  const name = o.metadata.name ?? '';
  const st = o.status ?? {};
  const gen = o.metadata.generation ?? 0;
  if (kind === 'Deployment') {
    if (gen > (st.observedGeneration ?? 0))
      return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
    const prog = (st.conditions ?? []).find((c) => c.type === 'Progressing');
    if (prog?.reason === 'ProgressDeadlineExceeded')
      throw new CmdError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
    const want = o.spec?.replicas ?? 1;
    const upd = st.updatedReplicas ?? 0;
    if (upd < want)
      return {
        msg: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${upd} out of ${want} new replicas have been updated...\n`,
        done: false,
      };
    if ((st.replicas ?? 0) > upd)
      return {
        msg: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${(st.replicas ?? 0) - upd} old replicas are pending termination...\n`,
        done: false,
      };
    if ((st.availableReplicas ?? 0) < upd)
      return {
        msg: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${st.availableReplicas ?? 0} of ${upd} updated replicas are available...\n`,
        done: false,
      };
    return { msg: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
  }
  if (kind === 'DaemonSet') {
    if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate')
      throw new CmdError(`rollout status is only available for RollingUpdate strategy type`);
    if (gen > (st.observedGeneration ?? 0))
      return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const want = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < want)
      return {
        msg: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...\n`,
        done: false,
      };
    if ((st.numberAvailable ?? 0) < want)
      return {
        msg: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...\n`,
        done: false,
      };
    return { msg: `daemon set ${JSON.stringify(name)} successfully rolled out\n`, done: true };
  }
  if (kind === 'StatefulSet') {
    if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate')
      throw new CmdError(`rollout status is only available for RollingUpdate strategy type`);
    if (st.observedGeneration === undefined || gen > st.observedGeneration)
      return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const want = o.spec?.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want)
      return { msg: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    const partition = o.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (partition > 0) {
      if ((st.updatedReplicas ?? 0) < want - partition)
        return {
          msg: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...\n`,
          done: false,
        };
      return {
        msg: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`,
        done: true,
      };
    }
    if (st.updateRevision !== st.currentRevision)
      return {
        msg: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`,
        done: false,
      };
    return {
      msg: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`,
      done: true,
    };
  }
  throw new CmdError(`no status viewer has been implemented for ${kind}`);
}

async function targetsOf(inv: Invocation): Promise<Target[]> {
  const { targets, errors } = await selectTargets(inv, {
    args: inv.args,
    filenames: inv.flags.strings('filename'),
    recursive: inv.flags.bool('recursive'),
    selector: inv.flags.string('selector'),
  });
  if (errors.length) throw errors[0];
  return targets;
}

async function runStatus(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && !inv.flags.strings('filename').length)
    throw new CmdError('required resource not specified');
  const targets = await targetsOf(inv);
  const watch = inv.flags.bool('watch');
  for (const t of targets) {
    const first = rolloutStatus(t.resource.kind, t.obj as Workload);
    inv.out(first.msg);
    if (first.done || !watch) continue;
    let last = first.msg;
    let failure: unknown;
    const to = timeoutMs(parseGoDuration(inv.flags.string('timeout')));
    const res = await watchUntil(
      inv,
      t.resource,
      t.namespace,
      t.name,
      (o) => {
        if (!o) {
          failure = new CmdError(`object has been deleted`);
          return true;
        }
        try {
          const s = rolloutStatus(t.resource.kind, o as Workload);
          if (s.msg !== last) inv.out(s.msg);
          last = s.msg;
          return s.done;
        } catch (e) {
          failure = e;
          return true;
        }
      },
      to,
    );
    if (failure) throw failure;
    if (res === 'timeout') throw new CmdError('timed out waiting for the condition');
    if (res === 'aborted') return 130;
  }
  return 0;
}

interface RS extends Workload {
  metadata: Workload['metadata'];
}

async function ownedReplicaSets(inv: Invocation, d: Workload): Promise<RS[]> {
  const l = await inv.client.get<{ items: RS[] }>(
    `/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets`,
  );
  return l.items.filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid),
  );
}

const revOf = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

async function runHistory(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && !inv.flags.strings('filename').length)
    throw new CmdError('required resource not specified');
  for (const t of await targetsOf(inv)) {
    if (t.resource.kind !== 'Deployment')
      throw new CmdError(`no history viewer has been implemented for ${t.resource.kind} in KubeLab`);
    const rss = (await ownedReplicaSets(inv, t.obj as Workload)).sort((a, b) => revOf(a) - revOf(b));
    const rev = inv.flags.int('revision');
    if (rev > 0) {
      const rs = rss.find((r) => revOf(r) === rev);
      if (!rs) throw new CmdError(`unable to find the specified revision`);
      inv.out(`deployment.apps/${t.name} with revision #${rev}\n${podTemplateText(rs)}\n`);
      continue;
    }
    if (!rss.length) {
      inv.out(`deployment.apps/${t.name} \nNo rollout history found.\n`);
      continue;
    }
    let text = '';
    const w = new TabWriter((s) => (text += s), { minWidth: 0, padding: 2, rememberWidths: false });
    w.write('REVISION\tCHANGE-CAUSE\n');
    for (const rs of rss)
      w.write(`${revOf(rs)}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
    w.flush();
    inv.out(`deployment.apps/${t.name} \n${text}\n`);
  }
  return 0;
}

function podTemplateText(rs: Workload): string {
  const tpl = rs.spec?.template ?? {};
  const labels = Object.entries(tpl.metadata?.labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  const containers = (tpl.spec as { containers?: Array<{ name: string; image?: string }> })?.containers ?? [];
  let s = 'Pod Template:\n';
  s += `  Labels:\t${labels.length ? labels.join('\n\t') : '<none>'}\n`;
  s += '  Containers:\n';
  for (const c of containers) s += `   ${c.name}:\n    Image:\t${c.image ?? ''}\n`;
  return s;
}

const HASH = 'pod-template-hash';

async function runUndo(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && !inv.flags.strings('filename').length)
    throw new CmdError('required resource not specified');
  const dry = dryRunOf(inv);
  for (const t of await targetsOf(inv)) {
    const d = t.obj as Workload;
    if (t.resource.kind !== 'Deployment')
      throw new CmdError(`no rollbacker has been implemented for ${t.resource.kind} in KubeLab`);
    if (d.spec?.paused)
      throw new CmdError(
        `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
      );
    const rss = await ownedReplicaSets(inv, d);
    const want = inv.flags.int('to-revision');
    let target: RS | undefined;
    if (want > 0) {
      target = rss.find((r) => revOf(r) === want);
      if (!target) throw new CmdError(`unable to find specified revision ${want} in history`);
    } else {
      const sorted = [...rss].sort((a, b) => revOf(b) - revOf(a));
      if (sorted.length < 2)
        throw new CmdError(`no rollout history found for deployment ${JSON.stringify(t.name)}`);
      target = sorted[1];
    }
    const tpl = structuredClone(target.spec?.template ?? {});
    if (tpl.metadata?.labels) delete tpl.metadata.labels[HASH];
    const cur = structuredClone(d.spec?.template ?? {});
    if (JSON.stringify(sortDeep(cur)) === JSON.stringify(sortDeep(tpl))) {
      inv.out(
        `deployment.apps/${t.name} skipped rollback (current template already matches revision ${revOf(target)})\n`,
      );
      continue;
    }
    const annotations = { ...(d.metadata.annotations ?? {}) };
    for (const k of ['kubernetes.io/change-cause']) {
      const v = target.metadata.annotations?.[k];
      if (v !== undefined) annotations[k] = v;
      else delete annotations[k];
    }
    const patch = [
      { op: 'replace', path: '/spec/template', value: tpl },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    if (dry !== 'client')
      await inv.client.request({
        method: 'PATCH',
        path: resourcePath(t.resource, t.namespace, t.name),
        body: patch,
        headers: { contentType: PATCH_TYPES.json },
        query: dryRunQuery(dry),
      });
    await printOperation(inv, withType(d, t.resource), 'rolled back', dry);
  }
  return 0;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** RFC 3339 with seconds in UTC (`time.Now().Format(time.RFC3339)` on a UTC machine). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function patchCommand(
  path: string,
  op: string,
  build: (inv: Invocation, o: Workload, r: ApiResource) => object | string,
  kinds: string[],
): Command {
  return {
    ...helpFor(path),
    async run(inv) {
      if (inv.args.length === 0 && !inv.flags.strings('filename').length)
        throw new CmdError('required resource not specified');
      const dry = dryRunOf(inv);
      const errs: unknown[] = [];
      for (const t of await targetsOf(inv)) {
        try {
          if (!kinds.includes(t.resource.kind))
            throw new CmdError(
              `${t.resource.name}.${t.resource.group} ${JSON.stringify(t.name)} ${path.endsWith('restart') ? 'restarting' : path.split(' ')[1]} is not supported`,
            );
          const patch = build(inv, t.obj as Workload, t.resource);
          if (typeof patch === 'string') throw new CmdError(patch);
          let result = t.obj!;
          if (dry !== 'client')
            result = await inv.client.request<KubeObject>({
              method: 'PATCH',
              path: resourcePath(t.resource, t.namespace, t.name),
              body: patch,
              headers: { contentType: PATCH_TYPES.strategic },
              query: dryRunQuery(dry),
            });
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

const gr = (r: ApiResource) => (r.group ? `${r.name}.${r.group}` : r.name);

/** `kubectl rollout`. */
export const rolloutCommand: Command = {
  ...helpFor('rollout'),
  subcommands: [
    { ...helpFor('rollout history'), run: runHistory },
    patchCommand(
      'rollout pause',
      'paused',
      (_inv, o, r) =>
        o.spec?.paused
          ? `${gr(r)} ${JSON.stringify(o.metadata.name)} is already paused`
          : { spec: { paused: true } },
      ['Deployment'],
    ),
    patchCommand(
      'rollout restart',
      'restarted',
      (inv, o) => {
        if (o.spec?.paused) return `can't restart paused deployment (run rollout resume first)`;
        return {
          spec: {
            template: {
              metadata: {
                annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.ctx.clock.now()) },
              },
            },
          },
        };
      },
      ['Deployment', 'DaemonSet', 'StatefulSet'],
    ),
    patchCommand(
      'rollout resume',
      'resumed',
      (_inv, o, r) =>
        !o.spec?.paused
          ? `${gr(r)} ${JSON.stringify(o.metadata.name)} is not paused`
          : { spec: { paused: null } },
      ['Deployment'],
    ),
    { ...helpFor('rollout status'), run: runStatus },
    { ...helpFor('rollout undo'), run: runUndo },
  ],
};
