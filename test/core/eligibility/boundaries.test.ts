import { describe, expect, it } from 'vitest';
import type { Profile, Verdict } from '../../../src/core/eligibility/types.js';
import { AppError } from '../../../src/core/errors.js';
import { engineAt } from './fixture.js';

const engine = engineAt();

/** A newly introduced full-time master who meets every condition of the living subsidy (qt25-5). */
const youngMaster: Profile = {
  age: 30,
  degree: 'master',
  fullTime: true,
  graduated: '2024-06',
  arrived: '2025-03',
  insuranceMonths: 8,
  ownsHome: false,
  inTalentApartment: false,
  worksInDistrict: true,
};

function failed(v: Verdict): { reason: string; requirement: string } {
  if (v.status !== 'not_eligible') throw new Error(`expected not_eligible, got ${JSON.stringify(v)}`);
  return { reason: v.reason, requirement: v.requirement };
}

describe('落户 qt25-22: 以下 includes the number (民法典第1259条)', () => {
  const bachelor: Profile = { degree: 'bachelor', fullTime: true, worksInDistrict: true };

  it('a full-time bachelor aged exactly 35 may settle', () => {
    expect(engine.evaluate('hukou', { ...bachelor, age: 35 })).toMatchObject({ status: 'eligible', key: 'qt25-22' });
  });

  it('a full-time bachelor aged 36 may not, and the requirement says 35 itself is included', () => {
    const f = failed(engine.evaluate('hukou', { ...bachelor, age: 36 }));
    expect(f.reason).toContain('35周岁');
    expect(f.requirement).toContain('含35周岁');
  });

  it('a master: 45 yes, 46 no', () => {
    const master: Profile = { ...bachelor, degree: 'master' };
    expect(engine.evaluate('hukou', { ...master, age: 45 }).status).toBe('eligible');
    expect(failed(engine.evaluate('hukou', { ...master, age: 46 })).reason).toContain('45周岁');
  });

  it('a PhD has no age limit', () => {
    expect(engine.evaluate('hukou', { ...bachelor, degree: 'phd', age: 62 }).status).toBe('eligible');
  });

  it('a non-full-time degree does not qualify, at any level', () => {
    for (const degree of ['bachelor', 'master', 'phd'] as const) {
      expect(failed(engine.evaluate('hukou', { ...bachelor, degree, fullTime: false, age: 30 })).reason).toContain('非全日制');
    }
  });

  it('a college diploma does not qualify', () => {
    expect(failed(engine.evaluate('hukou', { ...bachelor, degree: 'college', age: 25 })).requirement).toContain('本科');
  });
});

describe('青年大学生生活补贴 qt25-5 boundaries (today 2026-11-27)', () => {
  it('qualifies with every condition met', () => {
    expect(engine.evaluate('living-subsidy', youngMaster)).toMatchObject({ status: 'eligible', amount: '3万元', key: 'qt25-5' });
  });

  it('graduated exactly five years ago (2021-11) is still 毕业5年内', () => {
    expect(engine.evaluate('living-subsidy', { ...youngMaster, graduated: '2021-11' }).status).toBe('eligible');
  });

  it('five years and one month (2021-10) is too long ago', () => {
    const f = failed(engine.evaluate('living-subsidy', { ...youngMaster, graduated: '2021-10' }));
    expect(f).toEqual({ reason: '毕业已超过5年', requirement: expect.stringContaining('毕业5年内') });
  });

  it('a failed check carries the amount of the person case when the facts select it, and none when they do not', () => {
    expect(engine.evaluate('living-subsidy', { ...youngMaster, degree: 'phd', graduated: '2021-10' })).toMatchObject({ status: 'not_eligible', amount: '10万元' });
    const { degree: _, ...noDegree } = youngMaster;
    expect(engine.evaluate('living-subsidy', { ...noDegree, graduated: '2021-10' })).not.toHaveProperty('amount');
  });

  it('six months of social insurance is enough, five is not', () => {
    expect(engine.evaluate('living-subsidy', { ...youngMaster, insuranceMonths: 6 }).status).toBe('eligible');
    expect(failed(engine.evaluate('living-subsidy', { ...youngMaster, insuranceMonths: 5 })).reason).toContain('未满6个月');
  });

  it('first work in the district in October 2022 is newly introduced; September 2022 is not', () => {
    expect(engine.evaluate('living-subsidy', { ...youngMaster, graduated: '2022-06', arrived: '2022-10' }).status).toBe('eligible');
    const f = failed(engine.evaluate('living-subsidy', { ...youngMaster, graduated: '2022-06', arrived: '2022-09' }));
    expect(f.reason).toContain('不属于新引进');
    expect(f.requirement).toContain('2022年10月1日以后');
  });

  it('35 is still 青年大学生, 36 is not', () => {
    expect(engine.evaluate('living-subsidy', { ...youngMaster, age: 35 }).status).toBe('eligible');
    expect(failed(engine.evaluate('living-subsidy', { ...youngMaster, age: 36 })).reason).toContain('35周岁');
  });

  it('a non-full-time master is not a 青年大学生', () => {
    expect(failed(engine.evaluate('living-subsidy', { ...youngMaster, fullTime: false })).reason).toContain('非全日制');
  });

  it('a verdict says which facts it used, in words', () => {
    const v = engine.evaluate('living-subsidy', youngMaster);
    expect(v.assumed).toEqual(['全日制硕士', '2025年3月起首次在区内就业参保', '2024年6月毕业', '30周岁', '区内社保已缴8个月']);
  });

  it('reads today in China time: at 01:00 on 1 December in Hangzhou, December 2021 is within five years', () => {
    const december = engineAt(new Date('2026-11-30T17:00:00Z'));
    expect(december.evaluate('living-subsidy', { ...youngMaster, graduated: '2021-12' }).status).toBe('eligible');
    expect(engine.evaluate('living-subsidy', { ...youngMaster, graduated: '2021-12' }).status).toBe('eligible');
    expect(december.evaluate('living-subsidy', { ...youngMaster, graduated: '2021-11' }).status).toBe('not_eligible');
  });
});

