import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createDeliveryWorker, type Deliverer, type DeliveryPolicy, type DeliveryWorker, type OutboxMessage } from '../../src/handoff/delivery-worker.js';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { hashPassword } from '../../src/handoff/passwords.js';
import { createTicketService, type TicketNotice, type TicketService } from '../../src/handoff/ticket-service.js';
import type { Officer, Ticket } from '../../src/handoff/types.js';
import { createChatStore } from '../../src/storage/chat-store.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { fakeClock, handoffRequest, logIn, outboxRows, recordingLogger, settle, useHandoffStores, type FakeClock } from './handoff-fixture.js';

let passwordHash = '';
beforeAll(async () => {
  passwordHash = await hashPassword('correct horse battery');
});

/** One instance of the product: its own connection (pool) to the shared store and its own ticket service. */
interface Instance {
  db: SqlDb;
  tickets: TicketService;
  /** Every notice this instance's consoles heard, its own and those received from the other instance. */
  notices: TicketNotice[];
}

/**
 * Several instances share one store: on PostgreSQL two ticket services and two delivery workers run
 * on two separate pools over the same schema, as two processes would. SQLite is the embedded store of
 * one process: there both run on the one connection, which still checks that the services and workers
 * coordinate through the store and not through memory of their own.
 */
