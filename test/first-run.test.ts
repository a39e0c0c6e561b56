import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../src/handoff/types.js';
import { startApp, type RunningApp } from './helpers/app-server.js';
import { readSse, type SseReader } from './helpers/web-server.js';

// The first run of a newcomer, end to end over HTTP: the officer CLI on a fresh data folder, the
// product started on it, a person's 转人工 in the widget's API, the lead's inbox, claim, reply, and
// the reply arriving live on the widget's event stream.
const ROOT = path.resolve(import.meta.dirname, '..');

function sh(command: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('first run: from npm run officer to an officer reply in the widget', () => {
  let running: RunningApp | undefined;
  const streams: SseReader[] = [];
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.cancel()));
    await running?.stop();
  });

  it('creates the lead, queues the subsidy dispute in 补贴兑现, and the lead claims and answers it live', { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-first-run-'));
    const created = await sh("printf 'a-long-password\\n' | npm run -s officer -- add zhou.lan --team 综合 --lead", { DATA_DIR: dataDir });
    expect(created.out).toContain('Created officer zhou.lan (周岚, 综合, lead)');
    expect(created.code).toBe(0);

    running = await startApp(undefined, { dataDir });
    const { base, app } = running;
    // Seeded officers have no password and nobody switched 在岗 on: nobody can be given the ticket.
    expect(await app.officers.onDutyNow(new Date().toISOString())).toEqual([]);

    const login = await fetch(`${base}/api/officer/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'zhou.lan', password: 'a-long-password' }) });
    expect(login.status).toBe(200);
    const officer = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const officerCall = (method: 'GET' | 'POST', p: string, body?: unknown, headers: Record<string, string> = {}) => fetch(`${base}/api/officer${p}`, {
      method, headers: { Cookie: officer.cookie, ...(method === 'POST' ? { 'X-CSRF-Token': officer.csrf, 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const officerEvents = readSse(await officerCall('GET', '/events'));
    streams.push(officerEvents);
    expect((await officerEvents.next())?.event).toBe('ready');

    // The person, through the widget's API, with the widget's live stream open.
    const conv = (await (await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { id: string; token: string };
    const auth = { Authorization: `Bearer ${conv.token}` };
    const widgetEvents = readSse(await fetch(`${base}/api/conversations/${conv.id}/events`, { headers: { ...auth, Accept: 'text/event-stream' } }));
    streams.push(widgetEvents);
    const asked = await fetch(`${base}/api/conversations/${conv.id}/messages`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '我的生活补贴申请被退回了，转人工' }) });
    expect(asked.status).toBe(200);
    const answer = (await asked.json()) as { message: { handoff?: { ticketNo: number } } };
    const no = answer.message.handoff?.ticketNo ?? 0;
    expect(no).toBeGreaterThan(0);

    const ticket = (await app.tickets.get(no))?.ticket;
    expect(ticket).toMatchObject({ team: '补贴兑现', state: 'queued' });
    expect(ticket?.assignee).toBeUndefined();
    // The lead hears that it waits with nobody on duty, and finds it in the default inbox.
    let alert: { type: string; ticketNo: number } | undefined;
    for (let i = 0; i < 4 && !alert; i++) {
      const ev = await officerEvents.next();
      if (ev?.event === 'alert') alert = JSON.parse(ev.data) as { type: string; ticketNo: number };
    }
    expect(alert).toMatchObject({ type: 'unstaffed', ticketNo: no });
    const inbox = (await (await officerCall('GET', '/tickets')).json()) as { tickets: Ticket[] };
    expect(inbox.tickets.map((t) => t.no)).toContain(no);

    expect((await officerCall('POST', `/tickets/${no}/claim`, {})).status).toBe(200);
    const replied = await officerCall('POST', `/tickets/${no}/reply`, { text: '您好，我是周岚。退回原因是社保记录不满6个月，补齐后可重新申请。' }, { 'Idempotency-Key': 'first-run-reply-0001' });
    expect(replied.status).toBe(200);

    let live: { role: string; text: string } | undefined;
    for (let i = 0; i < 6 && !live; i++) {
      const ev = await widgetEvents.next(10_000);
      const m = ev?.event === 'message' ? (JSON.parse(ev.data) as { role: string; text: string }) : undefined;
      if (m?.role === 'officer') live = m;
    }
    expect(live?.text).toContain('退回原因是社保记录不满6个月');

    const detail = (await (await officerCall('GET', `/tickets/${no}`)).json()) as { events: TicketEvent[] };
    expect(detail.events.map((e) => [e.actor, e.type]).filter(([, t]) => t !== 'delivered')).toEqual([
      ['bot', 'created'], ['officer:zhou.lan', 'claimed'], ['officer:zhou.lan', 'replied'],
    ]);
    expect(detail.events.some((e) => e.type === 'delivered')).toBe(true);
  });
});
