import type { AmountCase, Verdict } from '../eligibility/types.js';
import type { MarkedVerdict } from '../eligibility/highest-only.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { aboutSubject, amountIn, VAGUE_FACT, type Subject } from './eligibility-words.js';
import type { Composed } from './offline-composer.js';
import { deadlineLine, verdictLines, withBasis } from './verdict-composer.js';

type Missing = Extract<Verdict, { status: 'missing' }>;

/** What an eligibility answer says besides the verdicts. */
export interface EligibilityAnswer {
  /** Verdicts of the benefits asked, most relevant first (decided and undecided). */
  verdicts: readonly MarkedVerdict[];
  /** check: may I get it; amount: how much is it; open: what can I get. */
  mode: 'check' | 'amount' | 'open';
  /** The one question that decides the first undecided benefit (check mode). */
  ask?: string;
  /** Facts that would settle it, as nouns, for the offer to check (amount mode). */
  offer?: string[];
  /** The known facts in the answer's language. */
  known: string[];
  subject: Subject;
  lang: Lang;
  /** The question asks the sum over the years: yearly amounts are said with their total. */
  total?: boolean;
  /** The question asks how much, whatever the mode (a bare "能拿多少？" continuing a check). */
  asksAmount?: boolean;
}

/**
 * The answer to an eligibility question: what the facts decide first, then for each undecided benefit
 * the conditional answer (the amount for the person's case and the conditions still open, with the
 * key), then one question — or, for an amount question, an offer to check instead of a question.
 */
export function composeEligibility(input: EligibilityAnswer, passageOf: (key: string) => Passage | undefined): Composed {
  const { lang, subject } = input;
  const en = lang === 'en';
  const decided = input.verdicts.filter((v) => v.status !== 'missing');
  const open = onceEach(input.verdicts.filter((v): v is Missing & MarkedVerdict => v.status === 'missing'));
  const lines: string[] = [];
  const decidedLines = (v: Verdict) => verdictLines(v, lang, { subject, knownEn: input.known, total: input.total === true, asksAmount: input.mode === 'amount' || input.asksAmount === true });
  if (input.mode === 'amount') {
    // An amount question says each benefit's figure in the order asked, the most relevant first, decided or not.
    const openById = new Map(open.map((v) => [v.ruleId, v]));
    for (const v of input.verdicts) {
      const o = openById.get(v.ruleId);
      lines.push(...(o ? [amountLine(o, input)] : decidedLines(v)));
    }
  } else if (input.mode === 'open') {
    // What one may get is said in the order the dialogue ranked it: the benefits the person's story is
    // about first (出站 planned: the stay-on grant before the living allowance already decided).
    const openById = new Map(open.map((v) => [v.ruleId, v]));
    for (const v of input.verdicts) {
      const o = openById.get(v.ruleId);
      if (o) lines.push(conditionalLine(o, input));
      else if (v.status !== 'missing') lines.push(...decidedLines(v));
    }
  } else {
    // A check puts what the facts already decide first.
    lines.push(...decided.flatMap(decidedLines));
    lines.push(...open.map((v) => conditionalLine(v, input)));
  }
  for (const v of open) lines.push(...(v.deadlines ?? []).map((d) => deadlineLine(d, subject, lang)));
  // The facts the answer went by, save those its lines already name ("D类人才200万元" says D类人才).
  const said = lines.join('\n');
  const unsaid = input.known.filter((k) => !said.includes(k));
  if (open.length > 0 && unsaid.length > 0) {
    lines.push(aboutSubject(en ? `(So far I know: ${unsaid.join(', ')}.)` : `（已按您说的情况：${unsaid.join('、')}。）`, subject, lang));
  }
  // "Tell me the situation" names nothing to tell: such an item is left out of the offer.
  const offer = (input.offer ?? []).filter((o) => o !== VAGUE_FACT[lang]);
  if (input.ask && open.length > 0) lines.push(aboutSubject(en ? `One question first: ${input.ask}` : `先问一句：${input.ask}`, subject, lang));
  else if (offer.length > 0 && open.length > 0) {
    lines.push(aboutSubject(en
      ? `If you want, I can check whether you qualify — just tell me: ${offer.join('; ')}.`
      : `想确认您能否领取，告诉我${offer.join('、')}即可。`, subject, lang));
  }
  return withBasis(lines, input.verdicts, passageOf, lang, input.mode === 'amount' && decided.length === 0);
}

