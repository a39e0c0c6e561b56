import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HandoffRequest } from '../../src/core/ports/handoff-port.js';
import { createOfficerRepo, type OfficerRepo } from '../../src/handoff/officer-repo.js';
import { hashPassword } from '../../src/handoff/passwords.js';
import { createTicketService, type TicketNotice, type TicketService } from '../../src/handoff/ticket-service.js';
import type { Officer, Ticket } from '../../src/handoff/types.js';
import { createChatStore, type ChatStore } from '../../src/storage/chat-store.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { STORE_BACKENDS, type TestStoreHandle } from '../helpers/store-backends.js';
import { DAY, failOutboxWrites, fakeClock, handoffRequest, HOUR, logIn, MIN, outboxRows, TUE_10, useHandoffStores, type FakeClock } from './handoff-fixture.js';

let passwordHash = '';
beforeAll(async () => {
  passwordHash = await hashPassword('correct horse battery');
});

describe.each(STORE_BACKENDS)('ticket service on $name', ({ name, skip }) => {
const stores = useHandoffStores(name);
beforeEach(({ skip: skipTest }) => {
  if (skip) skipTest();
});

interface Env {
  handle: TestStoreHandle;
  db: SqlDb;
  clock: FakeClock;
  store: ChatStore;
  officers: OfficerRepo;
  tickets: TicketService;
  /** How often the service asked the delivery worker to wake up. */
  kicks(): number;
  /** An officer by login. */
  who(login: string): Promise<Officer>;
  /** A new conversation in the chat store. */
  conversation(): Promise<string>;
  /** Opens a ticket from a new conversation and returns it. */
  openTicket(overrides?: Partial<HandoffRequest>): Promise<Ticket>;
  ticket(no: number): Promise<Ticket>;
  eventTypes(no: number): Promise<string[]>;
}

/**
 * Officers: ana and bo (补贴兑现, on duty), cai and dan (人才认定, off duty), lead (综合, lead, off
 * duty). The clock starts on Tuesday 10:00 China time.
 */
async function setup(options: { handle?: TestStoreHandle; clock?: FakeClock; seed?: boolean } = {}): Promise<Env> {
  const { handle, db } = await stores.openOrCreate(options.handle);
  const clock = options.clock ?? fakeClock();
  const store = createChatStore(db, () => clock.now());
  const officers = createOfficerRepo(db);
  if (options.seed !== false) {
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
    await logIn(db, 'ana');
    await officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
    await logIn(db, 'bo');
    await officers.upsert({ login: 'cai', name: '蔡明', team: '人才认定', role: 'officer', onDuty: false }, passwordHash);
    await officers.upsert({ login: 'dan', name: '丹丹', team: '人才认定', role: 'officer', onDuty: false }, passwordHash);
    await officers.upsert({ login: 'lead', name: '李组长', team: '综合', role: 'lead', onDuty: false }, passwordHash);
  }
  let kicks = 0;
  const tickets = createTicketService({ db, officers, clock, onOutbox: () => void (kicks += 1) });
  const env: Env = {
    handle, db, clock, store, officers, tickets,
    kicks: () => kicks,
    async who(login) {
      const o = await officers.get(login);
      if (!o) throw new Error(`no officer ${login}`);
      return o;
    },
    conversation: async () => (await store.createConversation({ channel: 'web', userId: 'visitor', lang: 'zh' })).id,
    async openTicket(overrides = {}) {
      const { ticketNo } = await tickets.open(handoffRequest(await env.conversation(), overrides));
      return await env.ticket(ticketNo);
    },
    async ticket(no) {
      const t = (await tickets.get(no))?.ticket;
      if (!t) throw new Error(`no ticket #${no}`);
      return t;
    },
    eventTypes: async (no) => (await tickets.get(no))?.events.map((e) => e.type) ?? [],
  };
  return env;
}

const code = (code: string) => expect.objectContaining({ name: 'AppError', code });
const at = (ms: number): string => new Date(ms).toISOString();
const ticketCount = async (db: SqlDb): Promise<number> => ((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')) ?? { n: 0 }).n;

describe('open', () => {
  it('routes by the article found and assigns round robin among the team on duty', async () => {
    const env = await setup();
    const first = await env.openTicket();
    const second = await env.openTicket({ keys: ['g02-1'] });
    const third = await env.openTicket({ keys: ['qt21-9', 'qt25-13'] });
    expect([first.assignee, second.assignee, third.assignee]).toEqual(['ana', 'bo', 'ana']);
    expect(first).toMatchObject({
      team: '补贴兑现', priority: 'normal', state: 'assigned', reason: 'user_request', channel: 'web', tags: ['policy_question'],
      firstResponseDue: at(TUE_10 + 2 * HOUR), createdAt: at(TUE_10), version: 1, deliveryFailed: false,
    });
    expect(first.summary.question).toBe('生活补贴怎么申请？');
    const events = (await env.tickets.get(first.no))?.events ?? [];
    expect(events.map((e) => [e.type, e.actor, e.data])).toEqual([
      ['created', 'bot', { reason: 'user_request', team: '补贴兑现', priority: 'normal' }],
      ['assigned', 'system', { to: 'ana' }],
    ]);
  });

  it('tells the person when to expect a reply', async () => {
    const env = await setup();
    const r = await env.tickets.open(handoffRequest(await env.conversation()));
    expect(r.expectedReply).toBe('今天 12:00 前');
  });

  it('keeps the rotation across a restart (routing state lives in the database)', async () => {
    const clock = fakeClock();
    const env = await setup({ clock });
    expect((await env.openTicket()).assignee).toBe('ana');
    await env.db.close();
    const again = await setup({ handle: env.handle, clock, seed: false });
    expect((await again.openTicket()).assignee).toBe('bo');
  });

  it('skips officers at their cap and queues when the whole team is full', async () => {
    const env = await setup();
    await env.officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', maxOpen: 1, onDuty: true });
    await env.officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer', maxOpen: 2, onDuty: true });
    const assignees = [];
    for (let i = 0; i < 4; i++) assignees.push((await env.openTicket()).assignee);
    expect(assignees).toEqual(['ana', 'bo', 'bo', undefined]);
  });

  it('queues the ticket when nobody of the team is on duty', async () => {
    const env = await setup();
    const t = await env.openTicket({ keys: ['qt25-2'] });
    expect(t).toMatchObject({ team: '人才认定', state: 'queued' });
    expect(t.assignee).toBeUndefined();
    expect(await env.eventTypes(t.no)).toEqual(['created']);

    await env.officers.setOnDuty('ana', false);
    await env.officers.setOnDuty('bo', false);
    const u = await env.openTicket();
    expect(u).toMatchObject({ team: '补贴兑现', state: 'queued' });
    expect(u.assignee).toBeUndefined();
  });

  it('sends a complaint to 综合 with high priority', async () => {
    const env = await setup();
    const t = await env.openTicket({ reason: 'complaint', intent: 'complaint' });
    expect(t).toMatchObject({ team: '综合', priority: 'high', state: 'queued', firstResponseDue: at(TUE_10 + HOUR) });
  });

  it('returns the open ticket of the conversation instead of opening another', async () => {
    const env = await setup();
    const conversation = await env.conversation();
    const a = await env.tickets.open(handoffRequest(conversation));
    const b = await env.tickets.open(handoffRequest(conversation, { keys: ['qt25-2'], reason: 'complaint' }));
    expect(b.ticketNo).toBe(a.ticketNo);
    expect(await ticketCount(env.db)).toBe(1);
    expect(await env.eventTypes(a.ticketNo)).toEqual(['created', 'assigned']);
    expect((await env.tickets.openTicketOf(conversation))?.ticketNo).toBe(a.ticketNo);

    await env.tickets.resolve(a.ticketNo, await env.who('ana'));
    expect(await env.tickets.openTicketOf(conversation)).toBeUndefined();
    const c = await env.tickets.open(handoffRequest(conversation));
    expect(c.ticketNo).not.toBe(a.ticketNo);
    expect(await ticketCount(env.db)).toBe(2);
  });

  // Intended behaviour (c): the promise made to the person is the ticket's stored due time.
  it('quotes the stored first-response due time for an already open ticket (intended c)', async () => {
    const env = await setup();
    const conversation = await env.conversation();
    const first = await env.tickets.open(handoffRequest(conversation));
    expect(first.expectedReply).toContain('12:00');
    env.clock.advance(90 * MIN); // 11:30: recomputing from now would promise 13:30
    const again = await env.tickets.open(handoffRequest(conversation));
    expect(again.expectedReply).toContain('12:00');
    expect(again.expectedReply).not.toContain('13:30');
    const open = await env.tickets.openTicketOf(conversation);
    expect(open?.expectedReply).toContain('12:00');
    expect(open?.expectedReply).not.toContain('13:30');
  });

  // Intended behaviour (c): the text is in the request's language; zh stays the default.
  it('words the expected reply in the language of the request (intended c)', async () => {
    const env = await setup();
    const conversation = await env.conversation();
    const created = await env.tickets.open(handoffRequest(conversation, { lang: 'en' }));
    expect(created.expectedReply).toBe('by 12:00 today (China time)');
    env.clock.advance(30 * MIN);
    const again = await env.tickets.open(handoffRequest(conversation, { lang: 'en' }));
    expect(again.expectedReply).toBe('by 12:00 today (China time)');
    expect((await env.tickets.openTicketOf(conversation, 'en'))?.expectedReply).toBe('by 12:00 today (China time)');
    expect((await env.tickets.openTicketOf(conversation))?.expectedReply).toBe('今天 12:00 前');
    const chinese = await env.tickets.open(handoffRequest(await env.conversation()));
    expect(chinese.expectedReply).toBe('今天 12:30 前');
  });
});

describe('claim', () => {
  it('of two claims with the same expected version exactly one wins (sequential)', async () => {
    const env = await setup();
    const t = await env.openTicket({ keys: ['qt25-2'] });
    expect(t.state).toBe('queued');
    const claimed = await env.tickets.claim(t.no, await env.who('cai'), t.version);
    expect(claimed).toMatchObject({ state: 'assigned', assignee: 'cai', version: t.version + 1 });
    await expect(env.tickets.claim(t.no, await env.who('dan'), t.version)).rejects.toThrow(code('conflict'));
    expect(await env.ticket(t.no)).toMatchObject({ assignee: 'cai', version: t.version + 1 });
    expect((await env.eventTypes(t.no)).filter((e) => e === 'claimed')).toHaveLength(1);
  });

  it('of two claims at once exactly one wins (Promise.all)', async () => {
    const env = await setup();
    const t = await env.openTicket({ keys: ['qt25-2'] });
    const attempt = async (login: string): Promise<Ticket> => await env.tickets.claim(t.no, await env.who(login), t.version);
    const results = await Promise.all(['cai', 'dan'].map((login) => attempt(login).then((ticket) => ({ ticket }), (error: unknown) => ({ error }))));
    const won = results.flatMap((r) => ('ticket' in r ? [r.ticket] : []));
    const lost = results.flatMap((r) => ('error' in r ? [r.error] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toEqual(code('conflict'));
    expect((await env.ticket(t.no)).assignee).toBe(won[0]?.assignee);
    expect((await env.eventTypes(t.no)).filter((e) => e === 'claimed')).toHaveLength(1);
  });

  it('a claim without a version still loses on an already assigned ticket', async () => {
    const env = await setup();
    const t = await env.openTicket({ keys: ['qt25-2'] });
    await env.tickets.claim(t.no, await env.who('cai'));
    await expect(env.tickets.claim(t.no, await env.who('dan'))).rejects.toThrow(code('conflict'));
  });

  it('an officer of another team may not claim; a lead may; an unknown ticket is not_found', async () => {
    const env = await setup();
    const t = await env.openTicket({ keys: ['qt25-2'] });
    await expect(env.tickets.claim(t.no, await env.who('ana'), t.version)).rejects.toThrow(code('forbidden'));
    expect(await env.ticket(t.no)).toMatchObject({ state: 'queued', version: t.version });
    expect(await env.tickets.claim(t.no, await env.who('lead'), t.version)).toMatchObject({ state: 'assigned', assignee: 'lead' });
    await expect(env.tickets.claim(999, await env.who('lead'))).rejects.toThrow(code('not_found'));
  });
});

describe('reply', () => {
  it('writes the outbox row (role officer) and the replied event in one go, and waits for the person', async () => {
    const env = await setup();
    const t = await env.openTicket();
    env.clock.advance(30 * MIN);
    const after = await env.tickets.reply(t.no, await env.who('ana'), '  您好，请提供社保缴纳证明。 ');
    expect(after).toMatchObject({ state: 'waiting_user', assignee: 'ana', firstRespondedAt: at(TUE_10 + 30 * MIN), version: t.version + 1 });

    const rows = await outboxRows(env.db, t.no);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ticket_no: t.no, conversation_id: t.conversationId, channel: 'web', channel_user_id: t.channelUserId, role: 'officer',
      text: '您好，请提供社保缴纳证明。', attempts: 0, delivered_at: null, failed_at: null,
      next_attempt_at: at(TUE_10 + 30 * MIN), created_at: at(TUE_10 + 30 * MIN),
    });
    const replied = (await env.tickets.get(t.no))?.events.filter((e) => e.type === 'replied') ?? [];
    expect(replied).toHaveLength(1);
    expect(replied[0]).toMatchObject({ actor: 'officer:ana', at: at(TUE_10 + 30 * MIN), data: { text: '您好，请提供社保缴纳证明。' } });
    expect(env.kicks()).toBe(1);
  });

  it('writes neither the event nor the ticket change when the outbox write fails (same transaction)', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await failOutboxWrites(env.db);
    await expect(env.tickets.reply(t.no, await env.who('ana'), '您好')).rejects.toThrow(/outbox unavailable/u);
    expect(await env.ticket(t.no)).toMatchObject({ state: 'assigned', version: t.version });
    expect((await env.ticket(t.no)).firstRespondedAt).toBeUndefined();
    expect(await env.eventTypes(t.no)).not.toContain('replied');
    expect(await outboxRows(env.db)).toHaveLength(0);
    expect(env.kicks()).toBe(0);
  });

  it('sets firstRespondedAt once; later replies keep it', async () => {
    const env = await setup();
    const t = await env.openTicket();
    env.clock.advance(10 * MIN);
    await env.tickets.reply(t.no, await env.who('ana'), '第一条');
    env.clock.advance(10 * MIN);
    const after = await env.tickets.reply(t.no, await env.who('ana'), '第二条');
    expect(after).toMatchObject({ state: 'waiting_user', firstRespondedAt: at(TUE_10 + 10 * MIN) });
    expect((await outboxRows(env.db, t.no)).map((r) => r.text)).toEqual(['第一条', '第二条']);
  });

  it('what the person writes wakes the ticket up again', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, await env.who('ana'), '请补充材料');
    await env.tickets.append(t.conversationId, '好的，已上传');
    expect((await env.ticket(t.no)).state).toBe('assigned');
    const last = (await env.tickets.get(t.no))?.events.at(-1);
    expect(last).toMatchObject({ type: 'person_message', actor: 'person', data: { text: '好的，已上传' } });
  });

  it('refuses an empty reply and a reply to a queued ticket (claim it first)', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await expect(env.tickets.reply(t.no, await env.who('ana'), '   ')).rejects.toThrow(code('bad_request'));
    const queued = await env.openTicket({ keys: ['qt25-2'] });
    await expect(env.tickets.reply(queued.no, await env.who('cai'), '您好')).rejects.toThrow(code('conflict'));
    expect(await outboxRows(env.db)).toHaveLength(0);
  });
});

