import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createConversationEvents, type ConversationEvents } from '../../src/channels/web/conversation-events.js';
import { createWebApp } from '../../src/channels/web/create-web-app.js';
import { answerClientErrors } from '../../src/channels/web/http-error.js';
import { createMetrics, type Metrics } from '../../src/channels/web/metrics.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Logger } from '../../src/core/logger.js';
import { fixedClock } from '../../src/core/ports/clock.js';
import { createMemoryHandoffPort } from '../../src/core/ports/handoff-port.js';
import { createServices, type Services } from '../../src/create-services.js';
import { createChatStore, type ChatStore, type ThreadMessage } from '../../src/storage/chat-store.js';
import { openStore, type StoreLocation } from '../../src/storage/open-store.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { createSqlRateLimitStore } from '../../src/storage/store-rate-limit.js';
import { createTurnLeases } from '../../src/storage/turn-lease.js';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { REPO_ROOT, TODAY_ISO } from './services.js';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from './test-schema.js';

/** One line the app logged. */
export interface LogLine {
  /** info, warn or error. */
  level: 'info' | 'warn' | 'error';
  /** The message. */
  message: string;
  /** Structured data. */
  data?: Record<string, unknown>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * Environment for parseConfig on top of DATA_DIR and LOG_LEVEL=silent. RATE_LIMIT_PER_MINUTE
   * defaults to 100000 here so a whole test file from 127.0.0.1 never meets the per-IP limit.
   */
  env?: Record<string, string | undefined>;
  /**
   * The store (default SQLite under DATA_DIR). On PostgreSQL the server gets its own schema, dropped
   * by close(), and shares rate-limit counters through the store as main.ts wires it there.
   */
  store?: 'sqlite' | 'postgres';
}

/** Conversations whose turns the assistant takes its time over (a slow model), so turns could overlap. */
export interface SlowTurns {
  /** Every turn of this conversation waits `ms` before the assistant answers it. */
  add(conversationId: string, ms: number): void;
}

/** ConversationEvents that also tells how many listeners a conversation has (leak checks). */
export interface CountingEvents extends ConversationEvents {
  /** Listeners of one conversation. */
  listeners(conversationId: string): number;
}

/** A running web app over real Services, a real store (SQLite or PostgreSQL) and HTTP. */
export interface TestServer {
  /** http://127.0.0.1:<port> (changes only if restart cannot reuse the port). */
  readonly baseURL: string;
  /** The temp DATA_DIR (database and search index). */
  readonly dataDir: string;
  /** The parsed configuration. */
  readonly config: Config;
  /** The open store (replaced by restart). */
  readonly db: SqlDb;
  /** The chat store on it (replaced by restart). */
  readonly store: ChatStore;
  /** The live fan-out the app listens to (replaced by restart). */
  readonly events: CountingEvents;
  /** The memory handoff port (kept across restarts, like a ticket table would be). */
  readonly handoff: ReturnType<typeof createMemoryHandoffPort>;
  /** The app's metrics (replaced by restart). */
  readonly metrics: Metrics;
  /** The services (replaced by restart). */
  readonly services: Services;
  /** Makes chosen conversations' turns slow (kept across restarts). */
  readonly slowTurns: SlowTurns;
  /** Everything the app and services logged, all runs. */
  readonly logs: LogLine[];
  /** Stops the server, closes the store and removes DATA_DIR (and the PostgreSQL schema). */
  close(): Promise<void>;
  /** Closes server and database, reopens both and the services on the same DATA_DIR, listens again. */
  restart(): Promise<void>;
}

function countingEvents(inner: ConversationEvents = createConversationEvents()): CountingEvents {
  const counts = new Map<string, number>();
  return {
    publish: (id, message) => inner.publish(id, message),
    subscribe(id, listener) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const off = inner.subscribe(id, listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        counts.set(id, (counts.get(id) ?? 1) - 1);
        off();
      };
    },
    listeners: (id) => counts.get(id) ?? 0,
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Open SSE streams and keep-alive sockets would hold close() forever.
    server.closeAllConnections();
  });
}

