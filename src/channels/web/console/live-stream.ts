import { SseParser, type SseEvent } from '../widget/sse-parser.js';

/** What the live stream reports. */
export interface LiveHandlers {
  /** One event (`ready`, `ticket`, `gone`). */
  onEvent(event: SseEvent): void;
  /** Connected or waiting to reconnect. */
  onStatus(status: 'live' | 'reconnecting'): void;
  /** The session is gone (401): the stream stops for good. */
  onUnauthorized(): void;
}

/** A running live stream. */
export interface LiveStream {
  /** Stops it. */
  close(): void;
}

/**
 * Reads the officer event stream with fetch and a stream reader (the session cookie goes along),
 * reconnecting with backoff from 1 s to 30 s until closed or the session ends.
 */
export function connectLive(url: string, handlers: LiveHandlers): LiveStream {
  let closed = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = 1_000;

  const retry = (): void => {
    if (closed) return;
    handlers.onStatus('reconnecting');
    timer = setTimeout(() => void run(), delay);
    delay = Math.min(delay * 2, 30_000);
  };

  async function run(): Promise<void> {
    controller = new AbortController();
    try {
      const res = await fetch(url, { headers: { Accept: 'text/event-stream' }, credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
      if (closed) return;
      if (res.status === 401) {
        closed = true;
        handlers.onUnauthorized();
        return;
      }
      if (!res.ok || !res.body) return retry();
      handlers.onStatus('live');
      delay = 1_000;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        for (const ev of parser.push(decoder.decode(value, { stream: true }))) handlers.onEvent(ev);
      }
      retry();
    } catch {
      retry();
    }
  }

  void run();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    },
  };
}