describe('note', () => {
  it("adds a 'noted' event and no outbox row", async () => {
    const env = await setup();
    const t = await env.openTicket();
    const after = await env.tickets.note(t.no, await env.who('ana'), '  已电话联系，待回电 ');
    expect(after).toMatchObject({ state: 'assigned', version: t.version + 1 });
    expect((await env.tickets.get(t.no))?.events.at(-1)).toMatchObject({ type: 'noted', actor: 'officer:ana', data: { text: '已电话联系，待回电' } });
    expect(await outboxRows(env.db)).toHaveLength(0);
    expect(env.kicks()).toBe(0);
    await expect(env.tickets.note(t.no, await env.who('ana'), '')).rejects.toThrow(code('bad_request'));
  });
});

describe('transfer', () => {
  it('puts the ticket in the other team’s queue, without assignee', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, await env.who('ana'), '我转给人才认定组');
    const after = await env.tickets.transfer(t.no, await env.who('ana'), '人才认定');
    expect(after).toMatchObject({ state: 'queued', team: '人才认定' });
    expect(after.assignee).toBeUndefined();
    expect((await env.tickets.get(t.no))?.events.at(-1)).toMatchObject({ type: 'transferred', data: { from: '补贴兑现', to: '人才认定' } });
    // The old team is out; the new one can claim it.
    await expect(env.tickets.reply(t.no, await env.who('ana'), '还在吗')).rejects.toThrow(code('forbidden'));
    expect(await env.tickets.claim(t.no, await env.who('cai'), after.version)).toMatchObject({ state: 'assigned', assignee: 'cai' });
  });
});

