/**
 * A fake OpenAI-compatible server: real HTTP on 127.0.0.1 (port 0), for tests that go through the
 * real `openai` client.
 *
 *   const server = useFakeOpenAiServer();             // vitest: starts before, resets after each, closes after all
 *   server.respondWith({ text: '硕士可领 3 万元。[qt25-5]' });              // every chat request
 *   server.respondWith((req) => (req.stream ? { chunks: ['a', 'b'] } : { text: 'ab' }));
 *   server.enqueue({ status: 500 }, { text: 'ok' });  // one-shot replies, used first, in order
 *   new OpenAI({ baseURL: server.baseURL, apiKey: 'test' });  // baseURL ends with /v1
 *   server.requests[0]?.body.messages                 // every request, recorded with its parsed body
 *   server.requests[0]?.abandoned                     // the client hung up before the reply was complete
 *
 * Replies (all may add `delayMs`: wait before the response headers, e.g. to trip a client timeout):
 *   { text }            chat completion; streamed in small pieces when the request has `stream: true`
 *   { chunks }          SSE deltas in this order (joined for a non-streaming request); `chunkDelayMs` between them
 *   { status, body?, headers? }  an error; body defaults to an OpenAI error object, headers to
 *                       `retry-after-ms: 0` so the client's retries happen at once (pass headers to override)
 *   { raw }             this body as is (content type JSON, or SSE for a streaming request, unless given)
 * A stream ends like OpenAI's: a chunk with finish_reason, a usage chunk with `choices: []`, `data: [DONE]`.
 * POST /v1/embeddings answers deterministic unit vectors (float or base64 `encoding_format`, `dimensions`
 * honoured) unless a reply with status, raw or delayMs is given. Without any reply a chat request gets
 * `{ text: 'ok' }`.
 * Standalone: `const s = createFakeOpenAiServer(); await s.start(); …; await s.close();`
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A parsed request body (the fields tests look at most, and anything else). */
export interface FakeRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string };
  max_tokens?: number;
  temperature?: number;
  input?: string | string[];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  [field: string]: unknown;
}

/** One request as the server received it. */
export interface FakeRequest {
  method: string;
  /** Path without the query, e.g. /v1/chat/completions. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The JSON body (an empty object when the body is not JSON). */
  body: FakeRequestBody;
  rawBody: string;
  /** True for a streaming chat request. */
  stream: boolean;
  /** The content of the last user message ('' when none). */
  lastUserText: string;
  /** True once the client hung up before the response was complete (a cancelled or timed-out call). */
  abandoned: boolean;
}

interface Timing {
  /** Wait this long before sending the response headers. */
  delayMs?: number;
}

/** What the server answers to one request. */
export type FakeReply =
  | (Timing & { text: string; finishReason?: string })
  | (Timing & { chunks: string[]; chunkDelayMs?: number; finishReason?: string })
  | (Timing & { status: number; body?: unknown; headers?: Record<string, string> })
  | (Timing & { raw: string; contentType?: string; status?: number })
  | Timing;

/** Every reply field, for reading a FakeReply whatever its kind. */
interface AnyReply extends Timing {
  text?: string;
  chunks?: string[];
  chunkDelayMs?: number;
  finishReason?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
  contentType?: string;
}

