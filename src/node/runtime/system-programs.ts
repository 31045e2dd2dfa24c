/**
 * What the images of a kubeadm cluster's system pods do when their containers run: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kube-proxy and CoreDNS. Each is a server that runs until
 * stopped, listens on its real ports (so kubeadm's probes pass) and prints the first log lines the real
 * binary prints — etcd's zap JSON, klog's `I0101 00:00:00.000000       1 file.go:123] msg` for the
 * Kubernetes components, CoreDNS's banner.
 *
 * The real control-plane components are KubeLab's workers; these containers only give them a face in
 * `kube-system`. Left out: every log line after start-up, flags changing behaviour.
 */
import type { ProgramContext, ServerInfo } from './behaviour';
import type { Proc } from './shell';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** klog's header: `I0101 00:00:00.123456       1 file.go:123] `. */
export function klogHeader(ms: number, file: string, level: 'I' | 'W' | 'E' = 'I'): string {
  const d = new Date(ms);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000       1 ${file}] `;
}

/** etcd's zap timestamp: `2026-01-01T00:00:00.123000Z`. */
function zapTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Programs of this module, by executable name. */
export const SYSTEM_PROGRAMS = new Set([
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'coredns',
]);

const flagValue = (argv: string[], name: string): string | undefined =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function* serve(c: ProgramContext, ports: number[], http: ServerInfo['http'], term: string[] = []): Proc {
  c.state.server = { ports, http, stable: true };
  c.state.serverSince = c.sh.now();
  c.state.onTerm = () => {
    for (const l of term) c.sh.err(l + '\n');
    return 0;
  };
  yield { kind: 'block' };
  return 0;
}

/** Health endpoints of the components: `/livez`, `/readyz`, `/healthz`, `/health`, `/ready` answer 200. */
function health(path: string): number {
  const p = path.split('?')[0];
  return ['/livez', '/readyz', '/healthz', '/health', '/ready', '/metrics'].includes(p) ? 200 : 404;
}

function* etcd(c: ProgramContext, argv: string[]): Proc {
  const t = zapTime(c.sh.now());
  const name = flagValue(argv, 'name') ?? 'default';
  const version = c.tag.replace(/-\d+$/, '');
  const line = (caller: string, msg: string, extra: Record<string, unknown> = {}, logger?: string) =>
    c.sh.err(
      JSON.stringify({ level: 'info', ts: t, ...(logger ? { logger } : {}), caller, msg, ...extra }) + '\n',
    );
  const peer = (flagValue(argv, 'listen-peer-urls') ?? 'http://localhost:2380').split(',');
  const client = (flagValue(argv, 'listen-client-urls') ?? 'http://localhost:2379').split(',');
  const member = '8e9e05c52164694d';
  line('etcdmain/etcd.go:64', 'Running: ', { args: argv });
  line('embed/etcd.go:138', 'configuring peer listeners', { 'listen-peer-urls': peer });
  line('embed/etcd.go:146', 'configuring client listeners', { 'listen-client-urls': client });
  line('embed/etcd.go:323', 'starting an etcd server', {
    'etcd-version': version,
    'go-version': 'go1.24.4',
    'go-os': 'linux',
    'go-arch': 'amd64',
    'max-cpu-set': c.cpus,
    'max-cpu-available': c.cpus,
    'member-initialized': false,
    name,
    'data-dir': flagValue(argv, 'data-dir') ?? `${name}.etcd`,
    'snapshot-count': Number(flagValue(argv, 'snapshot-count') ?? 10000),
    'initial-cluster': flagValue(argv, 'initial-cluster') ?? '',
    'initial-cluster-state': 'new',
  });
  line('etcdserver/raft.go:517', 'starting local member', { 'local-member-id': member, 'cluster-id': 'cdf818194e3a8c32' });
  line('v3@v3.6.0/raft.go:988', `${member} is starting a new election at term 1`, {}, 'raft');
  line('v3@v3.6.0/raft.go:927', `${member} became leader at term 2`, {}, 'raft');
  line('etcdserver/server.go:1818', 'published local member to cluster through raft', {
    'local-member-id': member,
    'local-member-attributes': `{Name:${name} ClientURLs:[${flagValue(argv, 'advertise-client-urls') ?? ''}]}`,
    'cluster-id': 'cdf818194e3a8c32',
    'publish-timeout': '7s',
  });
  for (const u of client)
    line('embed/serve.go:210', 'serving client traffic securely', {
      traffic: 'grpc+http',
      address: u.replace(/^https?:\/\//, ''),
    });
  return yield* serve(c, [2379, 2380, 2381], health, [
    JSON.stringify({ level: 'info', ts: t, caller: 'osutil/interrupt_unix.go:64', msg: 'received signal; shutting down', signal: 'terminated' }),
  ]);
}

function* kubeComponent(c: ProgramContext, name: string, argv: string[]): Proc {
  const now = c.sh.now();
  const k = (file: string, msg: string) => c.sh.err(klogHeader(now, file) + msg + '\n');
  const v = c.tag;
  const lease = (n: string) => {
    k('leaderelection.go:257', `attempting to acquire leader lease kube-system/${n}...`);
    k('leaderelection.go:271', `successfully acquired lease kube-system/${n}`);
  };
  switch (name) {
    case 'kube-apiserver': {
      const ip = flagValue(argv, 'advertise-address') ?? c.podIP;
      k('options.go:249', `external host was not specified, using ${ip}`);
      k('server.go:148', `Version: ${v}`);
      k('server.go:150', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
      k('shared_informer.go:349', '"Waiting for caches to sync" controller="node_authorizer"');
      k('plugins.go:157', 'Loaded 14 mutating admission controller(s) successfully in the following order: NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,PodTopologyLabels,MutatingAdmissionPolicy,MutatingAdmissionWebhook.');
      k('secure_serving.go:211', `Serving securely on [::]:${flagValue(argv, 'secure-port') ?? '6443'}`);
      k('controller.go:667', 'quota admission added evaluator for: endpoints');
      k('controller.go:667', 'quota admission added evaluator for: leases.coordination.k8s.io');
      return yield* serve(c, [Number(flagValue(argv, 'secure-port') ?? 6443)], health);
    }
    case 'kube-controller-manager':
      k('serving.go:386', 'Generated self-signed cert in-memory');
      k('controllermanager.go:191', `"Starting" version="${v}"`);
      k('controllermanager.go:193', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
      k('secure_serving.go:211', 'Serving securely on 127.0.0.1:10257');
      lease('kube-controller-manager');
      return yield* serve(c, [10257], health);
    case 'kube-scheduler':
      k('serving.go:386', 'Generated self-signed cert in-memory');
      k('server.go:177', `"Starting Kubernetes Scheduler" version="${v}"`);
      k('server.go:179', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
      k('secure_serving.go:211', 'Serving securely on 127.0.0.1:10259');
      lease('kube-scheduler');
      return yield* serve(c, [10259], health);
    default: {
      // kube-proxy
      k('server_linux.go:53', '"Using iptables proxy"');
      k('server.go:715', `"Successfully retrieved node IP(s)" IPs=["${c.podIP}"]`);
      k('conntrack.go:60', '"Setting nf_conntrack_max" nfConntrackMax=131072');
      k('server.go:254', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"');
      k('server_linux.go:132', '"Using iptables Proxier"');
      k('server.go:516', `"Version info" version="${v}"`);
      k('config.go:199', '"Starting service config controller"');
      k('config.go:105', '"Starting endpoint slice config controller"');
      k('config.go:329', '"Starting node config controller"');
      k('shared_informer.go:357', '"Caches are synced" controller="service config"');
      k('shared_informer.go:357', '"Caches are synced" controller="endpoint slice config"');
      k('shared_informer.go:357', '"Caches are synced" controller="node config"');
      return yield* serve(c, [10249, 10256], health);
    }
  }
}

function* coredns(c: ProgramContext): Proc {
  const v = c.tag.replace(/^v/, '');
  for (const l of [
    '.:53',
    '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
    `CoreDNS-${v}`,
    'linux/amd64, go1.24.1, 707c7c1',
  ])
    c.sh.out(l + '\n');
  return yield* serve(c, [53, 8080, 8181, 9153], health, [
    '[INFO] SIGTERM: Shutting down servers then terminating',
    '[INFO] plugin/health: Going into lameduck mode for 5s',
  ]);
}

/** Runs the system program `name` (one of SYSTEM_PROGRAMS) with its full argv. */
export function* systemProgram(name: string, argv: string[], c: ProgramContext): Proc {
  if (name === 'etcd') return yield* etcd(c, argv);
  if (name === 'coredns') return yield* coredns(c);
  return yield* kubeComponent(c, name, argv);
}
