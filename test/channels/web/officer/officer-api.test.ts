import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCookies } from '../../../../src/channels/web/officer/officer-auth.js';
import type { Team, Ticket, TicketEvent } from '../../../../src/handoff/types.js';
import type { ThreadMessage } from '../../../../src/storage/chat-store.js';
import { STORE_BACKENDS } from '../../../helpers/store-backends.js';
import { readSse } from '../../../helpers/web-server.js';
import { MIN, PASSWORD, startOfficerEnv, T0, type OfficerEnv } from './officer-env.js';

// The officer API over real HTTP on port 0, over a real store (SQLite, then PostgreSQL) and ticket service.

describe.each(STORE_BACKENDS)('officer API on $name', ({ name, skip }) => {
let env: OfficerEnv;
let started: OfficerEnv | undefined;
beforeEach(async ({ skip: skipTest }) => {
  if (skip) return skipTest();
  env = started = await startOfficerEnv({ store: name });
});
afterEach(async () => {
  await started?.close();
  started = undefined;
});

interface Session {
  cookie: string;
  csrf: string;
}

interface ErrorBody {
  error: { code: string; message: string };
}

function loginRaw(login: string, password: string): Promise<Response> {
  return fetch(`${env.base}/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
}

async function login(name: string): Promise<Session> {
  const res = await loginRaw(name, PASSWORD);
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

function call(s: Session | undefined, method: 'GET' | 'POST', p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${env.base}${p}`, {
    method,
    headers: {
      ...(s ? { Cookie: s.cookie } : {}),
      ...(s && method === 'POST' ? { 'X-CSRF-Token': s.csrf } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function expectError(res: Response, status: number, code?: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  return body;
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const openTicket = (keys?: string[], question?: string): Promise<number> => env.openTicket(keys, question);

const outbox = async (no: number): Promise<{ role: string; text: string }[]> =>
  (await env.db.all('SELECT role, text FROM outbox WHERE ticket_no = ? ORDER BY created_at', [no])) as { role: string; text: string }[];
const auditActions = async (): Promise<string[]> => ((await env.db.all('SELECT action FROM audit_log ORDER BY id')) as { action: string }[]).map((r) => r.action);

describe('authentication', () => {
  const ROUTES: ['GET' | 'POST', string][] = [
    ['POST', '/logout'], ['GET', '/me'], ['GET', '/tickets'], ['GET', '/tickets/1'], ['POST', '/tickets/1/claim'], ['POST', '/tickets/1/reply'],
    ['POST', '/tickets/1/note'], ['POST', '/tickets/1/transfer'], ['POST', '/tickets/1/resolve'], ['POST', '/tickets/1/priority'],
    ['POST', '/tickets/1/curate'], ['GET', '/curated'], ['POST', '/curated/1/approve'], ['POST', '/curated/1/reject'], ['GET', '/dashboard'],
    ['GET', '/events'], ['POST', '/duty'], ['GET', '/no-such-route'],
  ];

  it('refuses every route but login without a session (401), also with a forged or expired cookie', async () => {
    const no = await openTicket();
    expect(no).toBe(1);
    for (const [method, p] of ROUTES) {
      await expectError(await call(undefined, method, p, method === 'POST' ? {} : undefined), 401, 'unauthorized');
      await expectError(await call({ cookie: 'qxz_officer=forged', csrf: 'x' }, method, p, method === 'POST' ? {} : undefined), 401, 'unauthorized');
    }
    const s = await login('ana');
    expect((await call(s, 'GET', '/me')).status).toBe(200);
    env.clock.advance(8 * 60 * MIN + 1);
    await expectError(await call(s, 'GET', '/me'), 401, 'unauthorized');
  });

  it('answers the session probe with 200 either way: officer null before login, the session after; the directory needs a session', async () => {
    expect(await json(await call(undefined, 'GET', '/session'))).toEqual({ officer: null });
    expect(await json(await call({ cookie: 'qxz_officer=forged', csrf: '' }, 'GET', '/session'))).toEqual({ officer: null });
    await expectError(await call(undefined, 'GET', '/directory'), 401, 'unauthorized');
    const s = await login('ana');
    const probe = await json<{ officer: { login: string; name: string }; csrfToken: string }>(await call(s, 'GET', '/session'));
    expect(probe.officer).toMatchObject({ login: 'ana', name: '安娜' });
    expect(probe.csrfToken).toBe(s.csrf);
    const dir = await json<{ officers: { login: string; name: string; team: string }[] }>(await call(s, 'GET', '/directory'));
    expect(dir.officers).toContainEqual({ login: 'bo', name: '博文', team: '补贴兑现' });
    expect(JSON.stringify(dir)).not.toMatch(/hash|password/iu);
  });

  it('logs in with an HttpOnly SameSite=Strict cookie and returns the CSRF token and the officer', async () => {
    const res = await loginRaw('ana', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^qxz_officer=[\w-]{40,};/u);
    const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/');
    expect(attrs).not.toContain('secure');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { csrfToken: string; officer: Record<string, unknown> };
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(20);
    expect(body.officer).toMatchObject({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    // Only the hash of the token is stored.
    const token = parseCookies(cookie).get('qxz_officer') ?? '';
    const rows = (await env.db.all('SELECT id_hash, login, csrf, expires_at, created_at FROM officer_sessions')) as { id_hash: string; login: string; csrf: string; expires_at: string; created_at: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).not.toContain(token);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(rows[0]?.csrf).toBe(body.csrfToken);
    expect(Date.parse(rows[0]?.expires_at ?? '') - T0).toBe(8 * 60 * MIN);
    const me = await json<{ officer: { login: string }; csrfToken: string }>(await call({ cookie: cookie.split(';')[0] ?? '', csrf: '' }, 'GET', '/me'));
    expect(me.officer.login).toBe('ana');
    expect(me.csrfToken).toBe(body.csrfToken);
    expect(await auditActions()).toEqual(['login']);
  });

  it('refuses a wrong password and an unknown login with the same 401 message', async () => {
    const wrong = await expectError(await loginRaw('ana', 'not the password'), 401, 'unauthorized');
    const unknown = await expectError(await loginRaw('nobody', PASSWORD), 401, 'unauthorized');
    expect(unknown.error.message).toBe(wrong.error.message);
    expect((await loginRaw('ana', PASSWORD)).status).toBe(200);
    await expectError(await call(undefined, 'POST', '/login', { login: 'ana' }), 400, 'bad_request');
    const failed = (await env.db.all("SELECT actor, data_json FROM audit_log WHERE action = 'login_failed' ORDER BY id")) as { actor: string; data_json: string }[];
    expect(failed.map((r) => r.actor)).toEqual(['login:ana', 'login:nobody']);
    expect(failed.map((r) => r.data_json).join()).not.toContain('not the password');
  });

  it('locks an account for 15 minutes after 5 failed logins, refusing even the right password', async () => {
    for (let i = 0; i < 5; i++) await expectError(await loginRaw('bo', `wrong ${i}`), 401);
    const locked = await expectError(await loginRaw('bo', PASSWORD), 401, 'unauthorized');
    const unknown = await expectError(await loginRaw('nobody', PASSWORD), 401);
    expect(locked.error.message).toBe(unknown.error.message);
    env.clock.advance(14 * MIN);
    await expectError(await loginRaw('bo', PASSWORD), 401);
    env.clock.advance(2 * MIN);
    expect((await loginRaw('bo', PASSWORD)).status).toBe(200);
    expect(await env.officers.credentials('bo')).toMatchObject({ failed: 0, lockedUntil: null });
    // Other accounts were never affected.
    expect((await loginRaw('ana', PASSWORD)).status).toBe(200);
    expect(await auditActions()).toContain('account_locked');
  });

  it('an unknown login takes about as long to refuse as a wrong password (a dummy hash is verified)', async () => {
    await loginRaw('nobody', 'warm up');
    const time = async (l: string): Promise<number> => {
      const t = performance.now();
      await loginRaw(l, 'x');
      return performance.now() - t;
    };
    const known = (await time('ana')) + (await time('cai'));
    const unknown = (await time('ghost1')) + (await time('ghost2'));
    expect(unknown).toBeGreaterThan(known * 0.3);
  });

  it('requires the session CSRF token on every write (403 csrf_invalid)', async () => {
    const no = await openTicket();
    const s = await login('ana');
    await expectError(await call(s, 'POST', `/tickets/${no}/claim`, {}, { 'X-CSRF-Token': '' }), 403, 'csrf_invalid');
    await expectError(await call(s, 'POST', `/tickets/${no}/claim`, {}, { 'X-CSRF-Token': 'wrong-token' }), 403, 'csrf_invalid');
    const other = await login('bo');
    await expectError(await call(s, 'POST', `/tickets/${no}/claim`, {}, { 'X-CSRF-Token': other.csrf }), 403, 'csrf_invalid');
    await expectError(await call(s, 'POST', '/logout', undefined, { 'X-CSRF-Token': '' }), 403, 'csrf_invalid');
    expect((await env.tickets.get(no))?.ticket.state).toBe('queued');
    expect((await call(s, 'POST', `/tickets/${no}/claim`, {})).status).toBe(200);
  });

  it('logs out: the session is gone, the cookie cleared, the stream ended', async () => {
    const s = await login('ana');
    const stream = readSse(await call(s, 'GET', '/events'));
    expect((await stream.next())?.event).toBe('ready');
    const res = await call(s, 'POST', '/logout');
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^qxz_officer=; .*Max-Age=0/u);
    await expectError(await call(s, 'GET', '/me'), 401);
    expect(await stream.next(2_000)).toBeUndefined();
    expect(await auditActions()).toEqual(['login', 'logout']);
  });

  it('ends an open event stream when the store closes under it, without an uncaught error', async () => {
    const s = await login('ana');
    const stream = readSse(await call(s, 'GET', '/events'));
    expect((await stream.next())?.event).toBe('ready');
    const uncaught: unknown[] = [];
    const onError = (err: unknown): void => void uncaught.push(err);
    process.on('uncaughtException', onError);
    try {
      await env.db.close();
      // The next ping (every 100 ms here) finds the store gone and ends the stream.
      expect(await stream.next(2_000)).toBeUndefined();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(uncaught).toEqual([]);
  });
});

describe('tickets', () => {
  it('lists the default inbox (mine + my team queue), team and all scopes by right', async () => {
    const a = await openTicket(['qt25-5']);
    const b = await openTicket(['qt25-4']);
    const c = await openTicket(['qt25-2']);
    const ana = await login('ana');
    const cai = await login('cai');
    const lead = await login('lead');
    await json(await call(ana, 'POST', `/tickets/${a}/claim`, {}));
    const nos = async (s: Session, q = ''): Promise<number[]> => (await json<{ tickets: Ticket[] }>(await call(s, 'GET', `/tickets${q}`))).tickets.map((t) => t.no).sort();
    expect(await nos(ana)).toEqual([a, b]);
    expect(await nos(ana, '?scope=mine')).toEqual([a]);
    expect(await nos(ana, '?scope=team&state=queued')).toEqual([b]);
    expect(await nos(cai)).toEqual([c]);
    await expectError(await call(cai, 'GET', '/tickets?scope=all'), 403, 'forbidden');
    await expectError(await call(cai, 'GET', `/tickets?scope=team&team=${encodeURIComponent('补贴兑现')}`), 403, 'forbidden');
    expect(await nos(lead, '?scope=all')).toEqual([a, b, c]);
    expect(await nos(lead, `?scope=all&team=${encodeURIComponent('人才认定')}`)).toEqual([c]);
    await expectError(await call(lead, 'GET', '/tickets?state=bogus'), 400, 'bad_request');
  });

  it('shows a ticket with its event log, internal notes and the transcript', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    await json(await call(ana, 'POST', `/tickets/${no}/note`, { text: '先核对社保记录' }));
    const body = await json<{ ticket: Ticket; events: TicketEvent[]; transcript: ThreadMessage[] }>(await call(ana, 'GET', `/tickets/${no}`));
    expect(body.ticket.no).toBe(no);
    expect(body.events.map((e) => e.type)).toEqual(['created', 'claimed', 'noted']);
    expect(body.events.at(-1)?.data).toEqual({ text: '先核对社保记录' });
    expect(body.transcript.map((m) => [m.role, m.text])).toEqual([['user', '硕士生活补贴怎么领？']]);
    await expectError(await call(ana, 'GET', '/tickets/999'), 404, 'not_found');
    await expectError(await call(ana, 'GET', '/tickets/abc'), 404, 'not_found');
    await expectError(await call(ana, 'POST', '/tickets/999/claim', {}), 404, 'not_found');
  });

  it("refuses an officer of another team (403) on a ticket a lead may act on", async () => {
    const no = await openTicket();
    const cai = await login('cai');
    await expectError(await call(cai, 'GET', `/tickets/${no}`), 403, 'forbidden');
    await expectError(await call(cai, 'POST', `/tickets/${no}/claim`, {}), 403, 'forbidden');
    const lead = await login('lead');
    await json(await call(lead, 'POST', `/tickets/${no}/claim`, {}));
    await expectError(await call(cai, 'POST', `/tickets/${no}/reply`, { text: '您好' }), 403, 'forbidden');
    // A teammate may not reply on a ticket someone else holds either.
    const bo = await login('bo');
    await expectError(await call(bo, 'POST', `/tickets/${no}/reply`, { text: '您好' }), 403, 'forbidden');
    const r = await json<{ ticket: Ticket }>(await call(lead, 'POST', `/tickets/${no}/reply`, { text: '您好，已收到。' }));
    expect(r.ticket.state).toBe('waiting_user');
    expect(await outbox(no)).toEqual([{ role: 'officer', text: '您好，已收到。' }]);
    expect((await auditActions()).filter((a) => a.startsWith('ticket.'))).toEqual(['ticket.claim_refused', 'ticket.claim', 'ticket.reply_refused', 'ticket.reply_refused', 'ticket.reply']);
  });

  it('lets exactly one of two simultaneous claims win (200 and 409)', async () => {
    const no = await openTicket();
    const [ana, bo] = await Promise.all([login('ana'), login('bo')]);
    const results = await Promise.all([call(ana, 'POST', `/tickets/${no}/claim`, {}), call(bo, 'POST', `/tickets/${no}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409);
    expect(((await lost?.json()) as ErrorBody).error.code).toBe('conflict');
    const t = (await env.tickets.get(no))?.ticket;
    expect(t?.state).toBe('assigned');
    expect(['ana', 'bo']).toContain(t?.assignee);
    // A claim that names a stale version loses too.
    const other = await openTicket(['qt25-4']);
    const v = (await env.tickets.get(other))?.ticket.version ?? 0;
    await env.tickets.setPriority(other, (await env.officers.get('lead'))!, 'high');
    await expectError(await call(ana, 'POST', `/tickets/${other}/claim`, { version: v }), 409, 'conflict');
  });

  it('reply queues a message for the person and waits for them', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    const r = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '  硕士每年补贴 3 万元，请提交材料。 ' }));
    expect(r.ticket.state).toBe('waiting_user');
    expect(r.ticket.firstRespondedAt).toBe(new Date(T0).toISOString());
    const rows = await env.db.all('SELECT role, text, channel, channel_user_id FROM outbox WHERE ticket_no = ?', [no]);
    expect(rows).toEqual([{ role: 'officer', text: '硕士每年补贴 3 万元，请提交材料。', channel: 'web', channel_user_id: 'u' }]);
    await expectError(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '   ' }), 400, 'bad_request');
    await expectError(await call(ana, 'POST', `/tickets/${no}/reply`, { text: 'x'.repeat(4001) }), 400, 'bad_request');
  });

  it('a note is logged as an internal note and never reaches the person', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    const r = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/note`, { text: '此人可能重复申报' }));
    expect(r.ticket.state).toBe('assigned');
    expect((await env.tickets.get(no))?.events.at(-1)).toMatchObject({ type: 'noted', actor: 'officer:ana', data: { text: '此人可能重复申报' } });
    expect(await outbox(no)).toEqual([]);
    expect(await env.db.get('SELECT COUNT(*) AS n FROM outbox')).toEqual({ n: 0 });
  });

  it("transfer queues the ticket in the other team, out of the first team's reach", async () => {
    const no = await openTicket();
    const ana = await login('ana');
    const cai = await login('cai');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    await expectError(await call(ana, 'POST', `/tickets/${no}/transfer`, { team: '不存在' }), 400, 'bad_request');
    const r = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/transfer`, { team: '人才认定' }));
    expect(r.ticket).toMatchObject({ state: 'queued', team: '人才认定' });
    expect(r.ticket.assignee).toBeUndefined();
    await expectError(await call(ana, 'GET', `/tickets/${no}`), 403, 'forbidden');
    expect((await json<{ tickets: Ticket[] }>(await call(cai, 'GET', '/tickets'))).tickets.map((t) => t.no)).toEqual([no]);
    await json(await call(cai, 'POST', `/tickets/${no}/claim`, {}));
  });

  it('resolve asks the person for a rating; priority changes are logged', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    await expectError(await call(ana, 'POST', `/tickets/${no}/priority`, { priority: 'asap' }), 400);
    expect((await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/priority`, { priority: 'urgent' }))).ticket.priority).toBe('urgent');
    const r = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/resolve`));
    expect(r.ticket.state).toBe('resolved');
    const rows = await outbox(no);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe('system');
    expect(rows[0]?.text).toMatch(/1–5/u);
    await expectError(await call(ana, 'POST', `/tickets/${no}/resolve`), 409, 'conflict');
    expect((await auditActions()).filter((a) => a.startsWith('ticket.'))).toEqual(['ticket.claim', 'ticket.priority_refused', 'ticket.priority', 'ticket.resolve', 'ticket.resolve_refused']);
  });

  it('toggles duty: an on-duty officer gets new tickets of the team', async () => {
    const ana = await login('ana');
    const body = await json<{ officer: { onDuty: boolean } }>(await call(ana, 'POST', '/duty', { onDuty: true }));
    expect(body.officer.onDuty).toBe(true);
    const no = await openTicket();
    expect((await env.tickets.get(no))?.ticket).toMatchObject({ state: 'assigned', assignee: 'ana' });
    await json(await call(ana, 'POST', '/duty', { onDuty: false }));
    expect((await env.officers.get('ana'))?.onDuty).toBe(false);
    await expectError(await call(ana, 'POST', '/duty', { onDuty: 'yes' }), 400);
  });
});

describe('curated answers', () => {
  it('an officer proposes, only a lead lists and approves; approval reaches the assistant once', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    const lead = await login('lead');
    const cai = await login('cai');
    const proposal = { question: '硕士生活补贴多少？', answer: '硕士每年 3 万元，连续发放 3 年。', keys: ['qt25-5', 'g02-3'] };
    await expectError(await call(cai, 'POST', `/tickets/${no}/curate`, proposal), 403, 'forbidden');
    await expectError(await call(ana, 'POST', `/tickets/${no}/curate`, { ...proposal, keys: ['<script>'] }), 400);
    const created = await json<{ proposal: { id: number; status: string } }>(await call(ana, 'POST', `/tickets/${no}/curate`, proposal), 201);
    expect(created.proposal.status).toBe('pending');
    expect(await env.db.all('SELECT status, proposed_by, ticket_no FROM curated_proposals')).toEqual([{ status: 'pending', proposed_by: 'ana', ticket_no: no }]);
    await expectError(await call(ana, 'GET', '/curated?status=pending'), 403, 'forbidden');
    await expectError(await call(ana, 'POST', `/curated/${created.proposal.id}/approve`), 403, 'forbidden');
    const list = await json<{ proposals: { id: number; question: string; keys: string[] }[] }>(await call(lead, 'GET', '/curated?status=pending'));
    expect(list.proposals.map((p) => [p.id, p.question, p.keys])).toEqual([[created.proposal.id, proposal.question, proposal.keys]]);
    expect(env.approved).toEqual([]);
    const approved = await json<{ proposal: { status: string; decidedBy: string } }>(await call(lead, 'POST', `/curated/${created.proposal.id}/approve`));
    expect(approved.proposal).toMatchObject({ status: 'approved', decidedBy: 'lead' });
    expect(env.approved).toEqual([{ ...proposal, lang: 'zh' }]);
    await expectError(await call(lead, 'POST', `/curated/${created.proposal.id}/approve`), 409, 'conflict');
    await expectError(await call(lead, 'POST', '/curated/999/approve'), 404, 'not_found');
    expect((await json<{ proposals: unknown[] }>(await call(lead, 'GET', '/curated'))).proposals).toEqual([]);

    const second = await json<{ proposal: { id: number } }>(await call(ana, 'POST', `/tickets/${no}/curate`, { ...proposal, lang: 'en' }), 201);
    expect((await json<{ proposal: { status: string } }>(await call(lead, 'POST', `/curated/${second.proposal.id}/reject`))).proposal.status).toBe('rejected');
    expect(env.approved).toHaveLength(1);
    expect(await auditActions()).toEqual(expect.arrayContaining(['ticket.curate', 'curated.approve', 'curated.reject']));
  });
});

describe('dashboard', () => {
  it('counts open and overdue tickets by team, median first response, handoff rate and unanswered questions', async () => {
    const { store, clock } = env;
    const bot = async (conv: string, text: string, handoff?: { ticketNo: number; reason: 'low_confidence' | 'user_request' }): Promise<ThreadMessage> =>
      await store.appendMessage(conv, { role: 'bot', text, citations: [], ...(handoff ? { handoff } : {}) });
    const user = async (conv: string, text: string): Promise<ThreadMessage> => await store.appendMessage(conv, { role: 'user', text, citations: [] });
    const conv = async (): Promise<string> => (await store.createConversation({ channel: 'web', userId: 'u', lang: 'zh' })).id;

    // Ten days ago: outside the 7-day window, but still an unanswered question.
    clock.set(T0 - 10 * 24 * 60 * MIN);
    const old = await conv();
    await user(old, '很久以前的问题');
    await bot(old, '……', { ticketNo: 0, reason: 'low_confidence' });
    clock.set(T0);

    const c1 = await conv();
    await user(c1, '第一句');
    await user(c1, '博士后出站补贴怎么算？');
    await bot(c1, '这个问题我转给专员。', { ticketNo: 9, reason: 'low_confidence' });
    clock.advance(MIN);
    const c2 = await conv();
    await user(c2, '租房补贴能领几年？');
    const down = await bot(c2, '三年。');
    await store.saveFeedback({ conversationId: c2, messageId: down.id, rating: 'down' });
    await user(c2, '谢谢');
    await bot(c2, '不客气。');
    const c3 = await conv();
    await user(c3, '我要人工');
    await bot(c3, '好的。', { ticketNo: 8, reason: 'user_request' });

    clock.set(T0);
    const a = await openTicket(['qt25-5']);
    const b = await openTicket(['qt25-4']);
    const c = await openTicket(['qt25-2']);
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${a}/claim`, {}));
    await json(await call(ana, 'POST', `/tickets/${b}/claim`, {}));
    clock.advance(10 * MIN);
    await json(await call(ana, 'POST', `/tickets/${a}/reply`, { text: '已收到' }));
    clock.advance(20 * MIN);
    await json(await call(ana, 'POST', `/tickets/${b}/reply`, { text: '已收到' }));
    clock.set(T0 + 3 * 60 * MIN);
    expect(c).toBe(3);

    const d = await json<{
      teams: { team: Team; open: number; overdue: number }[];
      medianFirstResponseMinutes: number | null;
      handoff: { tickets: number; botAnswers: number; rate: number | null };
      topUnanswered: { question: string; lowConfidence: boolean; thumbsDown: boolean }[];
    }>(await call(ana, 'GET', '/dashboard'));
    expect(d.teams.find((t) => t.team === '补贴兑现')).toEqual({ team: '补贴兑现', open: 2, overdue: 0 });
    expect(d.teams.find((t) => t.team === '人才认定')).toEqual({ team: '人才认定', open: 1, overdue: 1 });
    expect(d.teams.find((t) => t.team === '综合')).toEqual({ team: '综合', open: 0, overdue: 0 });
    expect(d.medianFirstResponseMinutes).toBe(20);
    expect(d.handoff).toEqual({ tickets: 3, botAnswers: 4, rate: 0.75 });
    expect(d.topUnanswered).toEqual([
      { conversationId: c2, question: '租房补贴能领几年？', at: new Date(T0 + MIN).toISOString(), lowConfidence: false, thumbsDown: true },
      { conversationId: c1, question: '博士后出站补贴怎么算？', at: new Date(T0).toISOString(), lowConfidence: true, thumbsDown: false },
      { conversationId: old, question: '很久以前的问题', at: new Date(T0 - 10 * 24 * 60 * MIN).toISOString(), lowConfidence: true, thumbsDown: false },
    ]);
  });
});

describe('live events', () => {
  it('streams ticket events the officer may see, and pings', async () => {
    const ana = await login('ana');
    const cai = await login('cai');
    const anaStream = readSse(await call(ana, 'GET', '/events'));
    const caiRes = await call(cai, 'GET', '/events');
    expect(caiRes.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    const caiStream = readSse(caiRes);
    expect((await anaStream.next())?.event).toBe('ready');
    expect((await caiStream.next())?.event).toBe('ready');

    const subsidy = await openTicket(['qt25-5']);
    const ev = await anaStream.next();
    expect(ev?.event).toBe('ticket');
    const data = JSON.parse(ev?.data ?? '{}') as { kind: string; ticket: Ticket };
    expect(data.kind).toBe('created');
    expect(data.ticket).toMatchObject({ no: subsidy, team: '补贴兑现', state: 'queued' });

    // cai (人才认定) never hears of the subsidy ticket; the next thing cai gets is a ticket of cai's team.
    const talent = await openTicket(['qt25-2']);
    const caiEv = await caiStream.next();
    expect(JSON.parse(caiEv?.data ?? '{}')).toMatchObject({ kind: 'created', ticket: { no: talent, team: '人才认定' } });

    // A transfer away from ana's team tells ana the ticket is gone, by number only.
    await json(await call(ana, 'POST', `/tickets/${subsidy}/claim`, {}));
    expect(JSON.parse((await anaStream.next())?.data ?? '{}')).toMatchObject({ kind: 'updated', ticket: { no: subsidy, state: 'assigned', assignee: 'ana' } });
    await json(await call(ana, 'POST', `/tickets/${subsidy}/transfer`, { team: '人才认定' }));
    const gone = await anaStream.next();
    expect(gone).toMatchObject({ event: 'gone' });
    expect(JSON.parse(gone?.data ?? '{}')).toEqual({ no: subsidy });
    expect(JSON.parse((await caiStream.next())?.data ?? '{}')).toMatchObject({ kind: 'updated', ticket: { no: subsidy, team: '人才认定', state: 'queued' } });

    // Comments are parsed as the stream is read: wait out one event-less read past a ping.
    await expect(anaStream.next(250)).rejects.toThrow(/no SSE event/u);
    expect(anaStream.comments).toContain('ping');
    await anaStream.cancel();
    await caiStream.cancel();
  });
});

describe('WeChat status for leads', () => {
  it('shows a lead whether the WeChat channel is on; an officer may not see it', async () => {
    const lead = await login('lead');
    const res = await call(lead, 'GET', '/wechat');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ enabled: false });
    await expectError(await call(await login('ana'), 'GET', '/wechat'), 403, 'forbidden');
    await expectError(await call(undefined, 'GET', '/wechat'), 401, 'unauthorized');
  });
});

describe('who can work a ticket', () => {
  it('an officer starts off duty at login, gets tickets once 在岗 is on, and drops off at logout', async () => {
    await env.officers.setOnDuty('ana', true);
    const ana = await login('ana');
    expect((await env.officers.get('ana'))?.onDuty).toBe(false);
    expect((await openTicket()).valueOf()).toBeGreaterThan(0);
    expect(await env.tickets.list({ states: ['assigned'] })).toEqual([]);
    await json(await call(ana, 'POST', '/duty', { onDuty: true }));
    const mine = await openTicket();
    expect((await env.tickets.get(mine))?.ticket).toMatchObject({ state: 'assigned', assignee: 'ana' });
    expect((await call(ana, 'POST', '/logout')).status).toBe(204);
    expect((await env.officers.get('ana'))?.onDuty).toBe(false);
    const after = await openTicket();
    expect((await env.tickets.get(after))?.ticket).toMatchObject({ state: 'queued' });
    expect((await env.tickets.get(after))?.ticket.assignee).toBeUndefined();
  });

  it('an officer whose session expired gets no more tickets and is off duty', async () => {
    const ana = await login('ana');
    await json(await call(ana, 'POST', '/duty', { onDuty: true }));
    env.clock.advance(8 * 60 * MIN + MIN);
    const no = await openTicket();
    expect((await env.tickets.get(no))?.ticket.state).toBe('queued');
    expect((await env.officers.get('ana'))?.onDuty).toBe(false);
  });

  it('with nobody on duty the ticket waits, the leads are alerted live, and a lead’s default inbox shows every unassigned queue', async () => {
    const lead = await login('lead');
    const ana = await login('ana');
    const leadStream = readSse(await call(lead, 'GET', '/events'));
    const anaStream = readSse(await call(ana, 'GET', '/events'));
    expect((await leadStream.next())?.event).toBe('ready');
    expect((await anaStream.next())?.event).toBe('ready');
    const subsidy = await openTicket(['qt25-5']);
    const talent = await openTicket(['qt25-2']);
    const seen: { event: string; data: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const ev = await leadStream.next();
      if (ev) seen.push(ev);
    }
    const alerts = seen.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data) as { type: string; ticketNo: number; text: string });
    expect(alerts.map((a) => [a.type, a.ticketNo])).toEqual([['unstaffed', subsidy], ['unstaffed', talent]]);
    expect(alerts[0]?.text).toContain('补贴兑现');

    const claimed = await openTicket(['qt25-22']);
    const wang = await login('cai');
    await json(await call(lead, 'POST', `/tickets/${claimed}/claim`, {}));
    const inbox = async (s: Session, q = ''): Promise<number[]> => (await json<{ tickets: Ticket[] }>(await call(s, 'GET', `/tickets${q}`))).tickets.map((t) => t.no).sort((x, y) => x - y);
    expect(await inbox(lead)).toEqual([subsidy, talent, claimed].sort((x, y) => x - y));
    // An officer's default inbox keeps to their team's queue; 全部 stays the lead's full view.
    expect(await inbox(wang)).toEqual([talent]);
    expect(await inbox(lead, '?scope=all')).toEqual([subsidy, talent, claimed].sort((x, y) => x - y));
    // Officers who are not leads get the ticket notices, not the alert: the next event after the
    // created notice is ana's own claim.
    await json(await call(ana, 'POST', `/tickets/${subsidy}/claim`, {}));
    const anaEvents = [await anaStream.next(), await anaStream.next()].map((e) => [e?.event, (JSON.parse(e?.data ?? '{}') as { kind?: string }).kind]);
    expect(anaEvents).toEqual([['ticket', 'created'], ['ticket', 'updated']]);
  });
});

describe('lead takeover', () => {
  it('a lead replying on an officer’s ticket takes it over in the open: event with names, alert to the previous assignee', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    const lead = await login('lead');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    const anaStream = readSse(await call(ana, 'GET', '/events'));
    expect((await anaStream.next())?.event).toBe('ready');
    const r = await json<{ ticket: Ticket }>(await call(lead, 'POST', `/tickets/${no}/reply`, { text: '我来处理。' }));
    expect(r.ticket.assignee).toBe('lead');
    const events = (await env.tickets.get(no))?.events ?? [];
    const taken = events.find((e) => e.type === 'taken_over');
    expect(taken?.actor).toBe('officer:lead');
    expect(taken?.data).toMatchObject({ from: 'ana', to: 'lead', text: '李组长接手，原负责人安娜' });
    expect(events.map((e) => e.type).slice(-2)).toEqual(['taken_over', 'replied']);
    let alert: { type: string; text: string } | undefined;
    for (let i = 0; i < 3 && !alert; i++) {
      const ev = await anaStream.next();
      if (ev?.event === 'alert') alert = JSON.parse(ev.data) as { type: string; text: string };
    }
    expect(alert).toMatchObject({ type: 'taken_over' });
    expect(alert?.text).toContain('李组长');
    // The lead's own ticket: no takeover on the next reply.
    await json(await call(lead, 'POST', `/tickets/${no}/reply`, { text: '补充一句。' }));
    expect((await env.tickets.get(no))?.events.filter((e) => e.type === 'taken_over')).toHaveLength(1);
  });
});

