/** Where a person asked from. */
export type Channel = 'web' | 'wechat' | 'cli' | 'console';

/** Reply language. */
export type Lang = 'zh' | 'en';

/** What a message is about. */
export type Intent =
  | 'greeting'
  | 'policy_question'
  | 'eligibility'
  | 'procedure'
  | 'comparison'
  | 'request_human'
  | 'complaint'
  | 'own_case'
  | 'out_of_scope';

/** One message from a person, as every channel hands it to the assistant. */
export interface Turn {
  /** Conversation id (stable per channel user or widget session). */
  conversationId: string;
  /** Channel-specific user id. */
  userId: string;
  /** Channel the message came from. */
  channel: Channel;
  /** The message text. */
  text: string;
}

/** A cited source passage. */
export interface Citation {
  /** Citation key, e.g. qt25-5 or g02-3. */
  key: string;
  /** Document title, e.g. 杭州市钱塘区关于进一步加快人才集聚发展的若干政策. */
  title: string;
  /** Article or section heading, e.g. 第五条 青年大学生生活补贴. */
  article: string;
  /** The quoted text. */
  quote: string;
  /** current or superseded. */
  status: 'current' | 'superseded';
  /** Unofficial English translation (English replies only): title, heading and text of the article. */
  en?: { title: string; article: string; quote: string };
}

/** Why a conversation was handed to a helper officer. */
export type HandoffReason =
  | 'user_request'
  | 'low_confidence'
  | 'complaint'
  | 'own_case'
  | 'repeated_dissatisfaction'
  | 'bot_error'
  | 'individual_negotiation';

/** One typo repaired in a question: the span as typed and the corpus word it became. */
export interface TypoRepair {
  /** The span as typed (after width and script normalisation), e.g. 工做站. */
  from: string;
  /** The word it was repaired to, e.g. 工作站. */
  to: string;
  /** Where the span starts in the canonical text (UTF-16 offset). */
  at: number;
}

/** The assistant's answer to one turn (design.md's Reply). */
export interface Reply {
  /** Markdown text. */
  text: string;
  /** Sources the text relies on, in order of use. */
  citations: Citation[];
  /** Classified intent of the turn. */
  intent: Intent;
  /** Present when the turn was handed to a helper officer. */
  handoff?: { ticketNo: number; reason: HandoffReason };
  /** Whether the question is within the assistant's remit. */
  scope: 'in' | 'out';
  /** Reply language. */
  lang: Lang;
  /** Keys retrieved for the turn, best first. */
  retrieved: string[];
  /** True when the text is an officer-approved curated answer. */
  curated?: boolean;
  /** 0–1 retrieval confidence of the turn, when a search ran. */
  confidence?: number;
  /** Typos repaired in the question before it was analysed (diagnostics; absent when none). */
  repairs?: TypoRepair[];
}
