import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/create-application.js';
import { startApp, type RunningApp } from '../helpers/app-server.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';

// The widget as a person uses it, in Debian's Chromium: ask, see the streamed answer and its
// sources, 👎, ask for a person, get the officer's reply, reload and find the thread again.
const SHOTS = process.env['SCREENSHOTS_DIR'];

describe.skipIf(!browserAvailable())('chat widget in Chromium', () => {
  let running: RunningApp;
  let app: Application;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp();
    ({ app, base } = running);
    browser = await launchBrowser();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function ask(page: Page, text: string): Promise<void> {
    await page.locator('[data-testid=qxz-input]').fill(text);
    await page.locator('[data-testid=qxz-input]').press('Enter');
  }

  const bots = (page: Page) => page.locator('[data-testid=qxz-message][data-role=bot]');

  it('answers with a cited, streamed answer; takes feedback; hands off; shows the officer reply safely; resumes after reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await page.locator('[data-testid=qxz-chips]').waitFor({ state: 'visible' });

    await ask(page, '硕士来钱塘工作有多少生活补贴？');
    const answer = bots(page).last();
    await expect.poll(async () => answer.getAttribute('data-streaming'), { timeout: 15_000 }).not.toBe('true');
    await expect.poll(async () => (await answer.innerText()).includes('3万元')).toBe(true);
    const source = answer.locator('[data-testid=qxz-source]').first();
    expect(await source.getAttribute('data-key')).toBe('qt25-5');
    if (SHOTS) {
      await answer.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(SHOTS, 'widget-desktop.png') });
    }
    // The key in the text is a numbered link to its card: it opens and highlights the card.
    const cite = answer.locator('[data-testid=qxz-message-text] [data-testid=qxz-cite][data-key="qt25-5"]').first();
    expect(await cite.textContent()).toBe('[1]');
    expect(await answer.locator('[data-testid=qxz-message-text]').innerText()).not.toContain('[qt25-5]');
    await cite.click();
    await expect.poll(() => source.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await source.getAttribute('class')).toContain('source-highlight');
    expect(await source.innerText()).toContain('青年大学生生活补贴');

    await answer.locator('[data-testid=qxz-feedback-down]').click();
    const skip = page.locator('[data-testid=qxz-feedback-comment-skip]');
    if (await skip.isVisible()) await skip.click();
    await expect.poll(async () => ((await app.db.get("SELECT COUNT(*) AS n FROM feedback WHERE rating = 'down'")) as { n: number }).n).toBe(1);

    await page.locator('[data-testid=qxz-handoff]').click();
    await page.locator('[data-testid=qxz-handoff-notice]').waitFor({ state: 'visible', timeout: 15_000 });
    const open = await app.tickets.list({ states: ['queued', 'assigned'] });
    expect(open).toHaveLength(1);
    const ticket = open[0]!;

    // An officer's reply with markup that must never run: it arrives over the live stream.
    // Nobody is on duty in a fresh app, so the ticket waits in the queue until the lead claims it.
    const lead = (await app.officers.get('zhou.lan'))!;
    expect(ticket.state).toBe('queued');
    await app.tickets.claim(ticket.no, lead);
    await app.tickets.reply(ticket.no, lead, '您好，我是政府助才专员。<img src=x onerror="window.__xss=1"> [点我](javascript:window.__xss=2) <script>window.__xss=3</script>');
    const officer = page.locator('[data-testid=qxz-message][data-role=officer]').last();
    await officer.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await officer.innerText()).toContain('我是政府助才专员');
    await page.locator('[data-testid=qxz-messages] a').evaluateAll((links) => links.forEach((a) => (a as HTMLElement).click()));
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await officer.locator('img, script').count()).toBe(0);

    const countBefore = await page.locator('[data-testid=qxz-message]').count();
    await page.reload();
    await page.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('[data-testid=qxz-message]').count(), { timeout: 10_000 }).toBe(countBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an English answer's sources in English, with the Chinese original a key press away", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await ask(page, "What's the rent subsidy for a master's graduate?");
    const answer = bots(page).last();
    await expect.poll(async () => answer.getAttribute('data-streaming'), { timeout: 15_000 }).not.toBe('true');
    const source = answer.locator('[data-testid=qxz-source][data-key="qt25-6"]');
    await source.locator('summary').click();
    const english = source.locator('[data-testid=qxz-source-quote-en]');
    const chinese = source.locator('[data-testid=qxz-source-quote-zh]');
    const toggle = source.locator('[data-testid=qxz-source-original-toggle]');
    expect(await source.locator('summary').innerText()).toContain('Article 6 Rent Subsidy');
    expect(await english.innerText()).toContain("RMB 20,000 a year for a master's degree");
    expect(await source.locator('[data-testid=qxz-source-note]').innerText()).toMatch(/unofficial translation|非官方译文/iu);
    expect(await chinese.isVisible()).toBe(false);
    expect(await toggle.innerText()).toBe('中文原文 / Chinese original');

    // Keyboard only: focus the button and press Enter, then Space to go back.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await chinese.isVisible()).toBe(true);
    expect(await chinese.innerText()).toContain('硕士每年2万元');
    expect(await english.isVisible()).toBe(false);
    expect(await source.locator('summary').innerText()).toContain('第六条');
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await english.isVisible()).toBe(true);
    expect(await chinese.isVisible()).toBe(false);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'widget-english-source.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves the widget and console scripts compressed with an ETag', async () => {
    for (const script of ['/widget.js', '/console.js']) {
      const res = await fetch(`${base}${script}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('br');
      const etag = res.headers.get('etag')!;
      expect((await res.text()).length).toBeGreaterThan(10_000);
      expect((await fetch(`${base}${script}`, { headers: { 'Accept-Encoding': 'br, gzip', 'If-None-Match': etag } })).status).toBe(304);
    }
  });

  it('fits a 375 px phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto(`${base}/`);
    const panel = page.locator('[data-testid=qxz-panel]');
    // The demo page asks for the panel open at load; on a phone it would cover the page, so it stays closed.
    await page.waitForFunction(() => 'QianXiaoZhi' in window);
    expect(await panel.isHidden()).toBe(true);
    await page.locator('[data-testid=qxz-launcher]').tap();
    await panel.waitFor({ state: 'visible' });
    await ask(page, '租房补贴要准备哪些材料？');
    await expect.poll(async () => bots(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => bots(page).last().getAttribute('data-streaming')).not.toBe('true');
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'widget-phone.png') });
    await page.close();
  });
});
