/**
 * `kubectl top node|pod` (kubectl pkg/cmd/top) over KubeLab's simulated metrics (the rule of
 * src/control-plane/controller-manager/controllers/cluster/metrics.ts, shared with the HPA): a pod's
 * CPU is its `kubelab.dev/cpu-usage` annotation, else its containers' CPU requests × `kubelab.dev/load`
 * (default 0.1); memory likewise with `kubelab.dev/memory-usage`. Only Running pods have metrics; a
 * node's usage is the sum of its Running pods, and its percentages are against allocatable.
 * Columns: `NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%)` and `NAME CPU(cores) MEMORY(bytes)`
 * (`NAMESPACE` with `-A`, `POD NAME` per container with `--containers`), `--sort-by=cpu|memory`,
 * `--no-headers`, `-l`.
 * Leaves out: the metrics.k8s.io API itself (no PodMetrics/NodeMetrics objects are served),
 * `--show-capacity`, `--use-protocol-buffers`.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, toMilli, toNumber } from '../../api/quantity';
import { podUsage } from '../../control-plane/controller-manager/controllers/cluster/metrics';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { TabWriter } from '../printers/tabwriter';
import { helpFor } from './help-texts';

const cpu = (m: number) => `${Math.round(m)}m`;
const mem = (b: number) => `${Math.floor(b / (1024 * 1024))}Mi`;

function table(inv: Invocation, rows: string[][], header: string[]): void {
  const w = new TabWriter((s) => inv.out(s));
  // kubectl top ends every cell with a tab, so lines carry trailing padding.
  if (!inv.flags.bool('no-headers')) w.write(header.join('\t') + '\t\n');
  for (const r of rows) w.write(r.join('\t') + '\t\n');
  w.flush();
}

function containerUsage(pod: Pod, name: string, res: 'cpu' | 'memory'): number {
  const total = podUsage(pod, res);
  const cs = pod.spec?.containers ?? [];
  const req = (c: (typeof cs)[number]) => {
    const q = c.resources?.requests?.[res];
    if (q === undefined) return 0;
    const p = parseQuantity(String(q));
    return res === 'cpu' ? toMilli(p) : toNumber(p);
  };
  const sum = cs.reduce((a, c) => a + req(c), 0);
  const c = cs.find((x) => x.name === name);
  if (!c) return 0;
  return sum > 0 ? Math.round((total * req(c)) / sum) : Math.round(total / cs.length);
}

async function topPod(inv: Invocation): Promise<number> {
  const allNs = inv.flags.bool('all-namespaces');
  const q: Record<string, string> = {};
  if (inv.flags.string('selector')) q.labelSelector = inv.flags.string('selector');
  if (inv.args[0]) q.fieldSelector = `metadata.name=${inv.args[0]}`;
  const l = await inv.client.get<{ items: Pod[] }>(
    allNs ? '/api/v1/pods' : `/api/v1/namespaces/${inv.namespace}/pods`,
    q,
  );
  const pods = l.items.filter((p) => p.status?.phase === 'Running');
  if (!pods.length) {
    if (inv.args[0]) throw new CmdError(`pods "${inv.args[0]}" not found`);
    inv.err(allNs ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const sort = inv.flags.string('sort-by');
  if (sort && sort !== 'cpu' && sort !== 'memory') throw new CmdError(`--sort-by accepts only cpu or memory`);
  const rows: Array<{ cells: string[]; cpu: number; mem: number }> = [];
  for (const p of pods) {
    const ns = allNs ? [p.metadata?.namespace ?? ''] : [];
    if (inv.flags.bool('containers')) {
      for (const c of p.spec?.containers ?? []) {
        const cu = containerUsage(p, c.name, 'cpu');
        const mu = containerUsage(p, c.name, 'memory');
        rows.push({ cells: [...ns, p.metadata?.name ?? '', c.name, cpu(cu), mem(mu)], cpu: cu, mem: mu });
      }
    } else {
      const cu = podUsage(p, 'cpu');
      const mu = podUsage(p, 'memory');
      rows.push({ cells: [...ns, p.metadata?.name ?? '', cpu(cu), mem(mu)], cpu: cu, mem: mu });
    }
  }
  if (sort) rows.sort((a, b) => (sort === 'cpu' ? b.cpu - a.cpu : b.mem - a.mem));
  const header = [
    ...(allNs ? ['NAMESPACE'] : []),
    ...(inv.flags.bool('containers') ? ['POD', 'NAME'] : ['NAME']),
    'CPU(cores)',
    'MEMORY(bytes)',
  ];
  table(
    inv,
    rows.map((r) => r.cells),
    header,
  );
  return 0;
}

async function topNode(inv: Invocation): Promise<number> {
  const q: Record<string, string> = {};
  if (inv.flags.string('selector')) q.labelSelector = inv.flags.string('selector');
  const nodes = (await inv.client.get<{ items: Node[] }>('/api/v1/nodes', q)).items.filter(
    (n) => !inv.args[0] || n.metadata?.name === inv.args[0],
  );
  if (inv.args[0] && !nodes.length) throw new CmdError(`nodes "${inv.args[0]}" not found`);
  const pods = (await inv.client.get<{ items: Pod[] }>('/api/v1/pods')).items.filter(
    (p) => p.status?.phase === 'Running',
  );
  const rows = nodes.map((n) => {
    const on = pods.filter((p) => p.spec?.nodeName === n.metadata?.name);
    const cu = on.reduce((a, p) => a + podUsage(p, 'cpu'), 0);
    const mu = on.reduce((a, p) => a + podUsage(p, 'memory'), 0);
    const alloc = n.status?.allocatable ?? {};
    const ac = alloc.cpu !== undefined ? toMilli(parseQuantity(String(alloc.cpu))) : 0;
    const am = alloc.memory !== undefined ? toNumber(parseQuantity(String(alloc.memory))) : 0;
    const pct = (u: number, a: number) => (a > 0 ? `${Math.floor((u * 100) / a)}%` : '<unknown>');
    return { cells: [n.metadata?.name ?? '', cpu(cu), pct(cu, ac), mem(mu), pct(mu, am)], cpu: cu, mem: mu };
  });
  const sort = inv.flags.string('sort-by');
  if (sort) rows.sort((a, b) => (sort === 'cpu' ? b.cpu - a.cpu : b.mem - a.mem));
  table(
    inv,
    rows.map((r) => r.cells),
    ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'],
  );
  return 0;
}

/** `kubectl top`. */
export const topCommand: Command = {
  ...helpFor('top'),
  subcommands: [
    { ...helpFor('top node'), run: topNode },
    { ...helpFor('top pod'), run: topPod },
  ],
};
