import { createHash, randomBytes } from 'node:crypto';
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

/** The ticket service: the HandoffPort of the assistant and every officer action. */
export interface TicketService extends HandoffPort {
  /** Tickets by filter. */
  list(filter: TicketFilter): Ticket[];
  /** One ticket with its event log (internal notes included: officers only). */
  get(no: number): { ticket: Ticket; events: TicketEvent[] } | undefined;
  /** Claims a queued ticket; exactly one of two simultaneous claims wins (409 for the other). */
  claim(no: number, officer: Officer, expectedVersion?: number): Ticket;
  /**
   * Sends a reply to the person (through the outbox) and waits for them. With an idempotency key, a
   * retry of the same reply is stored once and returns the first result.
   */
  reply(no: number, officer: Officer, text: string, idempotencyKey?: string): Ticket;
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
  const notify = (kind: TicketNotice['kind'], ticket: Ticket, alert?: TicketAlert): void => {
    for (const l of listeners) {
      try {
        l({ kind, ticket, ...(alert ? { alert } : {}) });
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

  /**
   * A lead acting on a ticket someone else has takes it over, in the open: an event in the log
   * ("周岚接手，原负责人李娜") and an alert to the previous assignee. Undefined when nothing changes hands.
   */
  const takeOver = (t: Ticket, officer: Officer, at: string): TicketAlert | undefined => {
    if (t.assignee === undefined || t.assignee === officer.login) return undefined;
    const previous = officers.get(t.assignee);
    const fromName = previous?.name ?? t.assignee;
    const text = `${officer.name}接手，原负责人${fromName}`;
    repo.event(t.no, at, `officer:${officer.login}`, 'taken_over', { from: t.assignee, fromName, to: officer.login, toName: officer.name, text });
    return { type: 'taken_over', to: [t.assignee], text: `工单 #${t.no} 已由${officer.name}接手（原负责人${fromName}）。` };
  };

  /** One state change in one transaction: compare-and-set, event, and any outbox message. */
  function change(no: number, actor: string, action: TicketAction | undefined, apply: (t: Ticket, at: string) => { changes: Record<string, string | number | null>; event?: { type: TicketEvent['type']; data?: Record<string, unknown> }; message?: { role: 'officer' | 'system'; text: string }; alert?: TicketAlert | undefined }, expectedVersion?: number): Ticket {
    const at = now();
    const done = db.transaction(() => {
      const t = mustGet(no);
      if (expectedVersion !== undefined && t.version !== expectedVersion) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
      const { changes, event, message, alert } = apply(t, at);
      if (action) changes['state'] = nextState(t.state, action);
      if (!repo.update(no, t.version, changes, at)) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
      if (event) repo.event(no, at, actor, event.type, event.data ?? {});
      if (message) queueMessage(t, message.role, message.text, at);
      return { ticket: mustGet(no), queued: message !== undefined, alert };
    })();
    if (done.queued) deps.onOutbox?.();
    notify('updated', done.ticket);
    if (done.alert) notify('alert', done.ticket, done.alert);
    return done.ticket;
  }

  /** The team's leads (every lead when the team has none): they hear of tickets nobody on duty could take. */
  const leadsOf = (team: Team): Officer[] => {
    const leads = officers.all().filter((o) => o.role === 'lead');
    const own = leads.filter((o) => o.team === team);
    return own.length > 0 ? own : leads;
  };

  const replyKeys = {
    find: db.prepare('SELECT ticket_no, text_hash, result_json FROM ticket_reply_keys WHERE login = ? AND key = ?'),
    save: db.prepare('INSERT INTO ticket_reply_keys (login, key, ticket_no, text_hash, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  };
  const textHash = (no: number, text: string): string => createHash('sha256').update(`${no}\n${text}`).digest('hex');

  // Only officers who can work a ticket now: 在岗 on and a console session that has not expired.
  const route = (team: Team): Officer | undefined => {
    const at = now();
    const ended = officers.endStaleDuty(at);
    if (ended.length > 0) logger.info('officers off duty: session ended', { logins: ended });
    return pickOfficer(team, officers.onDutyNow(at), (login) => repo.openCount(login), repo.lastAssigned(team));
  };

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
      if (!officer) {
        // Nobody on duty in the team: the ticket waits in the queue and the team's leads hear of it.
        const leads = leadsOf(team);
        if (leads.length > 0) notify('alert', ticket, { type: 'unstaffed', to: leads.map((o) => o.login), text: `新工单 #${no}（${team}）：本组暂无在岗专员，已进入待认领队列，请安排认领。` });
        else logger.warn('ticket waits with nobody on duty and no lead to alert', { ticketNo: no, team });
      }
      return { ticketNo: no, expectedReply: describeDue(due.firstResponseDue, at, lang, hours) };
    },

    async openTicketOf(conversationId, lang = 'zh') {
      const t = repo.openOf(conversationId);
      // The promise made when the ticket opened, not a new one computed from now.
      return t ? { ticketNo: t.no, expectedReply: describeDue(new Date(t.firstResponseDue), clock.now(), lang, hours), officerReplied: t.firstRespondedAt !== undefined } : undefined;
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

    reply(no, officer, text, idempotencyKey) {
      const body = text.trim();
      if (body === '') throw new AppError('bad_request', 'The reply is empty');
      const send = (): Ticket => change(no, `officer:${officer.login}`, 'reply', (t, at) => {
        mayAct(t, officer);
        return {
          changes: { assignee: officer.login, ...(t.firstRespondedAt ? {} : { first_responded_at: at }) },
          event: { type: 'replied', data: { text: body } },
          message: { role: 'officer', text: body },
          alert: takeOver(t, officer, at),
        };
      });
      if (idempotencyKey === undefined) return send();
      // Look-up, reply and key in one transaction: a retry racing the first attempt cannot send twice.
      return db.transaction(() => {
        const hash = textHash(no, body);
        const prior = replyKeys.find.get(officer.login, idempotencyKey) as { ticket_no: number; text_hash: string; result_json: string } | undefined;
        if (prior) {
          if (prior.ticket_no !== no || prior.text_hash !== hash) throw new AppError('conflict', 'This Idempotency-Key was used for a different reply');
          return JSON.parse(prior.result_json) as Ticket;
        }
        const ticket = send();
        replyKeys.save.run(officer.login, idempotencyKey, no, hash, JSON.stringify(ticket), now());
        return ticket;
      })();
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
          changes: { resolved_at: at, assignee: officer.login },
          alert: takeOver(t, officer, at),
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

