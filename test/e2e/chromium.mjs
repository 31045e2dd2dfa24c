/**
 * Finds and launches a system Chromium through playwright-core (the full Playwright package and its
 * browser downloads are not used). KUBELAB_CHROMIUM=/path/to/chrome overrides the search.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where a Chromium is looked for, in order, when KUBELAB_CHROMIUM is not set. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** How to get a browser, for messages when none is found. */
export const INSTALL_HINT =
  'install one with `sudo apt-get install chromium` (Debian/Ubuntu) or set KUBELAB_CHROMIUM=/path/to/chrome';

/**
 * The Chromium executable to use: { path } when found, else { path: null, reason }. An explicit
 * KUBELAB_CHROMIUM that does not exist is reported as not found (no silent fallback).
 */
export function findChromium(env = process.env) {
  const override = env.KUBELAB_CHROMIUM;
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { path: null, reason: `KUBELAB_CHROMIUM=${override} does not exist` };
  }
  for (const candidate of CHROMIUM_CANDIDATES) if (existsSync(candidate)) return { path: candidate };
  return { path: null, reason: `no Chromium found (looked in ${CHROMIUM_CANDIDATES.join(', ')})` };
}

/** Command-line switches for a quiet, offline, headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium at `executablePath` (playwright-core gives it a fresh temporary profile, deleted on
 * close). Resolves to a playwright-core Browser.
 */
export async function launchChromium(executablePath, { extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
}
