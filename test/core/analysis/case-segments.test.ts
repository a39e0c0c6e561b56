import { describe, expect, it } from 'vitest';
import { asksWhichCase, caseSegments, categoriesNamed, categoryNamed, segmentFor } from '../../../src/core/analysis/case-segments.js';

const CARD = '对高层次人才发放“钱塘人才卡”。A、B、C类人才发放金卡，D、E类人才及区级高层次人才发放银卡。\n\n持卡人才凭卡享受就医绿色通道等服务。';
const SCHOOL = 'A、B、C类人才的子女在区内就读义务教育阶段学校的，按本人意愿在区内统筹安排公办学校。\n\nD、E类人才及区级高层次人才的子女就学，由教育部门协调安排。';
const terms = (t: string): string[] => t.match(/金卡|银卡|发放|子女|公办学校|协调安排/gu) ?? [];

describe('provisions that differ by talent category', () => {
  it('splits a sentence at each clause that opens a category list, and keeps a list’s other clauses with it', () => {
    expect(caseSegments(CARD)).toEqual([
      { cases: ['A', 'B', 'C'], text: 'A、B、C类人才发放金卡' },
      { cases: ['D', 'E', 'district'], text: 'D、E类人才及区级高层次人才发放银卡' },
    ]);
    expect(segmentFor(caseSegments(SCHOOL), 'district')?.text).toBe('D、E类人才及区级高层次人才的子女就学，由教育部门协调安排');
  });

  it('a passage with one list, or a table of figures, has no segments', () => {
    expect(caseSegments('对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元。')).toEqual([]);
  });

  it('reads the category a question names, in Chinese or English', () => {
    expect(['我是E类的', "I'm a category D talent", '区级高层次人才发什么卡', '人才卡怎么办'].map(categoryNamed)).toEqual(['E', 'D', 'district', undefined]);
    // English also says the letter before "class" or "category"; "a class" is no category.
    expect(["which one would I get? I'm E class", 'a C-class talent', 'class B', 'is there a class for it'].map(categoryNamed)).toEqual(['E', 'C', 'B', undefined]);
  });

  it('asks which case applies when it says "which" or names a word only some segments use', () => {
    const segments = caseSegments(CARD);
    expect(asksWhichCase('发的是哪种卡', segments, terms)).toBe(true);
    expect(asksWhichCase('区级人才是金卡吗', segments, terms)).toBe(true);
    expect(asksWhichCase('人才卡能享受什么服务', segments, terms)).toBe(false);
    expect(asksWhichCase('怎么发放', segments, terms)).toBe(false);
  });
});

describe('categoriesNamed', () => {
  it('reads every category a question names, so a comparison is answered for all of them', () => {
    expect(categoriesNamed('C类跟D类的人才卡一样吗')).toEqual(['C', 'D']);
    expect(categoriesNamed('A、B类人才的安家补贴')).toEqual(['A', 'B']);
    expect(categoriesNamed('D类人才发什么卡')).toEqual(['D']);
    expect(categoriesNamed('人才卡怎么申请')).toEqual([]);
  });
});
