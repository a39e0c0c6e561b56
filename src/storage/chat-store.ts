import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { upgradeState, type ConversationState, type ConversationStore } from '../core/ports/conversation-store.js';
import type { Channel, Citation, HandoffReason, Lang } from '../core/types.js';
import { createGroupCommit } from './group-commit.js';
import { forUpdate, type SqlDb, type SqlExecutor } from './sql-db.js';

/** A stored message of a thread, as the chat API returns it. */
export interface ThreadMessage {
  /** Message id. */
  id: string;
  /** Position in the conversation, from 1; the SSE event id. */
  seq: number;
  /** Who wrote it. */
  role: 'user' | 'bot' | 'officer' | 'system';
  /** Markdown (bot) or plain text. */
  text: string;
  /** Sources of a bot message. */
  citations: Citation[];
  /** Set when the message handed the conversation to an officer. */
  handoff?: { ticketNo: number; reason: HandoffReason };
  /** True for an officer-approved curated answer. */
  curated?: boolean;
  /** ISO time. */
  createdAt: string;
}

/** A message to append: the store assigns id, seq and time. */
export type NewThreadMessage = Omit<ThreadMessage, 'id' | 'seq' | 'createdAt'>;

/** Conversations, threads and feedback in the store; also the assistant's conversation memory. */
export interface ChatStore extends ConversationStore {
  /** Creates a conversation and returns its id and access token (only its hash is stored). */
  createConversation(input: { channel: Channel; userId: string; lang: Lang }): Promise<{ id: string; token: string }>;
  /** True when the token opens the conversation. */
  verifyToken(id: string, token: string): Promise<boolean>;
  /** Whether a conversation exists. */
  exists(id: string): Promise<boolean>;
  /**
   * Appends a message; seq is assigned in the same transaction. With an `id` that is already stored
   * (a redelivered outbox message) nothing is added and the stored message is returned.
   */
  appendMessage(conversationId: string, message: NewThreadMessage, id?: string): Promise<ThreadMessage>;
  /**
   * Records a whole turn in one transaction (one durable write): the assistant's state after it and
   * the turn's messages, appended in order. Either all of it is stored or, if anything fails, none.
   */
  commitTurn(state: ConversationState, messages: readonly NewThreadMessage[]): Promise<ThreadMessage[]>;
  /** Messages in order, optionally only after a seq. */
  messages(conversationId: string, afterSeq?: number): Promise<ThreadMessage[]>;
  /** One message of a conversation. */
  message(conversationId: string, messageId: string): Promise<ThreadMessage | undefined>;
  /** Records (or replaces) the feedback on a bot message. */
  saveFeedback(input: { conversationId: string; messageId: string; rating: 'up' | 'down'; comment?: string }): Promise<void>;
}

