import type { Profile } from '../eligibility/types.js';
import type { Channel, HandoffReason, Intent } from '../types.js';

/** What the bot hands to a helper officer. */
export interface HandoffRequest {
  /** Conversation id. */
  conversationId: string;
  /** Channel the person asked from (the reply goes back there). */
  channel: Channel;
  /** Channel user id. */
  userId: string;
  /** Why. */
  reason: HandoffReason;
  /** Intent of the turn that triggered it. */
  intent: Intent;
  /** Keys the bot found, best first. */
  keys: string[];
  /** Language of the person (for the expected-reply text). */
  lang?: 'zh' | 'en';
  /** The summary the bot writes for the officer. */
  summary: HandoffSummary;
}

/** The bot's summary of a case for the officer. */
export interface HandoffSummary {
  /** The person's question in their words. */
  question: string;
  /** Facts the bot knows about the person. */
  facts: Profile;
  /** Articles the bot found, as "key heading". */
  articles: string[];
  /** What the bot could not settle, in words. */
  unresolved: string;
  /** Recent transcript lines, oldest first. */
  transcript: { role: string; text: string }[];
}

/** Opens tickets; the handoff module implements it with SQLite, tests with memory. */
export interface HandoffPort {
  /** Opens a ticket (or returns the conversation's open one) and its number. */
  open(request: HandoffRequest): Promise<{ ticketNo: number; expectedReply: string }>;
  /**
   * The open ticket of a conversation, if any: while it is open the bot stays quiet. `officerReplied`
   * is true once an officer has answered (the person is then talking to them).
   */
  openTicketOf(conversationId: string, lang?: 'zh' | 'en'): Promise<{ ticketNo: number; expectedReply: string; officerReplied?: boolean } | undefined>;
  /** Adds a person's message to their open ticket. */
  append(conversationId: string, text: string): Promise<void>;
  /** Takes a 1–5 rating reply after a resolved ticket; false when the text is not one or none is awaited. */
  rate?(conversationId: string, text: string): Promise<boolean>;
}

/** An in-memory handoff port that records requests. */
export function createMemoryHandoffPort(): HandoffPort & { requests: HandoffRequest[]; resolve(conversationId: string): void; officerReplies(conversationId: string): void } {
  const open = new Map<string, number>();
  const replied = new Set<string>();
  const requests: HandoffRequest[] = [];
  let next = 1;
  const expectedReply = '工作日 1 个工作日内';
  return {
    requests,
    async open(request) {
      requests.push(request);
      const existing = open.get(request.conversationId);
      if (existing !== undefined) return { ticketNo: existing, expectedReply };
      const ticketNo = next++;
      open.set(request.conversationId, ticketNo);
      return { ticketNo, expectedReply };
    },
    async openTicketOf(conversationId) {
      const ticketNo = open.get(conversationId);
      return ticketNo === undefined ? undefined : { ticketNo, expectedReply, officerReplied: replied.has(conversationId) };
    },
    async append() {},
    resolve(conversationId) {
      open.delete(conversationId);
      replied.delete(conversationId);
    },
    /** Marks that an officer answered the conversation's open ticket. */
    officerReplies(conversationId) {
      replied.add(conversationId);
    },
  };
}
