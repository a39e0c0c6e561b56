import type { Logger } from '../core/logger.js';
import type { Ticket } from './types.js';

/** What officers and channels hear about tickets. */
export interface TicketNotice {
  /** created, updated, escalated, message (the person wrote) or alert (to named officers). */
  kind: 'created' | 'updated' | 'escalated' | 'message' | 'alert';
  /** The ticket after the change. */
  ticket: Ticket;
  /** With kind alert: who must hear it and what. */
  alert?: TicketAlert;
}

/** A message for particular officers about a ticket. */
export interface TicketAlert {
  /** unstaffed: nobody on duty took a new ticket; taken_over: a lead took over someone's ticket. */
  type: 'unstaffed' | 'taken_over';
  /** Logins of the officers to tell. */
  to: string[];
  /** The text they read. */
  text: string;
}

/** A notice as it travels between instances: ids only; the receiver reads the ticket itself. */
export interface BroadcastNotice {
  /** As in TicketNotice. */
  kind: TicketNotice['kind'];
  /** The ticket. */
  no: number;
  /** With kind alert. */
  alert?: TicketAlert;
}

/** This instance's listeners of ticket notices, and the relay of every notice to the other instances. */
export interface TicketNotices {
  /** Tells this instance's listeners and broadcasts the notice (ids only) to the other instances. */
  notify(kind: TicketNotice['kind'], ticket: Ticket, alert?: TicketAlert): void;
  /** Tells this instance's listeners only (a notice that came from another instance). */
  tell(notice: TicketNotice): void;
  /** Adds a listener; returns the unsubscribe function. */
  subscribe(listener: (notice: TicketNotice) => void): () => void;
}

/** A failing listener or broadcast is logged and never stops the others, nor the change that caused it. */
export function createTicketNotices(deps: { logger: Logger; broadcast?: (notice: BroadcastNotice) => void }): TicketNotices {
  const listeners = new Set<(n: TicketNotice) => void>();
  const tell = (notice: TicketNotice): void => {
    for (const l of listeners) {
      try {
        l(notice);
      } catch (err) {
        deps.logger.warn('ticket listener failed', { error: (err as Error).message });
      }
    }
  };
  return {
    tell,
    notify(kind, ticket, alert) {
      tell({ kind, ticket, ...(alert ? { alert } : {}) });
      try {
        deps.broadcast?.({ kind, no: ticket.no, ...(alert ? { alert } : {}) });
      } catch (err) {
        deps.logger.warn('ticket notice not broadcast', { error: (err as Error).message });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
