#!/usr/bin/env node
/**
 * `npm run bench`: runs the Node benchmarks (test/bench/node/*.bench.ts, each in its own child process
 * through tsx) and the browser benchmarks (test/bench/browser/*.bench.ts, bundled by
 * test/bench/vite.config.ts into bench-results/site/, served on 127.0.0.1 and run in Chromium), then
 * prints a table of the figures. A benchmark reports figures; it is not a pass/fail test.
 *
 * Usage: node scripts/bench.mjs [--filter SUBSTR] [--json FILE] [--no-build]
 *   --filter SUBSTR  run only suites whose id contains SUBSTR; ids are "node/<file>" and
 *                    "browser/<file>" (file name without .bench.ts), so `--filter browser/` runs the
 *                    browser ones only
 *   --json FILE      also write one JSON line per figure: {"name","value","unit","suite"}; `name` is
 *                    exactly what the bench passed to report() (e.g. "etcd.chromium.group_commit_ratio"),
 *                    `suite` the suite id it came from (e.g. "browser/etcd")
 *   --no-build       reuse bench-results/site/ instead of rebuilding the bench page
 * Without a Chromium (KUBELAB_CHROMIUM overrides the path) the browser suites are skipped with a message.
 * Exit code 1 if a suite threw or could not run; 0 otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium, INSTALL_HINT } from '../test/e2e/chromium.mjs';
import { startStaticServer } from '../test/e2e/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_DIR = path.join(ROOT, 'test', 'bench', 'node');
const BROWSER_DIR = path.join(ROOT, 'test', 'bench', 'browser');
const SITE_DIR = path.join(ROOT, 'bench-results', 'site');
const FIGURE_PREFIX = '@@bench ';

function parseArgs(argv) {
  const opts = { filter: '', json: '', build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') opts.filter = argv[++i] ?? '';
    else if (a.startsWith('--filter=')) opts.filter = a.slice('--filter='.length);
    else if (a === '--json') opts.json = argv[++i] ?? '';
    else if (a.startsWith('--json=')) opts.json = a.slice('--json='.length);
    else if (a === '--no-build') opts.build = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/bench.mjs [--filter SUBSTR] [--json FILE] [--no-build]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (opts.json === '' && argv.includes('--json')) {
    console.error('bench: --json needs a file name');
    process.exit(2);
  }
  return opts;
}

/** Suites in `dir`: [{ id: "<kind>/<name>", file }]. */
function suites(dir, kind, filter) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => ({ id: `${kind}/${f.replace(/\.bench\.ts$/, '')}`, file: path.join(dir, f) }))
    .filter((s) => !filter || s.id.includes(filter));
}

/** Runs one Node suite in a child process; resolves to its figures, rejects if it failed. */
function runNodeSuite(suite, onFigure) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'bench', 'node-runner.ts'), suite.file],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let buffered = '';
    const onLine = (line) => {
      if (line.startsWith(FIGURE_PREFIX)) {
        const f = JSON.parse(line.slice(FIGURE_PREFIX.length));
        onFigure({ suite: suite.id, name: f.name, value: f.value, unit: f.unit });
      } else if (line) console.log(`  ${line}`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      onLine(buffered);
      if (code === 0) resolve();
      else reject(new Error(`exited with ${code ?? signal}`));
    });
  });
}

