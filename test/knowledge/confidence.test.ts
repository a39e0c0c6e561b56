import { describe, expect, it } from 'vitest';
import { confidenceOf, cutPassage } from '../../src/knowledge/confidence.js';
import { maxFusedScore, type FusedResult } from '../../src/knowledge/fusion.js';
import { createLexicalIndex } from '../../src/knowledge/lexical-index.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { makeChunk } from '../helpers/chunks.js';

const tokenizer = createJiebaTokenizer();
const passage = cutPassage(tokenizer);
const chunk = makeChunk('qt25-6', { heading: '第六条 租房补贴', shortName: '人才新政25条', text: '对新引进的青年大学生发放租房补贴，本科每月1000元。' });

const result = (score: number, vectorSimilarity?: number): FusedResult => ({
  key: chunk.key,
  chunk,
  score,
  ...(vectorSimilarity === undefined ? {} : { vectorSimilarity }),
});

describe('confidenceOf', () => {
  it('is 0 without a top result', () => {
    expect(confidenceOf(undefined, ['租房', '补贴'], passage)).toBe(0);
  });

  it('is 1 when the passage covers every term, tops both lists and matches exactly', () => {
    expect(confidenceOf(result(maxFusedScore(), 1), ['租房', '补贴'], passage)).toBe(1);
  });

  it('weighs coverage 0.5, agreement 0.3 and similarity 0.2', () => {
    expect(confidenceOf(result(maxFusedScore() / 2, 0.5), ['租房', '天气'], passage)).toBeCloseTo(0.5 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5, 3);
    expect(confidenceOf(result(0), ['明天', '天气'], passage)).toBe(0);
  });

  it('stays in [0, 1] for out-of-range inputs', () => {
    expect(confidenceOf(result(1, 5), ['租房'], passage)).toBe(1);
    expect(confidenceOf(result(0, -0.7), [], passage)).toBe(0);
  });

  it('counts a repeated term once', () => {
    expect(confidenceOf(result(0), ['租房', '租房', '天气'], passage)).toBeCloseTo(0.25, 3);
  });

  it('gives the same value from the terms the index kept as from cutting the passage', () => {
    const index = createLexicalIndex([chunk], tokenizer);
    const kept = (c: FusedResult['chunk']) => index.passageTerms(c.id);
    for (const terms of [['租房', '补贴'], ['人才新政25条', '本科', '天气'], ['第六条', '青年', '大学生', '每月']]) {
      expect(confidenceOf(result(0.01, 0.3), terms, kept)).toBe(confidenceOf(result(0.01, 0.3), terms, passage));
    }
  });
});
