/**
 * Builds the browser benchmark page (test/bench/browser) into bench-results/site/, which
 * scripts/bench.mjs serves and opens in Chromium. Same plugins and worker format as the app, so
 * benches can import from src/ and bundle `new Worker(new URL('./x.worker.ts', import.meta.url))`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./browser'),
  base: './',
  publicDir: false,
  plugins: [svelte()],
  worker: { format: 'es' },
  server: { fs: { allow: [here('../..')] } },
  build: {
    outDir: here('../../bench-results/site'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    chunkSizeWarningLimit: 8000,
  },
});
