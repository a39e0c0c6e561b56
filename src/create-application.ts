import path from 'node:path';
import type { Config } from './config.js';
import { buildWidget } from './channels/web/build-widget.js';
import { createConversationEvents, type ConversationEvents } from './channels/web/conversation-events.js';
import { createWebApp, type WebApp } from './channels/web/create-web-app.js';
import { createMetrics, type Metrics } from './channels/web/metrics.js';
import { DEMO_SCRIPT } from './channels/web/pages/demo-script.js';
import { renderDemoPage } from './channels/web/pages/demo-page.js';
import type { Logger } from './core/logger.js';
import { silentLogger } from './core/logger.js';
import { systemClock, type Clock } from './core/ports/clock.js';
import type { ChatModel } from './core/ports/chat-model.js';
import { createServices, type Services } from './create-services.js';
import { createDeliveryWorker, type DeliveryWorker } from './handoff/delivery-worker.js';
import { seedOfficers } from './handoff/load-officers.js';
import { HANDOFF_MIGRATIONS } from './handoff/migrations.js';
import { createOfficerRepo, type OfficerRepo } from './handoff/officer-repo.js';
import { createTicketService, type TicketService } from './handoff/ticket-service.js';
import { createChatStore, type ChatStore } from './storage/chat-store.js';
import { watchCorpus } from './knowledge/watch-corpus.js';
import { CHAT_MIGRATIONS, openDatabase, type Db } from './storage/open-database.js';

/** The whole running product: stores, tickets, assistant and the web app, not yet listening. */
export interface Application {
  /** The database. */
  db: Db;
  /** Conversations and threads. */
  store: ChatStore;
  /** Officer accounts. */
  officers: OfficerRepo;
  /** Tickets. */
  tickets: TicketService;
  /** Outbox delivery. */
  delivery: DeliveryWorker;
  /** Live fan-out to web conversations. */
  events: ConversationEvents;
  /** Knowledge base and assistant. */
  services: Services;
  /** Metrics. */
  metrics: Metrics;
  /** The express app and its open streams. */
  web: WebApp;
  /** Starts the background work (delivery, SLA escalation). */
  start(): void;
  /** Stops the background work and closes the database. */
  close(): void;
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
  const db = openDatabase(config.dataDir, [...CHAT_MIGRATIONS, ...HANDOFF_MIGRATIONS]);
  const store = createChatStore(db, () => clock.now());
  const metrics = createMetrics();
  const events = createConversationEvents();
  const officers = createOfficerRepo(db);
  await seedOfficers(path.join(config.seedsDir, 'officers.yaml'), officers);
  // Officer replies and notices reach a web conversation as thread messages, pushed to its live stream.
  const delivery = createDeliveryWorker({
    db,
    clock,
    logger,
    deliverers: {
      web: async (m) => events.publish(m.conversationId, store.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id)),
      cli: async () => undefined,
    },
  });
  const tickets = createTicketService({ db, officers, clock, logger, onOutbox: () => delivery.kick() });
  const services = await createServices(config, {
    logger, clock, conversations: store, handoff: tickets,
    onFallback: (stage) => metrics.llmFallbacks.inc({ stage }),
    ...(overrides.model ? { model: overrides.model } : {}),
  });
  const demoHtml = renderDemoPage({ title: '钱小智 · 钱塘区人才政策助手', widgetSrc: '/widget.js', lang: 'zh' });
  const web = createWebApp({
    assistant: services.assistant,
    store,
    events,
    metrics,
    logger,
    web: config.web,
    assets: { widget: async () => (await buildWidget()).code, demoPage: () => demoHtml, demoScript: () => DEMO_SCRIPT },
    health: () => ({
      process: { ok: true, detail: { uptimeSeconds: Math.round(process.uptime()) } },
      index: { ok: services.knowledge.state().chunks.length > 0, detail: { documents: services.knowledge.documents().length, chunks: services.knowledge.state().chunks.length } },
      store: (() => {
        try {
          db.prepare('SELECT 1').get();
          return { ok: true };
        } catch (err) {
          return { ok: false, detail: (err as Error).message };
        }
      })(),
      llm: { ok: true, detail: config.llm ? config.llm.model : 'offline' },
    }),
  });
  let slaTimer: NodeJS.Timeout | undefined;
  let stopWatching: (() => void) | undefined;
  return {
    db, store, officers, tickets, delivery, events, services, metrics, web,
    start() {
      delivery.start();
      // The SLA clock: due times live in the database, so a restart loses no escalation.
      tickets.escalateOverdue();
      slaTimer = setInterval(() => tickets.escalateOverdue(), 60_000);
      slaTimer.unref();
      stopWatching = watchCorpus(config.policiesDir, services.knowledge, logger);
    },
    close() {
      delivery.stop();
      if (slaTimer) clearInterval(slaTimer);
      stopWatching?.();
      for (const s of web.streams) s.end();
      db.close();
    },
  };
}
