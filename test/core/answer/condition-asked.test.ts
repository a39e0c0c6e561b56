import { describe, expect, it } from 'vitest';
import { asksMeasure, composeConditionAsked, requirementsAsked } from '../../../src/core/answer/condition-asked.js';
import type { Verdict } from '../../../src/core/eligibility/types.js';
import { qt25_5 } from '../../helpers/passages.js';

const living: Verdict = {
  status: 'missing',
  ruleId: 'living-subsidy',
  benefit: '青年大学生生活补贴',
  benefitEn: 'young graduate living allowance',
  key: 'qt25-5',
  missing: ['arrived', 'insuranceMonths'],
  assumed: [],
  open: ['新引进，即2022年10月1日以后首次在区内就业并缴纳社会保险', '在区内缴纳社会保险满6个月'],
  openEn: ['newly arrived: first employed and insured in the district on or after 1 October 2022', '6 months of social insurance paid in the district'],
};

describe('asksMeasure', () => {
  it('reads a measure asked of a condition named, in either language', () => {
    expect(asksMeasure('社保要交几个月才能领')).toBe(true);
    expect(asksMeasure('how many months of social insurance do I need?')).toBe(true);
    expect(asksMeasure('生活补贴多少')).toBe(false);
    expect(asksMeasure('审核要多久')).toBe(false);
  });
});

describe('requirementsAsked', () => {
  it('is the requirement stating the measure, not one that only mentions the same thing with a date', () => {
    expect(requirementsAsked('社保要交满几个月', living)).toEqual([{ zh: '在区内缴纳社会保险满6个月', en: '6 months of social insurance paid in the district' }]);
    expect(requirementsAsked('合同要签几年', living)).toEqual([]);
  });
});

describe('composeConditionAsked', () => {
  it('answers with the rule requirement and the article it rests on', () => {
    const r = composeConditionAsked('how many months of social insurance before I can claim?', living, () => qt25_5, 'en');
    expect(r?.text.split('\n')[0]).toBe('**young graduate living allowance** requires: 6 months of social insurance paid in the district [qt25-5].');
    expect(r?.citations.map((c) => c.key)).toEqual(['qt25-5']);
    expect(composeConditionAsked('社保要交满几个月', living, () => qt25_5, 'zh')?.text).toContain('**青年大学生生活补贴**的这项条件是：在区内缴纳社会保险满6个月 [qt25-5]。');
  });

  it('leaves a rule without such a requirement to the article', () => {
    expect(composeConditionAsked('合同要签几年', living, () => qt25_5, 'zh')).toBeUndefined();
  });
});
