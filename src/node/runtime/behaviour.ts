/**
 * What a simulated container does, from its image, command, args and env: the programs of the
 * catalogue's images (nginx, redis, httpd, postgres, mysql, pause, agnhost, stress, …) and a set of
 * busybox-like utilities (`echo`, `sleep`, `cat`, `date`, `printenv`, …) run by the small shell in
 * `shell.ts`. Servers run until stopped and answer probes; scripts print, sleep and exit as written.
 * Memory use is a documented, deterministic property (see `memoryUse`). Nothing here reads a clock of
 * its own: programs are generators that yield sleeps to the container runtime.
 *
 * Left out: real networking (HTTP answers are a table), CPU use, file systems beyond a per-container
 * map of files, most utility flags.
 */
import { parseQuantity, toNumber } from '../../api/quantity';
import { CATALOGUE, type ImageDefaults } from './images';
import { ExitSignal, runScript, type Proc, type ShellHost, type ShellState } from './shell';
import { SYSTEM_PROGRAMS, systemProgram } from './system-programs';

/** How a server answers on its ports. */
export interface ServerInfo {
  /** Ports it listens on (empty: accepts any port). */
  ports: number[];
  /** HTTP status for a path, `sinceStartMs` after the server started. */
  http(path: string, sinceStartMs: number): number;
  /** Writes an access-log line for a request (nginx, httpd). */
  access?(path: string, status: number, from: string, userAgent: string): void;
  /**
   * True when the answers never change while the server runs and nothing records the requests: the
   * kubelet then stops repeating a probe once it has succeeded (same outcome, far fewer timers).
   */
  stable?: boolean;
}

/** Mutable facts a running program publishes to the runtime. */
export interface ProcState {
  /** Set once a server is listening. */
  server?: ServerInfo;
  /** When it started listening (ms). */
  serverSince?: number;
  /** What SIGTERM does: run `onTerm` and exit with its code; undefined = ignored (PID 1 default). */
  onTerm?: () => number;
  /** Memory in use, bytes. */
  memoryBytes: number;
}

/** Everything a program sees. */
export interface ProgramContext {
  sh: ShellState;
  state: ProcState;
  defaults: ImageDefaults;
  /** Image tag (for versions in banners). */
  tag: string;
  /** Repository (`docker.io/library/nginx`). */
  repository: string;
  /** The pod's IP (httpd prints it). */
  podIP: string;
  /** Node CPUs (nginx worker count). */
  cpus: number;
}

const MiB = 1024 * 1024;

/** The argv a container runs: Kubernetes `command` replaces ENTRYPOINT, `args` replaces CMD. */
export function containerArgv(defaults: ImageDefaults, command?: string[], args?: string[]): string[] {
  if (command?.length) return [...command, ...(args ?? [])];
  return [...defaults.entrypoint, ...(args?.length ? args : defaults.cmd)];
}

/** Bytes of a size in the `stress` / Kubernetes style (`150M`, `250Mi`, `1G`, `1024k`). */
export function parseBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG])?[bB]?$/.exec(s);
  if (m) {
    const mult = { k: 1024, m: MiB, g: 1024 * MiB }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
    return Math.round(Number(m[1]) * mult);
  }
  try {
    return toNumber(parseQuantity(s));
  } catch {
    return 0;
  }
}

/**
 * Memory a container uses (bytes), deterministically: env `KUBELAB_MEMORY_USE` (a quantity, e.g.
 * `200Mi`) wins; else `stress --vm N --vm-bytes S` uses N×S (`--vm-bytes` default 256M); vish/stress
 * uses `-mem-total`; else the image's default from the catalogue.
 */
