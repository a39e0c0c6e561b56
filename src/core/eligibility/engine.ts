import { AppError } from '../errors.js';
import { resolveAmount } from './amount.js';
import { amountCases } from './amount-cases.js';
import { evaluateCondition } from './conditions.js';
import { chinaDay, formatMonth, monthsBefore, monthsBetween, parseMonth, type YearMonth } from './dates.js';
import { describeFacts, FACTS, type FactInfo } from './facts.js';
import type { Rule } from './rule.js';
import { applyHighestOnly, type MarkedVerdict } from './highest-only.js';
import { namedApart } from './sibling-rules.js';
import { compileTriggers } from './triggers.js';
import type { DeadlineStatus, Fact, Profile, Verdict } from './types.js';

/** Decides eligibility for the benefits its rules describe. */
export interface EligibilityEngine {
  /** All rules, in the order they were given. */
  readonly rules: readonly Rule[];
  /** The verdict of one rule for a profile; throws AppError('rule_unknown') for an unknown id. */
  evaluate(ruleId: string, profile: Profile): Verdict;
  /** Verdicts of all rules (or of the given ids, in that order). */
  evaluateAll(profile: Profile, ruleIds?: readonly string[]): Verdict[];
  /** Rules whose triggers the question contains, most specific match first. */
  rulesFor(question: string): Rule[];
  /** One short polite question asking for a fact; with the known facts, it leaves out what is known. */
  questionFor(fact: Fact, lang: 'zh' | 'en', known?: Profile): string;
  /** Every rule's id, key and benefit (with its English name, where the rule gives one). */
  allRules(): { id: string; key: string; benefit: string; benefitEn?: string }[];
  /** Applies 就高不重复 over verdicts of these rules. */
  highestOnly(verdicts: Verdict[]): MarkedVerdict[];
  /** True when the profile meets the rule's first condition (whom the benefit is for) and fails none. */
  identifies(ruleId: string, profile: Profile): boolean;
}

/** Builds an engine over validated rules; `clock` says what today is (tests fix it). */
export function createEligibilityEngine(rules: readonly Rule[], clock: { now(): Date }): EligibilityEngine {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    if (byId.has(rule.id)) throw new AppError('rules_invalid', `Duplicate rule id "${rule.id}"`);
    byId.set(rule.id, rule);
  }
  // Triggers are prepared here, when the rules load, not on each question.
  const triggers = compileTriggers(rules);

  function evaluate(ruleId: string, profile: Profile): Verdict {
    const rule = byId.get(ruleId);
    if (!rule) throw new AppError('rule_unknown', `Unknown eligibility rule "${ruleId}"`);
    return evaluateRule(rule, profile, clock.now());
  }

  return {
    rules: [...rules],
    evaluate,
    evaluateAll: (profile, ruleIds) => (ruleIds ?? rules.map((r) => r.id)).map((id) => evaluate(id, profile)),
    rulesFor: (question) => namedApart(question, triggers.match(question)),
    questionFor: (fact, lang, known) => {
      const info = FACTS[fact] as FactInfo;
      return info.alsoAsks && known?.[info.alsoAsks.fact] !== undefined ? info.alsoAsks.ask[lang] : info.ask[lang];
    },
    allRules: () => rules.map((r) => ({ id: r.id, key: r.key, benefit: r.benefit, ...(r.benefitEn ? { benefitEn: r.benefitEn } : {}) })),
    highestOnly: (verdicts) => applyHighestOnly(verdicts, rules),
    identifies: (ruleId, profile) => {
      const rule = byId.get(ruleId);
      if (!rule || evaluate(ruleId, profile).status === 'not_eligible') return false;
      // The first condition that is always asked names whom the benefit is for (特级教师, 博士后, 副高).
      const first = rule.conditions.find((c) => !c.ifKnown);
      const { year, month } = chinaDay(clock.now());
      return first !== undefined && evaluateCondition(first, profile, { year, month }).state === 'pass';
    },
  };
}

