import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistantResponder } from '../src/cli/assistant-responder.js';
import { createRetrievalResponder } from '../src/cli/retrieval-responder.js';
import { parseConfig } from '../src/config.js';
import { parseEvalFile, type EvalItem } from '../src/core/evaluation/eval-item.js';
import { figureOwners } from '../src/core/evaluation/answer-shape.js';
import { summarise } from '../src/core/evaluation/eval-metrics.js';
import { runEval } from '../src/core/evaluation/run-eval.js';
import { fixedClock } from '../src/core/ports/clock.js';
import { createServices, type Services } from '../src/create-services.js';
import { createFakeOpenAiServer } from './fakes/fake-openai-server.js';

// The quality gates of the evaluation set, offline: a change that loses retrieval or answer quality
// fails here, not only in a number someone has to remember to read.
describe('seeds/eval quality gates (offline)', () => {
  let dataDir: string;
  let services: Services;
  let items: EvalItem[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-eval-'));
    services = await createServices(parseConfig({ DATA_DIR: dataDir }), { clock: fixedClock('2026-11-27T12:00:00+08:00'), useModel: false });
    const dir = path.resolve('seeds/eval');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
    items = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(path.join(dir, f), 'utf8'), f)))).flat();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has at least 120 varied items', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(items.filter((i) => i.history.length > 0).length).toBeGreaterThan(5);
    expect(items.filter((i) => i.expect.lang === 'en').length).toBeGreaterThan(5);
  });

  it('retrieves the cited article: hit@3 ≥ 0.95 and MRR ≥ 0.85', async () => {
    const withCite = items.filter((i) => i.expect.cite);
    const summary = summarise(withCite, await runEval(withCite, createRetrievalResponder(services.knowledge)));
    expect(summary.hitAt3).toBeGreaterThanOrEqual(0.95);
    expect(summary.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('answers: accuracy ≥ 0.9, handoff recall 1.0, out-of-scope accuracy 1.0, false handoffs ≤ 3%', async () => {
    const owners = figureOwners(services.knowledge.state().chunkById.values());
    const outcomes = await runEval(items, createAssistantResponder(services.assistant));
    const summary = summarise(items, outcomes, owners);
    // No answer says the same sentence twice (the old shape restated the quote in bold).
    for (const o of outcomes) {
      const sentences = o.answer.replace(/\[[a-z0-9, -]+\]/gu, '').split(/[。；\n]/u).map((x) => x.replace(/[“”"…\s>*_]/gu, '')).filter((x) => x.length >= 12);
      expect(new Set(sentences).size, o.id).toBe(sentences.length);
    }
    expect(summary.answerAccuracy).toBeGreaterThanOrEqual(0.9);
    // The answer shape: the asked figure leads, no sibling benefit's figure instead, and single-fact
    // answers at most half as long as the whole-article answers were (368 characters at the median).
    expect(summary.figureItems).toBeGreaterThan(40);
    expect(summary.figureFirstShare).toBeGreaterThanOrEqual(0.9);
    expect(summary.wrongBenefit).toBeLessThanOrEqual(2);
    expect(summary.medianSingleFactLength).toBeLessThanOrEqual(184);
    expect(summary.handoffRecall).toBe(1);
    expect(summary.outOfScopeAccuracy).toBe(1);
    expect(summary.falseHandoffRate).toBeLessThanOrEqual(0.03);
  });

  it('with an LLM that breaks the rules, the same items pass on the offline fallback', async () => {
    // The fake model cites a key it was never given and answers classification/extraction with
    // prose: every stage must fall back, through the real openai client, to the offline path.
    const server = createFakeOpenAiServer();
    await server.start();
    try {
      server.respondWith((req) => (req.body.response_format ? { text: '我觉得是政策问题' } : { text: '可以领取100万元。[qt99-1]' }));
      const stages: string[] = [];
      const withLlm = await createServices(parseConfig({ DATA_DIR: dataDir, OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake', LLM_MAX_RETRIES: '0' }), {
        clock: fixedClock('2026-11-27T12:00:00+08:00'),
        onFallback: (stage) => stages.push(stage),
      });
      const sample = items.filter((_, i) => i % 4 === 0);
      const summary = summarise(sample, await runEval(sample, createAssistantResponder(withLlm.assistant)));
      expect(summary.answerAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(summary.handoffRecall).toBe(1);
      expect(summary.outOfScopeAccuracy).toBe(1);
      expect(stages).toContain('compose');
      expect(stages).toContain('classify');
      expect(server.requests.length).toBeGreaterThan(sample.length);
    } finally {
      await server.close();
    }
  }, 60_000);
});
