/**
 * Lessons in real Chromium, as a learner takes them: lesson 3 ("Your first pod") is started from the
 * Lessons tab (the cluster is replaced after a confirmation, through a page reload), then finished
 * by typing its commands into the terminal and using the time controls (Pause, +1 s, Play); every
 * step turns passed. Then the UI is switched to 简体中文 and lesson 1 opens in Chinese.
 */
import { test, expect, waitFor } from './harness.mjs';

/** The terminal's visible text (xterm's DOM renderer rows). */
function terminalText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')]
      .map((d) => d.textContent.trimEnd())
      .join('\n'),
  );
}

async function open(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.kubelab !== undefined, null, { timeout: 20_000 });
  await page.evaluate(() => window.kubelab.ready);
}

const stepStatus = (page, id) =>
  page.locator(`[data-testid=lesson-step][data-step="${id}"]`).getAttribute('data-status');

async function waitStep(page, id, status, timeout = 20_000) {
  await waitFor(async () => (await stepStatus(page, id)) === status, {
    timeout,
    message: `step ${id} is not ${status} (detail: ${await page
      .locator('[data-testid=lesson-detail]')
      .first()
      .textContent()
      .catch(() => '')})`,
  });
}

/** Types a command line into the terminal as the learner would (focus it, type, Enter). */
async function typeCommand(page, text) {
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type(`${text}\n`);
}

test(
  'lesson 3 is completed in English with the terminal and the time controls',
  async ({ page, baseUrl, expectNoConsoleErrors }) => {
    const db = `e2e-lesson3-${Date.now()}`;
    await open(page, `${baseUrl}?db=${db}`);
    await page.locator('[data-testid=tab-lessons]').click();
    await page.locator('[data-lesson="03-first-pod"]').click();
    expect(await page.locator('[data-testid=lesson-title]').textContent(), 'title').toBe(
      'Your first pod, step by step',
    );

    // Starting asks first, then replaces the cluster (the page reloads and the start goes on).
    await page.locator('[data-testid=lesson-start]').click();
    expect(await page.locator('[role=alertdialog]').textContent(), 'confirmation').toMatch(
      /replaces your cluster with a fresh one \(2 worker nodes\)/,
    );
    await Promise.all([
      page.waitForEvent('load', { timeout: 20_000 }),
      page.locator('[data-testid=lesson-confirm]').click(),
    ]);
    await page.waitForFunction(() => window.kubelab !== undefined, null, { timeout: 20_000 });
    await page.evaluate(() => window.kubelab.ready);
    await waitStep(page, 'pause-and-create', 'current', 30_000);
    expect(await page.locator('[data-testid=lesson-title]').textContent(), 'lesson reopened').toBe(
      'Your first pod, step by step',
    );
    await waitFor(async () => (await terminalText(page)).includes('$'), { message: 'no prompt' });

    // Step 1: pause, then create the pod.
    await page.locator('[data-testid=play-pause]').click();
    expect(await page.locator('[data-testid=play-pause]').textContent(), 'paused').toMatch(/Play/);
    await typeCommand(page, 'kubectl run nginx --image=nginx');
    await waitFor(async () => (await terminalText(page)).includes('pod/nginx created'), {
      message: 'kubectl run did not print pod/nginx created',
    });
    await waitStep(page, 'pause-and-create', 'passed');

    // Step 2: step the paused clock until the scheduler has bound the pod.
    for (let i = 0; i < 30 && (await stepStatus(page, 'scheduled')) !== 'passed'; i++) {
      await page.locator('[data-testid=step-hop]').click();
      await page.locator('[data-testid=advance]').click();
      await page.waitForTimeout(200);
    }
    await waitStep(page, 'scheduled', 'passed');
    await typeCommand(page, 'kubectl get pod nginx -o wide');
    await waitFor(async () => /nginx +\d\/1 .* node-[12] /.test(await terminalText(page)), {
      message: 'get pod -o wide shows no node',
    });

    // Step 3: let the clock run until the kubelet has started the container.
    await page.locator('[data-testid=play-pause]').click();
    await waitStep(page, 'kubelet-starts-it', 'passed', 30_000);
    await typeCommand(page, 'kubectl describe pod nginx');
    await waitFor(async () => (await terminalText(page)).includes('Started container nginx'), {
      message: 'describe shows no Started event',
    });

    // Challenge: a pod bound to node-2 without the scheduler, through a here-document.
    await typeCommand(
      page,
      [
        'kubectl apply -f - <<EOF',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: pinned',
        'spec:',
        '  nodeName: node-2',
        '  containers:',
        '  - name: redis',
        '    image: redis',
        'EOF',
      ].join('\n'),
    );
    await waitFor(async () => (await terminalText(page)).includes('pod/pinned created'), {
      message: 'apply did not create pinned',
    });
    await waitStep(page, 'challenge', 'passed', 30_000);
    await page.locator('[data-testid=lesson-done]').waitFor({ timeout: 5_000 });
    const statuses = await page
      .locator('[data-testid=lesson-step]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses, 'every step passed').toEqual(['passed', 'passed', 'passed', 'passed']);

    // Progress is kept across reloads.
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(() => window.kubelab.ready);
    await page.locator('[data-testid=lesson-done]').waitFor({ timeout: 15_000 });
    expectNoConsoleErrors();
  },
  { timeout: 150_000 },
);

test('the UI switches to 简体中文 and lesson 1 opens in Chinese', async ({
  page,
  baseUrl,
  expectNoConsoleErrors,
}) => {
  await open(page, `${baseUrl}?db=e2e-lesson-zh-${Date.now()}`);
  expect(await page.locator('[data-testid=play-pause]').textContent(), 'English first').toMatch(/Pause/);
  await page.locator('[data-testid=lang]').selectOption('zh-CN');
  await waitFor(async () => (await page.locator('[data-testid=play-pause]').textContent()).includes('暂停'), {
    message: 'time controls not in Chinese',
  });
  expect(await page.evaluate(() => document.documentElement.lang), 'html lang').toBe('zh-CN');
  expect(await page.locator('[data-testid=tab-story]').textContent(), 'story tab').toBe('正在发生什么');
  expect(await page.locator('[data-testid=outline] h3').first().textContent(), 'outline').toBe('控制平面');
  expect(await page.locator('[data-testid=tab-lessons]').textContent(), 'lessons tab').toBe('课程');

  await page.locator('[data-testid=tab-lessons]').click();
  await page.locator('[data-lesson="01-why-orchestration"]').click();
  expect(await page.locator('[data-testid=lesson-title]').textContent(), 'title').toBe(
    '为什么需要容器编排？',
  );
  const panel = await page.locator('[data-testid=lessons-panel]').textContent();
  expect(panel, 'goal').toContain('弄清容器编排要解决哪些问题');
  expect(panel, 'intro').toContain('IaaS（基础设施即服务）');
  expect(await page.locator('[data-testid=lesson-start]').textContent(), 'start button').toBe('开始课程');
  expect(await page.locator('#lessons-h').textContent(), 'panel heading').toBe('课程');

  // The choice is kept.
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => window.kubelab.ready);
  await waitFor(async () => (await page.locator('[data-testid=play-pause]').textContent()).includes('暂停'), {
    message: 'language not kept after reload',
  });
  expectNoConsoleErrors();
});
