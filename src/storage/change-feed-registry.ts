import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

// Topics are quoted into LISTEN statements, so only plain lower-case identifiers are allowed.
const TOPIC = /^[a-z_][a-z0-9_]{0,62}$/u;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin. */
export const MAX_PAYLOAD_BYTES = 7900;

/** Throws unless `topic` is a safe channel name (it is quoted into LISTEN statements). */
export function assertTopic(topic: string): void {
  if (!TOPIC.test(topic)) throw new AppError('invalid_topic', `Change feed topic must match ${TOPIC.source}: ${JSON.stringify(topic)}`);
}

/** Throws when a payload is too big for NOTIFY (payloads are ids; the subscriber reads the rows). */
export function assertPayload(payload: string): void {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new AppError('payload_too_large', `Change feed payload is ${bytes} bytes; at most ${MAX_PAYLOAD_BYTES}`, { details: { bytes } });
  }
}

/** Listeners by topic, shared by the feed implementations; a throwing listener is logged, not propagated. */
export function createListenerRegistry(logger: Logger): {
  add(topic: string, listener: (payload: string) => void): { first: boolean; remove(): boolean };
  topics(): string[];
  deliver(topic: string, payload: string): void;
  addResync(listener: () => void): () => void;
  resync(): void;
  clear(): void;
} {
  const byTopic = new Map<string, Set<(payload: string) => void>>();
  const resyncListeners = new Set<() => void>();
  const safely = (fn: () => void, what: string, topic?: string): void => {
    try {
      fn();
    } catch (err) {
      logger.error(`change feed ${what} listener failed`, { topic, error: (err as Error).message });
    }
  };
  return {
    add(topic, listener) {
      let set = byTopic.get(topic);
      const first = set === undefined;
      if (!set) byTopic.set(topic, (set = new Set()));
      // A wrapper, so the same function subscribed twice is two subscriptions.
      const entry = (payload: string): void => listener(payload);
      set.add(entry);
      let removed = false;
      return {
        first,
        remove() {
          if (removed) return false;
          removed = true;
          const current = byTopic.get(topic);
          current?.delete(entry);
          if (current && current.size === 0) {
            byTopic.delete(topic);
            return true;
          }
          return false;
        },
      };
    },
    topics: () => [...byTopic.keys()],
    deliver(topic, payload) {
      for (const listener of [...(byTopic.get(topic) ?? [])]) safely(() => listener(payload), 'topic', topic);
    },
    addResync(listener) {
      const entry = (): void => listener();
      resyncListeners.add(entry);
      return () => void resyncListeners.delete(entry);
    },
    resync() {
      for (const listener of [...resyncListeners]) safely(listener, 'resync');
    },
    clear() {
      byTopic.clear();
      resyncListeners.clear();
    },
  };
}
