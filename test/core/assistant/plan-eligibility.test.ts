import { describe, expect, it } from 'vitest';
import { planEligibility } from '../../../src/core/assistant/plan-eligibility.js';
import type { Fact, Profile, Verdict } from '../../../src/core/eligibility/types.js';
import type { EligibilityPort } from '../../../src/core/ports/eligibility-port.js';

/** A rule of the fake: triggers, and the facts it needs in order; eligible when all are known and `ok` says so. */
interface FakeRule {
  id: string;
  key: string;
  benefit: string;
  triggers: string[];
  needs: Fact[];
  ok?: (p: Profile) => boolean;
  amount: string;
}

const RULES: FakeRule[] = [
  { id: 'living', key: 'qt25-5', benefit: '青年大学生生活补贴', triggers: ['生活补贴', '待遇'], needs: ['degree', 'age'], ok: (p) => (p.age ?? 99) <= 35, amount: '3万元' },
  { id: 'rent', key: 'qt25-6', benefit: '租房补贴', triggers: ['租房补贴', '待遇'], needs: ['degree', 'ownsHome'], ok: (p) => p.ownsHome === false, amount: '每年2万元' },
  { id: 'hukou', key: 'qt25-22', benefit: '人才落户', triggers: ['落户', '待遇'], needs: ['degree'], amount: '可直接落户' },
  { id: 'apartment', key: 'qt25-7', benefit: '人才公寓', triggers: ['人才公寓', '待遇'], needs: ['ownsHome'], amount: '租金50%' },
];

/** A fake engine that records what it was asked. */
function fakeEngine(rules: FakeRule[] = RULES): EligibilityPort & { evaluated: string[]; asked: string[] } {
  const evaluated: string[] = [];
  const asked: string[] = [];
  return {
    evaluated,
    asked,
    rulesFor(question) {
      asked.push(question);
      return rules.filter((r) => r.triggers.some((t) => question.includes(t))).map(({ id, key, benefit }) => ({ id, key, benefit }));
    },
    evaluate(ruleId, profile): Verdict {
      evaluated.push(ruleId);
      const r = rules.find((x) => x.id === ruleId);
      if (!r) throw new Error(`unknown rule ${ruleId}`);
      const head = { ruleId: r.id, benefit: r.benefit, key: r.key, assumed: [] };
      const missing = r.needs.filter((f) => profile[f] === undefined);
      if (missing.length > 0) return { status: 'missing', ...head, missing };
      if (r.ok && !r.ok(profile)) return { status: 'not_eligible', ...head, reason: '不符合', requirement: '要求' };
      return { status: 'eligible', ...head, amount: r.amount, payment: '一次性发放', notes: [] };
    },
    questionFor(fact, lang) {
      return lang === 'en' ? `What is your ${fact}?` : `请问您的${fact}？`;
    },
  };
}