describe('idempotent replies', () => {
  it('a retried reply with the same Idempotency-Key is stored and sent once and answered with the first result', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    const key = { 'Idempotency-Key': '5b3f7c2e-1d4a-4e8b-9a61-0c2d3e4f5a6b' };
    const first = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '材料请补社保证明。' }, key));
    const retry = await json<{ ticket: Ticket }>(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '材料请补社保证明。' }, key));
    expect(retry.ticket).toEqual(first.ticket);
    expect((await outbox(no)).filter((m) => m.role === 'officer')).toHaveLength(1);
    expect((await env.tickets.get(no))?.events.filter((e) => e.type === 'replied')).toHaveLength(1);
    // The same key for another text is a client error, not a second reply.
    await expectError(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '另一条' }, key), 409, 'conflict');
    await expectError(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '另一条' }, { 'Idempotency-Key': 'x' }), 400, 'bad_request');
    // A new key is a new reply.
    await json(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '材料请补社保证明。' }, { 'Idempotency-Key': 'second-reply-key' }));
    expect((await outbox(no)).filter((m) => m.role === 'officer')).toHaveLength(2);
  });

  it('keeps the keys in the database: a retry after a restart is still recognised', async () => {
    const no = await openTicket();
    const ana = await login('ana');
    await json(await call(ana, 'POST', `/tickets/${no}/claim`, {}));
    const key = { 'Idempotency-Key': 'restart-proof-key-1' };
    await json(await call(ana, 'POST', `/tickets/${no}/reply`, { text: '您好' }, key));
    expect(await env.db.get('SELECT COUNT(*) AS n FROM ticket_reply_keys WHERE ticket_no = ?', [no])).toEqual({ n: 1 });
  });
});
});
