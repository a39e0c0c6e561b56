import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { HandoffRequest } from '../../src/core/ports/handoff-port.js';
import { HANDOFF_MIGRATIONS } from '../../src/handoff/migrations.js';
import { CHAT_MIGRATIONS, openDatabase, type Db } from '../../src/storage/open-database.js';

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

/** Temp directories and databases removed / closed after each test. */
export function useTempDb(): { dir(): Promise<string>; open(dir: string): Db } {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) if (db.open) db.close();
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    async dir() {
      const d = await mkdtemp(path.join(os.tmpdir(), 'qxz-handoff-'));
      dirs.push(d);
      return d;
    },
    open(dir) {
      const db = openDatabase(dir, [...CHAT_MIGRATIONS, ...HANDOFF_MIGRATIONS]);
      dbs.push(db);
      return db;
    },
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
}

/** Outbox rows in insertion order. */
export function outboxRows(db: Db, ticketNo?: number): OutboxRow[] {
  return ticketNo === undefined
    ? (db.prepare('SELECT * FROM outbox ORDER BY rowid').all() as OutboxRow[])
    : (db.prepare('SELECT * FROM outbox WHERE ticket_no = ? ORDER BY rowid').all(ticketNo) as OutboxRow[]);
}

/**
 * A console session for an officer, as logging in leaves one (routing gives tickets only to officers
 * on duty with a live session); it lasts until `expiresAt`.
 */
export function logIn(db: Db, login: string, expiresAt = '2099-01-01T00:00:00.000Z'): void {
  db.prepare('INSERT INTO officer_sessions (id_hash, login, csrf, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(`test-${login}-${Math.random().toString(36).slice(2)}`, login, 'csrf', expiresAt, '2025-01-01T00:00:00.000Z');
}
