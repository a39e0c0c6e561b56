import { describe, expect, it } from 'vitest';
import { fuseResults, maxFusedScore } from '../../src/knowledge/fusion.js';
import type { Hit } from '../../src/knowledge/lexical-index.js';
import type { QueryFocus } from '../../src/knowledge/query-analysis.js';
import { lookup, makeChunk } from '../helpers/chunks.js';

const PLAIN: QueryFocus = { wantsOld: false, comparison: false };
const OLD: QueryFocus = { wantsOld: true, comparison: false };
const COMPARE: QueryFocus = { wantsOld: false, comparison: true };

const hits = (...ids: string[]): Hit[] => ids.map((chunkId, i) => ({ chunkId, score: 10 - i }));
const rrf = (...ranks: number[]): number => ranks.reduce((s, r) => s + 1 / (60 + r), 0);

const a = makeChunk('qt25-4');
const b = makeChunk('qt25-5');
const c = makeChunk('qt25-6');
const d = makeChunk('qt25-7');
const current6 = makeChunk('qt25-6');
const old6 = makeChunk('qt21-6', { status: 'superseded', supersededBy: 'qt25' });

describe('fuseResults', () => {
  it('orders by reciprocal-rank fusion of the two lists', () => {
    const chunks = lookup([a, b, c, d]);
    const fused = fuseResults(hits('qt25-4', 'qt25-5', 'qt25-6'), hits('qt25-5', 'qt25-6', 'qt25-4', 'qt25-7'), chunks, PLAIN);
    expect(fused.map((r) => r.key)).toEqual(['qt25-5', 'qt25-4', 'qt25-6', 'qt25-7']);
    expect(fused[0]?.score).toBeCloseTo(rrf(2, 1), 12);
    expect(fused[1]?.score).toBeCloseTo(rrf(1, 3), 12);
    expect(fused[2]?.score).toBeCloseTo(rrf(3, 2), 12);
    expect(fused[3]?.score).toBeCloseTo(rrf(4), 12);
    expect(fused[0]).toMatchObject({ lexicalRank: 2, vectorRank: 1, lexicalScore: 9, vectorSimilarity: 10 });
    expect(fused[3]?.lexicalRank).toBeUndefined();
    expect(fused[3]?.vectorRank).toBe(4);
  });

  it('adds the English list as a third, weighted list', () => {
    const chunks = lookup([a, b, c, d]);
    const fused = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-4', 'qt25-5'), chunks, PLAIN, { english: hits('qt25-6', 'qt25-5'), englishWeight: 2 });
    expect(fused.map((r) => r.key)).toEqual(['qt25-5', 'qt25-4', 'qt25-6']);
    expect(fused[0]?.score).toBeCloseTo(rrf(2, 2) + 2 / 62, 12);
    expect(fused[2]).toMatchObject({ englishRank: 1, score: expect.closeTo(2 / 61, 12) });
    expect(fused[1]?.englishRank).toBeUndefined();
  });

  it('uses the rrfK option', () => {
    const fused = fuseResults(hits('qt25-4'), hits('qt25-4'), lookup([a]), PLAIN, { rrfK: 10 });
    expect(fused[0]?.score).toBeCloseTo(2 / 11, 12);
  });

  it('gives a key first in both lists the top of the scale', () => {
    const fused = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-4'), lookup([a, b]), PLAIN);
    expect(fused[0]?.score).toBeCloseTo(maxFusedScore(), 12);
    expect(maxFusedScore(60)).toBeCloseTo(2 / 61, 12);
  });

  it('groups the parts of one article under one key and ranks by key', () => {
    const p1 = makeChunk('qt25-4', { part: 1, parts: 3 });
    const p2 = makeChunk('qt25-4', { part: 2, parts: 3 });
    const p3 = makeChunk('qt25-4', { part: 3, parts: 3 });
    const chunks = lookup([p1, p2, p3, b]);
    const fused = fuseResults(hits('qt25-4#2', 'qt25-4#1', 'qt25-4#3', 'qt25-5'), hits('qt25-4#3', 'qt25-5'), chunks, PLAIN);
    expect(fused.map((r) => r.key)).toEqual(['qt25-4', 'qt25-5']);
    // The other parts do not push qt25-5 down: it is rank 2 in both lists.
    expect(fused[1]).toMatchObject({ lexicalRank: 2, vectorRank: 2 });
    expect(fused[1]?.score).toBeCloseTo(rrf(2, 2), 12);
    // The BM25-best part represents the key.
    expect(fused[0]?.chunk.id).toBe('qt25-4#2');
  });

  it('takes the vector list\'s chunk for a key BM25 did not find', () => {
    const p1 = makeChunk('qt25-4', { part: 1, parts: 2 });
    const p2 = makeChunk('qt25-4', { part: 2, parts: 2 });
    const fused = fuseResults([], hits('qt25-4#2', 'qt25-4#1'), lookup([p1, p2]), PLAIN);
    expect(fused).toHaveLength(1);
    expect(fused[0]?.chunk.id).toBe('qt25-4#2');
  });

  it('skips hits whose chunk is unknown', () => {
    const fused = fuseResults(hits('gone', 'qt25-4'), hits('qt25-4'), lookup([a]), PLAIN);
    expect(fused.map((r) => r.key)).toEqual(['qt25-4']);
    expect(fused[0]?.lexicalRank).toBe(1);
  });

  it('returns nothing for two empty lists', () => {
    expect(fuseResults([], [], lookup([]), PLAIN)).toEqual([]);
    expect(fuseResults([], [], lookup([]), COMPARE)).toEqual([]);
  });

  it('weights superseded texts below current ones for a plain question', () => {
    const chunks = lookup([old6, current6]);
    // The old article tops both lists, yet the current one comes first.
    const fused = fuseResults(hits('qt21-6', 'qt25-6'), hits('qt21-6', 'qt25-6'), chunks, PLAIN);
    expect(fused.map((r) => r.key)).toEqual(['qt25-6', 'qt21-6']);
    expect(fused.find((r) => r.key === 'qt21-6')?.score).toBeLessThan(rrf(1, 1));
    expect(fused.find((r) => r.key === 'qt25-6')?.score).toBeCloseTo(rrf(2, 2), 12);
    const weighted = fuseResults(hits('qt21-6', 'qt25-6'), hits('qt21-6', 'qt25-6'), chunks, PLAIN, { offFocusWeight: 0.5 });
    expect(weighted.find((r) => r.key === 'qt21-6')?.score).toBeCloseTo(rrf(1, 1) * 0.5, 12);
  });

  it('weights current texts below superseded ones when the question is about the old policy', () => {
    const chunks = lookup([old6, current6]);
    const fused = fuseResults(hits('qt25-6', 'qt21-6'), hits('qt25-6', 'qt21-6'), chunks, OLD);
    expect(fused.map((r) => r.key)).toEqual(['qt21-6', 'qt25-6']);
    expect(fused.find((r) => r.key === 'qt25-6')?.score).toBeLessThan(rrf(1, 1));
    expect(fused.find((r) => r.key === 'qt21-6')?.score).toBeCloseTo(rrf(2, 2), 12);
    const weighted = fuseResults(hits('qt25-6', 'qt21-6'), hits('qt25-6', 'qt21-6'), chunks, OLD, { offFocusWeight: 0.5 });
    expect(weighted.find((r) => r.key === 'qt25-6')?.score).toBeCloseTo(rrf(1, 1) * 0.5, 12);
  });

  it('does not weight by status for a comparison', () => {
    const fused = fuseResults(hits('qt21-6', 'qt25-6'), hits('qt21-6', 'qt25-6'), lookup([old6, current6]), COMPARE);
    expect(fused.map((r) => r.key)).toEqual(['qt21-6', 'qt25-6']);
    expect(fused[0]?.score).toBeCloseTo(rrf(1, 1), 12);
    expect(fused[1]?.score).toBeCloseTo(rrf(2, 2), 12);
  });

  it('honours offFocusWeight', () => {
    const fused = fuseResults(hits('qt21-6', 'qt25-6'), hits('qt21-6', 'qt25-6'), lookup([old6, current6]), PLAIN, { offFocusWeight: 1 });
    expect(fused.map((r) => r.key)).toEqual(['qt21-6', 'qt25-6']);
  });

  it('keeps both generations for a comparison and moves the other generation\'s best text to rank 2', () => {
    const others = ['qt25-7', 'qt25-8', 'qt25-9'].map((k) => makeChunk(k));
    const guide = makeChunk('g03-2', { kind: 'guide', status: 'current' });
    const oldGuide = makeChunk('g99-1', { kind: 'guide', status: 'superseded' });
    const chunks = lookup([current6, ...others, guide, oldGuide, old6]);
    const order = ['qt25-6', 'qt25-7', 'g99-1', 'qt25-8', 'qt21-6', 'qt25-9', 'g03-2'];
    const fused = fuseResults(hits(...order), hits(...order), chunks, COMPARE);
    // The superseded guide does not count as "the other generation"; the old article does.
    expect(fused.map((r) => r.key).slice(0, 3)).toEqual(['qt25-6', 'qt21-6', 'qt25-7']);
    expect(new Set(fused.map((r) => r.key))).toEqual(new Set(order));
    // Not weighted down for being superseded.
    expect(fused.find((r) => r.key === 'qt21-6')?.score).toBeCloseTo(rrf(5, 5), 12);
    // Everything but the moved result keeps score order.
    const rest = fused.filter((r) => r.key !== 'qt21-6');
    for (let i = 1; i < rest.length; i++) expect(rest[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(rest[i]?.score ?? 0);
  });

  it('pairs a superseded top result with the best current article', () => {
    const chunks = lookup([old6, makeChunk('qt21-7', { status: 'superseded' }), makeChunk('qt21-8', { status: 'superseded' }), current6]);
    const order = ['qt21-6', 'qt21-7', 'qt21-8', 'qt25-6'];
    const fused = fuseResults(hits(...order), hits(...order), chunks, COMPARE);
    expect(fused.map((r) => r.key)).toEqual(['qt21-6', 'qt25-6', 'qt21-7', 'qt21-8']);
  });

  it('leaves a comparison alone when the other generation is already second or absent', () => {
    const chunks = lookup([current6, old6, d]);
    expect(fuseResults(hits('qt25-6', 'qt21-6', 'qt25-7'), hits('qt25-6', 'qt21-6', 'qt25-7'), chunks, COMPARE).map((r) => r.key)).toEqual([
      'qt25-6',
      'qt21-6',
      'qt25-7',
    ]);
    expect(fuseResults(hits('qt25-6', 'qt25-7'), hits('qt25-6', 'qt25-7'), chunks, COMPARE).map((r) => r.key)).toEqual(['qt25-6', 'qt25-7']);
  });

  it('breaks score ties by key so results are stable', () => {
    const fused = fuseResults(hits('qt25-5'), hits('qt25-4'), lookup([a, b]), PLAIN);
    expect(fused.map((r) => r.key)).toEqual(['qt25-4', 'qt25-5']);
  });

  it('raises a key the question names by its strength, enough to pass the key one rank above it', () => {
    const chunks = lookup([a, b]);
    const plain = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-4', 'qt25-5'), chunks, PLAIN);
    expect(plain.map((r) => r.key)).toEqual(['qt25-4', 'qt25-5']);
    const fused = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-4', 'qt25-5'), chunks, PLAIN, { named: new Map([['qt25-5', 1]]), namedWeight: 0.25 });
    expect(fused.map((r) => r.key)).toEqual(['qt25-5', 'qt25-4']);
    expect(fused[0]?.score).toBeCloseTo(rrf(2, 2) * 1.25, 12);
    const half = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-4', 'qt25-5'), chunks, PLAIN, { named: new Map([['qt25-5', 0.5]]), namedWeight: 0.25 });
    expect(half.find((r) => r.key === 'qt25-5')?.score).toBeCloseTo(rrf(2, 2) * 1.125, 12);
  });

  it('weights down boilerplate a question does not ask for, but not the asked section of the asked guide', () => {
    const place = makeChunk('g08-6', { kind: 'guide', heading: '六、办理地点与咨询' });
    const chunks = lookup([place, b]);
    const shared = new Map([['g08-6', 0.95], ['qt25-5', 0.1]]);
    const plain = fuseResults(hits('g08-6', 'qt25-5'), hits('g08-6', 'qt25-5'), chunks, PLAIN, { sharedText: shared, generalGuideWeight: 1 });
    expect(plain.map((r) => r.key)).toEqual(['qt25-5', 'g08-6']);
    expect(plain[1]?.score).toBeCloseTo(rrf(1, 1) * 0.7, 12);
    const asked = fuseResults(hits('g08-6', 'qt25-5'), hits('g08-6', 'qt25-5'), chunks, PLAIN, { sharedText: shared, sections: [6], topicGuides: new Set(['g08']) });
    expect(asked.map((r) => r.key)).toEqual(['g08-6', 'qt25-5']);
    const otherGuide = fuseResults(hits('g08-6', 'qt25-5'), hits('g08-6', 'qt25-5'), chunks, PLAIN, { sharedText: shared, sections: [6], topicGuides: new Set(['g02']) });
    expect(otherGuide.map((r) => r.key)).toEqual(['qt25-5', 'g08-6']);
  });

  it('keeps a key a list cut off as ranked just past the end of each list that misses it', () => {
    const chunks = lookup([a, b, c]);
    const fused = fuseResults(hits('qt25-4', 'qt25-5'), hits('qt25-5'), chunks, PLAIN, { keep: new Set(['qt25-6']) });
    expect(fused.find((r) => r.key === 'qt25-6')?.score).toBeCloseTo(rrf(3, 2), 12);
    expect(fused.find((r) => r.key === 'qt25-4')?.score).toBeCloseTo(rrf(1), 12);
    expect(fuseResults(hits('qt25-4'), hits('qt25-4'), chunks, PLAIN).map((r) => r.key)).toEqual(['qt25-4']);
  });
});
