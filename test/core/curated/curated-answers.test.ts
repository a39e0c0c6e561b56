import { describe, expect, it } from 'vitest';
import { createCuratedMatcher, similarity, type CuratedAnswer } from '../../../src/core/curated/curated-answers.js';

const which: CuratedAnswer = {
  id: 'faq-which-policy-now',
  lang: 'zh',
  questions: ['现在执行的是哪个人才政策', '钱塘人才21条还有效吗'],
  keys: ['qt25-25'],
  answer: '钱塘区现行人才政策为“人才新政25条”。[qt25-25]',
};
const online: CuratedAnswer = {
  id: 'faq-where-apply-online',
  lang: 'zh',
  questions: ['人才政策在哪里线上申请', '人才补贴在哪个平台申请'],
  keys: ['qt25-23'],
  answer: '可通过“钱塘人才全息场”提交申请。[qt25-23]',
};

describe('similarity (Dice of character bigrams)', () => {
  it('is 1 for the same text, and ignores punctuation, spaces, case and full-width forms', () => {
    expect(similarity('现在执行的是哪个人才政策', '现在执行的是哪个人才政策')).toBe(1);
    expect(similarity('现在执行的是哪个人才政策？', ' 现在执行的是 哪个人才政策 ')).toBe(1);
    expect(similarity('Where do I APPLY?', 'where do i apply')).toBe(1);
    expect(similarity('ＡＢＣ', 'abc')).toBe(1);
  });

  it('is 0 for texts with no bigram in common, and for empty texts', () => {
    expect(similarity('天气怎么样', '人才政策')).toBe(0);
    expect(similarity('', '')).toBe(0);
    expect(similarity('？？', '人才')).toBe(0);
  });

  it('is symmetric and between 0 and 1', () => {
    const a = '钱塘人才21条还有效吗';
    const b = '钱塘人才21条现在还有效吗';
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a), 10);
    expect(similarity(a, b)).toBeGreaterThan(0);
    expect(similarity(a, b)).toBeLessThan(1);
  });

  it('computes 2·common / total bigrams', () => {
    // 人才政策: 人才 才政 政策 (3); 人才补贴: 人才 才补 补贴 (3); common 1 → 2/6.
    expect(similarity('人才政策', '人才补贴')).toBeCloseTo(1 / 3, 10);
  });

  it('counts repeated bigrams by their multiplicity', () => {
    // 哈哈哈: 哈哈 ×2; 哈哈: 哈哈 ×1 → 2·1/3.
    expect(similarity('哈哈哈', '哈哈')).toBeCloseTo(2 / 3, 10);
  });

  it('a one-character text is its own gram', () => {
    expect(similarity('好', '好')).toBe(1);
    expect(similarity('好', '好的')).toBe(0);
  });
});

describe('createCuratedMatcher', () => {
  const matcher = createCuratedMatcher(() => [which, online]);

  it('returns the answer of the same question, similarity 1', () => {
    expect(matcher.match('现在执行的是哪个人才政策')).toEqual({ answer: which, similarity: 1 });
    expect(matcher.match('人才补贴在哪个平台申请？')).toEqual({ answer: online, similarity: 1 });
  });

  it('tolerates a small wording change', () => {
    const m = matcher.match('现在执行的是哪一个人才政策');
    expect(m?.answer.id).toBe('faq-which-policy-now');
    expect(m?.similarity).toBeGreaterThanOrEqual(0.82);
  });

  it('does not return a related but different question', () => {
    expect(matcher.match('现在执行的人才政策有哪些补贴')).toBeUndefined();
    expect(matcher.match('硕士生活补贴有多少')).toBeUndefined();
    expect(matcher.match('')).toBeUndefined();
  });

  it('the threshold is inclusive and configurable', () => {
    const q = '现在执行的是哪个人才政策呀';
    const s = similarity(q, which.questions[0] ?? '');
    expect(createCuratedMatcher(() => [which], s).match(q)?.similarity).toBe(s);
    expect(createCuratedMatcher(() => [which], s + 1e-9).match(q)).toBeUndefined();
    expect(createCuratedMatcher(() => [which], 0.3).match('现在执行哪个政策')?.answer.id).toBe('faq-which-policy-now');
  });

  it('picks the best match across answers and their variants', () => {
    const close: CuratedAnswer = { ...online, id: 'close', questions: ['现在执行的是哪个人才政策呢呢'] };
    const m = createCuratedMatcher(() => [close, which]).match('现在执行的是哪个人才政策');
    expect(m?.answer.id).toBe('faq-which-policy-now');
    expect(m?.similarity).toBe(1);
  });

  it('keeps the first of equally good matches', () => {
    const twin: CuratedAnswer = { ...which, id: 'twin' };
    expect(createCuratedMatcher(() => [which, twin]).match('现在执行的是哪个人才政策')?.answer.id).toBe('faq-which-policy-now');
  });

  it('reads the answers on every match, so a reload takes effect', () => {
    let answers: CuratedAnswer[] = [];
    const live = createCuratedMatcher(() => answers);
    expect(live.match('现在执行的是哪个人才政策')).toBeUndefined();
    answers = [which];
    expect(live.match('现在执行的是哪个人才政策')?.answer.id).toBe('faq-which-policy-now');
  });
});
