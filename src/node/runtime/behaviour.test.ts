import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../runtime/clock';
import { SeededRng } from '../../runtime/rng';
import { TraceBus, Tracer } from '../../runtime/trace';
import { piDigits } from './behaviour';
import { ContainerRuntime, type Container } from './container-runtime';
import { resolveImage } from './registry';
import { tokenize } from './shell';

interface Case {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  limit?: number;
  /** Expected: exit code (undefined = still running after 60 s), reason, duration (ms), log lines. */
  exit?: number;
  reason?: string;
  ms?: number;
  logs?: string[];
}

const MiB = 1024 * 1024;
const CASES: Case[] = [
  {
    name: 'echo; exit 0',
    image: 'busybox',
    command: ['sh', '-c', 'echo hello; exit 0'],
    exit: 0,
    reason: 'Completed',
    ms: 0,
    logs: ['hello'],
  },
  {
    name: 'exit 1',
    image: 'busybox',
    command: ['sh', '-c', 'exit 1'],
    exit: 1,
    reason: 'Error',
    ms: 0,
    logs: [],
  },
  {
    name: 'sleep 5',
    image: 'busybox',
    command: ['sleep', '5'],
    exit: 0,
    reason: 'Completed',
    ms: 5000,
    logs: [],
  },
  {
    name: 'busybox default sh exits at once',
    image: 'busybox',
    exit: 0,
    reason: 'Completed',
    ms: 0,
    logs: [],
  },
  {
    name: 'quoting and variables',
    image: 'busybox',
    command: ['sh', '-c', `X='a b'; echo "$X" '$X' \${X}-"q"; echo $((2+3*4))`],
    exit: 0,
    ms: 0,
    logs: ['a b $X a b-q', '14'],
  },
  {
    name: '&& / || / ;',
    image: 'busybox',
    command: ['sh', '-c', 'false && echo no; false || echo yes; true && echo and'],
    exit: 0,
    ms: 0,
    logs: ['yes', 'and'],
  },
  {
    name: 'while loop prints every 2 s',
    image: 'busybox',
    command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 2; done'],
    logs: ['tick 0', 'tick 1', 'tick 2'],
  },
  {
    name: 'for loop',
    image: 'alpine',
    command: ['/bin/sh', '-c', 'for i in 1 2 3; do echo $i; done'],
    exit: 0,
    ms: 0,
    logs: ['1', '2', '3'],
  },
  {
    name: 'files: echo > f; cat f',
    image: 'busybox',
    command: ['sh', '-c', 'echo "greeting=hello" > /config/app.conf; cat /config/app.conf'],
    exit: 0,
    ms: 0,
    logs: ['greeting=hello'],
  },
  {
    name: 'cat missing file (busybox text)',
    image: 'busybox',
    command: ['cat', '/nope'],
    exit: 1,
    ms: 0,
    logs: ["cat: can't open '/nope': No such file or directory"],
  },
  {
    name: 'unknown command in sh',
    image: 'busybox',
    command: ['sh', '-c', 'foo'],
    exit: 127,
    ms: 0,
    logs: ['sh: foo: not found'],
  },
  {
    name: 'printenv',
    image: 'busybox',
    command: ['printenv', 'GREETING'],
    env: { GREETING: 'hi there' },
    exit: 0,
    ms: 0,
    logs: ['hi there'],
  },
  {
    name: 'date',
    image: 'busybox',
    command: ['date'],
    exit: 0,
    ms: 0,
    logs: ['Thu Jan  1 00:00:00 UTC 2026'],
  },
  {
    name: 'if / test',
    image: 'busybox',
    command: ['sh', '-c', 'if [ -f /x ]; then echo yes; else echo no; fi'],
    exit: 0,
    ms: 0,
    logs: ['no'],
  },
  { name: 'mysql without password', image: 'mysql:8.0', exit: 1, reason: 'Error', ms: 0 },
  { name: 'redis runs', image: 'redis:7', logs: ['* Ready to accept connections tcp'] },
  {
    name: 'stress over its limit is OOMKilled',
    image: 'polinux/stress',
    command: ['stress'],
    args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
    limit: 100 * MiB,
    exit: 137,
    reason: 'OOMKilled',
    ms: 1000,
  },
  {
    name: 'stress under its limit runs',
    image: 'polinux/stress',
    command: ['stress'],
    args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
    limit: 200 * MiB,
    logs: ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd'],
  },
  {
    name: 'KUBELAB_MEMORY_USE over the limit',
    image: 'nginx',
    env: { KUBELAB_MEMORY_USE: '300Mi' },
    limit: 256 * MiB,
    exit: 137,
    reason: 'OOMKilled',
    ms: 1000,
  },
  { name: 'pause runs silently', image: 'registry.k8s.io/pause:3.10', logs: [] },
  {
    name: 'perl bpi(10)',
    image: 'perl',
    command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(10)'],
    exit: 0,
    ms: 25,
    logs: ['3.141592654'],
  },
];

