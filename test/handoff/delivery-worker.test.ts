import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryWorker, type Deliverer, type DeliveryPolicy, type OutboxMessage } from '../../src/handoff/delivery-worker.js';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { hashPassword } from '../../src/handoff/passwords.js';
import { createTicketService, type TicketService } from '../../src/handoff/ticket-service.js';
import type { Ticket } from '../../src/handoff/types.js';
import { createChatStore, type ChatStore } from '../../src/storage/chat-store.js';
import type { SqlDb, SqlExecutor } from '../../src/storage/sql-db.js';
import { STORE_BACKENDS, type TestStoreHandle } from '../helpers/store-backends.js';
import { fakeClock, handoffRequest, logIn, MIN, outboxRows, recordingLogger, TUE_10, useHandoffStores, type FakeClock } from './handoff-fixture.js';

let passwordHash = '';
beforeAll(async () => {
  passwordHash = await hashPassword('correct horse battery');
});

const POLICY: Partial<DeliveryPolicy> = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 3_000, deliveryTimeoutMs: 1_000 };

describe.each(STORE_BACKENDS)('delivery worker on $name', ({ name, skip }) => {
const stores = useHandoffStores(name);
beforeEach(({ skip: skipTest }) => {
  if (skip) skipTest();
});

interface Env {
  handle: TestStoreHandle;
  db: SqlDb;
  clock: FakeClock;
  store: ChatStore;
  tickets: TicketService;
  /** A ticket assigned to ana, from a new conversation. */
  openTicket(): Promise<Ticket>;
}

async function setup(options: { handle?: TestStoreHandle; clock?: FakeClock } = {}): Promise<Env> {
  const { handle, db } = await stores.openOrCreate(options.handle);
  const clock = options.clock ?? fakeClock();
  const store = createChatStore(db, () => clock.now());
  const officers = createOfficerRepo(db);
  await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
  await logIn(db, 'ana');
  const tickets = createTicketService({ db, officers, clock });
  return {
    handle, db, clock, store, tickets,
    async openTicket() {
      const conversationId = (await store.createConversation({ channel: 'web', userId: 'visitor', lang: 'zh' })).id;
      const { ticketNo } = await tickets.open(handoffRequest(conversationId));
      const t = (await tickets.get(ticketNo))?.ticket;
      if (!t) throw new Error('no ticket');
      return t;
    },
  };
}

/** A deliverer that records every call; `fail(m)` decides whether a call rejects. */
function recorder(fail: (m: OutboxMessage, call: number) => boolean = () => false): { deliver: Deliverer; calls: OutboxMessage[]; acked: string[] } {
  const calls: OutboxMessage[] = [];
  const acked: string[] = [];
  return {
    calls,
    acked,
    async deliver(m) {
      calls.push(m);
      if (fail(m, calls.length)) throw new Error('channel down');
      acked.push(m.id);
    },
  };
}

/** Puts a message in the outbox directly (as a ticket change would). */
async function enqueue(db: SqlExecutor, row: { id: string; conversationId: string; text?: string; ticketNo?: number | null; channel?: string; at: number; nextAttemptAt?: number }): Promise<void> {
  await db.run(
    `INSERT INTO outbox (id, ticket_no, conversation_id, channel, channel_user_id, role, text, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, 'officer', ?, ?, ?)`,
    [row.id, row.ticketNo ?? null, row.conversationId, row.channel ?? 'web', `u_${row.conversationId}`, row.text ?? row.id, new Date(row.nextAttemptAt ?? row.at).toISOString(), new Date(row.at).toISOString()],
  );
}

const row = async (db: SqlExecutor, id: string) => (await outboxRows(db)).find((r) => r.id === id);
const at = (ms: number): string => new Date(ms).toISOString();

describe('tick', () => {
  it('delivers due messages in order, marks them delivered and logs a delivered event', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 }, '第一条');
    await env.tickets.reply(t.no, { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 }, '第二条');
    const channel = recorder();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });
    env.clock.advance(MIN);

    expect(await worker.tick()).toBe(2);
    expect(channel.calls.map((m) => m.text)).toEqual(['第一条', '第二条']);
    expect(channel.calls[0]).toMatchObject({ ticketNo: t.no, conversationId: t.conversationId, channel: 'web', channelUserId: t.channelUserId, role: 'officer', attempts: 0 });
    for (const r of await outboxRows(env.db)) expect(r).toMatchObject({ delivered_at: at(TUE_10 + MIN), attempts: 1, failed_at: null });
    const delivered = (await env.tickets.get(t.no))?.events.filter((e) => e.type === 'delivered') ?? [];
    expect(delivered.map((e) => e.data)).toEqual((await outboxRows(env.db)).map((r) => ({ outboxId: r.id, role: 'officer' })));
    expect(delivered[0]?.actor).toBe('system');

    expect(await worker.tick()).toBe(0);
    expect(channel.calls).toHaveLength(2);
  });

  it('leaves a message until its next attempt time', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_later', conversationId: 'c1', at: TUE_10, nextAttemptAt: TUE_10 + 10 * MIN });
    const channel = recorder();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });
    expect(await worker.tick()).toBe(0);
    env.clock.advance(10 * MIN);
    expect(await worker.tick()).toBe(1);
    expect(channel.acked).toEqual(['o_later']);
  });

  // Only the instance that runs a channel's bot delivers on it: the others leave its messages alone
  // (no attempt counted, no lease taken) and do not hold up their own channels' messages.
  it('leaves a channel it has no deliverer for to the instance that has one', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_wx', conversationId: 'c1', channel: 'wechat', at: TUE_10 });
    await enqueue(env.db, { id: 'o_web', conversationId: 'c2', at: TUE_10 });
    const channel = recorder();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });
    expect(await worker.tick()).toBe(1);
    expect(channel.acked).toEqual(['o_web']);
    expect(await row(env.db, 'o_wx')).toMatchObject({ attempts: 0, delivered_at: null, failed_at: null, last_error: null, leased_by: null, next_attempt_at: at(TUE_10) });

    const wechat = recorder();
    const wechatWorker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { wechat: wechat.deliver }, policy: POLICY });
    expect(await wechatWorker.tick()).toBe(1);
    expect(wechat.acked).toEqual(['o_wx']);
    expect(await row(env.db, 'o_wx')).toMatchObject({ attempts: 1, delivered_at: at(TUE_10), leased_by: null });
  });

  it('a worker without any deliverer claims nothing', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_web', conversationId: 'c1', at: TUE_10 });
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: {}, policy: POLICY });
    expect(await worker.tick()).toBe(0);
    expect(await row(env.db, 'o_web')).toMatchObject({ attempts: 0, leased_by: null, lease_until: null });
  });
});

