import type { LabelledFigure } from './passage-structure.js';

/**
 * Which of a passage's figures a question asks for, and in which unit. The case is whatever the
 * question names that tells the passage's figures apart (硕士 among 本科/硕士/博士, 二等 among
 * 一等/二等/三等, 正高 among two 安家补贴 clauses); a word that every figure shares (补贴, 职称) tells
 * nothing, and a word the question says only inside a longer known term (博士 in 博士后) does not count.
 */

/** The figure units a question asks about ("几年" → 年; "多久" → days and months; default money). */
export function wantedUnits(question: string, aspect: string | undefined): RegExp {
  const q = question.normalize('NFKC');
  if (/岁|年龄|\bage\b/iu.test(q)) return /周岁$/u;
  if (/几折|几成|比例|百分之|percent|rate|%/iu.test(q)) return /%$/u;
  if (aspect === 'term' || /几年|多少年|哪几年|最长|多长(期限)?|how many years|for how long|maximum (period|duration)/iu.test(q) && !/多长时间/u.test(q)) return /年$/u;
  if (/几个月|how many months/iu.test(q)) return /个月$/u;
  if (/几天|多少天|days?\b/iu.test(q)) return /天$|个工作日$/u;
  if (aspect === 'duration' || /工作日|多久|多长时间|how long/iu.test(q)) return /个工作日$|天$|个月$|年$/u;
  if (/面积|平方|(?:多少|几)平(?![安时均常])|多大(?!年纪|岁)|square/iu.test(q)) return /平方米$/u;
  return /元$|万$|%$/u;
}

