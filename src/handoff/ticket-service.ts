import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { HandoffPort, HandoffRequest } from '../core/ports/handoff-port.js';
import type { Db } from '../storage/open-database.js';
import type { OfficerRepo } from './officer-repo.js';
import { pickOfficer, priorityFor, teamFor } from './routing.js';
import { DEFAULT_SERVICE_HOURS, describeDue, dueTimes, type ServiceHours } from './sla.js';
import { nextState, type TicketAction } from './state-machine.js';
import { createTicketRepo, type TicketFilter } from './ticket-repo.js';
import { PRIORITIES, type Officer, type Priority, type Team, type Ticket, type TicketEvent } from './types.js';

/** What officers and channels hear about tickets. */
export interface TicketNotice {
  /** created, updated, escalated or message (the person wrote). */
  kind: 'created' | 'updated' | 'escalated' | 'message';
  /** The ticket after the change. */
  ticket: Ticket;
}

/** The ticket service: the HandoffPort of the assistant and every officer action. */
export interface TicketService extends HandoffPort {
  /** Tickets by filter. */
  list(filter: TicketFilter): Ticket[];
  /** One ticket with its event log (internal notes included: officers only). */
  get(no: number): { ticket: Ticket; events: TicketEvent[] } | undefined;
  /** Claims a queued ticket; exactly one of two simultaneous claims wins (409 for the other). */
  claim(no: number, officer: Officer, expectedVersion?: number): Ticket;
  /** Sends a reply to the person (through the outbox) and waits for them. */
  reply(no: number, officer: Officer, text: string): Ticket;
  /** Adds an internal note; it never reaches the person. */
  note(no: number, officer: Officer, text: string): Ticket;
  /** Moves the ticket to another team's queue. */
  transfer(no: number, officer: Officer, team: Team): Ticket;
  /** Resolves the ticket and asks the person for a 1–5 rating. */
  resolve(no: number, officer: Officer): Ticket;
  /** Changes the priority. */
  setPriority(no: number, officer: Officer, priority: Priority): Ticket;
  /** Escalates overdue tickets (priority up, lead notified); returns them. */
  escalateOverdue(): Ticket[];
  /** Listens to ticket notices; returns the unsubscribe function. */
  subscribe(listener: (notice: TicketNotice) => void): () => void;
  /** Records a rating reply ("5") for a resolved ticket; false when the text is no rating or none is awaited. */
  rate(conversationId: string, text: string): Promise<boolean>;
}

/** What the service is made of. */
export interface TicketServiceDeps {
  db: Db;
  officers: OfficerRepo;
  clock: Clock;
  hours?: ServiceHours;
  logger?: Logger;
  /** Called after a transaction that queued outbox messages (the delivery worker wakes up). */
  onOutbox?: () => void;
}

const RATING_WINDOW_MS = 24 * 60 * 60_000;
const RATING_RE = /^\s*([1-5])\s*(分|星|stars?)?\s*[。.!！]?\s*$/iu;

