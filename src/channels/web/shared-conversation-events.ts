import type { Logger } from '../../core/logger.js';
import type { ChatStore, ThreadMessage } from '../../storage/chat-store.js';
import type { ChangeFeed } from '../../storage/change-feed.js';
import { createConversationEvents, type ConversationEvents } from './conversation-events.js';

/** The change-feed topic of new thread messages. */
export const THREAD_TOPIC = 'thread_messages';

interface ThreadNotice {
  /** Conversation id. */
  c: string;
  /** The new message's seq. */
  s: number;
  /** The instance that stored it (it told its own listeners already). */
  o: string;
}

/**
 * Conversation events shared by every instance: a message published here reaches this instance's
 * listeners at once and, through the change feed, every other instance's, which read it from the
 * store (the notice carries ids only). After the feed reconnects, each conversation someone listens
 * to on this instance is read again from the last seq told, so nothing missed meanwhile is lost.
 */
export function createSharedConversationEvents(deps: { feed: ChangeFeed; store: ChatStore; instanceId: string; logger: Logger }): ConversationEvents & { close(): void } {
  const { feed, store, instanceId, logger } = deps;
  const local = createConversationEvents();
  const listening = new Map<string, number>();
  const lastTold = new Map<string, number>();

  const tell = (conversationId: string, message: ThreadMessage): void => {
    if (message.seq > (lastTold.get(conversationId) ?? 0)) lastTold.set(conversationId, message.seq);
    local.publish(conversationId, message);
  };
  const catchUp = async (conversationId: string, afterSeq: number): Promise<void> => {
    for (const m of await store.messages(conversationId, afterSeq)) tell(conversationId, m);
  };

  const unsubscribeFeed = feed.subscribe(THREAD_TOPIC, (payload) => {
    let notice: ThreadNotice;
    try {
      notice = JSON.parse(payload) as ThreadNotice;
    } catch {
      return logger.warn('thread notice ignored: not JSON');
    }
    if (notice.o === instanceId || !listening.has(notice.c)) return;
    const told = lastTold.get(notice.c);
    catchUp(notice.c, told === undefined ? notice.s - 1 : Math.min(told, notice.s - 1)).catch((err: Error) =>
      logger.warn('thread notice not read', { conversationId: notice.c, error: err.message }),
    );
  });
  const unsubscribeResync = feed.onResync(() => {
    for (const conversationId of listening.keys()) {
      catchUp(conversationId, lastTold.get(conversationId) ?? 0).catch((err: Error) => logger.warn('thread resync failed', { conversationId, error: err.message }));
    }
  });

  return {
    publish(conversationId, message) {
      tell(conversationId, message);
      const notice: ThreadNotice = { c: conversationId, s: message.seq, o: instanceId };
      feed.publish(THREAD_TOPIC, JSON.stringify(notice)).catch((err: Error) => logger.warn('thread notice not sent', { conversationId, error: err.message }));
    },
    subscribe(conversationId, listener) {
      listening.set(conversationId, (listening.get(conversationId) ?? 0) + 1);
      const off = local.subscribe(conversationId, listener);
      return () => {
        off();
        const left = (listening.get(conversationId) ?? 1) - 1;
        if (left > 0) listening.set(conversationId, left);
        else {
          listening.delete(conversationId);
          lastTold.delete(conversationId);
        }
      };
    },
    close() {
      unsubscribeFeed();
      unsubscribeResync();
    },
  };
}
