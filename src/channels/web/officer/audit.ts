import type { Clock } from '../../../core/ports/clock.js';
import type { SqlExecutor } from '../../../storage/sql-db.js';

/** One row of the audit log. */
export interface AuditEntry {
  /** Row id. */
  id: number;
  /** ISO time. */
  at: string;
  /** Who: `officer:<login>`, or `login:<name tried>` for a failed login. */
  actor: string;
  /** What, e.g. `login`, `login_failed`, `ticket.reply`. */
  action: string;
  /** Details (never a password or a session token). */
  data: Record<string, unknown>;
}

/** The append-only audit log of the officer console. */
export interface AuditLog {
  /** Appends one entry. */
  record(actor: string, action: string, data?: Record<string, unknown>): Promise<void>;
  /** The latest entries, newest first (for an officer's own trail and for tests). */
  recent(limit?: number, actor?: string): Promise<AuditEntry[]>;
}

/** Creates the audit log over the `audit_log` table. */
export function createAuditLog(db: SqlExecutor, clock: Clock): AuditLog {
  return {
    async record(actor, action, data = {}) {
      await db.run('INSERT INTO audit_log (at, actor, action, data_json) VALUES (?, ?, ?, ?)', [clock.now().toISOString(), actor.slice(0, 120), action, JSON.stringify(data)]);
    },
    async recent(limit = 100, actor) {
      type Row = { id: number; at: string; actor: string; action: string; data_json: string };
      const rows = actor
        ? await db.all<Row>('SELECT * FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT ?', [actor, limit])
        : await db.all<Row>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit]);
      return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, data: JSON.parse(r.data_json) as Record<string, unknown> }));
    },
  };
}

/** The audit actor name of an officer. */
export const officerActor = (login: string): string => `officer:${login}`;
