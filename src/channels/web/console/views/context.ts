import type { OfficerApi } from '../api.js';
import type { Me, Team } from '../api-types.js';

/** What the views share: the API, who is logged in, the server-corrected clock and notices. */
export interface ConsoleCtx {
  api: OfficerApi;
  me: Me;
  teams: Team[];
  /** An officer's display name from their login (the login when unknown). */
  nameOf(login: string): string;
  /** Now in ms, corrected by the server's clock. */
  now(): number;
  /** Adopts the server's time (SLA countdowns use the server's clock, not the PC's). */
  syncClock(serverTime: string | undefined): void;
  /** Shows a short notice. */
  notify(message: string): void;
  /** Shows an error in words (a 401 also returns to the login form). */
  showError(err: unknown): void;
  /** Opens a ticket in the detail pane. */
  openTicket(no: number): void;
  /** Reloads the inbox soon. */
  refreshInbox(): void;
}