describe('resolve', () => {
  it('resolves and queues the rating request to the person', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, await env.who('ana'), '已办理');
    env.clock.advance(HOUR);
    const after = await env.tickets.resolve(t.no, await env.who('ana'));
    expect(after).toMatchObject({ state: 'resolved', resolvedAt: at(TUE_10 + HOUR) });
    const rows = await outboxRows(env.db, t.no);
    expect(rows.map((r) => r.role)).toEqual(['officer', 'system']);
    expect(rows[1]?.text).toContain(`#${t.no}`);
    expect(rows[1]?.text).toContain('1–5');
    expect((await env.eventTypes(t.no)).at(-1)).toBe('resolved');
    expect(env.kicks()).toBe(2);
    expect(await env.tickets.openTicketOf(t.conversationId)).toBeUndefined();
  });

  it('cannot resolve a queued or an already resolved ticket', async () => {
    const env = await setup();
    const queued = await env.openTicket({ keys: ['qt25-2'] });
    await expect(env.tickets.resolve(queued.no, await env.who('cai'))).rejects.toThrow(code('conflict'));
    const t = await env.openTicket();
    await env.tickets.resolve(t.no, await env.who('ana'));
    await expect(env.tickets.resolve(t.no, await env.who('ana'))).rejects.toThrow(code('conflict'));
  });
});

