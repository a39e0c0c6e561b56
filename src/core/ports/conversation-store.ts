import type { Fact, Profile } from '../eligibility/types.js';
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
  /** The last eligibility question, so an answer or a correction re-answers it (see eligibility-dialogue). */
  eligibility?: EligibilityMemory;
  /** Consecutive dissatisfied turns. */
  dissatisfiedStreak: number;
  /** Citations of the last answer (a follow-up may refer to them). */
  lastCitations?: Citation[];
  /** The last handoff, if any. */
  lastHandoff?: { ticketNo: number; reason: HandoffReason; at: string };
  /** ISO time of the last "passed on to the officer" acknowledgement (at most one an hour). */
  lastRelayAckAt?: string;
}

/** What the assistant remembers of the last eligibility question. */
export interface EligibilityMemory {
  /** Rules the question asked about. */
  ruleIds: string[];
  /** check: may I get it; amount: how much; open: what can I get. */
  mode: 'check' | 'amount' | 'open';
  /** Whom the question is about. */
  subject: 'self' | 'other';
  /** The fact the bot asked for last, so a bare reply ("28", "没有") answers it. */
  asking?: Fact;
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