/** Decides the reply per request; undefined means the default reply. */
export type FakeResponder = (request: FakeRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

/** The fake server. */
export interface FakeOpenAiServer {
  /** Listens on 127.0.0.1, port 0. */
  start(): Promise<{ baseURL: string }>;
  /** Stops, cutting any open response. */
  close(): Promise<void>;
  /** http://127.0.0.1:PORT/v1 (after start). */
  readonly baseURL: string;
  /** Sets the reply (or the function choosing it) for every later request. */
  respondWith(reply: FakeReply | FakeResponder): void;
  /** Queues one-shot replies, used before respondWith's, in order. */
  enqueue(...replies: FakeReply[]): void;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** The requests to one path suffix, e.g. 'chat/completions'. */
  requestsTo(suffix: string): FakeRequest[];
  /** Forgets requests, queued replies and the responder. */
  reset(): void;
}

/** Deterministic unit vector of a text (the same text gives the same vector in every run). */
export function fakeEmbedding(text: string, dims: number): number[] {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  const out: number[] = [];
  for (let i = 0; i < dims; i++) {
    let x = Math.imul(h ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    x ^= x >>> 16;
    out.push((x >>> 0) / 0xffffffff - 0.5);
  }
  const norm = Math.hypot(...out) || 1;
  // Rounded through float32 so float and base64 answers agree exactly.
  return out.map((v) => Math.fround(v / norm));
}

export function createFakeOpenAiServer(options: { model?: string; embeddingDims?: number } = {}): FakeOpenAiServer {
  const requests: FakeRequest[] = [];
  const queue: FakeReply[] = [];
  let responder: FakeResponder | undefined;
  let url: string | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number, res: http.ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      // Stop on the response's close: on Node 20 the request's fires once its body is read.
      const onClose = (): void => {
        clearTimeout(t);
        timers.delete(t);
        resolve(false);
      };
      const t = setTimeout(() => {
        timers.delete(t);
        res.off('close', onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(t);
      res.once('close', onClose);
    });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(err), type: 'fake_server_error' } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: FakeRequestBody = {};
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed !== null && typeof parsed === 'object') body = parsed as FakeRequestBody;
    } catch {
      // Recorded as an empty body; rawBody keeps what came.
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers,
      body,
      rawBody,
      stream: body.stream === true,
      lastUserText: [...messages].reverse().find((m) => m.role === 'user')?.content ?? '',
      abandoned: false,
    };
    requests.push(request);
    res.once('close', () => {
      if (!res.writableFinished) request.abandoned = true;
    });

    const isChat = request.method === 'POST' && request.path === '/v1/chat/completions';
    const isEmbeddings = request.method === 'POST' && request.path === '/v1/embeddings';
    if (!isChat && !isEmbeddings) {
      send(res, 404, { error: { message: `No route ${request.method} ${request.path}`, type: 'invalid_request_error' } });
      return;
    }
    const reply = ((queue.shift() ?? (await responder?.(request))) ?? (isChat ? { text: 'ok' } : {})) as AnyReply;
    if (!(await sleep(reply.delayMs ?? 0, res))) return;

    if (reply.raw !== undefined) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? (request.stream ? 'text/event-stream' : 'application/json') });
      res.end(reply.raw);
      return;
    }
    if (reply.status !== undefined) {
      const errorBody = reply.body ?? { error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } };
      send(res, reply.status, errorBody, reply.headers ?? { 'retry-after-ms': '0' });
      return;
    }
    if (isEmbeddings) {
      embeddings(request, res);
      return;
    }
    const pieces = reply.chunks ?? splitText(reply.text ?? 'ok');
    const finishReason = reply.finishReason ?? 'stop';
    if (request.stream) await streamChat(request, res, pieces, finishReason, reply.chunkDelayMs ?? 0);
    else send(res, 200, completion(request, pieces.join(''), finishReason));
  }

  const model = (request: FakeRequest): string => request.body.model ?? options.model ?? 'fake-model';
  const usageOf = (request: FakeRequest, text: string) => {
    const prompt = (request.body.messages ?? []).reduce((n, m) => n + String(m.content).length, 0);
    return { prompt_tokens: prompt, completion_tokens: text.length, total_tokens: prompt + text.length };
  };
  let seq = 0;

  function completion(request: FakeRequest, text: string, finishReason: string): unknown {
    return {
      id: `chatcmpl-fake-${++seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: model(request),
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finishReason }],
      usage: usageOf(request, text),
    };
  }

  async function streamChat(request: FakeRequest, res: http.ServerResponse, pieces: string[], finishReason: string, chunkDelayMs: number): Promise<void> {
    const id = `chatcmpl-fake-${++seq}`;
    const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: model(request) };
    const choice = (delta: Record<string, unknown>, finish: string | null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const write = (data: unknown): boolean => {
      if (res.destroyed) return false;
      res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
      return true;
    };
    if (!write(choice({ role: 'assistant', content: '' }, null))) return;
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && !(await sleep(chunkDelayMs, res))) return;
      if (!write(choice({ content: piece }, null))) return;
    }
    if (!write(choice({}, finishReason))) return;
    if (!write({ ...base, choices: [], usage: usageOf(request, pieces.join('')) })) return;
    write('[DONE]');
    res.end();
  }

  function embeddings(request: FakeRequest, res: http.ServerResponse): void {
    const input = request.body.input;
    const texts = (Array.isArray(input) ? input : [input ?? '']).map((t) => (typeof t === 'string' ? t : JSON.stringify(t)));
    const dims = request.body.dimensions ?? options.embeddingDims ?? 8;
    const base64 = request.body.encoding_format === 'base64';
    const data = texts.map((text, index) => {
      const vector = fakeEmbedding(text, dims);
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = texts.reduce((n, t) => n + t.length, 0);
    send(res, 200, { object: 'list', data, model: model(request), usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  return {
    async start() {
      if (url === undefined) {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve());
        });
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      }
      return { baseURL: url };
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      url = undefined;
    },
    get baseURL() {
      if (url === undefined) throw new Error('Fake OpenAI server: call start() first');
      return url;
    },
    respondWith(reply) {
      responder = typeof reply === 'function' ? reply : () => reply;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    requests,
    requestsTo(suffix) {
      return requests.filter((r) => r.path.endsWith(suffix));
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      responder = undefined;
    },
  };
}

/** Vitest lifecycle: started before all tests of the file, reset after each, closed after all. */
export function useFakeOpenAiServer(options?: { model?: string; embeddingDims?: number }): FakeOpenAiServer {
  const server = createFakeOpenAiServer(options);
  beforeAll(async () => {
    await server.start();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });
  return server;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Splits a reply into small deltas (a few characters each) the way a model streams. */
function splitText(text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += 4) out.push(chars.slice(i, i + 4).join(''));
  return out;
}
