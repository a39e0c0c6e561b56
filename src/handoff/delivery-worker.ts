import { silentLogger, type Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { Channel } from '../core/types.js';
import { randomBytes } from 'node:crypto';
import { forUpdate, type SqlDb } from '../storage/sql-db.js';

/** One message waiting in the outbox. */
export interface OutboxMessage {
  /** Outbox id; deliverers use it to make delivery idempotent. */
  id: string;
  /** Ticket it belongs to. */
  ticketNo: number | null;
  /** Conversation. */
  conversationId: string;
  /** Channel. */
  channel: Channel;
  /** Channel user id. */
  channelUserId: string;
  /** officer reply or system notice. */
  role: 'officer' | 'system';
  /** Text. */
  text: string;
  /** Attempts so far. */
  attempts: number;
}

/** Delivers one message on its channel; resolves when the channel acknowledged it. */
export type Deliverer = (message: OutboxMessage) => Promise<void>;

/** The outbox delivery loop. */
export interface DeliveryWorker {
  /** Delivers every due message now; returns how many were delivered. */
  tick(): Promise<number>;
  /** Starts polling (and delivering at once on `kick`). */
  start(intervalMs?: number): void;
  /** Asks for a delivery pass soon (after a reply was queued). */
  kick(): void;
  /** Stops polling. */
  stop(): void;
}

/** Retry settings. */
export interface DeliveryPolicy {
  /** Attempts before a message is marked failed and its ticket flagged. */
  maxAttempts: number;
  /** Delay after the first failure; doubles each time, up to maxDelayMs. */
  baseDelayMs: number;
  /** Longest delay between attempts. */
  maxDelayMs: number;
  /** A delivery not acknowledged within this time counts as a failed attempt. */
  deliveryTimeoutMs: number;
  /**
   * How long a claimed message stays this instance's. Longer than a delivery may take, so a live
   * instance never loses a message it is still sending; a dead instance's claims run out after it.
   */
  leaseMs: number;
}

const DEFAULT_POLICY: Omit<DeliveryPolicy, 'leaseMs'> = { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, deliveryTimeoutMs: 60_000 };

/**
 * Delivers outbox messages written in the same transaction as their ticket event. Until a channel
 * acknowledges a message it stays in the outbox, so a crash between "officer pressed send" and
 * delivery only delays it: the next process redelivers. Failures back off exponentially; after
 * `maxAttempts` the message is marked failed and the ticket flagged for the officer.
 *
 * Several instances share the outbox: each claims due messages with a lease (on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so two instances never claim the same one), and only the lease holder
 * records the outcome. A dead instance's lease runs out and another instance delivers the message.
 */
export function createDeliveryWorker(deps: { db: SqlDb; clock: Clock; deliverers: Partial<Record<Channel, Deliverer>>; policy?: Partial<DeliveryPolicy>; logger?: Logger; instanceId?: string }): DeliveryWorker {
  const { db, clock } = deps;
  const base = { ...DEFAULT_POLICY, ...deps.policy };
  const policy: DeliveryPolicy = { ...base, leaseMs: deps.policy?.leaseMs ?? base.deliveryTimeoutMs + 30_000 };
  const logger = deps.logger ?? silentLogger;
  const owner = deps.instanceId ?? `worker-${randomBytes(6).toString('hex')}`;
  const iso = (ms: number): string => new Date(ms).toISOString();

  /**
   * Claims the due messages. Only the oldest pending message of each conversation is due: a reply must
   * never overtake the one before it (the rating request arriving before the officer's answer), so a
   * failing or leased message holds back the later ones of its conversation until it is delivered or
   * given up.
   */
  const claim = (): Promise<OutboxMessage[]> =>
    db.transaction(async (tx) => {
      const nowMs = clock.now().getTime();
      // Only channels this instance can deliver on: the WeChat bot runs on one instance.
      const channels = Object.keys(deps.deliverers);
      if (channels.length === 0) return [];
      const rows = await tx.all<OutboxMessage & { position: number }>(
        `SELECT id, ticket_no AS "ticketNo", conversation_id AS "conversationId", channel, channel_user_id AS "channelUserId", role, text, attempts, position
         FROM outbox o WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
           AND channel IN (${channels.map(() => '?').join(', ')})
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id AND p.delivered_at IS NULL AND p.failed_at IS NULL AND p.position < o.position)
         ORDER BY o.position LIMIT 100${forUpdate(db, true)}`,
        [iso(nowMs), iso(nowMs), ...channels],
      );
      if (rows.length === 0) return [];
      await tx.run(`UPDATE outbox SET leased_by = ?, lease_until = ? WHERE id IN (${rows.map(() => '?').join(', ')})`, [owner, iso(nowMs + policy.leaseMs), ...rows.map((r) => r.id)]);
      return rows.map(({ position: _position, ...m }) => m);
    });

  const recordEvent = (tx: Pick<SqlDb, 'run'>, ticketNo: number, at: string, type: 'delivered' | 'delivery_failed', data: Record<string, unknown>): Promise<unknown> =>
    tx.run('INSERT INTO ticket_events (ticket_no, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?)', [ticketNo, at, 'system', type, JSON.stringify(data)]);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  /** Delivers with a time limit: a channel call that never returns must not stall every channel. */
  async function deliverWithin(deliver: Deliverer, m: OutboxMessage): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deliver(m),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no acknowledgement within ${policy.deliveryTimeoutMs} ms`)), policy.deliveryTimeoutMs);
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  async function pass(): Promise<number> {
    let count = 0;
    // Rounds: delivering a conversation's head makes its next message due in the next round.
    for (let round = 0; round < 1000; round++) {
      const delivered = await deliverDueRound();
      count += delivered;
      if (delivered === 0) break;
    }
    return count;
  }

  async function deliverDueRound(): Promise<number> {
    let count = 0;
    for (const m of await claim()) {
      const deliver = deps.deliverers[m.channel];
      try {
        if (!deliver) throw new Error(`no deliverer for channel ${m.channel}`);
        await deliverWithin(deliver, m);
        const at = clock.now().toISOString();
        const recorded = await db.transaction(async (tx) => {
          const { changes } = await tx.run('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ? AND delivered_at IS NULL', [at, m.id, owner]);
          if (changes === 1 && m.ticketNo !== null) await recordEvent(tx, m.ticketNo, at, 'delivered', { outboxId: m.id, role: m.role });
          return changes === 1;
        });
        if (recorded) count += 1;
        else logger.warn('delivered after the lease ran out; another instance owns the message now', { outboxId: m.id });
      } catch (err) {
        const error = (err as Error).message;
        const at = clock.now().toISOString();
        if (m.attempts + 1 >= policy.maxAttempts) {
          const recorded = await db.transaction(async (tx) => {
            const { changes } = await tx.run('UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ?, leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ?', [at, error, m.id, owner]);
            if (changes === 1 && m.ticketNo !== null) {
              await tx.run('UPDATE tickets SET delivery_failed = 1, version = version + 1, updated_at = ? WHERE no = ?', [at, m.ticketNo]);
              await recordEvent(tx, m.ticketNo, at, 'delivery_failed', { outboxId: m.id, error });
            }
            return changes === 1;
          });
          if (recorded) logger.error('delivery failed for good', { outboxId: m.id, ticketNo: m.ticketNo, channel: m.channel, error });
          else logger.warn('delivery failed after the lease ran out; another instance owns the message now', { outboxId: m.id, error });
        } else {
          const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** m.attempts);
          const { changes } = await db.run('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ?', [iso(clock.now().getTime() + delay), error, m.id, owner]);
          if (changes === 1) logger.warn('delivery failed, will retry', { outboxId: m.id, attempt: m.attempts + 1, delayMs: delay, error });
          else logger.warn('delivery failed after the lease ran out; another instance owns the message now', { outboxId: m.id, error });
        }
      }
    }
    return count;
  }

  const tick = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void tick().catch((err: Error) => logger.error('delivery pass failed', { error: err.message }));
      }
    });
    return running;
  };

  return {
    tick,
    kick() {
      setImmediate(() => void tick().catch((err: Error) => logger.error('delivery pass failed', { error: err.message })));
    },
    start(intervalMs = 1_000) {
      timer ??= setInterval(() => void tick().catch((err: Error) => logger.error('delivery pass failed', { error: err.message })), intervalMs);
      timer.unref();
      this.kick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
