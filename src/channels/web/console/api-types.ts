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
