import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { buildConsole } from '../../../../src/channels/web/console/build-console.js';
import { renderConsolePage } from '../../../../src/channels/web/console/console-page.js';
import { errorHandler } from '../../../../src/channels/web/http-error.js';
import { officerRoutes, type ApprovedCurated } from '../../../../src/channels/web/officer/officer-routes.js';
import { silentLogger } from '../../../../src/core/logger.js';
import type { Clock } from '../../../../src/core/ports/clock.js';
import { createOfficerRepo, type OfficerRepo } from '../../../../src/handoff/officer-repo.js';
import { hashPassword } from '../../../../src/handoff/passwords.js';
import { createTicketService, type TicketService } from '../../../../src/handoff/ticket-service.js';
import { createChatStore, type ChatStore } from '../../../../src/storage/chat-store.js';
import { openStore } from '../../../../src/storage/open-store.js';
import type { SqlDb } from '../../../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../../../src/store-migrations.js';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../../../helpers/test-schema.js';

/** Tuesday 10:00 in Hangzhou: office hours. */
export const T0 = Date.parse('2025-06-10T02:00:00.000Z');
/** One minute in ms. */
export const MIN = 60_000;
/** Every fixture officer's password. */
export const PASSWORD = 'correct horse battery';

/** The CSP of the web app (create-web-app.ts), for pages served in tests. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** A running officer API over a fresh store (SQLite or PostgreSQL). */
export interface OfficerEnv {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** origin + /api/officer */
  base: string;
  /** Which store the env runs on. */
  kind: 'sqlite' | 'postgres';
  db: SqlDb;
  store: ChatStore;
  officers: OfficerRepo;
  tickets: TicketService;
  /** What onCuratedApproved received. */
  approved: ApprovedCurated[];
  clock: Clock & { set(ms: number): void; advance(ms: number): void };
  /** Opens a ticket from a fresh conversation with one user message. */
  openTicket(keys?: string[], question?: string): Promise<number>;
  close(): Promise<void>;
}

let hash: Promise<string> | undefined;

/**
 * Officers ana and bo (补贴兑现), cai (人才认定), lead (综合, lead), all off duty so new tickets queue;
 * an express app with the officer router at /api/officer (and the console at /console when asked).
 * `store: 'postgres'` runs it on a schema of its own, dropped by close().
 */
export async function startOfficerEnv(options: { console?: boolean; store?: 'sqlite' | 'postgres' } = {}): Promise<OfficerEnv> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-officer-'));
  let now = T0;
  const clock = { now: () => new Date(now), set: (ms: number) => void (now = ms), advance: (ms: number) => void (now += ms) };
  const schema = options.store === 'postgres' ? await createTestSchema() : undefined;
  const db = await openStore(schema ? { kind: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 } : { kind: 'sqlite', dataDir: dir }, STORE_MIGRATIONS);
  const store = createChatStore(db, () => clock.now());
  const officers = createOfficerRepo(db);
  const tickets = createTicketService({ db, officers, clock });
  const h = await (hash ??= hashPassword(PASSWORD));
  await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: false }, h);
  await officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer', onDuty: false }, h);
  await officers.upsert({ login: 'cai', name: '蔡明', team: '人才认定', role: 'officer', onDuty: false }, h);
  await officers.upsert({ login: 'lead', name: '李组长', team: '综合', role: 'lead', onDuty: false }, h);
  const approved: ApprovedCurated[] = [];
  const app = express();
  if (options.console) {
    app.use((_req, res, next) => {
      res.set('Content-Security-Policy', CSP);
      next();
    });
    app.get('/console', (_req, res) => void res.type('html').send(renderConsolePage()));
    app.get('/console.js', async (_req, res) => void res.type('application/javascript').send(await buildConsole()));
  }
  app.use(express.json());
  app.use('/api/officer', officerRoutes({ db, tickets, officers, store, clock, logger: silentLogger, onCuratedApproved: (p) => approved.push(p), pingMs: 100, loginRatePerMinute: 10_000 }));
  app.use(errorHandler(silentLogger));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin, base: `${origin}/api/officer`, kind: db.dialect, db, store, officers, tickets, approved, clock,
    async openTicket(keys = ['qt25-5'], question = '硕士生活补贴怎么领？') {
      const conv = await store.createConversation({ channel: 'web', userId: 'u', lang: 'zh' });
      await store.appendMessage(conv.id, { role: 'user', text: question, citations: [] });
      const { ticketNo } = await tickets.open({
        conversationId: conv.id, channel: 'web', userId: 'u', reason: 'user_request', intent: 'request_human', keys,
        summary: { question, facts: {}, articles: [], unresolved: '', transcript: [] },
      });
      return ticketNo;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let the closed sockets' responses emit 'close' (which stops each event stream's ping timer)
      // before the database goes: a ping due meanwhile would read a closed database.
      await new Promise<void>((resolve) => setTimeout(resolve, 20));
      if (db.open) await db.close();
      await rm(dir, { recursive: true, force: true });
      if (schema) await dropTestSchema(schema);
    },
  };
}
