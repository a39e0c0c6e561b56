import { describe, expect, it } from 'vitest';
import type { EvalItem } from '../../../src/core/evaluation/eval-item.js';
import { failedExpectations, keyMatches, summarise, type EvalOutcome } from '../../../src/core/evaluation/eval-metrics.js';

function item(id: string, expect: EvalItem['expect'] = {}): EvalItem {
  return { id, history: [], question: `${id}?`, expect, source: `t.jsonl:${id}` };
}

function outcome(id: string, over: Partial<EvalOutcome> = {}): EvalOutcome {
  return { id, answer: '', citations: [], retrieved: [], handoff: false, scope: 'in', lang: 'zh', ms: 10, ...over };
}

describe('keyMatches', () => {
  it('matches equal keys and sections of an expected guide or document', () => {
    expect(keyMatches('qt25-5', 'qt25-5')).toBe(true);
    expect(keyMatches('g02-3', 'g02')).toBe(true);
    expect(keyMatches('g02', 'g02')).toBe(true);
  });

  it('does not match a longer number or another document with the same prefix', () => {
    expect(keyMatches('qt25-50', 'qt25-5')).toBe(false);
    expect(keyMatches('qt25-5', 'qt25-50')).toBe(false);
    expect(keyMatches('g021-3', 'g02')).toBe(false);
    expect(keyMatches('g02', 'g02-3')).toBe(false);
    expect(keyMatches('qt21-5', 'qt25-5')).toBe(false);
  });
});

describe('failedExpectations', () => {
  it('passes when every expectation is met, comparing text without white space and with NFKC', () => {
    const it1 = item('a', { cite: ['qt25-5'], contains: ['10万元', '本科 1万元'], lang: 'zh' });
    expect(failedExpectations(it1, outcome('a', { citations: ['g02-1', 'qt25-5'], answer: '博士１０万元，本科1 万元。' }))).toEqual([]);
  });

  it('lists each unmet expectation', () => {
    const it1 = item('a', { cite: ['qt25-5'], contains: ['10万元'], handoff: true, scope: 'out', lang: 'en' });
    const reasons = failedExpectations(it1, outcome('a', { citations: ['qt25-50'], answer: '3万元' }));
    expect(reasons).toHaveLength(5);
    expect(reasons.join('\n')).toMatch(/expected one of qt25-5/u);
    expect(reasons.join('\n')).toContain('answer lacks "10万元"');
    expect(reasons).toContain('did not hand off');
    expect(reasons).toContain('scope in');
    expect(reasons).toContain('answered in zh');
  });

  it('counts an unexpected handoff and an unexpected out-of-scope answer as failures', () => {
    expect(failedExpectations(item('a'), outcome('a', { handoff: true }))).toEqual(['handed off unexpectedly']);
    expect(failedExpectations(item('a'), outcome('a', { scope: 'out' }))).toEqual(['scope out']);
  });
});

describe('summarise', () => {
  // r1: hit at 1; r2: hit at 3 (guide section matches g02); r3: hit at 5; r4: qt25-50 must not count for qt25-5.
  const items: EvalItem[] = [
    item('r1', { cite: ['qt25-5'] }),
    item('r2', { cite: ['g02'] }),
    item('r3', { cite: ['qt25-6', 'qt21-6'] }),
    item('r4', { cite: ['qt25-5'] }),
    item('h1', { handoff: true }),
    item('h2', { handoff: true }),
    item('o1', { scope: 'out' }),
    item('o2', { scope: 'out' }),
  ];
  const outcomes: EvalOutcome[] = [
    outcome('r1', { retrieved: ['qt25-5', 'g02-1'], citations: ['qt25-5'], ms: 5 }),
    outcome('r2', { retrieved: ['qt25-5', 'qt21-5', 'g02-3'], citations: ['g02-3'], ms: 30 }),
    outcome('r3', { retrieved: ['a', 'b', 'c', 'd', 'qt21-6'], citations: ['qt21-6'], ms: 20 }),
    outcome('r4', { retrieved: ['qt25-50', 'qt25-51'], citations: ['qt25-50'], ms: 10 }),
    outcome('h1', { handoff: true, ms: 40 }),
    outcome('h2', { handoff: false, ms: 50 }),
    outcome('o1', { scope: 'out', ms: 60 }),
    // A false handoff on a non-handoff item, and an out-of-scope miss.
    outcome('o2', { scope: 'in', handoff: true, ms: 1000 }),
  ];
  const s = summarise(items, outcomes);

  it('computes hit@1, hit@3 and MRR over items with a citation expectation', () => {
    expect(s.items).toBe(8);
    expect(s.retrievalItems).toBe(4);
    expect(s.hitAt1).toBeCloseTo(1 / 4, 12);
    expect(s.hitAt3).toBeCloseTo(2 / 4, 12);
    expect(s.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 5 + 0) / 4, 12);
  });

  it('computes handoff recall, false handoffs and out-of-scope accuracy', () => {
    expect(s.handoffRecall).toBeCloseTo(1 / 2, 12);
    expect(s.falseHandoffRate).toBeCloseTo(1 / 6, 12);
    expect(s.outOfScopeAccuracy).toBeCloseTo(1 / 2, 12);
  });

  it('computes answer accuracy and lists failures with reasons', () => {
    // Passing: r1, r2, r3, h1, o1. Failing: r4 (cites qt25-50), h2 (no handoff), o2 (scope, handoff).
    expect(s.answerAccuracy).toBeCloseTo(5 / 8, 12);
    expect(s.failures.map((f) => f.id)).toEqual(['r4', 'h2', 'o2']);
    expect(s.failures.find((f) => f.id === 'o2')?.reasons).toEqual(['handed off unexpectedly', 'scope in']);
  });

  it('computes p50 and p95 of reply times', () => {
    // Sorted: 5 10 20 30 40 50 60 1000
    expect(s.p50Ms).toBe(30);
    expect(s.p95Ms).toBe(1000);
  });

  it('only looks at the top ten retrieved keys', () => {
    const retrieved = [...Array.from({ length: 10 }, (_, i) => `x-${i}`), 'qt25-5'];
    const r = summarise([item('a', { cite: ['qt25-5'] })], [outcome('a', { retrieved })]);
    expect(r.mrr).toBe(0);
    expect(r.hitAt3).toBe(0);
  });

  it('gives NaN for a figure with no items to measure and zeros for times', () => {
    const r = summarise([item('a')], [outcome('a')]);
    expect(r.hitAt1).toBeNaN();
    expect(r.mrr).toBeNaN();
    expect(r.handoffRecall).toBeNaN();
    expect(r.outOfScopeAccuracy).toBeNaN();
    expect(r.falseHandoffRate).toBe(0);
    expect(r.answerAccuracy).toBe(1);
    const empty = summarise([], []);
    expect(empty.p50Ms).toBe(0);
    expect(empty.p95Ms).toBe(0);
    expect(empty.items).toBe(0);
  });
});
