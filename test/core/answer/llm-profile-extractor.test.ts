import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLlmProfileExtractor } from '../../../src/core/answer/llm-profile-extractor.js';
import { createOpenAiChatModel } from '../../../src/llm/openai-chat-model.js';
import { useFakeOpenAiServer } from '../../fakes/fake-openai-server.js';

const server = useFakeOpenAiServer();
const prompt = await readFile(path.resolve(import.meta.dirname, '../../../prompts/extract-profile.md'), 'utf8');
const extractor = () =>
  createLlmProfileExtractor(createOpenAiChatModel({ baseURL: server.baseURL, apiKey: 't', model: 'fake', timeoutMs: 2000, maxRetries: 0 }), prompt);
// 00:30 in Hangzhou is still the previous day in UTC: the prompt must say the office's day.
const today = new Date('2025-05-20T00:30:00+08:00');

describe('LLM profile extractor', () => {
  it('returns the stated facts and passes today’s date (Hangzhou) in the prompt', async () => {
    server.respondWith({ text: '{"degree": "master", "fullTime": true, "graduated": "2024-06", "arrived": "2025-03"}' });
    expect(await extractor().extract('我去年硕士毕业，全日制，今年3月来钱塘上班', today)).toEqual({
      degree: 'master',
      fullTime: true,
      graduated: '2024-06',
      arrived: '2025-03',
    });
    const body = server.requests[0]?.body;
    expect(body?.response_format).toEqual({ type: 'json_object' });
    expect(body?.messages?.[0]?.content).toContain('2025-05-20');
    expect(body?.messages?.[0]?.content).not.toContain('{{');
    expect(body?.messages?.[1]).toEqual({ role: 'user', content: '我去年硕士毕业，全日制，今年3月来钱塘上班' });
  });

  it('drops unknown fields, nulls and values out of contract', async () => {
    server.respondWith({ text: '{"age": 28, "salary": 20000, "degree": "doctor", "graduated": "2024", "ownsHome": null, "category": "E"}' });
    expect(await extractor().extract('我28岁，E类人才', today)).toEqual({ age: 28, category: 'E' });
  });

  it('returns {} when nothing is stated', async () => {
    server.respondWith({ text: '{}' });
    expect(await extractor().extract('你好', today)).toEqual({});
  });

  it.each([
    ['not JSON', '硕士'],
    ['a JSON array', '["master"]'],
    ['a JSON string', '"master"'],
  ])('returns undefined for %s', async (_name, text) => {
    server.respondWith({ text });
    expect(await extractor().extract('我是硕士', today)).toBeUndefined();
  });

  it('returns undefined on a timeout', async () => {
    server.respondWith({ delayMs: 2000, text: '{}' });
    const slow = createLlmProfileExtractor(
      createOpenAiChatModel({ baseURL: server.baseURL, apiKey: 't', model: 'fake', timeoutMs: 150, maxRetries: 0 }),
      prompt,
    );
    expect(await slow.extract('我是硕士', today)).toBeUndefined();
  });

  it('rejects a template without {{today}} at creation', () => {
    const model = createOpenAiChatModel({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 't', model: 'fake', timeoutMs: 150, maxRetries: 0 });
    expect(() => createLlmProfileExtractor(model, '提取事实。')).toThrow(expect.objectContaining({ code: 'prompt_invalid' }));
  });
});