describe('who may act', () => {
  it('an officer of another team, or of the team but not the assignee, gets forbidden and changes nothing', async () => {
    const env = await setup();
    const t = await env.openTicket(); // ana's
    for (const login of ['cai', 'bo']) {
      const o = await env.who(login);
      await expect(env.tickets.reply(t.no, o, '您好')).rejects.toThrow(code('forbidden'));
      await expect(env.tickets.note(t.no, o, '备注')).rejects.toThrow(code('forbidden'));
      await expect(env.tickets.transfer(t.no, o, '综合')).rejects.toThrow(code('forbidden'));
      await expect(env.tickets.resolve(t.no, o)).rejects.toThrow(code('forbidden'));
      await expect(env.tickets.setPriority(t.no, o, 'urgent')).rejects.toThrow(code('forbidden'));
    }
    expect(await env.ticket(t.no)).toMatchObject({ state: 'assigned', assignee: 'ana', version: t.version, priority: 'normal' });
    expect(await outboxRows(env.db)).toHaveLength(0);
  });

  it('a lead may act on any team’s ticket', async () => {
    const env = await setup();
    const t = await env.openTicket(); // ana's, team 补贴兑现
    const lead = await env.who('lead');
    expect(await env.tickets.note(t.no, lead, '组长关注')).toMatchObject({ assignee: 'ana' });
    expect(await env.tickets.setPriority(t.no, lead, 'high')).toMatchObject({ priority: 'high' });
    expect(await env.tickets.reply(t.no, lead, '组长回复')).toMatchObject({ state: 'waiting_user', assignee: 'lead' });
    expect(await env.tickets.resolve(t.no, lead)).toMatchObject({ state: 'resolved' });
  });
});

