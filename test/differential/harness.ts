/**
 * Differential testing harness: one simulated cluster on the real clock, served over HTTP by
 * `serve()`, and two kubectls pointed at it — KubeLab's own (`runKubectl` over an in-process
 * connection) and the real kubectl v1.33 binary (over HTTP, with a throwaway kubeconfig). Both see
 * the same objects, so names, uids, IPs and timestamps agree without scrubbing; only what depends on
 * the instant a command runs (ages) or on the client build (version strings) needs care: ages are
 * handled by running a differing pair again, versions by `scrubVersions`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, type Served } from '../../src/cli/serve';
import { runKubectl } from '../../src/kubectl/kubectl';
import { memoryFiles } from '../../src/kubectl/testing';
import { ScaledClock } from '../../src/runtime/clock';
import { SimCluster } from '../../src/runtime/sim-cluster';

/** The real client the outputs are compared with. */
export const REAL_KUBECTL = process.env.KUBECTL_REAL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

/** True when the real client is installed. */
export const haveRealKubectl = existsSync(REAL_KUBECTL);

/** What one kubectl run printed. */
export interface Output {
  stdout: string;
  stderr: string;
  code: number;
}

/** Options of one run: text on stdin; for streaming commands, when to stop them. */
export interface RunOptions {
  stdin?: string;
  /** Aborts (ours) or interrupts (the real one) the command after this many ms. */
  stopAfterMs?: number;
}

/** A running differential environment. */
export class Differential {
  private constructor(
    readonly cluster: SimCluster,
    readonly server: Served,
    readonly dir: string,
    private readonly files: Record<string, string>,
  ) {}

  /** Starts a cluster on the real clock, serves it and writes a kubeconfig for the real client. */
  static async start(o: { seed?: number; workers?: number } = {}): Promise<Differential> {
    const cluster = await SimCluster.start({
      seed: o.seed ?? 1,
      clock: new ScaledClock(),
      workers: o.workers ?? 2,
    });
    const server = await serve({ cluster });
    const dir = mkdtempSync(path.join(tmpdir(), 'kubelab-diff-'));
    const url = `http://127.0.0.1:${server.port}`;
    writeFileSync(
      path.join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: kubelab',
        '  cluster:',
        `    server: ${url}`,
        'contexts:',
        '- name: kubelab',
        '  context:',
        '    cluster: kubelab',
        '    user: admin',
        '    namespace: default',
        'current-context: kubelab',
        'users:',
        '- name: admin',
        '  user: {}',
        '',
      ].join('\n'),
    );
    return new Differential(cluster, server, dir, {});
  }

  /** The server's URL. */
  get url(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Writes a file both clients can read under the same absolute path; returns that path. */
  file(name: string, text: string): string {
    const p = path.join(this.dir, name);
    writeFileSync(p, text);
    this.files[p] = text;
    return p;
  }

  /** Runs KubeLab's kubectl. */
  async ours(argv: string[], o: RunOptions = {}): Promise<Output> {
    let stdout = '';
    let stderr = '';
    const ac = new AbortController();
    const timer = o.stopAfterMs === undefined ? undefined : setTimeout(() => ac.abort(), o.stopAfterMs);
    const code = await runKubectl(
      argv,
      {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
        stdin: o.stdin,
        files: memoryFiles({ ...this.files }),
        signal: ac.signal,
      },
      {
        api: this.cluster.connect('kubectl'),
        clock: this.cluster.clock,
        namespace: 'default',
        server: this.url,
      },
    );
    clearTimeout(timer);
    return { stdout, stderr, code };
  }

  /** Runs the real kubectl binary (asynchronously: the cluster it talks to lives in this process). */
  real(argv: string[], o: RunOptions = {}): Promise<Output> {
    return new Promise((resolve, reject) => {
      const child = spawn(REAL_KUBECTL, argv, {
        cwd: this.dir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: this.dir,
          KUBECONFIG: path.join(this.dir, 'kubeconfig'),
          KUBECACHEDIR: path.join(this.dir, 'cache'),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const stop =
        o.stopAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGINT'), o.stopAfterMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        clearTimeout(stop);
        resolve({ stdout, stderr, code: code ?? -1 });
      });
      child.stdin.end(o.stdin ?? '');
    });
  }

  /** Runs the real kubectl for setup and fails loudly if it fails. */
  async setup(line: string | string[], o: RunOptions = {}): Promise<Output> {
    const argv = typeof line === 'string' ? line.split(' ').filter(Boolean) : line;
    const r = await this.real(argv, o);
    if (r.code !== 0)
      throw new Error(`setup "kubectl ${argv.join(' ')}" failed (${r.code}):\n${r.stdout}${r.stderr}`);
    return r;
  }

  /** Stops the server and the cluster and removes the temp dir. */
  async stop(): Promise<void> {
    await this.server.close();
    await this.cluster.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Replaces client build versions (kubectl v1.33 here, v1.34 for KubeLab) by placeholders. */
export function scrubVersions(s: string): string {
  return s
    .replace(/^(Client Version: ).*$/gm, '$1<client>')
    .replace(/^(Kustomize Version: ).*$/gm, '$1<kustomize>')
    .replace(/^(\s*"kustomizeVersion": ).*$/gm, '$1<kustomize>')
    .replace(
      /("?(?:gitVersion|gitCommit|buildDate|goVersion|minor|emulationMinor|minCompatibilityMinor)"?: ).*$/gm,
      '$1<v>',
    );
}
