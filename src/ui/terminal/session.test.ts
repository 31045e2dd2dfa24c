import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import type { KubeObject } from '../../api/types';
import type { KubectlIO } from '../../kubectl/framework/command';
import { COMMANDS } from '../../kubectl/cmd/registry';
import { runKubectl } from '../../kubectl/kubectl';
import { LocalCluster } from '../../runtime/local-cluster';
import { VirtualClock } from '../../runtime/clock';
import type { ApiTransport } from '../../api/rest';
import {
  colourStderr,
  PROMPT,
  PROMPT2,
  TerminalSession,
  type RunKubectl,
  type SessionOptions,
} from './session';

import { VtScreen } from './vt-screen';

function setup(run: RunKubectl, extra: Partial<SessionOptions> = {}) {
  let out = '';
  let screen = new VtScreen(80);
  const calls: Array<{ argv: string[]; io: KubectlIO }> = [];
  const session = new TerminalSession(
    {
      write: (s) => {
        out += s;
        screen.write(s);
      },
      cols: 80,
    },
    {
      api: {} as ApiTransport,
      clock: new VirtualClock(),
      commands: COMMANDS,
      run: (argv, io, ctx) => {
        calls.push({ argv, io });
        return run(argv, io, ctx);
      },
      ...extra,
    },
  );
  session.start('');
  return {
    session,
    calls,
    output: () => screen.text(),
    raw: () => out,
    clear: () => {
      out = '';
      screen = new VtScreen(80);
    },
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalSession', () => {
  it('runs kubectl with the parsed argv and prints its output with CR LF', async () => {
    const t = setup(async (_argv, io) => {
      io.stdout('NAME   READY\nnginx  1/1\n');
      return 0;
    });
    t.session.input(`kubectl get pods -l 'app=web'\r`);
    await tick();
    expect(t.calls.map((c) => c.argv)).toEqual([['get', 'pods', '-l', 'app=web']]);
    expect(t.raw()).toContain('NAME   READY\r\nnginx  1/1\r\n');
    expect(t.output().endsWith('$')).toBe(true);
    expect(t.session.lastExit).toBe(0);
  });

  it('colours only error lines of stderr', () => {
    expect(colourStderr('error: x\nWarning: y\n')).toBe('\x1b[31merror: x\x1b[0m\nWarning: y\n');
    expect(colourStderr('Error from server (NotFound): pods "x" not found\n')).toBe(
      '\x1b[31mError from server (NotFound): pods "x" not found\x1b[0m\n',
    );
  });

  it('Ctrl-C aborts a streaming command and shows a new prompt at once', async () => {
    let signal: AbortSignal | undefined;
    const t = setup(
      (_argv, io) =>
        new Promise((resolve) => {
          signal = io.signal;
          io.stdout('first\n');
          io.signal!.addEventListener('abort', () => {
            io.stdout('late output\n');
            setTimeout(() => resolve(0), 5);
          });
        }),
    );
    t.session.input('kubectl get pods -w\r');
    await tick();
    expect(t.session.running).toBe(true);
    t.session.input('\x03');
    expect(signal?.aborted).toBe(true);
    expect(t.session.running).toBe(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(t.output()).toBe('$ kubectl get pods -w\nfirst\n^C\n$');
    expect(t.session.lastExit).toBe(130);
  });

  it('queues what is typed while a command runs', async () => {
    let finish!: () => void;
    const t = setup(
      (argv) =>
        new Promise((resolve) => {
          if (argv[0] === 'version') finish = () => resolve(0);
          else resolve(0);
        }),
    );
    t.session.input('kubectl version\r');
    t.session.input('kubectl get nodes\r');
    await tick();
    expect(t.calls.map((c) => c.argv[0])).toEqual(['version']);
    finish();
    await tick();
    await tick();
    expect(t.calls.map((c) => c.argv[0])).toEqual(['version', 'get']);
  });

  it('a pasted here-document becomes stdin', async () => {
    const t = setup(async () => 0);
    t.session.input(
      '\x1b[200~kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nEOF\n\x1b[201~',
    );
    await tick();
    expect(t.calls.map((c) => [c.argv, c.io.stdin])).toEqual([
      [['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n'],
    ]);
    expect(t.output()).toContain('> apiVersion: v1\n> kind: Namespace\n');
  });

  it('continues a line with an open quote or a trailing backslash', async () => {
    const t = setup(async () => 0);
    t.session.input(`kubectl annotate pod x 'a=b\r c'\r`);
    t.session.input('kubectl get \\\r pods\r');
    await tick();
    await tick();
    expect(t.calls.map((c) => c.argv)).toEqual([
      ['annotate', 'pod', 'x', 'a=b\n c'],
      ['get', 'pods'],
    ]);
    expect(t.raw()).toContain(PROMPT2);
  });

  it('handles built-ins and unknown commands', async () => {
    const t = setup(async () => 0);
    t.session.input('ls -l\r');
    expect(t.output()).toContain('ls: command not found\n');
    expect(t.session.lastExit).toBe(127);
    t.session.input('kubectl get pods | wc\r');
    expect(t.output()).toContain('|: pipes, lists and redirections are not supported in this terminal\n');
    t.clear();
    t.session.input('help\r');
    expect(t.output()).toContain('KubeLab terminal: run kubectl');
    t.clear();
    t.session.input('clear\r');
    expect(t.raw().endsWith(`\x1b[H\x1b[2J\x1b[3J\r${PROMPT}\x1b[J\r\x1b[2C`)).toBe(true);
    expect(t.output()).toBe('$');
    t.clear();
    t.session.input('history\r');
    expect(t.output()).toContain(
      '    1  ls -l\n    2  kubectl get pods | wc\n    3  help\n    4  clear\n    5  history\n',
    );
    expect(t.calls).toEqual([]);
  });

  it('recalls history with the up arrow', async () => {
    const t = setup(async () => 0);
    t.session.input('kubectl version\r');
    await tick();
    t.session.input('\x1b[A\r');
    await tick();
    expect(t.calls.map((c) => c.argv)).toEqual([['version'], ['version']]);
  });

  it('Ctrl-C on a line drops it', async () => {
    const t = setup(async () => 0);
    t.session.input('kubectl get po\x03');
    expect(t.output()).toBe('$ kubectl get po^C\n$');
    t.session.input('\r');
    expect(t.calls).toEqual([]);
  });
});

describe('TerminalSession against a cluster', () => {
  let c: LocalCluster;
  beforeAll(async () => {
    c = await LocalCluster.start();
  });
  afterAll(() => c.stop());

  function live(extra: Partial<SessionOptions> = {}) {
    const screen = new VtScreen(80);
    const api = c.connect('kubectl');
    const session = new TerminalSession(
      { write: (s) => screen.write(s), cols: 80 },
      { api, clock: c.clock, run: runKubectl, commands: COMMANDS, ...extra },
    );
    session.start('');
    return { session, output: () => screen.text() };
  }
  async function until(f: () => boolean) {
    for (let i = 0; i < 200 && !f(); i++) {
      await c.settle();
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  it('runs the real kubectl', async () => {
    const t = live();
    t.session.input('kubectl get ns\r');
    await until(() => !t.session.running);
    expect(t.output()).toMatch(/NAME +STATUS +AGE\ndefault +Active/);
  });

  it('completes namespaces from the apiserver', async () => {
    const t = live();
    t.session.input('kubectl get pods -n kube-s\t');
    await until(() => !t.session.running);
    expect(t.output()).toBe('$ kubectl get pods -n kube-system');
  });

  it('kubectl edit hands the live object to the editor', async () => {
    const seen: KubeObject[] = [];
    const t = live({
      onEdit: async (o) => {
        seen.push(o);
        return 'namespace/default edited';
      },
    });
    t.session.input('kubectl edit ns default\r');
    await until(() => !t.session.running);
    expect(seen.map((o) => [o.kind, o.metadata?.name])).toEqual([['Namespace', 'default']]);
    expect(t.output()).toContain('namespace/default edited\n');
    t.session.input('kubectl edit pod nope\r');
    await until(() => !t.session.running);
    expect(t.output()).toContain('Error from server (NotFound): pods "nope" not found\n');
  });
});
