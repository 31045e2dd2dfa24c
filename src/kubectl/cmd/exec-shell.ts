/**
 * A small simulated shell inside a container, for `kubectl exec` (KubeLab runs no processes). It knows
 * the pod (env, hostname, the kubelet-written /etc/hosts and /etc/resolv.conf) and reaches Services the
 * way a pod would: cluster DNS names (`web`, `web.default`, `web.default.svc.cluster.local`) resolve to
 * the ClusterIP, and a connection to a ClusterIP is routed through kube-proxy's iptables rules
 * (src/node/kube-proxy `buildIptablesRules` + `routeRequest`) built from the current Services and
 * EndpointSlices. Backends answer by image: nginx with its welcome page on port 80, agnhost
 * `serve-hostname` with the pod name on port 9376; anything else refuses the connection.
 * Commands: env, hostname, cat, ls, echo, pwd, whoami, date, curl, wget, nslookup, sh -c / bash -c.
 * Unknown commands: `sh: x: not found`, exit 127.
 */
import { parse as shellParse } from 'shell-quote';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { buildIptablesRules } from '../../node/kube-proxy/rules';
import { routeRequest } from '../../node/kube-proxy/route';
import { SeededRng } from '../../runtime/rng';
import type { Client } from '../framework/client';

/** What a command printed and its exit code. */
export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** The cluster DNS service IP (kube-dns). */
export const CLUSTER_DNS = '10.96.0.10';

/** nginx's default index.html. */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The shell's view of the cluster, fetched lazily. */
export class ExecShell {
  private services?: Service[];
  private slices?: EndpointSlice[];
  private pods?: Pod[];
  constructor(
    private readonly client: Client,
    private readonly pod: Pod,
    private readonly container: string,
    private readonly now: number,
  ) {}

  private get ns(): string {
    return this.pod.metadata?.namespace ?? 'default';
  }

  private async load(): Promise<void> {
    this.services ??= (await this.client.get<{ items: Service[] }>('/api/v1/services')).items;
    this.slices ??= (
      await this.client.get<{ items: EndpointSlice[] }>('/apis/discovery.k8s.io/v1/endpointslices')
    ).items;
    this.pods ??= (await this.client.get<{ items: Pod[] }>('/api/v1/pods')).items;
  }

  /** Runs one argv. */
  async run(argv: string[]): Promise<ShellResult> {
    const [cmd, ...args] = argv;
    const ok = (stdout: string): ShellResult => ({ stdout, stderr: '', code: 0 });
    switch (cmd) {
      case 'sh':
      case 'bash':
      case 'ash':
      case '/bin/sh':
      case '/bin/bash': {
        if (args[0] !== '-c' || args.length < 2) return ok('');
        return this.script(args[1]);
      }
      case 'env':
      case 'printenv':
        return ok(
          this.env()
            .map(([k, v]) => `${k}=${v}\n`)
            .join(''),
        );
      case 'hostname':
        return ok(`${this.hostname()}\n`);
      case 'pwd':
        return ok('/\n');
      case 'whoami':
        return ok('root\n');
      case 'echo':
        return ok(`${args.join(' ')}\n`);
      case 'date':
        return ok(`${new Date(this.now).toUTCString().replace('GMT', 'UTC')}\n`);
      case 'cat':
        return this.cat(args);
      case 'ls':
        return this.ls(args);
      case 'curl':
        return this.http(args, 'curl');
      case 'wget':
        return this.http(args, 'wget');
      case 'nslookup':
        return this.nslookup(args[0] ?? '');
      default:
        return { stdout: '', stderr: `sh: ${cmd}: not found\n`, code: 127 };
    }
  }

  private async script(text: string): Promise<ShellResult> {
    const parts = shellParse(text);
    let cur: string[] = [];
    const out: ShellResult = { stdout: '', stderr: '', code: 0 };
    const flush = async () => {
      if (!cur.length) return;
      const r = await this.run(cur);
      out.stdout += r.stdout;
      out.stderr += r.stderr;
      out.code = r.code;
      cur = [];
    };
    for (const p of parts) {
      if (typeof p === 'string') cur.push(p);
      else if ('op' in p && (p.op === ';' || p.op === '&&')) {
        await flush();
        if (p.op === '&&' && out.code !== 0) return out;
      }
    }
    await flush();
    return out;
  }

  private hostname(): string {
    return this.pod.spec?.hostname ?? this.pod.metadata?.name ?? '';
  }

  private env(): Array<[string, string]> {
    const c = (this.pod.spec?.containers ?? []).find((x) => x.name === this.container);
    const out: Array<[string, string]> = [
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', this.hostname()],
    ];
    for (const e of c?.env ?? []) if (e.value !== undefined) out.push([e.name, e.value]);
    out.push(
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
      ['HOME', '/root'],
    );
    return out;
  }

  private cat(args: string[]): ShellResult {
    let stdout = '';
    for (const f of args) {
      switch (f) {
        case '/etc/hostname':
          stdout += `${this.hostname()}\n`;
          break;
        case '/etc/resolv.conf':
          stdout += `search ${this.ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
          break;
        case '/etc/hosts': {
          const ip = this.pod.status?.podIP;
          stdout +=
            '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
            (ip ? `${ip}\t${this.hostname()}\n` : '');
          break;
        }
        case '/usr/share/nginx/html/index.html':
          if (!this.image().includes('nginx'))
            return { stdout, stderr: `cat: can't open '${f}': No such file or directory\n`, code: 1 };
          stdout += NGINX_WELCOME;
          break;
        default:
          return { stdout, stderr: `cat: can't open '${f}': No such file or directory\n`, code: 1 };
      }
    }
    return { stdout, stderr: '', code: 0 };
  }