describe('retries', () => {
  it('backs off exponentially (capped), then marks the message failed, flags the ticket and logs delivery_failed', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 }, '您好');
    const [message] = await outboxRows(env.db);
    if (!message) throw new Error('no outbox row');
    const versionBefore = (await env.tickets.get(t.no))?.ticket.version ?? 0;
    const channel = recorder(() => true);
    const logger = recordingLogger();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY, logger });

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await worker.tick()).toBe(0);
      const r = await row(env.db, message.id);
      expect(r).toMatchObject({ attempts: attempt, delivered_at: null, failed_at: null, last_error: 'channel down' });
      const next = Date.parse(r?.next_attempt_at ?? '');
      delays.push(next - env.clock.ms());
      // Not before its time.
      env.clock.set(next - 1);
      await worker.tick();
      expect(channel.calls).toHaveLength(attempt);
      env.clock.set(next);
    }
    expect(delays).toEqual([1_000, 2_000, 3_000, 3_000]);
    expect((await env.tickets.get(t.no))?.ticket.deliveryFailed).toBe(false);

    await worker.tick(); // the 5th and last attempt
    expect(channel.calls).toHaveLength(5);
    expect(await row(env.db, message.id)).toMatchObject({ attempts: 5, failed_at: at(env.clock.ms()), delivered_at: null, last_error: 'channel down' });
    const after = await env.tickets.get(t.no);
    expect(after?.ticket.deliveryFailed).toBe(true);
    expect(after?.ticket.version).toBeGreaterThan(versionBefore);
    expect(after?.events.at(-1)).toMatchObject({ type: 'delivery_failed', actor: 'system', data: { outboxId: message.id, error: 'channel down' } });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.data?.['outboxId'])).toEqual([message.id]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(4);

    env.clock.advance(60 * MIN);
    expect(await worker.tick()).toBe(0);
    expect(channel.calls).toHaveLength(5);
  });
});

