import { describe, expect, it } from 'vitest';
import { engineAt } from './fixture.js';

const engine = engineAt();

describe('an undecided verdict carries what a conditional answer needs', () => {
  it('the open conditions in rule order, the amount for the known case and every case', () => {
    const v = engine.evaluate('living-subsidy', { degree: 'master', fullTime: true });
    expect(v.status).toBe('missing');
    if (v.status !== 'missing') return;
    expect(v.missing[0]).toBe('arrived');
    expect(v.open).toEqual(['新引进，即2022年10月1日以后首次在区内就业并缴纳社会保险', '毕业5年内（含满5年的当月）', '35周岁以下（含35周岁）', '在区内缴纳社会保险满6个月']);
    expect(v.openEn?.[2]).toBe('aged 35 or under');
    expect(v.amount).toBe('3万元');
    expect(v.amounts).toEqual([{ label: '本科', amount: '1万元' }, { label: '硕士', amount: '3万元' }, { label: '博士', amount: '10万元' }]);
    expect(v.benefitEn).toBe('young graduate living allowance');
  });

  it('no amount for the case while the fact that selects it is unknown', () => {
    const v = engine.evaluate('housing-settlement', {});
    expect(v.status).toBe('missing');
    expect(v).not.toHaveProperty('amount');
  });

  it('a failing condition decides though others are unknown', () => {
    const v = engine.evaluate('living-subsidy', { degree: 'college' });
    expect(v).toMatchObject({ status: 'not_eligible', reason: '学历为大专，不属于本科及以上的青年大学生' });
  });
});

describe('filing windows', () => {
  it('认定后1年内: recognised 2025-03, today 2026-11 — passed in 2026-03', () => {
    const v = engine.evaluate('housing-settlement', { category: 'D', recognised: true, recognisedAt: '2025-03' });
    expect(v.status === 'missing' && v.deadlines).toEqual([{ text: '认定后1年内首次申请', textEn: 'first application within 1 year of recognition', key: 'g04', from: '2025-03', due: '2026-03', passed: true }]);
  });

  it('the window\'s last month itself is not yet passed (the day is unknown)', () => {
    const v = engine.evaluate('housing-settlement', { category: 'D', recognised: true, recognisedAt: '2025-11' });
    expect(v.status === 'missing' && v.deadlines?.[0]?.passed).toBe(false);
  });

  it('进站后3个月内: on an eligible verdict, with its end', () => {
    const v = engine.evaluate('postdoc-living', { postdoc: true, postdocSince: '2026-10' });
    expect(v).toMatchObject({ status: 'eligible', deadlines: [{ text: '进站后3个月内申报', key: 'g10', due: '2027-01', passed: false }] });
  });

  it('follows the clock: the same facts a year later are past the window', () => {
    const later = engineAt(new Date('2027-06-01T10:00:00+08:00')).evaluate('postdoc-living', { postdoc: true, postdocSince: '2026-10' });
    expect(later).toMatchObject({ status: 'eligible', deadlines: [{ passed: true }] });
  });
});

describe('questionFor with the known facts', () => {
  it('the degree question leaves out 全日制 once that is known', () => {
    expect(engine.questionFor('degree', 'zh')).toBe('请问您的最高学历是？是否为全日制？');
    expect(engine.questionFor('degree', 'zh', { fullTime: true })).toBe('请问您的最高学历是（本科、硕士、博士或大专）？');
    expect(engine.questionFor('degree', 'en', { fullTime: false })).not.toMatch(/full-time/u);
  });
});