  private image(pod: Pod = this.pod, container = this.container): string {
    return (
      (pod.spec?.containers ?? []).find((x) => x.name === container)?.image ??
      pod.spec?.containers?.[0]?.image ??
      ''
    );
  }

  private ls(args: string[]): ShellResult {
    const dir = args.find((a) => !a.startsWith('-')) ?? '/';
    const trees: Record<string, string[]> = {
      '/': ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'run', 'sys', 'tmp', 'usr', 'var'],
      '/etc': ['hostname', 'hosts', 'resolv.conf'],
      '/var/run/secrets/kubernetes.io/serviceaccount': ['ca.crt', 'namespace', 'token'],
    };
    if (this.image().includes('nginx')) trees['/usr/share/nginx/html'] = ['50x.html', 'index.html'];
    const list = trees[dir.replace(/\/$/, '') || '/'];
    if (!list) return { stdout: '', stderr: `ls: ${dir}: No such file or directory\n`, code: 1 };
    return { stdout: list.map((x) => `${x}\n`).join(''), stderr: '', code: 0 };
  }

  /** Resolves a host name the way the pod's resolver does (search path of resolv.conf). */
  async resolve(host: string): Promise<string | undefined> {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
    await this.load();
    const fqdn = this.fqdn(host);
    if (!fqdn) return undefined;
    const [name, ns] = fqdn.split('.');
    const svc = this.services!.find((s) => s.metadata?.name === name && s.metadata?.namespace === ns);
    if (!svc) return undefined;
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') return ip;
    const slice = this.slices!.find(
      (s) => s.metadata?.labels?.['kubernetes.io/service-name'] === name && s.metadata?.namespace === ns,
    );
    return slice?.endpoints?.[0]?.addresses?.[0];
  }

  private fqdn(host: string): string | undefined {
    const h = host.replace(/\.$/, '');
    const parts = h.split('.');
    if (h.endsWith('.svc.cluster.local') && parts.length === 5)
      return `${parts[0]}.${parts[1]}.svc.cluster.local`;
    if (parts.length === 3 && parts[2] === 'svc') return `${parts[0]}.${parts[1]}.svc.cluster.local`;
    if (parts.length === 2) return `${parts[0]}.${parts[1]}.svc.cluster.local`;
    if (parts.length === 1) return `${parts[0]}.${this.ns}.svc.cluster.local`;
    return undefined;
  }

  private async nslookup(host: string): Promise<ShellResult> {
    const head = `Server:\t\t${CLUSTER_DNS}\nAddress:\t${CLUSTER_DNS}:53\n\n`;
    const ip = await this.resolve(host);
    const fqdn = this.fqdn(host);
    if (!ip || !fqdn) return { stdout: head, stderr: `** server can't find ${host}: NXDOMAIN\n\n`, code: 1 };
    return { stdout: `${head}Name:\t${fqdn}\nAddress: ${ip}\n\n`, stderr: '', code: 0 };
  }

  /** Sends one HTTP GET like curl / wget would and returns the answer. */
  private async http(args: string[], tool: 'curl' | 'wget'): Promise<ShellResult> {
    const url = args.find((a) => !a.startsWith('-') && a !== '-O-' && a !== '-');
    if (!url)
      return {
        stdout: '',
        stderr: tool === 'curl' ? "curl: try 'curl --help' for more information\n" : 'BusyBox wget: no URL\n',
        code: tool === 'curl' ? 2 : 1,
      };
    const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    const host = m?.[1] ?? url;
    const port = Number(m?.[2] ?? 80);
    const ip = await this.resolve(host);
    const refused = (): ShellResult =>
      tool === 'curl'
        ? {
            stdout: '',
            stderr: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`,
            code: 7,
          }
        : { stdout: '', stderr: `wget: can't connect to remote host (${ip}): Connection refused\n`, code: 1 };
    if (!ip)
      return tool === 'curl'
        ? { stdout: '', stderr: `curl: (6) Could not resolve host: ${host}\n`, code: 6 }
        : { stdout: '', stderr: `wget: bad address '${host}'\n`, code: 1 };
    await this.load();
    let dest = { ip, port };
    const svc = this.services!.find((s) => s.spec?.clusterIP === ip);
    if (svc) {
      const rules = buildIptablesRules({
        nodeName: this.pod.spec?.nodeName ?? '',
        nodeIPs: this.pod.status?.hostIP ? [this.pod.status.hostIP] : [],
        services: this.services!,
        endpointSlices: this.slices!,
      });
      const r = routeRequest(
        rules,
        { destIP: ip, destPort: port, protocol: 'tcp', sourceIP: this.pod.status?.podIP },
        new SeededRng(this.now),
      );
      if (!('endpoint' in r)) return refused();
      dest = r.endpoint;
    }
    const backend = this.pods!.find((p) => p.status?.podIP === dest.ip && p.status?.phase === 'Running');
    if (!backend) return refused();
    const answer = this.answer(backend, dest.port);
    if (answer === undefined) return refused();
    return { stdout: answer, stderr: '', code: 0 };
  }

  private answer(pod: Pod, port: number): string | undefined {
    for (const c of pod.spec?.containers ?? []) {
      const image = c.image ?? '';
      if (/(^|\/)nginx(:|@|$)/.test(image) && port === 80) return NGINX_WELCOME;
      if (image.includes('agnhost') && (c.args ?? []).includes('serve-hostname')) {
        const p = (c.args ?? []).find((a) => a.startsWith('--port='));
        if (port === Number(p ? p.slice(7) : 9376)) return pod.metadata?.name ?? '';
      }
    }
    return undefined;
  }
}
