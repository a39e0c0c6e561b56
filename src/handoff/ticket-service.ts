import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { HandoffPort, HandoffRequest } from '../core/ports/handoff-port.js';
import type { SqlDb, SqlExecutor } from '../storage/sql-db.js';
import { createOfficerRepo, type OfficerRepo } from './officer-repo.js';
import { pickOfficer, priorityFor, teamFor } from './routing.js';
import { DEFAULT_SERVICE_HOURS, describeDue, dueTimes, type ServiceHours } from './sla.js';
import { nextState, type TicketAction } from './state-machine.js';
import { createTicketNotices, type BroadcastNotice, type TicketAlert, type TicketNotice } from './ticket-notices.js';
import { createTicketRepo, type TicketFilter, type TicketRepo } from './ticket-repo.js';
import { PRIORITIES, type Officer, type Priority, type Team, type Ticket, type TicketEvent } from './types.js';

export type { BroadcastNotice, TicketAlert, TicketNotice };

/** The ticket service: the HandoffPort of the assistant and every officer action. */
export interface TicketService extends HandoffPort {
  /** Tickets by filter. */
  list(filter: TicketFilter): Promise<Ticket[]>;
  /** One ticket with its event log (internal notes included: officers only). */
  get(no: number): Promise<{ ticket: Ticket; events: TicketEvent[] } | undefined>;
  /** Claims a queued ticket; exactly one of two simultaneous claims wins (409 for the other), on any instance. */
  claim(no: number, officer: Officer, expectedVersion?: number): Promise<Ticket>;
  /**
   * Sends a reply to the person (through the outbox) and waits for them. With an idempotency key, a
   * retry of the same reply is stored once and returns the first result.
   */
  reply(no: number, officer: Officer, text: string, idempotencyKey?: string): Promise<Ticket>;
  /** Adds an internal note; it never reaches the person. */
  note(no: number, officer: Officer, text: string): Promise<Ticket>;
  /** Moves the ticket to another team's queue. */
  transfer(no: number, officer: Officer, team: Team): Promise<Ticket>;
  /** Resolves the ticket and asks the person for a 1–5 rating. */
  resolve(no: number, officer: Officer): Promise<Ticket>;
  /** Changes the priority. */
  setPriority(no: number, officer: Officer, priority: Priority): Promise<Ticket>;
  /** Escalates overdue tickets (priority up, lead notified); returns them. */
  escalateOverdue(): Promise<Ticket[]>;
  /** Listens to ticket notices (this instance's and, through `receive`, other instances'); returns the unsubscribe function. */
  subscribe(listener: (notice: TicketNotice) => void): () => void;
  /** A notice another instance broadcast: the ticket is read from the store and told to this instance's listeners. */
  receive(notice: BroadcastNotice): Promise<void>;
  /** Records a rating reply ("5") for a resolved ticket; false when the text is no rating or none is awaited. */
  rate(conversationId: string, text: string): Promise<boolean>;
}

/** What the service is made of. */
export interface TicketServiceDeps {
  db: SqlDb;
  officers: OfficerRepo;
  clock: Clock;
  hours?: ServiceHours;
  logger?: Logger;
  /** Called after a transaction that queued outbox messages (the delivery worker wakes up). */
  onOutbox?: () => void;
  /** Tells other instances of every notice (their officers' consoles listen there). */
  broadcast?: (notice: BroadcastNotice) => void;
}

const RATING_WINDOW_MS = 24 * 60 * 60_000;
const RATING_RE = /^\s*([1-5])\s*(分|星|stars?)?\s*[。.!！]?\s*$/iu;