describe('restart', () => {
  it('a new worker over the same database delivers what is left, exactly once', async () => {
    const clock = fakeClock();
    const env = await setup({ clock });
    const t = await env.openTicket();
    const ana = { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 } as const;
    await env.tickets.reply(t.no, ana, '请补充社保证明');
    await env.tickets.resolve(t.no, ana);
    const [reply, ratingRequest] = await outboxRows(env.db);
    if (!reply || !ratingRequest) throw new Error('expected two outbox rows');
    // The old process handed the reply to the channel, then died before recording the delivery.
    await env.store.appendMessage(t.conversationId, { role: 'officer', text: reply.text, citations: [] }, reply.id);
    await env.db.close();

    clock.advance(MIN);
    const restarted = await setup({ handle: env.handle, clock });
    const calls: string[] = [];
    // The web channel's deliverer: idempotent by outbox id.
    const deliver: Deliverer = async (m) => {
      calls.push(m.id);
      await restarted.store.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id);
    };
    const worker = createDeliveryWorker({ db: restarted.db, clock, deliverers: { web: deliver }, policy: POLICY });
    expect(await worker.tick()).toBe(2);
    // (The order is the ordering tests' business; here: each message once.)
    expect([...calls].sort()).toEqual([reply.id, ratingRequest.id].sort());
    expect((await restarted.store.messages(t.conversationId)).map((m) => m.id).sort()).toEqual([reply.id, ratingRequest.id].sort());
    expect((await outboxRows(restarted.db)).every((r) => r.delivered_at !== null)).toBe(true);

    // Another restart: nothing is delivered twice.
    await restarted.db.close();
    const again = await setup({ handle: env.handle, clock });
    const third = createDeliveryWorker({ db: again.db, clock, deliverers: { web: deliver }, policy: POLICY });
    expect(await third.tick()).toBe(0);
    expect(calls).toHaveLength(2);
    expect(await again.store.messages(t.conversationId)).toHaveLength(2);
    expect((await again.tickets.get(t.no))?.events.filter((e) => e.type === 'delivered')).toHaveLength(2);
  });
});

// Intended behaviour (b): a conversation's messages arrive strictly in order.
describe('order within a conversation (intended b)', () => {
  it('a failing message holds back the later ones of its conversation, not other conversations', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_a1', conversationId: 'A', at: TUE_10 });
    await enqueue(env.db, { id: 'o_b1', conversationId: 'B', at: TUE_10 + 1_000 });
    await enqueue(env.db, { id: 'o_a2', conversationId: 'A', at: TUE_10 + 2_000 });
    env.clock.advance(MIN);
    const channel = recorder((m, call) => m.id === 'o_a1' && call === 1);
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });

    expect(await worker.tick()).toBe(1);
    expect(channel.calls.map((m) => m.id)).toEqual(['o_a1', 'o_b1']);
    expect(await row(env.db, 'o_a2')).toMatchObject({ delivered_at: null, attempts: 0 });

    // Still held while the first one waits for its retry; a newer message waits too.
    await enqueue(env.db, { id: 'o_a3', conversationId: 'A', at: env.clock.ms() });
    expect(await worker.tick()).toBe(0);
    expect(channel.calls).toHaveLength(2);

    env.clock.advance(1_000);
    await worker.tick();
    await worker.tick();
    expect(channel.acked).toEqual(['o_b1', 'o_a1', 'o_a2', 'o_a3']);
  });

  it('a message given up on releases the ones behind it', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_a1', conversationId: 'A', at: TUE_10 });
    await enqueue(env.db, { id: 'o_a2', conversationId: 'A', at: TUE_10 + 1_000 });
    env.clock.advance(MIN);
    const channel = recorder((m) => m.id === 'o_a1');
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: { ...POLICY, maxAttempts: 2 } });

    await worker.tick();
    expect(channel.calls.map((m) => m.id)).toEqual(['o_a1']);
    env.clock.advance(1_000);
    await worker.tick();
    await worker.tick();
    expect((await row(env.db, 'o_a1'))?.failed_at).not.toBeNull();
    expect(channel.calls.map((m) => m.id)).toEqual(['o_a1', 'o_a1', 'o_a2']);
    expect(channel.acked).toEqual(['o_a2']);
  });

  it('keeps the order the messages were queued in, even within one instant', async () => {
    const env = await setup();
    // Same created_at; ids that sort the other way round.
    await enqueue(env.db, { id: 'o_zz', conversationId: 'A', text: '先', at: TUE_10 });
    await enqueue(env.db, { id: 'o_aa', conversationId: 'A', text: '后', at: TUE_10 });
    const channel = recorder();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });
    await worker.tick();
    expect(channel.calls.map((m) => m.text)).toEqual(['先', '后']);
  });

  it("an officer's last answer arrives before the rating request queued in the same instant", async () => {
    const env = await setup();
    const ana = { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 } as const;
    for (let i = 0; i < 5; i++) {
      const t = await env.openTicket();
      await env.tickets.reply(t.no, ana, `答复 ${i}`);
      await env.tickets.resolve(t.no, ana);
    }
    const channel = recorder();
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: channel.deliver }, policy: POLICY });
    await worker.tick();
    const byConversation = new Map<string, string[]>();
    for (const m of channel.calls) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m.role]);
    expect([...byConversation.values()]).toEqual(Array.from({ length: 5 }, () => ['officer', 'system']));
  });
});

