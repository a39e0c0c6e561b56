// A Server-Sent-Events parser per the HTML standard's "event stream interpretation", fed with
// decoded text chunks: the widget reads SSE through fetch (EventSource cannot send headers).

/** One dispatched event. */
export interface SseEvent {
  /** Event type (`message` when the stream named none). */
  event: string;
  /** Data lines joined with \n. */
  data: string;
  /** The last event id seen on the stream when this event was dispatched. */
  id: string | undefined;
}

/** Incremental SSE parser: push text, get the events completed by it. */
export class SseParser {
  private buffer = '';
  private type = '';
  private data: string[] = [];
  /** The stream's last event id (kept across events, as the standard says). */
  lastEventId: string | undefined;
  /** The reconnection time the server asked for, in ms. */
  retry: number | undefined;

  /** Feeds a chunk; returns the events it completed, in order. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let start = 0;
    const buf = this.buffer;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A CR at the end of the chunk may be the first half of a CRLF: wait for the next chunk.
      if (c === 13 && i + 1 === buf.length) break;
      const line = buf.slice(start, i);
      if (c === 13 && buf.charCodeAt(i + 1) === 10) i += 1;
      start = i + 1;
      const event = this.line(line);
      if (event) out.push(event);
    }
    this.buffer = buf.slice(start);
    return out;
  }

  /** At the end of the stream: a held trailing CR ends its line (an unterminated event is dropped). */
  end(): SseEvent[] {
    return this.buffer.endsWith('\r') ? this.push('\n') : [];
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') {
      if (!value.includes('\u0000')) this.lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const type = this.type;
    const data = this.data;
    this.type = '';
    this.data = [];
    if (data.length === 0) return undefined;
    return { event: type || 'message', data: data.join('\n'), id: this.lastEventId };
  }
}
