import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../storage/sql-db.js';
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
export function createOfficerRepo(db: SqlExecutor) {
  return {
    /** Creates or updates an officer (password untouched when not given); off duty unless `onDuty` says otherwise. */
    async upsert(o: Omit<Officer, 'onDuty' | 'maxOpen'> & Partial<Pick<Officer, 'onDuty' | 'maxOpen'>>, passwordHash?: string): Promise<void> {
      await db.run(
        `INSERT INTO officers (login, name, team, role, on_duty, max_open, password_hash, wechat_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(login) DO UPDATE SET name = excluded.name, team = excluded.team, role = excluded.role,
           on_duty = excluded.on_duty, max_open = excluded.max_open,
           password_hash = COALESCE(excluded.password_hash, officers.password_hash),
           wechat_id = COALESCE(excluded.wechat_id, officers.wechat_id),
           failed_logins = CASE WHEN excluded.password_hash IS NULL THEN officers.failed_logins ELSE 0 END,
           locked_until = CASE WHEN excluded.password_hash IS NULL THEN officers.locked_until ELSE NULL END`,
        [o.login, o.name, o.team, o.role, o.onDuty === true ? 1 : 0, o.maxOpen ?? 10, passwordHash ?? null, o.wechatId ?? null, new Date().toISOString()],
      );
    },
    /**
     * Adds an officer from the seed file if absent, off duty (nobody can log in as them yet); an
     * existing account (duty, role, team) is left alone.
     */
    async seed(o: Pick<Officer, 'login' | 'name' | 'team' | 'role' | 'maxOpen'>): Promise<void> {
      await db.run('INSERT INTO officers (login, name, team, role, on_duty, max_open, created_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT(login) DO NOTHING',
        [o.login, o.name, o.team, o.role, o.maxOpen, new Date().toISOString()]);
    },
    async get(login: string): Promise<Officer | undefined> {
      const row = (await db.get('SELECT * FROM officers WHERE login = ?', [login])) as OfficerRow | undefined;
      return row ? toOfficer(row) : undefined;
    },
    async byWechat(wechatId: string): Promise<Officer | undefined> {
      const row = (await db.get('SELECT * FROM officers WHERE wechat_id = ?', [wechatId])) as OfficerRow | undefined;
      return row ? toOfficer(row) : undefined;
    },
    async all(): Promise<Officer[]> {
      return ((await db.all('SELECT * FROM officers ORDER BY login')) as OfficerRow[]).map(toOfficer);
    },
    async count(): Promise<number> {
      return ((await db.get('SELECT COUNT(*) AS n FROM officers WHERE password_hash IS NOT NULL')) as { n: number }).n;
    },
    async credentials(login: string): Promise<{ hash: string | null; failed: number; lockedUntil: string | null } | undefined> {
      const row = (await db.get('SELECT password_hash, failed_logins, locked_until FROM officers WHERE login = ?', [login])) as OfficerRow | undefined;
      return row ? { hash: row.password_hash, failed: row.failed_logins, lockedUntil: row.locked_until } : undefined;
    },
    async recordFailure(login: string, lockUntil: string | null): Promise<void> {
      await db.run('UPDATE officers SET failed_logins = failed_logins + 1, locked_until = COALESCE(?, locked_until) WHERE login = ?', [lockUntil, login]);
    },
    async recordSuccess(login: string): Promise<void> {
      await db.run('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE login = ?', [login]);
    },
    /**
     * Officers who can work a ticket now: 在岗 switched on and logged in (a session that has not
     * expired). Routing gives tickets to these only.
     */
    async onDutyNow(now: string): Promise<Officer[]> {
      return ((await db.all(
        `SELECT * FROM officers o WHERE on_duty = 1 AND password_hash IS NOT NULL
           AND EXISTS (SELECT 1 FROM officer_sessions s WHERE s.login = o.login AND s.expires_at > ?) ORDER BY login`,
        [now],
      )) as OfficerRow[]).map(toOfficer);
    },
    /** Live (unexpired) console sessions of an officer. */
    async liveSessions(login: string, now: string): Promise<number> {
      return ((await db.get('SELECT COUNT(*) AS n FROM officer_sessions WHERE login = ? AND expires_at > ?', [login, now])) as { n: number }).n;
    },
    /** Switches off duty everyone on duty without a live session (it expired); returns their logins. */
    async endStaleDuty(now: string): Promise<string[]> {
      const stale = (await db.all(
        `SELECT login FROM officers o WHERE on_duty = 1
           AND NOT EXISTS (SELECT 1 FROM officer_sessions s WHERE s.login = o.login AND s.expires_at > ?)`,
        [now],
      )) as { login: string }[];
      for (const r of stale) await db.run('UPDATE officers SET on_duty = 0 WHERE login = ?', [r.login]);
      return stale.map((r) => r.login);
    },
    async setOnDuty(login: string, onDuty: boolean): Promise<void> {
      await db.run('UPDATE officers SET on_duty = ? WHERE login = ?', [onDuty ? 1 : 0, login]);
    },
    /** Stores a one-time code that lets its holder link their WeChat to this officer (replaces any earlier one). */
    async issueLinkCode(login: string, code: string, expiresAt: string): Promise<void> {
      await db.run('INSERT INTO officer_link_codes (login, code_hash, expires_at) VALUES (?, ?, ?) ON CONFLICT(login) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at',
        [login, hashCode(code), expiresAt]);
    },
    /** Uses up a link code: true when it matches and has not expired (it is deleted either way on a match). */
    async takeLinkCode(login: string, code: string, now: string): Promise<boolean> {
      const row = (await db.get('SELECT code_hash, expires_at FROM officer_link_codes WHERE login = ?', [login])) as { code_hash: string; expires_at: string } | undefined;
      if (!row || row.code_hash !== hashCode(code)) return false;
      await db.run('DELETE FROM officer_link_codes WHERE login = ?', [login]);
      return row.expires_at > now;
    },
    async linkWechat(login: string, wechatId: string | null): Promise<void> {
      await db.run('UPDATE officers SET wechat_id = ? WHERE login = ?', [wechatId, login]);
    },
  };
}

/** The officer repository. */
export type OfficerRepo = ReturnType<typeof createOfficerRepo>;
