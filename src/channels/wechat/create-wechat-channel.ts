import { types } from 'wechaty';
import type { MessageInterface, WechatyInterface } from 'wechaty/impls';
import type { Config, WechatConfig } from '../../config.js';
import type { Assistant } from '../../core/assistant/create-assistant.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Deliverer } from '../../handoff/delivery-worker.js';
import type { OfficerRepo } from '../../handoff/officer-repo.js';
import type { TicketService } from '../../handoff/ticket-service.js';
import type { SqlDb } from '../../storage/sql-db.js';
import { createContactIdentities } from './contact-identity.js';
import { createKeyedQueue } from './keyed-queue.js';
import { createMessageGuard } from './message-guard.js';
import { createOfficerLinks } from './officer-link.js';
import { createOfficerRoom } from './officer-room.js';
import { createPacedSender } from './paced-sender.js';
import { NON_TEXT_TEXT, RATE_LIMITED_TEXT } from './strings.js';
import { createTalentHandler, replyTo, type ThreadLog } from './talent-messages.js';
import { createWechatDeliverer } from './wechat-deliverer.js';
import { watchLifecycle, type WechatStatus } from './watch-lifecycle.js';

export type { WechatStatus } from './watch-lifecycle.js';

/** What the WeChat channel is made of. */
export interface WechatChannelDeps {
  /** The Wechaty bot (createWechaty from config; tests pass one on wechaty-puppet-mock). */
  bot: WechatyInterface;
  /** The assistant. */
  assistant: Assistant;
  /** Tickets (notices to the officers' room, `#<no>` commands). */
  tickets: TicketService;
  /** Officer accounts (who may act from WeChat). */
  officers: OfficerRepo;
  /** The database (identity and delivery tables of WECHAT_MIGRATIONS). */
  db: SqlDb;
  /** Clock for rate limits, dedupe and records. */
  clock: Clock;
  /** Log sink. */
  logger: Logger;
  /** Configuration; `wechat` must be present. */
  config: Pick<Config, 'host' | 'port' | 'web'> & { wechat: WechatConfig };
  /** The conversation threads the console shows (WeChat turns are recorded there). */
  thread?: ThreadLog;
  /** Where the login QR code is printed (default: the terminal). */
  printQr?: (text: string) => void;
}

/** The running WeChat channel. */
export interface WechatChannel {
  /** Starts the bot (the puppet then asks for a scan or logs in from its session). */
  start(): Promise<void>;
  /** Stops the bot and the ticket notices. */
  stop(): Promise<void>;
  /** The outbox deliverer for channel `wechat`. */
  deliverer: Deliverer;
  /** Login state, last event and the pending QR code. */
  status(): WechatStatus;
  /** Settles when every message received so far has been handled (tests). */
  idle(): Promise<void>;
}

const MESSAGE_MAX_AGE_S = 10 * 60;
// Media a talent may send by mistake; system notes, recalls, money and unknown types get no answer.
const NON_TEXT = new Set<types.Message>([
  types.Message.Attachment, types.Message.Audio, types.Message.Contact, types.Message.ChatHistory, types.Message.Emoticon,
  types.Message.Image, types.Message.Location, types.Message.MiniProgram, types.Message.Url, types.Message.Video,
]);

/**
 * The WeChat channel: answers talents in direct chats and, when @-mentioned, in rooms; serves the
 * officers' room; delivers officer replies from the outbox. Own messages, official accounts, old
 * backlog, duplicates and floods are dropped before anything is answered.
 */