describe.each(STORE_BACKENDS)('two instances on one $name store', ({ name, skip }) => {
  const stores = useHandoffStores(name);
  beforeEach(({ skip: skipTest }) => {
    if (skip) skipTest();
  });

  interface Cluster {
    a: Instance;
    b: Instance;
    clock: FakeClock;
    /** Waits for every notice the instances sent each other to be received. */
    settled(): Promise<void>;
    officer(login: string): Promise<Officer>;
    /** Opens a ticket from a new conversation through instance `via`. */
    openTicket(via: Instance, keys?: string[]): Promise<Ticket>;
  }

  /**
   * Officers ana and bo (补贴兑现, on duty), cai and dan (人才认定, off duty), lead (综合, lead). Each
   * instance broadcasts its notices to the other, as the change feed does between processes.
   */
  async function cluster(): Promise<Cluster> {
    const { handle, db } = await stores.create();
    const db2 = name === 'postgres' ? await stores.reopen(handle) : db;
    const clock = fakeClock();
    const officers = createOfficerRepo(db);
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
    await officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer', onDuty: true }, passwordHash);
    await officers.upsert({ login: 'cai', name: '蔡明', team: '人才认定', role: 'officer', onDuty: false }, passwordHash);
    await officers.upsert({ login: 'dan', name: '丹丹', team: '人才认定', role: 'officer', onDuty: false }, passwordHash);
    await officers.upsert({ login: 'lead', name: '李组长', team: '综合', role: 'lead', onDuty: false }, passwordHash);
    await logIn(db, 'ana');
    await logIn(db, 'bo');
    const pending: Promise<void>[] = [];
    const instances: Instance[] = [];
    for (const instanceDb of [db, db2]) {
      const notices: TicketNotice[] = [];
      const tickets = createTicketService({
        db: instanceDb,
        officers: createOfficerRepo(instanceDb),
        clock,
        broadcast: (notice) => {
          for (const other of instances) if (other.tickets !== tickets) pending.push(other.tickets.receive(notice));
        },
      });
      tickets.subscribe((n) => notices.push(n));
      instances.push({ db: instanceDb, tickets, notices });
    }
    const [a, b] = instances as [Instance, Instance];
    const chat = createChatStore(db, () => clock.now());
    return {
      a, b, clock,
      async settled() {
        while (pending.length > 0) await Promise.all(pending.splice(0));
      },
      async officer(login) {
        const o = await officers.get(login);
        if (!o) throw new Error(`no officer ${login}`);
        return o;
      },
      async openTicket(via, keys) {
        const { id } = await chat.createConversation({ channel: 'web', userId: 'visitor', lang: 'zh' });
        const { ticketNo } = await via.tickets.open(handoffRequest(id, keys ? { keys } : {}));
        const t = (await via.tickets.get(ticketNo))?.ticket;
        if (!t) throw new Error(`no ticket #${ticketNo}`);
        return t;
      },
    };
  }

  const errorCode = (r: { value: unknown } | { error: unknown }): string | undefined =>
    'error' in r ? (AppError.isInstance(r.error) ? r.error.code : `not an AppError: ${String(r.error)}`) : undefined;

  it('of 50 simultaneous claims through two instances exactly one wins; the others get conflict (forbidden for another team)', async () => {
    const c = await cluster();
    const t = await c.openTicket(c.a, ['qt25-2']); // 人才认定: nobody on duty, queued
    expect(t.state).toBe('queued');
    const team = [await c.officer('cai'), await c.officer('dan'), await c.officer('lead')];
    const ana = await c.officer('ana'); // 补贴兑现: may never claim it
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const via = i % 2 === 0 ? c.a : c.b;
      const officer = i % 10 === 9 ? ana : team[i % 3] as Officer;
      // Half with the version the console showed, half without: both must lose once someone has won.
      // The other team's officer claims without one, so the team check, not the version, refuses them.
      const version = i % 4 < 2 && officer !== ana ? t.version : undefined;
      return settle(via.tickets.claim(t.no, officer, version)).then((r) => ({ officer: officer.login, r }));
    });
    const results = await Promise.all(attempts);
    await c.settled();

    const won = results.flatMap(({ r }) => ('value' in r ? [r.value] : []));
    expect(won).toHaveLength(1);
    const winner = won[0] as Ticket;
    expect(winner).toMatchObject({ state: 'assigned', version: t.version + 1 });
    expect(results.filter(({ officer }) => officer === 'ana').map(({ r }) => errorCode(r))).toEqual(Array.from({ length: 5 }, () => 'forbidden'));
    expect(results.filter(({ officer, r }) => officer !== 'ana' && 'error' in r).map(({ r }) => errorCode(r))).toEqual(Array.from({ length: 44 }, () => 'conflict'));

    const stored = await c.b.tickets.get(t.no);
    expect(stored?.ticket).toMatchObject({ state: 'assigned', assignee: winner.assignee, version: t.version + 1 });
    expect(stored?.events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    // Both instances' consoles heard of the claim once: one from its own service, the other through the broadcast.
    for (const instance of [c.a, c.b]) {
      const updates = instance.notices.filter((n) => n.kind === 'updated' && n.ticket.no === t.no);
      expect(updates).toHaveLength(1);
      expect(updates[0]?.ticket).toMatchObject({ state: 'assigned', assignee: winner.assignee });
    }
  });

  it('100 replies on 10 conversations through two instances, two workers delivering at once: each message once, in the order queued', async () => {
    const c = await cluster();
    const tickets: Ticket[] = [];
    for (let i = 0; i < 10; i++) tickets.push(await c.openTicket(i % 2 === 0 ? c.a : c.b));
    const officers = new Map<string, Officer>();
    for (const login of ['ana', 'bo']) officers.set(login, await c.officer(login));

    const delivered: { by: string; message: OutboxMessage }[] = [];
    const deliverer = (by: string): Deliverer => async (message) => {
      // A channel call takes a moment: the other worker gets its turn meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      delivered.push({ by, message });
    };
    const workers: DeliveryWorker[] = [
      createDeliveryWorker({ db: c.a.db, clock: c.clock, deliverers: { web: deliverer('one') }, instanceId: 'one' }),
      createDeliveryWorker({ db: c.b.db, clock: c.clock, deliverers: { web: deliverer('two') }, instanceId: 'two' }),
    ];
    let replying = true;
    const loops = workers.map(async (worker) => {
      // Keep delivering while the replies are queued, then until a pass finds nothing left.
      while (replying || (await worker.tick()) > 0) {
        await worker.tick();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });

    // All 100 replies at once; a reply that lost a race for its ticket (conflict) is sent again, as the console does.
    const queued = new Map<number, { version: number; text: string }[]>();
    const reply = async (t: Ticket, i: number): Promise<void> => {
      const via = i % 2 === 0 ? c.a : c.b;
      const text = `工单 ${t.no} 第 ${i} 条答复`;
      for (let attempt = 0; ; attempt++) {
        const r = await settle(via.tickets.reply(t.no, officers.get(t.assignee ?? '') as Officer, text));
        if ('value' in r) {
          queued.set(t.no, [...(queued.get(t.no) ?? []), { version: r.value.version, text }]);
          return;
        }
        if (errorCode(r) !== 'conflict' || attempt >= 500) throw r.error;
      }
    };
    try {
      await Promise.all(tickets.flatMap((t) => Array.from({ length: 10 }, (_, i) => reply(t, i))));
    } finally {
      replying = false;
      await Promise.all(loops);
    }

    const rows = await outboxRows(c.a.db);
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.delivered_at !== null && r.attempts === 1 && r.leased_by === null)).toBe(true);
    // Exactly once: every outbox message reached the channel one time, whichever worker sent it.
    expect(delivered.map((d) => d.message.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const t of tickets) {
      // The order queued is the order the replies committed, which the ticket's version counts.
      const expected = (queued.get(t.no) ?? []).sort((x, y) => x.version - y.version).map((q) => q.text);
      expect(expected).toHaveLength(10);
      expect(delivered.filter((d) => d.message.ticketNo === t.no).map((d) => d.message.text)).toEqual(expected);
      expect(rows.filter((r) => r.ticket_no === t.no).map((r) => r.text)).toEqual(expected);
      const events = (await c.a.tickets.get(t.no))?.events ?? [];
      expect(events.filter((e) => e.type === 'replied')).toHaveLength(10);
      expect(events.filter((e) => e.type === 'delivered')).toHaveLength(10);
    }
  });

  it('a worker whose channel call hangs keeps its lease until leaseMs passes; then the other delivers, and the late completion is not recorded', async () => {
    const c = await cluster();
    const t = await c.openTicket(c.a);
    await c.a.tickets.reply(t.no, await c.officer(t.assignee ?? ''), '请补充社保证明');
    const [message] = await outboxRows(c.a.db);
    if (!message) throw new Error('no outbox row');

    // Long timeouts (never reached here): only the fake clock moves the lease.
    const policy: Partial<DeliveryPolicy> = { leaseMs: 5_000, deliveryTimeoutMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 1_000 };
    let release!: () => void;
    const hung: OutboxMessage[] = [];
    const slowLogger = recordingLogger();
    const slow = createDeliveryWorker({
      db: c.a.db, clock: c.clock, instanceId: 'slow', policy, logger: slowLogger,
      deliverers: { web: (m) => new Promise<void>((resolve) => { hung.push(m); release = resolve; }) },
    });
    const fastCalls: OutboxMessage[] = [];
    const fast = createDeliveryWorker({ db: c.b.db, clock: c.clock, instanceId: 'fast', policy, deliverers: { web: async (m) => void fastCalls.push(m) } });

    const slowPass = slow.tick();
    while (hung.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const leasedAt = c.clock.ms();
    expect((await outboxRows(c.b.db))[0]).toMatchObject({ leased_by: 'slow', lease_until: new Date(leasedAt + 5_000).toISOString(), delivered_at: null });

    // While the lease holds, the other instance leaves the message alone, up to its last millisecond.
    expect(await fast.tick()).toBe(0);
    c.clock.advance(5_000);
    expect(await fast.tick()).toBe(0);
    expect(fastCalls).toHaveLength(0);

    c.clock.advance(1);
    expect(await fast.tick()).toBe(1);
    expect(fastCalls.map((m) => m.id)).toEqual([message.id]);
    const deliveredAt = new Date(leasedAt + 5_001).toISOString();
    expect((await outboxRows(c.b.db))[0]).toMatchObject({ delivered_at: deliveredAt, attempts: 1, leased_by: null, lease_until: null });

    // The hung call returns at last: the slow worker no longer holds the lease, so nothing is recorded.
    release();
    expect(await slowPass).toBe(0);
    expect(slowLogger.lines.filter((l) => l.level === 'warn').map((l) => l.data?.['outboxId'])).toEqual([message.id]);
    expect((await outboxRows(c.a.db))[0]).toMatchObject({ delivered_at: deliveredAt, attempts: 1, leased_by: null });
    const events = (await c.a.tickets.get(t.no))?.events ?? [];
    expect(events.filter((e) => e.type === 'delivered').map((e) => e.data)).toEqual([{ outboxId: message.id, role: 'officer' }]);
    expect(hung).toHaveLength(1);
    expect(fastCalls).toHaveLength(1);
  });

  it('a failure reported after the lease ran out changes nothing either', async () => {
    const c = await cluster();
    const t = await c.openTicket(c.a);
    await c.a.tickets.reply(t.no, await c.officer(t.assignee ?? ''), '您好');
    const policy: Partial<DeliveryPolicy> = { leaseMs: 5_000, deliveryTimeoutMs: 60_000, maxAttempts: 1 };
    let fail!: (err: Error) => void;
    let called = false;
    const slow = createDeliveryWorker({
      db: c.a.db, clock: c.clock, instanceId: 'slow', policy,
      deliverers: { web: () => new Promise<void>((_, reject) => { called = true; fail = reject; }) },
    });
    const fast = createDeliveryWorker({ db: c.b.db, clock: c.clock, instanceId: 'fast', policy, deliverers: { web: async () => undefined } });
    const slowPass = slow.tick();
    while (!called) await new Promise((resolve) => setImmediate(resolve));
    c.clock.advance(5_001);
    expect(await fast.tick()).toBe(1);
    // maxAttempts 1: a failure recorded now would mark the message failed and flag the ticket.
    fail(new Error('channel down'));
    expect(await slowPass).toBe(0);
    const [row] = await outboxRows(c.a.db);
    expect(row).toMatchObject({ failed_at: null, last_error: null, attempts: 1 });
    expect(row?.delivered_at).not.toBeNull();
    const after = await c.a.tickets.get(t.no);
    expect(after?.ticket.deliveryFailed).toBe(false);
    expect(after?.events.map((e) => e.type)).not.toContain('delivery_failed');
  });

  it('the same reply with the same Idempotency-Key sent through both instances at once is stored once', async () => {
    const c = await cluster();
    const ana = await c.officer('ana');
    const bo = await c.officer('bo');
    const tickets: Ticket[] = [];
    for (let i = 0; i < 10; i++) tickets.push(await c.openTicket(i % 2 === 0 ? c.a : c.b));
    await Promise.all(tickets.map(async (t, i) => {
      const officer = t.assignee === 'ana' ? ana : bo;
      const text = `工单 ${t.no} 的答复`;
      const key = `key-${i}`;
      const [first, second] = await Promise.all([settle(c.a.tickets.reply(t.no, officer, text, key)), settle(c.b.tickets.reply(t.no, officer, text, key))]);
      // The loser of the race, whether it found the first one's key or failed on its primary key or on
      // the ticket's version, replays the first result: both calls return the same ticket.
      expect(errorCode(first)).toBeUndefined();
      expect(errorCode(second)).toBeUndefined();
      const stored = (first as { value: Ticket }).value;
      expect((second as { value: Ticket }).value).toEqual(stored);
      expect(await c.b.tickets.reply(t.no, officer, text, key)).toEqual(stored);
      expect(await c.a.tickets.reply(t.no, officer, text, key)).toEqual(stored);
      expect(stored).toMatchObject({ state: 'waiting_user', version: t.version + 1 });

      const events = (await c.a.tickets.get(t.no))?.events ?? [];
      expect(events.filter((e) => e.type === 'replied')).toHaveLength(1);
      expect((await outboxRows(c.a.db, t.no)).map((r) => r.text)).toEqual([text]);
    }));
    const keys = await c.a.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM ticket_reply_keys');
    expect(keys[0]?.n).toBe(10);
  });
});
