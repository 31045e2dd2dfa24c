import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { runGolden, type GoldenInput } from './golden';
import { BACKOFF, goDuration, inBackoff, nextBackoff } from './stages';

const dir = join(import.meta.dirname, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';

describe('stage golden files (testdata/<case>.input.yaml → <case>.output.yaml)', () => {
  const cases = readdirSync(dir).filter((f) => f.endsWith('.input.yaml'));
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const f of cases) {
    const name = f.replace('.input.yaml', '');
    it(name, () => {
      const input = parse(readFileSync(join(dir, f), 'utf8')) as GoldenInput;
      const got = stringify(runGolden(input), { lineWidth: 0 });
      const outPath = join(dir, `${name}.output.yaml`);
      if (update || !existsSync(outPath)) {
        if (!update) throw new Error(`missing ${outPath}: run UPDATE_GOLDEN=1 npx vitest run src/node`);
        writeFileSync(outPath, got);
      }
      // Compared as data, so formatting the golden file (prettier) does not matter.
      expect(parse(got)).toEqual(parse(readFileSync(outPath, 'utf8')));
    });
  }
});

describe('back-off', () => {
  it('doubles from 10 s to 300 s and resets after 10 min', () => {
    let b = nextBackoff(undefined, 0);
    const seen = [b.durationMs];
    for (let i = 1; i < 7; i++) {
      b = nextBackoff(b, i * 1000);
      seen.push(b.durationMs);
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(nextBackoff(b, 6000 + 2 * BACKOFF.maxMs + 1).durationMs).toBe(10_000);
    expect(inBackoff(b, 10_000, 15_000)).toBe(true);
    expect(inBackoff(b, 10_000, 10_000 + 300_000)).toBe(false);
  });
  it.each([
    [0, '0s'],
    [420, '420ms'],
    [4796, '4.796s'],
    [10_000, '10s'],
    [60_000, '1m0s'],
    [300_000, '5m0s'],
    [80_500, '1m20.5s'],
  ])('goDuration(%i) = %s', (ms, s) => expect(goDuration(ms)).toBe(s));
});
