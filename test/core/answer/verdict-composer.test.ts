import { describe, expect, it } from 'vitest';
import { CAVEAT_EN, citationOf, CAVEAT_ZH } from '../../../src/core/answer/citation-of.js';
import { composeHandoff, composeWaiting } from '../../../src/core/answer/handoff-composer.js';
import { carrying, composeFactQuestion, composeVerdicts } from '../../../src/core/answer/verdict-composer.js';
import type { Verdict } from '../../../src/core/eligibility/types.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import type { HandoffReason } from '../../../src/core/types.js';
import { qt25_5, qt25_6 } from '../../helpers/passages.js';

const passages = new Map<string, Passage>([
  ['qt25-5', qt25_5],
  ['qt25-6', qt25_6],
]);
const passageOf = (key: string): Passage | undefined => passages.get(key);

const eligible: Verdict = {
  status: 'eligible',
  ruleId: 'living-subsidy',
  benefit: '青年大学生生活补贴',
  key: 'qt25-5',
  amount: '3万元',
  payment: '一次性发放，经审核公示后发放至本人银行账户',
  assumed: ['全日制硕士', '28周岁'],
  notes: ['按本人最高学历计发，同一人只能享受一次'],
};

const notEligible: Verdict = {
  status: 'not_eligible',
  ruleId: 'rent-subsidy',
  benefit: '租房补贴',
  key: 'qt25-6',
  reason: '年龄已超过35周岁，不属于青年大学生',
  requirement: '35周岁以下（含35周岁）',
  assumed: ['36周岁'],
};

const missing: Verdict = { status: 'missing', ruleId: 'hukou', benefit: '人才落户', key: 'qt25-22', missing: ['age'], assumed: [] };

