// Shapes of the officer API's responses, as the console reads them (types only: nothing of the server is bundled).
import type { Team, Ticket, TicketEvent } from '../../../handoff/types.js';
import type { ThreadMessage } from '../../../storage/chat-store.js';
import type { DashboardData } from '../officer/dashboard.js';
import type { publicOfficer } from '../officer/officer-routes.js';

export type { DashboardData, Team, Ticket, TicketEvent, ThreadMessage };

/** The logged-in officer, as the API shows it. */
export type Me = ReturnType<typeof publicOfficer>;

/** GET /me and POST /login. */
export interface SessionInfo {
  officer: Me;
  csrfToken: string;
  teams?: Team[];
  serverTime?: string;
  /** Failed attempts on this account since the previous login (only in the login answer). */
  failedLogins?: { count: number; addresses: number; lastAt?: string };
}

/** GET /tickets/:no. */
export interface TicketDetail {
  ticket: Ticket;
  events: TicketEvent[];
  transcript: ThreadMessage[];
  serverTime: string;
}

/** A curated-answer proposal. */
export interface Proposal {
  id: number;
  ticketNo: number | null;
  question: string;
  answer: string;
  keys: string[];
  lang: 'zh' | 'en';
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** A document of the policy library (GET /library). Fields after `articles` are shown when the server sends them. */
export interface LibraryDocument {
  id: string;
  title: string;
  kind: 'policy' | 'guide' | string;
  status: 'current' | 'superseded' | 'expired' | string;
  version: number;
  effective: string | null;
  expires: string | null;
  articles: number;
  /** `officer:<login>`, `seed` or `ingest`. */
  publishedBy?: string | null;
  publishedAt?: string | null;
  supersededBy?: string | null;
  /** Highest version number (the history's length). */
  latestVersion?: number;
  /** Earlier versions, newest first, when the server lists them (for rollback). */
  versions?: LibraryVersion[];
}

/** One published version of a document (GET /library/documents/:id). */
export interface LibraryVersion {
  version: number;
  meta?: Record<string, unknown>;
  fileName?: string;
  publishedBy?: string | null;
  publishedAt?: string | null;
  articles?: number;
}

/** A draft warning: a sentence, or a code with its message and the article it concerns. */
export type DraftWarning = string | { code?: string; message: string; key?: string };

/** An uploaded file parsed into a draft (POST /library/drafts). */
export interface LibraryDraft {
  id: string;
  documentId: string;
  meta: Record<string, unknown>;
  chunks: { key: string; heading: string; part?: number; parts?: number; text?: string }[];
  warnings: DraftWarning[];
  /** The version in use when the draft was made (absent for a new document). */
  baseVersion?: number | null;
  /** `officer:<login>` of who uploaded it. */
  createdBy?: string;
  createdAt?: string;
  fileName?: string;
}

/** A changed figure of an article ('' on the side where it does not exist). */
export interface FigureChange {
  /** The case it belongs to (博士, A类人才), '' when the text names none. */
  label?: string;
  before: string | null;
  after: string | null;
}

/** One article of the diff against the live version. */
export interface ArticleChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
  figures: FigureChange[];
  heading?: string;
  /** Sentences only in the old text. */
  removedSentences?: string[];
  /** Sentences only in the new text. */
  addedSentences?: string[];
}

/** An eligibility rule that cites a changed article, or no longer matches its text. */
export interface RuleImpact {
  ruleId: string;
  benefit: string;
  /** The cited key concerned. */
  key: string;
  reason: 'cites_changed' | 'article_missing' | 'figure_mismatch' | string;
  /** The rule's figures missing from the article's text (figure_mismatch). */
  figures?: string[];
}

/** A curated answer that cites a changed article. */
export interface CuratedImpact {
  id: string | number;
  question: string;
  keys: string[];
}

/** What a draft touches beyond its own text. */
export interface LibraryImpact {
  rules: RuleImpact[];
  curated: CuratedImpact[];
}

/** GET /library/drafts/:id/diff (the impact when the server sends it along). */
export interface LibraryDiff {
  articles: ArticleChange[];
  impact?: LibraryImpact;
}

/** An eligibility rule with the article it implements and what is wrong with it (GET /library/rules). */
export interface LibraryRule {
  id: string;
  benefit: string;
  key: string;
  /** The article's heading, null when the article does not exist. */
  article: string | null;
  flags: { key: string; reason: string; figures?: string[] }[];
}

/** A citation of an answer: a key, or an object carrying one. */
export type HitCitation = string | { key: string; title?: string };

/** One answer of the hit test. */
export interface HitAnswer {
  answer: string;
  citations: HitCitation[];
}

/** GET /library/drafts/:id/hits. */
export interface HitTest {
  items: { question: string; live: HitAnswer; draft: HitAnswer; changed: boolean }[];
  /** Dev-set questions left out because their search does not touch the document. */
  skipped?: number;
}
