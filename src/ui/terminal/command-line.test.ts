import { describe, it, expect } from 'vitest';
import { continuation, endsHereDoc, hereDoc, hereDocBody, parseCommandLine } from './command-line';

describe('parseCommandLine', () => {
  const cases: Array<[string, ReturnType<typeof parseCommandLine>]> = [
    ['kubectl get pods', { argv: ['kubectl', 'get', 'pods'] }],
    ['  kubectl   get  pods  ', { argv: ['kubectl', 'get', 'pods'] }],
    [`kubectl get pods -l 'app in (a, b)'`, { argv: ['kubectl', 'get', 'pods', '-l', 'app in (a, b)'] }],
    [
      `kubectl get po -o jsonpath="{.items[*].metadata.name}"`,
      { argv: ['kubectl', 'get', 'po', '-o', 'jsonpath={.items[*].metadata.name}'] },
    ],
    [
      'kubectl get po -o jsonpath={.items[*].metadata.name}',
      { argv: ['kubectl', 'get', 'po', '-o', 'jsonpath={.items[*].metadata.name}'] },
    ],
    [
      `kubectl run x --image=nginx -- sh -c 'echo hi'`,
      { argv: ['kubectl', 'run', 'x', '--image=nginx', '--', 'sh', '-c', 'echo hi'] },
    ],
    ['kubectl get pods # list them', { argv: ['kubectl', 'get', 'pods'] }],
    ['a\\ b', { argv: ['a b'] }],
    ['kubectl apply -f - <<EOF', { argv: ['kubectl', 'apply', '-f', '-'] }],
    ['kubectl apply -f - <<-END', { argv: ['kubectl', 'apply', '-f', '-'] }],
    ['', { argv: [] }],
    ['# only a comment', { argv: [] }],
    [
      'kubectl get pods | grep x',
      { error: '|: pipes, lists and redirections are not supported in this terminal' },
    ],
    [
      'kubectl get pods > out',
      { error: '>: pipes, lists and redirections are not supported in this terminal' },
    ],
  ];
  for (const [line, want] of cases)
    it(JSON.stringify(line), () => expect(parseCommandLine(line)).toEqual(want));
});

describe('continuation', () => {
  const cases: Array<[string, ReturnType<typeof continuation>]> = [
    ['kubectl get pods', 'none'],
    [`echo 'open`, 'quote'],
    [`echo "open`, 'quote'],
    [`echo "a'b"`, 'none'],
    [`echo 'a"b'`, 'none'],
    ['kubectl get \\', 'backslash'],
    ['echo a\\\\', 'none'],
    [`echo "x\\"`, 'quote'],
    [`kubectl get pods # don't`, 'none'],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => expect(continuation(line)).toBe(want));
});

describe('hereDoc', () => {
  const cases: Array<[string, ReturnType<typeof hereDoc>]> = [
    ['kubectl apply -f - <<EOF', { delimiter: 'EOF', stripTabs: false }],
    ['kubectl apply -f - << "END"', { delimiter: 'END', stripTabs: false }],
    [`kubectl apply -f - <<'X Y'`, { delimiter: 'X Y', stripTabs: false }],
    ['kubectl apply -f - <<-EOF', { delimiter: 'EOF', stripTabs: true }],
    [`kubectl get pods -l 'a<<b'`, undefined],
    ['kubectl get pods # <<EOF', undefined],
    ['kubectl apply -f - <<<word', undefined],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => expect(hereDoc(line)).toEqual(want));

  it('builds the body and recognises the end line', () => {
    const doc = { delimiter: 'EOF', stripTabs: true };
    expect(hereDocBody(['\tapiVersion: v1', '\t\tkind: Pod'], doc)).toBe('apiVersion: v1\nkind: Pod\n');
    expect(hereDocBody([], doc)).toBe('');
    expect(endsHereDoc('\tEOF', doc)).toBe(true);
    expect(endsHereDoc('\tEOF', { delimiter: 'EOF', stripTabs: false })).toBe(false);
    expect(endsHereDoc('EOF ', doc)).toBe(false);
  });
});
