import type { HandoffSummary } from '../core/ports/handoff-port.js';
import type { Channel, HandoffReason } from '../core/types.js';
import type { SqlExecutor, SqlValue } from '../storage/sql-db.js';
import type { Priority, Team, Ticket, TicketEvent, TicketEventType, TicketState } from './types.js';

interface TicketRow {
  no: number;
  conversation_id: string;
  channel: string;
  channel_user_id: string;
  team: string;
  priority: string;
  reason: string;
  summary_json: string;
  tags_json: string;
  state: string;
  assignee: string | null;
  first_response_due: string;
  resolution_due: string;
  first_responded_at: string | null;
  resolved_at: string | null;
  escalated_at: string | null;
  rating: number | null;
  delivery_failed: number;
  created_at: string;
  updated_at: string;
  version: number;
}

function toTicket(r: TicketRow): Ticket {
  return {
    no: r.no,
    conversationId: r.conversation_id,
    channel: r.channel as Channel,
    channelUserId: r.channel_user_id,
    team: r.team as Team,
    priority: r.priority as Priority,
    reason: r.reason as HandoffReason,
    summary: JSON.parse(r.summary_json) as HandoffSummary,
    tags: JSON.parse(r.tags_json) as string[],
    state: r.state as TicketState,
    ...(r.assignee ? { assignee: r.assignee } : {}),
    firstResponseDue: r.first_response_due,
    resolutionDue: r.resolution_due,
    ...(r.first_responded_at ? { firstRespondedAt: r.first_responded_at } : {}),
    ...(r.resolved_at ? { resolvedAt: r.resolved_at } : {}),
    ...(r.escalated_at ? { escalatedAt: r.escalated_at } : {}),
    ...(r.rating !== null ? { rating: r.rating } : {}),
    deliveryFailed: r.delivery_failed === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Filters of a ticket listing. */
export interface TicketFilter {
  /** States to include. */
  states?: TicketState[];
  /** Team. */
  team?: Team;
  /** Assignee login. */
  assignee?: string;
}

/** SQL access to tickets and their events; every write bumps `version`. Bind it to a transaction's executor to work inside one. */
export function createTicketRepo(db: SqlExecutor) {
  const one = async (sql: string, params: SqlValue[]): Promise<Ticket | undefined> => {
    const row = await db.get<TicketRow>(sql, params);
    return row ? toTicket(row) : undefined;
  };
  return {
    async insert(t: Omit<Ticket, 'no' | 'version' | 'createdAt' | 'updatedAt' | 'deliveryFailed'>, at: string): Promise<number> {
      const row = await db.get<{ no: number }>(
        `INSERT INTO tickets (conversation_id, channel, channel_user_id, team, priority, reason, summary_json, tags_json, state, assignee,
           first_response_due, resolution_due, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING no`,
        [t.conversationId, t.channel, t.channelUserId, t.team, t.priority, t.reason, JSON.stringify(t.summary), JSON.stringify(t.tags), t.state, t.assignee ?? null,
          t.firstResponseDue, t.resolutionDue, at, at],
      );
      return row!.no;
    },
    get: (no: number): Promise<Ticket | undefined> => one('SELECT * FROM tickets WHERE no = ?', [no]),
    openOf: (conversationId: string): Promise<Ticket | undefined> =>
      one("SELECT * FROM tickets WHERE conversation_id = ? AND state IN ('queued', 'assigned', 'waiting_user') ORDER BY no DESC LIMIT 1", [conversationId]),
    awaitingRating: (conversationId: string): Promise<Ticket | undefined> =>
      one("SELECT * FROM tickets WHERE conversation_id = ? AND state = 'resolved' AND rating IS NULL ORDER BY no DESC LIMIT 1", [conversationId]),
    /**
     * Applies changes only if the ticket still has `version`: the compare-and-set every change goes
     * through, so two officers acting at once (on any instance) cannot both win. Returns false when it lost.
     */
    async update(no: number, version: number, changes: Record<string, string | number | null>, at: string): Promise<boolean> {
      const cols = Object.keys(changes);
      // A change with no column of its own (an internal note) still bumps the version.
      const sql = `UPDATE tickets SET ${cols.map((c) => `${c} = ?, `).join('')}updated_at = ?, version = version + 1 WHERE no = ? AND version = ?`;
      return (await db.run(sql, [...cols.map((c) => changes[c] ?? null), at, no, version])).changes === 1;
    },
    async event(no: number, at: string, actor: string, type: TicketEventType, data: Record<string, unknown> = {}): Promise<void> {
      await db.run('INSERT INTO ticket_events (ticket_no, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?)', [no, at, actor, type, JSON.stringify(data)]);
    },
    async events(no: number): Promise<TicketEvent[]> {
      const rows = await db.all<{ id: number; ticket_no: number; at: string; actor: string; type: string; data_json: string }>('SELECT * FROM ticket_events WHERE ticket_no = ? ORDER BY id', [no]);
      return rows.map((e) => ({ id: e.id, ticketNo: e.ticket_no, at: e.at, actor: e.actor, type: e.type as TicketEventType, data: JSON.parse(e.data_json) as Record<string, unknown> }));
    },
    async list(filter: TicketFilter): Promise<Ticket[]> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (filter.states && filter.states.length > 0) {
        where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
        params.push(...filter.states);
      }
      if (filter.team) {
        where.push('team = ?');
        params.push(filter.team);
      }
      if (filter.assignee) {
        where.push('assignee = ?');
        params.push(filter.assignee);
      }
      const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, first_response_due, no LIMIT 500`;
      return (await db.all<TicketRow>(sql, params)).map(toTicket);
    },
    async openCount(login: string): Promise<number> {
      return (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM tickets WHERE assignee = ? AND state IN ('assigned', 'waiting_user')", [login]))!.n;
    },
    async overdue(now: string): Promise<Ticket[]> {
      const rows = await db.all<TicketRow>(
        `SELECT * FROM tickets WHERE state IN ('queued', 'assigned', 'waiting_user') AND (
           (first_responded_at IS NULL AND first_response_due < ? AND (escalated_at IS NULL OR escalated_at < first_response_due))
           OR (resolution_due < ? AND (escalated_at IS NULL OR escalated_at < resolution_due)))`,
        [now, now],
      );
      return rows.map(toTicket);
    },
    async lastAssigned(team: string): Promise<string | undefined> {
      return (await db.get<{ last_assigned: string }>('SELECT last_assigned FROM routing_state WHERE team = ?', [team]))?.last_assigned;
    },
    async setLastAssigned(team: string, login: string): Promise<void> {
      await db.run('INSERT INTO routing_state (team, last_assigned) VALUES (?, ?) ON CONFLICT(team) DO UPDATE SET last_assigned = excluded.last_assigned', [team, login]);
    },
  };
}

/** The ticket repository. */
export type TicketRepo = ReturnType<typeof createTicketRepo>;
