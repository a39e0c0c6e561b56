import { parseConversationRef, type ConversationRef } from './api-types.js';

/** Where the widget keeps its conversation, one per API base. */
export interface ConversationStorage {
  /** The stored conversation, if any. */
  load(): ConversationRef | undefined;
  /** Stores the conversation. */
  save(ref: ConversationRef): void;
  /** Forgets the conversation (e.g. the server no longer knows it). */
  clear(): void;
}

/** The localStorage methods the widget uses. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The localStorage key for an API base. */
export function storageKey(apiBase: string): string {
  return `qianxiaozhi:conversation:${apiBase}`;
}

/** Storage of {id, token} per API base; falls back to memory where localStorage is blocked. */
export function createConversationStorage(apiBase: string, store: KeyValueStore | undefined = browserStorage()): ConversationStorage {
  const key = storageKey(apiBase);
  let memory: ConversationRef | undefined;
  return {
    load() {
      if (memory) return memory;
      try {
        const raw = store?.getItem(key);
        memory = raw ? parseConversationRef(JSON.parse(raw)) : undefined;
      } catch {
        memory = undefined;
      }
      return memory;
    },
    save(ref) {
      memory = { id: ref.id, token: ref.token };
      try {
        store?.setItem(key, JSON.stringify(memory));
      } catch {
        // Quota or privacy mode: the conversation then lasts as long as the page.
      }
    },
    clear() {
      memory = undefined;
      try {
        store?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

function browserStorage(): KeyValueStore | undefined {
  try {
    // Reading window.localStorage itself throws in sandboxed frames and with storage blocked.
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
