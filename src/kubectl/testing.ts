/**
 * Test helpers: run kubectl against an in-process cluster and capture stdout, stderr and the exit code.
 */
import type { ApiTransport } from '../api/rest';
import type { Clock } from '../runtime/clock';
import type { FileSource } from './framework/command';
import { runKubectl } from './kubectl';

/** A FileSource over an in-memory map of path → contents. */
export function memoryFiles(files: Record<string, string> = {}): FileSource {
  return {
    async read(path) {
      if (!(path in files)) throw new Error(`open ${path}: no such file or directory`);
      return files[path];
    },
    async list(dir, recursive) {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      return Object.keys(files).filter(
        (p) => p.startsWith(prefix) && (recursive || !p.slice(prefix.length).includes('/')),
      );
    },
    async isDir(path) {
      return Object.keys(files).some((p) => p.startsWith(`${path}/`));
    },
  };
}

/** What one kubectl run printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `kubectl <line>` (split on spaces, or pass an array) and captures the output. */
export async function kubectl(
  api: ApiTransport,
  clock: Clock,
  argv: string | string[],
  opts: { files?: Record<string, string>; signal?: AbortSignal; namespace?: string } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const args = typeof argv === 'string' ? argv.split(' ').filter(Boolean) : argv;
  const code = await runKubectl(
    args,
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      files: memoryFiles(opts.files),
      signal: opts.signal,
    },
    { api, clock, namespace: opts.namespace },
  );
  return { stdout, stderr, code };
}
