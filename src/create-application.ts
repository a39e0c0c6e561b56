import { hostname } from 'node:os';
import path from 'node:path';
import type { Config } from './config.js';
import { buildWidget } from './channels/web/build-widget.js';
import type { WechatChannel } from './channels/wechat/create-wechat-channel.js';
import type { ConversationEvents } from './channels/web/conversation-events.js';
import { createSharedConversationEvents } from './channels/web/shared-conversation-events.js';
import { createWebApp, type WebApp } from './channels/web/create-web-app.js';
import { createMetrics, type Metrics } from './channels/web/metrics.js';
import { DEMO_SCRIPT } from './channels/web/pages/demo-script.js';
import { renderDemoPage } from './channels/web/pages/demo-page.js';
import type { Logger } from './core/logger.js';
import { silentLogger } from './core/logger.js';
import { systemClock, type Clock } from './core/ports/clock.js';
import type { ChatModel } from './core/ports/chat-model.js';
import type { Channel } from './core/types.js';
import { createServices, type Services } from './create-services.js';
import { createDeliveryWorker, type Deliverer, type DeliveryWorker } from './handoff/delivery-worker.js';
import { bootstrapOfficer } from './handoff/first-officer.js';
import { seedOfficers } from './handoff/load-officers.js';
import { createOfficerRepo, type OfficerRepo } from './handoff/officer-repo.js';
import { createTicketService, type BroadcastNotice, type TicketService } from './handoff/ticket-service.js';
import { createChatStore, type ChatStore } from './storage/chat-store.js';
import { indexDigest } from './knowledge/index-digest.js';
import { watchCorpus } from './knowledge/watch-corpus.js';
import { officerRoutes, type WechatConsoleStatus } from './channels/web/officer/officer-routes.js';
import { buildConsole } from './channels/web/console/build-console.js';
import { servePrecompressed } from './channels/web/precompressed-asset.js';
import { renderConsolePage } from './channels/web/console/console-page.js';
import type { SseStream } from './channels/web/sse.js';
import type { CuratedAnswer } from './core/curated/curated-answers.js';
import { createChangeFeed } from './storage/change-feed.js';
import { createLeadership } from './storage/leadership.js';
import { openStore, type StoreLocation } from './storage/open-store.js';
import { createPostgresDb } from './storage/postgres/postgres-db.js';
import { createRateLimitCounters, createSqlRateLimitStore } from './storage/store-rate-limit.js';
import { createLocalTurnLeases } from './storage/local-turn-leases.js';
import { createTurnLeases } from './storage/turn-lease.js';
import type { SqlDb } from './storage/sql-db.js';
import { STORE_MIGRATIONS } from './store-migrations.js';
import { libraryCorpus, seedLibrary } from './library/library-corpus.js';
import { watchExpiry } from './library/expiry-watch.js';
import { createLibraryService, type LibraryService } from './library/library-service.js';
import { createLibraryStore } from './library/library-store.js';

/** The whole running product: stores, tickets, assistant and the web app, not yet listening. */
export interface Application {
  /** The store (SQLite or PostgreSQL). */
  db: SqlDb;
  /** This process's name in /healthz, logs and outbox leases. */
  instanceId: string;
  /** Conversations and threads. */
  store: ChatStore;
  /** Officer accounts. */
  officers: OfficerRepo;
  /** Tickets. */
  tickets: TicketService;
  /** Outbox delivery. */
  delivery: DeliveryWorker;
  /** Live fan-out to web conversations (across instances). */
  events: ConversationEvents & { close(): void };
  /** Knowledge base and assistant. */
  services: Services;
  /** The policy library (documents, versions, drafts; publish and rollback). */
  library: LibraryService;
  /** Metrics. */
  metrics: Metrics;
  /** The express app and its open streams. */
  web: WebApp;
  /** The WeChat bot, when WECHAT_ENABLED=true. */
  wechat?: WechatChannel;
  /** Starts the background work (delivery, SLA escalation). */
  start(): void;
  /** Ends every open event stream (chat and officer), for shutdown. */
  endStreams(): void;
  /** Stops the background work and closes the store. */
  close(): Promise<void>;
}

/** Replaceable parts, for tests. */
export interface ApplicationOverrides {
  /** Log sink. */
  logger?: Logger;
  /** Clock. */
  clock?: Clock;
  /** Chat model instead of the configured one. */
  model?: ChatModel;
}

