import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../src/channels/web/build-widget.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';

// The widget against a slow chat API (a fake in this file): the answer stream only pings. With
// data-timeout="3" the widget says it is still working after a second without text, gives up at
// three seconds with a retry, and the retry (now answered at once) shows the answer.
describe.skipIf(!browserAvailable())('widget: a slow answer', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let slow = true;
  let posts = 0;
  const pings = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    const code = (await buildWidget()).code;
    const app = express();
    app.get('/', (_req, res) => void res.type('html').send('<!doctype html><html lang="zh-CN"><title>t</title><body><script src="/widget.js" data-open="true" data-timeout="3"></script></body></html>'));
    app.get('/widget.js', (_req, res) => void res.type('application/javascript').send(code));
    app.post('/api/conversations', (_req, res) => void res.status(201).json({ id: 'c_slow', token: 'tok' }));
    app.get('/api/conversations/c_slow/messages', (_req, res) => void res.json({ messages: [] }));
    app.get('/api/conversations/c_slow/events', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': open\n\n');
    });
    app.post('/api/conversations/c_slow/messages', (_req, res) => {
      posts += 1;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (slow) {
        // Alive, but no answer: what a stuck model looks like from the browser.
        const t = setInterval(() => res.write(': ping\n\n'), 200);
        pings.add(t);
        res.on('close', () => {
          clearInterval(t);
          pings.delete(t);
        });
        return;
      }
      const message = { id: 'm2', seq: 2, role: 'bot', text: '硕士每年 3 万元。', citations: [], createdAt: '2026-11-27T00:00:00.000Z' };
      res.write(`event: delta\ndata: ${JSON.stringify({ text: message.text })}\n\n`);
      res.end(`event: done\ndata: ${JSON.stringify({ message })}\n\n`);
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    for (const t of pings) clearInterval(t);
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('says it is still working, gives up with a retry at the timeout, and the retry answers', { timeout: 30_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    await page.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await page.locator('[data-testid=qxz-input]').fill('硕士补贴多少');
    await page.locator('[data-testid=qxz-input]').press('Enter');
    const still = page.locator('[data-testid=qxz-still-working]');
    await still.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await still.textContent()).toBe('仍在处理，请稍候…');
    const error = page.locator('[data-testid=qxz-error]');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await error.textContent()).toContain('回答用时过长');
    // The stuck request was abandoned, not left open.
    await expect.poll(() => pings.size, { timeout: 5_000 }).toBe(0);
    expect(await page.locator('[data-testid=qxz-message][data-role=bot]').count()).toBe(0);
    expect(await page.locator('[data-testid=qxz-send]').isDisabled()).toBe(false);

    slow = false;
    await page.locator('[data-testid=qxz-retry]').click();
    const answer = page.locator('[data-testid=qxz-message][data-role=bot]').last();
    await expect.poll(() => answer.getAttribute('data-message-id'), { timeout: 10_000 }).toBe('m2');
    expect(await answer.innerText()).toContain('3 万元');
    expect(await page.locator('[data-testid=qxz-still-working]').count()).toBe(0);
    expect(posts).toBe(2);
    await page.close();
  });
});
