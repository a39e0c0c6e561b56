import type { Logger } from '../../src/core/logger.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { HandoffRequest } from '../../src/core/ports/handoff-port.js';
import type { SqlDb, SqlExecutor } from '../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { useTestStores, type StoreBackend, type TestStoreHandle } from '../helpers/store-backends.js';

/** Tuesday 2025-06-10 10:00 in Hangzhou (UTC+8): office hours. */
export const TUE_10 = Date.parse('2025-06-10T02:00:00.000Z');
/** One minute, one hour, one day in ms. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A fixed clock the test moves by hand. */
export interface FakeClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
  ms(): number;
}

export function fakeClock(start = TUE_10): FakeClock {
  let current = start;
  return {
    now: () => new Date(current),
    set: (ms) => void (current = ms),
    advance: (ms) => void (current += ms),
    ms: () => current,
  };
}

/** A handoff store: one test's database (SQLite file or PostgreSQL schema) with every table. */
export interface HandoffStore {
  /** The handle the store was created on; `handle.open` again for another connection (a restart, another instance). */
  handle: TestStoreHandle;
  /** The first connection, open with every migration applied. */
  db: SqlDb;
}

/**
 * Stores on one backend, dropped after each test: `const stores = useHandoffStores(name)` in a suite,
 * then `await stores.create()` in a test, and `await stores.reopen(store.handle)` for a restart or a
 * second instance on the same data.
 */
export function useHandoffStores(name: StoreBackend['name']): {
  create(): Promise<HandoffStore>;
  reopen(handle: TestStoreHandle): Promise<SqlDb>;
  /** The store of `handle` opened again (a restart), or a new one. */
  openOrCreate(handle?: TestStoreHandle): Promise<HandoffStore>;
} {
  const stores = useTestStores(name);
  const create = async (): Promise<HandoffStore> => {
    const handle = await stores.create();
    return { handle, db: await handle.open(STORE_MIGRATIONS) };
  };
  return {
    create,
    reopen: (handle) => handle.open(STORE_MIGRATIONS),
    openOrCreate: async (handle) => (handle ? { handle, db: await handle.open(STORE_MIGRATIONS) } : create()),
  };
}

/** A handoff request for a conversation (web, user_request / policy_question unless overridden). */
export function handoffRequest(conversationId: string, overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  return {
    conversationId,
    channel: 'web',
    userId: `u_${conversationId}`,
    reason: 'user_request',
    intent: 'policy_question',
    keys: ['qt25-5'],
    summary: { question: '生活补贴怎么申请？', facts: {}, articles: ['qt25-5 第五条'], unresolved: '材料', transcript: [{ role: 'user', text: '生活补贴怎么申请？' }] },
    ...overrides,
  };
}

/** One recorded log line. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

/** A logger that keeps what it is given. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const push = (level: LogLine['level']) => (message: string, data?: Record<string, unknown>) => void lines.push({ level, message, ...(data ? { data } : {}) });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** An outbox row as stored. */
export interface OutboxRow {
  id: string;
  ticket_no: number | null;
  conversation_id: string;
  channel: string;
  channel_user_id: string;
  role: string;
  text: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  created_at: string;
  position: number;
  leased_by: string | null;
  lease_until: string | null;
}

/** Outbox rows in the order they were queued (`position`). */
export function outboxRows(db: SqlExecutor, ticketNo?: number): Promise<OutboxRow[]> {
  return ticketNo === undefined
    ? db.all<OutboxRow>('SELECT * FROM outbox ORDER BY position')
    : db.all<OutboxRow>('SELECT * FROM outbox WHERE ticket_no = ? ORDER BY position', [ticketNo]);
}

/**
 * A console session for an officer, as logging in leaves one (routing gives tickets only to officers
 * on duty with a live session); it lasts until `expiresAt`.
 */
export async function logIn(db: SqlExecutor, login: string, expiresAt = '2099-01-01T00:00:00.000Z'): Promise<void> {
  await db.run('INSERT INTO officer_sessions (id_hash, login, csrf, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
    [`test-${login}-${Math.random().toString(36).slice(2)}`, login, 'csrf', expiresAt, '2025-01-01T00:00:00.000Z']);
}

/** Makes every later outbox write fail with "outbox unavailable" (a trigger, in the store's own dialect). */
export async function failOutboxWrites(db: SqlDb): Promise<void> {
  if (db.dialect === 'sqlite') {
    await db.exec("CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;");
    return;
  }
  await db.exec(`CREATE FUNCTION outbox_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
    CREATE TRIGGER outbox_down BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_down();`);
}

/** Settles a promise into its value or its error, for tests that race calls and count the outcomes. */
export function settle<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return p.then((value) => ({ value }), (error: unknown) => ({ error }));
}