// Intended behaviour (b): a deliver call that never returns counts as a failed attempt.
describe('delivery timeout (intended b)', () => {
  const hang = (): Promise<void> => new Promise<void>(() => {});
  const within = <T,>(p: Promise<T>, ms: number): Promise<T | 'still running'> =>
    Promise.race([p, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);

  it('a hung deliver call times out as a failed attempt and does not stall other conversations', async () => {
    const env = await setup();
    await enqueue(env.db, { id: 'o_a1', conversationId: 'A', at: TUE_10 });
    await enqueue(env.db, { id: 'o_b1', conversationId: 'B', at: TUE_10 + 1 });
    await enqueue(env.db, { id: 'o_a2', conversationId: 'A', at: TUE_10 + 2 });
    const acked: string[] = [];
    let hungOnce = false;
    const deliver: Deliverer = (m) => {
      if (m.id === 'o_a1' && !hungOnce) {
        hungOnce = true;
        return hang();
      }
      acked.push(m.id);
      return Promise.resolve();
    };
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: deliver }, policy: { ...POLICY, deliveryTimeoutMs: 50 } });
    env.clock.advance(MIN);

    expect(await within(worker.tick(), 3_000)).toBe(1);
    expect(acked).toEqual(['o_b1']);
    const r = await row(env.db, 'o_a1');
    expect(r).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null, next_attempt_at: at(TUE_10 + MIN + 1_000) });
    expect(r?.last_error).toBeTruthy();
    expect((await row(env.db, 'o_a2'))?.delivered_at).toBeNull();

    env.clock.advance(1_000);
    await within(worker.tick(), 3_000);
    expect(acked).toEqual(['o_b1', 'o_a1', 'o_a2']);
  });

  it('a deliver call that always hangs ends as failed after maxAttempts, and the ticket is flagged', async () => {
    const env = await setup();
    const t = await env.openTicket();
    await env.tickets.reply(t.no, { login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true, maxOpen: 10 }, '您好');
    const worker = createDeliveryWorker({ db: env.db, clock: env.clock, deliverers: { web: hang }, policy: { ...POLICY, maxAttempts: 2, deliveryTimeoutMs: 30 } });
    expect(await within(worker.tick(), 3_000)).toBe(0);
    env.clock.advance(1_000);
    expect(await within(worker.tick(), 3_000)).toBe(0);
    const [r] = await outboxRows(env.db);
    expect(r).toMatchObject({ attempts: 2, delivered_at: null });
    expect(r?.failed_at).not.toBeNull();
    expect((await env.tickets.get(t.no))?.ticket.deliveryFailed).toBe(true);
    expect((await env.tickets.get(t.no))?.events.at(-1)?.type).toBe('delivery_failed');
  });
});

describe('kick', () => {
  it('a queued reply is delivered soon after the service signals the outbox', async () => {
    const { db } = await stores.create();
    const clock = fakeClock();
    const officers = createOfficerRepo(db);
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
    await logIn(db, 'ana');
    const channel = recorder();
    const worker = createDeliveryWorker({ db, clock, deliverers: { web: channel.deliver }, policy: POLICY });
    const tickets = createTicketService({ db, officers, clock, onOutbox: () => worker.kick() });
    const { ticketNo } = await tickets.open(handoffRequest('c_kick'));
    const ana = await officers.get('ana');
    if (!ana) throw new Error('no ana');
    await tickets.reply(ticketNo, ana, '您好');
    const start = Date.now();
    while (channel.acked.length === 0 && Date.now() - start < 2_000) await new Promise((r) => setTimeout(r, 5));
    expect(channel.calls.map((m) => m.text)).toEqual(['您好']);
  });
});
});
