import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSentence, figureDifference, pairSentences } from '../../../src/channels/web/console/views/text-diff.js';
import { describeViolations, runAxe, severe } from '../../helpers/axe.js';
import { browserAvailable, launchBrowser } from '../../helpers/browser.js';
import { PASSWORD, startOfficerEnv, type OfficerEnv } from './officer/officer-env.js';

// The 政策库 page of the console in Chromium. The officer API's library routes answer from the
// fixtures below (their shapes are the pinned API), so this test is about the page: what a lead and
// an officer see, that server text stays text, the confirmation, keyboard use and axe.
// test/e2e/library.e2e.test.ts runs the same page against the real library end to end.
const SHOTS = process.env['SCREENSHOTS_DIR'];
const EVIL = '<img src=x onerror="window.__pwned=1">';

describe('sentence highlighting', () => {
  it('marks whole numbers, not single digits, and nothing between two changes', () => {
    const d = diffSentence('硕士3万元、博士10万元。', '硕士5万元、博士15万元，另加1千元。');
    expect(d.before.filter((s) => s.changed).map((s) => s.text)).toEqual(['3', '10']);
    expect(d.after.filter((s) => s.changed).map((s) => s.text)).toEqual(['5', '15', '，另加1千元']);
    expect(d.after.map((s) => s.text).join('')).toBe('硕士5万元、博士15万元，另加1千元。');
  });

  it('lists the figures one answer has and the other lacks', () => {
    expect(figureDifference('博士10万元，硕士3万元，社保满6个月。', '博士15万元，硕士3万元，社保满 6 个月。')).toEqual({ before: ['10万元'], after: ['15万元'] });
    expect(figureDifference('同样的回答', '同样的回答。')).toEqual({ before: [], after: [] });
  });

  it('pairs a removed sentence with the added one it resembles, and leaves the rest alone', () => {
    expect(pairSentences(['本科1万元、硕士3万元。', '旧规定作废。'], ['新增一句说明。', '本科1万元、硕士5万元。'])).toEqual([
      { before: '本科1万元、硕士3万元。', after: '本科1万元、硕士5万元。' },
      { before: '旧规定作废。' },
      { after: '新增一句说明。' },
    ]);
  });
});