interface TurnWrite {
  state: ConversationState;
  messages: readonly NewThreadMessage[];
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

interface MessageRow {
  id: string;
  seq: number;
  role: ThreadMessage['role'];
  text: string;
  citations_json: string;
  handoff_json: string | null;
  curated: number;
  created_at: string;
}

function toMessage(r: MessageRow): ThreadMessage {
  return {
    id: r.id,
    seq: r.seq,
    role: r.role,
    text: r.text,
    citations: JSON.parse(r.citations_json) as Citation[],
    ...(r.handoff_json ? { handoff: JSON.parse(r.handoff_json) as ThreadMessage['handoff'] } : {}),
    ...(r.curated ? { curated: true } : {}),
    createdAt: r.created_at,
  };
}

/** Creates the chat store over SQLite or PostgreSQL; `now` is injectable for tests. */
export function createChatStore(db: SqlDb, now: () => Date = () => new Date()): ChatStore {
  // On SQLite, turns that finish together share a transaction and its fsync (see group-commit).
  const sqliteTurns = db.dialect === 'sqlite' ? createGroupCommit(db, (tx, turn: TurnWrite) => writeTurn(tx, turn)) : undefined;
  return {
    async createConversation({ channel, userId, lang }) {
      const id = newId('c');
      const token = randomBytes(32).toString('base64url');
      const at = now().toISOString();
      await db.run('INSERT INTO conversations (id, token_hash, channel, user_id, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, hash(token), channel, userId, lang, at, at]);
      return { id, token };
    },
    async verifyToken(id, token) {
      const row = await db.get<{ token_hash: string }>('SELECT token_hash FROM conversations WHERE id = ?', [id]);
      if (!row || row.token_hash === '') return false;
      const a = Buffer.from(row.token_hash, 'hex');
      const b = Buffer.from(hash(token), 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    },
    async exists(id) {
      return (await db.get('SELECT 1 AS one FROM conversations WHERE id = ?', [id])) !== undefined;
    },
    appendMessage(conversationId, m, id) {
      return db.transaction(async (tx) => {
        const existing = id ? await tx.get<MessageRow>('SELECT * FROM messages WHERE id = ?', [id]) : undefined;
        if (existing) return toMessage(existing);
        // Instances appending to one conversation at once take turns on its row, so seqs never collide.
        await tx.get(`SELECT id FROM conversations WHERE id = ?${forUpdate(db)}`, [conversationId]);
        const [message] = await insertMessages(tx, conversationId, [m], id);
        return message!;
      });
    },
    commitTurn(state, messages) {
      return sqliteTurns ? sqliteTurns({ state, messages }) : db.transaction((tx) => writeTurn(tx, { state, messages }));
    },
    async messages(conversationId, afterSeq = 0) {
      return (await db.all<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq', [conversationId, afterSeq])).map(toMessage);
    },
    async message(conversationId, messageId) {
      const row = await db.get<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND id = ?', [conversationId, messageId]);
      return row ? toMessage(row) : undefined;
    },
    async saveFeedback({ conversationId, messageId, rating, comment }) {
      await db.run(
        `INSERT INTO feedback (conversation_id, message_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`,
        [conversationId, messageId, rating, comment ?? null, now().toISOString()],
      );
    },
    async get(id) {
      const row = await db.get<{ state_json: string | null }>('SELECT state_json FROM conversations WHERE id = ?', [id]);
      if (!row?.state_json) return undefined;
      return upgradeState(JSON.parse(row.state_json) as Parameters<typeof upgradeState>[0]);
    },
    async save(state) {
      await upsertState(db, state);
    },
  };

  async function writeTurn(tx: SqlExecutor, { state, messages }: TurnWrite): Promise<ThreadMessage[]> {
    // The upsert locks the conversation's row (PostgreSQL), so the seqs below cannot collide with
    // another instance's append; on SQLite the transaction holds the write lock already.
    await upsertState(tx, state);
    return insertMessages(tx, state.id, messages);
  }

  async function upsertState(ex: SqlExecutor, state: ConversationState): Promise<void> {
    const at = now().toISOString();
    await ex.run(
      `INSERT INTO conversations (id, token_hash, channel, user_id, state_json, created_at, updated_at) VALUES (?, '', ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
      [state.id, state.channel, state.userId, JSON.stringify(state), at, at],
    );
  }

  /** Inserts messages after the conversation's last seq; the caller's transaction holds the conversation. */
  async function insertMessages(tx: SqlExecutor, conversationId: string, messages: readonly NewThreadMessage[], id?: string): Promise<ThreadMessage[]> {
    if (messages.length === 0) return [];
    const { seq } = (await tx.get<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM messages WHERE conversation_id = ?', [conversationId]))!;
    const createdAt = now().toISOString();
    const stored = messages.map((m, i): ThreadMessage => ({ ...m, id: (i === 0 ? id : undefined) ?? newId('m'), seq: seq + i + 1, createdAt }));
    // One statement for all of them: one round trip to PostgreSQL.
    await tx.run(
      `INSERT INTO messages (id, conversation_id, seq, role, text, citations_json, handoff_json, curated, created_at) VALUES ${stored.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      stored.flatMap((m) => [m.id, conversationId, m.seq, m.role, m.text, JSON.stringify(m.citations), m.handoff ? JSON.stringify(m.handoff) : null, m.curated ? 1 : 0, createdAt]),
    );
    return stored;
  }
}
