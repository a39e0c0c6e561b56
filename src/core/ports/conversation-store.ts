import type { Profile } from '../eligibility/types.js';
import type { Channel, Citation, HandoffReason } from '../types.js';

/** One message of a conversation as the assistant remembers it. */
export interface StoredMessage {
  /** Who wrote it. */
  role: 'user' | 'assistant' | 'officer';
  /** The text (Markdown for the assistant). */
  text: string;
  /** ISO time. */
  at: string;
  /** Citation keys of an assistant message. */
  keys?: string[];
}

/** What the assistant keeps per conversation between turns. */
export interface ConversationState {
  /** Conversation id. */
  id: string;
  /** Channel of the conversation. */
  channel: Channel;
  /** Channel user id. */
  userId: string;
  /** Messages, oldest first. */
  messages: StoredMessage[];
  /** Profile facts the person has stated. */
  profile: Profile;
  /** The eligibility rules being checked while facts are asked one at a time. */
  pendingRules?: string[];
  /** Consecutive dissatisfied turns. */
  dissatisfiedStreak: number;
  /** Citations of the last answer (a follow-up may refer to them). */
  lastCitations?: Citation[];
  /** The last handoff, if any. */
  lastHandoff?: { ticketNo: number; reason: HandoffReason; at: string };
  /** ISO time of the last "passed on to the officer" acknowledgement (at most one an hour). */
  lastRelayAckAt?: string;
}

/** Conversation memory; SQLite in production, in memory for tests and the CLI. */
export interface ConversationStore {
  /** The state of a conversation, or undefined if it does not exist yet. */
  get(id: string): Promise<ConversationState | undefined>;
  /** Saves the state (creates or replaces). */
  save(state: ConversationState): Promise<void>;
}

/** An in-memory store. */
export function createMemoryConversationStore(): ConversationStore {
  const map = new Map<string, ConversationState>();
  return {
    async get(id) {
      const s = map.get(id);
      return s ? structuredClone(s) : undefined;
    },
    async save(state) {
      map.set(state.id, structuredClone(state));
    },
  };
}
