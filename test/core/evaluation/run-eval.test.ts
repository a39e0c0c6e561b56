import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EvalItem } from '../../../src/core/evaluation/eval-item.js';
import type { EvalOutcome } from '../../../src/core/evaluation/eval-metrics.js';
import { runEval, type EvalResponder } from '../../../src/core/evaluation/run-eval.js';

const items: EvalItem[] = ['slow', 'fast', 'mid'].map((id) => ({ id, history: [], question: `${id}?`, expect: {}, source: `t:${id}` }));
const DELAY: Record<string, number> = { slow: 60, fast: 0, mid: 25 };

describe('runEval', () => {
  it('runs items one at a time, in order, timing each', async () => {
    let running = 0;
    let maxRunning = 0;
    const started: string[] = [];
    const respond: EvalResponder = async (item) => {
      started.push(item.id);
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await sleep(DELAY[item.id] ?? 0);
      running -= 1;
      return { answer: `answer ${item.question}`, citations: ['qt25-5'], retrieved: ['qt25-5'], handoff: false, scope: 'in', lang: 'zh' };
    };
    const seen: [string, number][] = [];
    const outcomes = await runEval(items, respond, (o, i) => seen.push([o.id, i]));

    expect(maxRunning).toBe(1);
    expect(started).toEqual(['slow', 'fast', 'mid']);
    expect(outcomes.map((o) => o.id)).toEqual(['slow', 'fast', 'mid']);
    expect(seen).toEqual([
      ['slow', 0],
      ['fast', 1],
      ['mid', 2],
    ]);
    expect(outcomes[0]).toMatchObject({ answer: 'answer slow?', citations: ['qt25-5'], handoff: false, scope: 'in', lang: 'zh' });
    const ms = (id: string): number => outcomes.find((o: EvalOutcome) => o.id === id)?.ms ?? -1;
    expect(ms('slow')).toBeGreaterThanOrEqual(55);
    expect(ms('mid')).toBeGreaterThanOrEqual(20);
    expect(ms('fast')).toBeLessThan(ms('mid'));
    for (const o of outcomes) expect(Math.round(o.ms * 100)).toBeCloseTo(o.ms * 100, 6);
  });

  it('stops at the first failing item and passes its error on', async () => {
    const done: string[] = [];
    const respond: EvalResponder = async (item) => {
      if (item.id === 'fast') throw new Error('model down');
      return { answer: '', citations: [], retrieved: [], handoff: false, scope: 'in', lang: 'zh' };
    };
    await expect(runEval(items, respond, (o) => done.push(o.id))).rejects.toThrow('model down');
    expect(done).toEqual(['slow']);
  });

  it('returns nothing for no items', async () => {
    expect(await runEval([], async () => ({ answer: '', citations: [], retrieved: [], handoff: false, scope: 'in', lang: 'zh' }))).toEqual([]);
  });
});
