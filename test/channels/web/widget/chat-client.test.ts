import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createChatClient } from '../../../../src/channels/web/widget/chat-client.js';
import { startLiveEvents } from '../../../../src/channels/web/widget/live-events.js';

// The widget's API client against a real HTTP server on 127.0.0.1 (port 0), speaking docs/chat-api.md.

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const conv = { id: 'c_1', token: 'tok' };
const message = (over: Record<string, unknown> = {}) => ({ id: 'm_2', seq: 2, role: 'bot', text: '**3 万元**', citations: [], createdAt: '2025-01-01T00:00:00Z', ...over });
const sse = (event: string, data: unknown, id?: number) => `event: ${event}\n${id !== undefined ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

describe('createChatClient', () => {
  it('creates a conversation with the language', async () => {
    let seen: { method?: string; url?: string; body?: string; type?: string } = {};
    const base = await serve((req, res, body) => {
      seen = { method: req.method, url: req.url, body, type: req.headers['content-type'] };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'c_9', token: 't9' }));
    });
    expect(await createChatClient(base).createConversation('en')).toEqual({ id: 'c_9', token: 't9' });
    expect(seen).toEqual({ method: 'POST', url: '/api/conversations', body: '{"lang":"en"}', type: 'application/json' });
  });

  it('reads the thread with the Bearer token and drops malformed messages', async () => {
    let auth: string | undefined;
    const base = await serve((req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: [message({ id: 'm_1', seq: 1, role: 'user', text: '你好' }), { junk: true }, message()] }));
    });
    const messages = await createChatClient(`${base}/`).getMessages(conv);
    expect(auth).toBe('Bearer tok');
    expect(messages.map((m) => m.id)).toEqual(['m_1', 'm_2']);
  });

  it('streams a reply: deltas in order, citations, handoff, then the stored message', async () => {
    let accept: string | undefined;
    const base = await serve((req, res, body) => {
      accept = req.headers.accept;
      expect(JSON.parse(body)).toEqual({ text: '硕士补贴多少？' });
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      // Split mid-event and mid-UTF-8 character, with a ping comment, to exercise the stream parser.
      const bytes = Buffer.from(
        ': ping\n\n' +
          sse('delta', { text: '硕士' }) +
          sse('delta', { text: '3 万元' }) +
          sse('citations', { citations: [{ key: 'qt25-5', title: '人才新政25条', article: '第五条', quote: '硕士 3 万元', status: 'current' }, { bad: 1 }] }) +
          sse('handoff', { ticketNo: 12, reason: 'user_request' }) +
          sse('done', { message: message({ citations: [{ key: 'qt21-4', title: '21条', article: '第四条', quote: 'q', status: 'superseded' }] }) }),
      );
      const cut = bytes.indexOf(Buffer.from('万')) + 1;
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 20);
    });
    const deltas: string[] = [];
    const cited: string[] = [];
    const handoffs: number[] = [];
    const done = await createChatClient(base).sendMessage(conv, '硕士补贴多少？', {
      onDelta: (t) => deltas.push(t),
      onCitations: (c) => cited.push(...c.map((x) => x.key)),
      onHandoff: (h) => handoffs.push(h.ticketNo),
    });
    expect(accept).toBe('text/event-stream');
    expect(deltas).toEqual(['硕士', '3 万元']);
    expect(cited).toEqual(['qt25-5']);
    expect(handoffs).toEqual([12]);
    expect(done.id).toBe('m_2');
    expect(done.citations[0]?.status).toBe('superseded');
  });

  it('accepts a plain JSON reply too', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message: message() })));
    expect((await createChatClient(base).sendMessage(conv, 'x', {})).text).toBe('**3 万元**');
  });

  it('turns an SSE error event, an early end and an HTTP error into ApiErrors', async () => {
    let mode = 'error-event';
    const base = await serve((_req, res) => {
      if (mode === 'http') {
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(mode === 'error-event' ? sse('delta', { text: 'a' }) + sse('error', { code: 'internal', message: '抱歉' }) : sse('delta', { text: 'a' }));
    });
    const client = createChatClient(base);
    await expect(client.sendMessage(conv, 'x', {})).rejects.toMatchObject({ status: 200, code: 'internal' });
    mode = 'early-end';
    await expect(client.sendMessage(conv, 'x', {})).rejects.toMatchObject({ status: 0, code: 'incomplete' });
    mode = 'http';
    const err = await client.sendMessage(conv, 'x', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', message: 'slow down' });
  });

  it('reports an unreachable server as a network error', async () => {
    const base = await serve(() => undefined);
    server?.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(createChatClient(base).getMessages(conv)).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('posts feedback with the conversation token', async () => {
    let seen: { url?: string; auth?: string; body?: unknown } = {};
    const base = await serve((req, res, body) => {
      seen = { url: req.url, auth: req.headers.authorization, body: JSON.parse(body) };
      res.writeHead(204).end();
    });
    await createChatClient(base).sendFeedback(conv, 'm_2', 'down', '没回答我的情况');
    expect(seen).toEqual({ url: '/api/feedback', auth: 'Bearer tok', body: { conversationId: 'c_1', messageId: 'm_2', rating: 'down', comment: '没回答我的情况' } });
  });
});

describe('startLiveEvents', () => {
  it('delivers messages and reconnects with Last-Event-ID after the stream drops', async () => {
    const lastIds: (string | undefined)[] = [];
    let connections = 0;
    const base = await serve((req, res) => {
      connections += 1;
      const last = req.headers['last-event-id'];
      lastIds.push(typeof last === 'string' ? last : undefined);
      expect(req.headers.authorization).toBe('Bearer tok');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connections === 1) {
        res.end(sse('message', message({ id: 'm_3', seq: 3, role: 'officer', text: '您好，我是专员' }), 3)); // then the connection drops
      } else {
        res.write(': ping\n\n' + sse('message', message({ id: 'm_4', seq: 4, role: 'system', text: '政府助才专员已接入' }), 4));
      }
    });
    let floor = 2;
    const got: string[] = [];
    const live = startLiveEvents({
      client: createChatClient(base),
      conv,
      resumeFrom: () => String(floor),
      onMessage: (m) => {
        got.push(`${m.role}:${m.text}`);
        floor = Math.max(floor, m.seq);
      },
      onGone: () => got.push('gone'),
    });
    const deadline = Date.now() + 5000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    live.stop();
    expect(got).toEqual(['officer:您好，我是专员', 'system:政府助才专员已接入']);
    expect(lastIds.slice(0, 2)).toEqual(['2', '3']);
  });

  it('stops for good when the conversation is gone', async () => {
    let connections = 0;
    const base = await serve((_req, res) => {
      connections += 1;
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'No such conversation' } }));
    });
    let gone = 0;
    startLiveEvents({ client: createChatClient(base), conv, resumeFrom: () => undefined, onMessage: () => undefined, onGone: () => (gone += 1) });
    await new Promise((r) => setTimeout(r, 300));
    expect(gone).toBe(1);
    expect(connections).toBe(1);
  });
});
