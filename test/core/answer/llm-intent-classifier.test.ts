import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLlmIntentClassifier } from '../../../src/core/answer/llm-intent-classifier.js';
import { createOpenAiChatModel } from '../../../src/llm/openai-chat-model.js';
import { useFakeOpenAiServer } from '../../fakes/fake-openai-server.js';

const server = useFakeOpenAiServer();
const prompt = await readFile(path.resolve(import.meta.dirname, '../../../prompts/classify-intent.md'), 'utf8');
const classifier = () =>
  createLlmIntentClassifier(createOpenAiChatModel({ baseURL: server.baseURL, apiKey: 't', model: 'fake', timeoutMs: 2000, maxRetries: 0 }), prompt);

describe('LLM intent classifier', () => {
  it('returns a valid classification and asks for JSON with the message as the user turn', async () => {
    server.respondWith({ text: '{"intent": "eligibility", "lang": "zh"}' });
    expect(await classifier().classify('我2023年硕士毕业，能领多少？')).toEqual({ intent: 'eligibility', lang: 'zh' });
    const body = server.requests[0]?.body;
    expect(body?.response_format).toEqual({ type: 'json_object' });
    expect(body?.temperature).toBe(0);
    expect(body?.messages?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body?.messages?.[1]?.content).toBe('我2023年硕士毕业，能领多少？');
  });

  it('tolerates a ```json fence and drops extra fields', async () => {
    server.respondWith({ text: '```json\n{"intent": "greeting", "lang": "en", "confidence": 0.9}\n```' });
    expect(await classifier().classify('hi')).toEqual({ intent: 'greeting', lang: 'en' });
  });

  it.each([
    ['not JSON', 'eligibility'],
    ['an unknown intent', '{"intent": "weather", "lang": "zh"}'],
    ['an unknown language', '{"intent": "greeting", "lang": "fr"}'],
    ['a missing field', '{"intent": "greeting"}'],
    ['an array', '[{"intent": "greeting", "lang": "zh"}]'],
  ])('returns undefined for %s', async (_name, text) => {
    server.respondWith({ text });
    expect(await classifier().classify('你好')).toBeUndefined();
  });

  it('returns undefined when the model fails', async () => {
    server.respondWith({ status: 500 });
    expect(await classifier().classify('你好')).toBeUndefined();
  });
});
