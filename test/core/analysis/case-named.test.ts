import { describe, expect, it } from 'vitest';
import { caseLead, casesNamed, casesStressed, mentionsCase, statesFigureFor } from '../../../src/core/analysis/case-named.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { composePolicyAnswer } from '../../../src/core/answer/offline-composer.js';
import { qt25_5, qt25_6, terms } from '../../helpers/passages.js';

// An article that shares the question's wording (新引进, 一次性补贴) but prices other cases (技师).
const skilled: Passage = { ...qt25_6, key: 'qt25-14', number: 14, heading: '第十四条 高技能人才', text: '对新引进的高级技师、技师，分别给予5万元、3万元一次性补贴。' };

describe('casesNamed', () => {
  it('reads degrees, categories, titles and grades, not 博士 inside 博士后 nor 技师 inside 高级技师', () => {
    expect(casesNamed('新引进的博士 一次性补贴给多少')).toEqual(['博士']);
    expect(casesNamed('博士后进站补贴多少')).toEqual([]);
    expect(casesNamed('高级技师补贴多少')).toEqual(['高级技师']);
    expect(casesNamed('c类人才评审一等')).toEqual(['C类', '一等']);
  });
});

describe('mentionsCase and statesFigureFor', () => {
  it('finds a category inside a list and a degree only outside 博士后', () => {
    expect(mentionsCase('D、E类人才发放银卡', 'D类')).toBe(true);
    expect(mentionsCase('A、B、C类人才发放金卡', 'D类')).toBe(false);
    expect(mentionsCase('对进站博士后给予生活补贴', '博士')).toBe(false);
    expect(statesFigureFor(qt25_5.text, '博士')).toBe(true);
    expect(statesFigureFor(skilled.text, '博士')).toBe(false);
  });
});

describe('caseLead', () => {
  it('moves the lead off an article that never speaks of the asked case to one stating its figure', () => {
    expect(caseLead('新引进的博士 一次性补贴给多少', skilled, [skilled, qt25_5])?.key).toBe('qt25-5');
  });

  it('keeps a lead that speaks of the case, or when no candidate states a figure for it', () => {
    expect(caseLead('新引进的技师 一次性补贴给多少', skilled, [skilled, qt25_5])).toBeUndefined();
    expect(caseLead('新引进的博士 一次性补贴给多少', skilled, [skilled])).toBeUndefined();
  });

  it('answers the asked case from the article stating it, in the composed answer', () => {
    const { text, citations } = composePolicyAnswer({ question: '新引进的博士 一次性补贴给多少', lang: 'zh', passages: [skilled, qt25_5], wantsOld: false, terms });
    expect(citations[0]?.key).toBe('qt25-5');
    expect(text.split('\n')[0]).toContain('博士10万元');
  });
});

describe('casesStressed', () => {
  it('is the case the message names most, not one heard of others', () => {
    expect(casesStressed('我跟女朋友都是硕士，听说博士能住人才公寓，我们硕士能不能申请')).toEqual(['硕士']);
  });
  it('keeps every case named as often', () => {
    expect(casesStressed('评审类一等和二等差多少')).toEqual(['一等', '二等']);
    expect(casesStressed('生活补贴多少')).toEqual([]);
  });
});
