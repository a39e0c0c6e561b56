import { describe, expect, it, vi } from 'vitest';
import { startTurnBudget } from '../../../src/core/assistant/turn-budget.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Reply } from '../../../src/core/types.js';
import type { Services } from '../../../src/create-services.js';
import { useFakeOpenAiServer, type FakeRequest } from '../../fakes/fake-openai-server.js';
import { buildServices, useServices } from '../../helpers/services.js';
import { beforeAll } from 'vitest';

const server = useFakeOpenAiServer();
// A slow model with generous per-call settings: without a shared budget one turn would wait
// 20 s × 3 attempts for each of classify, extract and compose. The budget leaves a busy machine
// time to send the requests (and, in the streamed case, to start composing) before it runs out.
const llm = useServices(() => ({
  OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake', LLM_TIMEOUT_MS: '20000', LLM_MAX_RETRIES: '2', LLM_TURN_BUDGET_MS: '1500',
}));
let offline: Services;
beforeAll(async () => {
  offline = await buildServices({ DATA_DIR: llm.dataDir }, { useModel: false });
});

const systemOf = (req: FakeRequest): string => req.body.messages?.find((m) => m.role === 'system')?.content ?? '';
const chat = (): FakeRequest[] => server.requestsTo('chat/completions');
const ofKind = (marker: string): FakeRequest[] => chat().filter((r) => systemOf(r).includes(marker));
const CLASSIFY = '意图分类器';
const EXTRACT = '提取与人才政策资格判断有关的个人情况';
const ANSWER = '# 回答规则';
const question = '硕士生活补贴多少？';
let seq = 0;
const askOffline = (text: string): Promise<Reply> => offline.assistant.handle({ conversationId: `off-${++seq}`, userId: 'u', channel: 'cli', text });

describe('one model budget per turn', () => {
  it('a stalled model: the turn answers offline once the budget is spent, and the model calls are cancelled', { timeout: 15_000 }, async () => {
    server.respondWith({ text: 'never sent in time', delayMs: 60_000 });
    const expected = await askOffline(question);
    const r = await llm.ask(llm.newConversation(), question);
    expect(r.text).toBe(expected.text);
    expect(r.citations).toEqual(expected.citations);
    // Classification and extraction were asked at the same time; composing was not even started.
    await vi.waitFor(() => expect(ofKind(CLASSIFY)).toHaveLength(1));
    await vi.waitFor(() => expect(ofKind(EXTRACT)).toHaveLength(1));
    expect(ofKind(ANSWER)).toHaveLength(0);
    // No retry was started after the budget ran out, and every call was hung up on.
    expect(chat()).toHaveLength(2);
    await vi.waitFor(() => expect(chat().every((q) => q.abandoned)).toBe(true));
  });

  it('the streamed path too: no delta is sent and the offline answer comes back', { timeout: 15_000 }, async () => {
    server.respondWith((req) => (systemOf(req).includes(ANSWER) ? { chunks: ['硕士', '3万元 [qt25-5]'], delayMs: 60_000 } : { text: '{}' }));
    const expected = await askOffline(question);
    const deltas: string[] = [];
    const r = await llm.services.assistant.handle({ conversationId: llm.newConversation(), userId: 'u', channel: 'web', text: question }, { onDelta: (t) => deltas.push(t) });
    expect(r.text).toBe(expected.text);
    expect(deltas).toEqual([]);
    // The stalled answer stream was hung up on (none was started at all if the budget ran out first).
    expect(ofKind(ANSWER).length).toBeLessThanOrEqual(1);
    await vi.waitFor(() => expect(ofKind(ANSWER).every((q) => q.abandoned)).toBe(true));
  });
});

describe('startTurnBudget', () => {
  it('gives up on a call that ignores its signal once the deadline passes', async () => {
    const budget = startTurnBudget(20, silentLogger);
    let signal: AbortSignal | undefined;
    const r = await budget.call('stuck', (s) => {
      signal = s;
      return new Promise<string>(() => undefined);
    });
    expect(r).toBeUndefined();
    expect(signal?.aborted).toBe(true);
    expect(budget.spent).toBe(true);
    expect(await budget.call('late', async () => 'x')).toBeUndefined();
  });

  it('a call that has shown progress runs on past the deadline; dispose cancels what is left', async () => {
    const budget = startTurnBudget(20, silentLogger);
    let finish: (v: string) => void = () => undefined;
    const streaming = budget.call('stream', (_s, progress) => {
      progress();
      return new Promise<string>((resolve) => (finish = resolve));
    });
    let other: AbortSignal | undefined;
    const pending = budget.call('other', (s) => {
      other = s;
      return new Promise<string>(() => undefined);
    });
    expect(await pending).toBeUndefined();
    expect(budget.spent).toBe(true);
    finish('whole answer');
    expect(await streaming).toBe('whole answer');
    expect(other?.aborted).toBe(true);

    const after = startTurnBudget(undefined, silentLogger);
    let cancelled: AbortSignal | undefined;
    const left = after.call('unneeded', (s) => {
      cancelled = s;
      return new Promise<string>(() => undefined);
    });
    after.dispose();
    expect(await left).toBeUndefined();
    expect(cancelled?.aborted).toBe(true);
  });
});
