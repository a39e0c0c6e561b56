import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../../../helpers/browser.js';

// The sanitized Markdown path and its decorations (verdict marks, citation links) in Chromium:
// the modules are bundled as they are for the widget and the console, then driven on a blank page.
const WIDGET_DIR = fileURLToPath(new URL('../../../../src/channels/web/widget/', import.meta.url));

const ENTRY = `
import { renderMarkdown } from './render-markdown.ts';
import { linkCitations } from './citation-links.ts';
import { EN_MARKDOWN_LABELS } from './markdown-decorate.ts';
window.__md = { renderMarkdown, linkCitations, EN_MARKDOWN_LABELS };
`;

describe.skipIf(!browserAvailable())('Markdown decorations and citation links in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { build } = await import('esbuild');
    const out = await build({ stdin: { contents: ENTRY, resolveDir: WIDGET_DIR, loader: 'ts' }, bundle: true, format: 'iife', write: false, logLevel: 'silent' });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: out.outputFiles[0]!.text });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Renders `markdown` with cards for `keys` into #root and returns the bubble's HTML. */
  const render = (markdown: string, keys: string[], lang: 'zh' | 'en' = 'zh'): Promise<string> =>
    page.evaluate(({ markdown, keys, lang }) => {
      const md = (window as unknown as { __md: any }).__md;
      const root = document.getElementById('root')!;
      const bubble = document.createElement('div');
      bubble.append(md.renderMarkdown(markdown, document, lang === 'en' ? md.EN_MARKDOWN_LABELS : undefined));
      const cards = keys.map((key) => {
        const d = document.createElement('details');
        d.className = 'source';
        d.setAttribute('data-key', key);
        d.innerHTML = '<summary>card</summary><p>quote</p>';
        return d;
      });
      root.replaceChildren(bubble, ...cards);
      const citations = keys.map((key) => ({ key, title: `T-${key}`, article: '第五条', quote: '', status: 'current' }));
      md.linkCitations(bubble, citations, lang, (k: string) => cards.find((c) => c.getAttribute('data-key') === k));
      return bubble.innerHTML;
    }, { markdown, keys, lang });

  it('turns a cited key into a numbered link that opens and highlights its card; an unknown key stays text', async () => {
    const html = await render('硕士 **3万元**。[qt25-5] 旧政策见 [qt21-5]，另见 [zz99-1]。`[qt25-5]`', ['qt21-5', 'qt25-5']);
    const links = page.locator('#root [data-testid=qxz-cite]');
    expect(await links.allTextContents()).toEqual(['[2]', '[1]']);
    expect(await links.first().getAttribute('aria-label')).toBe('来源 2：T-qt25-5 第五条');
    // No card for zz99-1, and code is verbatim.
    expect(html).toContain('另见 [zz99-1]。');
    expect(await page.locator('#root code').textContent()).toBe('[qt25-5]');
    await links.first().click();
    const card = page.locator('#root details[data-key="qt25-5"]');
    expect(await card.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await card.getAttribute('class')).toContain('source-highlight');
    expect(await page.locator('#root details[data-key="qt21-5"]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it('links each key of a bracketed list and matches keys by a strict pattern only', async () => {
    await render('对比 [qt25-5, qt21-5]；[qt25-5"><img src=x onerror=alert(1)>] [QT25-5] [qt25-5 ]', ['qt25-5', 'qt21-5']);
    expect(await page.locator('#root [data-testid=qxz-cite]').allTextContents()).toEqual(['[1]', '[2]']);
    expect(await page.locator('#root img').count()).toBe(0);
  });

  it('draws verdict marks named in words, names an empty table header and makes scrollers focusable', async () => {
    const html = await render('✅ 符合条件\n\n❌ 不符合\n\n⚠️ 注意\n\n| | 现行 |\n|---|---|\n| 规定 | x |\n\n```\ncode ✅\n```', []);
    expect(html.replace(/<pre[\s\S]*<\/pre>/u, '')).not.toMatch(/\u2705|\u274C|\u26A0/u);
    expect(await page.locator('#root .md-mark').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['符合', '不符合', '注意']);
    expect(await page.locator('#root th').first().textContent()).toBe('项目');
    expect(await page.locator('#root table').getAttribute('tabindex')).toBe('0');
    expect(await page.locator('#root pre').getAttribute('tabindex')).toBe('0');
    expect(await page.locator('#root pre code').textContent()).toContain('✅');
    await render('✅ ok', [], 'en');
    expect(await page.locator('#root .md-mark').getAttribute('aria-label')).toBe('Eligible');
  });
});