/**
 * Starts the web channel as main.ts wires it (real corpus, chat store on SQLite or PostgreSQL, turn
 * leases per conversation, fixed clock 2026-11-27, memory handoff port) on 127.0.0.1 and a free port. Building the services takes about a
 * second: start one server per test file (beforeAll) and close it in afterAll.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-web-'));
  const config = parseConfig({ RATE_LIMIT_PER_MINUTE: '100000', ...options.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, REPO_ROOT);
  const schema = options.store === 'postgres' ? await createTestSchema() : undefined;
  const location: StoreLocation = schema ? { kind: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 } : { kind: 'sqlite', dataDir };
  const handoff = createMemoryHandoffPort();
  const logs: LogLine[] = [];
  const slow = new Map<string, number>();
  const logger: Logger = {
    info: (message, data) => void logs.push({ level: 'info', message, ...(data ? { data } : {}) }),
    warn: (message, data) => void logs.push({ level: 'warn', message, ...(data ? { data } : {}) }),
    error: (message, data) => void logs.push({ level: 'error', message, ...(data ? { data } : {}) }),
  };

  interface Running {
    db: SqlDb;
    store: ChatStore;
    events: CountingEvents;
    metrics: Metrics;
    services: Services;
    server: Server;
    port: number;
  }

  async function boot(port: number): Promise<Running> {
    const db = await openStore(location, STORE_MIGRATIONS);
    try {
      const store = createChatStore(db);
      const turns = createTurnLeases({ db, owner: 'test-server', logger });
      const events = countingEvents();
      const metrics = createMetrics();
      const services = await createServices(config, { clock: fixedClock(TODAY_ISO), conversations: store, handoff, logger });
      const assistant: Services['assistant'] = {
        ...services.assistant,
        async handle(turn, opts) {
          const ms = slow.get(turn.conversationId);
          if (ms !== undefined) await new Promise((resolve) => setTimeout(resolve, ms));
          return services.assistant.handle(turn, opts);
        },
      };
      const { app } = createWebApp({
        assistant,
        store,
        events,
        metrics,
        logger,
        web: config.web,
        turns,
        ...(db.dialect === 'postgres' ? { rateLimitStore: (prefix: string) => createSqlRateLimitStore({ db, prefix }) } : {}),
        ...(config.metrics.token !== undefined ? { metricsToken: config.metrics.token } : {}),
        assets: { widget: async () => '/*widget*/', demoPage: () => '<!doctype html><title>demo</title>', demoScript: () => '' },
        health: async () => ({ store: { ok: true, detail: { kind: db.dialect } } }),
      });
      const server = createServer(app);
      answerClientErrors(server);
      const bound = await listen(server, port).catch(() => listen(server, 0));
      return { db, store, events, metrics, services, server, port: bound };
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  let running: Running | undefined = await boot(0);
  const current = (): Running => {
    if (!running) throw new Error('test server is closed');
    return running;
  };

  return {
    get baseURL() {
      return `http://127.0.0.1:${current().port}`;
    },
    dataDir,
    config,
    get db() {
      return current().db;
    },
    get store() {
      return current().store;
    },
    get events() {
      return current().events;
    },
    handoff,
    slowTurns: { add: (id, ms) => void slow.set(id, ms) },
    get metrics() {
      return current().metrics;
    },
    get services() {
      return current().services;
    },
    logs,
    async close() {
      if (running) {
        const r = running;
        running = undefined;
        await stop(r.server);
        await r.db.close();
      }
      await rm(dataDir, { recursive: true, force: true });
      if (schema) await dropTestSchema(schema);
    },
    async restart() {
      const r = current();
      running = undefined;
      await stop(r.server);
      await r.db.close();
      running = await boot(r.port);
    },
  };
}

/** One Server-Sent Event. */
export interface SseEvent {
  /** The event name ('message' when the stream gave none). */
  event: string;
  /** The id field, if any. */
  id?: string;
  /** The data lines joined by \n. */
  data: string;
}

