/**
 * ESLint flat config: @eslint/js recommended, typescript-eslint recommended (syntax only, no type
 * information, to stay fast), eslint-plugin-svelte for .svelte and rune modules, browser + node +
 * worker globals; plus KubeLab's architecture rules:
 *  - cluster code (src/control-plane, src/node, src/client) never reads wall-clock time, schedules
 *    platform timers or uses Math.random: it gets the injected Clock (src/runtime/clock.ts) and Rng
 *    (src/runtime/rng.ts). Worker entry files (*.worker.ts) and tests (*.test.ts) are exempt.
 *  - components do not import each other: src/control-plane/<a> may not import src/control-plane/<b>
 *    (the apiserver is the only client of etcd, so apiserver → etcd is the one allowed pair), and
 *    control-plane and node code do not import each other. Shared code lives in src/api, src/client
 *    and src/runtime.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, 'src');

/** Component pairs (importer → imported) that may import each other inside src/control-plane. */
const ALLOWED_CROSS_IMPORTS = new Set(['apiserver→etcd']);

/** Where an absolute file path sits: { area: 'control-plane' | 'node', component } or null. */
function locate(file) {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts[0] !== 'control-plane' && parts[0] !== 'node') return null;
  // A file directly in src/control-plane or src/node belongs to no single component.
  return { area: parts[0], component: parts.length >= 3 ? parts[1] : null };
}

/** The absolute path an import specifier points at, or null for packages. */
function resolveSpecifier(importer, spec) {
  const clean = spec.split('?')[0];
  if (clean.startsWith('./') || clean.startsWith('../')) return path.resolve(path.dirname(importer), clean);
  if (clean.startsWith('/src/')) return path.join(ROOT, clean);
  if (clean.startsWith('src/')) return path.join(ROOT, clean);
  return null;
}

/** Reason why `importer` may not import `target`, or null when it may. */
function crossComponentViolation(importer, target) {
  const from = locate(importer);
  const to = locate(target);
  if (!from || !to) return null;
  if (from.area !== to.area) {
    return `src/${from.area} must not import src/${to.area}: nodes and the control plane talk only through the apiserver (use src/client)`;
  }
  if (from.area !== 'control-plane' || !from.component || !to.component || from.component === to.component)
    return null;
  if (ALLOWED_CROSS_IMPORTS.has(`${from.component}→${to.component}`)) return null;
  return `src/control-plane/${from.component} must not import src/control-plane/${to.component}: components talk only through the apiserver (use src/client; shared code belongs in src/api, src/client or src/runtime)`;
}

/** Local rules of this repository. */
const kubelab = {
  meta: { name: 'kubelab' },
  rules: {
    'no-cross-component-import': {
      meta: {
        type: 'problem',
        docs: { description: 'Components import neither each other nor the other side of the cluster.' },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          const target = resolveSpecifier(file, source);
          const why = target && crossComponentViolation(file, target);
          if (why) context.report({ node, message: why });
        };
        const fromSource = (node) => node.source && check(node.source, node.source.value);
        return {
          ImportDeclaration: fromSource,
          ExportNamedDeclaration: fromSource,
          ExportAllDeclaration: fromSource,
          ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
          // new URL('../x/x.worker.ts', import.meta.url): starting another component's worker.
          NewExpression(node) {
            const [first, second] = node.arguments;
            if (
              node.callee.type === 'Identifier' &&
              node.callee.name === 'URL' &&
              first?.type === 'Literal' &&
              second?.type === 'MemberExpression' &&
              second.object.type === 'MetaProperty'
            ) {
              check(first, first.value);
            }
          },
        };
      },
    },
  },
};

const CLOCK =
  'cluster code uses the injected Clock (src/runtime/clock.ts): clock.now(), clock.setTimeout(), clock.sleep()';
const RNG =
  'cluster code uses the injected Rng (src/runtime/rng.ts): rng.next(), rng.int(n), rng.fork(label)';

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'bench-results/',
    'test-results/',
    'src/api/generated/',
    'src/ui/editor/generated/',
    'coverage/',
    '.vite/',
  ]),
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    plugins: { kubelab },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['src/control-plane/**', 'src/node/**'],
    rules: { 'kubelab/no-cross-component-import': 'error' },
  },
  {
    files: ['src/control-plane/**', 'src/node/**', 'src/client/**'],
    ignores: ['**/*.worker.ts', 'src/runtime/clock.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: CLOCK },
        { name: 'setInterval', message: CLOCK },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
        { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: CLOCK },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: RNG },
        {
          selector:
            'MemberExpression[object.name=/^(globalThis|window|self)$/][property.name=/^(setTimeout|setInterval)$/]',
          message: CLOCK,
        },
      ],
    },
  },
]);
