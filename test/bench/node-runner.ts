/**
 * Node benchmark entry: `node --import tsx test/bench/node-runner.ts FILE.bench.ts` imports one bench
 * module, calls its `run(report)` and prints every figure as a line `@@bench {"name","value","unit"}` on
 * stdout for scripts/bench.mjs to collect. Other output passes through.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule } from './types';

/** The marker that starts a figure line on stdout. */
export const FIGURE_PREFIX = '@@bench ';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node --import tsx test/bench/node-runner.ts FILE.bench.ts');
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') throw new Error(`${file} does not export run(report)`);
  await mod.run((name, value, unit) => {
    process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify({ name, value, unit })}\n`);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
