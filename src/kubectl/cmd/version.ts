/**
 * `kubectl version` (kubectl pkg/cmd/version): client, Kustomize and server versions, `--client`,
 * `-o json|yaml`. The client reports v1.34.0 (the release KubeLab reproduces). Leaves out: the
 * version-skew warning.
 */
import { CmdError, type Command } from '../framework/command';
import { printYaml } from '../printers/yaml-json';

/** The client version KubeLab's kubectl reports. */
export const CLIENT_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.0',
  gitCommit: 'f28b4c9efbca5c5c0af716d9f2d5702667ee8a45',
  gitTreeState: 'clean',
  buildDate: '2025-08-27T10:15:59Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Kustomize version embedded in kubectl v1.34. */
export const KUSTOMIZE_VERSION = 'v5.7.1';

/** `kubectl version`. */
export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  example: '  # Print the client and server versions for the current context\n  kubectl version',
  usage: 'version [flags]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  async run(inv) {
    if (inv.args.length) throw new CmdError(`extra arguments: [${inv.args.join(' ')}]`);
    const out = inv.flags.string('output');
    if (out !== '' && out !== 'yaml' && out !== 'json')
      throw new CmdError("--output must be 'yaml' or 'json'");
    const client = inv.flags.bool('client');
    let server: Record<string, string> | undefined;
    if (!client) server = await inv.client.get<Record<string, string>>('/version');
    if (out === '') {
      let s = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
      if (server) s += `Server Version: ${server.gitVersion}\n`;
      inv.out(s);
      return 0;
    }
    const doc: Record<string, unknown> = {
      clientVersion: CLIENT_VERSION,
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (server) doc.serverVersion = server;
    if (out === 'json') inv.out(JSON.stringify(doc, null, 2) + '\n');
    else inv.out(printYaml(doc));
    return 0;
  },
};