export function memoryUse(argv: string[], env: Record<string, string>, defaults: ImageDefaults): number {
  if (env.KUBELAB_MEMORY_USE) return parseBytes(env.KUBELAB_MEMORY_USE);
  const base = basename(argv[0] ?? '');
  if (base === 'stress' && argv.includes('--vm')) {
    const vm = Number(flag(argv, '--vm') ?? '1') || 1;
    return vm * parseBytes(flag(argv, '--vm-bytes') ?? '256M') + defaults.memoryBytes;
  }
  if (base === 'stress' && flag(argv, '-mem-total')) return parseBytes(flag(argv, '-mem-total')!);
  return defaults.memoryBytes;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date`'s default output: `Thu Jan  1 00:00:00 UTC 2026`. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
const nginxTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const redisTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};
const accessTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

/** Paths every simulated web server answers with 200 (a real server would 404 most of them). */
const HEALTHY_PATHS = new Set([
  '/',
  '/index.html',
  '/healthz',
  '/health',
  '/livez',
  '/readyz',
  '/ready',
  '/started',
]);
/** Status a simulated web server returns: `/fail…` → 500, health-ish paths → 200, else 404. */
export function webStatus(path: string): number {
  const p = path.split('?')[0] || '/';
  if (p.startsWith('/fail')) return 500;
  return HEALTHY_PATHS.has(p) ? 200 : 404;
}

function* block(): Proc {
  yield { kind: 'block' };
  return 0;
}

function version(tag: string, fallback: string): string {
  return /^\d+\.\d+\.\d+$/.test(tag) ? tag : fallback;
}

function* nginx(c: ProgramContext, entrypointRan: boolean): Proc {
  const { sh, state } = c;
  const v = c.repository.endsWith('nginx-slim')
    ? '1.21.6'
    : version(c.tag, c.tag === '1.27' ? '1.27.5' : c.tag === '1.25' ? '1.25.5' : '1.29.1');
  const t = nginxTime(sh.now());
  if (entrypointRan && v !== '1.14.2') {
    for (const l of [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ])
      sh.out(l + '\n');
  }
  if (v !== '1.14.2') {
    sh.err(`${t} [notice] 1#1: using the "epoll" event method\n`);
    sh.err(`${t} [notice] 1#1: nginx/${v}\n`);
    sh.err(`${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \n`);
    sh.err(`${t} [notice] 1#1: OS: Linux 6.8.0-kubelab\n`);
    sh.err(`${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n`);
    sh.err(`${t} [notice] 1#1: start worker processes\n`);
    for (let i = 0; i < c.cpus; i++) sh.err(`${t} [notice] 1#1: start worker process ${29 + i}\n`);
  }
  state.server = {
    ports: [80],
    http: webStatus,
    access: (path, status, from, ua) =>
      sh.out(
        `${from} - - [${accessTime(sh.now())}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 615 : 153} "-" "${ua}" "-"\n`,
      ),
  };
  state.onTerm = () => {
    const q = nginxTime(sh.now());
    sh.err(`${q} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n`);
    for (let i = 0; i < c.cpus; i++) {
      sh.err(`${q} [notice] ${29 + i}#${29 + i}: gracefully shutting down\n`);
      sh.err(`${q} [notice] ${29 + i}#${29 + i}: exiting\n`);
      sh.err(`${q} [notice] ${29 + i}#${29 + i}: exit\n`);
    }
    sh.err(`${q} [notice] 1#1: exit\n`);
    return 0;
  };
  return yield* block();
}

function* redis(c: ProgramContext): Proc {
  const { sh, state } = c;
  const t = redisTime(sh.now());
  const v = c.tag === '5' ? '5.0.14' : c.tag === '6' ? '6.2.17' : c.tag.startsWith('7') ? '7.4.5' : '8.2.1';
  sh.out(`1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n`);
  sh.out(`1:C ${t} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started\n`);
  sh.out(
    `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n`,
  );
  sh.out(`1:M ${t} * monotonic clock: POSIX clock_gettime\n`);
  sh.out(`1:M ${t} * Running mode=standalone, port=6379.\n`);
  sh.out(`1:M ${t} * Server initialized\n`);
  sh.out(`1:M ${t} * Ready to accept connections tcp\n`);
  state.server = { ports: [6379], http: () => 0 };
  state.onTerm = () => {
    const q = redisTime(sh.now());
    sh.out(`1:signal-handler (${Math.floor(sh.now() / 1000)}) Received SIGTERM scheduling shutdown...\n`);
    sh.out(`1:M ${q} * User requested shutdown...\n`);
    sh.out(`1:M ${q} * Saving the final RDB snapshot before exiting.\n`);
    sh.out(`1:M ${q} * DB saved on disk\n`);
    sh.out(`1:M ${q} # Redis is now ready to exit, bye bye...\n`);
    return 0;
  };
  return yield* block();
}

