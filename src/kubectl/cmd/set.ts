/**
 * `kubectl set image|resources|env` (kubectl pkg/cmd/set) and `kubectl autoscale` and `kubectl edit`.
 * set: changes the pod template (or a Pod's spec) of the selected objects and sends the two-way
 * strategic merge patch (`deployment.apps/web image updated`, `resource requirements updated`,
 * `env updated`; nothing when the patch is empty), with `*=image`, `-c`, `--limits`, `--requests`,
 * `KEY=value`, `KEY-`, `--list`.
 * autoscale: an autoscaling/v2 HorizontalPodAutoscaler (`--min`, `--max`, `--cpu-percent`, and the
 * 1.34 `--cpu=` form: a percentage `80%` or an average value `500m`), named after the target.
 * edit: the object as YAML through the host's `io.edit` hook, then a two-way strategic merge patch
 * (`deployment.apps/web edited`, `Edit cancelled, no changes made.`).
 * Leaves out: `set selector|serviceaccount|subject`, `set env --from`, `--local`; edit's
 * invalid-edit loop (errors are printed, the temporary file is not kept).
 */
import { parse as parseYaml } from 'yaml';
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import { createTwoWayMergePatch } from '../../api/patch';
import { PATCH_TYPES } from '../../api/rest';
import type { KubeObject } from '../../api/types';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { dryRunOf, dryRunQuery, printOperation, withType } from '../framework/mutate';
import { errorText } from '../framework/resources';
import { selectTargets, type Target } from '../framework/targets';
import { printYaml } from '../printers/yaml-json';
import { createObject } from './create';
import { helpFor } from './help-texts';

type PodSpecHolder = { containers?: Container[]; initContainers?: Container[] };

function podSpecOf(o: KubeObject): PodSpecHolder | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec as PodSpecHolder;
  if (o.kind === 'CronJob')
    return (spec.jobTemplate as { spec?: { template?: { spec?: PodSpecHolder } } })?.spec?.template?.spec;
  return (spec.template as { spec?: PodSpecHolder } | undefined)?.spec;
}

