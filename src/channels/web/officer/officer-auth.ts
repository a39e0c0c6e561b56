import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../../core/errors.js';
import type { Clock } from '../../../core/ports/clock.js';
import type { OfficerRepo } from '../../../handoff/officer-repo.js';
import { hashPassword, verifyPassword } from '../../../handoff/passwords.js';
import type { Officer } from '../../../handoff/types.js';
import type { SqlExecutor } from '../../../storage/sql-db.js';
import { sendError } from '../http-error.js';
import { officerActor, type AuditLog } from './audit.js';
import { createLoginGuard, type FailedLogins, type LoginGuardOptions } from './login-guard.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'qxz_officer';
/** Header every write must carry, equal to the session's CSRF token. */
export const CSRF_HEADER = 'X-CSRF-Token';
/** Sessions last 8 hours from login (one working day), then the officer logs in again. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;
/** Failed logins from one address that lock that address out of the account (LOGIN_MAX_ATTEMPTS). */
export const MAX_FAILED_LOGINS = 5;
/** How long such a lock lasts. */
export const LOCK_MS = 15 * 60_000;
/** The one message for every refused login: no hint whether the login exists or is locked. */
export const LOGIN_REFUSED = 'Wrong login or password';

/** A logged-in officer's session. */
export interface OfficerSession {
  /** sha256 of the cookie token (the token itself is never stored). */
  idHash: string;
  /** The officer, as stored now (role and team changes apply at once). */
  officer: Officer;
  /** The CSRF token writes must echo. */
  csrf: string;
  /** ISO expiry. */
  expiresAt: string;
}

/** Officer authentication: password login with lockout, cookie sessions, CSRF checks. */
export interface OfficerAuth {
  /**
   * Checks the password and opens a session, telling the failed attempts since the previous login.
   * AppError('unauthorized') for any refusal, the address's lock included; AppError('rate_limited')
   * (details.retryAfterSeconds) while the account's back-off runs (see login-guard.ts).
   */
  login(login: string, password: string, meta?: { ip?: string }): Promise<{ token: string; session: OfficerSession; failedLogins: FailedLogins }>;
  /** The valid session of a request's cookie, if any. */
  sessionOf(req: Request): Promise<OfficerSession | undefined>;
  /** Ends a session. */
  logout(session: OfficerSession): Promise<void>;
  /** Middleware: 401 without a valid session; otherwise the session is on `res.locals`. */
  requireOfficer(req: Request, res: Response, next: NextFunction): void;
  /** Middleware (after requireOfficer): 403 csrf_invalid when a write lacks the session's CSRF token. */
  requireCsrf(req: Request, res: Response, next: NextFunction): void;
  /** Sets the session cookie (Secure when the request came over https). */
  setCookie(req: Request, res: Response, token: string): void;
  /** Clears the session cookie. */
  clearCookie(req: Request, res: Response): void;
}

/** What authentication needs. */
export interface OfficerAuthDeps {
  db: SqlExecutor;
  officers: OfficerRepo;
  clock: Clock;
  audit: AuditLog;
  /** Lockout tuning (LOGIN_MAX_ATTEMPTS). */
  lockout?: LoginGuardOptions;
}

/** Parses a Cookie header; the first of two same-named cookies wins (RFC 6265 sends the most specific first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name === '' || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}

/** A Set-Cookie value for the session cookie. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a), 'hex');
  const y = Buffer.from(sha256(b), 'hex');
  return timingSafeEqual(x, y) && a === b;
}

// Verifying against this when the login is unknown makes a refusal take as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummy = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(16).toString('base64url')));

/** The session on a response (set by requireOfficer). */
export function sessionOfResponse(res: Response): OfficerSession {
  const s = res.locals['officerSession'] as OfficerSession | undefined;
  if (!s) throw new AppError('unauthorized', 'Log in first');
  return s;
}

