import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, TEST_DATABASE_URL, useTestStores, type TestStoreHandle } from '../helpers/store-backends.js';
import { waitFor } from '../helpers/wait-for.js';

// Two instances of `npm start` on two ports against one PostgreSQL schema, as behind a load balancer.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const LEAD = { login: 'zhou.lan', password: 'two-instances-password' };

interface Instance {
  name: string;
  child: ChildProcess;
  base: string;
  output(): string;
}

async function startInstance(name: string, handle: TestStoreHandle, dataDir: string): Promise<Instance> {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: handle.schema ?? '',
      DATABASE_POOL_SIZE: '5',
      INSTANCE_ID: name,
      RATE_LIMIT_PER_MINUTE: '10000',
      CONVERSATION_RATE_LIMIT_PER_MINUTE: '10000',
      DELIVERY_TIMEOUT_MS: '2000',
      OFFICER_BOOTSTRAP_LOGIN: LEAD.login,
      OFFICER_BOOTSTRAP_PASSWORD: LEAD.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill reaches tsx and the node process it runs.
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (out += d.toString()));
  let base = '';
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`instance ${name} ended:\n${out}`);
    base = /open (http:\/\/127\.0\.0\.1:\d+)\//u.exec(out)?.[1] ?? '';
    return base !== '';
  }, 90_000, `instance ${name} to listen`);
  return { name, child, base, output: () => out };
}