describe('composeVerdicts', () => {
  it('eligible: benefit, the facts it relied on, amount in bold, payment, key, notes, quoted basis, caveat', () => {
    const { text, citations } = composeVerdicts([eligible], passageOf, 'zh');
    expect(text).toContain('✅ **青年大学生生活补贴**：（按您提供的情况：全日制硕士、28周岁）您符合条件，可享受 **3万元**，一次性发放，经审核公示后发放至本人银行账户。[qt25-5]');
    expect(text).toContain('   - 注意：按本人最高学历计发，同一人只能享受一次');
    expect(text).toContain('依据原文（《人才新政25条》第五条 青年大学生生活补贴）：\n> 对新引进且毕业5年内');
    expect(text).toContain('初步判断，以主管部门审核为准');
    expect(text.split(CAVEAT_ZH).length - 1).toBe(1);
    expect(citations).toEqual([citationOf(qt25_5)]);
  });

  it('in English, quotes the article\'s unofficial translation and says the caveat in English', () => {
    const translated = { ...qt25_5, en: { title: '25 New Talent Policies', shortName: '25 New Talent Policies', heading: 'Article 5 Living Allowance', text: 'Young graduates receive a one-off living allowance: RMB 30,000 for a master\'s degree.' } };
    const { text } = composeVerdicts([eligible], (k) => (k === 'qt25-5' ? translated : undefined), 'en');
    expect(text).toContain('> Young graduates receive a one-off living allowance: RMB 30,000');
    expect(text).not.toContain('3万元');
    expect(text).not.toContain(CAVEAT_ZH);
    expect(text).toContain(CAVEAT_EN);
  });

  it('not eligible: the reason, the requirement as the text states it, and the key', () => {
    const { text, citations } = composeVerdicts([notEligible], passageOf, 'zh');
    expect(text).toContain('❌ **租房补贴**：（按您提供的情况：36周岁）暂不符合条件——年龄已超过35周岁，不属于青年大学生（政策要求：35周岁以下（含35周岁））。[qt25-6]');
    expect(text).not.toContain('✅');
    expect(citations.map((c) => c.key)).toEqual(['qt25-6']);
  });

  it('not eligible, asked how much: the amount of the person case opens the sentence that says why not', () => {
    const late: Verdict = { status: 'not_eligible', ruleId: 'living-subsidy', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: '毕业已超过5年', requirement: '毕业5年内（含满5年的当月）', assumed: ['最高学历博士', '2020年6月毕业'], amount: '10万元' };
    const asked = composeVerdicts([late], passageOf, 'zh', { asksAmount: true }).text;
    expect(asked).toContain('❌ **青年大学生生活补贴**：您这一档的标准为**10万元**，但（按您提供的情况：最高学历博士、2020年6月毕业）暂不符合条件——毕业已超过5年');
    // A check ("我能领吗") is answered by the verdict alone.
    expect(composeVerdicts([late], passageOf, 'zh').text).toContain('❌ **青年大学生生活补贴**：（按您提供的情况：');
    expect(composeVerdicts([late], passageOf, 'en', { asksAmount: true }).text).toContain('the amount for your case is **100,000 yuan**, but you do not appear to qualify');
  });

  it('a reason that restates the requirement is not followed by it, nor by the fact it names', () => {
    const apartment: Verdict = { ...notEligible, reason: '正入住人才公寓，入住期间不享受租房补贴', requirement: '入住人才公寓（人才专项租赁住房）期间不享受租房补贴', assumed: ['最高学历硕士', '正入住人才公寓'] };
    const { text } = composeVerdicts([apartment], passageOf, 'zh');
    expect(text).toContain('❌ **租房补贴**：（按您提供的情况：最高学历硕士）暂不符合条件——正入住人才公寓，入住期间不享受租房补贴。[qt25-6]');
    expect(text).not.toContain('政策要求');
  });

  it('quotes only the sentences of the article that carry the answer', () => {
    expect(carrying('对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元。\n享受安家补贴的人才，应签订3年以上劳动合同。\n安家补贴分5年发放。同一人才按“就高、不重复”原则享受。', 'A类人才800万元；条件：与区内用人单位签订3年以上（含3年）劳动合同'))
      .toBe('对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元。\n享受安家补贴的人才，应签订3年以上劳动合同。\n安家补贴分5年发放。');
    expect(carrying('申请材料见办事指南。入住人才公寓（人才专项租赁住房）期间，不享受租房补贴。', '正入住人才公寓（政策要求：入住人才公寓（人才专项租赁住房）期间不享受租房补贴）'))
      .toBe('入住人才公寓（人才专项租赁住房）期间，不享受租房补贴。');
    expect(carrying('同一人才按“就高、不重复”原则享受。', '博士后40万元')).toBe('同一人才按“就高、不重复”原则享受。');
  });

  it('several verdicts, in order; missing ones are left out', () => {
    const { text, citations } = composeVerdicts([eligible, missing, notEligible], passageOf, 'zh');
    expect(text.indexOf('✅')).toBeLessThan(text.indexOf('❌'));
    expect(text).not.toContain('人才落户');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5', 'qt25-6']);
  });

  it('cites a key once however many verdicts rely on it', () => {
    const second: Verdict = { ...eligible, ruleId: 'other', benefit: '另一项', amount: '1万元' };
    const { citations } = composeVerdicts([eligible, second], passageOf, 'zh');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('still states the verdict with its key when the article is not found', () => {
    const { text, citations } = composeVerdicts([{ ...eligible, key: 'qt25-99' }], passageOf, 'zh');
    expect(text).toContain('**3万元**');
    expect(text).toContain('[qt25-99]');
    expect(citations).toEqual([]);
  });

  it('without assumed facts, says nothing about them', () => {
    const { text } = composeVerdicts([{ ...eligible, assumed: [] }], passageOf, 'zh');
    expect(text).not.toContain('按您提供的情况');
  });

  it('in English: the English names, amounts and reasons the rules give, the known facts in English, no Chinese notes', () => {
    const en: Verdict[] = [
      { ...eligible, benefitEn: 'young graduate living allowance' },
      { ...notEligible, benefitEn: 'rent subsidy', reasonEn: 'over 35 years of age', requirementEn: 'aged 35 or under' },
    ];
    const { text } = composeVerdicts(en, passageOf, 'en', { knownEn: ['age 36'] });
    expect(text).toContain('✅ **young graduate living allowance**: you appear to qualify (based on: age 36): **30,000 yuan**. [qt25-5]');
    expect(text).toContain('❌ **rent subsidy**: you do not appear to qualify (based on: age 36): over 35 years of age (the text requires: aged 35 or under). [qt25-6]');
    expect(text).not.toContain('Note: 按本人最高学历计发');
    expect(text).not.toContain('注意');
    expect(text).toContain('Basis（《人才新政25条》第五条 青年大学生生活补贴）');
    expect(text).toContain('the office decides on your application');
  });

  it('for someone else, speaks of 该员工 / the employee, never 您 / you', () => {
    const zh = composeVerdicts([eligible, notEligible], passageOf, 'zh', { subject: 'other' }).text;
    expect(zh).toContain('该员工符合条件，可享受 **3万元**');
    const verdictLines = zh.split('\n').filter((l) => /^[✅❌]/u.test(l));
    expect(verdictLines.join('')).not.toContain('您');
    const en = composeVerdicts([{ ...eligible, benefitEn: 'young graduate living allowance' }], passageOf, 'en', { subject: 'other' }).text;
    expect(en).toContain('the employee appears to qualify');
  });

  it('says a filing window the facts start: its end, and plainly when it has passed', () => {
    const withWindow = (passed: boolean): Verdict => ({ ...eligible, deadlines: [{ text: '认定后1年内首次申请', key: 'g04', from: '2025-03', due: '2026-03', passed }] });
    const passed = composeVerdicts([withWindow(true)], passageOf, 'zh').text;
    expect(passed).toContain('⚠️ 申请期限：认定后1年内首次申请。按您2025年3月起算，期限已于2026年3月届满');
    expect(passed).toContain('[g04]');
    const open = composeVerdicts([withWindow(false)], passageOf, 'zh').text;
    expect(open).toContain('截止在2026年3月');
    expect(open).not.toContain('已于');
  });
});

describe('composeFactQuestion', () => {
  it('asks one fact, names the benefit and what is known so far', () => {
    const { text, citations } = composeFactQuestion('青年大学生生活补贴', '请问您今年多少周岁？', ['全日制硕士', '2024年06月毕业'], 'zh');
    expect(text).toBe('为判断您能否享受**青年大学生生活补贴**，还需要了解一项情况。目前已了解：全日制硕士、2024年06月毕业。请问您今年多少周岁？');
    expect(citations).toEqual([]);
  });

  it('without known facts, asks straight away; in English too', () => {
    expect(composeFactQuestion('人才落户', '请问您的最高学历是？', [], 'zh').text).toBe('为判断您能否享受**人才落户**，还需要了解一项情况。请问您的最高学历是？');
    expect(composeFactQuestion('rent subsidy', 'How old are you?', ['age 30'], 'en').text).toBe(
      'To check **rent subsidy** for you, I need one more fact. So far I know: age 30. How old are you?',
    );
  });
});

describe('handoff messages', () => {
  const reasons: HandoffReason[] = ['user_request', 'low_confidence', 'complaint', 'own_case', 'repeated_dissatisfaction', 'bot_error', 'individual_negotiation'];

  it.each(reasons)('%s: the ticket number and the expected reply time, in both languages', (reason) => {
    const zh = composeHandoff(42, reason, '1 个工作日内', 'zh');
    expect(zh).toContain('工单号 **#42**');
    expect(zh).toContain('1 个工作日内');
    expect(zh).toContain('政府助才专员');
    const en = composeHandoff(42, reason, 'within 1 working day', 'en');
    expect(en).toContain('ticket **#42**');
    expect(en).toContain('Expected reply: within 1 working day');
  });

  it('says why', () => {
    expect(composeHandoff(1, 'user_request', 'x', 'zh').startsWith('已按您的要求为您转接政府助才专员')).toBe(true);
    expect(composeHandoff(1, 'individual_negotiation', 'x', 'zh')).toContain('一人一议');
    expect(composeHandoff(1, 'own_case', 'x', 'en')).toContain('Your own case needs your records checked');
  });

  it('the waiting message names the open ticket', () => {
    expect(composeWaiting(7, '1 个工作日内', 'zh')).toBe('您的问题已由政府助才专员跟进（工单 **#7**），这条消息已补充到工单中，预计1 个工作日内回复，请留意。');
    expect(composeWaiting(7, 'soon', 'en')).toContain('ticket **#7**');
  });
});
