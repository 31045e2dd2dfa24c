/**
 * Help output in kubectl's layout (k8s.io/kubectl/pkg/util/templates): long text, `Examples:`,
 * `Available Commands:`, `Options:` (flags sorted by name, `    -A, --all-namespaces=false:` then the
 * usage on a tab-indented line), `Usage:` and the `kubectl options` footer; the root help lists the
 * command groups. Only commands that are registered are listed.
 */
import type { Command } from './command';
import { defaultText, type FlagDef } from './flags';

/** Root help groups, in kubectl's order (commands not registered are skipped). */
export const ROOT_GROUPS: Array<{ title: string; commands: string[] }> = [
  { title: 'Basic Commands (Beginner)', commands: ['create', 'expose', 'run', 'set'] },
  { title: 'Basic Commands (Intermediate)', commands: ['explain', 'get', 'edit', 'delete'] },
  { title: 'Deploy Commands', commands: ['rollout', 'scale', 'autoscale'] },
  {
    title: 'Cluster Management Commands',
    commands: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'],
  },
  {
    title: 'Troubleshooting and Debugging Commands',
    commands: [
      'describe',
      'logs',
      'attach',
      'exec',
      'port-forward',
      'proxy',
      'cp',
      'auth',
      'debug',
      'events',
    ],
  },
  { title: 'Advanced Commands', commands: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
  { title: 'Settings Commands', commands: ['label', 'annotate', 'completion'] },
];

/** The order cobra knows kubectl's commands in (for "Did you mean this?" suggestions). */
export function commandOrder(registry: ReadonlyMap<string, Command>): Command[] {
  const grouped = ROOT_GROUPS.flatMap((g) => g.commands);
  const tail = ['alpha', 'config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'];
  const seen = new Set<string>();
  const out: Command[] = [];
  for (const n of [...grouped, ...tail, ...registry.keys()]) {
    const c = registry.get(n);
    if (c && !seen.has(c.name)) {
      seen.add(c.name);
      out.push(c);
    }
  }
  return out;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length);
}

/** `kubectl --help`. */
export function rootHelp(registry: ReadonlyMap<string, Command>): string {
  let s =
    'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  const grouped = new Set<string>();
  const all = commandOrder(registry).filter((c) => !c.hidden);
  const width = Math.max(...all.map((c) => c.name.length)) + 3;
  for (const g of ROOT_GROUPS) {
    const cmds = g.commands.map((n) => registry.get(n)).filter((c): c is Command => !!c && !c.hidden);
    g.commands.forEach((n) => grouped.add(n));
    if (!cmds.length) continue;
    s += `${g.title}:\n`;
    for (const c of cmds) s += `  ${pad(c.name, width)}${c.short}\n`;
    s += '\n';
  }
  const other = all
    .filter((c) => !grouped.has(c.name) && c.name !== 'options')
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (other.length) {
    s += 'Other Commands:\n';
    for (const c of other) s += `  ${pad(c.name, width)}${c.short}\n`;
    s += '\n';
  }
  s += 'Usage:\n  kubectl [flags] [options]\n\n';
  s += 'Use "kubectl <command> --help" for more information about a given command.\n';
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}

/** The `Options:` block for a set of flags. */
export function flagsBlock(flags: readonly FlagDef[]): string {
  const visible = flags
    .filter((f) => !f.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return visible
    .map(
      (f) =>
        `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${f.type === 'raw' ? String(f.default ?? '') : defaultText(f)}:\n\t${f.usage}\n`,
    )
    .join('\n');
}

/** `kubectl <cmd> --help`. `path` is the command path (`kubectl cluster-info`). */
export function commandHelp(cmd: Command, path: string): string {
  let s = `${cmd.long ?? cmd.short}\n\n`;
  if (cmd.aliases?.length) s += `Aliases:\n${[cmd.name, ...cmd.aliases].join(', ')}\n\n`;
  if (cmd.example) s += `Examples:\n${cmd.example}\n\n`;
  const subs = (cmd.subcommands ?? []).filter((c) => !c.hidden);
  if (subs.length) {
    const width = Math.max(11, ...subs.map((c) => c.name.length)) + 3;
    s += 'Available Commands:\n';
    for (const c of subs) s += `  ${pad(c.name, width)}${c.short}\n`;
    s += '\n';
  }
  const flags = (cmd.flags ?? []).filter((f) => !f.hidden);
  if (flags.length) s += `Options:\n${flagsBlock(flags)}\n`;
  s += `Usage:\n  kubectl ${cmd.usage} [options]\n\n`;
  if (subs.length) s += `Use "${path} <command> --help" for more information about a given command.\n`;
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
