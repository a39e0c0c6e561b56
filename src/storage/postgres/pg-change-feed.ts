import pg from 'pg';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ChangeFeed } from '../change-feed.js';
import { assertPayload, assertTopic, createListenerRegistry } from '../change-feed-registry.js';
import type { SqlDb } from '../sql-db.js';
import { clientConfig, type PostgresOptions } from './postgres-db.js';

/** How the PostgreSQL feed connects and retries. */
export interface PgChangeFeedOptions {
  /** The store's pool: NOTIFY goes through it, so publishing needs no extra connection. */
  db: SqlDb;
  /** Where the dedicated listener connection goes (the store's own settings). */
  connection: PostgresOptions;
  /** Connection loss and recovery are logged here. */
  logger: Logger;
  /** First reconnect delay (default 100 ms), doubled per failed attempt up to `maxBackoffMs` (default 10 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the idle listener connection is checked (default 30 s); TCP keepalive covers the rest. */
  pingMs?: number;
}

// Channels are database-wide while stores are per schema: a schema's topics get its name as prefix,
// so two deployments (or test runs) sharing one database do not hear each other.
function channelPrefix(schema: string | undefined): string {
  return schema ? `${schema.toLowerCase()}__` : '';
}

/**
 * The change feed over LISTEN/NOTIFY: one dedicated listener connection per process, NOTIFY through
 * the pool. When the listener connection drops it is re-opened with backoff, every topic is listened
 * to again, and the resync listeners are called, since notifications sent meanwhile are lost.
 */
export function createPgChangeFeed(options: PgChangeFeedOptions): ChangeFeed {
  const { db, logger } = options;
  const minBackoff = options.minBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const pingMs = options.pingMs ?? 30_000;
  const prefix = channelPrefix(options.connection.schema);
  const registry = createListenerRegistry(logger);

  const channel = (topic: string): string => {
    assertTopic(topic);
    const name = prefix + topic;
    // PostgreSQL would cut a longer LISTEN name and refuse a longer pg_notify channel.
    if (Buffer.byteLength(name) > 63) throw new AppError('invalid_topic', `Change feed channel "${name}" is longer than 63 bytes`);
    return name;
  };

  let client: pg.Client | undefined; // the connected listener, when there is one
  let closed = false;
  let attempt = 0;
  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  // LISTEN/UNLISTEN statements run in order on the listener; `ready()` waits for this chain.
  let pending: Promise<void> = Promise.resolve();
  let connecting: Promise<void> | undefined;

  const onNotification = (msg: pg.Notification): void => {
    if (!msg.channel.startsWith(prefix)) return;
    registry.deliver(msg.channel.slice(prefix.length), msg.payload ?? '');
  };

  const scheduleReconnect = (): void => {
    if (closed || retryTimer) return;
    const delay = Math.min(maxBackoff, minBackoff * 2 ** Math.min(attempt, 20));
    attempt += 1;
    // Jitter, so instances that lost the database together do not reconnect in lockstep.
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay * (0.75 + Math.random() * 0.5));
    retryTimer.unref();
  };

  const lost = (c: pg.Client, err: Error | undefined): void => {
    if (client !== c) return;
    client = undefined;
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = undefined;
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (closed) return;
    logger.warn('change feed listener connection lost; reconnecting', { error: err?.message });
    scheduleReconnect();
  };

  const connect = (): Promise<void> => {
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ ...clientConfig(options.connection), keepAlive: true });
      // An error on this connection (the server restarting, a terminated backend) must never end the process.
      c.on('error', (err) => lost(c, err));
      c.on('end', () => lost(c, undefined));
      try {
        await c.connect();
        for (const topic of registry.topics()) await c.query(`LISTEN "${channel(topic)}"`);
      } catch (err) {
        c.removeAllListeners('end');
        c.end().catch(() => undefined);
        if (closed) return;
        logger.warn('change feed listener could not connect; retrying', { error: (err as Error).message, attempt });
        scheduleReconnect();
        return;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        return;
      }
      client = c;
      c.on('notification', onNotification);
      pingTimer = setInterval(() => void c.query('SELECT 1').catch((err: Error) => lost(c, err)), pingMs);
      pingTimer.unref();
      const recovered = everConnected || attempt > 0;
      everConnected = true;
      attempt = 0;
      if (recovered) {
        logger.info('change feed listener reconnected; subscribers resync');
        registry.resync();
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  // Runs a LISTEN/UNLISTEN on the current listener; without one, the next connect listens to every topic.
  const onListener = (sql: string): void => {
    pending = pending
      .then(async () => {
        if (connecting) await connecting;
        if (client) await client.query(sql);
      })
      .catch((err: Error) => logger.warn('change feed LISTEN failed; the reconnect repeats it', { error: err.message }));
  };

  void connect();

  return {
    async publish(topic, payload) {
      const name = channel(topic);
      assertPayload(payload);
      if (closed) throw new AppError('feed_closed', 'The change feed is closed');
      await db.get('SELECT pg_notify(?, ?)', [name, payload]);
    },
    subscribe(topic, listener) {
      const name = channel(topic);
      const { first, remove } = registry.add(topic, listener);
      if (first) onListener(`LISTEN "${name}"`);
      return () => {
        if (remove()) onListener(`UNLISTEN "${name}"`);
      };
    },
    onResync: (listener) => registry.addResync(listener),
    async ready() {
      if (connecting) await connecting;
      await pending;
      if (connecting) await connecting;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (pingTimer) clearInterval(pingTimer);
      if (connecting) await connecting;
      const c = client;
      client = undefined;
      registry.clear();
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
