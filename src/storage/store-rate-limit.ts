import type { Options as RateLimitOptions, Store as RateLimitStore } from 'express-rate-limit';
import { systemClock, type Clock } from '../core/ports/clock.js';
import type { SqlDb } from './sql-db.js';

/** A counter's state after a hit. */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  totalHits: number;
  /** When the current window ends and the count starts again. */
  resetTime: Date;
}

/** The outcome of `consume`. */
export interface RateLimitDecision extends RateLimitHit {
  /** True while `totalHits` is within the limit. */
  allowed: boolean;
  /** Hits left in this window. */
  remaining: number;
}

/** Fixed-window counters in the store, shared by every instance on it. */
export interface RateLimitCounters {
  /** Counts a hit on `key`; a window older than `windowMs` starts over at 1. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
  /** Counts a hit and says whether it is within `limit` hits per `windowMs` (hits over the limit count too). */
  consume(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  /** The current window's count of `key`, if it has one. */
  get(key: string, windowMs: number): Promise<RateLimitHit | undefined>;
  /** Takes one hit back within the current window (a request that should not have counted). */
  decrement(key: string, windowMs: number): Promise<void>;
  /** Forgets `key`. */
  reset(key: string): Promise<void>;
  /** Forgets every key starting with `prefix`. */
  resetPrefix(prefix: string): Promise<void>;
  /** Deletes counters whose window started over `maxWindowMs` ago (the longest window in use); returns how many. */
  prune(maxWindowMs: number): Promise<number>;
}

// One statement counts a hit: the first hit inserts the row; later ones add 1, or start a new window
// at 1 when the row's window has ended. SET expressions read the row as it was, in both stores, so
// both CASEs test the old window. The row lock of the upsert makes concurrent hits from several
// instances count exactly once each.
const HIT = `INSERT INTO rate_limit_hits (key, window_start, hits) VALUES (?, ?, 1)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limit_hits.window_start <= ? THEN 1 ELSE rate_limit_hits.hits + 1 END,
    window_start = CASE WHEN rate_limit_hits.window_start <= ? THEN excluded.window_start ELSE rate_limit_hits.window_start END
  RETURNING window_start, hits`;

/** Counters over the `rate_limit_hits` table of CLUSTER_MIGRATIONS. */
export function createRateLimitCounters(options: { db: SqlDb; clock?: Clock }): RateLimitCounters {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const cutoff = (windowMs: number): string => new Date(clock.now().getTime() - windowMs).toISOString();
  const info = (row: { window_start: string; hits: number }, windowMs: number): RateLimitHit => ({
    totalHits: row.hits,
    resetTime: new Date(Date.parse(row.window_start) + windowMs),
  });

  const counters: RateLimitCounters = {
    async hit(key, windowMs) {
      const old = cutoff(windowMs);
      const row = await db.get<{ window_start: string; hits: number }>(HIT, [key, clock.now().toISOString(), old, old]);
      if (!row) throw new Error('rate limit upsert returned no row');
      return info(row, windowMs);
    },
    async consume(key, limit, windowMs) {
      const hit = await counters.hit(key, windowMs);
      return { ...hit, allowed: hit.totalHits <= limit, remaining: Math.max(0, limit - hit.totalHits) };
    },
    async get(key, windowMs) {
      const row = await db.get<{ window_start: string; hits: number }>('SELECT window_start, hits FROM rate_limit_hits WHERE key = ? AND window_start > ?', [key, cutoff(windowMs)]);
      return row ? info(row, windowMs) : undefined;
    },
    async decrement(key, windowMs) {
      await db.run('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = ? AND hits > 0 AND window_start > ?', [key, cutoff(windowMs)]);
    },
    async reset(key) {
      await db.run('DELETE FROM rate_limit_hits WHERE key = ?', [key]);
    },
    async resetPrefix(prefix) {
      // substr counts characters in both stores; no LIKE, so the prefix needs no escaping.
      await db.run('DELETE FROM rate_limit_hits WHERE substr(key, 1, ?) = ?', [[...prefix].length, prefix]);
    },
    async prune(maxWindowMs) {
      return (await db.run('DELETE FROM rate_limit_hits WHERE window_start <= ?', [cutoff(maxWindowMs)])).changes;
    },
  };
  return counters;
}

/**
 * An express-rate-limit store on the shared table, so every instance counts the same client's hits
 * together. `prefix` keeps limiters apart in the one table; give each limiter its own store.
 */
export function createSqlRateLimitStore(options: { db: SqlDb; prefix: string; clock?: Clock }): RateLimitStore {
  const counters = createRateLimitCounters(options);
  const { prefix } = options;
  // express-rate-limit passes its window to init(); the default matches its own default.
  let windowMs = 60_000;
  return {
    localKeys: false,
    prefix,
    init(opts: RateLimitOptions) {
      windowMs = opts.windowMs;
    },
    increment: (key) => counters.hit(prefix + key, windowMs),
    decrement: (key) => counters.decrement(prefix + key, windowMs),
    resetKey: (key) => counters.reset(prefix + key),
    get: (key) => counters.get(prefix + key, windowMs),
    resetAll: () => counters.resetPrefix(prefix),
  };
}
