import type { Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import { chinaDate } from './library-types.js';

/**
 * A text whose expiry date has passed must be answered as no longer in force from that day on, even
 * when nobody publishes anything: the corpus marks it when it loads (library-corpus.ts), so each
 * instance checks once when the date in China changes, and reloads only when a text in use expired
 * since the day it last read (a reload re-reads and re-assembles the whole index).
 */
export function watchExpiry(deps: {
  clock: Clock;
  /** Expiry dates (YYYY-MM-DD, the last day in force) of the versions in use. */
  expiries: () => Promise<readonly string[]>;
  reload: () => Promise<void>;
  logger: Logger;
  everyMs?: number;
}): () => void {
  let day = chinaDate(deps.clock.now());
  let running = false;
  const check = (): void => {
    const today = chinaDate(deps.clock.now());
    if (today === day || running) return;
    running = true;
    const from = day;
    // A text expires after its last day: it turns at a date d with from < d ≤ today, i.e. expires in [from, today).
    const due = async (): Promise<void> => {
      if ((await deps.expiries()).some((e) => e >= from && e < today)) await deps.reload();
    };
    due().then(
      () => {
        day = today;
      },
      // The day stays unread, so the next check tries again.
      (err: Error) => deps.logger.error('policy library not reloaded for the new day; the index in use stays', { error: err.message }),
    ).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(check, deps.everyMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