/** Creates the ticket service over the store (SQLite or PostgreSQL). */
export function createTicketService(deps: TicketServiceDeps): TicketService {
  const { db, officers, clock } = deps;
  const hours = deps.hours ?? DEFAULT_SERVICE_HOURS;
  const logger = deps.logger ?? silentLogger;
  const repo = createTicketRepo(db);
  const now = (): string => clock.now().toISOString();
  const notices = createTicketNotices({ logger, ...(deps.broadcast ? { broadcast: deps.broadcast } : {}) });
  const notify = notices.notify;
  const mustGet = async (r: TicketRepo, no: number): Promise<Ticket> => {
    const t = await r.get(no);
    if (!t) throw new AppError('not_found', `No ticket #${no}`);
    return t;
  };
  const mayAct = (t: Ticket, officer: Officer): void => {
    if (officer.role === 'lead') return;
    if (t.team !== officer.team) throw new AppError('forbidden', `Ticket #${t.no} belongs to team ${t.team}`);
    if (t.assignee !== undefined && t.assignee !== officer.login) throw new AppError('forbidden', `Ticket #${t.no} is assigned to ${t.assignee}`);
  };
  const queueMessage = async (tx: SqlExecutor, t: Ticket, role: 'officer' | 'system', text: string, at: string): Promise<void> => {
    await tx.run(
      `INSERT INTO outbox (id, ticket_no, conversation_id, channel, channel_user_id, role, text, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [`o_${randomBytes(12).toString('base64url')}`, t.no, t.conversationId, t.channel, t.channelUserId, role, text, at, at],
    );
  };

  /**
   * A lead acting on a ticket someone else has takes it over, in the open: an event in the log
   * ("周岚接手，原负责人李娜") and an alert to the previous assignee. Undefined when nothing changes hands.
   */
  const takeOver = async (tx: SqlExecutor, t: Ticket, officer: Officer, at: string): Promise<TicketAlert | undefined> => {
    if (t.assignee === undefined || t.assignee === officer.login) return undefined;
    const previous = await createOfficerRepo(tx).get(t.assignee);
    const r = createTicketRepo(tx);
    const fromName = previous?.name ?? t.assignee;
    const text = `${officer.name}接手，原负责人${fromName}`;
    await r.event(t.no, at, `officer:${officer.login}`, 'taken_over', { from: t.assignee, fromName, to: officer.login, toName: officer.name, text });
    return { type: 'taken_over', to: [t.assignee], text: `工单 #${t.no} 已由${officer.name}接手（原负责人${fromName}）。` };
  };

  type Apply = (t: Ticket, at: string, tx: SqlExecutor) => Promise<{ changes: Record<string, string | number | null>; event?: { type: TicketEvent['type']; data?: Record<string, unknown> }; message?: { role: 'officer' | 'system'; text: string }; alert?: TicketAlert | undefined }>;
  interface Changed { ticket: Ticket; queued: boolean; alert: TicketAlert | undefined }

  /** One state change inside a transaction: compare-and-set, event, and any outbox message. */
  async function changeIn(tx: SqlExecutor, no: number, actor: string, action: TicketAction | undefined, apply: Apply, expectedVersion?: number): Promise<Changed> {
    const at = now();
    const r = createTicketRepo(tx);
    const t = await mustGet(r, no);
    if (expectedVersion !== undefined && t.version !== expectedVersion) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
    const { changes, event, message, alert } = await apply(t, at, tx);
    if (action) changes['state'] = nextState(t.state, action);
    if (!(await r.update(no, t.version, changes, at))) throw new AppError('conflict', `Ticket #${no} changed meanwhile; reload it`);
    if (event) await r.event(no, at, actor, event.type, event.data ?? {});
    if (message) await queueMessage(tx, t, message.role, message.text, at);
    return { ticket: await mustGet(r, no), queued: message !== undefined, alert };
  }

  /** After the commit: wake the delivery worker and tell the listeners. */
  function announce(done: Changed): Ticket {
    if (done.queued) deps.onOutbox?.();
    notify('updated', done.ticket);
    if (done.alert) notify('alert', done.ticket, done.alert);
    return done.ticket;
  }

  async function change(no: number, actor: string, action: TicketAction | undefined, apply: Apply, expectedVersion?: number): Promise<Ticket> {
    return announce(await db.transaction((tx) => changeIn(tx, no, actor, action, apply, expectedVersion)));
  }

  /** The team's leads (every lead when the team has none): they hear of tickets nobody on duty could take. */
  const leadsOf = async (team: Team): Promise<Officer[]> => {
    const leads = (await officers.all()).filter((o) => o.role === 'lead');
    const own = leads.filter((o) => o.team === team);
    return own.length > 0 ? own : leads;
  };

  const textHash = (no: number, text: string): string => createHash('sha256').update(`${no}\n${text}`).digest('hex');

  // Only officers who can work a ticket now: 在岗 on and a console session that has not expired.
  const route = async (team: Team): Promise<Officer | undefined> => {
    const at = now();
    const ended = await officers.endStaleDuty(at);
    if (ended.length > 0) logger.info('officers off duty: session ended', { logins: ended });
    const onDuty = await officers.onDutyNow(at);
    const counts = new Map<string, number>();
    for (const o of onDuty) counts.set(o.login, await repo.openCount(o.login));
    return pickOfficer(team, onDuty, (login) => counts.get(login) ?? 0, await repo.lastAssigned(team));
  };

  return {
    async open(request: HandoffRequest) {
      const existing = await repo.openOf(request.conversationId);
      const lang = request.lang ?? 'zh';
      if (existing) return { ticketNo: existing.no, expectedReply: describeDue(new Date(existing.firstResponseDue), clock.now(), lang, hours) };
      const at = clock.now();
      const team = teamFor(request.keys, request.reason);
      const priority = priorityFor(request.reason, request.intent);
      const due = dueTimes(at, priority, hours);
      const officer = await route(team);
      const no = await db.transaction(async (tx) => {
        const r = createTicketRepo(tx);
        const n = await r.insert({
          conversationId: request.conversationId, channel: request.channel, channelUserId: request.userId, team, priority, reason: request.reason,
          summary: request.summary, tags: [request.intent], state: officer ? 'assigned' : 'queued', ...(officer ? { assignee: officer.login } : {}),
          firstResponseDue: due.firstResponseDue.toISOString(), resolutionDue: due.resolutionDue.toISOString(),
        }, at.toISOString());
        await r.event(n, at.toISOString(), 'bot', 'created', { reason: request.reason, team, priority });
        if (officer) {
          await r.event(n, at.toISOString(), 'system', 'assigned', { to: officer.login });
          await r.setLastAssigned(team, officer.login);
        }
        return n;
      });
      const ticket = await mustGet(repo, no);
      logger.info('ticket created', { ticketNo: no, team, priority, reason: request.reason, assignee: officer?.login });
      notify('created', ticket);
      if (!officer) {
        // Nobody on duty in the team: the ticket waits in the queue and the team's leads hear of it.
        const leads = await leadsOf(team);
        if (leads.length > 0) notify('alert', ticket, { type: 'unstaffed', to: leads.map((o) => o.login), text: `新工单 #${no}（${team}）：本组暂无在岗专员，已进入待认领队列，请安排认领。` });
        else logger.warn('ticket waits with nobody on duty and no lead to alert', { ticketNo: no, team });
      }
      return { ticketNo: no, expectedReply: describeDue(due.firstResponseDue, at, lang, hours) };
    },

    async openTicketOf(conversationId, lang = 'zh') {
      const t = await repo.openOf(conversationId);
      // The promise made when the ticket opened, not a new one computed from now.
      return t ? { ticketNo: t.no, expectedReply: describeDue(new Date(t.firstResponseDue), clock.now(), lang, hours), officerReplied: t.firstRespondedAt !== undefined } : undefined;
    },

    async append(conversationId, text) {
      const t = await repo.openOf(conversationId);
      if (!t) return;
      const updated = await change(t.no, 'person', 'person_writes', async () => ({ changes: {}, event: { type: 'person_message', data: { text } } }));
      notify('message', updated);
    },

    async rate(conversationId, text) {
      const t = await repo.awaitingRating(conversationId);
      if (!t) return false;
      // Only the very next message, within a day, can be the rating: a "3" days later, or after the
      // person moved on, answers some other question (社保几个月？) and must reach the bot.
      const m = RATING_RE.exec(text);
      const fresh = t.resolvedAt !== undefined && clock.now().getTime() - Date.parse(t.resolvedAt) <= RATING_WINDOW_MS;
      if (m && fresh) {
        await change(t.no, 'person', 'close', async () => ({ changes: { rating: Number(m[1]) }, event: { type: 'rated', data: { rating: Number(m[1]) } } }));
        return true;
      }
      await change(t.no, 'system', 'close', async () => ({ changes: {}, event: { type: 'closed', data: { rating: null, reason: fresh ? 'person_moved_on' : 'rating_window_passed' } } }));
      return false;
    },

    list: (filter) => repo.list(filter),

    async get(no) {
      const ticket = await repo.get(no);
      return ticket ? { ticket, events: await repo.events(no) } : undefined;
    },

    claim(no, officer, expectedVersion) {
      return change(no, `officer:${officer.login}`, 'claim', async (t) => {
        if (officer.role !== 'lead' && t.team !== officer.team) throw new AppError('forbidden', `Ticket #${no} belongs to team ${t.team}`);
        return { changes: { assignee: officer.login }, event: { type: 'claimed' } };
      }, expectedVersion);
    },

    async reply(no, officer, text, idempotencyKey) {
      const body = text.trim();
      if (body === '') throw new AppError('bad_request', 'The reply is empty');
      const send: Apply = async (t, at, tx) => {
        mayAct(t, officer);
        return {
          changes: { assignee: officer.login, ...(t.firstRespondedAt ? {} : { first_responded_at: at }) },
          event: { type: 'replied', data: { text: body } },
          message: { role: 'officer', text: body },
          alert: await takeOver(tx, t, officer, at),
        };
      };
      const actor = `officer:${officer.login}`;
      if (idempotencyKey === undefined) return change(no, actor, 'reply', send);
      // Look-up, reply and key in one transaction: a retry racing the first attempt cannot send twice
      // (on PostgreSQL the key's primary key makes the second insert fail and its transaction roll back).
      const attempt = () => db.transaction(async (tx) => {
        const hash = textHash(no, body);
        const prior = await tx.get<{ ticket_no: number; text_hash: string; result_json: string }>('SELECT ticket_no, text_hash, result_json FROM ticket_reply_keys WHERE login = ? AND key = ?', [officer.login, idempotencyKey]);
        if (prior) {
          if (prior.ticket_no !== no || prior.text_hash !== hash) throw new AppError('conflict', 'This Idempotency-Key was used for a different reply');
          return { replayed: JSON.parse(prior.result_json) as Ticket };
        }
        const changed = await changeIn(tx, no, actor, 'reply', send);
        await tx.run('INSERT INTO ticket_reply_keys (login, key, ticket_no, text_hash, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)', [officer.login, idempotencyKey, no, hash, JSON.stringify(changed.ticket), now()]);
        return { changed };
      });
      let done: Awaited<ReturnType<typeof attempt>>;
      try {
        done = await attempt();
      } catch (err) {
        // The same reply sent at once through another instance can pass the look-up before that one
        // commits, then fail on the key's primary key or on the ticket's version. Its key is committed
        // by now: the look-up, run again, replays its result (or refuses a different reply).
        const taken = await db.get('SELECT 1 AS taken FROM ticket_reply_keys WHERE login = ? AND key = ?', [officer.login, idempotencyKey]);
        if (!taken) throw err;
        done = await attempt();
      }
      return done.changed ? announce(done.changed) : done.replayed;
    },

    note(no, officer, text) {
      const body = text.trim();
      if (body === '') return Promise.reject(new AppError('bad_request', 'The note is empty'));
      return change(no, `officer:${officer.login}`, undefined, async (t) => {
        mayAct(t, officer);
        return { changes: {}, event: { type: 'noted', data: { text: body } } };
      });
    },

    transfer(no, officer, team) {
      return change(no, `officer:${officer.login}`, 'transfer', async (t) => {
        mayAct(t, officer);
        return { changes: { team, assignee: null }, event: { type: 'transferred', data: { from: t.team, to: team } } };
      });
    },

    resolve(no, officer) {
      return change(no, `officer:${officer.login}`, 'resolve', async (t, at, tx) => {
        mayAct(t, officer);
        return {
          changes: { resolved_at: at, assignee: officer.login },
          alert: await takeOver(tx, t, officer, at),
          event: { type: 'resolved' },
          message: { role: 'system', text: `您的问题（工单 #${t.no}）已处理完毕。请为本次服务打分：直接回复 1–5 的数字（5 为非常满意）。如还有其他问题，可以继续向我提问。` },
        };
      });
    },

    setPriority(no, officer, priority) {
      if (!PRIORITIES.includes(priority)) return Promise.reject(new AppError('bad_request', `Unknown priority ${priority}`));
      return change(no, `officer:${officer.login}`, undefined, async (t) => {
        mayAct(t, officer);
        return { changes: { priority }, event: { type: 'priority_changed', data: { from: t.priority, to: priority } } };
      });
    },

    async escalateOverdue() {
      const escalated: Ticket[] = [];
      for (const t of await repo.overdue(now())) {
        const up = PRIORITIES[Math.min(PRIORITIES.indexOf(t.priority) + 1, PRIORITIES.length - 1)] ?? t.priority;
        try {
          const after = await change(t.no, 'system', undefined, async () => ({
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

    subscribe: notices.subscribe,

    async receive(notice) {
      const ticket = await repo.get(notice.no);
      if (ticket) notices.tell({ kind: notice.kind, ticket, ...(notice.alert ? { alert: notice.alert } : {}) });
    },
  };
}
