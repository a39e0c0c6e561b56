import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { StoreLocation } from './open-store.js';
import { assertPayload, assertTopic, createListenerRegistry } from './change-feed-registry.js';
import { createPgChangeFeed } from './postgres/pg-change-feed.js';
import type { SqlDb } from './sql-db.js';

/**
 * Tells every instance sharing the store that something changed. Payloads are ids, never the data:
 * a subscriber reads the rows itself, so a lost message only delays, and `onResync` says when to
 * re-read everything that may have been missed. Publish after the change is committed.
 */
export interface ChangeFeed {
  /** Sends `payload` to every subscriber of `topic` in every instance, this one included. */
  publish(topic: string, payload: string): Promise<void>;
  /** Calls `listener` with each payload published on `topic`; returns the unsubscribe function. */
  subscribe(topic: string, listener: (payload: string) => void): () => void;
  /** Calls `listener` after messages may have been missed (the database connection was lost and re-established). */
  onResync(listener: () => void): () => void;
  /**
   * Resolves once every subscription made so far receives messages; while the database is
   * unreachable it resolves at once, and `onResync` listeners are called when it is back.
   */
  ready(): Promise<void>;
  /** Stops listening; publishing afterwards fails. */
  close(): Promise<void>;
}

/** The feed of one process (SQLite, tests): delivered synchronously, never needs a resync. */
export function createInProcessChangeFeed(options: { logger?: Logger } = {}): ChangeFeed {
  const registry = createListenerRegistry(options.logger ?? silentLogger);
  let closed = false;
  return {
    async publish(topic, payload) {
      assertTopic(topic);
      assertPayload(payload);
      if (closed) throw new AppError('feed_closed', 'The change feed is closed');
      registry.deliver(topic, payload);
    },
    subscribe(topic, listener) {
      assertTopic(topic);
      const { remove } = registry.add(topic, listener);
      return () => void remove();
    },
    onResync: (listener) => registry.addResync(listener),
    ready: async () => undefined,
    async close() {
      closed = true;
      registry.clear();
    },
  };
}

/** The feed for a store: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
export function createChangeFeed(options: { location: StoreLocation; db: SqlDb; logger?: Logger }): ChangeFeed {
  const logger = options.logger ?? silentLogger;
  if (options.location.kind === 'postgres') return createPgChangeFeed({ db: options.db, connection: options.location, logger });
  return createInProcessChangeFeed({ logger });
}