const documents = (version: number) => [
  { id: 'qt25', title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', kind: 'policy', status: 'current', version, latestVersion: version, effective: '2022-10-01', expires: '2027-09-30', supersededBy: null, articles: 25, publishedBy: version > 1 ? 'officer:lead' : 'seed', publishedAt: '2025-06-10T02:00:00.000Z' },
  { id: 'qt21', title: `钱塘区人才新政21条 ${EVIL}`, kind: 'policy', status: 'superseded', version: 1, latestVersion: 1, effective: '2019-01-01', expires: null, supersededBy: 'qt25', articles: 21, publishedBy: 'seed', publishedAt: '2025-06-01T02:00:00.000Z' },
  { id: 'g01', title: '青年大学生生活补贴申领指南', kind: 'guide', status: 'current', version: 1, latestVersion: 1, effective: '2023-01-01', expires: null, supersededBy: null, articles: 6, publishedBy: 'seed', publishedAt: '2025-06-01T02:00:00.000Z' },
];
const draft = {
  id: 'd1', documentId: 'qt25', baseVersion: 1,
  meta: { id: 'qt25', title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', shortName: '人才新政25条', kind: 'policy', status: 'current', effective: '2022-10-01', expires: '2027-09-30' },
  chunks: [{ key: 'qt25-0', heading: '总则' }, ...Array.from({ length: 25 }, (_, i) => ({ key: `qt25-${i + 1}`, heading: `第${i + 1}条 ${EVIL}` }))],
  warnings: [{ code: 'figure_without_unit', key: 'qt25-9', message: `第九条 中的数字“5”没有单位 ${EVIL}` }],
};
const diff = {
  articles: [
    { key: 'qt25-5', heading: '第五条 青年大学生生活补贴', change: 'changed', figures: [{ label: '硕士', before: '3万元', after: '5万元' }, { label: '博士', before: '10万元', after: '15万元' }],
      removedSentences: ['对新引进且毕业5年内的青年大学生，在区内缴纳社会保险满6个月的，按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。'],
      addedSentences: ['对新引进且毕业5年内的青年大学生，在区内缴纳社会保险满6个月的，按学历给予一次性生活补贴：本科1万元、硕士5万元、博士15万元。'] },
    { key: 'qt25-26', heading: `第二十六条 附则 ${EVIL}`, change: 'added', figures: [], removedSentences: [], addedSentences: ['本政策由区人才办负责解释。'] },
  ],
  impact: {
    rules: [{ ruleId: 'living-allowance', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: 'cites_changed' }, { ruleId: 'living-allowance', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: 'figure_mismatch', figures: ['3万元', '10万元'] }],
    curated: [{ id: 'c3', question: '博士生活补贴多少？', keys: ['qt25-5'] }],
  },
};
const hits = (typed: string[]) => ({
  items: [
    { question: '本科生活补贴多少？', live: { answer: '本科 **1万元**。', citations: [{ key: 'qt25-5' }] }, draft: { answer: '本科 **1万元**。', citations: [{ key: 'qt25-5' }] }, changed: false },
    { question: '博士生活补贴多少？', live: { answer: '博士一次性生活补贴 **10万元**。', citations: [{ key: 'qt25-5' }] }, draft: { answer: '博士一次性生活补贴 **15万元**。', citations: [{ key: 'qt25-5' }] }, changed: true },
    ...typed.map((q) => ({ question: q, live: { answer: `硕士 3万元 ${EVIL}`, citations: ['qt25-5'] }, draft: { answer: '硕士 5万元', citations: ['qt25-5', 'qt25-26'] }, changed: true })),
  ],
});

/** Answers the library routes from the fixtures; records what the page sent. */
async function fakeLibrary(page: Page): Promise<{ sent: { method: string; url: string; csrf?: string; body?: string }[] }> {
  let version = 1;
  const sent: { method: string; url: string; csrf?: string; body?: string }[] = [];
  await page.route('**/api/officer/library**', async (route: Route) => {
    const req = route.request();
    const url = new URL(req.url());
    sent.push({ method: req.method(), url: url.pathname + url.search, csrf: req.headers()['x-csrf-token'], body: req.postData() ?? undefined });
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (url.pathname === '/api/officer/library') return json(200, { documents: documents(version) });
    if (url.pathname === '/api/officer/library/drafts') return req.method() === 'POST' ? json(201, { draft }) : json(200, { drafts: version === 1 ? [{ ...draft, fileName: 'qt25-v2.md', createdBy: 'officer:lead', createdAt: '2025-06-10T02:30:00.000Z' }] : [] });
    if (url.pathname === '/api/officer/library/drafts/d1') return json(200, { draft });
    if (url.pathname.endsWith('/diff')) return json(200, { articles: diff.articles });
    if (url.pathname.endsWith('/impact')) return json(200, { articles: diff.articles, ...diff.impact });
    if (url.pathname === '/api/officer/library/rules') {
      return json(200, { rules: [
        { id: 'living-allowance', benefit: '青年大学生生活补贴', key: 'qt25-5', article: '第五条 青年大学生生活补贴', flags: [] },
        { id: 'old-rule', benefit: `旧补贴 ${EVIL}`, key: 'qt25-40', article: null, flags: [{ key: 'qt25-40', reason: 'article_missing' }] },
      ] });
    }
    if (url.pathname === '/api/officer/library/documents/qt25') {
      return json(200, { document: documents(version)[0], versions: [2, 1].slice(2 - version).map((v) => ({ version: v, publishedBy: v === 2 ? 'officer:lead' : 'seed', publishedAt: '2025-06-10T02:00:00.000Z' })) });
    }
    if (url.pathname.endsWith('/hits')) return json(200, hits(url.searchParams.getAll('q')));
    if (url.pathname.endsWith('/meta')) return json(200, { draft: { ...draft, meta: { ...draft.meta, ...(JSON.parse(req.postData() ?? '{}') as object) } } });
    if (url.pathname.endsWith('/publish')) {
      version = 2;
      return json(200, { documentId: 'qt25', version: 2 });
    }
    if (url.pathname.endsWith('/rollback')) {
      version = 1;
      return json(200, { documentId: 'qt25', version: 1 });
    }
    return json(404, { error: { code: 'not_found', message: 'no' } });
  });
  return { sent };
}

describe.skipIf(!browserAvailable())('console 政策库 page', () => {
  let env: OfficerEnv;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    env = await startOfficerEnv({ console: true });
    browser = await launchBrowser();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await env?.close();
  });

  async function openLibrary(login: string): Promise<{ page: Page; sent: Awaited<ReturnType<typeof fakeLibrary>>['sent']; errors: string[] }> {
    // A context per officer (a session cookie each); axe is injected as an inline script, which the CSP forbids.
    const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { sent } = await fakeLibrary(page);
    await page.goto(`${env.origin}/console`);
    await page.getByTestId('login-name').fill(login);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('who').waitFor();
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-table').waitFor();
    return { page, sent, errors };
  }

  it('lets a lead upload a new version, read the diff and the hit test, and publish after a confirmation naming it', { timeout: 60_000 }, async () => {
    const { page, sent, errors } = await openLibrary('lead');
    expect(await page.getByTestId('library-row-qt25').innerText()).toContain('第 1 版');
    expect(await page.getByTestId('library-row-qt21').innerText()).toContain('已被替代');
    // The rules: the flagged one first, with why.
    expect(await page.getByTestId('library-rules').getAttribute('open')).toBe('');
    expect(await page.getByTestId('rule-old-rule').innerText()).toContain('引用的条款不存在');
    // Server text is text: the title with markup shows as typed and runs nothing.
    expect(await page.getByTestId('library-row-qt21').innerText()).toContain(EVIL);
    expect(await page.getByTestId('library').locator('img').count()).toBe(0);

    await page.getByTestId('upload-target').selectOption('qt25');
    await page.getByTestId('upload-file').setInputFiles({ name: 'qt25-v2.md', mimeType: 'text/markdown', buffer: Buffer.from('# 新版本\n') });
    await page.getByTestId('upload-button').click();
    await page.getByTestId('library-draft').waitFor();
    const upload = sent.find((s) => s.method === 'POST' && s.url === '/api/officer/library/drafts');
    expect(upload?.csrf).toBeTruthy();
    expect(upload?.body).toContain('name="documentId"');
    expect(upload?.body).toContain('qt25-v2.md');
    expect(await page.getByTestId('meta-title').inputValue()).toBe(draft.meta.title);
    expect(await page.getByTestId('draft-chunks').locator('tbody tr').count()).toBe(26);
    expect(await page.getByTestId('draft-warnings').innerText()).toContain('没有单位');

    await page.getByTestId('diff-qt25-5').waitFor();
    expect(await page.getByTestId('diff-summary').innerText()).toBe('修改 1 条 · 新增 1 条 · 删除 0 条 · 数字变化 2 处');
    expect(await page.getByTestId('figures-qt25-5').locator('[data-testid=figure-change]').allInnerTexts()).toEqual(['硕士 3万元 → 5万元', '博士 10万元 → 15万元']);
    expect(await page.getByTestId('diff-qt25-5').locator('ins mark').allInnerTexts()).toEqual(['5', '15']);
    expect(await page.getByTestId('diff-qt25-5').locator('del mark').allInnerTexts()).toEqual(['3', '10']);
    expect(await page.getByTestId('impact-rules').innerText()).toContain('金额与条款文字不符：3万元、10万元');
    expect(await page.getByTestId('impact-curated').innerText()).toContain('博士生活补贴多少？');
    if (SHOTS) await page.getByTestId('library-draft').screenshot({ path: path.join(SHOTS, 'library-diff-fixture.png') });

    await page.getByTestId('hit-questions').fill('硕士生活补贴多少？\n');
    await page.getByTestId('hit-run').click();
    await page.getByTestId('hits-changed').waitFor();
    expect(sent.some((s) => s.url.includes('/hits?q=%E7%A1%95'))).toBe(true);
    expect(await page.getByTestId('hit-status').innerText()).toBe('共 3 个问题，其中 2 个答案有变化。');
    const changed = page.getByTestId('hits-changed').locator('[data-testid=hit-item]');
    expect(await changed.count()).toBe(2);
    expect(await changed.first().getByTestId('hit-draft').innerText()).toContain('15万元');
    expect(await changed.first().getByTestId('hit-live').innerText()).toContain('10万元');
    expect(await changed.first().getByTestId('hit-figures').innerText()).toBe('数字变化：10万元 → 15万元');
    expect(await changed.nth(1).getByTestId('hit-live').innerText()).toContain(EVIL);
    if (SHOTS) {
      await page.getByTestId('library-hits').screenshot({ path: path.join(SHOTS, 'library-hits-fixture.png') });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, 'library-list-fixture.png') });
    }

    // Keyboard: axe finds nothing serious on the whole page with the draft open.
    const violations = await runAxe(page);
    expect(severe(violations), describeViolations(violations)).toEqual([]);

    // A corrected short name is saved before the publish: only what changed is sent.
    await page.getByTestId('meta-shortName').fill('人才新政25条（修订）');
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.getByTestId('draft-publish').click();
    await expect.poll(() => page.getByTestId('library-row-qt25').getByTestId('library-version').innerText()).toBe('第 2 版');
    expect(dialogs[0]).toContain('「杭州市钱塘区关于进一步加快人才集聚发展的若干政策」（qt25）第 2 版');
    const writes = sent.filter((s) => s.method === 'POST').map((s) => s.url);
    expect(writes.slice(-2)).toEqual(['/api/officer/library/drafts/d1/meta', '/api/officer/library/drafts/d1/publish']);
    const meta = sent.find((s) => s.url.endsWith('/meta'));
    expect(meta?.csrf).toBeTruthy();
    expect(JSON.parse(meta?.body ?? '{}')).toEqual({ shortName: '人才新政25条（修订）' });
    expect(sent.find((s) => s.url.endsWith('/publish'))?.csrf).toBeTruthy();
    expect(await page.getByTestId('library-draft').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses to publish invalid metadata and rolls back to an earlier version after a confirmation', { timeout: 60_000 }, async () => {
    const { page, sent } = await openLibrary('lead');
    // A refused file is explained in words, not as a ticket error.
    await page.route('**/api/officer/library/drafts', (route) => route.fulfill({ status: 415, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unsupported_media_type', message: 'The content of a.pdf is not a PDF file' } }) }), { times: 1 });
    await page.getByTestId('upload-file').setInputFiles({ name: 'a.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByTestId('upload-button').click();
    await expect.poll(() => page.locator('#toast').innerText()).toContain('文件类型不支持');
    expect(await page.getByTestId('library-draft').count()).toBe(0);
    await page.getByTestId('upload-file').setInputFiles({ name: 'qt25.md', mimeType: 'text/markdown', buffer: Buffer.from('x') });
    await page.getByTestId('upload-button').click();
    await page.getByTestId('meta-title').fill('');
    await page.getByTestId('meta-expires').fill('2020-01-01');
    await page.getByTestId('draft-publish').click();
    expect(await page.getByTestId('meta-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('draft-meta').innerText()).toContain('失效日期应晚于生效日期。');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('meta-title');
    expect(sent.some((s) => s.url.endsWith('/publish'))).toBe(false);
    await page.getByTestId('draft-close').click();

    // A published version 2 (by the fixture), then back to 1 from the manage panel, by keyboard.
    sent.length = 0;
    await page.route('**/api/officer/library', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ documents: documents(2) }) }), { times: 1 });
    await page.getByTestId('nav-library').click();
    await page.getByTestId('manage-open-qt25').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('manage-qt25').waitFor();
    expect(await page.getByTestId('rollback-version').inputValue()).toBe('1');
    expect(await page.getByTestId('rollback-version').innerText()).toContain('第 1 版 · 6月10日 10:00 · 初始导入');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByTestId('rollback-button').click();
    await expect.poll(() => sent.find((s) => s.url.endsWith('/rollback'))?.body).toBe('{"version":1}');
    expect(asked).toContain('（qt25）回滚到第 1 版');
    await page.close();
  });

  it('shows an ordinary officer the library and lets them run the hit test of a draft, without upload, publish or manage controls', { timeout: 60_000 }, async () => {
    const { page, sent } = await openLibrary('ana');
    expect(await page.getByTestId('library-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('library-upload').count()).toBe(0);
    expect(await page.locator('[data-testid^=manage-open]').count()).toBe(0);
    expect(await page.getByTestId('library-drafts').innerText()).toContain('李组长 上传于 6月10日 10:30');
    await page.getByTestId('draft-open-d1').click();
    await page.getByTestId('library-draft').waitFor();
    expect(await page.getByTestId('draft-publish').count()).toBe(0);
    expect(await page.getByTestId('meta-title').isDisabled()).toBe(true);
    // Only the typed question, without the dev set.
    await page.getByTestId('hit-devset').uncheck();
    await page.getByTestId('hit-run').click();
    expect(await page.locator('#toast').innerText()).toContain('请输入要测试的问题');
    await page.getByTestId('hit-questions').fill('硕士生活补贴多少？');
    await page.getByTestId('hit-run').click();
    await page.getByTestId('hits-changed').waitFor();
    expect(sent.find((s) => s.url.includes('/hits'))?.url).toMatch(/[?&]eval=0(&|$)/u);
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    const violations = await runAxe(page);
    expect(severe(violations), describeViolations(violations)).toEqual([]);
    await page.close();
  });
});