describe('rate', () => {
  /** A resolved ticket whose rating request has reached the person's chat. */
  async function resolved(env: Env): Promise<Ticket> {
    const t = await env.openTicket();
    const officer = await env.who(t.assignee ?? 'lead');
    await env.tickets.reply(t.no, officer, '已为您办理');
    await env.tickets.resolve(t.no, officer);
    const request = (await outboxRows(env.db, t.no)).find((r) => r.role === 'system');
    if (!request) throw new Error('no rating request');
    await env.store.appendMessage(t.conversationId, { role: 'system', text: request.text, citations: [] }, request.id);
    return await env.ticket(t.no);
  }

  it("'5' after the resolution closes the ticket with rating 5", async () => {
    const env = await setup();
    const t = await resolved(env);
    env.clock.advance(5 * MIN);
    expect(await env.tickets.rate(t.conversationId, '5')).toBe(true);
    expect(await env.ticket(t.no)).toMatchObject({ state: 'closed', rating: 5 });
    expect((await env.tickets.get(t.no))?.events.at(-1)).toMatchObject({ type: 'rated', actor: 'person', data: { rating: 5 } });
    // Rated once: nothing is awaited any more.
    expect(await env.tickets.rate(t.conversationId, '4')).toBe(false);
    expect((await env.ticket(t.no)).rating).toBe(5);
  });

  it.each([
    ['5分', 5], [' 4 ', 4], ['3星', 3], ['2 stars', 2], ['1 star.', 1], ['4！', 4],
  ])('%j is a rating of %i', async (text, rating) => {
    const env = await setup();
    const t = await resolved(env);
    expect(await env.tickets.rate(t.conversationId, text)).toBe(true);
    expect(await env.ticket(t.no)).toMatchObject({ state: 'closed', rating });
  });

  it.each(['6', '0', '55', '五', '5 but slow', '很满意', '4.5', ''])('%j is not a rating', async (text) => {
    const env = await setup();
    const t = await resolved(env);
    expect(await env.tickets.rate(t.conversationId, text)).toBe(false);
    expect((await env.ticket(t.no)).rating).toBeUndefined();
    expect(await env.eventTypes(t.no)).not.toContain('rated');
  });

  it('a digit is no rating when no resolved ticket awaits one', async () => {
    const env = await setup();
    const open = await env.openTicket();
    expect(await env.tickets.rate(open.conversationId, '5')).toBe(false);
    expect((await env.ticket(open.no)).state).toBe('assigned');
    expect(await env.tickets.rate(await env.conversation(), '5')).toBe(false);
  });

  // Intended behaviour (a): a rating counts only within 24 hours after the resolution …
  it('a digit 23 h 59 min after the resolution is still a rating (intended a)', async () => {
    const env = await setup();
    const t = await resolved(env);
    env.clock.advance(DAY - MIN);
    expect(await env.tickets.rate(t.conversationId, '4')).toBe(true);
    expect((await env.ticket(t.no)).rating).toBe(4);
  });

  it('a digit more than 24 h after the resolution is not a rating (intended a)', async () => {
    const env = await setup();
    const t = await resolved(env);
    env.clock.advance(DAY + MIN);
    expect(await env.tickets.rate(t.conversationId, '5')).toBe(false);
    expect((await env.ticket(t.no)).rating).toBeUndefined();
    expect(await env.eventTypes(t.no)).not.toContain('rated');
  });

  // … and only while the person has written nothing else since.
  it('a digit after the person wrote something else is not a rating (intended a)', async () => {
    const env = await setup();
    const t = await resolved(env);
    env.clock.advance(2 * MIN);
    // As the assistant does: the message is offered as a rating first, then answered and stored.
    const other = '还有一个问题：人才公寓怎么申请？';
    expect(await env.tickets.rate(t.conversationId, other)).toBe(false);
    await env.store.appendMessage(t.conversationId, { role: 'user', text: other, citations: [] });
    await env.store.appendMessage(t.conversationId, { role: 'bot', text: '人才公寓的申请条件如下……', citations: [] });
    env.clock.advance(3 * MIN);
    // "5" now answers something else (e.g. a choice in the bot's reply), not the rating request.
    expect(await env.tickets.rate(t.conversationId, '5')).toBe(false);
    expect((await env.ticket(t.no)).rating).toBeUndefined();
    expect(await env.eventTypes(t.no)).not.toContain('rated');
  });
});