/** Reads SSE events (and comment lines) from a fetch response body. */
export interface SseReader {
  /** The next event; undefined when the stream ended. Rejects after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<SseEvent | undefined>;
  /** Every event until the stream ends. */
  all(timeoutMs?: number): Promise<SseEvent[]>;
  /** Comment lines seen so far (without the leading colon and space). */
  readonly comments: string[];
  /** Raw text received so far. */
  readonly raw: string;
  /** Stops reading (cancels the body). */
  cancel(): Promise<void>;
}

/** Parses the body of an SSE response as the widget does: blocks split by a blank line, fields by colon. */
export function readSse(res: Response): SseReader {
  if (!res.body) throw new Error('response has no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const comments: string[] = [];
  const queue: SseEvent[] = [];
  let buffer = '';
  let raw = '';
  let ended = false;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  const parseBlocks = (): void => {
    buffer = buffer.replace(/\r\n?/gu, '\n');
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          comments.push(line.slice(1).trimStart());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') {
          data.push(value);
          hasData = true;
        }
      }
      if (hasData) queue.push({ event, ...(id !== undefined ? { id } : {}), data: data.join('\n') });
    }
  };

  const next = async (timeoutMs = 5_000): Promise<SseEvent | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0 && !ended) {
      pending ??= reader.read();
      const left = deadline - Date.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, left));
      });
      const result = await Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
      if (result === 'timeout') throw new Error(`no SSE event within ${timeoutMs} ms; received so far: ${JSON.stringify(raw)}`);
      pending = undefined;
      if (result.done) {
        ended = true;
        buffer += decoder.decode();
        parseBlocks();
        break;
      }
      const text = decoder.decode(result.value, { stream: true });
      raw += text;
      buffer += text;
      parseBlocks();
    }
    return queue.shift();
  };

  return {
    next,
    async all(timeoutMs = 10_000) {
      const out: SseEvent[] = [];
      for (;;) {
        const ev = await next(timeoutMs);
        if (!ev) return out;
        out.push(ev);
      }
    },
    comments,
    get raw() {
      return raw;
    },
    async cancel() {
      ended = true;
      pending?.catch(() => undefined);
      await reader.cancel().catch(() => undefined);
    },
  };
}

/** A conversation as the API created it. */
export interface ApiConversation {
  /** c_… */
  id: string;
  /** Bearer token. */
  token: string;
}

/** POST /api/conversations → { id, token } (asserts 201). */
export async function createConversation(baseURL: string, body?: unknown): Promise<ApiConversation> {
  const res = await fetch(`${baseURL}/api/conversations`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (res.status !== 201) throw new Error(`create conversation: ${res.status} ${await res.text()}`);
  return (await res.json()) as ApiConversation;
}

/** Headers with the conversation's bearer token (and JSON content type). */
export function authHeaders(conv: { token: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${conv.token}`, 'Content-Type': 'application/json', ...extra };
}

/** POST a message; returns the raw response. */
export function postMessage(baseURL: string, conv: ApiConversation, text: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseURL}/api/conversations/${conv.id}/messages`, {
    method: 'POST',
    headers: authHeaders(conv, headers),
    body: JSON.stringify({ text }),
  });
}

/** POST a message as JSON and return the stored bot message (asserts 200). */
export async function ask(baseURL: string, conv: ApiConversation, text: string): Promise<ThreadMessage> {
  const res = await postMessage(baseURL, conv, text);
  if (res.status !== 200) throw new Error(`ask: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { message: ThreadMessage }).message;
}

/** GET the thread. */
export async function thread(baseURL: string, conv: ApiConversation): Promise<ThreadMessage[]> {
  const res = await fetch(`${baseURL}/api/conversations/${conv.id}/messages`, { headers: { Authorization: `Bearer ${conv.token}` } });
  if (res.status !== 200) throw new Error(`thread: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { messages: ThreadMessage[] }).messages;
}
