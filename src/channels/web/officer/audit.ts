import type { Clock } from '../../../core/ports/clock.js';
import type { Db } from '../../../storage/open-database.js';

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
  record(actor: string, action: string, data?: Record<string, unknown>): void;
  /** The latest entries, newest first (for an officer's own trail and for tests). */
  recent(limit?: number, actor?: string): AuditEntry[];
}

/** Creates the audit log over the `audit_log` table. */
export function createAuditLog(db: Db, clock: Clock): AuditLog {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, data_json) VALUES (?, ?, ?, ?)');
  return {
    record(actor, action, data = {}) {
      insert.run(clock.now().toISOString(), actor.slice(0, 120), action, JSON.stringify(data));
    },
    recent(limit = 100, actor) {
      const rows = (actor
        ? db.prepare('SELECT * FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT ?').all(actor, limit)
        : db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)) as { id: number; at: string; actor: string; action: string; data_json: string }[];
      return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, data: JSON.parse(r.data_json) as Record<string, unknown> }));
    },
  };
}

/** The audit actor name of an officer. */
export const officerActor = (login: string): string => `officer:${login}`;