describe('租房补贴 qt25-6', () => {
  it('is excluded while living in a talent apartment', () => {
    const f = failed(engine.evaluate('rent-subsidy', { ...youngMaster, inTalentApartment: true }));
    expect(f.reason).toContain('人才公寓');
  });

  it('is excluded when the person or spouse owns a home in Hangzhou', () => {
    expect(failed(engine.evaluate('rent-subsidy', { ...youngMaster, ownsHome: true })).reason).toContain('自有住房');
  });

  it('needs newly introduced full-time graduates under the age line', () => {
    expect(engine.evaluate('rent-subsidy', youngMaster).status).toBe('eligible');
    expect(engine.evaluate('rent-subsidy', { ...youngMaster, arrived: '2021-05' }).status).toBe('not_eligible');
    expect(engine.evaluate('rent-subsidy', { ...youngMaster, fullTime: false }).status).toBe('not_eligible');
    expect(engine.evaluate('rent-subsidy', { ...youngMaster, age: 36 }).status).toBe('not_eligible');
  });
});

describe('高层次人才安家补贴 qt25-4', () => {
  const talent: Profile = { category: 'E', arrived: '2024-02', contractYears: 3, ownsHome: false };

  it('a contract of exactly 3 years is 3年以上; 2 is not', () => {
    expect(engine.evaluate('housing-settlement', talent).status).toBe('eligible');
    expect(failed(engine.evaluate('housing-settlement', { ...talent, contractYears: 2 })).reason).toContain('不足3年');
  });

  it('says how it is paid: over five years, the rest at once on buying a first home in the district', () => {
    const v = engine.evaluate('housing-settlement', talent);
    expect(v.status === 'eligible' && v.payment).toMatch(/分5年发放.*首套住房.*一次性发放剩余部分/u);
  });

  it('a person who said they hold no recognition is not eligible, without being asked the category', () => {
    const v = engine.evaluate('housing-settlement', { recognised: false });
    expect(v.status).toBe('not_eligible');
  });

  it('a home owned in Hangzhou rules it out', () => {
    expect(engine.evaluate('housing-settlement', { ...talent, ownsHome: true }).status).toBe('not_eligible');
  });
});

describe('engine contract', () => {
  it('throws AppError rule_unknown for an unknown rule id', () => {
    expect(() => engine.evaluate('no-such-rule', {})).toThrow(AppError);
    try {
      engine.evaluate('no-such-rule', {});
    } catch (err) {
      expect(AppError.isInstance(err) && err.code).toBe('rule_unknown');
    }
  });

  it('evaluateAll returns one verdict per rule, or per requested id in that order', () => {
    expect(engine.evaluateAll(youngMaster).map((v) => v.ruleId)).toEqual(engine.rules.map((r) => r.id));
    expect(engine.evaluateAll(youngMaster, ['hukou', 'living-subsidy']).map((v) => v.ruleId)).toEqual(['hukou', 'living-subsidy']);
  });

  it('notes carry the conditions the bot cannot check', () => {
    const v = engine.evaluate('rent-subsidy', youngMaster);
    expect(v.status === 'eligible' && v.notes).toContain('入住人才公寓期间不享受租房补贴');
  });
});