export function createWechatChannel(deps: WechatChannelDeps): WechatChannel {
  const { bot, assistant, tickets, officers, db, clock, logger } = deps;
  const wechat = deps.config.wechat;
  const publicUrl = deps.config.web.publicUrl ?? `http://${deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host}:${deps.config.port}`;
  const printQr = deps.printQr ?? ((text: string) => void process.stdout.write(text));
  const state: WechatStatus = { loggedIn: false, logins: 0 };
  const event = (type: string): void => void (state.lastEvent = { type, at: clock.now().toISOString() });

  const sender = createPacedSender({ paceMs: wechat.paceMs });
  const guard = createMessageGuard({ now: () => clock.now().getTime(), ratePerMinute: wechat.ratePerMinute, dedupeSeconds: wechat.dedupeSeconds });
  const queue = createKeyedQueue();
  const identities = createContactIdentities({ db, bot, clock, logger });
  const links = createOfficerLinks({ officers, clock, logger });
  const room = createOfficerRoom({
    bot, tickets, officers, identities, links, sender, topic: wechat.officerRoomTopic, consoleUrl: `${publicUrl}/console`, maxChars: wechat.maxMessageChars, logger,
  });
  const talent = createTalentHandler({ assistant, identities, sender, maxChars: wechat.maxMessageChars, logger, ...(deps.thread ? { thread: deps.thread } : {}) });
  const deliverer = createWechatDeliverer({
    db, identities, sender, isLoggedIn: () => state.loggedIn, maxChars: wechat.maxMessageChars, clock, logger, ...(deps.thread ? { thread: deps.thread } : {}),
  });

  async function onMessage(msg: MessageInterface): Promise<void> {
    if (msg.self()) return;
    const type = msg.type();
    if (type !== types.Message.Text && !NON_TEXT.has(type)) return;
    // Puppets replay recent history after a reconnect: it was answered (or is stale) by now.
    if (msg.age() > MESSAGE_MAX_AGE_S) return;
    const talker = msg.talker();
    if (talker.type() === types.Contact.Official) return;
    const where = msg.room();
    if (where && (await room.isOfficerRoom(where))) {
      if (type !== types.Message.Text || guard.isDuplicate(msg.id, talker.id, msg.text())) return;
      const text = await msg.mentionText();
      await queue.run(`room:${talker.id}`, () => room.handle(where, talker, text));
      return;
    }
    if (where && (type !== types.Message.Text || !(await msg.mentionSelf()))) return;
    const text = type !== types.Message.Text ? undefined : where ? await msg.mentionText() : msg.text();
    if (guard.isDuplicate(msg.id, talker.id, text)) {
      logger.info('wechat duplicate message dropped', { messageId: msg.id });
      return;
    }
    const verdict = guard.rate(talker.id);
    if (verdict === 'drop') return;
    const input = { talker, ...(where ? { room: where } : {}) };
    await queue.run(talker.id, async () => {
      if (verdict === 'notify') return replyTo({ sender, maxChars: wechat.maxMessageChars }, input, RATE_LIMITED_TEXT);
      if (text === undefined) return replyTo({ sender, maxChars: wechat.maxMessageChars }, input, NON_TEXT_TEXT);
      return talent({ ...input, text });
    });
  }

  watchLifecycle(bot, { state, clock, logger, puppet: wechat.puppet, printQr, onLogin: () => room.reset() });

  const inflight = new Set<Promise<void>>();
  bot.on('message', (msg) => {
    const handled = onMessage(msg).catch((err: unknown) => logger.error('wechat message not handled', { messageId: msg.id, error: AppError.isInstance(err) ? err.code : (err as Error).message }));
    inflight.add(handled);
    void handled.finally(() => inflight.delete(handled));
  });

  let unsubscribe: (() => void) | undefined;
  return {
    deliverer,
    async start() {
      unsubscribe ??= tickets.subscribe((notice) => {
        if (!state.loggedIn) return;
        room.notify(notice).catch((err: unknown) => logger.warn('wechat ticket notice not posted', { ticketNo: notice.ticket.no, error: (err as Error).message }));
      });
      event('start');
      logger.info('wechat channel starting', { puppet: wechat.puppet, officerRoom: wechat.officerRoomTopic ?? null });
      await bot.start();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      state.loggedIn = false;
      event('stop');
      await bot.stop();
    },
    status: () => structuredClone(state),
    async idle() {
      while (inflight.size > 0) await Promise.all(inflight);
      await queue.idle();
    },
  };
}
