import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConversationState, StoredMessage } from '../../core/ports/conversation-store.js';
import type { Citation, Reply } from '../../core/types.js';
import { applyMigrations } from '../../storage/apply-migrations.js';
import { createChatStore, type NewThreadMessage } from '../../storage/chat-store.js';
import { openSqliteFile } from '../../storage/open-store.js';
import { createSqliteDb } from '../../storage/sqlite/sqlite-db.js';
import { STORE_MIGRATIONS } from '../../store-migrations.js';
import { latency, round } from './measure.js';

/** One row of the turn-write table. */
export interface TurnWriteRow {
  /** How the turn is written and with which `synchronous`. */
  variant: string;
  /** Transactions committed per turn. */
  commitsPerTurn: number;
  /** Bytes of state JSON written per turn. */
  stateBytes: number;
  /** Turns written per second. */
  turnsPerSecond: number;
  /** Latency of one turn's writes, ms. */
  p50: number;
  p99: number;
}

/** A realistic turn to write: the state after it in both shapes, the question and the reply. */
export interface TurnSample {
  /** The state as it is stored now (latest questions and messages). */
  state: ConversationState;
  /** The same conversation as it was stored before: its last 20 messages and the last citations. */
  legacyState: ConversationState & { messages: StoredMessage[]; lastCitations?: Citation[] };
  question: string;
  reply: Reply;
}

/**
 * What writing a turn costs on the embedded SQLite store, with WAL: three commits (question, state,
 * answer) against one, each with synchronous=FULL and NORMAL, one writer and fifty at once. Each
 * variant runs for `seconds` on a fresh file on the same disk as the data folder would be.
 */
export async function measureTurnWrites(sample: TurnSample, seconds: number): Promise<TurnWriteRow[]> {
  const variants = [
    { variant: '3 commits (question, state, answer), synchronous=FULL', commits: 3, synchronous: 'FULL', writers: 1 },
    { variant: '1 commit (whole turn), synchronous=FULL', commits: 1, synchronous: 'FULL', writers: 1 },
    { variant: '3 commits, synchronous=NORMAL', commits: 3, synchronous: 'NORMAL', writers: 1 },
    { variant: '1 commit, synchronous=NORMAL', commits: 1, synchronous: 'NORMAL', writers: 1 },
    { variant: '3 commits, FULL, 50 writers at once', commits: 3, synchronous: 'FULL', writers: 50 },
    { variant: '1 commit, FULL, 50 writers at once (group commit)', commits: 1, synchronous: 'FULL', writers: 50 },
  ] as const;
  const rows: TurnWriteRow[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-writes-'));
  try {
    for (const [n, v] of variants.entries()) {
      const raw = openSqliteFile(dir, `turns-${n}.db`);
      raw.pragma(`synchronous = ${v.synchronous}`);
      const db = createSqliteDb(raw);
      try {
        await applyMigrations(db, STORE_MIGRATIONS);
        const store = createChatStore(db);
        const question: NewThreadMessage = { role: 'user', text: sample.question, citations: [] };
        const answer: NewThreadMessage = { role: 'bot', text: sample.reply.text, citations: sample.reply.citations };
        const ms: number[] = [];
        const endAt = performance.now() + seconds * 1000;
        // Each writer keeps to its own conversation, as one turn at a time per conversation does.
        const writer = async (): Promise<void> => {
          const { id } = await store.createConversation({ channel: 'web', userId: 'bench', lang: 'zh' });
          while (performance.now() < endAt) {
            const started = performance.now();
            if (v.commits === 3) {
              await store.appendMessage(id, question);
              await store.save({ ...sample.legacyState, id });
              await store.appendMessage(id, answer);
            } else {
              await store.commitTurn({ ...sample.state, id }, [question, answer]);
            }
            ms.push(performance.now() - started);
          }
        };
        await Promise.all(Array.from({ length: v.writers }, writer));
        const stateBytes = Buffer.byteLength(JSON.stringify(v.commits === 3 ? sample.legacyState : sample.state));
        const { p50, p99 } = latency(ms);
        rows.push({ variant: v.variant, commitsPerTurn: v.commits, stateBytes, turnsPerSecond: round(ms.length / seconds), p50, p99 });
      } finally {
        await db.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
