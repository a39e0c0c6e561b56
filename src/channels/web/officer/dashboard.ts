import { TEAMS, type Team } from '../../../handoff/types.js';
import type { Db } from '../../../storage/open-database.js';

/** A question the bot could not answer well. */
export interface UnansweredQuestion {
  /** Conversation it was asked in. */
  conversationId: string;
  /** The person's question (the user message right before the bot's reply). */
  question: string;
  /** ISO time of the bot's reply. */
  at: string;
  /** The bot handed over for low confidence. */
  lowConfidence: boolean;
  /** The person gave the reply a 👎. */
  thumbsDown: boolean;
}

/** The numbers of the console's dashboard. */
export interface DashboardData {
  /** Open and overdue tickets by team (every team listed). */
  teams: { team: Team; open: number; overdue: number }[];
  /** Median minutes from ticket creation to the first officer reply, over the window; null without any. */
  medianFirstResponseMinutes: number | null;
  /** Tickets opened / bot answers given over the window; rate null when the bot gave no answer. */
  handoff: { tickets: number; botAnswers: number; rate: number | null };
  /** The window in days. */
  days: number;
  /** The latest questions the bot handed over for low confidence or that got a 👎, newest first. */
  topUnanswered: UnansweredQuestion[];
  /** ISO time the numbers were taken. */
  at: string;
}

/** The median of numbers (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** Computes the dashboard from the tickets, messages and feedback tables. */
export function dashboardData(db: Db, now: Date, days = 7, limit = 20): DashboardData {
  const at = now.toISOString();
  const since = new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();

  const byTeam = db.prepare(
    `SELECT team,
       COUNT(*) AS open,
       SUM(CASE WHEN (first_responded_at IS NULL AND first_response_due < @now) OR resolution_due < @now THEN 1 ELSE 0 END) AS overdue
     FROM tickets WHERE state IN ('queued', 'assigned', 'waiting_user') GROUP BY team`,
  ).all({ now: at }) as { team: string; open: number; overdue: number }[];
  const counts = new Map(byTeam.map((r) => [r.team, r]));
  const teams = [...TEAMS, ...byTeam.map((r) => r.team).filter((t) => !(TEAMS as readonly string[]).includes(t))].map((team) => ({
    team: team as Team,
    open: counts.get(team)?.open ?? 0,
    overdue: counts.get(team)?.overdue ?? 0,
  }));

  const responses = db.prepare(
    `SELECT (julianday(first_responded_at) - julianday(created_at)) * 1440.0 AS minutes
     FROM tickets WHERE first_responded_at IS NOT NULL AND created_at >= @since AND created_at <= @now`,
  ).all({ since, now: at }) as { minutes: number }[];
  const med = median(responses.map((r) => r.minutes));

  const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE created_at >= @since AND created_at <= @now').get({ since, now: at }) as { n: number }).n;
  const botAnswers = (db.prepare("SELECT COUNT(*) AS n FROM messages WHERE role = 'bot' AND created_at >= @since AND created_at <= @now").get({ since, now: at }) as { n: number }).n;

  const unanswered = db.prepare(
    `SELECT b.conversation_id AS conversationId, u.text AS question, b.created_at AS at,
       CASE WHEN json_extract(b.handoff_json, '$.reason') = 'low_confidence' THEN 1 ELSE 0 END AS lowConfidence,
       CASE WHEN f.rating = 'down' THEN 1 ELSE 0 END AS thumbsDown
     FROM messages b
     LEFT JOIN feedback f ON f.message_id = b.id
     JOIN messages u ON u.conversation_id = b.conversation_id AND u.role = 'user'
       AND u.seq = (SELECT MAX(p.seq) FROM messages p WHERE p.conversation_id = b.conversation_id AND p.role = 'user' AND p.seq < b.seq)
     WHERE b.role = 'bot' AND (json_extract(b.handoff_json, '$.reason') = 'low_confidence' OR f.rating = 'down')
     ORDER BY b.created_at DESC, b.rowid DESC LIMIT @limit`,
  ).all({ limit }) as { conversationId: string; question: string; at: string; lowConfidence: number; thumbsDown: number }[];

  return {
    teams,
    medianFirstResponseMinutes: med === null ? null : Math.round(med * 10) / 10,
    handoff: { tickets, botAnswers, rate: botAnswers === 0 ? null : Math.round((tickets / botAnswers) * 1000) / 1000 },
    days,
    topUnanswered: unanswered.map((r) => ({ ...r, lowConfidence: r.lowConfidence === 1, thumbsDown: r.thumbsDown === 1 })),
    at,
  };
}
