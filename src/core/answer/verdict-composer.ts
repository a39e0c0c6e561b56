import type { DeadlineStatus, Verdict } from '../eligibility/types.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { blockQuote, CAVEAT_EN, CAVEAT_ZH, citationOf, sourceName } from './citation-of.js';
import { englishOf, englishSource } from './compose-english.js';
import { aboutSubject, amountIn, monthText, type Subject } from './eligibility-words.js';
import type { Composed } from './offline-composer.js';

/** How verdicts are said: about whom, with which known facts in English (the rules' are Chinese). */
export interface VerdictOptions {
  /** Whom the check is about; default the writer. */
  subject?: Subject;
  /** The known facts in the answer's language, used for English "based on". */
  knownEn?: string[];
  /** The question asks the sum over the years: a yearly amount is said with its total. */
  total?: boolean;
  /** The question asks how much: a failed check still says its case's amount first, then why not. */
  asksAmount?: boolean;
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
    const amount = amountIn(v.amount, v.amountEn, lang, options.total === true);
    lines.push(say(en
      ? `✅ **${benefit}**: you appear to qualify${assumed}: **${amount}**. [${v.key}]`
      : `✅ **${benefit}**：${assumed}您符合条件，可享受 **${amount}**，${v.payment}。[${v.key}]`));
    if (!en) for (const n of v.notes) lines.push(say(`   - 注意：${n}`));
  } else if (v.status === 'not_eligible') {
    // A reason that already says the requirement ("入住期间不享受租房补贴") is not followed by it again,
    // nor by the facts it names.
    const restated = sharesRun(v.requirement.replace(/（[^）]*）/gu, ''), v.reason, 8);
    const facts = en ? basedOn : basedOn.filter((f) => !v.reason.includes(f.replace(/^正/u, '')));
    const because = facts.length > 0 ? (en ? ` (based on: ${facts.join(', ')})` : `（按您提供的情况：${facts.join('、')}）`) : '';
    // "How much" is answered by the amount of the person's case, in the same sentence as why it is not
    // theirs: a sentence that opens with the facts of the story does not answer it.
    const standard = options.asksAmount && v.amount !== undefined ? amountIn(v.amount, v.amountEn, lang, options.total === true) : undefined;
    const lead = standard === undefined ? '' : en ? `the amount for your case is **${standard}**, but ` : `您这一档的标准为**${standard}**，但`;
    lines.push(say(en
      ? `❌ **${benefit}**: ${lead}you do not appear to qualify${because}: ${v.reasonEn ?? v.reason}${restated ? '' : ` (the text requires: ${v.requirementEn ?? v.requirement})`}. [${v.key}]`
      : `❌ **${benefit}**：${lead}${because}暂不符合条件——${v.reason}${restated ? '' : `（政策要求：${v.requirement}）`}。[${v.key}]`));
  } else return [];
  if (v.status === 'eligible') lines.push(...(v.deadlines ?? []).map((d) => deadlineLine(d, subject, lang)));
  return lines;
}

/** A filing window said with its end computed; a passed one said plainly. */
export function deadlineLine(d: DeadlineStatus, subject: Subject, lang: Lang): string {
  const window = d.textEn ?? d.text;
  const line = lang === 'en'
    ? d.passed
      ? `⚠️ Deadline: ${window} — counting from ${monthText(d.from, lang)}, the window closed in ${monthText(d.due, lang)}; unless you already filed within it, a first application is now too late. [${d.key}]`
      : `⏰ Deadline: ${window} — counting from ${monthText(d.from, lang)}, the window ends in ${monthText(d.due, lang)} (on the same day of the month it started); apply before then. [${d.key}]`
    : d.passed
      ? `⚠️ 申请期限：${d.text}。按您${monthText(d.from, lang)}起算，期限已于${monthText(d.due, lang)}届满；如未在期限内首次申请，现在已过申请期限。[${d.key}]`
      : `⏰ 申请期限：${d.text}。按您${monthText(d.from, lang)}起算，截止在${monthText(d.due, lang)}（以起算之日满期为准），请在此之前申请。[${d.key}]`;
  return aboutSubject(line, subject, lang);
}

