import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWithLead, type RunningApp } from '../helpers/app-server.js';
import { describeViolations, runAxe, severe } from '../helpers/axe.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';

// A lead replaces the 人才新政25条 from the browser: uploads a new version with two changed figures
// (硕士 3万元 → 5万元, 博士 10万元 → 15万元), reads the diff and the hit test, publishes, and the
// widget answers with the new figure — no shell, no restart. SCREENSHOTS_DIR=docs/screenshots keeps the pictures.
const SHOTS = process.env['SCREENSHOTS_DIR'];
const PASSWORD = 'correct horse battery';
const OLD = '本科1万元、硕士3万元、博士10万元。';
const NEW = '本科1万元、硕士5万元、博士15万元。';

describe.skipIf(!browserAvailable())('policy library in the console, end to end', () => {
  let running: RunningApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    running = await startAppWithLead(PASSWORD);
    ({ base } = running);
    browser = await launchBrowser();
    // axe is injected as an inline script, which the page's CSP forbids.
    context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
  });

  const shot = async (page: Page, name: string, target?: ReturnType<Page['getByTestId']>): Promise<void> => {
    if (!SHOTS) return;
    if (target) await target.screenshot({ path: path.join(SHOTS, name) });
    else await page.screenshot({ path: path.join(SHOTS, name) });
  };

  it('uploads a new version of the 25条, shows the two changed figures and the changed answers, publishes, the widget answers with the new figure, and rolls back', { timeout: 240_000 }, async () => {
    const source = await readFile(new URL('../../policies/qt25.md', import.meta.url), 'utf8');
    expect(source).toContain(OLD);
    const edited = source.replace(OLD, NEW);

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/console`);
    await page.getByTestId('login-name').fill('zhou.lan');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('who').waitFor();
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-row-qt25').waitFor();
    const version = await page.getByTestId('library-row-qt25').getByTestId('library-version').innerText();
    expect(version).toBe('第 1 版');
    expect(await page.getByTestId('library-row-qt25').innerText()).toContain('现行有效');
    await shot(page, 'library-list.png');

    await page.getByTestId('upload-target').selectOption('qt25');
    await page.getByTestId('upload-file').setInputFiles({ name: 'qt25.md', mimeType: 'text/markdown', buffer: Buffer.from(edited, 'utf8') });
    await page.getByTestId('upload-button').click();
    await page.getByTestId('library-draft').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('meta-id').inputValue()).toBe('qt25');
    expect(await page.getByTestId('draft-chunks').innerText()).toContain('qt25-5');

    // The diff: one changed article, its two figures before → after, the changed words marked.
    await page.getByTestId('diff-qt25-5').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^=diff-qt25-]').count()).toBe(1);
    const figures = await page.getByTestId('figures-qt25-5').locator('[data-testid=figure-change]').allInnerTexts();
    expect(figures.map((f) => f.replace(/\s+/gu, ''))).toEqual(expect.arrayContaining([expect.stringContaining('3万元→5万元'), expect.stringContaining('10万元→15万元')]));
    expect(figures).toHaveLength(2);
    const draftAxe = await runAxe(page);
    expect(severe(draftAxe), describeViolations(draftAxe)).toEqual([]);
    await page.getByTestId('library-diff').scrollIntoViewIfNeeded();
    await shot(page, 'library-diff.png', page.getByTestId('library-draft'));

    // The hit test: the dev set and a typed question, live and draft side by side, changed first.
    await page.getByTestId('hit-questions').fill('博士生活补贴是多少？');
    await page.getByTestId('hit-run').click();
    await page.getByTestId('hits-changed').waitFor({ timeout: 120_000 });
    const changed = page.getByTestId('hits-changed').locator('[data-testid=hit-item]');
    expect(await changed.count()).toBeGreaterThan(0);
    const typed = changed.filter({ hasText: '博士生活补贴是多少？' }).first();
    expect(await typed.getByTestId('hit-live').innerText()).toContain('10万元');
    expect(await typed.getByTestId('hit-draft').innerText()).toContain('15万元');
    expect(await typed.getByTestId('hit-figures').innerText()).toContain('15万元');
    const hitsAxe = await runAxe(page);
    expect(severe(hitsAxe), describeViolations(hitsAxe)).toEqual([]);
    if (SHOTS) {
      // The top of the hit test: the question box, the count and the first changed answers side by side.
      await page.getByTestId('library-hits').scrollIntoViewIfNeeded();
      const box = await page.getByTestId('library-hits').boundingBox();
      const y = (box?.y ?? 0) + (await page.evaluate(() => window.scrollY));
      await page.screenshot({ path: path.join(SHOTS, 'library-hits.png'), fullPage: true, clip: { x: 0, y: Math.max(0, y - 12), width: 1440, height: 1400 } });
    }

    // A corrected short name, saved through the metadata form, is published with the text.
    await page.getByTestId('meta-shortName').fill('人才新政25条（修订）');
    await page.getByTestId('meta-save').click();
    await expect.poll(() => page.locator('#toast').innerText()).toContain('文件信息已保存');

    // Publish: the confirmation names the document and the version.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByTestId('draft-publish').click();
    await expect.poll(() => page.getByTestId('library-row-qt25').getByTestId('library-version').innerText(), { timeout: 30_000 }).toBe('第 2 版');
    expect(asked).toContain('（qt25）第 2 版');
    expect((await running.app.library.history('qt25'))[0]?.meta.shortName).toBe('人才新政25条（修订）');
    expect(await page.getByTestId('library-row-qt25').innerText()).toContain('周岚');
    expect(errors).toEqual([]);

    // The widget answers from the new version at once.
    const person = await context.newPage();
    await person.goto(`${base}/`);
    await person.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await person.locator('[data-testid=qxz-input]').fill('博士生活补贴现在是多少');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    const answer = person.locator('[data-testid=qxz-message][data-role=bot]').last();
    await expect.poll(async () => (await answer.count()) > 0 && (await answer.getAttribute('data-streaming')) !== 'true', { timeout: 30_000 }).toBe(true);
    const text = await answer.innerText();
    expect(text).toContain('15万元');
    expect(text).not.toContain('10万元');
    await person.locator('[data-testid=qxz-message][data-role=user]').last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(person, 'library-widget-new-figure.png');

    // Roll back to version 1 from the manage panel: the old figure is answered again.
    await page.getByTestId('manage-open-qt25').click();
    await page.getByTestId('manage-qt25').waitFor();
    expect(await page.getByTestId('rollback-version').inputValue()).toBe('1');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('rollback-button').click();
    await expect.poll(() => page.getByTestId('library-row-qt25').innerText(), { timeout: 30_000 }).toContain('（最新第 2 版）');
    expect(await page.getByTestId('library-row-qt25').getByTestId('library-version').innerText()).toContain('第 1 版');
    await person.reload();
    await person.locator('[data-testid=qxz-panel]').waitFor({ state: 'visible' });
    await person.locator('[data-testid=qxz-input]').fill('博士生活补贴是多少钱');
    await person.locator('[data-testid=qxz-input]').press('Enter');
    const again = person.locator('[data-testid=qxz-message][data-role=bot]').last();
    await expect.poll(async () => (await again.innerText()).includes('10万元') && (await again.getAttribute('data-streaming')) !== 'true', { timeout: 30_000 }).toBe(true);
    expect(errors).toEqual([]);
    await person.close();
    await page.close();
  });
});
