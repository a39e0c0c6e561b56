import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Deliverer } from '../../handoff/delivery-worker.js';
import type { Db } from '../../storage/open-database.js';
import type { ContactIdentities } from './contact-identity.js';
import type { PacedSender } from './paced-sender.js';
import { splitMessage } from './split-message.js';
import { officerReplyHeading } from './strings.js';
import type { ThreadLog } from './talent-messages.js';

/** What delivering outbox messages in WeChat takes. */
export interface WechatDelivererDeps {
  db: Db;
  identities: ContactIdentities;
  sender: PacedSender;
  /** Whether the bot is logged in right now. */
  isLoggedIn: () => boolean;
  maxChars: number;
  clock: Clock;
  logger: Logger;
  thread?: ThreadLog;
}

/**
 * The outbox deliverer of the WeChat channel: resolves only after WeChat accepted every part, and
 * throws otherwise (not logged in, person not found in this login, send failed) so the delivery
 * worker retries and finally flags the ticket. Parts already accepted are remembered per outbox id,
 * so a retry continues where the last attempt stopped instead of repeating them.
 */
export function createWechatDeliverer(deps: WechatDelivererDeps): Deliverer {
  const { db, identities, sender, clock, logger } = deps;
  const progressOf = db.prepare('SELECT parts_sent AS sent, parts_total AS total, completed_at AS completedAt FROM wechat_deliveries WHERE outbox_id = ?');
  const saveProgress = db.prepare(
    `INSERT INTO wechat_deliveries (outbox_id, parts_sent, parts_total, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(outbox_id) DO UPDATE SET parts_sent = excluded.parts_sent, parts_total = excluded.parts_total, updated_at = excluded.updated_at`,
  );
  const complete = db.prepare('UPDATE wechat_deliveries SET completed_at = ?, updated_at = ? WHERE outbox_id = ?');

  return async (m) => {
    const progress = progressOf.get(m.id) as { sent: number; total: number; completedAt: string | null } | undefined;
    if (progress?.completedAt) return;
    if (!deps.isLoggedIn()) throw new AppError('wechat_offline', 'WeChat is not logged in');
    const stableId = m.channelUserId !== '' ? m.channelUserId : m.conversationId.replace(/^wechat:/u, '');
    const contact = await identities.locate(stableId);
    const text = m.role === 'officer' ? `${officerReplyHeading(m.ticketNo)}\n${m.text.trim()}` : m.text.trim();
    const parts = splitMessage(text, deps.maxChars);
    const start = progress && progress.total === parts.length ? progress.sent : 0;
    const now = (): string => clock.now().toISOString();
    await sender.send((part) => contact.say(part), parts.slice(start), (i) => saveProgress.run(m.id, start + i + 1, parts.length, now()));
    if (parts.length === 0) saveProgress.run(m.id, 0, 0, now());
    complete.run(now(), now(), m.id);
    logger.info('wechat outbox message delivered', { outboxId: m.id, ticketNo: m.ticketNo, parts: parts.length });
    try {
      if (deps.thread?.exists(m.conversationId)) deps.thread.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id);
    } catch (err) {
      logger.warn('wechat thread not recorded', { outboxId: m.id, error: (err as Error).message });
    }
  };
}
