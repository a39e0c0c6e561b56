import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/create-application.js';
import { startAppWithLead, type RunningApp } from '../helpers/app-server.js';
import { describeViolations, runAxe, severe, type AxeViolation } from '../helpers/axe.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';

// axe-core in Chromium over the pages people use: the demo page with the widget open and an answer
// (a comparison table and an eligibility verdict) shown, the officer console's inbox and a ticket.
// Serious and critical violations fail the test; console errors on load fail it too.
const PASSWORD = 'correct horse battery';

describe.skipIf(!browserAvailable())('accessibility (axe-core) and a clean browser console', () => {
  let running: RunningApp;
  let app: Application;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    running = await startAppWithLead(PASSWORD);
    ({ app, base } = running);
    browser = await launchBrowser();
    // The pages' CSP forbids inline scripts, and axe is injected as one.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 860 } });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
  });

  // AXE_REPORT=1 prints every violation found (of any impact), for the record.
  function report(where: string, violations: readonly AxeViolation[]): void {
    if (process.env['AXE_REPORT']) process.stdout.write(`\n[axe] ${where}: ${violations.reduce((n, v) => n + v.nodes.length, 0)} nodes\n${describeViolations(violations)}\n`);
  }

  function watchConsole(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} @ ${m.location().url}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    return problems;
  }

  async function ask(page: Page, text: string): Promise<void> {
    await page.locator('[data-testid=qxz-input]').fill(text);
    await page.locator('[data-testid=qxz-input]').press('Enter');
    const last = page.locator('[data-testid=qxz-message][data-role=bot]').last();
    await expect.poll(async () => (await last.count()) > 0 && (await last.getAttribute('data-streaming')) !== 'true', { timeout: 15_000 }).toBe(true);
  }

  it('the demo page with the widget open, a comparison table and a verdict shown', { timeout: 60_000 }, async () => {
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${base}/`);
    await page.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await ask(page, '新政和老政策比，硕士生活补贴变了什么');
    await ask(page, '我28岁，全日制硕士，2024年毕业，今年3月来钱塘，社保交了8个月，能领生活补贴吗');
    await page.locator('[data-testid=qxz-source] summary').first().click();
    const violations = await runAxe(page);
    report('demo page', violations);
    expect(severe(violations), describeViolations(violations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the console: login page, inbox and a ticket with the bot transcript', { timeout: 60_000 }, async () => {
    // A person's comparison question, then a request for a person: a ticket with a table in its transcript.
    const conv = (await (await fetch(`${base}/api/conversations`, { method: 'POST' })).json()) as { id: string; token: string };
    for (const text of ['新政和老政策比，硕士生活补贴变了什么', '转人工']) {
      const res = await fetch(`${base}/api/conversations/${conv.id}/messages`, {
        method: 'POST', headers: { Authorization: `Bearer ${conv.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }),
      });
      expect(res.status).toBe(200);
    }
    const [ticket] = await app.tickets.list({ states: ['queued'] });
    expect(ticket).toBeDefined();

    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${base}/console`);
    await page.getByTestId('login-form').waitFor();
    const atLogin = await runAxe(page);
    await page.getByTestId('login-name').fill('zhou.lan');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('who').waitFor();
    await page.getByTestId('tab-all').click();
    await page.getByTestId(`ticket-row-${ticket!.no}`).waitFor();
    const inbox = await runAxe(page);

    await page.getByTestId(`ticket-row-${ticket!.no}`).click();
    await page.getByTestId('ticket-transcript').waitFor();
    await page.getByTestId('claim-button').click();
    await expect.poll(() => page.getByTestId('ticket-state').textContent()).toBe('处理中');
    const view = await runAxe(page);
    report('console login', atLogin);
    report('console inbox', inbox);
    report('console ticket', view);
    expect(severe(atLogin), describeViolations(atLogin)).toEqual([]);
    expect(severe(inbox), describeViolations(inbox)).toEqual([]);
    expect(severe(view), describeViolations(view)).toEqual([]);
    // Nothing logged an error: not the session probe before login, not a missing favicon.
    expect(problems).toEqual([]);
    await page.close();
  });
});
