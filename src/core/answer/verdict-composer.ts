import type { DeadlineStatus, Verdict } from '../eligibility/types.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { blockQuote, CAVEAT_ZH, citationOf, sourceName } from './citation-of.js';
import { aboutSubject, amountInEnglish, monthText, type Subject } from './eligibility-words.js';
import type { Composed } from './offline-composer.js';
import { withTotal } from '../eligibility/amount-total.js';

/** How verdicts are said: about whom, with which known facts in English (the rules' are Chinese). */
export interface VerdictOptions {
  /** Whom the check is about; default the writer. */
  subject?: Subject;
  /** The known facts in the answer's language, used for English "based on". */
  knownEn?: string[];
  /** The question asks the sum over the years: a yearly amount is said with its total. */
  total?: boolean;
}

/**
 * Phrases eligibility verdicts. Amounts and conditions come from the rules, each with the key of the
 * article it implements; the article is quoted so the person can check the verdict against the text.
 * Undecided (missing) verdicts are left to the conditional answer.
 */
export function composeVerdicts(verdicts: readonly Verdict[], passageOf: (key: string) => Passage | undefined, lang: Lang, options: VerdictOptions = {}): Composed {
  const lines = verdicts.flatMap((v) => verdictLines(v, lang, options));
  return withBasis(lines, verdicts, passageOf, lang);
}

/** The lines of one decided verdict (none for an undecided one), with its filing windows. */
export function verdictLines(v: Verdict, lang: Lang, options: VerdictOptions = {}): string[] {
  const subject = options.subject ?? 'self';
  const say = (s: string) => aboutSubject(s, subject, lang);
  const en = lang === 'en';
  const basedOn = en ? options.knownEn ?? [] : v.assumed;
  const assumed = basedOn.length > 0 ? (en ? ` (based on: ${basedOn.join(', ')})` : `（按您提供的情况：${basedOn.join('、')}）`) : '';
  const benefit = en ? v.benefitEn ?? v.benefit : v.benefit;
  const lines: string[] = [];
  if (v.status === 'eligible') {
    const amount = options.total ? withTotal(v.amount, lang, amountInEnglish) : en ? amountInEnglish(v.amount) : v.amount;
    lines.push(say(en
      ? `✅ **${benefit}**: you appear to qualify${assumed}: **${amount}**. [${v.key}]`
      : `✅ **${benefit}**：${assumed}您符合条件，可享受 **${amount}**，${v.payment}。[${v.key}]`));
    if (!en) for (const n of v.notes) lines.push(say(`   - 注意：${n}`));
  } else if (v.status === 'not_eligible') {
    lines.push(say(en
      ? `❌ **${benefit}**: you do not appear to qualify${assumed}: ${v.reasonEn ?? v.reason} (the text requires: ${v.requirementEn ?? v.requirement}). [${v.key}]`
      : `❌ **${benefit}**：${assumed}暂不符合条件——${v.reason}（政策要求：${v.requirement}）。[${v.key}]`));
  } else return [];
  if (v.status === 'eligible') lines.push(...(v.deadlines ?? []).map((d) => deadlineLine(d, subject, lang)));
  return lines;
}

/** A filing window said with its end computed; a passed one said plainly. */
export function deadlineLine(d: DeadlineStatus, subject: Subject, lang: Lang): string {
  const line = lang === 'en'
    ? d.passed
      ? `⚠️ Deadline: ${d.text} — counting from ${monthText(d.from, lang)}, the window closed in ${monthText(d.due, lang)}; unless you already filed within it, a first application is now too late. [${d.key}]`
      : `⏰ Deadline: ${d.text} — counting from ${monthText(d.from, lang)}, the window ends in ${monthText(d.due, lang)} (on the same day of the month it started); apply before then. [${d.key}]`
    : d.passed
      ? `⚠️ 申请期限：${d.text}。按您${monthText(d.from, lang)}起算，期限已于${monthText(d.due, lang)}届满；如未在期限内首次申请，现在已过申请期限。[${d.key}]`
      : `⏰ 申请期限：${d.text}。按您${monthText(d.from, lang)}起算，截止在${monthText(d.due, lang)}（以起算之日满期为准），请在此之前申请。[${d.key}]`;
  return aboutSubject(line, subject, lang);
}

/** Adds the quoted basis of every cited article and the closing caveat. */
export function withBasis(lines: readonly string[], verdicts: readonly Verdict[], passageOf: (key: string) => Passage | undefined, lang: Lang): Composed {
  const cited = new Map<string, Passage>();
  for (const v of verdicts) {
    const p = passageOf(v.key);
    if (p) cited.set(v.key, p);
  }
  const quotes = [...cited.values()].map((p) => `${lang === 'en' ? 'Basis' : '依据原文'}（${sourceName(p)}）：\n${blockQuote(p.text)}`);
  const tail = lang === 'en'
    ? `_This check uses only what you told me; the office decides on your application. ${CAVEAT_ZH}_`
    : `_以上为根据您提供的信息作出的初步判断，最终以主管部门审核为准。${CAVEAT_ZH}_`;
  return { text: [...lines, ...quotes, tail].join('\n\n'), citations: [...cited.values()].map(citationOf) };
}

/** Asks for the one fact the check needs next, saying which benefit it is for. */
export function composeFactQuestion(benefit: string, question: string, known: readonly string[], lang: Lang): Composed {
  const knownText = known.length > 0 ? (lang === 'en' ? `So far I know: ${known.join(', ')}. ` : `目前已了解：${known.join('、')}。`) : '';
  const text = lang === 'en'
    ? `To check **${benefit}** for you, I need one more fact. ${knownText}${question}`
    : `为判断您能否享受**${benefit}**，还需要了解一项情况。${knownText}${question}`;
  return { text, citations: [] };
}
