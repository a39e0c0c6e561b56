import express, { Router, type Request, type Response } from 'express';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { Clock } from '../../../core/ports/clock.js';
import type { OfficerRepo } from '../../../handoff/officer-repo.js';
import type { TicketService } from '../../../handoff/ticket-service.js';
import { PRIORITIES, TEAMS, type Officer, type Team, type Ticket, type TicketState } from '../../../handoff/types.js';
import type { ChatStore } from '../../../storage/chat-store.js';
import type { SqlDb } from '../../../storage/sql-db.js';
import { cleanText } from '../chat-routes.js';
import { sendError } from '../http-error.js';
import { openSse, type SseStream } from '../sse.js';
import { createAuditLog, officerActor } from './audit.js';
import { dashboardData } from './dashboard.js';
import { createOfficerAuth, sessionOfResponse } from './officer-auth.js';
import { registerCuratedRoutes } from './officer-curated-routes.js';
import { registerLibraryRoutes, type LibraryRouteContext } from './library-routes.js';
import { canSee, parse, requireLead, ticketNo } from './route-helpers.js';

export { canSee };

/** A curated answer an officer proposed and a lead approved. */
export interface ApprovedCurated {
  question: string;
  answer: string;
  keys: string[];
  lang: 'zh' | 'en';
}

/** What the officer API needs. */
export interface OfficerRouteDeps {
  db: SqlDb;
  tickets: TicketService;
  officers: OfficerRepo;
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  /** Called (inside the approving transaction) when a lead approves a proposal. */
  onCuratedApproved: (p: ApprovedCurated) => void;
  /** Open SSE streams, so shutdown can end them. */
  streams?: Set<SseStream>;
  /** Ping interval of the event stream (default 25 s). */
  pingMs?: number;
  /** Counters for the login rate limit, shared by instances (default: this process's memory). */
  rateLimitStore?: (prefix: string) => RateLimitStore;
  /** Login attempts per minute per IP (default 30). */
  loginRatePerMinute?: number;
  /** Wrong passwords from one address before it is locked out of that login (default 5). */
  loginMaxAttempts?: number;
  /** The WeChat channel's status with its login QR code, when the channel is on (leads only). */
  wechatStatus?: () => WechatConsoleStatus;
  /** The policy library (政策库), when the application has one. */
  library?: Omit<LibraryRouteContext, 'me'>;
}

/** What a lead sees of the WeChat channel in the console. */
export interface WechatConsoleStatus {
  /** Whether an account is logged in. */
  loggedIn: boolean;
  /** The logged-in account's name. */
  user?: string;
  /** The last lifecycle event. */
  lastEvent?: { type: string; at: string };
  /** The QR code to scan (SVG markup), while a login is awaited. */
  qrSvg?: string;
}

const OPEN_STATES: TicketState[] = ['queued', 'assigned', 'waiting_user'];
const ALL_STATES: TicketState[] = [...OPEN_STATES, 'resolved', 'closed'];
const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_:.-]{8,128}$/u;
const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

const loginBody = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
const textBody = z.object({ text: z.string().max(4000) }).strict();
const claimBody = z.object({ version: z.number().int().positive().optional() }).strict().optional();
const transferBody = z.object({ team: z.enum(TEAMS) }).strict();
const priorityBody = z.object({ priority: z.enum(PRIORITIES) }).strict();
const dutyBody = z.object({ onDuty: z.boolean() }).strict();
const listQuery = z.object({
  state: z.string().max(100).optional(),
  team: z.enum(TEAMS).optional(),
  scope: z.enum(['mine', 'team', 'all']).optional(),
});

/** The officer as the API shows it. */
export function publicOfficer(o: Officer): { login: string; name: string; team: Team; role: Officer['role']; onDuty: boolean } {
  return { login: o.login, name: o.name, team: o.team, role: o.role, onDuty: o.onDuty };
}

/** `open` (default), `all`, or a comma list of states. */
export function parseStates(value: string | undefined): TicketState[] {
  if (value === undefined || value === '' || value === 'open') return OPEN_STATES;
  if (value === 'all') return ALL_STATES;
  const states = value.split(',').map((s) => s.trim());
  for (const s of states) if (!(ALL_STATES as string[]).includes(s)) throw new AppError('bad_request', `Unknown state ${s}`);
  return states as TicketState[];
}

const byUrgency = (a: Ticket, b: Ticket): number =>
  (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) || a.firstResponseDue.localeCompare(b.firstResponseDue) || a.no - b.no;

