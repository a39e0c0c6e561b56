import { describe, expect, it } from 'vitest';
import { amountWorth, applyHighestOnly } from '../../../src/core/eligibility/highest-only.js';
import type { Profile } from '../../../src/core/eligibility/types.js';
import { engineAt, rules } from './fixture.js';

const engine = engineAt();
const OVERLAP_IDS = ['housing-settlement', 'education-teacher', 'health-talent', 'living-subsidy'];
const base: Profile = { arrived: '2024-03', contractYears: 5, ownsHome: false, medical: true };

describe('applyHighestOnly (就高不重复, qt25-25)', () => {
  it('keeps the higher 安家补贴 and marks the lower one, citing qt25-25', () => {
    const marked = applyHighestOnly(engine.evaluateAll({ ...base, category: 'E', title: 'senior' }, OVERLAP_IDS), rules);
    const settlement = marked.find((v) => v.ruleId === 'housing-settlement');
    const health = marked.find((v) => v.ruleId === 'health-talent');
    expect(settlement?.overlap).toEqual({ group: '安家补贴', key: 'qt25-25', kept: true, keptRuleId: 'housing-settlement', others: ['health-talent'] });
    expect(health?.overlap).toMatchObject({ kept: false, keptRuleId: 'housing-settlement', key: 'qt25-25' });
    expect(health?.status === 'eligible' && health.notes.at(-1)).toMatch(/就高不重复.*qt25-25.*100万元/u);
  });

  it('the health subsidy wins over a lower category subsidy', () => {
    const marked = applyHighestOnly(engine.evaluateAll({ ...base, category: 'district', title: 'senior' }, OVERLAP_IDS), rules);
    // 50万元 each: a tie keeps the first in rule order.
    expect(marked.find((v) => v.overlap?.kept)?.ruleId).toBe('housing-settlement');
    const deputy = applyHighestOnly(engine.evaluateAll({ ...base, category: 'district', title: 'deputy_senior' }, OVERLAP_IDS), rules);
    expect(deputy.find((v) => v.ruleId === 'health-talent')?.overlap?.kept).toBe(false);
  });

  it('returns all verdicts, in order, and leaves benefits of other classes and ineligible ones unmarked', () => {
    const verdicts = engine.evaluateAll({ ...base, category: 'E', title: 'senior' }, OVERLAP_IDS);
    const marked = applyHighestOnly(verdicts, rules);
    expect(marked.map((v) => v.ruleId)).toEqual(OVERLAP_IDS);
    expect(marked.find((v) => v.ruleId === 'education-teacher')?.overlap).toBeUndefined();
    expect(marked.find((v) => v.ruleId === 'living-subsidy')?.overlap).toBeUndefined();
    expect(verdicts.find((v) => v.ruleId === 'health-talent')).not.toHaveProperty('overlap');
  });

  it('a single benefit of a class is not marked', () => {
    const marked = applyHighestOnly(engine.evaluateAll({ ...base, category: 'E' }, OVERLAP_IDS), rules);
    expect(marked.every((v) => v.overlap === undefined)).toBe(true);
  });
});

describe('amountWorth', () => {
  it('reads money amounts in 万元, multiplying yearly amounts by their maximum years', () => {
    expect(amountWorth('800万元')).toBe(800);
    expect(amountWorth('每年2万元，最长3年')).toBe(6);
    expect(amountWorth('1亿元')).toBe(10_000);
    expect(amountWorth('前3年租金按市场价的50%收取')).toBeUndefined();
  });
});
