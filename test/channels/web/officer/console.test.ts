import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../../../src/channels/web/console/build-console.js';
import { renderConsolePage } from '../../../../src/channels/web/console/console-page.js';
import { formatDuration, isOverdue, slaClocks } from '../../../../src/channels/web/console/sla.js';
import { PASSWORD, startOfficerEnv, T0, type OfficerEnv } from './officer-env.js';

const CONSOLE_DIR = fileURLToPath(new URL('../../../../src/channels/web/console/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

describe('SLA countdowns', () => {
  const ticket = { state: 'assigned', firstResponseDue: new Date(T0 + 65 * 60_000).toISOString(), resolutionDue: new Date(T0 + 26 * 3600_000).toISOString() };

  it('counts down to the first response and to resolution', () => {
    expect(slaClocks(ticket, T0)).toEqual([
      { label: '首次响应', text: '剩 1小时05分', overdue: false, leftMs: 65 * 60_000 },
      { label: '办结', text: '剩 1天2小时', overdue: false, leftMs: 26 * 3600_000 },
    ]);
    expect(isOverdue(ticket, T0)).toBe(false);
  });

  it('turns overdue past due, drops the first-response clock once answered and stops when resolved', () => {
    const late = slaClocks(ticket, T0 + 77 * 60_000);
    expect(late[0]).toMatchObject({ text: '超时 12分', overdue: true });
    expect(isOverdue(ticket, T0 + 77 * 60_000)).toBe(true);
    expect(slaClocks({ ...ticket, firstRespondedAt: new Date(T0).toISOString() }, T0).map((c) => c.label)).toEqual(['办结']);
    expect(slaClocks({ ...ticket, state: 'resolved' }, T0)).toEqual([]);
    expect(formatDuration(59_999)).toBe('0分');
  });
});

describe('console page and bundle', () => {
  it('is a shell without inline scripts that loads /console.js', () => {
    const html = renderConsolePage();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/giu)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.[1]).toContain('src="/console.js"');
    expect(scripts[0]?.[2]).toBe('');
    expect(html).not.toMatch(/\son[a-z]+=/iu);
    expect(html).toContain('data-testid="alert-counter"');
    expect(html).toContain('lang="zh-CN"');
  });

  it('bundles to ASCII-only JavaScript', async () => {
    const code = await buildConsole();
    expect(code.length).toBeGreaterThan(5_000);
    expect(code).not.toMatch(/[^\x00-\x7f]/u);
    expect(await buildConsole()).toBe(code);
  });

  it('never sets HTML from strings in the console sources', async () => {
    const files = (await readdir(CONSOLE_DIR, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = await readFile(path.join(CONSOLE_DIR, f), 'utf8');
      expect(src, f).not.toMatch(/\.innerHTML|outerHTML|insertAdjacentHTML|document\.write/u);
    }
  });
});

describe.skipIf(!existsSync(CHROMIUM))('console in a browser', () => {
  let browser: Browser;
  let env: OfficerEnv;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.close();
    await env?.close();
  });

  async function open(): Promise<Page> {
    env = await startOfficerEnv({ console: true });
    page = await browser.newPage();
    page.setDefaultTimeout(5_000);
    problems.length = 0;
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[134]/u.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${env.origin}/console`);
    return page;
  }

  async function logIn(p: Page, login: string): Promise<void> {
    await p.getByTestId('login-name').fill(login);
    await p.getByTestId('login-password').fill(PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('who').waitFor();
  }

  it('logs in, works a ticket end to end and hears of new tickets live', { timeout: 60_000 }, async () => {
    const first = await (async () => {
      const p = await open();
      const no = await env.openTicket(['qt25-5'], '<img src=x onerror="window.pwned=1">硕士补贴怎么领？');
      await p.getByTestId('login-name').fill('ana');
      await p.getByTestId('login-password').fill('wrong password');
      await p.getByTestId('login-submit').click();
      await expect.poll(() => p.getByTestId('login-error').textContent(), { timeout: 10_000 }).toContain('登录名或密码错误');
      await logIn(p, 'ana');
      // The wrong password just now is reported after the login.
      expect(await p.getByTestId('failed-logins-notice').textContent()).toContain('有 1 次密码错误的登录尝试');
      return no;
    })();
    const p = page;
    const row = p.getByTestId(`ticket-row-${first}`);
    await row.waitFor();
    // Data is text, never markup.
    expect(await row.textContent()).toContain('<img src=x');
    expect(await p.locator('img').count()).toBe(0);
    expect(await row.locator('.sla').first().textContent()).toMatch(/^首次响应 剩 /u);

    await row.click();
    await p.getByTestId('ticket-summary').waitFor();
    expect(await p.getByTestId('ticket-state').textContent()).toBe('待认领');
    await p.getByTestId('claim-button').click();
    await expect.poll(() => p.getByTestId('ticket-state').textContent()).toBe('处理中');

    await p.getByTestId('reply-text').fill('您好，硕士每年补贴 3 万元。');
    await p.getByTestId('reply-button').click();
    await expect.poll(() => p.getByTestId('ticket-state').textContent()).toBe('等待对方回复');
    expect(await env.db.all('SELECT role, text FROM outbox WHERE ticket_no = ?', [first])).toEqual([{ role: 'officer', text: '您好，硕士每年补贴 3 万元。' }]);
    expect(await p.getByTestId('reply-text').inputValue()).toBe('');

    await p.getByTestId('note-text').fill('需核对社保');
    await p.getByTestId('note-button').click();
    const note = p.locator('.event.note');
    await note.waitFor();
    expect(await note.textContent()).toContain('内部备注（不会发送给对方）');
    expect(await note.textContent()).toContain('需核对社保');
    expect(await env.db.get('SELECT COUNT(*) AS n FROM outbox')).toEqual({ n: 1 });

    // A new ticket for ana's team: counter, title and a new row, without reloading.
    expect(await p.getByTestId('alert-counter').isHidden()).toBe(true);
    const second = await env.openTicket(['qt25-4'], '租房补贴');
    await expect.poll(() => p.title()).toMatch(/^\(1\) 新工单/u);
    expect(await p.getByTestId('alert-counter').textContent()).toBe('1 张新工单');
    await p.getByTestId(`ticket-row-${second}`).waitFor();
    await p.getByTestId('alert-counter').click();
    await expect.poll(() => p.title()).not.toMatch(/新工单/u);

    await p.getByTestId('transfer-team').selectOption('人才认定');
    await p.getByTestId('transfer-button').click();
    await p.getByTestId('ticket-gone').waitFor();
    expect((await env.tickets.get(first))?.ticket).toMatchObject({ team: '人才认定', state: 'queued' });
    await expect.poll(() => p.getByTestId(`ticket-row-${first}`).count()).toBe(0);

    await p.getByTestId('nav-dashboard').click();
    await p.getByTestId('dashboard').waitFor();
    expect(await p.getByTestId('team-补贴兑现').textContent()).toContain('1');

    await p.getByTestId('logout-button').click();
    await p.getByTestId('login-form').waitFor();
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('lets a lead approve a proposed standard answer and resumes a session after a reload', { timeout: 60_000 }, async () => {
    const p = await open();
    const no = await env.openTicket();
    await logIn(p, 'ana');
    await p.getByTestId(`ticket-row-${no}`).click();
    await p.getByTestId('curate-open').click();
    expect(await p.getByTestId('curate-question').inputValue()).toBe('硕士生活补贴怎么领？');
    await p.getByTestId('curate-answer').fill('硕士每年 3 万元。');
    await p.getByTestId('curate-keys').fill('qt25-5，g02-3');
    await p.getByTestId('curate-button').click();
    await expect.poll(() => env.db.get('SELECT COUNT(*) AS n FROM curated_proposals')).toEqual({ n: 1 });
    await p.reload();
    await p.getByTestId('who').waitFor();
    expect(await p.getByTestId('nav-curated').count()).toBe(0);
    await p.getByTestId('logout-button').click();
    await logIn(p, 'lead');
    await p.getByTestId('tab-all').click();
    await p.getByTestId(`ticket-row-${no}`).waitFor();
    await p.getByTestId('nav-curated').click();
    // The proposer by name (ana is 安娜), not by login.
    await expect.poll(() => p.locator('.proposal .meta').first().textContent()).toContain('安娜 提交于');
    await p.getByTestId('approve-1').click();
    await expect.poll(() => env.approved).toEqual([{ question: '硕士生活补贴怎么领？', answer: '硕士每年 3 万元。', keys: ['qt25-5', 'g02-3'], lang: 'zh' }]);
    expect(problems).toEqual([]);
  });

  it('renders the bot Markdown safely, names officers, keeps the reply box in view and sends with Ctrl+Enter', { timeout: 60_000 }, async () => {
    const p = await open();
    const no = await env.openTicket();
    const conv = (await env.tickets.get(no))!.ticket.conversationId;
    const answer = ['✅ **青年大学生生活补贴**：硕士 **3万元**。[qt25-5]', '', '| | 现行 | 原政策 |', '|---|---|---|', '| 硕士 | 3万元 | 3万元 |', '', '- 注意：只能享受一次', '', '<img src=x onerror="window.pwned=1">'].join('\n');
    // A long conversation: the reply box must not sit below it.
    for (let i = 0; i < 12; i += 1) {
      await env.store.appendMessage(conv, { role: 'user', text: `第${i}个问题`, citations: [] });
      await env.store.appendMessage(conv, { role: 'bot', text: answer, citations: [] });
    }
    await env.tickets.claim(no, (await env.officers.get('bo'))!);
    await logIn(p, 'lead');
    await p.getByTestId('tab-all').click();
    await p.getByTestId(`ticket-row-${no}`).waitFor();
    // The assignee by name, not login.
    await expect.poll(() => p.getByTestId(`ticket-row-${no}`).textContent()).toContain('博文');
    await p.getByTestId(`ticket-row-${no}`).click();
    const md = p.getByTestId('transcript-md').first();
    await md.waitFor();
    expect(await md.locator('table th').count()).toBe(3);
    expect(await md.locator('strong').first().textContent()).toBe('青年大学生生活补贴');
    expect(await md.locator('li').first().textContent()).toBe('注意：只能享受一次');
    expect(await md.textContent()).not.toMatch(/\*\*|\|/u);
    // The verdict emoji is a drawn mark named in words; the raw tag is text, never an element.
    expect(await md.locator('.md-mark-yes').getAttribute('aria-label')).toBe('符合');
    expect(await md.textContent()).not.toContain('✅');
    expect(await md.locator('img').count()).toBe(0);
    expect(await p.getByTestId('ticket-head').textContent()).toContain('负责人：博文');
    expect(await p.getByTestId('ticket-events').textContent()).toContain('专员 博文');
    expect(await p.getByTestId('ticket-events').textContent()).not.toMatch(/专员 bo\b/u);

    // The reply box is on screen without scrolling past the transcript, with its shortcut shown.
    const viewport = p.viewportSize()!;
    const box = await p.getByTestId('reply-text').boundingBox();
    expect(box && box.y + box.height <= viewport.height && box.y >= 0).toBe(true);
    expect(await p.getByTestId('reply-hint').textContent()).toMatch(/(Ctrl|⌘)\+Enter 发送/u);
    // A lead may reply on a ticket assigned to someone else only by claiming; here: bo's, so log in as bo.
    await p.getByTestId('logout-button').click();
    await logIn(p, 'bo');
    await p.getByTestId(`ticket-row-${no}`).click();
    await p.getByTestId('reply-text').fill('您好，已核对。');
    await p.getByTestId('reply-text').press('Control+Enter');
    await expect.poll(() => env.db.all('SELECT text FROM outbox WHERE ticket_no = ?', [no])).toEqual([{ text: '您好，已核对。' }]);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
