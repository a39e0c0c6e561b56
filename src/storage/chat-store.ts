import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConversationState, ConversationStore } from '../core/ports/conversation-store.js';
import type { Channel, Citation, HandoffReason, Lang } from '../core/types.js';
import type { Db } from './open-database.js';

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

/** Conversations, threads and feedback in SQLite; also the assistant's conversation memory. */
export interface ChatStore extends ConversationStore {
  /** Creates a conversation and returns its id and access token (only its hash is stored). */
  createConversation(input: { channel: Channel; userId: string; lang: Lang }): { id: string; token: string };
  /** True when the token opens the conversation. */
  verifyToken(id: string, token: string): boolean;
  /** Whether a conversation exists. */
  exists(id: string): boolean;
  /**
   * Appends a message; seq is assigned in the same transaction. With an `id` that is already stored
   * (a redelivered outbox message) nothing is added and the stored message is returned.
   */
  appendMessage(conversationId: string, message: Omit<ThreadMessage, 'id' | 'seq' | 'createdAt'>, id?: string): ThreadMessage;
  /** Messages in order, optionally only after a seq. */
  messages(conversationId: string, afterSeq?: number): ThreadMessage[];
  /** One message of a conversation. */
  message(conversationId: string, messageId: string): ThreadMessage | undefined;
  /** Records (or replaces) the feedback on a bot message. */
  saveFeedback(input: { conversationId: string; messageId: string; rating: 'up' | 'down'; comment?: string }): void;
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

/** Creates the SQLite chat store; `now` is injectable for tests. */
export function createChatStore(db: Db, now: () => Date = () => new Date()): ChatStore {
  const insertConversation = db.prepare('INSERT INTO conversations (id, token_hash, channel, user_id, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectToken = db.prepare('SELECT token_hash FROM conversations WHERE id = ?');
  const selectState = db.prepare('SELECT state_json, channel, user_id FROM conversations WHERE id = ?');
  const updateState = db.prepare('UPDATE conversations SET state_json = ?, updated_at = ? WHERE id = ?');
  const upsertState = db.prepare(
    `INSERT INTO conversations (id, token_hash, channel, user_id, state_json, created_at, updated_at) VALUES (?, '', ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at`,
  );
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM messages WHERE conversation_id = ?');
  const insertMessage = db.prepare('INSERT INTO messages (id, conversation_id, seq, role, text, citations_json, handoff_json, curated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const selectMessages = db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq');
  const selectMessage = db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND id = ?');
  const upsertFeedback = db.prepare(
    `INSERT INTO feedback (conversation_id, message_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`,
  );
  const selectById = db.prepare('SELECT * FROM messages WHERE id = ?');
  const append = db.transaction((conversationId: string, m: Omit<ThreadMessage, 'id' | 'seq' | 'createdAt'>, id?: string): ThreadMessage => {
    const existing = id ? (selectById.get(id) as MessageRow | undefined) : undefined;
    if (existing) return toMessage(existing);
    const seq = (nextSeq.get(conversationId) as { seq: number }).seq;
    const message: ThreadMessage = { ...m, id: id ?? newId('m'), seq, createdAt: now().toISOString() };
    insertMessage.run(message.id, conversationId, seq, m.role, m.text, JSON.stringify(m.citations), m.handoff ? JSON.stringify(m.handoff) : null, m.curated ? 1 : 0, message.createdAt);
    return message;
  });

  return {
    createConversation({ channel, userId, lang }) {
      const id = newId('c');
      const token = randomBytes(32).toString('base64url');
      const at = now().toISOString();
      insertConversation.run(id, hash(token), channel, userId, lang, at, at);
      return { id, token };
    },
    verifyToken(id, token) {
      const row = selectToken.get(id) as { token_hash: string } | undefined;
      if (!row || row.token_hash === '') return false;
      const a = Buffer.from(row.token_hash, 'hex');
      const b = Buffer.from(hash(token), 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    },
    exists(id) {
      return selectToken.get(id) !== undefined;
    },
    appendMessage: (conversationId, message, id) => append(conversationId, message, id),
    messages(conversationId, afterSeq = 0) {
      return (selectMessages.all(conversationId, afterSeq) as MessageRow[]).map(toMessage);
    },
    message(conversationId, messageId) {
      const row = selectMessage.get(conversationId, messageId) as MessageRow | undefined;
      return row ? toMessage(row) : undefined;
    },
    saveFeedback({ conversationId, messageId, rating, comment }) {
      upsertFeedback.run(conversationId, messageId, rating, comment ?? null, now().toISOString());
    },
    async get(id) {
      const row = selectState.get(id) as { state_json: string | null; channel: Channel; user_id: string } | undefined;
      if (!row?.state_json) return undefined;
      return JSON.parse(row.state_json) as ConversationState;
    },
    async save(state) {
      // The assistant needs recent turns only; the full thread lives in `messages`.
      const compact = { ...state, messages: state.messages.slice(-20) };
      const at = now().toISOString();
      const json = JSON.stringify(compact);
      if (updateState.run(json, at, state.id).changes === 0) upsertState.run(state.id, state.channel, state.userId, json, at, at);
    },
  };
}
