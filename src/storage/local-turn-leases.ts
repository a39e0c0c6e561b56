import type { TurnLease, TurnLeases } from './turn-lease.js';

/**
 * Turn leases for one process (the embedded SQLite deployment): the turns of a conversation queue in
 * memory, in arrival order. Writing a lease row per turn would add two synchronous commits to every
 * answer for nothing, since no other process shares the conversations.
 */
export function createLocalTurnLeases(): TurnLeases {
  const queues = new Map<string, Array<() => void>>();
  let counter = 0;

  const grant = (conversationId: string): TurnLease => {
    let released = false;
    return {
      token: `local-${++counter}`,
      async release() {
        if (released) return;
        released = true;
        const waiting = queues.get(conversationId);
        const next = waiting?.shift();
        if (next) next();
        else queues.delete(conversationId);
      },
    };
  };

  return {
    acquire(conversationId, { waitMs }) {
      const waiting = queues.get(conversationId);
      if (!waiting) {
        queues.set(conversationId, []);
        return Promise.resolve(grant(conversationId));
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const i = waiting.indexOf(granted);
          if (i >= 0) waiting.splice(i, 1);
          resolve(undefined);
        }, waitMs);
        function granted(): void {
          clearTimeout(timer);
          resolve(grant(conversationId));
        }
        waiting.push(granted);
      });
    },
  };
}
