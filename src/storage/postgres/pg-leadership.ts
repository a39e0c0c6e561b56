import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../core/logger.js';
import type { Leadership } from '../leadership.js';
import { createLeadershipSignal } from '../leadership-signal.js';
import { clientConfig, type PostgresOptions } from './postgres-db.js';

/** How a PostgreSQL leadership connects and how often it checks. */
export interface PgLeadershipOptions {
  /** What is led, e.g. `sla-sweep`; instances using the same name on the same schema compete. */
  name: string;
  /** Where the dedicated lock connection goes (the store's own settings). */
  connection: PostgresOptions;
  /** Gains, losses and connection trouble are logged here. */
  logger: Logger;
  /** How often a follower tries the lock and a leader checks its connection (default 5 s). */
  pollMs?: number;
}

/**
 * The advisory lock key of a leadership: stable across processes and releases, and distinct per
 * schema, since advisory locks are database-wide while stores are per schema.
 */
export function leadershipKey(name: string, schema: string | undefined): string {
  const digest = createHash('sha256').update(`qianxiaozhi-leadership\0${schema ?? ''}\0${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * Leadership by a session-level advisory lock held on a dedicated connection: the server releases it
 * when that connection ends (the instance died or was cut off), and a follower's next poll takes it.
 */
export function createPgLeadership(options: PgLeadershipOptions): Leadership {
  const { logger, name } = options;
  const pollMs = options.pollMs ?? 5000;
  const key = leadershipKey(name, options.connection.schema);
  const signal = createLeadershipSignal(logger);

  let running = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  // A leader that lost its connection stays out for a few polls: the instances that kept theirs take
  // over first, rather than the one whose connection (or network) just failed winning the lock back.
  let quietUntil = 0;

  const drop = (c: pg.Client, err: Error | undefined): void => {
    if (client !== c) return;
    client = undefined;
    c.end().catch(() => undefined);
    if (signal.get()) {
      logger.warn('leadership lost with its connection', { name, error: err?.message });
      quietUntil = Date.now() + 3 * pollMs;
    }
    signal.set(false);
  };

  const poll = async (): Promise<void> => {
    if (!client && Date.now() < quietUntil) return;
    try {
      if (!client) {
        const c = new pg.Client({ ...clientConfig(options.connection), keepAlive: true });
        // A dropped lock connection must never end the process: leadership is simply lost.
        c.on('error', (err) => drop(c, err));
        c.on('end', () => drop(c, undefined));
        client = c;
        await c.connect();
      }
      const c = client;
      if (signal.get()) {
        // Still connected means still holding the lock.
        await c.query('SELECT 1');
      } else {
        const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
        if (r.rows[0]?.ok === true && client === c) {
          logger.info('leadership gained', { name });
          signal.set(true);
        }
      }
    } catch (err) {
      logger.warn('leadership check failed', { name, error: (err as Error).message });
      if (client) drop(client, err as Error);
    }
  };

  const schedule = (delay: number): void => {
    // One timer at a time, also when start() follows stop() while a poll is still running.
    if (!running || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      polling = poll().finally(() => {
        polling = undefined;
        schedule(pollMs);
      });
    }, delay);
    timer.unref();
  };

  return {
    isLeader: signal.get,
    onChange: signal.onChange,
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (polling) await polling;
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners('end');
        // Ending the session releases the lock at once; the next follower poll takes it.
        await c.end().catch(() => undefined);
      }
      if (signal.get()) logger.info('leadership given up', { name });
      signal.set(false);
    },
  };
}