/** Creates officer authentication over `officers` and `officer_sessions`. */
export function createOfficerAuth(deps: OfficerAuthDeps): OfficerAuth {
  const { db, officers, clock, audit } = deps;
  const deleteSession = (idHash: string): Promise<unknown> => db.run('DELETE FROM officer_sessions WHERE id_hash = ?', [idHash]);
  const guard = createLoginGuard(db, { maxAttempts: MAX_FAILED_LOGINS, lockMs: LOCK_MS, ...deps.lockout });

  const auth: OfficerAuth = {
    async login(login, password, meta = {}) {
      const now = clock.now();
      const name = login.trim().slice(0, 64);
      const refuse = async (reason: string): Promise<never> => {
        await audit.record(`login:${name}`, 'login_failed', { reason, ...(meta.ip ? { ip: meta.ip } : {}) });
        throw new AppError('unauthorized', LOGIN_REFUSED);
      };
      // Unknown logins count like known ones: the answers must not tell which logins exist.
      const ip = meta.ip ?? 'unknown';
      const gate = await guard.check(name, ip, now);
      if (!gate.ok && gate.reason === 'backoff') {
        await audit.record(`login:${name}`, 'login_failed', { reason: 'backoff', ip });
        const retryAfterSeconds = Math.ceil(gate.retryAfterMs / 1000);
        throw new AppError('rate_limited', `Too many failed logins on this account; try again in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
      }
      const creds = await officers.credentials(name);
      const ok = await verifyPassword(password, creds?.hash ?? (await dummy()));
      if (!gate.ok) return refuse('locked');
      if (!creds || !creds.hash || !ok) {
        await guard.failed(name, ip, now);
        const after = await guard.check(name, ip, now);
        if (!after.ok && after.reason === 'locked') await audit.record(`login:${name}`, 'account_locked', { ip, until: new Date(now.getTime() + after.retryAfterMs).toISOString() });
        return refuse(!creds || !creds.hash ? 'unknown_login' : 'wrong_password');
      }
      const officer = await officers.get(name);
      if (!officer) return refuse('unknown_login');
      await officers.recordSuccess(name);
      const failedLogins = await guard.succeeded(name, ip, now);
      const token = randomBytes(32).toString('base64url');
      const session: OfficerSession = {
        idHash: sha256(token),
        officer,
        csrf: randomBytes(24).toString('base64url'),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      };
      await db.run('DELETE FROM officer_sessions WHERE expires_at <= ?', [now.toISOString()]);
      await db.run('INSERT INTO officer_sessions (id_hash, login, csrf, expires_at, created_at) VALUES (?, ?, ?, ?, ?)', [session.idHash, officer.login, session.csrf, session.expiresAt, now.toISOString()]);
      await audit.record(officerActor(officer.login), 'login', { ...(meta.ip ? { ip: meta.ip } : {}), ...(failedLogins.count > 0 ? { failedSinceLastLogin: failedLogins.count } : {}) });
      return { token, session, failedLogins };
    },

    async sessionOf(req) {
      const token = parseCookies(req.get('cookie')).get(SESSION_COOKIE);
      if (!token || token.length > 200) return undefined;
      const idHash = sha256(token);
      const row = await db.get<{ login: string; csrf: string; expires_at: string }>('SELECT login, csrf, expires_at FROM officer_sessions WHERE id_hash = ?', [idHash]);
      if (!row) return undefined;
      if (Date.parse(row.expires_at) <= clock.now().getTime()) {
        await deleteSession(idHash);
        return undefined;
      }
      const officer = await officers.get(row.login);
      return officer ? { idHash, officer, csrf: row.csrf, expiresAt: row.expires_at } : undefined;
    },

    async logout(session) {
      await deleteSession(session.idHash);
      await audit.record(officerActor(session.officer.login), 'logout');
    },

    requireOfficer(req, res, next) {
      auth.sessionOf(req).then((session) => {
        if (!session) return sendError(res, 401, 'unauthorized', 'Log in first');
        res.locals['officerSession'] = session;
        next();
      }, next);
    },

    requireCsrf(req, res, next) {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
      const session = res.locals['officerSession'] as OfficerSession | undefined;
      const sent = req.get(CSRF_HEADER) ?? '';
      if (!session || sent === '' || !sameText(sent, session.csrf)) return sendError(res, 403, 'csrf_invalid', 'Missing or wrong CSRF token; reload the console');
      next();
    },

    setCookie(req, res, token) {
      res.append('Set-Cookie', sessionCookie(token, SESSION_TTL_MS / 1000, req.secure));
    },

    clearCookie(req, res) {
      res.append('Set-Cookie', sessionCookie('', 0, req.secure));
    },
  };
  return auth;
}