function* httpd(c: ProgramContext): Proc {
  const { sh, state } = c;
  const d = new Date(sh.now());
  const t = `[${formatDate(sh.now()).slice(0, 10).replace(/ {2}/, ' 0')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}]`;
  const warn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP}. Set the 'ServerName' directive globally to suppress this message\n`;
  sh.err(warn);
  sh.err(warn);
  sh.err(
    `${t} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations\n`,
  );
  sh.err(`${t} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  state.server = {
    ports: [80],
    http: webStatus,
    access: (path, status, from, ua) =>
      sh.out(
        `${from} - - [${accessTime(sh.now())}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 45 : 196} "-" "${ua}"\n`,
      ),
  };
  state.onTerm = () => {
    sh.err(`${t} [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down\n`);
    return 0;
  };
  return yield* block();
}

function* postgres(c: ProgramContext): Proc {
  const { sh, state } = c;
  if (!sh.env.POSTGRES_PASSWORD && sh.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    for (const l of [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ])
      sh.err(l + '\n');
    return 1;
  }
  yield { kind: 'sleep', ms: 2000 };
  const ts = new Date(sh.now()).toISOString().replace('T', ' ').replace('Z', ' UTC');
  sh.out('PostgreSQL init process complete; ready for start up.\n');
  sh.out('\n');
  sh.err(`${ts} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n`);
  sh.err(`${ts} [1] LOG:  database system is ready to accept connections\n`);
  state.server = { ports: [5432], http: () => 0 };
  state.onTerm = () => {
    sh.err(`${ts} [1] LOG:  received fast shutdown request\n`);
    sh.err(`${ts} [1] LOG:  database system is shut down\n`);
    return 0;
  };
  return yield* block();
}

function* mysql(c: ProgramContext): Proc {
  const { sh, state } = c;
  const ts = () =>
    new Date(sh.now())
      .toISOString()
      .replace(/\.(\d{3})Z$/, '.$1000Z')
      .replace(/Z$/, '+00:00')
      .replace('T', ' ');
  const v = c.tag === '5.7' ? '5.7.44-1.el7' : c.tag === '8.0' ? '8.0.43-1.el9' : '8.4.6-1.el9';
  sh.out(`${ts()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v} started.\n`);
  if (
    !sh.env.MYSQL_ROOT_PASSWORD &&
    !sh.env.MYSQL_ALLOW_EMPTY_PASSWORD &&
    !sh.env.MYSQL_RANDOM_ROOT_PASSWORD
  ) {
    sh.err(`${ts()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n`);
    sh.err('    You need to specify one of the following as an environment variable:\n');
    sh.err('    - MYSQL_ROOT_PASSWORD\n');
    sh.err('    - MYSQL_ALLOW_EMPTY_PASSWORD\n');
    sh.err('    - MYSQL_RANDOM_ROOT_PASSWORD\n');
    return 1;
  }
  yield { kind: 'sleep', ms: 5000 };
  sh.out(`${ts()} [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n`);
  sh.err(
    `${ts()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v.split('-')[0]}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`,
  );
  state.server = { ports: [3306], http: () => 0 };
  state.onTerm = () => {
    sh.err(
      `${ts()} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${v.split('-')[0]}).\n`,
    );
    return 0;
  };
  return yield* block();
}

/** A quiet server (pause, Go sample apps): listens, prints `lines`, exits on SIGTERM. */
function* quietServer(
  c: ProgramContext,
  ports: number[],
  lines: string[] = [],
  http: ServerInfo['http'] = webStatus,
): Proc {
  for (const l of lines) c.sh.out(l + '\n');
  c.state.server = { ports, http };
  c.state.onTerm = () => 0;
  return yield* block();
}