describe('escalateOverdue', () => {
  it('escalates a missed first response once, then a missed resolution once more', async () => {
    const env = await setup();
    const t = await env.openTicket(); // normal: first response due 12:00, resolution Thursday 17:00
    env.clock.set(Date.parse(t.firstResponseDue));
    expect(await env.tickets.escalateOverdue()).toEqual([]);

    env.clock.set(Date.parse(t.firstResponseDue) + MIN);
    const first = await env.tickets.escalateOverdue();
    expect(first.map((x) => x.no)).toEqual([t.no]);
    expect(first[0]).toMatchObject({ priority: 'high', escalatedAt: at(Date.parse(t.firstResponseDue) + MIN) });
    expect((await env.tickets.get(t.no))?.events.at(-1)).toMatchObject({ type: 'escalated', actor: 'system', data: { from: 'normal', to: 'high', missed: 'first_response' } });
    expect(await env.tickets.escalateOverdue()).toEqual([]);
    expect((await env.ticket(t.no)).priority).toBe('high');

    env.clock.advance(5 * MIN);
    await env.tickets.reply(t.no, await env.who('ana'), '正在处理');
    expect(await env.tickets.escalateOverdue()).toEqual([]);

    env.clock.set(Date.parse(t.resolutionDue) + MIN);
    const second = await env.tickets.escalateOverdue();
    expect(second.map((x) => x.no)).toEqual([t.no]);
    expect(second[0]?.priority).toBe('urgent');
    expect((await env.tickets.get(t.no))?.events.at(-1)).toMatchObject({ type: 'escalated', data: { from: 'high', to: 'urgent', missed: 'resolution' } });
    expect(await env.tickets.escalateOverdue()).toEqual([]);
    expect((await env.eventTypes(t.no)).filter((e) => e === 'escalated')).toHaveLength(2);
  });

  it('leaves a ticket answered in time, and a resolved one, alone', async () => {
    const env = await setup();
    const answered = await env.openTicket();
    const done = await env.openTicket();
    await env.tickets.reply(answered.no, await env.who(answered.assignee ?? ''), '您好');
    await env.tickets.resolve(done.no, await env.who(done.assignee ?? ''));
    env.clock.set(Date.parse(answered.firstResponseDue) + HOUR);
    expect(await env.tickets.escalateOverdue()).toEqual([]);
    env.clock.set(Date.parse(done.resolutionDue) + HOUR);
    expect((await env.tickets.escalateOverdue()).map((x) => x.no)).toEqual([answered.no]);
  });

  it('survives a restart: due times kept in the database still escalate, once each', async () => {
    const clock = fakeClock();
    const env = await setup({ clock });
    const t = await env.openTicket();
    await env.db.close();

    clock.set(Date.parse(t.firstResponseDue) + MIN);
    const second = await setup({ handle: env.handle, clock, seed: false });
    expect((await second.tickets.escalateOverdue()).map((x) => x.no)).toEqual([t.no]);
    await second.db.close();

    const third = await setup({ handle: env.handle, clock, seed: false });
    expect(await third.tickets.escalateOverdue()).toEqual([]);
    clock.set(Date.parse(t.resolutionDue) + MIN);
    expect((await third.tickets.escalateOverdue()).map((x) => [x.no, x.priority])).toEqual([[t.no, 'urgent']]);
  });
});

