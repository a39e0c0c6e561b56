import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../src/config.js';
import type { Logger } from '../../src/core/logger.js';
import type { ChatMessage } from '../../src/core/ports/chat-model.js';
import { createOpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { useFakeOpenAiServer } from '../fakes/fake-openai-server.js';

const server = useFakeOpenAiServer();
const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({
  baseURL: server.baseURL,
  apiKey: 'sk-test',
  model: 'qwen-test',
  timeoutMs: 2000,
  maxRetries: 0,
  ...over,
});
const messages: ChatMessage[] = [
  { role: 'system', content: '你是钱小智。' },
  { role: 'user', content: '硕士生活补贴多少？' },
];

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of iterable) out.push(d);
  return out;
}

describe('createOpenAiChatModel', () => {
  it('completes through the real client and sends the options on the wire', async () => {
    server.respondWith({ text: '硕士 3 万元。' });
    const model = createOpenAiChatModel(config());
    expect(await model.complete(messages, { json: true, maxTokens: 99, temperature: 0.1 })).toBe('硕士 3 万元。');
    const [req] = server.requests;
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.headers['authorization']).toBe('Bearer sk-test');
    expect(req?.body).toMatchObject({
      model: 'qwen-test',
      messages,
      response_format: { type: 'json_object' },
      max_tokens: 99,
      temperature: 0.1,
    });
    expect(req?.body.stream).toBeFalsy();
    expect(model.id).toContain('qwen-test');
  });

  it('sends no response_format unless json is asked for', async () => {
    await createOpenAiChatModel(config()).complete(messages);
    expect(server.requests[0]?.body).not.toHaveProperty('response_format');
  });

  it('streams deltas in order, asking for usage, and logs the usage chunk', async () => {
    server.respondWith({ chunks: ['硕士', '可领', ' 3 万元', '。'] });
    const infos: Record<string, unknown>[] = [];
    const logger: Logger = { info: (_m, d) => infos.push(d ?? {}), warn() {}, error() {} };
    const model = createOpenAiChatModel(config(), { logger });
    expect(await collect(model.stream(messages))).toEqual(['硕士', '可领', ' 3 万元', '。']);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(infos.at(-1)).toMatchObject({ finishReason: 'stop', completionTokens: 10 });
  });

  it('turns HTTP 500 into llm_http_error after maxRetries retries', async () => {
    server.respondWith({ status: 500 });
    const model = createOpenAiChatModel(config({ maxRetries: 2 }));
    await expect(model.complete(messages)).rejects.toMatchObject({ name: 'AppError', code: 'llm_http_error', details: { status: 500 } });
    expect(server.requestsTo('chat/completions')).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    server.respondWith({ status: 400, body: { error: { message: 'bad model', type: 'invalid_request_error' } } });
    const model = createOpenAiChatModel(config({ maxRetries: 2 }));
    await expect(model.complete(messages)).rejects.toMatchObject({ code: 'llm_http_error', details: { status: 400 } });
    expect(server.requests).toHaveLength(1);
  });

  it('recovers when a retry succeeds', async () => {
    server.enqueue({ status: 503 }, { text: 'ok now' });
    expect(await createOpenAiChatModel(config({ maxRetries: 1 })).complete(messages)).toBe('ok now');
    expect(server.requests).toHaveLength(2);
  });

  it('times out with llm_timeout', async () => {
    server.respondWith({ delayMs: 3000, text: 'too late' });
    const model = createOpenAiChatModel(config({ timeoutMs: 200 }));
    const started = Date.now();
    await expect(model.complete(messages)).rejects.toMatchObject({ code: 'llm_timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a stream that stalls between chunks', async () => {
    server.respondWith({ chunks: ['一', '二', '三'], chunkDelayMs: 1000 });
    const model = createOpenAiChatModel(config({ timeoutMs: 200 }));
    const seen: string[] = [];
    const started = Date.now();
    await expect(
      (async () => {
        for await (const d of model.stream(messages)) seen.push(d);
      })(),
    ).rejects.toMatchObject({ code: 'llm_timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a body that is not JSON as llm_bad_response', async () => {
    server.respondWith({ raw: 'not json' });
    await expect(createOpenAiChatModel(config()).complete(messages)).rejects.toMatchObject({ code: 'llm_bad_response' });
  });

  it('reports JSON without a message as llm_bad_response', async () => {
    server.respondWith({ raw: JSON.stringify({ choices: [] }) });
    await expect(createOpenAiChatModel(config()).complete(messages)).rejects.toMatchObject({ code: 'llm_bad_response' });
  });

  it('reports an empty stream as llm_bad_response', async () => {
    server.respondWith({ raw: 'data: [DONE]\n\n' });
    await expect(collect(createOpenAiChatModel(config()).stream(messages))).rejects.toMatchObject({ code: 'llm_bad_response' });
  });

  it('reports an unreachable endpoint as llm_unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const model = createOpenAiChatModel(config({ baseURL: `http://127.0.0.1:${port}/v1` }));
    await expect(model.complete(messages)).rejects.toMatchObject({ code: 'llm_unavailable' });
  });

  it('reports a cancel by the caller as llm_aborted', async () => {
    server.respondWith({ delayMs: 2000, text: 'late' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(createOpenAiChatModel(config()).complete(messages, { signal: controller.signal })).rejects.toMatchObject({ code: 'llm_aborted' });
  });

  it('cancels the request when the consumer stops reading the stream', async () => {
    server.respondWith({ chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 50 });
    const model = createOpenAiChatModel(config());
    const seen: string[] = [];
    for await (const d of model.stream(messages)) {
      seen.push(d);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
  });
});