/**
 * Adds the quoted basis of every cited article and the closing caveat. An answer to "how much"
 * (`amountOnly`) quotes only the sentences carrying what it says; a verdict or a check quotes the
 * whole article, which the person checks it against.
 */
export function withBasis(lines: readonly string[], verdicts: readonly Verdict[], passageOf: (key: string) => Passage | undefined, lang: Lang, amountOnly = false): Composed {
  const cited = new Map<string, Passage>();
  for (const v of verdicts) {
    const p = passageOf(v.key);
    if (p) cited.set(v.key, p);
  }
  const said = lines.join('\n');
  const quotes = [...cited.values()].map((p) => {
    // An English answer quotes the article's unofficial translation (whole: the figures it says are
    // written 500,000 yuan, not as the Chinese 50万元 that picks the carrying sentences); the Chinese
    // original stays in the source card.
    const en = lang === 'en' ? englishOf(p) : undefined;
    if (en) return `Basis (unofficial translation; Chinese original in the source card), ${englishSource(p)}:\n${blockQuote(withoutTranslationNote(en.text))}`;
    return `${lang === 'en' ? 'Basis' : '依据原文'}（${sourceName(p)}）：\n${blockQuote(amountOnly ? carrying(p.text, said) : p.text)}`;
  });
  // Only a decided verdict is a judgement to qualify; amounts with open conditions carry the sample caveat alone.
  const judged = verdicts.some((v) => v.status !== 'missing');
  const tail = lang === 'en'
    ? `_${judged ? 'This check uses only what you told me; the office decides on your application. ' : ''}${CAVEAT_EN}_`
    : `_${judged ? '初步判断，以主管部门审核为准；' : ''}${CAVEAT_ZH}_`;
  return { text: [...lines, ...quotes, tail].join('\n\n'), citations: [...cited.values()].map(citationOf) };
}

const withoutTranslationNote = (text: string): string => text.split('\n').filter((l) => !/^Unofficial English translation/u.test(l.trim())).join('\n');

// A figure as the articles and the rules write it (800万元, 3年, 50%, 35周岁).
const FIGURE_RE = /\d+(?:\.\d+)?(?:万元|元|%|年|个月|周岁)/gu;

/**
 * The sentences of an article that carry what the answer says: those stating one of its figures, how
 * it is paid, or sharing a six-character run of its words (a condition without a figure, "入住人才公寓…期间"); the
 * whole article when none does. The rest stays in the source card.
 */
export function carrying(text: string, said: string): string {
  const figures = new Set(said.match(FIGURE_RE) ?? []);
  const kept = text
    .split(/\n+/u)
    .map((line) => (line.match(/[^。！？!?]+[。！？!?]?/gu) ?? []).filter((s) => PAID_RE.test(s) || (s.match(FIGURE_RE) ?? []).some((f) => figures.has(f)) || sharesRun(s, said, 6)).join(''))
    .filter((line) => line.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : text;
}

// How an amount is paid out ("分5年发放", "按年发放") belongs with the amount.
const PAID_RE = /分\d+年|按年(申请|发放)/u;

const unpunctuated = (s: string): string[] => [...s.replace(/[，。；：、“”（）()\s]/gu, '')];

/** Whether two texts share a run of `n` characters (punctuation and spaces aside). */
function sharesRun(a: string, b: string, n: number): boolean {
  const chars = unpunctuated(a);
  const other = unpunctuated(b).join('');
  for (let i = 0; i + n <= chars.length; i += 1) if (other.includes(chars.slice(i, i + n).join(''))) return true;
  return false;
}

/** Asks for the one fact the check needs next, saying which benefit it is for. */
export function composeFactQuestion(benefit: string, question: string, known: readonly string[], lang: Lang): Composed {
  const knownText = known.length > 0 ? (lang === 'en' ? `So far I know: ${known.join(', ')}. ` : `目前已了解：${known.join('、')}。`) : '';
  const text = lang === 'en'
    ? `To check **${benefit}** for you, I need one more fact. ${knownText}${question}`
    : `为判断您能否享受**${benefit}**，还需要了解一项情况。${knownText}${question}`;
  return { text, citations: [] };
}
