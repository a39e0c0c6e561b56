import {
  parseCitations,
  parseConversationRef,
  parseHandoff,
  parseMessage,
  type ChatMessage,
  type Citation,
  type ConversationRef,
  type Handoff,
} from './api-types.js';
import { SseParser, type SseEvent } from './sse-parser.js';

/** A failed API call: HTTP status (0 for network or protocol trouble) and the server's error code. */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when no usable response arrived. */
    readonly status: number,
    /** The server's error code, or network / incomplete / bad_response. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Callbacks for a streamed reply. */
export interface SendHandlers {
  /** The next piece of the Markdown answer. */
  onDelta?(text: string): void;
  /** The answer's sources. */
  onCitations?(citations: Citation[]): void;
  /** A helper officer takes over. */
  onHandoff?(handoff: Handoff): void;
}

/** Callbacks for the live-update stream. */
export interface EventStreamHandlers {
  /** The stream is open (2xx received). */
  onOpen?(): void;
  /** Any bytes arrived, pings included (feeds an idle watchdog). */
  onActivity?(): void;
  /** A dispatched event. */
  onEvent(event: SseEvent): void;
}

/** The widget's view of the chat API (docs/chat-api.md). */
export interface ChatClient {
  /** POST /api/conversations. */
  createConversation(lang: 'zh' | 'en'): Promise<ConversationRef>;
  /** GET /api/conversations/:id/messages. */
  getMessages(conv: ConversationRef): Promise<ChatMessage[]>;
  /** POST /api/conversations/:id/messages, streamed; resolves with the stored bot message (`done`). */
  sendMessage(conv: ConversationRef, text: string, handlers: SendHandlers, signal?: AbortSignal): Promise<ChatMessage>;
  /** POST /api/feedback. */
  sendFeedback(conv: ConversationRef, messageId: string, rating: 'up' | 'down', comment?: string): Promise<void>;
  /** GET /api/conversations/:id/events until the stream ends; rejects with ApiError on an HTTP error. */
  streamEvents(conv: ConversationRef, lastEventId: string | undefined, handlers: EventStreamHandlers, signal: AbortSignal): Promise<void>;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Creates a client for the API at `apiBase` (an origin, optionally with a path prefix). */
export function createChatClient(apiBase: string, fetchImpl?: FetchLike): ChatClient {
  const base = apiBase.replace(/\/+$/, '');
  // Calling a stored `fetch` as a method throws "Illegal invocation" in browsers: always call it bare.
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => fetch(input, init));
  const convPath = (conv: ConversationRef, tail: string): string => `/api/conversations/${encodeURIComponent(conv.id)}${tail}`;

  async function request(method: string, path: string, opts: { token?: string; body?: unknown; accept?: string; lastEventId?: string; signal?: AbortSignal }): Promise<Response> {
    const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
    if (opts.lastEventId !== undefined) headers['Last-Event-ID'] = opts.lastEventId;
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        credentials: 'omit',
        cache: 'no-store',
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new ApiError(0, 'network', 'network error');
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  return {
    async createConversation(lang) {
      const res = await request('POST', '/api/conversations', { body: { lang } });
      const ref = parseConversationRef(await json(res));
      if (!ref) throw new ApiError(0, 'bad_response', 'no conversation in the response');
      return ref;
    },

    async getMessages(conv) {
      const res = await request('GET', convPath(conv, '/messages'), { token: conv.token });
      const body = await json(res);
      const list = isObject(body) && Array.isArray(body['messages']) ? body['messages'] : [];
      return list.map(parseMessage).filter((m): m is ChatMessage => m !== undefined);
    },

    async sendMessage(conv, text, handlers, signal) {
      const res = await request('POST', convPath(conv, '/messages'), {
        token: conv.token,
        body: { text },
        accept: 'text/event-stream',
        ...(signal ? { signal } : {}),
      });
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        const body = await json(res);
        const message = parseMessage(isObject(body) ? body['message'] : undefined);
        if (!message) throw new ApiError(0, 'bad_response', 'no message in the response');
        return message;
      }
      let done: ChatMessage | undefined;
      let failure: ApiError | undefined;
      await readSse(res, (ev) => {
        const data = parseJson(ev.data);
        if (!isObject(data) || done || failure) return;
        if (ev.event === 'delta' && typeof data['text'] === 'string') handlers.onDelta?.(data['text']);
        else if (ev.event === 'citations') handlers.onCitations?.(parseCitations(data['citations']));
        else if (ev.event === 'handoff') {
          const handoff = parseHandoff(data);
          if (handoff) handlers.onHandoff?.(handoff);
        } else if (ev.event === 'done') {
          done = parseMessage(data['message']);
          if (!done) failure = new ApiError(0, 'bad_response', 'unreadable done event');
        } else if (ev.event === 'error') {
          failure = new ApiError(200, typeof data['code'] === 'string' ? data['code'] : 'error', typeof data['message'] === 'string' ? data['message'] : 'error');
        }
      });
      if (failure) throw failure;
      if (!done) throw new ApiError(0, 'incomplete', 'the reply stream ended early');
      return done;
    },

    async sendFeedback(conv, messageId, rating, comment) {
      const body: Record<string, string> = { conversationId: conv.id, messageId, rating };
      if (comment) body['comment'] = comment;
      await request('POST', '/api/feedback', { token: conv.token, body });
    },

    async streamEvents(conv, lastEventId, handlers, signal) {
      const res = await request('GET', convPath(conv, '/events'), {
        token: conv.token,
        accept: 'text/event-stream',
        signal,
        ...(lastEventId !== undefined ? { lastEventId } : {}),
      });
      handlers.onOpen?.();
      await readSse(res, handlers.onEvent, handlers.onActivity);
    },
  };
}

/** Reads an SSE body to its end, dispatching events. */
async function readSse(res: Response, onEvent: (ev: SseEvent) => void, onActivity?: () => void): Promise<void> {
  if (!res.body) throw new ApiError(0, 'bad_response', 'no response body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (isAbort(err)) throw err;
        throw new ApiError(0, 'network', 'the stream broke');
      }
      if (chunk.done) break;
      onActivity?.();
      for (const ev of parser.push(decoder.decode(chunk.value, { stream: true }))) onEvent(ev);
    }
    for (const ev of [...parser.push(decoder.decode()), ...parser.end()]) onEvent(ev);
  } finally {
    reader.releaseLock();
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = await json(res).catch(() => undefined);
  const error = isObject(body) && isObject(body['error']) ? body['error'] : {};
  const code = typeof error['code'] === 'string' ? error['code'] : `http_${res.status}`;
  const message = typeof error['message'] === 'string' ? error['message'] : res.statusText;
  return new ApiError(res.status, code, message);
}

async function json(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'bad_response', 'the response is not JSON');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for the error an aborted fetch or read rejects with. */
export function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}
