import { describe, it, expect } from 'vitest';
import { createMarkdown, isSafeUrl, runnableCommands } from './render';

const md = createMarkdown();
const render = (s: string) => md.render(s);

describe('isSafeUrl', () => {
  it.each([
    ['https://kubernetes.io/docs/', true],
    ['http://example.com', true],
    ['//example.com/x', true],
    ['../other/en.md', true],
    ['#create-pod', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['data:text/html;base64,xx', false],
    ['vbscript:x', false],
    ['mailto:a@b.c', false],
  ])('%s → %s', (url, ok) => expect(isSafeUrl(url)).toBe(ok));
});

describe('markdown rendering', () => {
  it('escapes raw HTML so no tag from the input survives', () => {
    const html = render('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick="x">y</div>');
    expect(html).not.toMatch(/<script|<img|<div/);
    expect(html).toBe(
      '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n<p>&lt;div onclick=&quot;x&quot;&gt;y&lt;/div&gt;</p>\n',
    );
  });

  it('drops unsafe links and marks safe ones', () => {
    expect(render('[a](javascript:alert(1))')).toBe('<p>[a](javascript:alert(1))</p>\n');
    expect(render('[docs](https://kubernetes.io)')).toBe(
      '<p><a href="https://kubernetes.io" rel="noopener noreferrer" target="_blank">docs</a></p>\n',
    );
    expect(render('[next](#scale)')).toBe('<p><a href="#scale" rel="noopener noreferrer">next</a></p>\n');
  });

  it('marks kubectl code blocks and spans as runnable', () => {
    expect(render('```sh\n$ kubectl get pods\n```\n')).toBe(
      '<pre class="lesson-run" data-run="kubectl get pods"><code class="language-sh">$ kubectl get pods\n</code></pre>\n',
    );
    expect(render('```yaml\nkubectl: x\n```\n')).toBe('<pre><code class="language-yaml">kubectl: x\n</code></pre>\n');
    expect(render('```\nls -l\n```\n')).toBe('<pre><code>ls -l\n</code></pre>\n');
    expect(render('Run `kubectl get "pods"` now')).toBe(
      '<p>Run <code class="lesson-run" data-run="kubectl get &quot;pods&quot;">kubectl get &quot;pods&quot;</code> now</p>\n',
    );
    expect(render('The `kubectl` tool')).toBe('<p>The <code>kubectl</code> tool</p>\n');
  });
});

describe('runnableCommands', () => {
  it.each([
    ['kubectl get pods\n', 'kubectl get pods'],
    ['$ kubectl get pods\n$ kubectl get nodes', 'kubectl get pods\nkubectl get nodes'],
    ['kubectl apply -f - <<EOF\nkind: Pod\nEOF\n', 'kubectl apply -f - <<EOF\nkind: Pod\nEOF'],
    ['kubectl get pods\nsleep 3', undefined],
    ['', undefined],
    ['kubectl get pods | grep x', undefined],
  ])('%j', (code, want) => expect(runnableCommands(code)).toBe(want));
});
