import type { Response } from 'express';

/** A Server-Sent-Events writer on one response. */
export interface SseStream {
  /** Sends one event. */
  send(event: string, data: unknown, id?: number | string): void;
  /** Sends a comment line (keeps idle proxies from closing the stream). */
  comment(text: string): void;
  /** True once the client has gone. */
  readonly closed: boolean;
  /** Ends the stream. */
  end(): void;
}

/** Starts an SSE response: headers, no buffering, and closed tracking on the response's close. */
export function openSse(res: Response): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  let closed = false;
  // On Node 20 the request's 'close' fires once its body is read; the response's marks the client leaving.
  res.on('close', () => {
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    send(event, data, id) {
      if (closed) return;
      const lines = [`event: ${event}`];
      if (id !== undefined) lines.push(`id: ${id}`);
      for (const line of JSON.stringify(data).split('\n')) lines.push(`data: ${line}`);
      res.write(`${lines.join('\n')}\n\n`);
    },
    comment(text) {
      if (!closed) res.write(`: ${text}\n\n`);
    },
    end() {
      if (!closed) res.end();
      closed = true;
    },
  };
}

/** Splits a finished answer into pieces for streaming when no model streamed it. */
export function piecesOf(text: string): string[] {
  // Split after sentence ends, keeping every character (leading punctuation included).
  const pieces = text.split(/(?<=[。！？；\n])(?![。！？；\n])/u).filter((p) => p !== '');
  return pieces.length > 0 ? pieces : [text];
}
