/**
 * KubeLab's YAML printer (src/kubectl/printers/go-yaml.ts) against the real kubectl v1.33's: a
 * ConfigMap whose data holds strings chosen to hit every decision of go-yaml v2's emitter (quoting,
 * folding past 80 columns, literal blocks and their hints, escapes, key order, long keys) is printed by
 * `kubectl create configmap --from-file … --dry-run=client -o yaml` (no server needed) and by
 * `printYaml`, and the two must be identical. Skipped like the other differential suites when the real
 * binary is missing (a failure under CI).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { printYaml } from '../../src/kubectl/printers/yaml-json';
import { REAL_KUBECTL, haveRealKubectl } from './harness';

const LONG_WORDS =
  'the quick brown fox jumps over the lazy dog and keeps running through the forest until nightfall comes';

/** Values keyed by the file name (= the ConfigMap key); several keys also exercise the key order. */
const VALUES: Record<string, string> = {
  plain: 'hello',
  'long-plain': LONG_WORDS,
  'long-plain-2': `${LONG_WORDS} ${LONG_WORDS}`,
  'long-double-spaces': LONG_WORDS.replace(/ /g, '  '),
  'long-single': `${LONG_WORDS}: and a colon then more words to go past the edge of the line again`,
  'long-single-2': `{"a": "${LONG_WORDS}", "b": "x y"}`,
  'long-single-spaces': `${LONG_WORDS.replace(/ /g, '   ')}: x`,
  'long-double': `${LONG_WORDS}\tand a tab then more words to go past the edge of the line again and again`,
  'long-double-spaces-2': `${LONG_WORDS.replace(/ /g, '  ')}\t`,
  'no-spaces': 'x'.repeat(120),
  colon: 'a: b',
  colon2: 'a:b',
  colon3: 'a:',
  colon4: ':a',
  colon5: ': a',
  hash: 'a #b',
  hash2: 'a#b',
  hash3: '#a',
  dash: '-',
  dash2: '- a',
  dash3: '-a',
  dashes: '---',
  dashes2: '--- x',
  dots: '...',
  question: '? a',
  question2: '?a',
  quote: "' q",
  quote2: "a'b",
  dquote: '"',
  backslash: '\\',
  brackets: '[a]',
  brackets2: 'a[b]',
  braces: '{a}',
  comma: ',a',
  comma2: 'a,b',
  at: '@a',
  backtick: '`a',
  bang: '!a',
  amp: '&a',
  star: '*a',
  pipe: '|a',
  gt: '>a',
  percent: '%a',
  'lead-space': ' a',
  'trail-space': 'a ',
  tab: 'a\tb',
  cr: 'a\rb',
  crlf: 'a\r\nb\r\n',
  nel: 'a\u0085b',
  nel2: 'a  \u0085  \u0085b\u0085',
  ls: 'a\u2028b',
  nbsp: 'a\u00a0b',
  accents: 'héllo wörld',
  emoji: 'smile 😀',
  ctrl: 'a\u0001b\u001bc',
  'ml-1': 'line one\nline two',
  'ml-2': 'line one\nline two\n',
  'ml-3': 'line one\nline two\n\n',
  'ml-4': '\nleading break',
  'ml-5': '  indented\nnext',
  'ml-6': 'trailing space \nnext',
  'ml-7': 'a\n\n\nb',
  'ml-8': '\n',
  'ml-9': 'last line with space ',
  'ml-10': `${LONG_WORDS}\n${LONG_WORDS}\n`,
  'ml-11': 'a\n b\n  c\n',
  'ml-12': 'x\n\ty\n',
  'ml-14': 'tab\tonly',
  'ml-13': 'emoji 😀\nline',
  'num-1': '1',
  'num-2': '0x1F',
  'num-3': '1e3',
  'num-4': '1_000',
  'num-5': '08',
  'num-6': '.5',
  'num-7': '1:20',
  'num-8': '+1',
  'num-9': '-1.5',
  'num-10': '1e999',
  'num-11': '_1',
  'num-12': '1_',
  'num-13': '0o17',
  'num-14': '0b101',
  'num-15': '99999999999999999999999',
  'num-16': '1.2.3',
  'num-17': '.',
  'num-18': '0x',
  'num-19': '1e',
  'num-20': '-.inf',
  'num-21': '.NaN',
  'num-22': '190:20:30.5',
  'num-23': '1:70',
  'ts-1': '2024-01-01',
  'ts-2': '2024-13-01',
  'ts-3': '2024-02-30',
  'ts-4': '2024-02-29',
  'ts-5': '2023-02-29',
  'ts-6': '2024-01-01T10:00:00Z',
  'ts-7': '2024-01-01 10:00:00',
  'ts-8': '2024-1-2t3:4:5.123+02:00',
  'ts-9': '2024-01-01T25:00:00Z',
  'ts-10': '2024-01-01T10:00:00',
  'ts-11': '2024-01-01 10:00:00 +0000',
  'ts-12': '24-01-01',
  'word-1': 'yes',
  'word-2': 'No',
  'word-3': 'ON',
  'word-4': 'y',
  'word-5': 'null',
  'word-6': '~',
  'word-7': '<<',
  'word-8': 'True',
  'word-9': 'tRUE',
  'word-10': 'nil',
  // Key order: go-yaml compares digit runs as numbers and puts letters after other characters.
  a10: 'k',
  a9: 'k',
  a_b: 'k',
  aB: 'k',
  A_: 'k',
  AB: 'k',
  _a: 'k',
  'a-b': 'k',
  'a.b': 'k',
  a0: 'k',
  a00: 'k',
  a01: 'k',
  a1: 'k',
  '01': 'k',
  '1': 'k',
  '10': 'k',
  '2': 'k',
  x007: 'k',
  x07: 'k',
  x7: 'k',
  x70: 'k',
  'x1.5': 'k',
  'x1.10': 'k',
  Z: 'k',
  z: 'k',
  // A key longer than 128 bytes is written as a complex key.
  ['k'.repeat(130)]: 'long key',
  ['k'.repeat(128)]: 'key of 128',
  empty: '',
};

