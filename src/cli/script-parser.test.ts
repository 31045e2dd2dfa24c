import { describe, expect, it } from 'vitest';
import { parseDuration, parseScript, ScriptError, tokens } from './script-parser';

describe('parseScript', () => {
  it('splits commands, skips comments and blank lines, joins continuations', () => {
    const cmds = parseScript(
      ['# setup', '', 'kubectl get pods', 'kubectl run web \\', '  --image=nginx', 'sleep 10s'].join('\n'),
    );
    expect(cmds.map((c) => [c.line, c.argv])).toEqual([
      [3, ['kubectl', 'get', 'pods']],
      [4, ['kubectl', 'run', 'web', '--image=nginx']],
      [6, ['sleep', '10s']],
    ]);
    expect(cmds[1].source).toBe('kubectl run web \\\n  --image=nginx');
  });

  it('feeds a here-document as stdin', () => {
    const cmds = parseScript(
      ['kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Pod', 'EOF', 'kubectl get po'].join('\n'),
    );
    expect(cmds[0].argv).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(cmds[0].stdin).toBe('apiVersion: v1\nkind: Pod\n');
    expect(cmds[0].source).toBe('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nEOF');
    expect(cmds[1].line).toBe(5);
  });

  it("supports <<'EOF' and <<-EOF (tabs stripped)", () => {
    expect(parseScript("cat <<'END'\nx\nEND")[0].stdin).toBe('x\n');
    expect(parseScript('cat <<-END\n\tx\n\tEND')[0].stdin).toBe('x\n');
  });

  it('refuses an unterminated here-document', () => {
    expect(() => parseScript('kubectl apply -f - <<EOF\nkind: Pod')).toThrow(ScriptError);
    expect(() => parseScript('kubectl apply -f - <<EOF\nkind: Pod')).toThrow(
      'line 1: here-document delimited by end-of-file',
    );
  });
});

describe('tokens', () => {
  it.each([
    [
      `kubectl get pods -o jsonpath='{.items[*].metadata.name}'`,
      ['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
    ],
    [`kubectl label pod x "a=b c"`, ['kubectl', 'label', 'pod', 'x', 'a=b c']],
    [`echo a\\ b # trailing comment`, ['echo', 'a b']],
    [
      `kubectl get po -o custom-columns='N:{.metadata.name}'`,
      ['kubectl', 'get', 'po', '-o', 'custom-columns=N:{.metadata.name}'],
    ],
    [`kubectl get po -o 'jsonpath={$.items}'`, ['kubectl', 'get', 'po', '-o', 'jsonpath={$.items}']],
  ])('%s', (line, want) => {
    expect(tokens(line)).toEqual(want);
  });

  it('refuses pipes and redirections', () => {
    expect(() => tokens('kubectl get po | grep x')).toThrow('unsupported shell syntax: |');
  });
});

describe('parseDuration', () => {
  it.each([
    ['10', 10_000],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5s', 1500],
  ])('%s', (s, ms) => expect(parseDuration(s)).toBe(ms));
  it('refuses junk', () => {
    expect(() => parseDuration('10x')).toThrow('invalid duration "10x"');
    expect(() => parseDuration('')).toThrow();
  });
});
