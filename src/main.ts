import type { Server } from 'node:http';
import { loadConfig } from './config.js';
import { answerClientErrors } from './channels/web/http-error.js';
import { serveMetrics } from './channels/web/metrics-server.js';
import { createPinoLogger } from './channels/web/pino-logger.js';
import { createApplication } from './create-application.js';
import { firstOfficerCommand } from './handoff/first-officer.js';
import { MIN_PASSWORD_LENGTH } from './handoff/passwords.js';

// Composition root: config → application (stores, tickets, knowledge base, assistant, web) → listen.
const config = loadConfig();
const logger = createPinoLogger(config.logLevel);
const app = await createApplication(config, { logger });
const report = app.services.knowledge.lastReport();
logger.info('knowledge base ready', { action: report.action, documents: report.documents, chunks: report.chunks, ms: report.ms });
app.start();
// With no officer able to log in yet, the banner shows the command that creates the first one.
const firstCommand = (await app.officers.count()) === 0 ? await firstOfficerCommand(app.officers) : undefined;

const server: Server = app.web.app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = config.web.publicUrl ?? `http://${host}:${port}`;
  process.stdout.write(
    `\n钱小智 is running: open ${url}/   (officer console: ${url}/console, health: ${url}/healthz)\n` +
      `answers: ${config.llm ? `${config.llm.model} via ${config.llm.baseURL}` : 'offline (no LLM configured)'}\n`,
  );
  if (firstCommand !== undefined) {
    // The command stands alone on its line, so it can be copied and pasted as it is.
    process.stdout.write(
      `No helper officer can log in yet. Create the first one (it asks for a password of ${MIN_PASSWORD_LENGTH}+ characters):\n\n` +
        `  ${firstCommand}\n\n` +
        'or set OFFICER_BOOTSTRAP_LOGIN and OFFICER_BOOTSTRAP_PASSWORD (see .env.example) and start again.\n',
    );
  }
  process.stdout.write('\n');
});
// /metrics on its own port, reachable from this host only (METRICS_PORT); the public port serves it only with METRICS_TOKEN.
const metricsServer = config.metrics.port !== undefined ? (await serveMetrics(app.metrics, config.metrics.port)).server : undefined;

// Errors Node answers before express (oversized headers, malformed requests) are JSON too.
answerClientErrors(server);
server.on('error', (err) => {
  logger.error('server failed to start', { error: err.message });
  process.exit(1);
});

// Graceful shutdown: stop accepting, let answers in progress finish, end live streams, close the database.
let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal, openStreams: app.web.streams.size });
  metricsServer?.close();
  server.close(() => {
    app.close().finally(() => process.exit(0));
  });
  // Event streams never end by themselves; answers in progress get two seconds to finish.
  setTimeout(() => {
    app.endStreams();
    server.closeIdleConnections();
  }, 2_000).unref();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
