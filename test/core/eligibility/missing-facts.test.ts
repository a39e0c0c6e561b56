import { describe, expect, it } from 'vitest';
import type { Fact, Profile, Verdict } from '../../../src/core/eligibility/types.js';
import { engineAt } from './fixture.js';

const engine = engineAt();

function missing(ruleId: string, profile: Profile): Fact[] {
  const v: Verdict = engine.evaluate(ruleId, profile);
  if (v.status !== 'missing') throw new Error(`expected missing, got ${JSON.stringify(v)}`);
  return v.missing;
}

describe('missing facts', () => {
  it('an empty profile is asked for the living subsidy facts, most decisive first', () => {
    expect(missing('living-subsidy', {})).toEqual(['degree', 'fullTime', 'arrived', 'graduated', 'age', 'insuranceMonths']);
  });

  it('once the degree fails, nothing else is asked (not even the age)', () => {
    const v = engine.evaluate('living-subsidy', { degree: 'college' });
    expect(v.status).toBe('not_eligible');
    expect('missing' in v).toBe(false);
  });

  it('a known failing fact later in the list decides even while earlier facts are unknown', () => {
    expect(engine.evaluate('living-subsidy', { age: 40 })).toMatchObject({ status: 'not_eligible', reason: expect.stringContaining('35周岁') });
  });

  it('only the facts still needed are listed', () => {
    expect(missing('living-subsidy', { degree: 'master', fullTime: true, arrived: '2024-01', age: 29 })).toEqual(['graduated', 'insuranceMonths']);
  });

  it('落户 asks for the degree before any age, and never asks a PhD for an age', () => {
    expect(missing('hukou', {})).toEqual(['degree', 'fullTime', 'worksInDistrict']);
    expect(missing('hukou', { degree: 'phd' })).toEqual(['fullTime', 'worksInDistrict']);
    expect(missing('hukou', { degree: 'bachelor', fullTime: true })).toEqual(['age', 'worksInDistrict']);
  });

  it('a fact checked only when known (recognised) is never asked; the category is', () => {
    expect(missing('housing-settlement', {})).toEqual(['category', 'arrived', 'contractYears', 'ownsHome']);
  });

  it('人才公寓 asks for the degree before the category, and not for the category once the degree qualifies', () => {
    expect(missing('talent-apartment', {})).toEqual(['degree', 'category', 'ownsHome']);
    expect(missing('talent-apartment', { degree: 'phd' })).toEqual(['ownsHome']);
    expect(missing('talent-apartment', { degree: 'bachelor', ownsHome: false })).toEqual(['category']);
  });

  it('a missing verdict still says the facts it used', () => {
    const v = engine.evaluate('living-subsidy', { degree: 'phd', fullTime: true });
    expect(v.assumed).toEqual(['全日制博士']);
  });
});