/**
 * Evaluates one rule. Any failed condition decides (the first in rule order is reported), so a fact
 * is asked only while nothing known already rules the person out; missing facts keep the rule's
 * condition order, which rule authors write most decisive first.
 */
export function evaluateRule(rule: Rule, profile: Profile, now: Date): Verdict {
  const { year, month } = chinaDay(now);
  const today = { year, month };
  const head = { ruleId: rule.id, benefit: rule.benefit, key: rule.key, ...(rule.benefitEn ? { benefitEn: rule.benefitEn } : {}) };
  // A text amount carries its English from the rule; tables and shares are put into English from their figures.
  const english = (amount: string): { amountEn?: string } => (typeof rule.amount === 'string' && amount === rule.amount && rule.amountEn ? { amountEn: rule.amountEn } : {});
  const read: Fact[] = [];
  const needs: Fact[] = [];
  const open: string[] = [];
  const openEn: string[] = [];
  for (const condition of rule.conditions) {
    const result = evaluateCondition(condition, profile, today);
    read.push(...result.read);
    if (result.state === 'fail') {
      const en = condition.reasonEn && condition.requirementEn ? { reasonEn: condition.reasonEn, requirementEn: condition.requirementEn } : {};
      const own = resolveAmount(rule.amount, profile);
      return { status: 'not_eligible', ...head, reason: condition.reason, requirement: condition.requirement, ...en, assumed: words(read, profile), ...(own.state === 'ok' ? { amount: own.amount, ...english(own.amount) } : {}) };
    }
    if (result.state === 'unknown') {
      needs.push(...result.needs);
      if (!open.includes(condition.requirement)) {
        open.push(condition.requirement);
        openEn.push(condition.requirementEn ?? condition.requirement);
      }
    }
  }
  const deadlines = deadlinesOf(rule, profile, today);
  const amount = resolveAmount(rule.amount, profile);
  if (amount.state === 'unknown') needs.push(...amount.needs);
  if (needs.length === 0 && amount.state === 'ok') {
    return {
      status: 'eligible',
      ...head,
      amount: amount.amount,
      ...english(amount.amount),
      payment: rule.payment,
      assumed: words([...read, ...amount.read], profile),
      notes: [...rule.notes, ...amount.alternatives],
      ...(deadlines.length > 0 ? { deadlines } : {}),
    };
  }
  if (needs.length === 0 && amount.state === 'unlisted') {
    // Every condition held but no table lists the value: the rule grants nothing at this level.
    const info = FACTS[amount.fact] as FactInfo;
    return {
      status: 'not_eligible',
      ...head,
      reason: `${info.describe(profile[amount.fact])}不在本条所列标准之内`,
      requirement: `本条标准适用于：${amount.listed.map((k) => info.describe(k)).join('、')}`,
      assumed: words([...read, amount.fact], profile),
    };
  }
  return {
    status: 'missing',
    ...head,
    missing: [...new Set(needs)],
    assumed: words(read, profile),
    open,
    openEn,
    ...(amount.state === 'ok' ? { amount: amount.amount, ...english(amount.amount) } : {}),
    amounts: amountCases(rule.amount).map((c) => ({ ...c, ...english(c.amount) })),
    payment: rule.payment,
    ...(deadlines.length > 0 ? { deadlines } : {}),
  };
}

/** The filing windows whose start the profile gives, with their last month and whether it is past. */
function deadlinesOf(rule: Rule, profile: Profile, today: YearMonth): DeadlineStatus[] {
  return (rule.deadlines ?? []).flatMap((d) => {
    const from = parseMonth(profile[d.after]);
    if (!from) return [];
    const due = monthsBefore(from, -d.months);
    return [{ text: d.text, ...(d.textEn ? { textEn: d.textEn } : {}), key: d.key, from: formatMonth(from), due: formatMonth(due), passed: monthsBetween(due, today) > 0 }];
  });
}

function words(facts: readonly Fact[], profile: Profile): string[] {
  return describeFacts([...new Set(facts)], profile);
}
