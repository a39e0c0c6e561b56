import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistantResponder } from '../src/cli/assistant-responder.js';
import { createRetrievalResponder } from '../src/cli/retrieval-responder.js';
import { parseConfig } from '../src/config.js';
import { parseEvalFile, type EvalItem } from '../src/core/evaluation/eval-item.js';
import { summarise } from '../src/core/evaluation/eval-metrics.js';
import { runEval } from '../src/core/evaluation/run-eval.js';
import { fixedClock } from '../src/core/ports/clock.js';
import { createServices, type Services } from '../src/create-services.js';

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
    const summary = summarise(items, await runEval(items, createAssistantResponder(services.assistant)));
    expect(summary.answerAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.handoffRecall).toBe(1);
    expect(summary.outOfScopeAccuracy).toBe(1);
    expect(summary.falseHandoffRate).toBeLessThanOrEqual(0.03);
  });
});
