import { EventEmitter } from 'node:events';
import type { ThreadMessage } from '../../storage/chat-store.js';

/** Live message fan-out per conversation, for the `/events` streams of connected widgets. */
export interface ConversationEvents {
  /** Tells every listener of the conversation about a new stored message. */
  publish(conversationId: string, message: ThreadMessage): void;
  /** Listens to a conversation; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: (message: ThreadMessage) => void): () => void;
}

/** In-process fan-out (one server process; a multi-process deployment would put a broker here). */
export function createConversationEvents(): ConversationEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(conversationId, message) {
      emitter.emit(conversationId, message);
    },
    subscribe(conversationId, listener) {
      emitter.on(conversationId, listener);
      return () => emitter.off(conversationId, listener);
    },
  };
}