function kill(instance: Instance, signal: NodeJS.Signals): void {
  if (instance.child.exitCode === null && instance.child.pid) {
    try {
      process.kill(-instance.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

interface Officer {
  cookie: string;
  csrf: string;
}

async function logIn(instance: Instance): Promise<Officer> {
  const res = await fetch(`${instance.base}/api/officer/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LEAD) });
  const body = await json<{ csrfToken: string }>(res);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken };
}

function officerPost(instance: Instance, officer: Officer, route: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${instance.base}/api/officer${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: officer.cookie, 'x-csrf-token': officer.csrf, ...headers },
    body: JSON.stringify(body),
  });
}

interface Conversation {
  id: string;
  token: string;
}

async function converse(instance: Instance): Promise<Conversation> {
  return json<Conversation>(await fetch(`${instance.base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
}

async function say(instance: Instance, c: Conversation, text: string): Promise<{ message: { text: string; handoff?: { ticketNo: number } } }> {
  return json(await fetch(`${instance.base}/api/conversations/${c.id}/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: JSON.stringify({ text }),
  }));
}

async function thread(instance: Instance, c: Conversation): Promise<{ role: string; text: string; seq: number }[]> {
  return (await json<{ messages: { role: string; text: string; seq: number }[] }>(await fetch(`${instance.base}/api/conversations/${c.id}/messages`, { headers: { authorization: `Bearer ${c.token}` } }))).messages;
}

/** An open `/events` stream: the messages it received so far. */
async function listen(instance: Instance, c: Conversation): Promise<{ received: { role: string; text: string; seq: number }[]; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${instance.base}/api/conversations/${c.id}/events`, { headers: { authorization: `Bearer ${c.token}`, accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  const received: { role: string; text: string; seq: number }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/mu.exec(block)?.[1];
          const data = /^data: (.+)$/mu.exec(block)?.[1];
          if (event === 'message' && data) received.push(JSON.parse(data) as { role: string; text: string; seq: number });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { received, close: () => controller.abort() };
}

describe.skipIf(!postgresAvailable)('two instances on one PostgreSQL database', () => {
  const stores = useTestStores('postgres', { keep: 'suite' });
  let handle: TestStoreHandle;
  let a: Instance;
  let b: Instance;
  let admin: pg.Client;

  beforeAll(async () => {
    handle = await stores.create();
    // Started together: migrations and the first lead are created once, under the migration lock.
    [a, b] = await Promise.all([startInstance('A', handle, path.join(handle.dataDir, 'a')), startInstance('B', handle, path.join(handle.dataDir, 'b'))]);
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${handle.schema}` });
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    kill(a, 'SIGKILL');
    kill(b, 'SIGKILL');
    await admin?.end();
  });

  it('both report the same store kind and index digest, each its own instance id', async () => {
    const health = await Promise.all([a, b].map(async (i) => json<{ ok: boolean; checks: Record<string, { detail: Record<string, unknown> }> }>(await fetch(`${i.base}/healthz`))));
    expect(health.map((h) => h.ok)).toEqual([true, true]);
    expect(health.map((h) => h.checks['store']?.detail['kind'])).toEqual(['postgres', 'postgres']);
    expect(health.map((h) => h.checks['process']?.detail['instance'])).toEqual(['A', 'B']);
    expect(health[0]?.checks['index']?.detail['digest']).toMatch(/^[0-9a-f]{16}$/u);
    expect(health[0]?.checks['index']?.detail['digest']).toBe(health[1]?.checks['index']?.detail['digest']);
    const migrations = await admin.query<{ name: string; n: string }>('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name');
    expect(migrations.rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect((await admin.query('SELECT login FROM officers WHERE password_hash IS NOT NULL')).rows).toEqual([{ login: LEAD.login }]);
  });

  it('a person chats on A and hands off; the officer replies on B; the reply arrives on A’s open stream', async () => {
    const c = await converse(a);
    const stream = await listen(a, c);
    const handed = await say(a, c, '我要转人工，找专员');
    const ticketNo = handed.message.handoff?.ticketNo;
    expect(ticketNo).toBeGreaterThan(0);
    const officer = await logIn(b);
    await json(await officerPost(b, officer, `/tickets/${ticketNo}/claim`));
    await json(await officerPost(b, officer, `/tickets/${ticketNo}/reply`, { text: '您好，我是周岚，在B实例回复您。' }));
    await waitFor(() => stream.received.some((m) => m.role === 'officer'), 15_000, 'the reply on A’s stream');
    expect(stream.received.filter((m) => m.role === 'officer').map((m) => m.text)).toEqual(['您好，我是周岚，在B实例回复您。']);
    stream.close();
  }, 60_000);

  it('50 concurrent claims of one ticket across A and B: one wins', async () => {
    const c = await converse(a);
    const ticketNo = (await say(a, c, '转人工')).message.handoff?.ticketNo;
    const [onA, onB] = await Promise.all([logIn(a), logIn(b)]);
    // The lead may claim; the ticket's version decides who was first.
    const version = (await json<{ ticket: { version: number } }>(await fetch(`${a.base}/api/officer/tickets/${ticketNo}`, { headers: { cookie: onA.cookie } }))).ticket.version;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? officerPost(a, onA, `/tickets/${ticketNo}/claim`, { version }) : officerPost(b, onB, `/tickets/${ticketNo}/claim`, { version }))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const claimed = await admin.query("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_no = $1 AND type = 'claimed'", [ticketNo]);
    expect(Number(claimed.rows[0].n)).toBe(1);
  }, 60_000);

  it('100 replies sent alternately through A and B reach the thread once each, in order', async () => {
    const c = await converse(a);
    const ticketNo = (await say(a, c, '转人工')).message.handoff?.ticketNo;
    const [onA, onB] = await Promise.all([logIn(a), logIn(b)]);
    await json(await officerPost(a, onA, `/tickets/${ticketNo}/claim`));
    const texts = Array.from({ length: 100 }, (_, i) => `第${i + 1}条回复`);
    for (const [i, text] of texts.entries()) {
      const [instance, officer] = i % 2 === 0 ? [a, onA] : [b, onB];
      await json(await officerPost(instance, officer, `/tickets/${ticketNo}/reply`, { text }, { 'Idempotency-Key': `two-instances-${ticketNo}-${i}` }));
    }
    await waitFor(async () => (await thread(b, c)).filter((m) => m.role === 'officer').length >= 100, 30_000, '100 replies delivered');
    expect((await thread(a, c)).filter((m) => m.role === 'officer').map((m) => m.text)).toEqual(texts);
  }, 120_000);

  it('an answer a lead approves on A is answered on B (curated answers reload on every instance)', async () => {
    const c = await converse(a);
    const ticketNo = (await say(a, c, '转人工')).message.handoff?.ticketNo;
    const onA = await logIn(a);
    const question = '人才码丢了怎么补办电子版';
    const answer = '人才码电子版可在“钱塘人才”小程序首页重新领取，无需补办。';
    const proposal = await json<{ proposal: { id: number } }>(await officerPost(a, onA, `/tickets/${ticketNo}/curate`, { question, answer, keys: ['g01-2'] }));
    await json(await officerPost(a, onA, `/curated/${proposal.proposal.id}/approve`));
    const other = await converse(b);
    await waitFor(async () => (await say(b, other, question)).message.text.includes('无需补办'), 15_000, 'B to answer with the approved answer');
  }, 60_000);

  it('the instance holding the lease of a reply dies (SIGKILL); the other delivers that reply once', async () => {
    const c = await converse(a);
    const ticketNo = (await say(a, c, '转人工')).message.handoff?.ticketNo;
    const onA = await logIn(a);
    await json(await officerPost(a, onA, `/tickets/${ticketNo}/claim`));
    // Hold the conversation's row: A's delivery of the next reply blocks while A holds its lease.
    const blocker = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${handle.schema}` });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [c.id]);
    const text = '这条回复发出时A实例停止了。';
    await json(await officerPost(a, onA, `/tickets/${ticketNo}/reply`, { text }));
    let leasedBy: string | null = null;
    await waitFor(async () => {
      const row = await admin.query<{ leased_by: string | null }>('SELECT leased_by FROM outbox WHERE ticket_no = $1 AND text = $2', [ticketNo, text]);
      leasedBy = row.rows[0]?.leased_by ?? null;
      return leasedBy !== null;
    }, 15_000, 'the reply to be leased');
    // Both instances run delivery workers (the other hears of the reply through the change feed), so
    // either may hold the lease: that one dies, the other must deliver.
    const [victim, survivor] = leasedBy === 'A' ? [a, b] : [b, a];
    expect(['A', 'B']).toContain(leasedBy);
    kill(victim, 'SIGKILL');
    await blocker.query('ROLLBACK');
    await blocker.end();
    await waitFor(async () => (await thread(survivor, c)).some((m) => m.text === text), 30_000, `${survivor.name} to deliver the reply after ${victim.name}’s lease ran out`);
    // The thread gets the message first; the outbox row is marked delivered right after, in its own commit.
    const outboxRow = (): Promise<pg.QueryResult<{ delivered_at: string | null; leased_by: string | null }>> =>
      admin.query('SELECT delivered_at, leased_by FROM outbox WHERE ticket_no = $1 AND text = $2', [ticketNo, text]);
    await waitFor(async () => (await outboxRow()).rows[0]?.delivered_at != null, 10_000, 'the outbox row to be marked delivered');
    const delivered = await outboxRow();
    expect(delivered.rows).toEqual([{ delivered_at: expect.any(String), leased_by: null }]);
    expect((await thread(survivor, c)).filter((m) => m.text === text)).toHaveLength(1);
    const events = await admin.query("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_no = $1 AND type = 'delivered'", [ticketNo]);
    expect(Number(events.rows[0].n)).toBe(1);
  }, 90_000);
});