/** Composes the product from configuration: the one wiring that `npm start` and the end-to-end tests share. */
export async function createApplication(config: Config, overrides: ApplicationOverrides = {}): Promise<Application> {
  const logger = overrides.logger ?? silentLogger;
  const clock = overrides.clock ?? systemClock;
  const instanceId = config.instanceId ?? `${hostname()}:${config.port}:${process.pid}`;
  // Migrations run at start under a lock, so instances starting together apply each one once.
  const location: StoreLocation = config.database.url
    ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize, applicationName: `qianxiaozhi ${instanceId}`, ...(config.database.schema ? { schema: config.database.schema } : {}) }
    : { kind: 'sqlite', dataDir: config.dataDir };
  const db = await openStore(location, STORE_MIGRATIONS);
  const store = createChatStore(db, () => clock.now());
  const metrics = createMetrics();
  // What one instance changes, the others hear of here (PostgreSQL LISTEN/NOTIFY; in-process on SQLite).
  const feed = createChangeFeed({ location, db, logger });
  const events = createSharedConversationEvents({ feed, store, instanceId, logger });
  // Timers that must run once across instances (SLA escalation, pruning) run where this is held.
  const leadership = createLeadership({ name: 'timers', location, logger });
  // Turn leases and the chat API's rate-limit counters need not outlive a crash of the database
  // server (a lease then runs out, a counter restarts low), so on PostgreSQL their commits do not
  // wait for its WAL flush: four of a turn's five commits. The turn itself waits, as every other write.
  const volatileDb = location.kind === 'postgres' ? createPostgresDb({ ...location, poolSize: Math.min(4, location.poolSize ?? 4), applicationName: `qianxiaozhi ${instanceId} leases`, synchronousCommit: 'off' }) : undefined;
  // One turn per conversation at a time: across instances through the store, within one process in memory.
  const turns = volatileDb ? createTurnLeases({ db: volatileDb, owner: instanceId, clock, logger }) : createLocalTurnLeases();
  // Rate-limit counters live in the store when instances share one; in process memory otherwise.
  const rateLimitStore = volatileDb ? (prefix: string) => createSqlRateLimitStore({ db: volatileDb, prefix, clock }) : undefined;
  const rateCounters = createRateLimitCounters({ db, clock });
  const officers = createOfficerRepo(db);
  await seedOfficers(path.join(config.seedsDir, 'officers.yaml'), officers);
  await bootstrapOfficer(officers, config.officerBootstrap, logger);
  // Officer replies and notices reach a web conversation as thread messages, pushed to its live stream.
  const deliverers: Partial<Record<Channel, Deliverer>> = {
    web: async (m) => events.publish(m.conversationId, await store.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id)),
    cli: async () => undefined,
  };
  // A claimed message's lease outlives the delivery timeout by as much again (at most 30 s more).
  const leaseMs = config.deliveryTimeoutMs + Math.min(config.deliveryTimeoutMs, 30_000);
  const delivery = createDeliveryWorker({ db, clock, logger, deliverers, instanceId, policy: { deliveryTimeoutMs: config.deliveryTimeoutMs, leaseMs } });
  const tickets = createTicketService({
    db, officers, clock, logger, onOutbox: () => delivery.kick(),
    broadcast: (notice) => void feed.publish(TICKET_TOPIC, JSON.stringify({ ...notice, origin: instanceId })).catch((err: Error) => logger.warn('ticket notice not sent', { error: err.message })),
  });
  const stopTicketFeed = feed.subscribe(TICKET_TOPIC, (payload) => {
    const notice = parseNotice(payload);
    if (!notice || notice.origin === instanceId) return;
    // Another instance changed a ticket: this instance's officer consoles hear of it.
    tickets.receive(notice).catch((err: Error) => logger.warn('ticket notice not read', { error: err.message }));
    // An outbox message queued elsewhere may be for a channel only this instance delivers (WeChat).
    if (notice.kind === 'updated') delivery.kick();
  });
  // The texts come from the policy library in the store; a fresh install imports policies/ into it first.
  const libraryStore = createLibraryStore(db, clock);
  await seedLibrary(libraryStore, config.policiesDir, logger);
  const services = await createServices(config, {
    logger, clock, conversations: store, handoff: tickets, corpus: libraryCorpus(libraryStore, clock),
    onFallback: (stage) => metrics.llmFallbacks.inc({ stage }),
    ...(overrides.model ? { model: overrides.model } : {}),
  });
  // Wechaty loads only when the channel is on (importing it costs a second).
  let wechat: WechatChannel | undefined;
  if (config.wechat) {
    const [{ createWechatChannel }, { createWechaty }] = await Promise.all([import('./channels/wechat/create-wechat-channel.js'), import('./channels/wechat/create-wechaty.js')]);
    wechat = createWechatChannel({
      bot: createWechaty(config.wechat, config.dataDir), assistant: services.assistant, tickets, officers, db, clock, logger, thread: store,
      config: { host: config.host, port: config.port, web: config.web, wechat: config.wechat },
    });
    deliverers.wechat = wechat.deliverer;
  }
  // Officer-approved answers join the seeded ones, at every start and whenever any instance approves one.
  const seededCurated = services.curated.list();
  const loadApproved = async (): Promise<void> => {
    const approved: CuratedAnswer[] = (await db.all<{ id: number; question: string; answer: string; keys_json: string; lang: 'zh' | 'en' }>("SELECT id, question, answer, keys_json, lang FROM curated_proposals WHERE status = 'approved' ORDER BY id"))
      .map((r) => ({ id: `officer-${r.id}`, questions: [r.question], answer: r.answer, keys: JSON.parse(r.keys_json) as string[], lang: r.lang }));
    services.curated.replace([...seededCurated, ...approved]);
  };
  await loadApproved();
  const stopCuratedFeed = feed.subscribe(CURATED_TOPIC, (origin) => {
    if (origin !== instanceId) loadApproved().catch((err: Error) => logger.warn('approved answers not reloaded', { error: err.message }));
  });
  // A publish reloads this instance before it answers and tells the others, which reload too; each
  // swaps its index atomically (searches keep the old one until the new one is built).
  const reloadLibrary = async (): Promise<void> => {
    const r = await services.knowledge.reload();
    logger.info('policy library reloaded', { action: r.action, documents: r.documents, chunks: r.chunks, changed: r.changed, ms: r.ms });
  };
  const library = createLibraryService({
    db, store: libraryStore, clock, live: () => services.knowledge, knowledgeOver: (corpus, dir) => services.knowledgeOver(corpus, dir),
    assistantOver: (k) => services.assistantOver(k), rules: () => services.rules(), curated: () => services.curated.list(), evalDir: path.join(config.seedsDir, 'eval'),
    onPublished: async (p) => {
      void feed.publish(LIBRARY_TOPIC, JSON.stringify({ ...p, origin: instanceId })).catch((err: Error) => logger.warn('library notice not sent', { error: err.message }));
      await reloadLibrary();
    },
  });
  const stopLibraryFeed = feed.subscribe(LIBRARY_TOPIC, (payload) => {
    if (originOf(payload) !== instanceId) reloadLibrary().catch((err: Error) => logger.error('policy library not reloaded; the index in use stays', { error: err.message }));
  });
  const consoleHtml = renderConsolePage();
  // Built and compressed at start; officers' browsers revalidate it by ETag on every load.
  const consoleScript = servePrecompressed(buildConsole, { type: 'application/javascript; charset=utf-8', cacheControl: 'private, no-cache' });
  const officerStreams = new Set<SseStream>();
  const demoHtml = renderDemoPage({ title: '钱小智 · 钱塘区人才政策助手', widgetSrc: '/widget.js', lang: 'zh' });
  const web = createWebApp({
    assistant: services.assistant,
    store,
    events,
    metrics,
    logger,
    web: config.web,
    turns,
    ...(rateLimitStore ? { rateLimitStore } : {}),
    ...(config.metrics.token !== undefined ? { metricsToken: config.metrics.token } : {}),
    mount: (express) => {
      express.use('/api/officer', officerRoutes({
        db, tickets, officers, store, clock, logger, streams: officerStreams, loginMaxAttempts: config.login.maxAttempts,
        ...(wechat ? { wechatStatus: () => wechatConsoleStatus(wechat) } : {}),
        onCuratedApproved: (p) => services.curated.replace([...services.curated.list(), { id: `officer-new-${Date.now()}`, questions: [p.question], answer: p.answer, keys: p.keys, lang: p.lang }]),
        // The other instances read the approved rows, so they hear of it once the approval is committed.
        afterCuratedApproved: () => void feed.publish(CURATED_TOPIC, instanceId).catch((err: Error) => logger.warn('curated notice not sent', { error: err.message })),
        ...(rateLimitStore ? { rateLimitStore } : {}),
        library: { library, rules: () => services.rules(), liveChunks: () => services.knowledge.state().chunks },
      }));
      express.get('/console', (_req, res) => {
        // The console is never framed, whatever origins may embed the widget.
        res.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
        res.type('html').set('Cache-Control', 'no-store').send(consoleHtml);
      });
      express.get('/console.js', consoleScript.handler);
    },
    assets: { widget: async () => (await buildWidget()).code, demoPage: () => demoHtml, demoScript: () => DEMO_SCRIPT },
    health: async () => ({
      process: { ok: true, detail: { uptimeSeconds: Math.round(process.uptime()), instance: instanceId } },
      index: {
        ok: services.knowledge.state().chunks.length > 0,
        detail: { documents: services.knowledge.documents().length, chunks: services.knowledge.state().chunks.length, digest: indexDigest(services.knowledge.state()) },
      },
      store: await db.get('SELECT 1 AS one').then(
        () => ({ ok: true, detail: { kind: db.dialect } }),
        () => ({ ok: false, detail: { kind: db.dialect, error: 'database unavailable' } }),
      ),
      ...(wechat ? { wechat: wechatHealth(wechat) } : {}),
    }),
  });
  let slaTimer: NodeJS.Timeout | undefined;
  const stopFeeds = [stopTicketFeed, stopCuratedFeed, stopLibraryFeed];
  let stopWatching: (() => void) | undefined;
  return {
    db, instanceId, store, officers, tickets, delivery, events, services, library, metrics, web, ...(wechat ? { wechat } : {}),
    start() {
      delivery.start();
      wechat?.start().catch((err: Error) => logger.error('wechat channel failed to start', { error: err.message }));
      // The SLA clock: due times live in the database, so a restart loses no escalation. With several
      // instances, only the one holding the timers' leadership runs it (another takes over if it dies).
      leadership.start();
      const timers = (): void => {
        if (!leadership.isLeader()) return;
        tickets.escalateOverdue().catch((err: Error) => logger.error('SLA escalation pass failed', { error: err.message }));
        rateCounters.prune(60 * 60_000).catch((err: Error) => logger.warn('rate-limit counters not pruned', { error: err.message }));
      };
      timers();
      const stopLeading = leadership.onChange((leader) => {
        logger.info(leader ? 'this instance runs the timers' : 'this instance no longer runs the timers', { instance: instanceId });
        if (leader) timers();
      });
      slaTimer = setInterval(timers, 60_000);
      slaTimer.unref();
      stopFeeds.push(stopLeading);
      // Every instance keeps its own index, so each reloads for texts that expire with the day.
      const expiries = async (): Promise<string[]> => (await libraryStore.current()).flatMap((v) => (v.meta.expires ? [v.meta.expires] : []));
      stopFeeds.push(watchExpiry({ clock, expiries, reload: reloadLibrary, logger }));
      // Texts reload into a new index (searches keep the old one until the swap); rules into a new engine.
      stopWatching = watchCorpus(config.policiesDir, async () => {
        const r = await services.knowledge.reload();
        if (r.action !== 'loaded') logger.info('corpus reloaded', { action: r.action, documents: r.documents, chunks: r.chunks, changed: r.changed, ms: r.ms });
        try {
          logger.info('eligibility rules reloaded', { rules: await services.reloadRules() });
        } catch (err) {
          logger.error('eligibility rules not reloaded; the rules in use stay', { error: (err as Error).message });
        }
      }, logger);
    },
    endStreams() {
      for (const s of [...web.streams, ...officerStreams]) s.end();
    },
    async close() {
      delivery.stop();
      wechat?.stop().catch((err: Error) => logger.warn('wechat channel did not stop cleanly', { error: err.message }));
      if (slaTimer) clearInterval(slaTimer);
      stopWatching?.();
      for (const s of [...web.streams, ...officerStreams]) s.end();
      for (const stop of stopFeeds.splice(0)) stop();
      events.close();
      await Promise.allSettled([leadership.stop(), feed.close()]);
      await volatileDb?.close();
      await db.close();
    },
  };
}

