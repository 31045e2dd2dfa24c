#!/usr/bin/env node
/**
 * End-to-end test runner (`npm run test:e2e`): builds the site with `vite build` into dist/, serves
 * dist/ on 127.0.0.1 twice (at `/` and under a sub-path), launches a system Chromium through
 * playwright-core and runs every test/e2e/*.e2e.mjs file with the harness in test/e2e/harness.mjs.
 *
 * Usage: node scripts/e2e.mjs [--grep SUBSTR] [--no-build] [--list]
 * Environment:
 *   E2E_NO_BUILD=1        use the existing dist/ instead of building
 *   E2E_DIST=DIR          serve DIR instead of dist/ (implies no build)
 *   E2E_SUBPATH=/a/b/     the sub-path prefix of the second server (default /kubelab/sub/path/)
 *   E2E_TIMEOUT=MS        per-test timeout (default 30000)
 *   E2E_RESULT_FILE=FILE  also write {"passed","failed","skipped"} as JSON to FILE
 *   KUBELAB_CHROMIUM=PATH the browser to use; CI=1 makes a missing browser a failure, not a skip
 * Output: one line per test (`  ✓ name (12ms)` / `  ✗ name (12ms)`), and as the last line
 * `e2e: N passed, N failed` (plus `, N skipped` when some were skipped). Exit code 1 if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium, launchChromium, INSTALL_HINT } from '../test/e2e/chromium.mjs';
import { startStaticServer } from '../test/e2e/static-server.mjs';
import { registeredTests, runTests, setCurrentFile, DEFAULT_TIMEOUT_MS } from '../test/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const E2E_DIR = path.join(ROOT, 'test', 'e2e');

function parseArgs(argv) {
  const opts = { grep: '', build: true, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep' || a === '-g') opts.grep = argv[++i] ?? '';
    else if (a.startsWith('--grep=')) opts.grep = a.slice('--grep='.length);
    else if (a === '--no-build') opts.build = false;
    else if (a === '--list') opts.list = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/e2e.mjs [--grep SUBSTR] [--no-build] [--list]');
      process.exit(0);
    } else if (!a.startsWith('-')) opts.grep = a;
    else {
      console.error(`e2e: unknown option ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function summaryLine({ passed, failed, skipped }) {
  return `e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

function finish(counts, resultFile) {
  if (resultFile) writeFileSync(resultFile, JSON.stringify(counts) + '\n');
  console.log(summaryLine(counts));
  process.exit(counts.failed > 0 ? 1 : 0);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const env = process.env;
  const resultFile = env.E2E_RESULT_FILE;
  const counts = { passed: 0, failed: 0, skipped: 0 };

  // 1. Load the test files (registers their tests; needs no browser).
  const files = existsSync(E2E_DIR)
    ? readdirSync(E2E_DIR)
        .filter((f) => f.endsWith('.e2e.mjs'))
        .sort()
    : [];
  for (const f of files) {
    setCurrentFile(f);
    try {
      await import(pathToFileURL(path.join(E2E_DIR, f)).href);
    } catch (err) {
      console.log(`✗ ${f}: failed to load: ${err?.stack ?? err}`);
      counts.failed++;
    }
  }
  const tests = registeredTests().filter((t) => !opts.grep || `${t.file} › ${t.name}`.includes(opts.grep));
  if (opts.list) {
    for (const t of tests) console.log(`${t.file} › ${t.name}${t.mode === 'skip' ? ' (skip)' : ''}`);
    return finish(counts, resultFile);
  }
  if (tests.length === 0) {
    console.log(`e2e: no tests found in test/e2e/*.e2e.mjs${opts.grep ? ` matching "${opts.grep}"` : ''}`);
    return finish(counts, resultFile);
  }

  // 2. A browser, or a clear skip (locally) / failure (CI).
  const browserPath = findChromium(env);
  if (!browserPath.path) {
    if (env.CI) {
      console.log(`✗ e2e: ${browserPath.reason}; CI is set, so this is a failure — ${INSTALL_HINT}`);
      counts.failed++;
    } else {
      console.log(`e2e: skipping ${tests.length} browser test(s): ${browserPath.reason}.`);
      console.log(`e2e: to run them, ${INSTALL_HINT}`);
      counts.skipped += tests.length;
    }
    return finish(counts, resultFile);
  }

  // 3. The site.
  let dist = path.join(ROOT, 'dist');
  if (env.E2E_DIST) dist = path.resolve(env.E2E_DIST);
  else if (opts.build && !env.E2E_NO_BUILD) {
    console.log('e2e: building the site (vite build → dist/) …');
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      console.log(`✗ e2e: vite build failed (exit ${r.status ?? r.signal}); ${tests.length} test(s) not run`);
      counts.failed++;
      return finish(counts, resultFile);
    }
    console.log(`e2e: built in ${Math.round(performance.now() - t0)}ms`);
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.log(
      `✗ e2e: ${path.relative(ROOT, dist) || dist}/index.html does not exist (build the site first)`,
    );
    counts.failed++;
    return finish(counts, resultFile);
  }

  // 4. Serve it, launch Chromium, run.
  const servers = {
    root: await startStaticServer({ root: dist }),
    subPath: await startStaticServer({ root: dist, prefix: env.E2E_SUBPATH || '/kubelab/sub/path/' }),
  };
  let browser;
  try {
    browser = await launchChromium(browserPath.path);
    console.log(
      `e2e: ${browser.version()} (${browserPath.path}); site ${servers.root.url} and ${servers.subPath.url}`,
    );
    const timeout = Number(env.E2E_TIMEOUT) > 0 ? Number(env.E2E_TIMEOUT) : DEFAULT_TIMEOUT_MS;
    const r = await runTests({
      browser,
      servers,
      tests,
      timeout,
      outputDir: path.join(ROOT, 'test-results'),
    });
    counts.passed += r.passed;
    counts.failed += r.failed;
    counts.skipped += r.skipped;
  } catch (err) {
    console.log(`✗ e2e: harness error: ${err?.stack ?? err}`);
    counts.failed++;
  } finally {
    await browser?.close().catch(() => {});
    await servers.root.close();
    await servers.subPath.close();
  }
  return finish(counts, resultFile);
}

main().catch((err) => {
  console.log(`✗ e2e: ${err?.stack ?? err}`);
  const counts = { passed: 0, failed: 1, skipped: 0 };
  finish(counts, process.env.E2E_RESULT_FILE);
});
