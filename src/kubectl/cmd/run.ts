/**
 * `kubectl run` (kubectl pkg/cmd/run + generate/versioned run.go BasicPod): builds a Pod labelled
 * `run=<name>` (or `--labels`), one container named after the pod, `--image`, `--port`, `--env`,
 * `--restart` (Always/OnFailure/Never), `--image-pull-policy`, `--annotations`, `--privileged`,
 * `--command -- cmd args` (else args), `--overrides` (strategic merge), `--expose` (with a
 * ClusterIP service), `--dry-run=client -o yaml` identical to kubectl's.
 * Leaves out: attaching (`-i`, `-t`, `--attach`, `--rm` need a terminal stream: reported as not
 * supported), `--wait`, `--pod-running-timeout`.
 */
import { applyStrategicMergePatch } from '../../api/patch';
import type { KubeObject } from '../../api/types';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { dryRunOf } from '../framework/mutate';
import { createObject } from './create';
import { buildService } from './expose';
import { helpFor } from './help-texts';

type Obj = Record<string, unknown>;

/** Parses `a=b,c=d` into a map (kubectl's ParseLabels), with its error text. */
export function parseLabelList(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new CmdError(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** The Pod `kubectl run` builds (before `--overrides`). */
export function buildRunPod(inv: Invocation, name: string): Obj {
  const labels = inv.flags.string('labels') ? parseLabelList(inv.flags.string('labels')) : { run: name };
  const restart = inv.flags.string('restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart))
    throw new UsageError(`invalid restart policy: ${restart}`);
  const rest = inv.args.slice(1);
  const c: Obj = {};
  if (rest.length) {
    if (inv.flags.bool('command')) c.command = rest;
    else c.args = rest;
  }
  const env = inv.flags.strings('env');
  if (env.length)
    c.env = env.map((e) => {
      const eq = e.indexOf('=');
      if (eq < 0) throw new CmdError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  c.image = inv.flags.string('image');
  const pull = inv.flags.string('image-pull-policy');
  if (pull) c.imagePullPolicy = pull;
  c.name = name;
  const port = inv.flags.string('port');
  if (port) {
    const n = Number(port);
    if (!Number.isInteger(n))
      throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
    c.ports = [{ containerPort: n }];
  }
  c.resources = {};
  if (inv.flags.bool('privileged')) c.securityContext = { privileged: true };
  const metadata: Obj = { creationTimestamp: null };
  const ann = inv.flags.strings('annotations');
  if (ann.length)
    metadata.annotations = Object.fromEntries(
      ann.map((a) => {
        const eq = a.indexOf('=');
        return [a.slice(0, eq), a.slice(eq + 1)];
      }),
    );
  metadata.labels = labels;
  metadata.name = name;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [c], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
}

async function runRun(inv: Invocation): Promise<number> {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (!inv.flags.string('image')) throw new CmdError('required flag(s) "image" not set');
  if (n < 1) throw new UsageError('NAME is required for run');
  const attach = inv.flags.bool('stdin') || inv.flags.bool('tty') || inv.flags.bool('attach');
  if (inv.flags.bool('rm') && !attach)
    throw new UsageError('--rm should only be used for attached containers');
  if (attach)
    throw new CmdError(
      'attaching to a container (-i, -t, --attach, --rm) is not supported by KubeLab: run the pod without them, then use "kubectl logs" or "kubectl exec"',
    );
  const dry = dryRunOf(inv);
  const name = inv.args[0];
  let pod = buildRunPod(inv, name);
  const overrides = inv.flags.string('overrides');
  if (overrides) {
    let patch: object;
    try {
      patch = JSON.parse(overrides) as object;
    } catch (e) {
      throw new CmdError(`error: ${(e as Error).message}`);
    }
    pod = applyStrategicMergePatch(pod, patch, 'Pod');
  }
  if (inv.flags.bool('expose')) {
    const port = inv.flags.string('port');
    if (!port) throw new CmdError('--port must be set when exposing a service');
    const labels = (pod.metadata as { labels: Record<string, string> }).labels;
    const svc = buildService({
      name,
      labels,
      selector: labels,
      ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }],
    });
    await createObject(inv, svc as unknown as KubeObject, dry);
  }
  await createObject(inv, pod as unknown as KubeObject, dry);
  return 0;
}

/** `kubectl run`. */
export const runCommand: Command = { ...helpFor('run'), run: runRun };
