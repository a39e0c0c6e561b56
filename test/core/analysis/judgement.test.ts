import { describe, expect, it } from 'vitest';
import { asksJudgement } from '../../../src/core/analysis/judgement.js';

describe('asksJudgement', () => {
  it.each([
    '你觉得杭州和成都哪个城市更适合年轻人生活',
    '硕士毕业以后是读博好还是直接工作好',
    '这个offer值不值得去',
    '给点建议，该不该跳槽',
    'Should I move to Shanghai or stay in Hangzhou?',
    'Is it better to join a big tech company or a startup?',
    'Which city is better for young engineers?',
  ])('reads %s as asking a judgement', (q) => {
    expect(asksJudgement(q)).toBe(true);
  });

  it.each([
    '硕士生活补贴能领多少',
    '哪个部门负责人才认定',
    'What should I do if my degree certificate is from abroad?',
    'How much is the rent subsidy for a PhD?',
  ])('reads %s as asking a fact or a procedure', (q) => {
    expect(asksJudgement(q)).toBe(false);
  });
});
