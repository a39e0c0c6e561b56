import { describe, expect, it } from 'vitest';
import type { Profile, Verdict } from '../../../src/core/eligibility/types.js';
import { engineAt } from './fixture.js';

const engine = engineAt();

function amountOf(v: Verdict): string {
  if (v.status !== 'eligible') throw new Error(`expected eligible, got ${JSON.stringify(v)}`);
  return v.amount;
}

const graduate: Profile = {
  age: 27,
  fullTime: true,
  graduated: '2024-06',
  arrived: '2024-09',
  insuranceMonths: 12,
  ownsHome: false,
  inTalentApartment: false,
};

describe('amount tables', () => {
  it.each([
    ['bachelor', '1万元'],
    ['master', '3万元'],
    ['phd', '10万元'],
  ] as const)('生活补贴 qt25-5 for a %s: %s', (degree, amount) => {
    expect(amountOf(engine.evaluate('living-subsidy', { ...graduate, degree }))).toBe(amount);
  });

  it.each([
    ['bachelor', '每年1万元，最长3年'],
    ['master', '每年2万元，最长3年'],
    ['phd', '每年3万元，最长3年'],
  ] as const)('租房补贴 qt25-6 for a %s: %s', (degree, amount) => {
    expect(amountOf(engine.evaluate('rent-subsidy', { ...graduate, degree }))).toBe(amount);
  });

  it.each([
    ['A', '800万元'],
    ['B', '400万元'],
    ['C', '300万元'],
    ['D', '200万元'],
    ['E', '100万元'],
    ['district', '50万元'],
  ] as const)('安家补贴 qt25-4 for category %s: %s', (category, amount) => {
    expect(amountOf(engine.evaluate('housing-settlement', { category, arrived: '2023-01', contractYears: 5, ownsHome: false }))).toBe(amount);
  });

  describe('人才公寓 qt25-7', () => {
    it('E类 or above pays 50% whatever the degree', () => {
      expect(amountOf(engine.evaluate('talent-apartment', { category: 'E', degree: 'bachelor', ownsHome: false }))).toContain('50%');
      expect(amountOf(engine.evaluate('talent-apartment', { category: 'A', ownsHome: false }))).toContain('50%');
    });

    it('a PhD pays 50%, a master 70%', () => {
      expect(amountOf(engine.evaluate('talent-apartment', { degree: 'phd', ownsHome: false }))).toContain('50%');
      expect(amountOf(engine.evaluate('talent-apartment', { degree: 'master', category: 'district', ownsHome: false }))).toContain('70%');
    });

    it('a master whose category is unknown gets 70%, with the better E类 standard said as a note', () => {
      const v = engine.evaluate('talent-apartment', { degree: 'master', ownsHome: false });
      expect(amountOf(v)).toContain('70%');
      expect(v.status === 'eligible' && v.notes.join('\n')).toMatch(/E类人才.*50%/u);
    });

    it('a district-level talent with a bachelor degree does not qualify', () => {
      expect(engine.evaluate('talent-apartment', { degree: 'bachelor', category: 'district', ownsHome: false }).status).toBe('not_eligible');
    });
  });

  it.each([
    ['senior_technician', '5万元'],
    ['technician', '3万元'],
  ] as const)('高技能人才 qt25-14 for a %s: %s', (skill, amount) => {
    expect(amountOf(engine.evaluate('skilled-worker', { skill, arrived: '2025-04' }))).toBe(amount);
  });

  it.each([
    ['senior', '50万元'],
    ['deputy_senior', '20万元'],
  ] as const)('卫生人才 qt25-16 for a %s title: %s', (title, amount) => {
    expect(amountOf(engine.evaluate('health-talent', { title, medical: true, arrived: '2025-04' }))).toBe(amount);
  });

  it('特级教师 qt25-15: 50万元', () => {
    expect(amountOf(engine.evaluate('education-teacher', { title: 'special_teacher', arrived: '2023-08' }))).toBe('50万元');
  });

  it('博士后 qt25-13: 10万元 a year for up to 2 years in station, 40万元 on staying with a 3-year contract', () => {
    expect(amountOf(engine.evaluate('postdoc-living', { postdoc: true }))).toBe('每人每年10万元，最长2年');
    expect(amountOf(engine.evaluate('postdoc-stay', { postdocCompleted: true, contractYears: 3 }))).toBe('40万元');
    expect(engine.evaluate('postdoc-stay', { postdocCompleted: true, contractYears: 2 }).status).toBe('not_eligible');
  });

  it('举才官 qt25-8: a procedure leading to district-level recognition, with its limits as notes', () => {
    const v = engine.evaluate('scout-recommendation', { recommendedByScout: true });
    expect(amountOf(v)).toContain('区级高层次人才');
    expect(v.status === 'eligible' && v.notes.join('\n')).toContain('须经区委人才办审核');
  });

  it('a newly introduced requirement holds for skilled workers, health and education talents too', () => {
    for (const [id, profile] of [
      ['skilled-worker', { skill: 'technician' }],
      ['health-talent', { title: 'senior', medical: true }],
      ['education-teacher', { title: 'special_teacher' }],
    ] as const) {
      expect(engine.evaluate(id, { ...profile, arrived: '2020-01' }).status).toBe('not_eligible');
    }
  });
});
