import { silentLogger, type Logger } from '../core/logger.js';
import type { StoreLocation } from './open-store.js';
import { createLeadershipSignal } from './leadership-signal.js';
import { createPgLeadership } from './postgres/pg-leadership.js';

/**
 * Whether this instance runs the timers that must run on one instance at a time (SLA sweeps,
 * reminders, outbox drains). Jobs check `isLeader()` when they fire; leadership can move between
 * instances at any time, so a job must stay correct if two instances briefly both run it.
 */
export interface Leadership {
  /** True while this instance is the leader. */
  isLeader(): boolean;
  /** Starts competing for leadership (idempotent). */
  start(): void;
  /** Gives leadership up and stops competing. */
  stop(): Promise<void>;
  /** Calls `cb` whenever leadership is gained or lost; returns the unsubscribe function. */
  onChange(cb: (leader: boolean) => void): () => void;
}

/** One process on its own store (SQLite): the leader from `start()` to `stop()`. */
export function createLocalLeadership(options: { logger?: Logger } = {}): Leadership {
  const signal = createLeadershipSignal(options.logger ?? silentLogger);
  return {
    isLeader: signal.get,
    start: () => signal.set(true),
    stop: async () => signal.set(false),
    onChange: signal.onChange,
  };
}

/** Leadership named `name` for a store: an advisory lock on PostgreSQL, always this process on SQLite. */
export function createLeadership(options: { name: string; location: StoreLocation; pollMs?: number; logger?: Logger }): Leadership {
  const logger = options.logger ?? silentLogger;
  if (options.location.kind === 'postgres') {
    return createPgLeadership({ name: options.name, connection: options.location, logger, ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}) });
  }
  return createLocalLeadership({ logger });
}
