/**
 * Golden kubectl transcripts: each folder under test/golden holds `script.txt` (one command per line,
 * `kubelab script` syntax: `#` comments, shell quoting, here-documents as stdin; `sleep 5s` moves the
 * cluster's virtual clock) and `expected.txt`, the transcript (`$ <command>` then what it printed, then
 * `[exit N]` when it failed) with volatile values scrubbed (`<uid>`, `<rv>`, `<time>`, `<ip>`).
 * Commands run with `runKubectl` against a fresh LocalCluster (etcd + apiserver, no controllers).
 * `npm run golden:update` rewrites expected.txt; CI never does.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/cli/script-parser';
import { parseGoDuration } from '../../src/kubectl/framework/flags';
import { runKubectl } from '../../src/kubectl/kubectl';
import { memoryFiles } from '../../src/kubectl/testing';
import { LocalCluster } from '../../src/runtime/local-cluster';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Replaces values that change from run to run (or with unrelated changes) by placeholders. */
export function scrub(text: string): string {
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/(resourceVersion"?:\s*)"?\d+"?/g, '$1<rv>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000/g, '<time>')
    .replace(/\b(?:10|172|192)\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, '<ip>');
}

/** Runs one script and returns its transcript. */
export async function runScript(script: string): Promise<string> {
  const c = await LocalCluster.start();
  const api = c.connect('kubectl');
  let out = '';
  try {
    for (const cmd of parseScript(script)) {
      out += `$ ${cmd.source}\n`;
      const [prog, ...args] = cmd.argv;
      if (prog === 'sleep') {
        await c.advance(parseGoDuration(args[0]) ?? Number(args[0]) * 1000);
        continue;
      }
      if (prog !== 'kubectl') {
        out += `unsupported command: ${prog}\n[exit 127]\n`;
        continue;
      }
      let text = '';
      const code = await runKubectl(
        args,
        { stdout: (s) => (text += s), stderr: (s) => (text += s), files: memoryFiles(), stdin: cmd.stdin },
        { api, clock: c.clock },
      );
      await c.settle();
      // Output without a final newline (jsonpath) is shown as a terminal would: the prompt moves on.
      out += text && !text.endsWith('\n') ? `${text}\n` : text;
      if (code !== 0) out += `[exit ${code}]\n`;
    }
  } finally {
    await c.stop();
  }
  return scrub(out);
}

const cases = readdirSync(DIR).filter((d) => statSync(join(DIR, d)).isDirectory() && !d.startsWith('controllers-') && !d.startsWith('cluster-')); // controllers-* run in controllers.test.ts (full cluster)

describe('golden kubectl transcripts', () => {
  for (const name of cases) {
    it(name, async () => {
      const got = await runScript(readFileSync(join(DIR, name, 'script.txt'), 'utf8'));
      const file = join(DIR, name, 'expected.txt');
      if (UPDATE) writeFileSync(file, got);
      expect(got).toBe(readFileSync(file, 'utf8'));
    });
  }
});
