import type { Fact, Profile, Verdict } from '../eligibility/types.js';
import type { EligibilityPort } from '../ports/eligibility-port.js';

/** What an eligibility turn leads to: a question for one fact, or verdicts. */
export type EligibilityOutcome =
  | { kind: 'ask'; ruleIds: string[]; benefit: string; fact: Fact }
  | { kind: 'verdicts'; verdicts: Verdict[] };

/** The rules a turn is about and how to evaluate them. */
export interface EligibilityPlan {
  /** Rules in play, most relevant first. */
  rules: { id: string; key: string; benefit: string }[];
  /** Evaluates the rules on a profile. */
  evaluate(profile: Profile): EligibilityOutcome;
}

const MAX_RULES = 3;

/**
 * Chooses the rules of a turn: those the question names, or — when the person is answering a question
 * the bot asked — the pending ones. Facts are asked one at a time, for the most relevant rule first;
 * rules already decided are reported even while another still lacks a fact.
 */
export function planEligibility(
  engine: EligibilityPort,
  turn: { text: string; stated: number; pending: string[] | undefined; profile: Profile },
): EligibilityPlan {
  let rules = engine.rulesFor(turn.text).slice(0, MAX_RULES);
  if (rules.length === 0 && turn.pending && turn.stated > 0) {
    rules = turn.pending.map((id) => {
      const v = engine.evaluate(id, turn.profile);
      return { id, key: v.key, benefit: v.benefit };
    });
  }
  return {
    rules,
    evaluate(profile) {
      const verdicts = rules.map((r) => engine.evaluate(r.id, profile));
      const decided = verdicts.filter((v) => v.status !== 'missing');
      const first = verdicts[0];
      if (first?.status === 'missing' && first.missing[0] !== undefined) {
        return { kind: 'ask', ruleIds: rules.map((r) => r.id), benefit: first.benefit, fact: first.missing[0] };
      }
      const stillMissing = verdicts.find((v): v is Extract<Verdict, { status: 'missing' }> => v.status === 'missing' && v.missing.length > 0);
      if (decided.length === 0 && stillMissing?.missing[0] !== undefined) {
        return { kind: 'ask', ruleIds: rules.map((r) => r.id), benefit: stillMissing.benefit, fact: stillMissing.missing[0] };
      }
      return { kind: 'verdicts', verdicts: decided };
    },
  };
}
