import { silentLogger, type Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { Channel } from '../core/types.js';
import type { Db } from '../storage/open-database.js';

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
}

const DEFAULT_POLICY: DeliveryPolicy = { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, deliveryTimeoutMs: 60_000 };

/**
 * Delivers outbox messages written in the same transaction as their ticket event. Until a channel
 * acknowledges a message it stays in the outbox, so a crash between "officer pressed send" and
 * delivery only delays it: the next process redelivers. Failures back off exponentially; after
 * `maxAttempts` the message is marked failed and the ticket flagged for the officer.
 */
export function createDeliveryWorker(deps: { db: Db; clock: Clock; deliverers: Partial<Record<Channel, Deliverer>>; policy?: Partial<DeliveryPolicy>; logger?: Logger }): DeliveryWorker {
  const { db, clock } = deps;
  const policy = { ...DEFAULT_POLICY, ...deps.policy };
  const logger = deps.logger ?? silentLogger;
  // Only the oldest pending message of each conversation is due: a reply must never overtake the one
  // before it (the rating request arriving before the officer's answer), so a failing message holds
  // back the later ones of its conversation until it is delivered or given up.
  const due = db.prepare(
    `SELECT id, ticket_no AS ticketNo, conversation_id AS conversationId, channel, channel_user_id AS channelUserId, role, text, attempts
     FROM outbox o WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id AND p.delivered_at IS NULL AND p.failed_at IS NULL AND p.rowid < o.rowid)
     ORDER BY o.rowid LIMIT 100`,
  );
  const markDelivered = db.prepare('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?');
  const retry = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const failed = db.prepare('UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?');
  const flag = db.prepare('UPDATE tickets SET delivery_failed = 1, version = version + 1, updated_at = ? WHERE no = ?');
  const event = db.prepare('INSERT INTO ticket_events (ticket_no, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?)');
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
    for (const m of due.all(clock.now().toISOString()) as OutboxMessage[]) {
      const at = clock.now().toISOString();
      const deliver = deps.deliverers[m.channel];
      try {
        if (!deliver) throw new Error(`no deliverer for channel ${m.channel}`);
        await deliverWithin(deliver, m);
        db.transaction(() => {
          markDelivered.run(at, m.id);
          if (m.ticketNo !== null) event.run(m.ticketNo, at, 'system', 'delivered', JSON.stringify({ outboxId: m.id, role: m.role }));
        })();
        count += 1;
      } catch (err) {
        const error = (err as Error).message;
        if (m.attempts + 1 >= policy.maxAttempts) {
          db.transaction(() => {
            failed.run(at, error, m.id);
            if (m.ticketNo !== null) {
              flag.run(at, m.ticketNo);
              event.run(m.ticketNo, at, 'system', 'delivery_failed', JSON.stringify({ outboxId: m.id, error }));
            }
          })();
          logger.error('delivery failed for good', { outboxId: m.id, ticketNo: m.ticketNo, channel: m.channel, error });
        } else {
          const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** m.attempts);
          retry.run(new Date(clock.now().getTime() + delay).toISOString(), error, m.id);
          logger.warn('delivery failed, will retry', { outboxId: m.id, attempt: m.attempts + 1, delayMs: delay, error });
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
