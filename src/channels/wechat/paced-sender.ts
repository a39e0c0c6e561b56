/** Sends one text to one WeChat conversation; resolves when WeChat accepted it. */
export type SayText = (text: string) => Promise<unknown>;

/** The one outgoing lane of the bot account. */
export interface PacedSender {
  /**
   * Sends the parts in order, after everything queued before, with at least `paceMs` between two
   * messages. `onSent(i)` runs (and is awaited) after part i was accepted, before the next part.
   * Rejects at the first part, or `onSent`, that fails (later parts are not sent).
   */
  send(say: SayText, parts: readonly string[], onSent?: (index: number) => void | Promise<void>): Promise<void>;
}

/**
 * All messages of the account go through one queue: parts of one answer are never interleaved with
 * another answer, and bursts (which raise the ban risk of personal accounts) are spread out.
 */
export function createPacedSender(options: { paceMs: number; sleep?: (ms: number) => Promise<void> }): PacedSender {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let tail: Promise<void> = Promise.resolve();
  let lastSentAt = 0;
  return {
    send(say, parts, onSent) {
      const job = tail.then(async () => {
        for (const [i, part] of parts.entries()) {
          const wait = lastSentAt + options.paceMs - Date.now();
          if (options.paceMs > 0 && wait > 0) await sleep(wait);
          try {
            await say(part);
          } finally {
            lastSentAt = Date.now();
          }
          await onSent?.(i);
        }
      });
      tail = job.catch(() => undefined);
      return job;
    },
  };
}