async function patchTargets(
  inv: Invocation,
  args: string[],
  op: string,
  mutate: (o: KubeObject, t: Target) => void,
): Promise<number> {
  const dry = dryRunOf(inv);
  const { targets, errors } = await selectTargets(inv, {
    args,
    filenames: inv.flags.strings('filename'),
    recursive: inv.flags.bool('recursive'),
    selector: inv.flags.string('selector'),
    all: inv.flags.bool('all'),
  });
  const errs: unknown[] = [...errors];
  for (const t of targets) {
    try {
      const before = withType(t.obj!, t.resource);
      const after = structuredClone(before);
      mutate(after, t);
      const patch = createTwoWayMergePatch(before, after, t.resource.kind);
      // No change: upstream skips the object silently (nothing printed, not even for a dry run).
      if (!Object.keys(patch).length) continue;
      let result = after;
      const tpl = (result.spec as { template?: { metadata?: Record<string, unknown> } } | undefined)
        ?.template;
      if (dry === 'client' && tpl) tpl.metadata = { creationTimestamp: null, ...(tpl.metadata ?? {}) };
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
}

function splitAt(args: string[], test: (a: string) => boolean): [string[], string[]] {
  const i = args.findIndex(test);
  return i < 0 ? [args, []] : [args.slice(0, i), args.slice(i)];
}

const setImage: Command = {
  ...helpFor('set image'),
  async run(inv) {
    const [res, specs] = splitAt(inv.args, (a) => a.includes('='));
    if (!specs.length) throw new UsageError('at least one image update is required');
    const images = specs.map((s) => {
      const i = s.indexOf('=');
      return [s.slice(0, i), s.slice(i + 1)] as const;
    });
    return patchTargets(inv, res, 'image updated', (o) => {
      const ps = podSpecOf(o);
      if (!ps) throw new CmdError(`unable to find pod template in ${o.kind}`);
      const all = [...(ps.initContainers ?? []), ...(ps.containers ?? [])];
      for (const [name, image] of images) {
        const hits = name === '*' ? all : all.filter((c) => c.name === name);
        if (!hits.length) throw new CmdError(`unable to find container named "${name}"`);
        for (const c of hits) c.image = image;
      }
    });
  },
};

function parseResourceList(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const p of s.split(',')) {
    const [k, v] = p.split('=');
    if (!k || v === undefined)
      throw new CmdError(`invalid argument syntax ${p}, expected <resource>=<value>`);
    out[k] = v;
  }
  return out;
}

const setResources: Command = {
  ...helpFor('set resources'),
  async run(inv) {
    const limits = parseResourceList(inv.flags.string('limits'));
    const requests = parseResourceList(inv.flags.string('requests'));
    if (!Object.keys(limits).length && !Object.keys(requests).length)
      throw new CmdError(
        'you must specify an update to requests or limits (in the form of --requests/--limits)',
      );
    const only = inv.flags.string('containers') || '*';
    return patchTargets(inv, inv.args, 'resource requirements updated', (o) => {
      const ps = podSpecOf(o);
      if (!ps) throw new CmdError(`unable to find pod template in ${o.kind}`);
      const hits = (ps.containers ?? []).filter((c) => only === '*' || c.name === only);
      if (!hits.length) throw new CmdError(`unable to find container named ${only}`);
      for (const c of hits) {
        c.resources ??= {};
        if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length)
          c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
    });
  },
};

const setEnv: Command = {
  ...helpFor('set env'),
  async run(inv) {
    const [res, specs] = splitAt(inv.args, (a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
    const adds: EnvVar[] = [...inv.flags.strings('env'), ...specs.filter((s) => s.includes('='))].map((s) => {
      const i = s.indexOf('=');
      return { name: s.slice(0, i), value: s.slice(i + 1) };
    });
    const removes = specs.filter((s) => !s.includes('=')).map((s) => s.slice(0, -1));
    const only = inv.flags.string('containers') || '*';
    if (inv.flags.bool('list')) {
      const { targets } = await selectTargets(inv, {
        args: res,
        selector: inv.flags.string('selector'),
        all: inv.flags.bool('all'),
      });
      for (const t of targets) {
        const ps = podSpecOf(withType(t.obj!, t.resource));
        for (const c of ps?.containers ?? []) {
          if (only !== '*' && c.name !== only) continue;
          inv.out(`# ${t.resource.kind} ${t.name}, container ${c.name}\n`);
          for (const e of c.env ?? [])
            inv.out(e.valueFrom ? `# ${e.name} from ...\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
      return 0;
    }
    if (!adds.length && !removes.length)
      throw new CmdError('at least one environment variable must be provided');
    return patchTargets(inv, res, 'env updated', (o) => {
      const ps = podSpecOf(o);
      if (!ps) throw new CmdError(`unable to find pod template in ${o.kind}`);
      for (const c of (ps.containers ?? []).filter((x) => only === '*' || x.name === only)) {
        let env = (c.env ?? []).filter((e) => !removes.includes(e.name));
        for (const a of adds) {
          const i = env.findIndex((e) => e.name === a.name);
          if (i >= 0) env[i] = a;
          else env = [...env, a];
        }
        if (env.length) c.env = env;
        else delete c.env;
      }
    });
  },
};

const notSupported = (path: string): Command => ({
  ...helpFor(path),
  async run() {
    throw new CmdError(`kubectl ${path} is not supported by KubeLab`);
  },
});

/** `kubectl set`. */
export const setCommand: Command = {
  ...helpFor('set'),
  subcommands: [
    setEnv,
    setImage,
    setResources,
    notSupported('set selector'),
    notSupported('set serviceaccount'),
    notSupported('set subject'),
  ],
};

/** `kubectl autoscale`. */
export const autoscaleCommand: Command = {
  ...helpFor('autoscale'),
  async run(inv) {
    if (!inv.flags.changed('max')) throw new CmdError('required flag(s) "max" not set');
    const max = inv.flags.int('max');
    const min = inv.flags.int('min');
    if (max < 1) throw new CmdError('--max=MAXPODS is required and must be at least 1, max: ' + max);
    if (max < min)
      throw new CmdError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const dry = dryRunOf(inv);
    const { targets, errors } = await selectTargets(inv, {
      args: inv.args,
      filenames: inv.flags.strings('filename'),
    });
    if (errors.length) throw errors[0];
    for (const t of targets) {
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(t.resource.kind))
        throw new CmdError(`cannot autoscale a ${t.resource.kind}: not supported`);
      const spec: Record<string, unknown> = {};
      const cpuPct = inv.flags.defs.some((d) => d.name === 'cpu-percent') ? inv.flags.int('cpu-percent') : -1;
      const cpu = inv.flags.defs.some((d) => d.name === 'cpu') ? inv.flags.string('cpu') : '';
      let target: Record<string, unknown> | undefined;
      if (cpu) {
        target = cpu.endsWith('%')
          ? { averageUtilization: Number(cpu.slice(0, -1)), type: 'Utilization' }
          : { averageValue: cpu, type: 'AverageValue' };
      } else if (cpuPct >= 0) target = { averageUtilization: cpuPct, type: 'Utilization' };
      spec.maxReplicas = max;
      if (target) spec.metrics = [{ resource: { name: 'cpu', target }, type: 'Resource' }];
      if (min > 0) spec.minReplicas = min;
      spec.scaleTargetRef = {
        apiVersion: t.resource.group ? `${t.resource.group}/${t.resource.version}` : t.resource.version,
        kind: t.resource.kind,
        name: t.name,
      };
      const hpa = {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { creationTimestamp: null, name: inv.flags.string('name') || t.name },
        spec,
        status: { currentMetrics: null, desiredReplicas: 0 },
      };
      await createObject(inv, hpa as unknown as KubeObject, dry);
    }
    return 0;
  },
};

/** `kubectl edit`: needs the host's editor hook (`io.edit`). */
export const editCommand: Command = {
  ...helpFor('edit'),
  async run(inv) {
    const io = inv.io;
    const { targets, errors } = await selectTargets(inv, {
      args: inv.args,
      filenames: inv.flags.strings('filename'),
      recursive: inv.flags.bool('recursive'),
    });
    if (errors.length) throw errors[0];
    if (!io.edit)
      throw new CmdError(
        'unable to launch the editor "vi": no editor is available in this terminal (KubeLab edits in the browser editor)',
      );
    const errs: unknown[] = [];
    for (const t of targets) {
      const obj = withType(t.obj!, t.resource);
      const header =
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";
      const text = header + printYaml(obj);
      const edited = await io.edit(text);
      const body = (edited ?? '')
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
      if (edited === undefined || body.trim() === '' || edited === text) {
        inv.out('Edit cancelled, no changes made.\n');
        continue;
      }
      let next: KubeObject;
      try {
        next = parseYaml(body) as KubeObject;
      } catch (e) {
        errs.push(new CmdError(`error: ${(e as Error).message}`));
        continue;
      }
      const patch = createTwoWayMergePatch(obj, next, t.resource.kind);
      if (!Object.keys(patch).length) {
        inv.out('Edit cancelled, no changes made.\n');
        continue;
      }
      try {
        const res = await inv.client.request<KubeObject>({
          method: 'PATCH',
          path: resourcePath(t.resource, t.namespace, t.name),
          body: patch,
          headers: { contentType: PATCH_TYPES.strategic },
        });
        await printOperation(inv, withType(res, t.resource), 'edited', 'none');
      } catch (e) {
        errs.push(e);
      }
    }
    for (const e of errs) inv.err(`${errorText(e)}\n`);
    return errs.length ? 1 : 0;
  },
};
