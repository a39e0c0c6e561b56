import { TEAMS, type Team } from '../../../handoff/types.js';
import type { SqlExecutor } from '../../../storage/sql-db.js';

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

/** Computes the dashboard from the tickets, messages and feedback tables (the same SQL on both stores). */
export async function dashboardData(db: SqlExecutor, now: Date, days = 7, limit = 20): Promise<DashboardData> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();

  const byTeam = await db.all<{ team: string; open: number; overdue: number }>(
    `SELECT team,
       COUNT(*) AS open,
       SUM(CASE WHEN (first_responded_at IS NULL AND first_response_due < ?) OR resolution_due < ? THEN 1 ELSE 0 END) AS overdue
     FROM tickets WHERE state IN ('queued', 'assigned', 'waiting_user') GROUP BY team`,
    [at, at],
  );
  const counts = new Map(byTeam.map((r) => [r.team, r]));
  const teams = [...TEAMS, ...byTeam.map((r) => r.team).filter((t) => !(TEAMS as readonly string[]).includes(t))].map((team) => ({
    team: team as Team,
    open: counts.get(team)?.open ?? 0,
    overdue: counts.get(team)?.overdue ?? 0,
  }));

  // ISO times: the difference is taken here rather than with either store's date functions.
  const responses = await db.all<{ created: string; responded: string }>(
    'SELECT created_at AS created, first_responded_at AS responded FROM tickets WHERE first_responded_at IS NOT NULL AND created_at >= ? AND created_at <= ?',
    [since, at],
  );
  const med = median(responses.map((r) => (Date.parse(r.responded) - Date.parse(r.created)) / 60_000));

  const tickets = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE created_at >= ? AND created_at <= ?', [since, at]))!.n;
  const botAnswers = (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE role = 'bot' AND created_at >= ? AND created_at <= ?", [since, at]))!.n;

  // handoff_json is written by JSON.stringify (no spaces), so a text match finds the reason on both stores.
  const lowConfidence = `b.handoff_json LIKE '%"reason":"low_confidence"%'`;
  const unanswered = await db.all<{ conversationId: string; question: string; at: string; lowConfidence: number; thumbsDown: number }>(
    `SELECT b.conversation_id AS "conversationId", u.text AS question, b.created_at AS at,
       CASE WHEN ${lowConfidence} THEN 1 ELSE 0 END AS "lowConfidence",
       CASE WHEN f.rating = 'down' THEN 1 ELSE 0 END AS "thumbsDown"
     FROM messages b
     LEFT JOIN feedback f ON f.message_id = b.id
     JOIN messages u ON u.conversation_id = b.conversation_id AND u.role = 'user'
       AND u.seq = (SELECT MAX(p.seq) FROM messages p WHERE p.conversation_id = b.conversation_id AND p.role = 'user' AND p.seq < b.seq)
     WHERE b.role = 'bot' AND (${lowConfidence} OR f.rating = 'down')
     ORDER BY b.created_at DESC, b.seq DESC LIMIT ?`,
    [limit],
  );

  return {
    teams,
    medianFirstResponseMinutes: med === null ? null : Math.round(med * 10) / 10,
    handoff: { tickets, botAnswers, rate: botAnswers === 0 ? null : Math.round((tickets / botAnswers) * 1000) / 1000 },
    days,
    topUnanswered: unanswered.map((r) => ({ ...r, lowConfidence: r.lowConfidence === 1, thumbsDown: r.thumbsDown === 1 })),
    at,
  };
}
