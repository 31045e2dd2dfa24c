#!/usr/bin/env node
/**
 * `npm test`: the unit/integration tests (vitest run, in Node) and then the end-to-end tests
 * (scripts/e2e.mjs, in Chromium), with one combined count.
 *
 * Usage: node scripts/test.mjs [--unit-only | --e2e-only] [vitest filters/options…]
 *   Extra arguments go to vitest. E2E_* and KUBELAB_CHROMIUM variables go to scripts/e2e.mjs.
 *   Without a Chromium the browser tests are skipped, unless CI is set (then they count as failed).
 * Output: the vitest and e2e output, then as the LAST line exactly `N passed, N failed`, with
 * `, N skipped` appended only when some tests were skipped (or todo). Exit code 1 if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const unitOnly = argv.includes('--unit-only');
const e2eOnly = argv.includes('--e2e-only');
const vitestArgs = argv.filter((a) => a !== '--unit-only' && a !== '--e2e-only');
const tmp = mkdtempSync(path.join(tmpdir(), 'kubelab-test-'));
const total = { passed: 0, failed: 0, skipped: 0 };

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs vitest with a JSON reporter and adds its counts to `total`. */
function runUnit() {
  const out = path.join(tmp, 'vitest.json');
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const r = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...vitestArgs,
    ],
    { cwd: ROOT, stdio: 'inherit', env: process.env },
  );
  const report = existsSync(out) ? readJson(out) : null;
  if (!report) {
    console.log(`✗ unit: vitest produced no report (exit ${r.status ?? r.signal}); counted as 1 failure`);
    total.failed++;
    return;
  }
  total.passed += report.numPassedTests ?? 0;
  total.failed += report.numFailedTests ?? 0;
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load (syntax error, bad import) has no failed test but is a failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const f of brokenFiles) {
    console.log(`✗ unit: ${path.relative(ROOT, f.name)} failed to run: ${(f.message ?? '').split('\n')[0]}`);
  }
  total.failed += brokenFiles.length;
  // vitest failed for some other reason (e.g. unhandled errors) while every test passed.
  if (r.status !== 0 && (report.numFailedTests ?? 0) === 0 && brokenFiles.length === 0) {
    console.log(`✗ unit: vitest exited with ${r.status ?? r.signal} (see above); counted as 1 failure`);
    total.failed++;
  }
}

/** Runs scripts/e2e.mjs and adds its counts to `total`. */
function runE2E() {
  const out = path.join(tmp, 'e2e.json');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'e2e.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, E2E_RESULT_FILE: out },
  });
  const counts = existsSync(out) ? readJson(out) : null;
  if (!counts) {
    console.log(`✗ e2e: the runner produced no result (exit ${r.status ?? r.signal}); counted as 1 failure`);
    total.failed++;
    return;
  }
  total.passed += counts.passed ?? 0;
  total.failed += counts.failed ?? 0;
  total.skipped += counts.skipped ?? 0;
  if (r.status !== 0 && !counts.failed) {
    console.log(`✗ e2e: the runner exited with ${r.status ?? r.signal}; counted as 1 failure`);
    total.failed++;
  }
}

try {
  if (!e2eOnly) runUnit();
  if (!unitOnly) runE2E();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);
