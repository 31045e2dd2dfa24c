/**
 * `kubectl api-resources` (kubectl pkg/cmd/apiresources/apiresources.go): the served resources from
 * discovery, sorted by group then name (or `--sort-by=name|kind`), filtered by `--namespaced`,
 * `--api-group`, `--verbs`, `--categories`; `-o wide` adds VERBS and CATEGORIES, `-o name` prints
 * `name[.group]`. Leaves out: `--cached`.
 */
import { CmdError, type Command } from '../framework/command';
import { gvString, type ApiResource } from '../framework/client';
import { TabWriter } from '../printers/tabwriter';

/** `kubectl api-resources`. */
export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  example: `  # Print the supported API resources
  kubectl api-resources
  
  # Print the supported API resources with more information
  kubectl api-resources -o wide
  
  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name
  
  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true
  
  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false
  
  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  usage: 'api-resources [flags]',
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
    {
      name: 'categories',
      type: 'stringSlice',
      usage: 'Limit to resources that belong to the specified categories.',
    },
    {
      name: 'namespaced',
      type: 'bool',
      default: true,
      usage:
        'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    },
    {
      name: 'no-headers',
      type: 'bool',
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    {
      name: 'sort-by',
      type: 'string',
      usage:
        "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
  ],
  async run(inv) {
    const f = inv.flags;
    const out = f.string('output');
    if (out !== '' && out !== 'wide' && out !== 'name')
      throw new CmdError(`--output ${out} is not available`);
    const sortBy = f.string('sort-by');
    if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind')
      throw new CmdError(`--sort-by accepts only name or kind`);
    let rs: ApiResource[] = await inv.client.preferredResources();
    if (f.changed('api-group')) rs = rs.filter((r) => r.group === f.string('api-group'));
    if (f.changed('namespaced')) rs = rs.filter((r) => r.namespaced === f.bool('namespaced'));
    const verbs = f.strings('verbs');
    if (verbs.length) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = f.strings('categories');
    if (cats.length) rs = rs.filter((r) => cats.every((c) => r.categories.includes(c)));
    rs = [...rs].sort((a, b) => {
      if (sortBy === 'name') return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      if (sortBy === 'kind') return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
      if (a.group !== b.group) return a.group < b.group ? -1 : 1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    if (out === 'name') {
      inv.out(rs.map((r) => `${r.group ? `${r.name}.${r.group}` : r.name}\n`).join(''));
      return 0;
    }
    const w = new TabWriter(inv.out);
    const wide = out === 'wide';
    if (!f.bool('no-headers')) {
      w.write(
        [
          'NAME',
          'SHORTNAMES',
          'APIVERSION',
          'NAMESPACED',
          'KIND',
          ...(wide ? ['VERBS', 'CATEGORIES'] : []),
        ].join('\t') + '\n',
      );
    }
    for (const r of rs) {
      const cells = [r.name, r.shortNames.join(','), gvString(r), String(r.namespaced), r.kind];
      if (wide) cells.push([...r.verbs].sort().join(','), r.categories.join(','));
      w.write(cells.join('\t') + '\n');
    }
    w.flush();
    return 0;
  },
};
