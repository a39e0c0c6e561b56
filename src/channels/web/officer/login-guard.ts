import type { SqlExecutor } from '../../../storage/sql-db.js';

/**
 * Who may try a password now. A hard lock per login would let anyone lock an officer out from
 * anywhere with a few wrong passwords; instead:
 * - per (login, address): `maxAttempts` failures within `lockMs` lock that address out of that login
 *   until the oldest of them is `lockMs` old;
 * - per login, from every address together: after `backoffAfter` failures since the last success,
 *   each further try must wait 1 s, 2 s, 4 s … (at most `maxBackoffMs`) after the previous failure.
 *   It slows a guesser with many addresses and never locks: an address this officer has logged in
 *   from before is exempt, and anyone else waits at most `maxBackoffMs`.
 * Failures are kept (30 days) so the officer hears at the next login how many there were.
 */
export interface LoginGuard {
  /** Whether `ip` may try `login` now. */
  check(login: string, ip: string, now: Date): Promise<LoginCheck>;
  /** Records a wrong password (or an unknown login: both are treated alike). */
  failed(login: string, ip: string, now: Date): Promise<void>;
  /** Records a successful login; returns the failures since the previous one. */
  succeeded(login: string, ip: string, now: Date): Promise<FailedLogins>;
}

/** The verdict of a check. */
export type LoginCheck = { ok: true } | { ok: false; reason: 'locked' | 'backoff'; retryAfterMs: number };

/** Failed attempts on an account since its previous successful login. */
export interface FailedLogins {
  /** How many. */
  count: number;
  /** From how many different addresses. */
  addresses: number;
  /** ISO time of the latest, when count > 0. */
  lastAt?: string;
}

/** Tuning of the guard. */
export interface LoginGuardOptions {
  /** Failures per (login, address) before that address is locked out of the login (default 5). */
  maxAttempts?: number;
  /** How long such a lock lasts (default 15 min). */
  lockMs?: number;
  /** Failures per login, all addresses, before the back-off starts (default 4 × maxAttempts). */
  backoffAfter?: number;
  /** Longest wait the back-off imposes (default 5 min). */
  maxBackoffMs?: number;
}

const KEEP_MS = 30 * 24 * 60 * 60_000;
const EPOCH = new Date(0).toISOString();

/** Creates the guard over its two tables (migration 104-officer-login-attempts). */
export function createLoginGuard(db: SqlExecutor, options: LoginGuardOptions = {}): LoginGuard {
  const maxAttempts = options.maxAttempts ?? 5;
  const lockMs = options.lockMs ?? 15 * 60_000;
  const backoffAfter = options.backoffAfter ?? maxAttempts * 4;
  const maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  const lastSuccessOf = async (login: string): Promise<string> =>
    (await db.get<{ at: string | null }>('SELECT MAX(last_success_at) AS at FROM officer_login_addresses WHERE login = ?', [login]))?.at ?? EPOCH;
  const failuresSince = async (login: string, after: string): Promise<{ n: number; ips: number; last: string | null }> =>
    (await db.get<{ n: number; ips: number; last: string | null }>('SELECT COUNT(*) AS n, COUNT(DISTINCT ip) AS ips, MAX(at) AS last FROM officer_login_failures WHERE login = ? AND at > ?', [login, after]))!;

  return {
    async check(login, ip, now) {
      const t = now.getTime();
      const known = await db.get<{ at: string }>('SELECT last_success_at AS at FROM officer_login_addresses WHERE login = ? AND ip = ?', [login, ip]);
      // Counting starts afresh after a success from this address, and only the lock window matters.
      const windowStart = new Date(t - lockMs).toISOString();
      const from = known && known.at > windowStart ? known.at : windowStart;
      const recent = await db.all<{ at: string }>('SELECT at FROM officer_login_failures WHERE login = ? AND ip = ? AND at > ? ORDER BY at DESC LIMIT ?', [login, ip, from, maxAttempts]);
      const oldest = recent[maxAttempts - 1];
      if (oldest) {
        const until = Date.parse(oldest.at) + lockMs;
        if (until > t) return { ok: false, reason: 'locked', retryAfterMs: until - t };
      }
      if (known) return { ok: true };
      const all = await failuresSince(login, await lastSuccessOf(login));
      if (all.n < backoffAfter || all.last === null) return { ok: true };
      const wait = Math.min(1000 * 2 ** Math.min(all.n - backoffAfter, 30), maxBackoffMs);
      const readyAt = Date.parse(all.last) + wait;
      return readyAt > t ? { ok: false, reason: 'backoff', retryAfterMs: readyAt - t } : { ok: true };
    },

    async failed(login, ip, now) {
      await db.run('INSERT INTO officer_login_failures (login, ip, at) VALUES (?, ?, ?)', [login, ip, now.toISOString()]);
      await db.run('DELETE FROM officer_login_failures WHERE at < ?', [new Date(now.getTime() - KEEP_MS).toISOString()]);
    },

    async succeeded(login, ip, now) {
      const previous = await failuresSince(login, await lastSuccessOf(login));
      await db.run(
        'INSERT INTO officer_login_addresses (login, ip, last_success_at) VALUES (?, ?, ?) ON CONFLICT (login, ip) DO UPDATE SET last_success_at = excluded.last_success_at',
        [login, ip, now.toISOString()],
      );
      return { count: previous.n, addresses: previous.ips, ...(previous.last !== null && previous.n > 0 ? { lastAt: previous.last } : {}) };
    },
  };
}
