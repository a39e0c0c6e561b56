import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../../src/core/analysis/question-analysis.js';
import { turnParts } from '../../../src/core/answer/compose-answer.js';

describe('turnParts', () => {
  it('keeps the part this turn asks again of another case', () => {
    const parts = turnParts(analyseQuestion('本科租房补贴一年多少钱 博士呢'), '博士呢').parts;
    expect(parts.map((p) => p.text)).toEqual(['博士呢']);
  });
  it('keeps every part when the turn asks them all', () => {
    const q = '新引进高级技师补多少 技师呢';
    expect(turnParts(analyseQuestion(q), q).parts).toHaveLength(2);
  });
});
