import type { HandoffSummary } from '../core/ports/handoff-port.js';
import type { Channel, HandoffReason } from '../core/types.js';
import type { Db } from '../storage/open-database.js';
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

/** SQL access to tickets and their events; every write bumps `version`. */
export function createTicketRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO tickets (conversation_id, channel, channel_user_id, team, priority, reason, summary_json, tags_json, state, assignee,
       first_response_due, resolution_due, created_at, updated_at)
     VALUES (@conversationId, @channel, @channelUserId, @team, @priority, @reason, @summary, @tags, @state, @assignee, @firstResponseDue, @resolutionDue, @at, @at)`,
  );
  const byNo = db.prepare('SELECT * FROM tickets WHERE no = ?');
  const openByConversation = db.prepare("SELECT * FROM tickets WHERE conversation_id = ? AND state IN ('queued', 'assigned', 'waiting_user') ORDER BY no DESC LIMIT 1");
  const awaitingRating = db.prepare("SELECT * FROM tickets WHERE conversation_id = ? AND state = 'resolved' AND rating IS NULL ORDER BY no DESC LIMIT 1");
  const insertEvent = db.prepare('INSERT INTO ticket_events (ticket_no, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?)');
  const events = db.prepare('SELECT * FROM ticket_events WHERE ticket_no = ? ORDER BY id');
  const openCount = db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE assignee = ? AND state IN ('assigned', 'waiting_user')");

  return {
    insert(t: Omit<Ticket, 'no' | 'version' | 'createdAt' | 'updatedAt' | 'deliveryFailed'>, at: string): number {
      const r = insert.run({
        conversationId: t.conversationId, channel: t.channel, channelUserId: t.channelUserId, team: t.team, priority: t.priority, reason: t.reason,
        summary: JSON.stringify(t.summary), tags: JSON.stringify(t.tags), state: t.state, assignee: t.assignee ?? null,
        firstResponseDue: t.firstResponseDue, resolutionDue: t.resolutionDue, at,
      });
      return Number(r.lastInsertRowid);
    },
    get(no: number): Ticket | undefined {
      const row = byNo.get(no) as TicketRow | undefined;
      return row ? toTicket(row) : undefined;
    },
    openOf(conversationId: string): Ticket | undefined {
      const row = openByConversation.get(conversationId) as TicketRow | undefined;
      return row ? toTicket(row) : undefined;
    },
    awaitingRating(conversationId: string): Ticket | undefined {
      const row = awaitingRating.get(conversationId) as TicketRow | undefined;
      return row ? toTicket(row) : undefined;
    },
    /**
     * Applies changes only if the ticket still has `version`: the compare-and-set every change goes
     * through, so two officers acting at once cannot both win. Returns false when it lost.
     */
    update(no: number, version: number, changes: Record<string, string | number | null>, at: string): boolean {
      const cols = Object.keys(changes);
      // A change with no column of its own (an internal note) still bumps the version.
      const sql = `UPDATE tickets SET ${cols.map((c) => `${c} = @${c}, `).join('')}updated_at = @updatedAt, version = version + 1 WHERE no = @no AND version = @version`;
      return db.prepare(sql).run({ ...changes, updatedAt: at, no, version }).changes === 1;
    },
    event(no: number, at: string, actor: string, type: TicketEventType, data: Record<string, unknown> = {}): void {
      insertEvent.run(no, at, actor, type, JSON.stringify(data));
    },
    events(no: number): TicketEvent[] {
      return (events.all(no) as { id: number; ticket_no: number; at: string; actor: string; type: string; data_json: string }[]).map((e) => ({
        id: e.id, ticketNo: e.ticket_no, at: e.at, actor: e.actor, type: e.type as TicketEventType, data: JSON.parse(e.data_json) as Record<string, unknown>,
      }));
    },
    list(filter: TicketFilter): Ticket[] {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.states && filter.states.length > 0) {
        where.push(`state IN (${filter.states.map((_, i) => `@s${i}`).join(', ')})`);
        filter.states.forEach((s, i) => (params[`s${i}`] = s));
      }
      if (filter.team) {
        where.push('team = @team');
        params['team'] = filter.team;
      }
      if (filter.assignee) {
        where.push('assignee = @assignee');
        params['assignee'] = filter.assignee;
      }
      const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, first_response_due, no LIMIT 500`;
      return (db.prepare(sql).all(params) as TicketRow[]).map(toTicket);
    },
    openCount(login: string): number {
      return (openCount.get(login) as { n: number }).n;
    },
    overdue(now: string): Ticket[] {
      return (db.prepare(
        `SELECT * FROM tickets WHERE state IN ('queued', 'assigned', 'waiting_user') AND (
           (first_responded_at IS NULL AND first_response_due < @now AND (escalated_at IS NULL OR escalated_at < first_response_due))
           OR (resolution_due < @now AND (escalated_at IS NULL OR escalated_at < resolution_due)))`,
      ).all({ now }) as TicketRow[]).map(toTicket);
    },
    lastAssigned(team: string): string | undefined {
      return (db.prepare('SELECT last_assigned FROM routing_state WHERE team = ?').get(team) as { last_assigned: string } | undefined)?.last_assigned;
    },
    setLastAssigned(team: string, login: string): void {
      db.prepare('INSERT INTO routing_state (team, last_assigned) VALUES (?, ?) ON CONFLICT(team) DO UPDATE SET last_assigned = excluded.last_assigned').run(team, login);
    },
  };
}

/** The ticket repository. */
export type TicketRepo = ReturnType<typeof createTicketRepo>;
