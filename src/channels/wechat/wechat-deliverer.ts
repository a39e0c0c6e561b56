import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Deliverer } from '../../handoff/delivery-worker.js';
import type { SqlDb } from '../../storage/sql-db.js';
import type { ContactIdentities } from './contact-identity.js';
import type { PacedSender } from './paced-sender.js';
import { splitMessage } from './split-message.js';
import { officerReplyHeading } from './strings.js';
import type { ThreadLog } from './talent-messages.js';

/** What delivering outbox messages in WeChat takes. */
export interface WechatDelivererDeps {
  db: SqlDb;
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
  const now = (): string => clock.now().toISOString();
  const saveProgress = async (outboxId: string, sent: number, total: number): Promise<void> => {
    await db.run(
      `INSERT INTO wechat_deliveries (outbox_id, parts_sent, parts_total, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(outbox_id) DO UPDATE SET parts_sent = excluded.parts_sent, parts_total = excluded.parts_total, updated_at = excluded.updated_at`,
      [outboxId, sent, total, now()],
    );
  };

  return async (m) => {
    const progress = await db.get<{ sent: number; total: number; completedAt: string | null }>(
      'SELECT parts_sent AS sent, parts_total AS total, completed_at AS "completedAt" FROM wechat_deliveries WHERE outbox_id = ?', [m.id]);
    if (progress?.completedAt) return;
    if (!deps.isLoggedIn()) throw new AppError('wechat_offline', 'WeChat is not logged in');
    const stableId = m.channelUserId !== '' ? m.channelUserId : m.conversationId.replace(/^wechat:/u, '');
    const contact = await identities.locate(stableId);
    const text = m.role === 'officer' ? `${officerReplyHeading(m.ticketNo)}\n${m.text.trim()}` : m.text.trim();
    const parts = splitMessage(text, deps.maxChars);
    const start = progress && progress.total === parts.length ? progress.sent : 0;
    // Each accepted part is recorded before the next one goes out, so a retry never repeats it.
    await sender.send((part) => contact.say(part), parts.slice(start), (i) => saveProgress(m.id, start + i + 1, parts.length));
    if (parts.length === 0) await saveProgress(m.id, 0, 0);
    await db.run('UPDATE wechat_deliveries SET completed_at = ?, updated_at = ? WHERE outbox_id = ?', [now(), now(), m.id]);
    logger.info('wechat outbox message delivered', { outboxId: m.id, ticketNo: m.ticketNo, parts: parts.length });
    try {
      if (deps.thread && (await deps.thread.exists(m.conversationId))) await deps.thread.appendMessage(m.conversationId, { role: m.role, text: m.text, citations: [] }, m.id);
    } catch (err) {
      logger.warn('wechat thread not recorded', { outboxId: m.id, error: (err as Error).message });
    }
  };
}
