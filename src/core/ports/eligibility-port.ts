import type { MarkedVerdict } from '../eligibility/highest-only.js';
import type { Fact, Profile, Verdict } from '../eligibility/types.js';
import type { Lang } from '../types.js';

/** The eligibility engine as the assistant uses it. */
export interface EligibilityPort {
  /** Rules whose benefit the question names. */
  rulesFor(question: string): { id: string; key: string; benefit: string }[];
  /** The verdict of one rule for a profile. */
  evaluate(ruleId: string, profile: Profile): Verdict;
  /** A short question asking for one fact; given the known facts, it does not ask again what they say. */
  questionFor(fact: Fact, lang: Lang, known?: Profile): string;
  /** Every rule, for "what can I get" questions that name no benefit (optional: none listed without it). */
  allRules?(): { id: string; key: string; benefit: string; benefitEn?: string }[];
  /** Marks verdicts of one 就高不重复 class (optional: verdicts unmarked without it). */
  highestOnly?(verdicts: Verdict[]): MarkedVerdict[];
  /**
   * True when the known facts say the person is whom the rule is for (its first condition holds, none
   * fails): the facts then pick that rule's specific benefit over a general one the question names
   * (optional: no rule is picked by facts without it).
   */
  identifies?(ruleId: string, profile: Profile): boolean;
}

/** Extracts stated profile facts from a message. */
export type ProfileExtractor = (text: string, today: Date) => Partial<Profile>;