function* agnhost(c: ProgramContext, args: string[]): Proc {
  const sub = args[0];
  const portFlag = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.split('=')[1]) : def;
  };
  switch (sub) {
    case 'netexec': {
      const port = portFlag('http-port', 8080);
      return yield* quietServer(
        c,
        [port, portFlag('udp-port', 8081)],
        [
          `I0101 00:00:00.000000       1 log.go:245] Started HTTP server on port ${port}`,
          `I0101 00:00:00.000000       1 log.go:245] Started UDP server on port  ${portFlag('udp-port', 8081)}`,
        ],
      );
    }
    case 'serve-hostname':
      return yield* quietServer(
        c,
        [portFlag('port', 9376)],
        [`I0101 00:00:00.000000       1 log.go:245] Serving on port ${portFlag('port', 9376)}.`],
      );
    case 'pause':
      c.sh.out('Paused\n');
      return yield* quietServer(c, []);
    case 'liveness':
      return yield* quietServer(c, [8080], [], livenessServer);
    case 'test-webserver':
      return yield* quietServer(c, [80]);
    default:
      c.sh.err(`Error: unknown command "${sub ?? ''}" for "app"\nRun 'app --help' for usage.\n`);
      return 1;
  }
}

/** The `liveness` image of the docs: /healthz answers 200 for the first 10 s, then 500. */
function livenessServer(path: string, since: number): number {
  if (path.split('?')[0] === '/healthz') return since < 10_000 ? 200 : 500;
  return webStatus(path);
}

/** Pi to `digits` significant digits (Machin's formula with BigInt), as `perl -Mbignum=bpi` prints it. */
export function piDigits(digits: number): string {
  const guard = 10n;
  const scale = 10n ** BigInt(digits + 10);
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
      sum += (sign * term) / n;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const s = (pi / 10n ** (guard - 1n)).toString();
  // round to `digits` significant digits
  const kept = BigInt(s.slice(0, digits + 1));
  const rounded = ((kept + 5n) / 10n).toString();
  return `${rounded[0]}.${rounded.slice(1)}`;
}

