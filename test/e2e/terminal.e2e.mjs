/**
 * The kubectl terminal in the built site: typing a command runs KubeLab's kubectl against the cluster
 * in the tab, Tab completes from the apiserver, and ↑ recalls history after a reload.
 * Needs src/ui/terminal/Terminal.svelte placed in the app (data-testid="terminal").
 */
import { test, waitFor } from './harness.mjs';

/** The terminal's visible text (xterm's DOM renderer rows). */
export function terminalText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')]
      .map((d) => d.textContent.trimEnd())
      .join('\n'),
  );
}

async function openTerminal(page, baseUrl) {
  await page.goto(`${baseUrl}?db=e2e-terminal-${Date.now()}`, { waitUntil: 'load' });
  await page.evaluate(() => window.kubelab.ready);
  const term = page.locator('[data-testid=terminal]');
  if (!(await term.isVisible())) {
    await page
      .locator('[role=tab]:has-text("Terminal"), button:has-text("Terminal"), a:has-text("Terminal")')
      .first()
      .click();
  }
  await term.click();
  await waitFor(async () => (await terminalText(page)).includes('$'), { message: 'no prompt' });
}

test('kubectl run nginx --image=nginx creates the pod', async ({ page, baseUrl, expectNoConsoleErrors }) => {
  await openTerminal(page, baseUrl);
  await page.keyboard.type('kubectl run nginx --image=nginx\n');
  await waitFor(async () => (await terminalText(page)).includes('pod/nginx created'), {
    timeout: 15_000,
    message: 'kubectl run did not print pod/nginx created',
  });
  await page.keyboard.type('kubectl get pods\n');
  await waitFor(async () => /\nnginx +\d\/1 /.test(await terminalText(page)), {
    message: 'nginx not listed',
  });
  expectNoConsoleErrors();
});

test('Tab completes namespaces from the apiserver and history survives a reload', async ({
  page,
  baseUrl,
  reload,
}) => {
  await openTerminal(page, baseUrl);
  await page.keyboard.type('kubectl get ns -n kube-s');
  await page.keyboard.press('Tab');
  await waitFor(async () => (await terminalText(page)).includes('$ kubectl get ns -n kube-system'), {
    message: 'namespace not completed',
  });
  await page.keyboard.press('Enter');
  await waitFor(async () => /kube-system +Active/.test(await terminalText(page)), {
    message: 'get ns did not run',
  });
  await reload();
  await page.evaluate(() => window.kubelab.ready);
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.press('ArrowUp');
  await waitFor(async () => (await terminalText(page)).includes('$ kubectl get ns -n kube-system'), {
    message: 'history not restored',
  });
});

test('Ctrl-C stops kubectl get -w', async ({ page, baseUrl }) => {
  await openTerminal(page, baseUrl);
  await page.keyboard.type('kubectl get ns -w\n');
  await waitFor(async () => /default +Active/.test(await terminalText(page)), {
    message: 'watch printed nothing',
  });
  await page.keyboard.press('Control+C');
  await waitFor(async () => /\^C\n\$ *$/.test((await terminalText(page)).trimEnd()), {
    message: 'no prompt after ^C',
  });
});