/** Builds (unless told not to), serves and runs the browser suites in Chromium. */
async function runBrowserSuites(selected, opts, onFigure, onError) {
  const found = findChromium();
  if (!found.path) {
    console.log(`bench: skipping ${selected.length} browser suite(s): ${found.reason}; ${INSTALL_HINT}`);
    return;
  }
  if (opts.build) {
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(
      process.execPath,
      [vite, 'build', '--config', path.join('test', 'bench', 'vite.config.ts'), '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (r.status !== 0) {
      onError('browser', `building the bench page failed (exit ${r.status ?? r.signal})`);
      return;
    }
  }
  if (!existsSync(path.join(SITE_DIR, 'index.html'))) {
    onError('browser', `${path.relative(ROOT, SITE_DIR)}/index.html does not exist`);
    return;
  }
  const server = await startStaticServer({ root: SITE_DIR });
  let browser;
  try {
    browser = await launchChromium(found.path);
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.log(`  browser pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning')
        console.log(`  browser console.${msg.type()}: ${msg.text()}`);
    });
    await page.exposeFunction('__kubelabBenchReport', (figure) => onFigure(figure));
    const url = `${server.url}?filter=${encodeURIComponent(opts.filter)}`;
    console.log(`bench: ${browser.version()} at ${server.url}`);
    await page.goto(url, { waitUntil: 'load' });
    const handle = await page.waitForFunction(() => window.__kubelabBenchDone, null, {
      timeout: 15 * 60_000,
      polling: 250,
    });
    const done = await handle.jsonValue();
    for (const e of done.errors) onError(e.suite, e.message);
  } catch (err) {
    onError('browser', err?.stack ?? String(err));
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}

function formatValue(v) {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(4)).toString();
}

/** The figures as an aligned text table. */
function table(figures) {
  const rows = [
    ['name', 'value', 'unit', 'suite'],
    ...figures.map((f) => [f.name, formatValue(f.value), f.unit, f.suite]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const line = [r[0].padEnd(widths[0]), r[1].padStart(widths[1]), r[2].padEnd(widths[2]), r[3]].join(
        '  ',
      );
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/**
 * The page itself, measured by the browser test test/e2e/ui-metrics.e2e.mjs on the built site: time
 * to interactive with a running 3-node cluster, first-load JavaScript (gzipped, before the editor
 * opens) and the frame rate while 200 pods are created and animated.
 */
async function runAppSuite(opts, onFigure) {
  const args = ['scripts/e2e.mjs', '--grep', 'measure time to interactive'];
  if (opts.build === false && existsSync(path.join(ROOT, 'dist', 'index.html'))) args.push('--no-build');
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env } });
  if (r.status !== 0) throw new Error(`the UI measurement test failed (exit ${r.status})`);
  const m = JSON.parse(readFileSync(path.join(ROOT, 'test-results', 'ui-metrics.json'), 'utf8'));
  const suite = 'app/ui';
  onFigure({
    name: 'ui.chromium.time_to_interactive_ms',
    value: m.timeToInteractiveMs.value,
    unit: 'ms',
    suite,
  });
  onFigure({
    name: 'ui.chromium.first_load_js_gzip_kb',
    value: m.firstLoadJsGzipKB.value,
    unit: 'KB',
    suite,
  });
  onFigure({
    name: 'ui.chromium.fps_creating_200_pods',
    value: m.fpsWhileCreating200Pods.value,
    unit: 'fps',
    suite,
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const figures = [];
  const errors = [];
  const onError = (suite, message) => {
    errors.push({ suite, message });
    console.log(`✗ ${suite}: ${message}`);
  };
  const seen = new Map();
  const onFigure = (f) => {
    // Names are global (no suite prefix), so two figures with one name would be ambiguous.
    if (seen.has(f.name)) onError(f.suite, `figure ${f.name} was already reported by ${seen.get(f.name)}`);
    seen.set(f.name, f.suite);
    figures.push(f);
    console.log(`  ${f.name}: ${formatValue(f.value)} ${f.unit}`);
  };

  const nodeSuites = suites(NODE_DIR, 'node', opts.filter);
  const browserSuites = suites(BROWSER_DIR, 'browser', opts.filter);
  if (nodeSuites.length + browserSuites.length === 0) {
    console.log(`bench: no suites${opts.filter ? ` matching "${opts.filter}"` : ''}`);
  }
  for (const s of nodeSuites) {
    console.log(`bench: ${s.id}`);
    await runNodeSuite(s, onFigure).catch((err) => onError(s.id, err.message));
  }
  if (browserSuites.length) {
    console.log(`bench: ${browserSuites.map((s) => s.id).join(', ')} (Chromium)`);
    await runBrowserSuites(browserSuites, opts, onFigure, onError);
  }
  if (!opts.filter || 'app/ui'.includes(opts.filter) || opts.filter.startsWith('app')) {
    console.log('bench: app/ui (the built site in Chromium)');
    await runAppSuite(opts, onFigure).catch((err) => onError('app/ui', err.message));
  }

  console.log('');
  console.log(figures.length ? table(figures) : '(no figures)');
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    const lines = figures.map((f) =>
      JSON.stringify({ name: f.name, value: f.value, unit: f.unit, suite: f.suite }),
    );
    writeFileSync(opts.json, lines.length ? `${lines.join('\n')}\n` : '');
    console.log(`bench: wrote ${figures.length} figure(s) to ${opts.json}`);
  }
  if (errors.length) {
    console.log(`bench: ${errors.length} suite(s) failed: ${errors.map((e) => e.suite).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
