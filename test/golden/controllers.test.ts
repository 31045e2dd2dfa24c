/**
 * Golden transcripts with every real component: each `test/golden/controllers-*` and `cluster-*`
 * folder holds `script.txt`, played by `kubelab script` (src/cli/script.ts `runScript`: a SimCluster
 * with the scheduler, controller-manager and a control-plane + 2 worker nodes on the virtual clock,
 * seed 1), and `expected.txt`, the transcript, compared byte for byte with nothing scrubbed: the
 * virtual clock and the seed make it deterministic. `UPDATE_GOLDEN=1` rewrites expected.txt.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/script';
import { memoryFiles } from '../../src/kubectl/testing';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Folders played on a whole cluster: `controllers-*` and `cluster-*` (kubectl against running pods). */
const cases = readdirSync(DIR).filter(
  (d) => (d.startsWith('controllers-') || d.startsWith('cluster-')) && statSync(join(DIR, d)).isDirectory(),
);

describe('golden controller transcripts (kubelab script)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });
  for (const name of cases) {
    it(name, async () => {
      const got = await runScript(readFileSync(join(DIR, name, 'script.txt'), 'utf8'), {
        seed: 1,
        nodes: 2,
        files: memoryFiles(),
      });
      const file = join(DIR, name, 'expected.txt');
      if (UPDATE) writeFileSync(file, got);
      expect(got).toBe(readFileSync(file, 'utf8'));
    }, 60_000);
  }
});
