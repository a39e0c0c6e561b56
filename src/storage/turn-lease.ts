import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../core/logger.js';
import { systemClock, type Clock } from '../core/ports/clock.js';
import type { SqlDb } from './sql-db.js';

/** A held turn of one conversation. */
export interface TurnLease {
  /** This holding's token (the row's `token`). */
  readonly token: string;
  /** Ends the turn (idempotent). Deletes only this holding's row, never a later holder's. */
  release(): Promise<void>;
}

/** Serialises the turns of each conversation across every instance sharing the store. */
export interface TurnLeases {
  /**
   * Waits up to `waitMs` for the conversation's turn; `undefined` when it stayed taken that long.
   * A lease whose holder stopped renewing it (a dead instance) is taken over once it expires.
   */
  acquire(conversationId: string, options: { waitMs: number }): Promise<TurnLease | undefined>;
}

/** Dependencies and tuning of the turn leases. */
export interface TurnLeaseOptions {
  /** The shared store (the `turn_leases` table of CLUSTER_MIGRATIONS). */
  db: SqlDb;
  /** This instance, recorded with each lease (INSTANCE_ID, host name). */
  owner: string;
  /** The time written to and compared with `expires_at` (default: the system clock). */
  clock?: Clock;
  /** How long a lease lasts without renewal (default 30 s). */
  leaseMs?: number;
  /** Delay between attempts while another instance holds the turn (default 25 ms). */
  retryMs?: number;
  /** How often a held lease is extended (default leaseMs / 3), so a long turn keeps it. */
  renewMs?: number;
  /** A lease lost to a takeover is logged here. */
  logger?: Logger;
}

// One statement takes a free or expired lease and leaves a live one alone: the conflict update only
// happens when the present row has expired, and RETURNING gives a row only when this insert or
// update happened. Both stores run it atomically, so two instances can never both see their token.
const ACQUIRE = `INSERT INTO turn_leases (conversation_id, owner, token, expires_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (conversation_id) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires_at = excluded.expires_at
  WHERE turn_leases.expires_at < ?
  RETURNING token`;
const RENEW = 'UPDATE turn_leases SET expires_at = ? WHERE conversation_id = ? AND token = ?';
const RELEASE = 'DELETE FROM turn_leases WHERE conversation_id = ? AND token = ?';

/**
 * Per-conversation turn leases over the store. Turns of one conversation within this process queue
 * in memory first, so only one of them at a time competes for the row with other instances.
 */
export function createTurnLeases(options: TurnLeaseOptions): TurnLeases {
  const { db, owner } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? 30_000;
  const retryMs = options.retryMs ?? 25;
  const renewMs = options.renewMs ?? Math.max(1, Math.floor(leaseMs / 3));
  const logger = options.logger ?? silentLogger;

  // Present while a turn of the conversation is held or being acquired here; the array holds the waiters.
  const local = new Map<string, Array<() => void>>();

  const lockLocal = (id: string, deadline: number): Promise<boolean> => {
    const waiters = local.get(id);
    if (!waiters) {
      local.set(id, []);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = waiters.indexOf(granted);
        if (i >= 0) waiters.splice(i, 1);
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      function granted(): void {
        clearTimeout(timer);
        resolve(true);
      }
      waiters.push(granted);
    });
  };

  const unlockLocal = (id: string): void => {
    const waiters = local.get(id);
    if (!waiters) return;
    const next = waiters.shift();
    if (next) next();
    else local.delete(id);
  };

  const expiry = (): string => new Date(clock.now().getTime() + leaseMs).toISOString();

  const hold = (id: string, token: string): TurnLease => {
    let released = false;
    const renewal = setInterval(() => {
      db.run(RENEW, [expiry(), id, token])
        .then((r) => {
          if (r.changes === 0 && !released) logger.warn('turn lease lost to another instance before release', { conversationId: id, owner });
        })
        .catch((err: Error) => logger.warn('turn lease renewal failed', { conversationId: id, error: err.message }));
    }, renewMs);
    renewal.unref();
    return {
      token,
      async release() {
        if (released) return;
        released = true;
        clearInterval(renewal);
        try {
          await db.run(RELEASE, [id, token]);
        } finally {
          unlockLocal(id);
        }
      },
    };
  };

  return {
    async acquire(conversationId, { waitMs }) {
      const deadline = Date.now() + Math.max(0, waitMs);
      if (!(await lockLocal(conversationId, deadline))) return undefined;
      const token = randomUUID();
      try {
        for (;;) {
          const row = await db.get<{ token: string }>(ACQUIRE, [conversationId, owner, token, expiry(), clock.now().toISOString()]);
          if (row?.token === token) return hold(conversationId, token);
          const left = deadline - Date.now();
          if (left <= 0) {
            unlockLocal(conversationId);
            return undefined;
          }
          await new Promise((r) => setTimeout(r, Math.min(retryMs, left)));
        }
      } catch (err) {
        unlockLocal(conversationId);
        throw err;
      }
    },
  };
}
