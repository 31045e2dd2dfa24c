/**
 * A minimal end-to-end test harness on playwright-core (the @playwright/test runner is not used).
 * Test files `test/e2e/*.e2e.mjs` register tests with `test(name, fn, { timeout })`; scripts/e2e.mjs
 * imports them and calls `runTests`. Each test gets a fresh browser context and page, console errors
 * are collected, and a failing test leaves a screenshot in test-results/.
 * Leaves out: parallel workers, fixtures beyond the ones below, retries, tracing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';

export { assert };

/** Default per-test timeout in ms (E2E_TIMEOUT overrides it). */
export const DEFAULT_TIMEOUT_MS = 30_000;

const registry = [];
let currentFile = '';

/**
 * Registers a test. `fn` receives the fixtures: { page, context, browser, baseUrl, subPathUrl, server,
 * subPathServer, consoleErrors, consoleMessages, reload, newPage, expectNoConsoleErrors, testInfo }.
 */
export function test(name, fn, options = {}) {
  registry.push({ name, fn, file: currentFile, timeout: options.timeout, mode: 'run' });
}
/** Registers a test that is reported as skipped and not run. */
test.skip = (name, fn, options = {}) => {
  registry.push({ name, fn, file: currentFile, timeout: options.timeout, mode: 'skip' });
};
/** Registers a test and runs only the `.only` tests. */
test.only = (name, fn, options = {}) => {
  registry.push({ name, fn, file: currentFile, timeout: options.timeout, mode: 'only' });
};

/** Sets the file that following `test()` calls belong to (used by the runner while importing). */
export function setCurrentFile(file) {
  currentFile = file;
}

/** Every registered test, in registration order. */
export function registeredTests() {
  return [...registry];
}

const fmt = (v) => inspect(v, { depth: 6, breakLength: 120 });

const matchers = {
  toBe: (a, e) => ({ pass: Object.is(a, e), msg: `${fmt(a)} to be ${fmt(e)}` }),
  toEqual: (a, e) => ({ pass: isDeepStrictEqual(a, e), msg: `${fmt(a)} to equal ${fmt(e)}` }),
  toBeTruthy: (a) => ({ pass: !!a, msg: `${fmt(a)} to be truthy` }),
  toBeFalsy: (a) => ({ pass: !a, msg: `${fmt(a)} to be falsy` }),
  toBeNull: (a) => ({ pass: a === null, msg: `${fmt(a)} to be null` }),
  toBeUndefined: (a) => ({ pass: a === undefined, msg: `${fmt(a)} to be undefined` }),
  toBeDefined: (a) => ({ pass: a !== undefined, msg: `${fmt(a)} to be defined` }),
  toContain: (a, e) => ({
    pass: (typeof a === 'string' || Array.isArray(a)) && a.includes(e),
    msg: `${fmt(a)} to contain ${fmt(e)}`,
  }),
  toMatch: (a, re) => ({
    pass: typeof a === 'string' && (re instanceof RegExp ? re.test(a) : a.includes(re)),
    msg: `${fmt(a)} to match ${fmt(re)}`,
  }),
  toHaveLength: (a, n) => ({ pass: a?.length === n, msg: `${fmt(a)} to have length ${n}` }),
  toBeGreaterThan: (a, n) => ({ pass: a > n, msg: `${fmt(a)} to be greater than ${n}` }),
  toBeGreaterThanOrEqual: (a, n) => ({ pass: a >= n, msg: `${fmt(a)} to be >= ${n}` }),
  toBeLessThan: (a, n) => ({ pass: a < n, msg: `${fmt(a)} to be less than ${n}` }),
  toBeLessThanOrEqual: (a, n) => ({ pass: a <= n, msg: `${fmt(a)} to be <= ${n}` }),
};

/**
 * Jest-style assertions: expect(x).toBe(y), .toEqual, .toContain, .toMatch, .toHaveLength,
 * .toBeTruthy/.toBeFalsy/.toBeNull/.toBeUndefined/.toBeDefined, .toBeGreaterThan and friends;
 * `.not` negates. `label` is prefixed to the failure message.
 */
export function expect(actual, label) {
  const build = (negate) => {
    const out = {};
    for (const [key, check] of Object.entries(matchers)) {
      out[key] = (...args) => {
        const { pass, msg } = check(actual, ...args);
        if (pass === negate) {
          const message = `${label ? `${label}: ` : ''}expected ${negate ? 'not ' : ''}${msg}`;
          throw new assert.AssertionError({ message, actual, expected: args[0], operator: key });
        }
      };
    }
    return out;
  };
  const positive = build(false);
  positive.not = build(true);
  return positive;
}

/**
 * Polls `fn` until it returns a truthy value (or stops throwing) and resolves to that value;
 * rejects after `timeout` ms with `message` and the last error.
 */