/** Change-feed topics of the application. */
const TICKET_TOPIC = 'ticket_notices';
const CURATED_TOPIC = 'curated_approved';
const LIBRARY_TOPIC = 'library_published';

/** The sending instance of a library notice ('' when unreadable: every instance reloads then). */
function originOf(payload: string): string {
  try {
    const origin = (JSON.parse(payload) as { origin?: unknown }).origin;
    return typeof origin === 'string' ? origin : '';
  } catch {
    return '';
  }
}

/** A ticket notice from the feed, or undefined when it is not one. */
function parseNotice(payload: string): (BroadcastNotice & { origin: string }) | undefined {
  try {
    const n = JSON.parse(payload) as Partial<BroadcastNotice & { origin: string }>;
    return typeof n.no === 'number' && typeof n.kind === 'string' && typeof n.origin === 'string' ? (n as BroadcastNotice & { origin: string }) : undefined;
  } catch {
    return undefined;
  }
}

/** The bot's health without the login QR code (whoever scans it owns the bot's session). */
function wechatHealth(wechat: WechatChannel): { ok: boolean; detail: unknown } {
  const s = wechat.status();
  return { ok: s.loggedIn, detail: { loggedIn: s.loggedIn, user: s.user?.name, logins: s.logins, lastEvent: s.lastEvent, waitingForScan: s.qr !== undefined } };
}

/** The part of the WeChat status a lead's console shows (no raw QR value, no ids). */
function wechatConsoleStatus(channel: WechatChannel): WechatConsoleStatus {
  const s = channel.status();
  return {
    loggedIn: s.loggedIn,
    ...(s.user ? { user: s.user.name } : {}),
    ...(s.lastEvent ? { lastEvent: { type: s.lastEvent.type, at: s.lastEvent.at } } : {}),
    ...(s.qr?.svg && !s.loggedIn ? { qrSvg: s.qr.svg } : {}),
  };
}
