import type { Fact, Profile } from '../eligibility/types.js';
import type { Channel, HandoffReason } from '../types.js';

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

/** How many of the person's latest questions the state keeps (follow-ups lean on the latest that names a topic). */
export const RECENT_QUESTIONS = 10;
/** How many latest messages (both sides) the state keeps whole: the handoff transcript reads 8, the topic and the model's history 6. */
export const RECENT_MESSAGES = 8;

/**
 * What the assistant keeps per conversation between turns: what it reads, not a copy of the thread
 * (channels store the thread themselves). It is rewritten every turn, so it stays small.
 */
export interface ConversationState {
  /** Conversation id. */
  id: string;
  /** Channel of the conversation. */
  channel: Channel;
  /** Channel user id. */
  userId: string;
  /** The person's latest questions, oldest first (at most {@link RECENT_QUESTIONS}). */
  questions: string[];
  /** The latest messages, oldest first (at most {@link RECENT_MESSAGES}). */
  recent: StoredMessage[];
  /** Profile facts the person has stated. */
  profile: Profile;
  /** The eligibility rules being checked while facts are asked one at a time. */
  pendingRules?: string[];
  /** The last eligibility question, so an answer or a correction re-answers it (see eligibility-dialogue). */
  eligibility?: EligibilityMemory;
  /** Consecutive dissatisfied turns. */
  dissatisfiedStreak: number;
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

/** Adds one exchange to the state's memory of the conversation and drops what no turn reads any more. */
export function rememberExchange(state: ConversationState, question: StoredMessage, answer: StoredMessage): void {
  state.questions = [...state.questions, question.text].slice(-RECENT_QUESTIONS);
  state.recent = [...state.recent, question, answer].slice(-RECENT_MESSAGES);
}

/**
 * A state as stored, in today's shape. States saved before the compact shape carried the last 20
 * messages (and the last citations); their questions and latest messages are what the assistant
 * would have read from them.
 */
export function upgradeState(stored: ConversationState & { messages?: StoredMessage[]; lastCitations?: unknown }): ConversationState {
  const { messages, lastCitations: _dropped, ...rest } = stored;
  if (!messages) return rest;
  return {
    ...rest,
    questions: messages.filter((m) => m.role === 'user').map((m) => m.text).slice(-RECENT_QUESTIONS),
    recent: messages.slice(-RECENT_MESSAGES),
  };
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
