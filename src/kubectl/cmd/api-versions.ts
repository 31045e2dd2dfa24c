/**
 * `kubectl api-versions` (kubectl pkg/cmd/apiresources/apiversions.go): every served group/version,
 * sorted, one per line.
 */
import { UsageError, type Command } from '../framework/command';

/** `kubectl api-versions`. */
export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  example: '  # Print the supported API versions\n  kubectl api-versions',
  usage: 'api-versions',
  async run(inv) {
    if (inv.args.length) throw new UsageError(`unexpected arguments: [${inv.args.join(' ')}]`);
    const d = await inv.client.discovery();
    const all = d.groups.flatMap((g) => g.versions.map((v) => (g.name ? `${g.name}/${v}` : v)));
    all.sort();
    inv.out(all.map((v) => `${v}\n`).join(''));
    return 0;
  },
};
