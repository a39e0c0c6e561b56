import { createHash } from 'node:crypto';
import type { Db } from '../storage/open-database.js';
import type { Officer, Team } from './types.js';

const hashCode = (code: string): string => createHash('sha256').update(`officer-link:${code}`).digest('hex');

interface OfficerRow {
  login: string;
  name: string;
  team: string;
  role: 'officer' | 'lead';
  on_duty: number;
  max_open: number;
  password_hash: string | null;
  failed_logins: number;
  locked_until: string | null;
  wechat_id: string | null;
}

function toOfficer(r: OfficerRow): Officer {
  return { login: r.login, name: r.name, team: r.team as Team, role: r.role, onDuty: r.on_duty === 1, maxOpen: r.max_open, ...(r.wechat_id ? { wechatId: r.wechat_id } : {}) };
}

/** Officer accounts: profile, password hash, failed-login counter and lock. */
export function createOfficerRepo(db: Db) {
  return {
    /** Creates or updates an officer (password untouched when not given); off duty unless `onDuty` says otherwise. */
    upsert(o: Omit<Officer, 'onDuty' | 'maxOpen'> & Partial<Pick<Officer, 'onDuty' | 'maxOpen'>>, passwordHash?: string): void {
      db.prepare(
        `INSERT INTO officers (login, name, team, role, on_duty, max_open, password_hash, wechat_id, created_at)
         VALUES (@login, @name, @team, @role, @onDuty, @maxOpen, @hash, @wechatId, @at)
         ON CONFLICT(login) DO UPDATE SET name = excluded.name, team = excluded.team, role = excluded.role,
           on_duty = excluded.on_duty, max_open = excluded.max_open,
           password_hash = COALESCE(excluded.password_hash, officers.password_hash),
           wechat_id = COALESCE(excluded.wechat_id, officers.wechat_id),
           failed_logins = CASE WHEN excluded.password_hash IS NULL THEN officers.failed_logins ELSE 0 END,
           locked_until = CASE WHEN excluded.password_hash IS NULL THEN officers.locked_until ELSE NULL END`,
      ).run({ login: o.login, name: o.name, team: o.team, role: o.role, onDuty: o.onDuty === true ? 1 : 0, maxOpen: o.maxOpen ?? 10, hash: passwordHash ?? null, wechatId: o.wechatId ?? null, at: new Date().toISOString() });
    },
    /**
     * Adds an officer from the seed file if absent, off duty (nobody can log in as them yet); an
     * existing account (duty, role, team) is left alone.
     */
    seed(o: Pick<Officer, 'login' | 'name' | 'team' | 'role' | 'maxOpen'>): void {
      db.prepare('INSERT INTO officers (login, name, team, role, on_duty, max_open, created_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT(login) DO NOTHING')
        .run(o.login, o.name, o.team, o.role, o.maxOpen, new Date().toISOString());
    },
    get(login: string): Officer | undefined {
      const row = db.prepare('SELECT * FROM officers WHERE login = ?').get(login) as OfficerRow | undefined;
      return row ? toOfficer(row) : undefined;
    },
    byWechat(wechatId: string): Officer | undefined {
      const row = db.prepare('SELECT * FROM officers WHERE wechat_id = ?').get(wechatId) as OfficerRow | undefined;
      return row ? toOfficer(row) : undefined;
    },
    all(): Officer[] {
      return (db.prepare('SELECT * FROM officers ORDER BY login').all() as OfficerRow[]).map(toOfficer);
    },
    count(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM officers WHERE password_hash IS NOT NULL').get() as { n: number }).n;
    },
    credentials(login: string): { hash: string | null; failed: number; lockedUntil: string | null } | undefined {
      const row = db.prepare('SELECT password_hash, failed_logins, locked_until FROM officers WHERE login = ?').get(login) as OfficerRow | undefined;
      return row ? { hash: row.password_hash, failed: row.failed_logins, lockedUntil: row.locked_until } : undefined;
    },
    recordFailure(login: string, lockUntil: string | null): void {
      db.prepare('UPDATE officers SET failed_logins = failed_logins + 1, locked_until = COALESCE(?, locked_until) WHERE login = ?').run(lockUntil, login);
    },
    recordSuccess(login: string): void {
      db.prepare('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE login = ?').run(login);
    },
    /**
     * Officers who can work a ticket now: 在岗 switched on and logged in (a session that has not
     * expired). Routing gives tickets to these only.
     */
    onDutyNow(now: string): Officer[] {
      return (db.prepare(
        `SELECT * FROM officers o WHERE on_duty = 1 AND password_hash IS NOT NULL
           AND EXISTS (SELECT 1 FROM officer_sessions s WHERE s.login = o.login AND s.expires_at > ?) ORDER BY login`,
      ).all(now) as OfficerRow[]).map(toOfficer);
    },
    /** Live (unexpired) console sessions of an officer. */
    liveSessions(login: string, now: string): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM officer_sessions WHERE login = ? AND expires_at > ?').get(login, now) as { n: number }).n;
    },
    /** Switches off duty everyone on duty without a live session (it expired); returns their logins. */
    endStaleDuty(now: string): string[] {
      const stale = db.prepare(
        `SELECT login FROM officers o WHERE on_duty = 1
           AND NOT EXISTS (SELECT 1 FROM officer_sessions s WHERE s.login = o.login AND s.expires_at > ?)`,
      ).all(now) as { login: string }[];
      const off = db.prepare('UPDATE officers SET on_duty = 0 WHERE login = ?');
      for (const r of stale) off.run(r.login);
      return stale.map((r) => r.login);
    },
    setOnDuty(login: string, onDuty: boolean): void {
      db.prepare('UPDATE officers SET on_duty = ? WHERE login = ?').run(onDuty ? 1 : 0, login);
    },
    /** Stores a one-time code that lets its holder link their WeChat to this officer (replaces any earlier one). */
    issueLinkCode(login: string, code: string, expiresAt: string): void {
      db.prepare('INSERT INTO officer_link_codes (login, code_hash, expires_at) VALUES (?, ?, ?) ON CONFLICT(login) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at')
        .run(login, hashCode(code), expiresAt);
    },
    /** Uses up a link code: true when it matches and has not expired (it is deleted either way on a match). */
    takeLinkCode(login: string, code: string, now: string): boolean {
      const row = db.prepare('SELECT code_hash, expires_at FROM officer_link_codes WHERE login = ?').get(login) as { code_hash: string; expires_at: string } | undefined;
      if (!row || row.code_hash !== hashCode(code)) return false;
      db.prepare('DELETE FROM officer_link_codes WHERE login = ?').run(login);
      return row.expires_at > now;
    },
    linkWechat(login: string, wechatId: string | null): void {
      db.prepare('UPDATE officers SET wechat_id = ? WHERE login = ?').run(wechatId, login);
    },
  };
}

/** The officer repository. */
export type OfficerRepo = ReturnType<typeof createOfficerRepo>;