describe('planEligibility', () => {
  it('takes the rules the question names, at most three, most relevant first', () => {
    const engine = fakeEngine();
    const plan = planEligibility(engine, { text: '有哪些待遇', stated: 0, pending: undefined, profile: {} });
    expect(plan.rules.map((r) => r.id)).toEqual(['living', 'rent', 'hukou']);
    expect(plan.rules[1]).toEqual({ id: 'rent', key: 'qt25-6', benefit: '租房补贴' });
  });

  it('names no rules for a question about none', () => {
    const plan = planEligibility(fakeEngine(), { text: '人才卡怎么办', stated: 0, pending: undefined, profile: {} });
    expect(plan.rules).toEqual([]);
    expect(plan.evaluate({})).toEqual({ kind: 'verdicts', verdicts: [] });
  });

  it('asks the first missing fact of the most relevant rule, with every rule id as pending', () => {
    const plan = planEligibility(fakeEngine(), { text: '我能领生活补贴和租房补贴吗', stated: 0, pending: undefined, profile: {} });
    expect(plan.rules.map((r) => r.id)).toEqual(['living', 'rent']);
    expect(plan.evaluate({})).toEqual({ kind: 'ask', ruleIds: plan.rules.map((r) => r.id), benefit: '青年大学生生活补贴', fact: 'degree' });
    expect(plan.evaluate({ degree: 'master' })).toEqual({ kind: 'ask', ruleIds: plan.rules.map((r) => r.id), benefit: '青年大学生生活补贴', fact: 'age' });
  });

  it('asks for the most relevant rule even when a later one is already decided', () => {
    // hukou needs only the degree, living still needs the age: the question is about living first.
    const engine = fakeEngine();
    const plan = planEligibility(engine, { text: '生活补贴 落户', stated: 1, pending: undefined, profile: { degree: 'master' } });
    expect(plan.rules.map((r) => r.id)).toEqual(['living', 'hukou']);
    expect(plan.evaluate({ degree: 'master' })).toMatchObject({ kind: 'ask', benefit: '青年大学生生活补贴', fact: 'age' });
  });

  it('returns the decided verdicts once the most relevant rule is decided, even while another lacks a fact', () => {
    const plan = planEligibility(fakeEngine(), { text: '生活补贴 租房补贴', stated: 2, pending: undefined, profile: {} });
    expect(plan.rules.map((r) => r.id)).toEqual(['living', 'rent']);
    const outcome = plan.evaluate({ degree: 'master', age: 28 });
    expect(outcome.kind).toBe('verdicts');
    if (outcome.kind !== 'verdicts') return;
    expect(outcome.verdicts).toHaveLength(1);
    expect(outcome.verdicts[0]).toMatchObject({ status: 'eligible', ruleId: 'living', key: 'qt25-5', amount: '3万元' });
  });

  it('returns eligible and not-eligible verdicts together, in rule order', () => {
    const plan = planEligibility(fakeEngine(), { text: '生活补贴 租房补贴', stated: 3, pending: undefined, profile: {} });
    const outcome = plan.evaluate({ degree: 'master', age: 40, ownsHome: false });
    expect(outcome).toMatchObject({
      kind: 'verdicts',
      verdicts: [
        { status: 'not_eligible', ruleId: 'living', key: 'qt25-5' },
        { status: 'eligible', ruleId: 'rent', key: 'qt25-6', amount: '每年2万元' },
      ],
    });
  });

  describe('a person answering the question the bot asked', () => {
    it('uses the pending rules when the answer states facts and names no benefit', () => {
      const engine = fakeEngine();
      const plan = planEligibility(engine, { text: '全日制硕士', stated: 1, pending: ['living', 'rent'], profile: { degree: 'master' } });
      expect(plan.rules).toEqual([
        { id: 'living', key: 'qt25-5', benefit: '青年大学生生活补贴' },
        { id: 'rent', key: 'qt25-6', benefit: '租房补贴' },
      ]);
      expect(plan.evaluate({ degree: 'master' })).toEqual({ kind: 'ask', ruleIds: ['living', 'rent'], benefit: '青年大学生生活补贴', fact: 'age' });
      expect(plan.evaluate({ degree: 'master', age: 30 })).toMatchObject({ kind: 'verdicts', verdicts: [{ status: 'eligible', ruleId: 'living' }] });
    });

    it('ignores the pending rules when the message states no facts', () => {
      const plan = planEligibility(fakeEngine(), { text: '好的', stated: 0, pending: ['living'], profile: { degree: 'master' } });
      expect(plan.rules).toEqual([]);
    });

    it('a question naming a benefit replaces the pending rules', () => {
      const plan = planEligibility(fakeEngine(), { text: '那落户呢', stated: 1, pending: ['living'], profile: { degree: 'master' } });
      expect(plan.rules.map((r) => r.id)).toEqual(['hukou']);
    });
  });

  it('evaluates on the profile it is given, not the one of the turn', () => {
    const plan = planEligibility(fakeEngine(), { text: '落户', stated: 0, pending: undefined, profile: {} });
    expect(plan.evaluate({})).toMatchObject({ kind: 'ask', fact: 'degree' });
    expect(plan.evaluate({ degree: 'phd' })).toMatchObject({ kind: 'verdicts', verdicts: [{ status: 'eligible', amount: '可直接落户' }] });
  });
});
