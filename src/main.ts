import type { Server } from 'node:http';
import { loadConfig } from './config.js';
import { buildWidget } from './channels/web/build-widget.js';
import { createConversationEvents } from './channels/web/conversation-events.js';
import { createMetrics } from './channels/web/metrics.js';
import { DEMO_SCRIPT } from './channels/web/pages/demo-script.js';
import { renderDemoPage } from './channels/web/pages/demo-page.js';
import { createPinoLogger } from './channels/web/pino-logger.js';
import { createWebApp } from './channels/web/create-web-app.js';
import { createServices } from './create-services.js';
import { createChatStore } from './storage/chat-store.js';
import { CHAT_MIGRATIONS, openDatabase } from './storage/open-database.js';
import path from 'node:path';
import { systemClock } from './core/ports/clock.js';
import { createDeliveryWorker } from './handoff/delivery-worker.js';
import { seedOfficers } from './handoff/load-officers.js';
import { HANDOFF_MIGRATIONS } from './handoff/migrations.js';
import { createOfficerRepo } from './handoff/officer-repo.js';
import { createTicketService } from './handoff/ticket-service.js';

// Composition root: config → stores → knowledge base → assistant → channels.
const config = loadConfig();
const logger = createPinoLogger(config.logLevel);
const db = openDatabase(config.dataDir, [...CHAT_MIGRATIONS, ...HANDOFF_MIGRATIONS]);
const store = createChatStore(db);
const metrics = createMetrics();
const events = createConversationEvents();
const officers = createOfficerRepo(db);
await seedOfficers(path.join(config.seedsDir, 'officers.yaml'), officers);
// Officer replies and notices reach a web conversation as thread messages, pushed to its live stream.
const delivery = createDeliveryWorker({
  db,
  clock: systemClock,
  logger,
  deliverers: {
    web: async (m) => events.publish(m.conversationId, store.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id)),
    cli: async () => undefined,
  },
});
const tickets = createTicketService({ db, officers, clock: systemClock, logger, onOutbox: () => delivery.kick() });
const services = await createServices(config, { logger, conversations: store, handoff: tickets, onFallback: (stage) => metrics.llmFallbacks.inc({ stage }) });
delivery.start();
// The SLA clock: overdue tickets are escalated every minute; due times live in the database, so a restart loses nothing.
const slaTimer = setInterval(() => tickets.escalateOverdue(), 60_000);
slaTimer.unref();
tickets.escalateOverdue();
if (officers.count() === 0) {
  process.stdout.write('No helper officer can log in yet. Create one with:\n  npm run officer -- add zhou.lan --team 综合 --lead   (type the password, then Enter)\n');
}
const report = services.knowledge.lastReport();
logger.info('knowledge base ready', { action: report.action, documents: report.documents, chunks: report.chunks, ms: report.ms });

const publicUrl = config.web.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const demoHtml = renderDemoPage({ title: '钱小智 · 钱塘区人才政策助手', widgetSrc: '/widget.js', lang: 'zh' });
const { app, streams } = createWebApp({
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

const server: Server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.web.publicUrl ?? publicUrl.replace(/:\d+$/u, `:${port}`);
  process.stdout.write(`\n钱小智 is running: open ${url}/ (widget: ${url}/widget.js, health: ${url}/healthz)\n${config.llm ? `answers: ${config.llm.model}` : 'answers: offline (no LLM configured)'}\n\n`);
});
server.on('error', (err) => {
  logger.error('server failed to start', { error: err.message });
  process.exit(1);
});

// Graceful shutdown: stop accepting, let answers in progress finish, end live streams, close the database.
let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal, openStreams: streams.size });
  delivery.stop();
  clearInterval(slaTimer);
  server.close(() => {
    db.close();
    process.exit(0);
  });
  setTimeout(() => {
    for (const s of streams) s.end();
    server.closeIdleConnections();
  }, 2_000).unref();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