/** Creates the ticket service over SQLite. */
export function createTicketService(deps: TicketServiceDeps): TicketService {
  const { db, officers, clock } = deps;
  const hours = deps.hours ?? DEFAULT_SERVICE_HOURS;
  const logger = deps.logger ?? silentLogger;
  const repo = createTicketRepo(db);
  const listeners = new Set<(n: TicketNotice) => void>();
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (id, ticket_no, conversation_id, channel, channel_user_id, role, text, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = (): string => clock.now().toISOString();
  const notify = (kind: TicketNotice['kind'], ticket: Ticket): void => {
    for (const l of listeners) {
      try {
        l({ kind, ticket });
      } catch (err) {
        logger.warn('ticket listener failed', { error: (err as Error).message });
      }
    }
  };
  const mustGet = (no: number): Ticket => {
    const t = repo.get(no);
    if (!t) throw new AppError('not_found', `No ticket #${no}`);
    return t;
  };
  const mayAct = (t: Ticket, officer: Officer): void => {
    if (officer.role === 'lead') return;
    if (t.team !== officer.team) throw new AppError('forbidden', `Ticket #${t.no} belongs to team ${t.team}`);
    if (t.assignee !== undefined && t.assignee !== officer.login) throw new AppError('forbidden', `Ticket #${t.no} is assigned to ${t.assignee}`);
  };
  const queueMessage = (t: Ticket, role: 'officer' | 'system', text: string, at: string): void => {
    insertOutbox.run(`o_${randomBytes(12).toString('base64url')}`, t.no, t.conversationId, t.channel, t.channelUserId, role, text, at, at);
  };

  /** One state change in one transaction: compare-and-set, event, and any outbox message. */
  function change(no: number, actor: string, action: TicketAction | undefined, apply: (t: Ticket, at: string) => { changes: Record<string, string | number | null>; event?: { type: TicketEvent['type']; data?: Record<string, unknown> }; message?: { role: 'officer' | 'system'; text: string } }, expectedVersion?: number): Ticket {
    const at = now();
    const done = db.transaction(() => {
      const t = mustGet(no);
      if (expectedVersion !== undefined && t.version !== expectedVersion) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
      const { changes, event, message } = apply(t, at);
      if (action) changes['state'] = nextState(t.state, action);
      if (!repo.update(no, t.version, changes, at)) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
      if (event) repo.event(no, at, actor, event.type, event.data ?? {});
      if (message) queueMessage(t, message.role, message.text, at);
      return { ticket: mustGet(no), queued: message !== undefined };
    })();
    if (done.queued) deps.onOutbox?.();
    notify('updated', done.ticket);
    return done.ticket;
  }

  const route = (team: Team): Officer | undefined =>
    pickOfficer(team, officers.all(), (login) => repo.openCount(login), repo.lastAssigned(team));

  return {
    async open(request: HandoffRequest) {
      const existing = repo.openOf(request.conversationId);
      const lang = request.lang ?? 'zh';
      if (existing) return { ticketNo: existing.no, expectedReply: describeDue(new Date(existing.firstResponseDue), clock.now(), lang, hours) };
      const at = clock.now();
      const team = teamFor(request.keys, request.reason);
      const priority = priorityFor(request.reason, request.intent);
      const due = dueTimes(at, priority, hours);
      const officer = route(team);
      const no = db.transaction(() => {
        const n = repo.insert({
          conversationId: request.conversationId, channel: request.channel, channelUserId: request.userId, team, priority, reason: request.reason,
          summary: request.summary, tags: [request.intent], state: officer ? 'assigned' : 'queued', ...(officer ? { assignee: officer.login } : {}),
          firstResponseDue: due.firstResponseDue.toISOString(), resolutionDue: due.resolutionDue.toISOString(),
        }, at.toISOString());
        repo.event(n, at.toISOString(), 'bot', 'created', { reason: request.reason, team, priority });
        if (officer) {
          repo.event(n, at.toISOString(), 'system', 'assigned', { to: officer.login });
          repo.setLastAssigned(team, officer.login);
        }
        return n;
      })();
      const ticket = mustGet(no);
      logger.info('ticket created', { ticketNo: no, team, priority, reason: request.reason, assignee: officer?.login });
      notify('created', ticket);
      return { ticketNo: no, expectedReply: describeDue(due.firstResponseDue, at, lang, hours) };
    },

    async openTicketOf(conversationId, lang = 'zh') {
      const t = repo.openOf(conversationId);
      // The promise made when the ticket opened, not a new one computed from now.
      return t ? { ticketNo: t.no, expectedReply: describeDue(new Date(t.firstResponseDue), clock.now(), lang, hours) } : undefined;
    },

    async append(conversationId, text) {
      const t = repo.openOf(conversationId);
      if (!t) return;
      const updated = change(t.no, 'person', 'person_writes', () => ({ changes: {}, event: { type: 'person_message', data: { text } } }));
      notify('message', updated);
    },

    async rate(conversationId, text) {
      const t = repo.awaitingRating(conversationId);
      if (!t) return false;
      // Only the very next message, within a day, can be the rating: a "3" days later, or after the
      // person moved on, answers some other question (社保几个月？) and must reach the bot.
      const m = RATING_RE.exec(text);
      const fresh = t.resolvedAt !== undefined && clock.now().getTime() - Date.parse(t.resolvedAt) <= RATING_WINDOW_MS;
      if (m && fresh) {
        change(t.no, 'person', 'close', () => ({ changes: { rating: Number(m[1]) }, event: { type: 'rated', data: { rating: Number(m[1]) } } }));
        return true;
      }
      change(t.no, 'system', 'close', () => ({ changes: {}, event: { type: 'closed', data: { rating: null, reason: fresh ? 'person_moved_on' : 'rating_window_passed' } } }));
      return false;
    },

    list: (filter) => repo.list(filter),

    get(no) {
      const ticket = repo.get(no);
      return ticket ? { ticket, events: repo.events(no) } : undefined;
    },

    claim(no, officer, expectedVersion) {
      return change(no, `officer:${officer.login}`, 'claim', (t) => {
        if (officer.role !== 'lead' && t.team !== officer.team) throw new AppError('forbidden', `Ticket #${no} belongs to team ${t.team}`);
        return { changes: { assignee: officer.login }, event: { type: 'claimed' } };
      }, expectedVersion);
    },

    reply(no, officer, text) {
      const body = text.trim();
      if (body === '') throw new AppError('bad_request', 'The reply is empty');
      return change(no, `officer:${officer.login}`, 'reply', (t, at) => {
        mayAct(t, officer);
        return {
          changes: { assignee: officer.login, ...(t.firstRespondedAt ? {} : { first_responded_at: at }) },
          event: { type: 'replied', data: { text: body } },
          message: { role: 'officer', text: body },
        };
      });
    },

    note(no, officer, text) {
      const body = text.trim();
      if (body === '') throw new AppError('bad_request', 'The note is empty');
      return change(no, `officer:${officer.login}`, undefined, (t) => {
        mayAct(t, officer);
        return { changes: {}, event: { type: 'noted', data: { text: body } } };
      });
    },

    transfer(no, officer, team) {
      return change(no, `officer:${officer.login}`, 'transfer', (t) => {
        mayAct(t, officer);
        return { changes: { team, assignee: null }, event: { type: 'transferred', data: { from: t.team, to: team } } };
      });
    },

    resolve(no, officer) {
      return change(no, `officer:${officer.login}`, 'resolve', (t, at) => {
        mayAct(t, officer);
        return {
          changes: { resolved_at: at },
          event: { type: 'resolved' },
          message: { role: 'system', text: `您的问题（工单 #${t.no}）已处理完毕。请为本次服务打分：直接回复 1–5 的数字（5 为非常满意）。如还有其他问题，可以继续向我提问。` },
        };
      });
    },

    setPriority(no, officer, priority) {
      if (!PRIORITIES.includes(priority)) throw new AppError('bad_request', `Unknown priority ${priority}`);
      return change(no, `officer:${officer.login}`, undefined, (t) => {
        mayAct(t, officer);
        return { changes: { priority }, event: { type: 'priority_changed', data: { from: t.priority, to: priority } } };
      });
    },

    escalateOverdue() {
      const escalated: Ticket[] = [];
      for (const t of repo.overdue(now())) {
        const up = PRIORITIES[Math.min(PRIORITIES.indexOf(t.priority) + 1, PRIORITIES.length - 1)] ?? t.priority;
        try {
          const after = change(t.no, 'system', undefined, () => ({
            changes: { priority: up, escalated_at: now() },
            event: { type: 'escalated', data: { from: t.priority, to: up, missed: t.firstRespondedAt ? 'resolution' : 'first_response' } },
          }));
          escalated.push(after);
          notify('escalated', after);
        } catch (err) {
          logger.warn('escalation skipped', { ticketNo: t.no, error: (err as Error).message });
        }
      }
      return escalated;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

