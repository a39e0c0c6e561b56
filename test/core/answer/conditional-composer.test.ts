import { describe, expect, it } from 'vitest';
import { composeEligibility } from '../../../src/core/answer/conditional-composer.js';
import type { Verdict } from '../../../src/core/eligibility/types.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { qt25_5 } from '../../helpers/passages.js';

const passageOf = (key: string): Passage | undefined => (key === 'qt25-5' ? qt25_5 : undefined);

const living: Verdict = {
  status: 'missing',
  ruleId: 'living-subsidy',
  benefit: '青年大学生生活补贴',
  benefitEn: 'young graduate living allowance',
  key: 'qt25-5',
  missing: ['age', 'insuranceMonths'],
  assumed: ['全日制硕士'],
  open: ['35周岁以下（含35周岁）', '在区内缴纳社会保险满6个月'],
  openEn: ['aged 35 or under', '6 months of social insurance paid in the district'],
  amount: '3万元',
  amounts: [{ label: '本科', amount: '1万元' }, { label: '硕士', amount: '3万元' }, { label: '博士', amount: '10万元' }],
  payment: '一次性发放',
};

describe('composeEligibility', () => {
  it('lists a condition two benefits share once, under the first', () => {
    const rent: Verdict = { ...living, ruleId: 'rent-subsidy', benefit: '租房补贴', benefitEn: 'rent subsidy', key: 'qt25-6', open: ['35周岁以下（含35周岁）', '在区内租房居住'], openEn: ['aged 35 or under', 'renting in the district'], amount: '每年2万元' };
    const { text } = composeEligibility({ verdicts: [living, rent], mode: 'amount', known: ['全日制硕士'], subject: 'self', lang: 'zh' }, passageOf);
    expect(text.split('35周岁以下（含35周岁）').length - 1).toBe(1);
    expect(text).toContain('在区内租房居住');
  });

  it('open: says the benefits in the order given, an undecided one the story is about before a decided one', () => {
    const decided: Verdict = { status: 'eligible', ruleId: 'rent-subsidy', benefit: '租房补贴', key: 'qt25-6', amount: '每年2万元', payment: '按年发放', assumed: ['全日制硕士'], notes: [] };
    const { text } = composeEligibility({ verdicts: [living, decided], mode: 'open', known: ['全日制硕士'], subject: 'self', lang: 'zh' }, passageOf);
    expect(text.indexOf('青年大学生生活补贴')).toBeLessThan(text.indexOf('租房补贴'));
    expect(text.startsWith('**青年大学生生活补贴**')).toBe(true);
  });

  it('check: the conditional answer with the case amount and key first, then exactly one question', () => {
    const { text, citations } = composeEligibility({ verdicts: [living], mode: 'check', ask: '请问您今年多少周岁？', known: ['全日制硕士'], subject: 'self', lang: 'zh' }, passageOf);
    expect(text.startsWith('**青年大学生生活补贴**：按您的情况为**3万元** [qt25-5]。符合这些条件就能领——35周岁以下（含35周岁）；在区内缴纳社会保险满6个月。')).toBe(true);
    expect(text).toContain('先问一句：请问您今年多少周岁？');
    expect(text.match(/请问/gu)).toHaveLength(1);
    expect(citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('check: a rule with one fixed amount states it as the standard, never as the asker\'s case', () => {
    const teacher: Verdict = { ...living, ruleId: 'teacher-settle', benefit: '特级教师安家补贴', benefitEn: 'special-grade teacher settlement allowance', key: 'qt25-15', open: ['特级教师'], openEn: ['a special-grade teacher'], amount: '50万元', amounts: [{ label: '', amount: '50万元' }] };
    const { text } = composeEligibility({ verdicts: [teacher], mode: 'check', known: ['高级技师'], subject: 'self', lang: 'zh' }, passageOf);
    expect(text.startsWith('**特级教师安家补贴**：标准为**50万元** [qt25-15]。符合这些条件就能领——特级教师。')).toBe(true);
    expect(text).not.toContain('按您的情况');
    const en = composeEligibility({ verdicts: [teacher], mode: 'check', known: ['高级技师'], subject: 'self', lang: 'en' }, passageOf).text;
    expect(en).not.toContain('for your case');
  });

  it('amount: the asker\'s own case alone, then an offer, no question; the facts it names are not echoed', () => {
    const { text } = composeEligibility({ verdicts: [living], mode: 'amount', offer: ['年龄', '区内社保缴纳月数'], known: ['硕士'], subject: 'self', lang: 'zh' }, passageOf);
    expect(text.startsWith('**青年大学生生活补贴**：**硕士3万元** [qt25-5]。条件：')).toBe(true);
    expect(text.split('\n\n')[0]).not.toContain('本科1万元');
    expect(text).toContain('想确认您能否领取，告诉我年龄、区内社保缴纳月数即可。');
    expect(text).not.toContain('已按您说的情况');
    expect(text).not.toContain('先问一句');
    expect(text).not.toContain('请问');
    // No verdict is decided: the sample caveat alone, not a "judgement".
    expect(text).not.toContain('初步判断');
  });

  it('a failed check asked how much ("能拿多少？" continuing a check) opens with the case amount, and a plain check does not', () => {
    const late: Verdict = { status: 'not_eligible', ruleId: 'living-subsidy', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: '毕业已超过5年', requirement: '毕业5年内（含满5年的当月）', assumed: ['最高学历博士'], amount: '10万元' };
    const asked = composeEligibility({ verdicts: [late], mode: 'check', asksAmount: true, known: ['最高学历博士'], subject: 'self', lang: 'zh' }, passageOf).text;
    expect(asked.startsWith('❌ **青年大学生生活补贴**：您这一档的标准为**10万元**，但')).toBe(true);
    const checked = composeEligibility({ verdicts: [late], mode: 'check', known: ['最高学历博士'], subject: 'self', lang: 'zh' }, passageOf).text;
    expect(checked).not.toContain('这一档的标准');
  });

  it('amount without a known case: every case; an offer of nothing nameable is left out', () => {
    const { text } = composeEligibility({ verdicts: [{ ...living, amount: undefined } as Verdict], mode: 'amount', offer: ['相关情况'], known: [], subject: 'self', lang: 'zh' }, passageOf);
    expect(text).toContain('本科1万元、硕士3万元、博士10万元 [qt25-5]');
    expect(text).not.toContain('告诉我');
  });

  it('without a known case, every amount labelled by case', () => {
    const { text } = composeEligibility({ verdicts: [{ ...living, amount: undefined } as Verdict], mode: 'check', ask: '请问您的最高学历是？', known: [], subject: 'self', lang: 'zh' }, passageOf);
    expect(text).toContain('标准为本科1万元、硕士3万元、博士10万元 [qt25-5]');
  });

  it('for someone else: 该员工 throughout, the question too', () => {
    const { text } = composeEligibility({ verdicts: [living], mode: 'check', ask: '请问您今年多少周岁？', known: ['全日制硕士'], subject: 'other', lang: 'zh' }, passageOf);
    expect(text).toContain('按该员工的情况为**3万元**');
    expect(text).toContain('先问一句：请问该员工今年多少周岁？');
    expect(text.split('依据原文')[0]).not.toContain('您');
  });

  it('in English: English conditions and amounts, the question in English', () => {
    const { text } = composeEligibility({ verdicts: [living], mode: 'check', ask: 'How old are you, in full years?', known: ["full-time master's"], subject: 'self', lang: 'en' }, passageOf);
    expect(text).toContain("**young graduate living allowance**: for your case **30,000 yuan** [qt25-5]; you qualify if you meet these conditions: aged 35 or under; 6 months of social insurance paid in the district.");
    expect(text).toContain('One question first: How old are you, in full years?');
    expect(text.split('Basis')[0]).not.toMatch(/\p{Script=Han}/u);
  });
});