function run(c: Case): { container: Container; runtime: ContainerRuntime; clock: VirtualClock; t0: number } {
  const clock = new VirtualClock();
  const runtime = new ContainerRuntime({
    node: 'n',
    clock,
    rng: new SeededRng(1),
    tracer: new Tracer('t', new TraceBus(), () => clock.now()),
  });
  const r = resolveImage(c.image);
  if (!r.ok) throw new Error(r.message);
  const img = runtime.storeImage(r.image);
  const container = runtime.createContainer({
    podUid: 'u',
    podName: 'p',
    namespace: 'default',
    name: 'c',
    image: img,
    command: c.command,
    args: c.args,
    env: c.env ?? {},
    memoryLimitBytes: c.limit,
    podIP: '10.244.1.2',
  });
  const t0 = clock.now();
  runtime.startContainer(container.id, () => {});
  for (let next = clock.nextDue(); next !== undefined && next <= t0 + 60_000; next = clock.nextDue()) {
    clock.jumpTo(next);
    clock.fireDue();
  }
  return { container, runtime, clock, t0 };
}

describe('container behaviour table', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { container, t0 } = run(c);
    if (c.exit === undefined) expect(container.state).toBe('running');
    else {
      expect(container.exitCode).toBe(c.exit);
      if (c.reason) expect(container.reason).toBe(c.reason);
      if (c.ms !== undefined) expect((container.finishedAt ?? 0) - t0).toBe(c.ms);
    }
    const lines = container.logs.map((l) => l.text);
    if (c.logs && c.exit !== undefined) expect(lines).toEqual(c.logs);
    else if (c.logs)
      for (const l of c.logs)
        expect(
          lines.some((x) => x.endsWith(l) || x === l),
          `${l} in ${JSON.stringify(lines)}`,
        ).toBe(true);
  });

  it('mysql prints its real error line', () => {
    const { container } = run({ name: 'm', image: 'mysql:8.0' });
    expect(container.logs.map((l) => l.text)).toContain('    - MYSQL_ROOT_PASSWORD');
    expect(
      container.logs.some((l) =>
        l.text.endsWith(
          '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
        ),
      ),
    ).toBe(true);
  });

  it('an unknown executable is a StartError (exit 128)', () => {
    const clock = new VirtualClock();
    const rt = new ContainerRuntime({
      node: 'n',
      clock,
      rng: new SeededRng(1),
      tracer: new Tracer('t', new TraceBus(), () => clock.now()),
    });
    const r = resolveImage('registry.k8s.io/pause:3.10');
    const c = rt.createContainer({
      podUid: 'u',
      podName: 'p',
      namespace: 'd',
      name: 'c',
      image: rt.storeImage(r.ok ? r.image : (undefined as never)),
      command: ['sh'],
      env: {},
      podIP: '',
    });
    expect(() => rt.startContainer(c.id, () => {})).toThrow(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown',
    );
    expect([c.exitCode, c.reason]).toEqual([128, 'StartError']);
  });

  it('SIGTERM: servers exit promptly with 0, sleep as PID 1 waits for SIGKILL (137)', () => {
    for (const [c, code, ms] of [
      [{ name: 'nginx', image: 'nginx' }, 0, 100],
      [{ name: 'sleep', image: 'busybox', command: ['sleep', '3600'] }, 137, 30_000],
      [
        {
          name: 'trap',
          image: 'busybox',
          command: ['sh', '-c', "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"],
        },
        0,
        100,
      ],
    ] as Array<[Case, number, number]>) {
      const r = run(c);
      const at = r.clock.now();
      r.runtime.stopContainer(r.container.id, 30_000);
      for (
        let next = r.clock.nextDue();
        next !== undefined && next <= at + 40_000;
        next = r.clock.nextDue()
      ) {
        r.clock.jumpTo(next);
        r.clock.fireDue();
      }
      expect([c.name, r.container.exitCode, (r.container.finishedAt ?? 0) - at]).toEqual([c.name, code, ms]);
    }
  });

  it('exec runs against the container files (probe semantics)', () => {
    const r = run({ name: 'x', image: 'busybox', command: ['sh', '-c', 'touch /tmp/healthy; sleep 3600'] });
    expect(r.runtime.exec(r.container.id, ['cat', '/tmp/healthy'])).toEqual({ code: 0, output: '' });
    expect(r.runtime.exec(r.container.id, ['cat', '/tmp/nope'])).toEqual({
      code: 1,
      output: "cat: can't open '/tmp/nope': No such file or directory\n",
    });
  });

  it('pi digits', () => expect(piDigits(20)).toBe('3.1415926535897932385'));

  it('tokenizer keeps quoted operators as words', () => {
    expect(
      tokenize(`echo "a;b" 'c && d' e\\ f; x`).map((t) => (t.t === 'word' ? t.raw : `<${t.v}>`)),
    ).toEqual(['echo', '"a;b"', "'c && d'", 'e\\ f', '<;>', 'x']);
  });
});
