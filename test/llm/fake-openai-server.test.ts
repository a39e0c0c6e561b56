import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAiServer, fakeEmbedding, useFakeOpenAiServer } from '../fakes/fake-openai-server.js';

const server = useFakeOpenAiServer({ embeddingDims: 6 });
const client = (): OpenAI => new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });

describe('fake OpenAI server', () => {
  it('has a baseURL ending in /v1 on 127.0.0.1', () => {
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a chat completion with the default reply and records the request', async () => {
    const res = await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '你好' }] });
    expect(res.choices[0]?.message.content).toBe('ok');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', stream: false, lastUserText: '你好' });
  });

  it('streams text replies in pieces and ends with a usage chunk without choices', async () => {
    server.respondWith({ text: '钱塘区人才新政' });
    const stream = await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('钱塘区人才新政');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(7);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('embeds deterministically as float and as base64 (the SDK default)', async () => {
    const floats = await client().embeddings.create({ model: 'e', input: ['人才公寓', '落户'], encoding_format: 'float' });
    const decoded = await client().embeddings.create({ model: 'e', input: ['人才公寓', '落户'] });
    expect(server.requests.map((r) => r.body.encoding_format)).toEqual(['float', 'base64']);
    expect(floats.data[0]?.embedding).toEqual(fakeEmbedding('人才公寓', 6));
    expect(decoded.data.map((d) => d.embedding)).toEqual(floats.data.map((d) => d.embedding));
    expect(floats.data[0]?.embedding).not.toEqual(floats.data[1]?.embedding);
    const norm = Math.hypot(...(floats.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('honours requested dimensions', async () => {
    const res = await client().embeddings.create({ model: 'e', input: 'x', dimensions: 16, encoding_format: 'float' });
    expect(res.data[0]?.embedding).toHaveLength(16);
  });

  it('serves queued replies first, then the responder function', async () => {
    server.enqueue({ text: 'first' });
    server.respondWith((req) => ({ text: `echo ${req.lastUserText}` }));
    const ask = async (content: string) =>
      (await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] })).choices[0]?.message.content;
    expect(await ask('a')).toBe('first');
    expect(await ask('b')).toBe('echo b');
  });

  it('answers 404 for an unknown route', async () => {
    await expect(client().models.list()).rejects.toMatchObject({ status: 404 });
  });

  it('closes while a delayed reply is pending', async () => {
    const other = createFakeOpenAiServer();
    const { baseURL } = await other.start();
    other.respondWith({ delayMs: 10_000, text: 'never' });
    const pending = new OpenAI({ baseURL, apiKey: 't', maxRetries: 0 }).chat.completions.create({ model: 'm', messages: [] });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.close();
    await expect(pending).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