export async function waitFor(fn, { timeout = 10_000, interval = 100, message = 'waitFor timed out' } = {}) {
  const deadline = performance.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (performance.now() >= deadline) {
      throw new Error(
        `${message} after ${timeout}ms${lastError ? `: ${lastError.message ?? lastError}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A file-name-safe form of a test name. */
export function slugify(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms}ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(err) {
  if (err instanceof Error) {
    // The message, then the first stack frames that point into test code (not node internals).
    const frames = (err.stack ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(
        (l) => l.startsWith('at ') && !/node:internal|\/node_modules\/|\/test\/e2e\/harness\.mjs/.test(l),
      );
    return [err.message, ...frames.slice(0, 4)].join('\n');
  }
  return String(err);
}

/**
 * True for the request a browser makes on its own for /favicon.ico at the origin root: its 404 is
 * logged as a console error although no page code asked for it.
 */
export function isAutomaticFaviconRequest(url) {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

/** Attaches console/pageerror/crash listeners to `page`, appending to `sink`. */
function watchPage(page, sink) {
  page.on('console', (msg) => {
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    const line = `console.${msg.type()}: ${msg.text()}${where}`;
    sink.messages.push(line);
    if (msg.type() === 'error' && !isAutomaticFaviconRequest(loc?.url ?? '')) sink.errors.push(line);
  });
  page.on('pageerror', (err) => {
    const line = `pageerror: ${err.message}`;
    sink.messages.push(line);
    sink.errors.push(line);
  });
  page.on('crash', () => sink.errors.push('page crashed'));
  page.on('requestfailed', (req) => {
    const line = `requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`.trim();
    sink.messages.push(line);
  });
}

/**
 * Runs the registered tests matching `grep` (substring of "file › name", or all) in `browser`.
 * `servers` = { root, subPath } from startStaticServer. Prints one line per test through `log` and
 * resolves to { passed, failed, skipped, results: [{ file, name, status, ms, error?, consoleErrors }] }.
 */
export async function runTests({
  browser,
  servers,
  tests = registeredTests(),
  grep = '',
  outputDir = 'test-results',
  timeout = DEFAULT_TIMEOUT_MS,
  log = (line) => console.log(line),
}) {
  const hasOnly = tests.some((t) => t.mode === 'only');
  const selected = tests.filter((t) => !grep || `${t.file} › ${t.name}`.includes(grep));
  const results = [];
  let lastFile = null;
  await mkdir(outputDir, { recursive: true });

  for (const t of selected) {
    if (t.file !== lastFile) {
      log(`${t.file}`);
      lastFile = t.file;
    }
    if (t.mode === 'skip' || (hasOnly && t.mode !== 'only')) {
      log(`  - ${t.name} (skipped)`);
      results.push({ file: t.file, name: t.name, status: 'skipped', ms: 0, consoleErrors: [] });
      continue;
    }
    const sink = { errors: [], messages: [] };
    const started = performance.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.on('page', (p) => watchPage(p, sink));
    const page = await context.newPage();
    const slug = slugify(`${t.file.replace(/\.e2e\.m?[jt]s$/, '')}-${t.name}`);
    const fixtures = {
      page,
      context,
      browser,
      baseUrl: servers.root.url,
      subPathUrl: servers.subPath?.url,
      server: servers.root,
      subPathServer: servers.subPath,
      consoleErrors: sink.errors,
      consoleMessages: sink.messages,
      /** Reloads the page in the same browser context (IndexedDB, localStorage etc. survive). */
      reload: (opts = {}) => page.reload({ waitUntil: 'load', ...opts }),
      /** Opens another page in the same context (listeners attached), optionally at `url`. */
      newPage: async (url) => {
        const p = await context.newPage();
        if (url) await p.goto(url, { waitUntil: 'load' });
        return p;
      },
      /** Throws if any console error or uncaught page error has been seen so far. */
      expectNoConsoleErrors: () => {
        if (sink.errors.length) {
          throw new Error(
            `expected no console errors, got ${sink.errors.length}:\n  ${sink.errors.join('\n  ')}`,
          );
        }
      },
      testInfo: { name: t.name, file: t.file, outputDir, slug },
    };

    let error;
    const run = Promise.resolve().then(() => t.fn(fixtures));
    run.catch(() => {}); // a timed-out test may reject later, after its context is closed
    try {
      await withTimeout(run, t.timeout ?? timeout, 'test');
    } catch (err) {
      error = err;
    }
    const ms = Math.round(performance.now() - started);
    let screenshot;
    if (error) {
      screenshot = path.join(outputDir, `${slug}.png`);
      try {
        await page.screenshot({ path: screenshot, fullPage: true, timeout: 5_000 });
      } catch {
        screenshot = undefined;
      }
      await writeFile(
        path.join(outputDir, `${slug}.log`),
        [`test: ${t.file} › ${t.name}`, `error: ${describeError(error)}`, '', ...sink.messages, ''].join(
          '\n',
        ),
      ).catch(() => {});
    }
    await withTimeout(context.close(), 10_000, 'closing the browser context').catch(() => {});

    const status = error ? 'failed' : 'passed';
    log(`  ${error ? '✗' : '✓'} ${t.name} (${ms}ms)`);
    if (error) {
      for (const line of describeError(error).split('\n')) log(`      ${line}`);
      if (screenshot) log(`      screenshot: ${path.relative(process.cwd(), screenshot)}`);
    }
    if (sink.errors.length) {
      log(`      console errors (${sink.errors.length}):`);
      for (const line of sink.errors.slice(0, 10)) log(`        ${line}`);
    }
    results.push({
      file: t.file,
      name: t.name,
      status,
      ms,
      error: error ? describeError(error) : undefined,
      consoleErrors: [...sink.errors],
    });
  }

  const count = (s) => results.filter((r) => r.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), results };
}