describe('subscribe', () => {
  it('notices created, updated, message and escalated; unsubscribing stops them', async () => {
    const env = await setup();
    const notices: TicketNotice[] = [];
    env.tickets.subscribe(() => {
      throw new Error('a broken listener does not stop the others');
    });
    const unsubscribe = env.tickets.subscribe((n) => notices.push(n));
    const t = await env.openTicket({ keys: ['qt25-2'] });
    await env.tickets.claim(t.no, await env.who('cai'), t.version);
    await env.tickets.append(t.conversationId, '在吗？');
    env.clock.set(Date.parse(t.firstResponseDue) + MIN);
    await env.tickets.escalateOverdue();
    expect(notices.map((n) => [n.kind, n.ticket.no])).toEqual([
      ['created', t.no],
      ['alert', t.no],
      ['updated', t.no],
      ['updated', t.no],
      ['message', t.no],
      ['updated', t.no],
      ['escalated', t.no],
    ]);
    expect(notices[0]?.ticket.state).toBe('queued');
    // Nobody of 人才认定 on duty and no lead in that team: every lead hears of the waiting ticket.
    expect(notices[1]?.alert).toMatchObject({ type: 'unstaffed', to: ['lead'] });
    expect(notices[2]?.ticket).toMatchObject({ state: 'assigned', assignee: 'cai' });
    expect(notices.at(-1)?.ticket.priority).toBe('high');

    unsubscribe();
    await env.tickets.note(t.no, await env.who('cai'), '备注');
    expect(notices).toHaveLength(7);
  });
});
});
