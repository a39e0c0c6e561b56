import { chinaDay } from './dates.js';
import type { ExtractContext } from './extract-context.js';
import { extractDegree, extractFullTime, extractGraduated, extractPostdoc } from './extract-education.js';
import { extractPostdocSince, extractRecognisedAt } from './extract-dated.js';
import { extractPaid } from './extract-paid.js';
import { extractAge, extractOwnsHome, extractSkill, extractTalentApartment, extractTitle } from './extract-personal.js';
import { extractArrived, extractCategory, extractContractYears, extractInsuranceMonths, extractScout, extractWorksInDistrict } from './extract-work.js';
import type { Fact, Profile } from './types.js';

/** Facts stated in a message, with what was assumed beyond the words. */
export interface ProfileExtraction {
  /** Facts the message states. */
  profile: Partial<Profile>;
  /** Per fact, the convention applied (e.g. 只说了年份，按当年6月计), for saying it back to the person. */
  conventions: Partial<Record<Fact, string>>;
}

const EXTRACTORS: ((ctx: ExtractContext) => void)[] = [
  extractAge,
  extractDegree,
  extractFullTime,
  extractGraduated,
  extractArrived,
  extractInsuranceMonths,
  extractCategory,
  extractOwnsHome,
  extractContractYears,
  extractTalentApartment,
  extractTitle,
  extractSkill,
  extractPostdoc,
  extractWorksInDistrict,
  extractScout,
  extractRecognisedAt,
  // After extractPostdoc: entering a station at a stated month is the surer statement.
  extractPostdocSince,
  extractPaid,
];

/**
 * Extracts profile facts from free Chinese or English text, offline, by patterns. Only what the text
 * states is returned: a condition ("35岁以下能落户吗"), a question about others ("博士能拿多少") or a
 * relative's age is not a fact about the person. Relative dates count from `today` (China time).
 */
export function extractProfileDetailed(text: string, today: Date): ProfileExtraction {
  const { year, month } = chinaDay(today);
  const profile: Partial<Profile> = {};
  const conventions: Partial<Record<Fact, string>> = {};
  const ctx: ExtractContext = {
    // NFKC turns full-width digits, letters and punctuation into ASCII; curly apostrophes are folded too.
    text: text.normalize('NFKC').toLowerCase().replace(/[’‘`]/gu, "'"),
    today: { year, month },
    set(fact, value, convention) {
      (profile as Record<Fact, unknown>)[fact] = value;
      if (convention !== undefined) conventions[fact] = convention;
      else delete conventions[fact];
    },
  };
  for (const extract of EXTRACTORS) extract(ctx);
  return { profile, conventions };
}

/** The facts a message states (see extractProfileDetailed). */
export function extractProfile(text: string, today: Date): Partial<Profile> {
  return extractProfileDetailed(text, today).profile;
}

/** Merges facts: newly stated facts win; a fact the new message does not mention is kept. */
export function mergeProfile(old: Partial<Profile>, next: Partial<Profile>): Profile {
  const merged: Profile = { ...old };
  for (const [fact, value] of Object.entries(next) as [Fact, unknown][]) {
    if (value !== undefined) (merged as Record<Fact, unknown>)[fact] = value;
  }
  return merged;
}