/** The officer API (mounted at /api/officer): session login, inbox, ticket actions, curation, dashboard, live events. */
export function officerRoutes(deps: OfficerRouteDeps): Router {
  const { db, tickets, officers, store, clock } = deps;
  const audit = createAuditLog(db, clock);
  const auth = createOfficerAuth({ db, officers, clock, audit, ...(deps.loginMaxAttempts !== undefined ? { lockout: { maxAttempts: deps.loginMaxAttempts } } : {}) });
  const router = Router();
  const now = (): string => clock.now().toISOString();

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ limit: '32kb' }));

  const loginLimit = rateLimit({
    windowMs: 60_000,
    limit: deps.loginRatePerMinute ?? 30,
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore('login:') } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, 'rate_limited', 'Too many login attempts; please wait a moment'),
  });

  router.post('/login', loginLimit, async (req, res) => {
    const body = parse(loginBody, req.body);
    const { token, session, failedLogins } = await auth.login(body.login, body.password, req.ip ? { ip: req.ip } : {});
    // A working session starts off duty: 在岗 is switched on in the console (a second tab keeps the first one's duty).
    let officer = session.officer;
    if (officer.onDuty && (await officers.liveSessions(officer.login, now())) <= 1) {
      await officers.setOnDuty(officer.login, false);
      officer = { ...officer, onDuty: false };
    }
    auth.setCookie(req, res, token);
    res.json({ csrfToken: session.csrf, officer: publicOfficer(officer), expiresAt: session.expiresAt, teams: TEAMS, serverTime: now(), failedLogins });
  });

  // The console asks this at load: "not logged in" is an answer here (200, officer null), not an error.
  router.get('/session', async (req, res) => {
    const s = await auth.sessionOf(req);
    res.json(s ? { officer: publicOfficer(s.officer), csrfToken: s.csrf, expiresAt: s.expiresAt, teams: TEAMS, serverTime: now() } : { officer: null });
  });

  // Everything below needs a session (401) and, for writes, the session's CSRF token (403).
  router.use((req, res, next) => auth.requireOfficer(req, res, next));
  router.use((req, res, next) => auth.requireCsrf(req, res, next));

  const me = (res: Response): Officer => sessionOfResponse(res).officer;

  router.post('/logout', async (req, res) => {
    const session = sessionOfResponse(res);
    await auth.logout(session);
    // Logged out everywhere: routing must stop giving this officer tickets.
    if (session.officer.onDuty && (await officers.liveSessions(session.officer.login, now())) === 0) {
      await officers.setOnDuty(session.officer.login, false);
      await audit.record(officerActor(session.officer.login), 'duty', { onDuty: false, reason: 'logout' });
    }
    auth.clearCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', (_req, res) => {
    const s = sessionOfResponse(res);
    res.json({ officer: publicOfficer(s.officer), csrfToken: s.csrf, expiresAt: s.expiresAt, teams: TEAMS, serverTime: now() });
  });

  router.get('/tickets', async (req, res) => {
    const officer = me(res);
    const q = parse(listQuery, req.query);
    const states = parseStates(q.state);
    let list: Ticket[];
    if (q.scope === 'all') {
      requireLead(officer);
      list = await tickets.list({ states, ...(q.team ? { team: q.team } : {}) });
    } else if (q.scope === 'team') {
      const team = q.team ?? officer.team;
      if (team !== officer.team) requireLead(officer);
      list = await tickets.list({ states, team });
    } else if (q.scope === 'mine') {
      list = await tickets.list({ states, assignee: officer.login, ...(q.team ? { team: q.team } : {}) });
    } else {
      // The default inbox: what I have, plus the queue nobody has claimed yet: my team's, or for a
      // lead every team's (a queue with nobody on duty waits for the lead to hand it out).
      const mine = await tickets.list({ states, assignee: officer.login });
      const queueTeam = q.team ?? (officer.role === 'lead' ? undefined : officer.team);
      const queued = states.includes('queued') ? (await tickets.list({ states: ['queued'], ...(queueTeam ? { team: queueTeam } : {}) })).filter((t) => t.assignee === undefined) : [];
      const seen = new Set(mine.map((t) => t.no));
      list = [...mine, ...queued.filter((t) => !seen.has(t.no) && canSee(officer, t))].sort(byUrgency);
    }
    res.json({ tickets: list, serverTime: now() });
  });

  router.get('/tickets/:no', async (req, res) => {
    const officer = me(res);
    const found = await tickets.get(ticketNo(req));
    if (!found) throw new AppError('not_found', `No ticket #${String(req.params['no'])}`);
    if (!canSee(officer, found.ticket)) throw new AppError('forbidden', `Ticket #${found.ticket.no} belongs to team ${found.ticket.team}`);
    res.json({ ticket: found.ticket, events: found.events, transcript: await store.messages(found.ticket.conversationId), serverTime: now() });
  });

  /** One audited ticket action: success and refusal both leave an audit row. */
  const action = (name: string, run: (no: number, officer: Officer, req: Request) => Promise<{ ticket: Ticket; data?: Record<string, unknown> }>) =>
    async (req: Request, res: Response): Promise<void> => {
      const officer = me(res);
      const no = ticketNo(req);
      try {
        const { ticket, data } = await run(no, officer, req);
        await audit.record(officerActor(officer.login), `ticket.${name}`, { ticketNo: no, ...data });
        res.json({ ticket });
      } catch (err) {
        await audit.record(officerActor(officer.login), `ticket.${name}_refused`, { ticketNo: no, code: AppError.isInstance(err) ? err.code : 'internal' });
        throw err;
      }
    };

  router.post('/tickets/:no/claim', action('claim', async (no, officer, req) => {
    const body = parse(claimBody, req.body ?? undefined);
    return { ticket: await tickets.claim(no, officer, body?.version) };
  }));
  router.post('/tickets/:no/reply', action('reply', async (no, officer, req) => {
    const text = cleanText(parse(textBody, req.body).text);
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY_RE.test(key)) throw new AppError('bad_request', 'Idempotency-Key must be 8–128 letters, digits, "-", "_", ":" or "."');
    return { ticket: await tickets.reply(no, officer, text, key), data: { chars: text.length, ...(key ? { idempotencyKey: key } : {}) } };
  }));
  router.post('/tickets/:no/note', action('note', async (no, officer, req) => {
    const text = cleanText(parse(textBody, req.body).text);
    return { ticket: await tickets.note(no, officer, text), data: { chars: text.length } };
  }));
  router.post('/tickets/:no/transfer', action('transfer', async (no, officer, req) => {
    const { team } = parse(transferBody, req.body);
    const ticket = await tickets.transfer(no, officer, team);
    return { ticket, data: { to: team } };
  }));
  router.post('/tickets/:no/resolve', action('resolve', async (no, officer) => ({ ticket: await tickets.resolve(no, officer) })));
  router.post('/tickets/:no/priority', action('priority', async (no, officer, req) => {
    const { priority } = parse(priorityBody, req.body);
    return { ticket: await tickets.setPriority(no, officer, priority), data: { priority } };
  }));

  registerCuratedRoutes(router, { db, tickets, audit, now, me, onCuratedApproved: deps.onCuratedApproved });
  if (deps.library) registerLibraryRoutes(router, { ...deps.library, me });

  // Who is who: the console shows officers by name, while tickets and events record logins.
  router.get('/directory', async (_req, res) => {
    res.json({ officers: (await officers.all()).map((o) => ({ login: o.login, name: o.name, team: o.team })) });
  });

  router.get('/dashboard', async (_req, res) => {
    res.json(await dashboardData(db, clock.now()));
  });

  // The login QR code logs in the office's WeChat account: leads only, never cached.
  router.get('/wechat', (_req, res) => {
    requireLead(me(res));
    res.json(deps.wechatStatus ? { enabled: true, ...deps.wechatStatus() } : { enabled: false });
  });

  router.post('/duty', async (req, res) => {
    const officer = me(res);
    const { onDuty } = parse(dutyBody, req.body);
    await officers.setOnDuty(officer.login, onDuty);
    await audit.record(officerActor(officer.login), 'duty', { onDuty });
    const updated = (await officers.get(officer.login)) ?? officer;
    res.json({ officer: publicOfficer(updated) });
  });

  router.get('/events', (req, res) => {
    const officer = me(res);
    const sse = openSse(res);
    deps.streams?.add(sse);
    const shown = new Set<number>();
    // A ticket that leaves what I may see (transferred to another team) is announced as gone, by number only.
    const leftMe = async (t: Ticket): Promise<boolean> => {
      if (shown.delete(t.no)) return true;
      const last = (await tickets.get(t.no))?.events.at(-1);
      return last?.type === 'transferred' && last.data['from'] === officer.team;
    };
    // Notices are handled one after another, so the stream keeps their order while one awaits the store.
    let queue: Promise<void> = Promise.resolve();
    const unsubscribe = tickets.subscribe(({ kind, ticket, alert }) => {
      queue = queue.then(async () => {
        if (kind === 'alert') {
          if (alert?.to.includes(officer.login)) sse.send('alert', { type: alert.type, text: alert.text, ticketNo: ticket.no });
          return;
        }
        if (canSee(officer, ticket)) {
          shown.add(ticket.no);
          sse.send('ticket', { kind, ticket });
        } else if (await leftMe(ticket)) {
          sse.send('gone', { no: ticket.no });
        }
      }).catch((err: Error) => deps.logger.warn('officer event not sent', { error: err.message }));
    });
    sse.send('ready', { officer: officer.login, serverTime: now() });
    const ping = setInterval(() => {
      // A stream outlives neither its session nor a logout. During shutdown the store may already be
      // closed when a ping is due: the stream ends instead of failing from a timer.
      auth.sessionOf(req).then(
        (session) => (session === undefined ? sse.end() : sse.comment('ping')),
        () => sse.end(),
      );
    }, deps.pingMs ?? 25_000);
    res.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      deps.streams?.delete(sse);
    });
  });

  return router;
}
