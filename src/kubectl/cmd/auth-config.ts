/**
 * `kubectl auth can-i|whoami` and `kubectl config view|current-context|get-contexts|get-clusters|
 * get-users` for KubeLab's single cluster. KubeLab does not enforce RBAC (every request is allowed),
 * so `auth can-i` answers `yes` for everything (exit 0), and `--list` prints the one all-allowing rule.
 * The kubeconfig is a fixed one: cluster, user and context `kubelab`, server `ctx.server` (default
 * https://127.0.0.1:6443), namespace from `ctx.namespace`.
 * Leaves out: `auth reconcile`, kubeconfig editing (`config set*`, `use-context`, `delete-*`,
 * `rename-context`, `unset`: reported as not supported).
 */
import { CmdError, type Command, type Invocation } from '../framework/command';
import { TabWriter } from '../printers/tabwriter';
import { printJson, printYaml } from '../printers/yaml-json';
import { helpFor } from './help-texts';

const CONTEXT = 'kubelab';
const USER = 'kubelab-admin';

/** The kubeconfig `config view` shows (credentials redacted as kubectl does). */
export function kubeconfig(inv: Invocation, raw: boolean): Record<string, unknown> {
  const data = raw
    ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCktVQkVMQUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo='
    : 'DATA+OMITTED';
  const context: Record<string, string> = { cluster: CONTEXT, user: USER };
  if (inv.ctx.namespace) context.namespace = inv.ctx.namespace;
  return {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': data, server: inv.ctx.server ?? 'https://127.0.0.1:6443' },
        name: CONTEXT,
      },
    ],
    contexts: [{ context, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: USER,
        user: {
          'client-certificate-data': raw ? data : 'DATA+OMITTED',
          'client-key-data': raw ? data : 'DATA+OMITTED',
        },
      },
    ],
  };
}

const notSupported = (path: string): Command => ({
  ...helpFor(path),
  async run() {
    throw new CmdError(`kubectl ${path}: KubeLab has a single fixed kubeconfig that cannot be edited`);
  },
});

function table(inv: Invocation, rows: string[][]): void {
  const w = new TabWriter((s) => inv.out(s));
  for (const r of rows) w.write(r.join('\t') + '\n');
  w.flush();
}

/** `kubectl config`. */
export const configCommand: Command = {
  ...helpFor('config'),
  subcommands: [
    {
      ...helpFor('config current-context'),
      async run(inv) {
        inv.out(`${CONTEXT}\n`);
      },
    },
    notSupported('config delete-cluster'),
    notSupported('config delete-context'),
    notSupported('config delete-user'),
    {
      ...helpFor('config get-clusters'),
      async run(inv) {
        inv.out(`NAME\n${CONTEXT}\n`);
      },
    },
    {
      ...helpFor('config get-contexts'),
      async run(inv) {
        if (inv.args.length && inv.args[0] !== CONTEXT)
          throw new CmdError(`context ${inv.args[0]} not found`);
        if (inv.flags.string('output') === 'name') {
          inv.out(`${CONTEXT}\n`);
          return;
        }
        const rows = [['*', CONTEXT, CONTEXT, USER, inv.ctx.namespace ?? '']];
        table(
          inv,
          inv.flags.bool('no-headers')
            ? rows
            : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...rows],
        );
      },
    },
    {
      ...helpFor('config get-users'),
      async run(inv) {
        inv.out(`NAME\n${USER}\n`);
      },
    },
    notSupported('config rename-context'),
    notSupported('config set'),
    notSupported('config set-cluster'),
    notSupported('config set-context'),
    notSupported('config set-credentials'),
    notSupported('config unset'),
    {
      ...helpFor('config use-context'),
      async run(inv) {
        if (inv.args[0] !== CONTEXT)
          throw new CmdError(`no context exists with the name: ${JSON.stringify(inv.args[0] ?? '')}`);
        inv.out(`Switched to context "${CONTEXT}".\n`);
      },
    },
    {
      ...helpFor('config view'),
      async run(inv) {
        const cfg = kubeconfig(inv, inv.flags.bool('raw'));
        const out = inv.flags.string('output') || 'yaml';
        inv.out(out === 'json' ? printJson(cfg) : printYaml(cfg));
      },
    },
  ],
};

/** `kubectl auth`. */
export const authCommand: Command = {
  ...helpFor('auth'),
  subcommands: [
    {
      ...helpFor('auth can-i'),
      async run(inv) {
        if (inv.flags.bool('list')) {
          table(inv, [
            ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
            ['*.*', '[]', '[]', '[*]'],
            ['', '[*]', '[]', '[*]'],
          ]);
          return 0;
        }
        if (inv.args.length < 1)
          throw new CmdError('you must specify two arguments: verb resource or verb resource/resourceName.');
        if (!inv.flags.bool('quiet')) inv.out('yes\n');
        return 0;
      },
    },
    notSupported('auth reconcile'),
    {
      ...helpFor('auth whoami'),
      async run(inv) {
        table(inv, [
          ['ATTRIBUTE', 'VALUE'],
          ['Username', USER],
          ['Groups', '[system:masters system:authenticated]'],
        ]);
      },
    },
  ],
};
