/**
 * `kubectl cluster-info` (kubectl pkg/cmd/clusterinfo): the control plane URL and the proxy URLs of
 * kube-system services labelled `kubernetes.io/cluster-service=true`, coloured only on a terminal.
 * Leaves out: `cluster-info dump`.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { CmdError, type Command } from '../framework/command';

const green = (s: string, tty: boolean) => (tty ? `\x1b[0;32m${s}\x1b[0m` : s);
const yellow = (s: string, tty: boolean) => (tty ? `\x1b[0;33m${s}\x1b[0m` : s);

/** `kubectl cluster-info`. */
export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  example: '  # Print the address of the control plane and cluster services\n  kubectl cluster-info',
  usage: 'cluster-info [flags]',
  subcommands: [
    {
      name: 'dump',
      short: 'Dump relevant information for debugging and diagnosis',
      usage: 'cluster-info dump [flags]',
      async run() {
        throw new CmdError('cluster-info dump is not supported by KubeLab yet');
      },
    },
  ],
  async run(inv) {
    const tty = !!inv.io.tty;
    const server = inv.ctx.server ?? 'https://127.0.0.1:6443';
    let s = `${green('Kubernetes control plane', tty)} is running at ${yellow(server, tty)}\n`;
    const list = await inv.client.get<{ items: Service[] }>('/api/v1/namespaces/kube-system/services', {
      labelSelector: 'kubernetes.io/cluster-service=true',
    });
    for (const svc of list.items) {
      const name = svc.metadata?.labels?.['kubernetes.io/name'] ?? svc.metadata?.name ?? '';
      for (const p of svc.spec?.ports ?? []) {
        const n = p.name ? `${svc.metadata?.name}:${p.name}` : (svc.metadata?.name ?? '');
        s += `${green(name, tty)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${n}/proxy`, tty)}\n`;
      }
    }
    s += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    inv.out(s);
    return 0;
  },
};
