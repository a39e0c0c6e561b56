/** Verdict of the rate limit for one incoming message. */
export type RateVerdict = 'ok' | 'notify' | 'drop';

/** Drops repeated deliveries and throttles contacts that write too fast. */
export interface MessageGuard {
  /** True when this message id was seen before, or the same text came from the same sender within the window. */
  isDuplicate(messageId: string, sender: string, text?: string): boolean;
  /** `ok` to answer, `notify` to say once that they are too fast, `drop` to stay quiet. */
  rate(sender: string): RateVerdict;
}

const MINUTE_MS = 60_000;
const MAX_REMEMBERED = 5_000;

/**
 * An in-memory guard: WeChat (and puppet reconnects) can deliver one message twice, under the same
 * id or, after a re-sync, under a new one with the same text. A sliding one-minute window per sender
 * caps how many messages are answered.
 */
export function createMessageGuard(options: { now: () => number; ratePerMinute: number; dedupeSeconds: number }): MessageGuard {
  const seenIds = new Map<string, number>();
  const lastText = new Map<string, { text: string; at: number }>();
  const hits = new Map<string, number[]>();
  const warned = new Map<string, number>();
  const windowMs = options.dedupeSeconds * 1000;

  // Maps keep insertion order: the oldest entries go first once a map is full.
  const cap = <V>(map: Map<string, V>): void => {
    for (const key of map.keys()) {
      if (map.size <= MAX_REMEMBERED) break;
      map.delete(key);
    }
  };

  return {
    isDuplicate(messageId, sender, text) {
      const now = options.now();
      if (seenIds.has(messageId)) return true;
      seenIds.set(messageId, now);
      cap(seenIds);
      if (text === undefined || windowMs === 0) return false;
      const normalized = text.normalize('NFKC').replace(/\s+/gu, '');
      // Short answers ("否", "5", "好的") repeat for real in a dialogue; only longer texts are re-deliveries.
      if ([...normalized].length <= 4) return false;
      const last = lastText.get(sender);
      if (last && last.text === normalized && now - last.at < windowMs) return true;
      lastText.delete(sender);
      lastText.set(sender, { text: normalized, at: now });
      cap(lastText);
      return false;
    },

    rate(sender) {
      const now = options.now();
      const recent = (hits.get(sender) ?? []).filter((at) => now - at < MINUTE_MS);
      if (recent.length >= options.ratePerMinute) {
        hits.set(sender, recent);
        const told = warned.get(sender);
        if (told !== undefined && now - told < MINUTE_MS) return 'drop';
        warned.set(sender, now);
        return 'notify';
      }
      recent.push(now);
      hits.delete(sender);
      hits.set(sender, recent);
      cap(hits);
      return 'ok';
    },
  };
}
