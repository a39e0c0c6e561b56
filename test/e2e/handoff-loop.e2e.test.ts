import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/create-application.js';
import { startAppWithLead, type RunningApp } from '../helpers/app-server.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';

// The whole loop a person and an officer live through, in two browser pages on one running product:
// widget → 转人工 → console alert → claim → reply → the widget shows it → resolve → rating.
const SHOTS = process.env['SCREENSHOTS_DIR'];
const PASSWORD = 'correct horse battery';

describe.skipIf(!browserAvailable())('handoff loop: widget and officer console', () => {
  let running: RunningApp;
  let app: Application;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    running = await startAppWithLead(PASSWORD);
    ({ app, base } = running);
    browser = await launchBrowser();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('goes from 转人工 in the widget to an officer reply in the widget, then resolution and a rating', { timeout: 90_000 }, async () => {
    const officer = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await officer.goto(`${base}/console`);
    await officer.getByTestId('login-name').fill('zhou.lan');
    await officer.getByTestId('login-password').fill(PASSWORD);
    await officer.getByTestId('login-submit').click();
    await officer.getByTestId('who').waitFor();

    const person = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await person.goto(`${base}/`);
    // A policy question first: the officer then sees the bot's answer (rendered Markdown) in the transcript.
    await person.locator('[data-testid=qxz-input]').fill('新政和老政策比，硕士生活补贴变了什么');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    await person.locator('[data-testid=qxz-message][data-role=bot]:not([data-streaming])').first().waitFor({ timeout: 15_000 });
    await person.locator('[data-testid=qxz-input]').fill('我的生活补贴申请被驳回了，想找专员问问');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    await person.locator('[data-testid=qxz-handoff-notice]').waitFor({ state: 'visible', timeout: 15_000 });
    const [ticket] = await app.tickets.list({ states: ['queued'] });
    expect(['own_case', 'user_request']).toContain(ticket?.reason);

    // The console hears of it live.
    await expect.poll(() => officer.getByTestId('alert-counter').textContent(), { timeout: 10_000 }).toContain('1');
    // A lead's default inbox holds every team's unclaimed queue; 全部 stays the full view.
    await officer.getByTestId(`ticket-row-${ticket!.no}`).waitFor({ timeout: 10_000 });
    expect(await officer.getByTestId('tab-mine').textContent()).toBe('我的（含各组待认领）');
    await officer.getByTestId('tab-all').click();
    await officer.getByTestId(`ticket-row-${ticket!.no}`).click();
    await officer.getByTestId('ticket-summary').waitFor();
    expect(await officer.getByTestId('ticket-summary').innerText()).toContain('生活补贴申请被驳回');
    await officer.getByTestId('claim-button').click();
    await expect.poll(() => officer.getByTestId('ticket-state').textContent()).toBe('处理中');
    await officer.getByTestId('reply-text').fill('您好，我是政府助才专员周岚。驳回原因是社保记录不满6个月，补齐后可重新申请。');
    await officer.getByTestId('reply-button').click();
    await expect.poll(() => officer.getByTestId('ticket-state').textContent()).toBe('等待对方回复');
    if (SHOTS) {
      // A tall window, so the picture shows the summary, the rendered transcript and the reply box.
      await officer.setViewportSize({ width: 1440, height: 1200 });
      await officer.getByTestId('reply-text').fill('您好，我是政府助才专员周岚。请补充驳回通知书的照片，我来核对。');
      await officer.evaluate(() => window.scrollTo(0, 0));
      await officer.screenshot({ path: path.join(SHOTS, 'console-ticket.png') });
      await officer.getByTestId('reply-text').fill('');
    }

    const reply = person.locator('[data-testid=qxz-message][data-role=officer]').last();
    await reply.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await reply.innerText()).toContain('驳回原因是社保记录不满6个月');
    if (SHOTS) await person.screenshot({ path: path.join(SHOTS, 'widget-officer-reply.png') });

    // While the officer has the case, the bot stays quiet and passes messages on.
    await person.locator('[data-testid=qxz-input]').fill('好的，我下个月补齐后再申请');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    await expect.poll(async () => (await app.tickets.get(ticket!.no))?.events.some((e) => e.type === 'person_message'), { timeout: 10_000 }).toBe(true);
    // The officer has answered: one short acknowledgement, then nothing more within the hour (no empty bubble either).
    const bot = person.locator('[data-testid=qxz-message][data-role=bot]');
    await expect.poll(async () => (await bot.last().innerText()).trim(), { timeout: 10_000 }).toContain('已转达给专员');
    const bubbles = await bot.count();
    await person.locator('[data-testid=qxz-input]').fill('另外，社保证明去哪里开？');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    await expect.poll(async () => (await app.tickets.get(ticket!.no))?.events.filter((e) => e.type === 'person_message').length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => person.locator('[data-streaming]').count(), { timeout: 10_000 }).toBe(0);
    expect(await bot.count()).toBe(bubbles);

    officer.once('dialog', (d) => void d.accept());
    await officer.getByTestId('resolve-button').click();
    await expect.poll(async () => (await app.tickets.get(ticket!.no))?.ticket.state).toBe('resolved');
    const ask = person.locator('[data-testid=qxz-message][data-role=system]').last();
    await ask.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await ask.innerText()).toContain('打分');
    await person.locator('[data-testid=qxz-input]').fill('5');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    await expect.poll(async () => (await app.tickets.get(ticket!.no))?.ticket.rating, { timeout: 10_000 }).toBe(5);
    expect((await app.tickets.get(ticket!.no))?.ticket.state).toBe('closed');
  });
});
