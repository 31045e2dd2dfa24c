/**
 * `kubectl exec` (kubectl pkg/cmd/exec) over KubeLab's simulated container shell (exec-shell.ts):
 * `kubectl exec POD [-c CONTAINER] -- COMMAND [args...]`, `TYPE/NAME` resolved to a pod, the
 * `Defaulted container` notice, `command terminated with exit code N` with that exit code, and
 * kubectl's argument errors.
 * Leaves out: interactive shells (`-i`, `-t`): KubeLab has no terminal stream into a container; they
 * are refused with a message.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import { CmdError, UsageError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { ExecShell } from './exec-shell';
import { helpFor } from './help-texts';

async function runExec(inv: Invocation): Promise<number> {
  const dash = inv.argsLenAtDash;
  const before = dash >= 0 ? inv.args.slice(0, dash) : inv.args.slice(0, 1);
  const argv = dash >= 0 ? inv.args.slice(dash) : inv.args.slice(1);
  if (before.length === 0) throw new UsageError('pod, type/name or --filename must be specified');
  if (argv.length === 0) throw new CmdError('you must specify at least one command for the container');
  if (inv.flags.bool('stdin') || inv.flags.bool('tty'))
    throw new CmdError(
      'interactive exec (-i/-t) is not supported by KubeLab: run one command at a time, e.g. kubectl exec POD -- env',
    );
  const [type, first] = before[0].includes('/') ? before[0].split('/') : ['pods', before[0]];
  let name = first;
  const r = await inv.client.resolveType(type);
  let obj = await inv.client.get<KubeObject>(resourcePath(r, inv.namespace, name));
  if (r.kind !== 'Pod') {
    const sel =
      (obj.spec as { selector?: { matchLabels?: Record<string, string> } })?.selector?.matchLabels ?? {};
    const l = await inv.client.get<{ items: Pod[] }>(`/api/v1/namespaces/${inv.namespace}/pods`, {
      labelSelector: Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    });
    const running = l.items.filter((p) => p.status?.phase === 'Running');
    const pick = running[0] ?? l.items[0];
    if (!pick) throw new CmdError('timed out waiting for the condition');
    obj = pick as unknown as KubeObject;
    name = pick.metadata?.name ?? '';
  }
  const pod = obj as unknown as Pod;
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  let container = inv.flags.string('container');
  if (!container) {
    container = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0];
    if (names.length > 1)
      inv.err(`Defaulted container ${JSON.stringify(container)} out of: ${names.join(', ')}\n`);
  } else if (!names.includes(container))
    throw new CmdError(`container ${container} not found in pod ${name}`);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
    throw new CmdError(
      `cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`,
    );
  const st = (pod.status?.containerStatuses ?? []).find((s) => s.name === container);
  if (!st?.state?.running)
    throw new CmdError(`unable to upgrade connection: container not found (${JSON.stringify(container)})`);
  const shell = new ExecShell(inv.client, pod, container, inv.ctx.clock.now());
  const res = await shell.run(argv);
  inv.out(res.stdout);
  inv.err(res.stderr);
  if (res.code !== 0) {
    inv.err(`command terminated with exit code ${res.code}\n`);
    return res.code;
  }
  return 0;
}

/** `kubectl exec`. */
export const execCommand: Command = { ...helpFor('exec'), run: runExec };