/** 符合这些条件就能领：…；硕士3万元 [qt25-5]。 */
function conditionalLine(v: Missing, input: EligibilityAnswer): string {
  const en = input.lang === 'en';
  const benefit = en ? v.benefitEn ?? v.benefit : v.benefit;
  const conditions = (en ? v.openEn : v.open) ?? [];
  const amount = v.amount ? `**${amountIn(v.amount, v.amountEn, input.lang, input.total === true)}**` : casesText(v.amounts ?? [], undefined, input.lang, input.total);
  // The person's own figure leads; the conditions it depends on follow in the next sentence. A rule
  // with one fixed amount has no case to pick: its figure is the standard, not "your case" (a
  // 高级技师 is not told the 特级教师 figure is theirs).
  const picked = v.amount !== undefined && (v.amounts?.length ?? 0) > 1;
  const line = !picked && v.amount
    ? en
      ? `**${benefit}**: ${amount} [${v.key}]${conditions.length > 0 ? `; you qualify if you meet these conditions: ${conditions.join('; ')}` : ''}.`
      : `**${benefit}**：标准为${amount} [${v.key}]。${conditions.length > 0 ? `符合这些条件就能领——${conditions.join('；')}。` : ''}`
    : v.amount
    ? en
      ? `**${benefit}**: for your case ${amount} [${v.key}]${conditions.length > 0 ? `; you qualify if you meet these conditions: ${conditions.join('; ')}` : ''}.`
      : `**${benefit}**：按您的情况为${amount} [${v.key}]。${conditions.length > 0 ? `符合这些条件就能领——${conditions.join('；')}。` : ''}`
    : en
      ? `**${benefit}**: ${conditions.length > 0 ? `you qualify if you meet these conditions: ${conditions.join('; ')}. ` : ''}Amounts: ${amount} [${v.key}].`
      : `**${benefit}**：${conditions.length > 0 ? `符合这些条件就能领——${conditions.join('；')}。` : ''}标准为${amount} [${v.key}]。`;
  return aboutSubject(line, input.subject, input.lang);
}

/** 青年大学生生活补贴：硕士3万元（您的情况）、本科1万元、博士10万元 [qt25-5]。条件：… */
function amountLine(v: Missing, input: EligibilityAnswer): string {
  const en = input.lang === 'en';
  const benefit = en ? v.benefitEn ?? v.benefit : v.benefit;
  const conditions = (en ? v.openEn : v.open) ?? [];
  const cases = casesText(v.amounts ?? [], v.amount, input.lang, input.total);
  const line = en
    ? `**${benefit}**: ${cases} [${v.key}].${conditions.length > 0 ? ` Conditions: ${conditions.join('; ')}.` : ''}`
    : `**${benefit}**：${cases} [${v.key}]。${conditions.length > 0 ? `条件：${conditions.join('；')}。` : ''}`;
  return aboutSubject(line, input.subject, input.lang);
}

/**
 * The amounts by case; the person's own case alone and marked when it is known (the other cases are in
 * the quoted article and its source card).
 */
function casesText(cases: readonly AmountCase[], own: string | undefined, lang: Lang, total = false): string {
  const en = lang === 'en';
  const mine = own === undefined ? -1 : cases.findIndex((c) => c.amount === own);
  const ordered = mine < 0 ? [...cases] : [cases[mine] as AmountCase];
  return ordered
    .map((c, i) => {
      const amount = amountIn(c.amount, c.amountEn, lang, total);
      const label = en ? caseInEnglish(c.label) : c.label;
      const text = label === '' ? amount : en ? `${label}: ${amount}` : `${label}${amount}`;
      // The person's own case is the only one said, so it needs no "your case" mark beyond the bold.
      return i === 0 && mine >= 0 ? `**${text}**` : text;
    })
    .join(en ? '; ' : '、');
}

const CASE_EN: Record<string, string> = { 本科: "bachelor's", 硕士: "master's", 博士: 'PhD', 大专: 'college', 区级高层次人才: 'district-level talent', 正高级职称: 'senior title', 副高级职称: 'deputy-senior title', 高级技师: 'senior technician', 技师: 'technician', 特级教师: 'special-grade teacher' };

function caseInEnglish(label: string): string {
  return label.split('、').map((l) => CASE_EN[l] ?? l.replace(/^([A-E])类人才$/u, 'category $1')).join(', ');
}

/** Conditions two benefits share (新引进…) are listed under the first only: an answer says nothing twice. */
function onceEach<V extends Missing>(verdicts: readonly V[]): V[] {
  const listed = new Set<string>();
  return verdicts.map((v) => {
    const zh = v.open ?? [];
    const keep = zh.map((c) => !listed.has(c));
    zh.forEach((c) => listed.add(c));
    if (keep.every(Boolean)) return v;
    return { ...v, open: zh.filter((_, i) => keep[i]), ...(v.openEn ? { openEn: v.openEn.filter((_, i) => keep[i] ?? true) } : {}) };
  });
}