// The cases the texts tell figures apart by, as English says them: an English question (or this turn of
// one, "and for a master's?") names its case in the text's words, as a Chinese one does. "Skills master
// studio" is not a master's degree, "postdoctoral" not a doctorate.
const ENGLISH_CASES: readonly [RegExp, string][] = [
  [/\bph\.?\s?d\b|\bdoctorates?\b|(?<!post)\bdoctoral\b|\bdoctor['’]s degree/iu, '博士'],
  [/\bmaster(?:['’]s|s)(?! studio)\b|\bmaster degree/iu, '硕士'],
  [/\bbachelor(?:['’]s|s)?\b|\bundergraduate\b/iu, '本科'],
  [/\bcollege diploma\b|\bjunior college\b|\bassociate degree\b/iu, '大专'],
  [/\bsenior technicians?\b/iu, '高级技师'],
  [/(?<!senior )\btechnicians?\b/iu, '技师'],
  [/\bnational(?:[- ]level)?\b(?! of)/iu, '国家级'],
  [/\bprovincial(?:[- ]level)?\b/iu, '省级'],
  [/\bmunicipal(?:[- ]level)?\b|\bcity[- ]level\b/iu, '市级'],
  [/\bfirst[- ](?:class|prize|grade)\b/iu, '一等'],
  [/\bsecond[- ](?:class|prize|grade)\b/iu, '二等'],
  [/\bthird[- ](?:class|prize|grade)\b/iu, '三等'],
];

/** The question with the text's words for the cases it names in English (a Chinese question as it is). */
export function withEnglishCases(question: string): string {
  if (!/[A-Za-z]{3}/u.test(question)) return question;
  const words = ENGLISH_CASES.filter(([re]) => re.test(question)).map(([, zh]) => zh);
  const letters = [...question.matchAll(/\b(?:category|class)[- ]([A-Ea-e])\b|\b([A-E])[- ]?(?:category|class)\b/gu)].map((m) => `${(m[1] ?? m[2] ?? '').toUpperCase()}类`);
  const cases = [...new Set([...words, ...letters])];
  return cases.length > 0 ? `${question} ${cases.join(' ')}` : question;
}

/** The question's own terms plus the category letters it names (A类 … E类). */
function caseTerms(question: string, terms: (text: string) => string[]): string[] {
  const q = question.normalize('NFKC');
  const out = new Set(terms(q).filter((t) => t.length >= 2 || /[A-Za-z]/u.test(t)));
  for (const m of q.matchAll(/([A-Ea-e])\s*类/gu)) out.add(`${(m[1] ?? '').toUpperCase()}类`);
  return [...out];
}

/** Whether `term` occurs in `text` outside every longer known term ("博士" in "博士后进站" does not). */
export function occursAlone(text: string, term: string, known: readonly string[]): boolean {
  const longer = known.filter((k) => k.length > term.length && k.includes(term));
  let from = 0;
  for (;;) {
    const at = text.indexOf(term, from);
    if (at < 0) return false;
    const covered = longer.some((k) => {
      const offset = k.indexOf(term);
      return text.slice(at - offset, at - offset + k.length) === k;
    });
    if (!covered) return true;
    from = at + 1;
  }
}

/**
 * The figures of one passage the question asks for: those of the wanted unit whose label or clause
 * carries the question's distinguishing terms. All figures of the unit when the question names no
 * case; none when the passage has no figure of the unit.
 */
export function figuresAsked(
  question: string,
  figures: readonly LabelledFigure[],
  options: { units: RegExp; terms: (text: string) => string[]; known?: readonly string[] },
): { figures: LabelledFigure[]; byCase: boolean } {
  const ofUnit = figures.filter((f) => options.units.test(f.figure));
  if (ofUnit.length <= 1) return { figures: ofUnit, byCase: false };
  // "技师（不是高级技师）": a case the question rules out does not name the case asked.
  question = withEnglishCases(question.replace(/(?:而?不是|并非|而非)[^，,。？?！!（）()]{1,8}/gu, ''));
  const q = question.normalize('NFKC').toUpperCase();
  const own = (text: string): string[] => [...(options.known ?? []), ...options.terms(text)].map((k) => k.toUpperCase());
  // A term counts where it stands alone, not inside a longer word of the same text (工作 in 工作站).
  const has = (text: string, term: string): boolean => occursAlone(text.toUpperCase(), term, own(text));
  const scores = ofUnit.map(() => 0);
  // The terms that picked each figure: a comparison of two cases picks one figure for each.
  const hits = ofUnit.map(() => new Set<string>());
  const topics = (options.known ?? []).map((k) => k.toUpperCase());
  for (const term of caseTerms(question, options.terms).map((t) => t.toUpperCase())) {
    // A word naming the benefit itself (博士后工作站 of 博士后) says which article, not which case; so
    // does another name the text gives it in brackets (人才专项租赁住房（人才公寓）), which the glossary
    // adds to an English question along with the case word.
    if (!has(q, term) || topics.some((k) => term.includes(k)) || namesTopic(term, ofUnit, topics)) continue;
    const inLabel = ofUnit.map((f) => has(f.label, term));
    const inContext = ofUnit.map((f) => has(f.context, term));
    const labelHits = inLabel.filter(Boolean).length;
    const contextHits = inContext.filter(Boolean).length;
    // A term in every label or every clause does not tell the figures apart.
    const hitBy = labelHits > 0 && labelHits < ofUnit.length ? inLabel : contextHits > 0 && contextHits < ofUnit.length ? inContext : undefined;
    if (hitBy === inLabel) inLabel.forEach((hit, i) => (scores[i] = (scores[i] ?? 0) + (hit ? 2 + term.length / 10 : 0)));
    else if (hitBy === inContext) inContext.forEach((hit, i) => (scores[i] = (scores[i] ?? 0) + (hit ? 1 : 0)));
    hitBy?.forEach((hit, i) => hit && hits[i]?.add(term));
  }
  // "最多/最高多少" asks for the cap of a rate-and-cap rule (50%, 每人最高6000元): the cap decides,
  // over a word the question shares with the rate's base (学费 in "按所缴学费的50%").
  if (/最高|最多|上限|封顶|at most|maximum|\bcap\b/iu.test(q)) {
    ofUnit.forEach((f, i) => {
      if (/最高|最多|上限/u.test(f.context.slice(-6))) scores[i] = (scores[i] ?? 0) + 10;
    });
  }
  const best = Math.max(...scores);
  if (best <= 0) return { figures: ofUnit, byCase: false };
  const compared = COMPARE_RE.test(q) ? comparedFigures(hits) : [];
  if (compared.length >= 2) return { figures: ofUnit.filter((_, i) => compared.includes(i)), byCase: true };
  return { figures: ofUnit.filter((_, i) => scores[i] === best), byCase: true };
}

// Words that set two cases side by side: "评审类一等和认定类…差多少", "国家级跟省级比".
const COMPARE_RE = /差多少|差几|相差|区别|不同|比.{0,6}(多|少|高|低)|哪个(多|高|划算)|对比|versus|\bvs\b|compared?/iu;

/**
 * The figures a comparison asks for, one per case: those picked by terms no other figure's terms
 * include ("一等, 评审类" → 300万 over the 200万 and 100万 评审类 alone picks; "认定类" → 500万).
 * Empty unless the cases pick figures apart (disjoint sets of terms).
 */
function comparedFigures(hits: readonly Set<string>[]): number[] {
  const within = (a: Set<string>, b: Set<string>): boolean => [...a].every((t) => b.has(t));
  const maximal = hits.map((h, i) => i).filter((i) => (hits[i]?.size ?? 0) > 0 && !hits.some((o, j) => j !== i && o.size > (hits[i]?.size ?? 0) && within(hits[i] as Set<string>, o)));
  const disjoint = maximal.every((i) => maximal.every((j) => i === j || ![...(hits[i] ?? [])].some((t) => hits[j]?.has(t))));
  return disjoint && maximal.length <= 3 ? maximal : [];
}

/** Whether the text gives `term` as another name of a topic: 人才专项租赁住房（人才公寓）, or the other way round. */
function namesTopic(term: string, figures: readonly LabelledFigure[], topics: readonly string[]): boolean {
  return figures.some((f) => {
    const s = f.sentence.normalize('NFKC').toUpperCase();
    return topics.some((k) => s.includes(`${term}(${k})`) || s.includes(`${k}(${term})`));
  });
}

/** "博士10万元（一次性）": a figure with its case and period; `fallback` names the case when the label does not. */
export function figureText(f: LabelledFigure, fallback = ''): string {
  const label = f.label && f.label.length <= 12 ? f.label : fallback;
  return `${label}${f.figure}${f.period ? `（${f.period}）` : ''}`;
}
