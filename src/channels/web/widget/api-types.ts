// The chat API's shapes (docs/chat-api.md), as the widget sees them, with defensive parsers:
// the widget may talk to an older or newer server and must never crash on an odd payload.

import type { Citation } from '../../../core/types.js';

/** Who wrote a message. */
export type Role = 'user' | 'bot' | 'officer' | 'system';

/** A cited source passage: the server's own type (type-only, nothing of the server is bundled). */
export type { Citation };

/** The handoff of a conversation to a helper officer. */
export interface Handoff {
  /** Ticket number shown to the visitor. */
  ticketNo: number;
  /** Why the conversation was handed over. */
  reason: string;
}

/** One stored message of a conversation. */
export interface ChatMessage {
  /** Message id, e.g. m_…. */
  id: string;
  /** Position in the conversation (the SSE event id). */
  seq: number;
  /** Who wrote it. */
  role: Role;
  /** Markdown (bot, officer) or plain text (user, system). */
  text: string;
  /** Sources of the answer. */
  citations: Citation[];
  /** Set when this message handed the conversation to an officer. */
  handoff?: Handoff;
  /** True for an officer-approved curated answer. */
  curated?: boolean;
  /** ISO time. */
  createdAt: string;
}

/** A conversation's id and its access token. */
export interface ConversationRef {
  /** Conversation id, c_…. */
  id: string;
  /** Bearer token of the conversation. */
  token: string;
}

const ROLES: readonly Role[] = ['user', 'bot', 'officer', 'system'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A citation from untrusted JSON, or undefined when it lacks a key. */
export function parseCitation(raw: unknown): Citation | undefined {
  if (!isRecord(raw) || typeof raw['key'] !== 'string') return undefined;
  return {
    key: raw['key'],
    title: str(raw['title']),
    article: str(raw['article']),
    quote: str(raw['quote']),
    status: raw['status'] === 'superseded' ? 'superseded' : 'current',
    ...parseTranslation(raw['en']),
  };
}

// The optional English translation of a cited passage; one without text is dropped.
function parseTranslation(raw: unknown): Pick<Citation, 'en'> {
  if (!isRecord(raw) || typeof raw['quote'] !== 'string' || raw['quote'] === '') return {};
  return { en: { title: str(raw['title']), article: str(raw['article']), quote: raw['quote'] } };
}

/** Citations from untrusted JSON (invalid entries dropped). */
export function parseCitations(raw: unknown): Citation[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(parseCitation).filter((c): c is Citation => c !== undefined);
}

/** A handoff from untrusted JSON. */
export function parseHandoff(raw: unknown): Handoff | undefined {
  if (!isRecord(raw) || typeof raw['ticketNo'] !== 'number') return undefined;
  return { ticketNo: raw['ticketNo'], reason: str(raw['reason']) };
}

/** A message from untrusted JSON, or undefined when it is not one. */
export function parseMessage(raw: unknown): ChatMessage | undefined {
  if (!isRecord(raw) || typeof raw['id'] !== 'string' || typeof raw['text'] !== 'string') return undefined;
  const role = ROLES.find((r) => r === raw['role']);
  if (!role) return undefined;
  const message: ChatMessage = {
    id: raw['id'],
    seq: typeof raw['seq'] === 'number' ? raw['seq'] : 0,
    role,
    text: raw['text'],
    citations: parseCitations(raw['citations']),
    createdAt: str(raw['createdAt']),
  };
  const handoff = parseHandoff(raw['handoff']);
  if (handoff) message.handoff = handoff;
  if (raw['curated'] === true) message.curated = true;
  return message;
}

/** A conversation reference from untrusted JSON. */
export function parseConversationRef(raw: unknown): ConversationRef | undefined {
  if (!isRecord(raw)) return undefined;
  const id = raw['id'];
  const token = raw['token'];
  if (typeof id !== 'string' || typeof token !== 'string' || id === '' || token === '') return undefined;
  return { id, token };
}
