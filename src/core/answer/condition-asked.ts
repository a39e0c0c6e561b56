import type { Verdict } from '../eligibility/types.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import type { Composed } from './offline-composer.js';
import { withBasis } from './verdict-composer.js';

/**
 * The measured conditions a question can ask the measure of ("社保要交几个月", "how many months of social
 * insurance", "合同要签几年"): the words that name each in a question, and in a rule's requirement.
 */
const MEASURES: readonly (readonly [asked: RegExp, stated: RegExp])[] = [
  [/社保|社会保险|social insurance/iu, /社会保险|社保/u],
  [/合同|contract/iu, /合同/u],
  [/年龄|岁数|\bage\b|how old/iu, /周岁/u],
];
// Asks how many months or years, how long, how old: the measure, not whether the person meets it.
const MEASURE_ASKED_RE = /几个?月|几年|多少个?月|多少年|多久|多长时间|多大|how many (?:months|years)|how long|how old/iu;

// A count of months, years or full years of age; a year of a date (2022年) is none.
const MEASURE_STATED_RE = /(?<!\d)\d{1,2}(?:个月|年|周岁)/u;

/** Whether a question asks the measure of a condition it names (社保几个月, how many months of social insurance). */
export function asksMeasure(question: string): boolean {
  return MEASURE_ASKED_RE.test(question) && MEASURES.some(([asked]) => asked.test(question));
}

/** The requirements of an undecided verdict (a rule read with no facts) that the question asks the measure of. */
export function requirementsAsked(question: string, v: Verdict): { zh: string; en: string }[] {
  if (v.status !== 'missing' || !asksMeasure(question)) return [];
  const stated = MEASURES.filter(([asked]) => asked.test(question)).map(([, s]) => s);
  const open = v.open ?? [];
  // A requirement with a measure of its own (满6个月, 3年以上), not a date that only mentions the same thing.
  return open.flatMap((zh, i) => (stated.some((s) => s.test(zh)) && MEASURE_STATED_RE.test(zh) ? [{ zh, en: v.openEn?.[i] ?? zh }] : []));
}

/**
 * The answer to a question asking a condition's measure: the rule's own requirement, which says the
 * measure in one line ("6 months of social insurance paid in the district"), with the article quoted.
 * Undefined when the rule has no such requirement: the article's sentences answer then.
 */
export function composeConditionAsked(question: string, v: Verdict, passageOf: (key: string) => Passage | undefined, lang: Lang): Composed | undefined {
  const asked = requirementsAsked(question, v);
  if (asked.length === 0) return undefined;
  const line = lang === 'en'
    ? `**${v.benefitEn ?? v.benefit}** requires: ${asked.map((r) => r.en).join('; ')} [${v.key}].`
    : `**${v.benefit}**的这项条件是：${asked.map((r) => r.zh).join('；')} [${v.key}]。`;
  return withBasis([line], [v], passageOf, lang, true);
}
