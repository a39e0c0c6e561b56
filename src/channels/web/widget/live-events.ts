import { parseMessage, type ChatMessage, type ConversationRef } from './api-types.js';
import { ApiError, isAbort, type ChatClient } from './chat-client.js';

/** The server pings every 25 s: a stream silent for this long is dead (a proxy kept it half-open). */
const IDLE_MS = 65_000;
const MAX_DELAY_MS = 30_000;

/** Delay before reconnect attempt `attempt` (0-based): exponential from 1 s, capped at 30 s, with jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Options of the live-update stream. */
export interface LiveEventsOptions {
  /** The API client. */
  client: ChatClient;
  /** The conversation to follow. */
  conv: ConversationRef;
  /** The Last-Event-ID to (re)connect with: the seq up to which every message is already shown. */
  resumeFrom(): string | undefined;
  /** A message arrived. */
  onMessage(message: ChatMessage): void;
  /** The conversation is gone or the token no longer opens it (404/401/403): the stream stops. */
  onGone(): void;
}

/** A running live-update stream. */
export interface LiveEvents {
  /** Stops for good. */
  stop(): void;
}

/** Follows `/events`, reconnecting with backoff and Last-Event-ID until stopped. */
export function startLiveEvents(opts: LiveEventsOptions): LiveEvents {
  let stopped = false;
  let controller: AbortController | undefined;
  let wake: (() => void) | undefined;
  const onOnline = (): void => wake?.();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function run(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      const ctrl = new AbortController();
      controller = ctrl;
      let idle: ReturnType<typeof setTimeout> | undefined;
      const kick = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => ctrl.abort(), IDLE_MS);
      };
      try {
        kick();
        await opts.client.streamEvents(
          opts.conv,
          opts.resumeFrom(),
          {
            onOpen: () => {
              attempt = 0;
            },
            onActivity: kick,
            onEvent: (ev) => {
              if (ev.event !== 'message') return;
              let raw: unknown;
              try {
                raw = JSON.parse(ev.data);
              } catch {
                return;
              }
              const message = parseMessage(raw);
              if (message) opts.onMessage(message);
            },
          },
          ctrl.signal,
        );
      } catch (err) {
        // Network trouble, an idle abort, a 5xx or a 429: reconnect after the backoff. Gone: stop.
        if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403)) {
          if (!stopped) opts.onGone();
          stopped = true;
        } else if (!isAbort(err) && !(err instanceof ApiError) && typeof console !== 'undefined') {
          console.warn('钱小智: live updates failed', err);
        }
      } finally {
        clearTimeout(idle);
      }
      if (stopped) break;
      await sleep(reconnectDelay(attempt));
      attempt += 1;
    }
    if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
  }

  void run();
  return {
    stop() {
      stopped = true;
      controller?.abort();
      wake?.();
    },
  };
}