describe.skipIf(!haveRealKubectl && !process.env.CI)('differential YAML: printYaml vs kubectl v1.33', () => {
  it('prints a ConfigMap of tricky strings byte for byte like kubectl -o yaml', () => {
    expect(haveRealKubectl, `${REAL_KUBECTL} is missing`).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'kubelab-yaml-'));
    try {
      const args = ['create', 'configmap', 'tricky', '--dry-run=client', '-o', 'yaml'];
      for (const [k, v] of Object.entries(VALUES)) {
        writeFileSync(path.join(dir, k), v);
        args.push(`--from-file=${k}`);
      }
      const real = spawnSync(REAL_KUBECTL, args, {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: '/dev/null' },
      });
      expect(real.stderr).toBe('');
      const ours = printYaml({
        apiVersion: 'v1',
        data: VALUES,
        kind: 'ConfigMap',
        metadata: { creationTimestamp: null, name: 'tricky' },
      });
      expect(ours).toBe(real.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints nested sequences and maps (a Deployment with long command arguments) like kubectl', () => {
    const args = [
      'create', 'deployment', 'long', '--image=nginx', '--replicas=3', '--port=8080',
      '--dry-run=client', '-o', 'yaml', '--', 'sh', '-c',
      `${LONG_WORDS} ${LONG_WORDS}`, `key: ${LONG_WORDS}`, 'two\nlines', '', '80', `  ${LONG_WORDS}`,
    ]; // prettier-ignore
    const real = spawnSync(REAL_KUBECTL, args, {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), KUBECONFIG: '/dev/null' },
    });
    expect(real.stderr).toBe('');
    // The object read back from kubectl's own output, printed again, must give the same text.
    expect(printYaml(parse(real.stdout, { version: '1.1' }))).toBe(real.stdout);
  });

  it('fails like kubectl on characters go-yaml cannot read back', () => {
    const real = spawnSync(
      REAL_KUBECTL,
      ['create', 'configmap', 'x', '--from-literal=k=a\u007fb', '--dry-run=client', '-o', 'yaml'],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', KUBECONFIG: '/dev/null' } },
    );
    expect(real.stderr).toBe('error: yaml: control characters are not allowed\n');
    expect(() => printYaml({ data: { k: 'a\u007fb' } })).toThrow('yaml: control characters are not allowed');
  });
});
