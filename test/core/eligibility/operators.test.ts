import { describe, expect, it } from 'vitest';
import { createEligibilityEngine } from '../../../src/core/eligibility/engine.js';
import { parseRules } from '../../../src/core/eligibility/rule-schema.js';
import type { Profile } from '../../../src/core/eligibility/types.js';
import { TODAY } from './fixture.js';

/** An engine over one synthetic rule with one condition, to test an operator on its own. */
function single(condition: Record<string, unknown>, amount: unknown = '1万元') {
  const rules = parseRules([{ id: 'r', benefit: '测试', key: 'qt25-1', triggers: ['测试'], conditions: [{ requirement: 'req', reason: 'why', ...condition }], amount, payment: 'p' }], 'inline');
  const engine = createEligibilityEngine(rules, { now: () => TODAY });
  return (profile: Profile) => engine.evaluate('r', profile).status;
}

describe('condition operators read any profile fact', () => {
  it.each([
    [{ fact: 'contractYears', op: 'eq', value: 3 }, { contractYears: 3 }, { contractYears: 4 }],
    [{ fact: 'category', op: 'neq', value: 'district' }, { category: 'E' }, { category: 'district' }],
    [{ fact: 'age', op: 'lt', value: 35 }, { age: 34 }, { age: 35 }],
    [{ fact: 'age', op: 'gt', value: 35 }, { age: 36 }, { age: 35 }],
    [{ fact: 'insuranceMonths', op: 'lte', value: 6 }, { insuranceMonths: 6 }, { insuranceMonths: 7 }],
    [{ fact: 'insuranceMonths', op: 'gte', value: 6 }, { insuranceMonths: 6 }, { insuranceMonths: 5 }],
    [{ fact: 'skill', op: 'in', value: ['technician'] }, { skill: 'technician' }, { skill: 'senior_technician' }],
    [{ fact: 'graduated', op: 'within_years_of_today', value: 2 }, { graduated: '2024-11' }, { graduated: '2024-10' }],
    [{ fact: 'arrived', op: 'since', value: '2025-03-01' }, { arrived: '2025-03' }, { arrived: '2025-02' }],
    [{ fact: 'arrived', op: 'lt', value: '2025-03' }, { arrived: '2025-02' }, { arrived: '2025-03' }],
    [{ fact: 'medical', op: 'eq', value: true }, { medical: true }, { medical: false }],
  ] as [Record<string, unknown>, Profile, Profile][])('%j', (condition, pass, fail) => {
    const run = single(condition);
    expect(run(pass)).toBe('eligible');
    expect(run(fail)).toBe('not_eligible');
    expect(run({})).toBe('missing');
  });

  it('"any" holds when one alternative holds, fails when all fail, asks while undecided', () => {
    const run = single({ any: [{ fact: 'degree', op: 'eq', value: 'phd' }, { fact: 'category', op: 'in', value: ['A', 'B'] }] });
    expect(run({ degree: 'phd' })).toBe('eligible');
    expect(run({ degree: 'master', category: 'A' })).toBe('eligible');
    expect(run({ degree: 'master', category: 'E' })).toBe('not_eligible');
    expect(run({ degree: 'master' })).toBe('missing');
  });

  it('"when" applies a condition only to the profiles it names', () => {
    const run = single({ fact: 'age', op: 'lte', value: 35, when: [{ fact: 'degree', op: 'eq', value: 'bachelor' }] });
    expect(run({ degree: 'master', age: 50 })).toBe('eligible');
    expect(run({ degree: 'bachelor', age: 50 })).toBe('not_eligible');
    expect(run({ age: 50 })).toBe('missing');
  });

  it('"ifKnown" checks a fact only once known and never asks for it', () => {
    const run = single({ fact: 'ownsHome', op: 'eq', value: false, ifKnown: true });
    expect(run({})).toBe('eligible');
    expect(run({ ownsHome: true })).toBe('not_eligible');
  });

  it('a value no amount table lists is not eligible, with the listed values as the requirement', () => {
    const rules = parseRules([{ id: 'r', benefit: '测试', key: 'qt25-1', triggers: ['t'], conditions: [], amount: { by: 'degree', table: { phd: '10万元' } }, payment: 'p' }], 'inline');
    const v = createEligibilityEngine(rules, { now: () => TODAY }).evaluate('r', { degree: 'master' });
    expect(v).toMatchObject({ status: 'not_eligible', requirement: '本条标准适用于：最高学历博士' });
  });
});
