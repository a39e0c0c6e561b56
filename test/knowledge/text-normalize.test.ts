import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../src/knowledge/text-normalize.js';

describe('normalizeForSearch', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(normalizeForSearch('人才補貼')).toBe('人才补贴');
    expect(normalizeForSearch('學歷認證')).toBe('学历认证');
    expect(normalizeForSearch('臺灣居民申請租房補貼')).toBe('台湾居民申请租房补贴');
  });

  it('turns full-width letters, digits and spaces into half-width', () => {
    expect(normalizeForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeForSearch('第１２条')).toBe('第12条');
    expect(normalizeForSearch('租房\u3000补贴')).toBe('租房 补贴');
  });

  it('lower-cases and folds white space', () => {
    expect(normalizeForSearch('  Rent   Subsidy\n for PhD ')).toBe('rent subsidy for phd');
  });

  it('leaves simplified text as it is, so both sides of a match meet in one form', () => {
    expect(normalizeForSearch('钱塘区人才新政25条')).toBe('钱塘区人才新政25条');
    expect(normalizeForSearch(normalizeForSearch('人才補貼 ＰｈＤ'))).toBe(normalizeForSearch('人才補貼 ＰｈＤ'));
  });
});