/** Busybox-ish utilities every shell image has. */
function* utility(name: string, args: string[], sh: ShellState, flavor: 'busybox' | 'gnu'): Proc {
  const noFile = (tool: string, f: string) =>
    flavor === 'busybox'
      ? `${tool}: can't open '${f}': No such file or directory\n`
      : `${tool}: ${f}: No such file or directory\n`;
  switch (name) {
    case 'echo': {
      let a = args;
      let nl = true;
      let esc = false;
      while (a[0] && /^-[neE]+$/.test(a[0])) {
        if (a[0].includes('n')) nl = false;
        if (a[0].includes('e')) esc = true;
        a = a.slice(1);
      }
      let s = a.join(' ');
      if (esc) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
      sh.out(s + (nl ? '\n' : ''));
      return 0;
    }
    case 'printf': {
      const fmt = args[0] ?? '';
      let i = 1;
      const s = fmt
        .replace(/%[sd]/g, () => args[i++] ?? '')
        .replace(/\\n/g, '\n')
        .replace(/\\t/g, '\t');
      sh.out(s);
      return 0;
    }
    case 'sleep': {
      const a = args[0];
      if (a === undefined) {
        sh.err(
          flavor === 'busybox'
            ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n'
            : 'sleep: missing operand\n',
        );
        return 1;
      }
      if (a === 'infinity' || a === 'inf') return yield* block();
      let ms = 0;
      for (const x of args) {
        const m = /^(\d*\.?\d+)([smhd]?)$/.exec(x);
        if (!m) {
          sh.err(`sleep: invalid number '${x}'\n`);
          return 1;
        }
        ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '']!;
      }
      if (ms > 0) yield { kind: 'sleep', ms: Math.round(ms) };
      return 0;
    }
    case 'true':
    case ':':
      return 0;
    case 'false':
      return 1;
    case 'exit':
      throw new ExitSignal(args[0] === undefined ? sh.status : Number(args[0]) & 255);
    case 'cat': {
      if (!args.length || (args.length === 1 && args[0] === '-')) {
        sh.out(sh.stdin);
        return 0;
      }
      let st = 0;
      for (const f of args) {
        const c = sh.fs.get(f);
        if (c === undefined) {
          sh.err(noFile('cat', f));
          st = 1;
        } else sh.out(c);
      }
      return st;
    }
    case 'tail': {
      const follow = args.some((a) => a === '-f' || a === '-F');
      const files = args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
      for (const f of files) {
        const c = sh.fs.get(f);
        if (c === undefined)
          sh.err(
            follow && args.includes('-F')
              ? `tail: cannot open '${f}': No such file or directory\n`
              : noFile('tail', f),
          );
        else sh.out(c);
      }
      if (follow) return yield* block();
      return files.every((f) => sh.fs.has(f)) ? 0 : 1;
    }
    case 'touch':
      for (const f of args.filter((a) => !a.startsWith('-'))) if (!sh.fs.has(f)) sh.fs.set(f, '');
      return 0;
    case 'rm': {
      const force = args.some((a) => /^-\w*f/.test(a));
      let st = 0;
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        if (!sh.fs.delete(f) && !force) {
          sh.err(
            flavor === 'busybox'
              ? `rm: can't remove '${f}': No such file or directory\n`
              : `rm: cannot remove '${f}': No such file or directory\n`,
          );
          st = 1;
        }
      }
      return st;
    }
    case 'mkdir':
    case 'chmod':
    case 'chown':
    case 'ln':
    case 'cp':
    case 'mv':
    case 'wait':
    case 'sync':
      return 0;
    case 'ls': {
      const dir = args.find((a) => !a.startsWith('-')) ?? '/';
      const names = [...sh.fs.keys()]
        .filter((k) => k.startsWith(dir.endsWith('/') ? dir : dir + '/'))
        .map((k) => k.slice(dir.replace(/\/$/, '').length + 1).split('/')[0]);
      if (names.length) sh.out([...new Set(names)].sort().join('\n') + '\n');
      return 0;
    }
    case 'test':
    case '[': {
      const a = name === '[' ? args.slice(0, -1) : args;
      return testExpr(a, sh) ? 0 : 1;
    }
    case 'date':
      sh.out(formatDate(sh.now()) + '\n');
      return 0;
    case 'hostname':
      sh.out((sh.env.HOSTNAME ?? '') + '\n');
      return 0;
    case 'whoami':
      sh.out('root\n');
      return 0;
    case 'id':
      sh.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
      return 0;
    case 'pwd':
      sh.out('/\n');
      return 0;
    case 'uname':
      sh.out(
        args.includes('-a')
          ? `Linux ${sh.env.HOSTNAME ?? ''} 6.8.0-kubelab #1 SMP x86_64 GNU/Linux\n`
          : 'Linux\n',
      );
      return 0;
    case 'printenv':
    case 'env': {
      if (name === 'printenv' && args.length) {
        let st = 0;
        for (const k of args) {
          if (sh.env[k] === undefined) st = 1;
          else sh.out(sh.env[k] + '\n');
        }
        return st;
      }
      for (const [k, v] of Object.entries(sh.env)) sh.out(`${k}=${v}\n`);
      return 0;
    }
    case 'seq': {
      const nums = args.map(Number);
      const [from, to] = nums.length === 1 ? [1, nums[0]] : [nums[0], nums[1]];
      for (let i = from; i <= to; i++) sh.out(`${i}\n`);
      return 0;
    }
    case 'wget': {
      const url = args.find((a) => /^https?:\/\//.test(a)) ?? '';
      const oi = args.indexOf('-O');
      const out = oi >= 0 ? args[oi + 1] : url.split('/').pop() || 'index.html';
      const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
      sh.err(`Connecting to ${host} (${host}:80)\n`);
      if (out === '-') sh.out('<html><body>OK</body></html>\n');
      else {
        sh.fs.set(out, '<html><body>OK</body></html>\n');
        sh.err(`saving to '${out}'\n`);
        sh.err(
          `${out.split('/').pop()}           100% |********************************|   646  0:00:00 ETA\n`,
        );
        sh.err(`'${out}' saved\n`);
      }
      return 0;
    }
    case 'curl':
      sh.out('<html><body>OK</body></html>\n');
      return 0;
    case 'nslookup': {
      const host = args.find((a) => !a.startsWith('-')) ?? '';
      sh.out(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t${host}\nAddress: 10.96.0.1\n\n`);
      return 0;
    }
    default:
      sh.err(`${sh.name}: ${name}: not found\n`);
      return 127;
  }
}

function testExpr(a: string[], sh: ShellState): boolean {
  if (a[0] === '!') return !testExpr(a.slice(1), sh);
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, x] = a;
    if (op === '-f' || op === '-e' || op === '-s' || op === '-r')
      return sh.fs.has(x) && (op !== '-s' || sh.fs.get(x) !== '');
    if (op === '-d')
      return x === '/' || [...sh.fs.keys()].some((k) => k.startsWith(x.replace(/\/$/, '') + '/'));
    if (op === '-z') return x === '';
    if (op === '-n') return x !== '';
    return false;
  }
  const [l, op, r] = a;
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '-eq':
      return Number(l) === Number(r);
    case '-ne':
      return Number(l) !== Number(r);
    case '-gt':
      return Number(l) > Number(r);
    case '-ge':
      return Number(l) >= Number(r);
    case '-lt':
      return Number(l) < Number(r);
    case '-le':
      return Number(l) <= Number(r);
  }
  return false;
}

const UTILITIES = new Set([
  'echo',
  'printf',
  'sleep',
  'true',
  'false',
  ':',
  'exit',
  'cat',
  'tail',
  'touch',
  'rm',
  'mkdir',
  'chmod',
  'chown',
  'ln',
  'cp',
  'mv',
  'wait',
  'sync',
  'ls',
  'test',
  '[',
  'date',
  'hostname',
  'whoami',
  'id',
  'pwd',
  'uname',
  'printenv',
  'env',
  'seq',
  'wget',
  'curl',
  'nslookup',
]);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** Generic long-running programs of catalogue images (they listen on any port asked). */
const GENERIC_SERVERS = new Set([
  'apache2-foreground',
  'start-zookeeper',
  'td-agent',
  'fluentd',
  'run.sh',
  'hello',
  'hello-app',
  'goproxy',
]);

/** True when the image has an executable called `argv0` (else the container fails to start). */
export function isExecutable(argv0: string, defaults: ImageDefaults): boolean {
  const b = basename(argv0);
  if (!b) return false;
  if (!defaults.shell)
    return (
      [...defaults.entrypoint, ...defaults.cmd].some((e) => basename(e) === b) ||
      ['pause', 'agnhost', 'server', 'stress'].includes(b)
    );
  return true;
}

/** Runs argv as a program of the image (the dispatcher shared by PID 1 and the shell). */
export function makeHost(ctx: Omit<ProgramContext, 'sh'>): ShellHost {
  const host: ShellHost = {
    run(argv, sh) {
      return runProgram(argv, { ...ctx, sh }, host);
    },
  };
  return host;
}

function* runProgram(argv: string[], c: ProgramContext, host: ShellHost): Proc {
  const { sh } = c;
  const name = basename(argv[0] ?? '');
  const args = argv.slice(1);
  if (name === 'exec' || name === 'tini' || name === 'nohup' || name === 'dumb-init') {
    const rest = args[0] === '--' ? args.slice(1) : args;
    return rest.length ? yield* host.run(rest, sh) : 0;
  }
  if (SHELLS.has(name)) {
    const ci = args.indexOf('-c');
    const child: ShellState = { ...sh, name: name === 'bash' ? 'bash' : 'sh', host };
    if (ci >= 0) {
      const script = args[ci + 1] ?? '';
      return yield* runScript(script, child);
    }
    const file = args.find((a) => !a.startsWith('-'));
    if (file) {
      const content = sh.fs.get(file);
      if (content === undefined) {
        sh.err(
          name === 'bash'
            ? `bash: ${file}: No such file or directory\n`
            : `sh: can't open '${file}': No such file or directory\n`,
        );
        return name === 'bash' ? 127 : 2;
      }
      return yield* runScript(content, child);
    }
    return 0; // no terminal attached: stdin is empty, the shell exits at once
  }
  if (name === 'docker-entrypoint.sh' || name === 'entrypoint.sh') {
    if (!args.length) return 0;
    if (basename(args[0]) === 'nginx') return yield* nginx(c, true);
    return yield* host.run(args, sh);
  }
  if (SYSTEM_PROGRAMS.has(name)) return yield* systemProgram(name, argv, c);
  switch (name) {
    case 'nginx':
      return yield* nginx(c, false);
    case 'redis-server':
      return yield* redis(c);
    case 'httpd-foreground':
    case 'httpd':
      return yield* httpd(c);
    case 'postgres':
      return yield* postgres(c);
    case 'mysqld':
      return yield* mysql(c);
    case 'pause':
      return yield* quietServer(c, []);
    case 'agnhost':
      return yield* agnhost(c, args);
    case 'server':
      return yield* quietServer(c, [8080], [], livenessServer);
    case 'stress': {
      if (args.includes('--help') || !args.length) {
        sh.out(
          "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n",
        );
        return 1;
      }
      if (args.some((a) => a.startsWith('-mem'))) {
        sh.err(
          `I0101 00:00:00.000000       1 main.go:26] Allocating "${flag(args, '-mem-total') ?? '0'}" memory, in "${flag(args, '-mem-alloc-size') ?? '4Ki'}" chunks, with a 1ms sleep between allocations\n`,
        );
        return yield* block();
      }
      const n = (f: string) => Number(flag(args, f) ?? 0) || 0;
      sh.out(
        `stress: info: [1] dispatching hogs: ${n('--cpu')} cpu, ${n('--io')} io, ${n('--vm')} vm, ${n('--hdd')} hdd\n`,
      );
      const timeout = flag(args, '--timeout') ?? flag(args, '-t');
      if (timeout) {
        const secs = parseInt(timeout, 10) || 0;
        yield { kind: 'sleep', ms: secs * 1000 };
        sh.out(`stress: info: [1] successful run completed in ${secs}s\n`);
        return 0;
      }
      return yield* block();
    }
    case 'perl': {
      const code = args.filter((a) => !a.startsWith('-')).join(' ') + ' ' + args.join(' ');
      const m = /bpi\((\d+)\)/.exec(code);
      if (m) {
        yield { kind: 'sleep', ms: Math.min(30_000, Math.round(Number(m[1]) * 2.5)) };
        sh.out(piDigits(Number(m[1])) + '\n');
        return 0;
      }
      const p = /print\s+["'](.*?)(\\n)?["']/.exec(code);
      if (p) sh.out(p[1] + (args.some((a) => /^-\w*l/.test(a)) || p[2] ? '\n' : ''));
      return 0;
    }
    case 'python':
    case 'python3': {
      const mi = args.indexOf('-m');
      if (mi >= 0 && args[mi + 1] === 'http.server') {
        const port = Number(args[mi + 2] ?? 8000) || 8000;
        return yield* quietServer(
          c,
          [port],
          [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`],
        );
      }
      const ci = args.indexOf('-c');
      if (ci >= 0) {
        for (const m of (args[ci + 1] ?? '').matchAll(/print\(\s*["'](.*?)["']\s*\)/g)) sh.out(m[1] + '\n');
        return 0;
      }
      return 0;
    }
    case 'node': {
      const ei = args.findIndex((a) => a === '-e' || a === '--eval');
      if (ei >= 0) {
        for (const m of (args[ei + 1] ?? '').matchAll(/console\.log\(\s*["'`](.*?)["'`]\s*\)/g))
          sh.out(m[1] + '\n');
        return 0;
      }
      if (args[0]) {
        sh.err(
          `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '/${args[0].replace(/^\//, '')}'\n`,
        );
        return 1;
      }
      return 0;
    }
  }
  if (GENERIC_SERVERS.has(name)) return yield* quietServer(c, []);
  if (UTILITIES.has(name)) return yield* utility(name, args, sh, c.defaults.flavor);
  sh.err(`${sh.name}: ${name}: not found\n`);
  return 127;
}

/** Catalogue defaults of a repository, or a plain shell image for unknown ones. */
export function defaultsFor(repository: string): ImageDefaults {
  return (
    CATALOGUE[repository]?.defaults ?? {
      entrypoint: [],
      cmd: ['sh'],
      memoryBytes: MiB,
      flavor: 'busybox',
      shell: true,
      env: {},
    }
  );
}
