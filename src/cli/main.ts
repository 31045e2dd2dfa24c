/**
 * The `kubelab` command line: `kubelab script FILE [--nodes N] [--seed S]` plays a script against a
 * fresh in-process cluster on the virtual clock; `kubelab serve [--port P] [--nodes N]` runs a
 * cluster on the real clock and serves its API over HTTP on 127.0.0.1 for real clients.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FileSource } from '../kubectl/kubectl';
import { runScript } from './script';
import { ScriptError } from './script-parser';

const USAGE = `KubeLab: a Kubernetes cluster simulated in one process.

Usage:
  kubelab script FILE [--nodes N] [--seed S]   play FILE against a fresh cluster, print the transcript
  kubelab serve [--port P] [--nodes N]         serve a cluster's API on http://127.0.0.1:P

Options:
  --nodes N   worker nodes besides the control-plane node (default 2; 0 = no nodes at all)
  --seed S    seed of the cluster's random source (default 1): same seed, same transcript
  --port P    port for serve (default 8001)
`;

/** Files relative to `base`, from the disk. */
export function diskFiles(base: string): FileSource {
  const abs = (p: string) => path.resolve(base, p);
  return {
    read: (p) => readFile(abs(p), 'utf8'),
    isDir: async (p) => (await stat(abs(p))).isDirectory(),
    async list(dir, recursive) {
      const out: string[] = [];
      const walk = async (d: string) => {
        for (const e of await readdir(abs(d), { withFileTypes: true })) {
          const rel = path.join(d, e.name);
          if (e.isDirectory()) {
            if (recursive) await walk(rel);
          } else out.push(rel);
        }
      };
      await walk(dir);
      return out.sort();
    },
  };
}

function int(v: string | undefined, flag: string, def: number): number {
  if (v === undefined) return def;
  if (!/^\d+$/.test(v)) throw new Error(`invalid value "${v}" for ${flag}: a whole number is required`);
  return Number(v);
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 1;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { nodes: { type: 'string' }, seed: { type: 'string' }, port: { type: 'string' } },
    });
    if (cmd === 'script') {
      if (positionals.length !== 1) throw new Error('script needs exactly one FILE');
      const file = path.resolve(positionals[0]);
      const text = await readFile(file, 'utf8');
      const out = await runScript(text, {
        nodes: int(values.nodes, '--nodes', 2),
        seed: values.seed ?? 1,
        files: diskFiles(path.dirname(file)),
      });
      process.stdout.write(out);
      return 0;
    }
    if (cmd === 'serve') {
      const { runServe } = await import('./serve-main');
      return await runServe({ port: int(values.port, '--port', 8001), nodes: int(values.nodes, '--nodes', 2) });
    }
    process.stderr.write(`kubelab: unknown command "${cmd}"\n\n${USAGE}`);
    return 1;
  } catch (e) {
    const msg = e instanceof ScriptError ? `kubelab: ${e.message}` : `kubelab: ${(e as Error).message}`;
    process.stderr.write(msg + '\n');
    return 1;
  }
}
