import { benefitOf, topicOf } from '../analysis/benefit-of.js';
import { asksWhichCase, caseSegments, categoryWords, segmentFor } from '../analysis/case-segments.js';
import { casesNamed, casesStressed, mentionsCase } from '../analysis/case-named.js';
import { figuresAsked, figureText, occursAlone, wantedUnits } from '../analysis/case-of.js';
import { labelledFigures, passageSentences, sectionAspect } from '../analysis/passage-structure.js';
import { asksCondition, focusOf, type Aspect } from '../analysis/question-analysis.js';
import type { Passage, TermSplitter } from '../ports/knowledge-port.js';
import { askedBonus, aspectBonus, countsFromStep, MEASURE_ASKED_RE, MISSING_ASKED_RE, PAYMENT_RE, TIME_ASKED_RE, WAITING_RE, EARLY_ASKED_RE } from './aspect-sentences.js';
import { figureTotal, totalWords } from './figure-total.js';

/**
 * The pieces one answer is built from: which passage answers the asked aspect, and the one sentence
 * that answers it (a labelled figure, or the passage's best sentence) with the sentences it stands on.
 */

/** Looks passages up by citation key (the knowledge base's chunksOf). */
export type PassageLookup = (key: string) => Passage[];

/** The guide that implements an article, or the guide a section belongs to, among the given passages. */
export function guideOf(p: Passage, pool: readonly Passage[]): string | undefined {
  if (p.kind === 'guide') return p.docId;
  return pool.find((q) => q.kind === 'guide' && q.status === 'current' && q.basis?.includes(p.key))?.docId;
}

/** The sections of a guide, in order (keys gNN-1, gNN-2, … as long as they exist). */
export function sectionsOf(guide: string, lookup: PassageLookup): Passage[] {
  const out: Passage[] = [];
  for (let n = 1; n <= 20; n += 1) {
    const chunk = lookup(`${guide}-${n}`)[0];
    if (chunk) out.push(chunk);
    else if (n > 1 && out.length > 0) break;
  }
  return out;
}

// When and how often: months, batches, "每月受理", "随时申报", "认定后1年内".
// 批 is a batch ("两批", "批次"), not an approval ("经批准", "获批").
const SCHEDULE_RE = /\d+月(?!\d+日)|每月|每年|批(?!准)(?<!获批)|随时|截止|\d+(个)?(年|月|日|工作日)内|(后|内)(申请|申报|提出|提交)/u;

/**
 * The guide section that carries an aspect: by heading ("五、办理时限" for how long); "when/how often"
 * is the section whose sentences give months or batches (the procedure or the time-limit section).
 */
export function sectionFor(sections: readonly Passage[], aspect: Aspect, question = '', terms?: TermSplitter): Passage | undefined {
  if (aspect === 'schedule') {
    const timed = sections.filter((s) => sectionAspect(s.heading) !== 'where' && passageSentences(s.text).some((t) => SCHEDULE_RE.test(t)));
    if (terms && timed.length > 1) {
      const wanted = new Set(terms(question));
      const score = (s: Passage): number => Math.max(...passageSentences(s.text).map((t) => sentenceScore(t, wanted, terms, undefined, 'schedule')));
      return [...timed].sort((a, b) => score(b) - score(a))[0];
    }
    return timed[0] ?? sections.find((s) => sectionAspect(s.heading) === 'duration');
  }
  return sections.find((s) => sectionAspect(s.heading) === aspect);
}

/** The numbered items of a list section ("1. 本人身份证。"), without their numbers. */
export function listItems(text: string): string[] {
  return text
    .split(/\n+/u)
    .map((l) => l.trim())
    .filter((l) => /^\d+[.、．]\s*/u.test(l))
    .map((l) => l.replace(/^\d+[.、．]\s*/u, '').replace(/[。；;]+$/u, ''));
}

/**
 * A list section in one line: the materials by name ("本人身份证、户口簿、毕业证书"), conditions and
 * steps in full, each item narrowed to the case the question names when its clauses differ by case
 * ("全日制硕士，45周岁以下" of the three degrees).
 */
function listSummary(all: readonly string[], aspect: Aspect | undefined, question: string, terms: TermSplitter, known: readonly string[]): string {
  const q = question.normalize('NFKC');
  const items = itemsOfCase(all, q, terms, known);
  // A long aside in brackets is dropped unless it is what the question is about (留学人员的学历认证).
  const aside = (m: string): string => (m.length <= 10 || terms(m).some((t) => t.length >= 2 && q.includes(t) && !/材料|证明|申请/u.test(t)) ? m : '');
  // An aside may hold brackets of its own ("（…国（境）外学历…）").
  if (aspect === 'materials') return items.map((i) => i.replace(/[（(](?:[^（(）)]|[（(][^（(）)]*[）)])*[）)]/gu, aside).trim()).join('、');
  const distinct = terms(q).filter((t) => t.length >= 2 && occursAlone(q, t, known));
  return items
    .map((item) => {
      const colon = item.indexOf('：');
      const head = colon >= 0 ? item.slice(0, colon + 1) : '';
      const clauses = item.slice(head.length).split('；');
      if (clauses.length < 2) return item;
      const hit = clauses.filter((c) => distinct.some((t) => c.includes(t) && !clauses.every((o) => o.includes(t))));
      return hit.length > 0 && hit.length < clauses.length ? `${head}${hit.join('；')}` : item;
    })
    .join('；');
}

// Words of any procedure name no case of a list ("申报：…" is a step, not a case).
const PROCEDURE_TERM_RE = /申请|申报|办理|材料|怎么|如何|流程|步骤|准备|提交/u;

/**
 * The items of a list headed by the case the question names ("出站留区补贴：出站证明材料、…" of the
 * materials for three kinds of postdoc funding); every item when no head names it. Items without a
 * head apply to every case and stay.
 */
function itemsOfCase(items: readonly string[], question: string, terms: TermSplitter, known: readonly string[]): readonly string[] {
  const headOf = (item: string): string | undefined => /^([^：:，,。]{2,10})[：:]/u.exec(item)?.[1];
  const asked = terms(question).filter((t) => t.length >= 2 && !PROCEDURE_TERM_RE.test(t) && occursAlone(question, t, known));
  const heads = items.map(headOf);
  // The head naming most of the question's own words is its case (出站留区补贴 over 进站生活补贴 for "出站留区补贴").
  const score = heads.map((h) => (h === undefined ? 0 : asked.filter((t) => h.includes(t) && !heads.every((o) => o?.includes(t))).reduce((n, t) => n + t.length, 0)));
  const best = Math.max(0, ...score);
  if (best === 0) return items;
  return items.filter((_, i) => score[i] === best || heads[i] === undefined);
}

/** The one item of a list that a word of the question names and no other item does (补办 of the steps). */
export function namedItem(items: readonly string[], question: string, terms: TermSplitter, topic: string): string | undefined {
  const asked = terms(question.normalize('NFKC')).filter((t) => t.length >= 2 && !topic.includes(t) && !/申请|办理|怎么|如何|流程|步骤/u.test(t));
  // A word several items share ("钱塘人才卡" of 申领 and 补办) names none of them.
  const telling = asked.filter((t) => items.filter((item) => item.includes(t)).length === 1);
  const hits = items.filter((item) => telling.some((t) => item.includes(t)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The article a guide section implements, when a question about amounts lands on the guide. */
export function articleOf(p: Passage, lookup: PassageLookup): Passage | undefined {
  const key = p.kind === 'guide' ? p.basis?.[0] : undefined;
  return key ? lookup(key)[0] : undefined;
}

/** One answered point: the direct sentence's body, and the original sentences it rests on. */
export interface AnsweredPoint {
  /** The passage answering. */
  passage: Passage;
  /** The direct answer, without its key (ends without a full stop). */
  direct: string;
  /** Sentences of the passage that carry it (quoted as the basis); none when `direct` is one of them. */
  basis: string[];
  /** The answer sums up a list section (materials, conditions, steps). */
  list?: boolean;
  /** The talent category whose provision the answer picked (A–E or district). */
  caseOf?: string;
}

// The money reaching the person: 到账, 发钱, 拿到钱 (the glossary adds 发放 for them).
const MONEY_ARRIVES_RE = /到账|发钱|拿到钱|打款|发放|钱.{0,3}下来/u;
const strip = (s: string): string => s.replace(/^\d+[.、．]\s*/u, '').replace(/[。；;，,]+$/u, '').trim();

/** Term overlap between a sentence and the question, with a bonus for what the aspect needs. */
function sentenceScore(sentence: string, wanted: ReadonlySet<string>, terms: TermSplitter, units: RegExp | undefined, aspect: Aspect | undefined): number {
  const own = new Set(terms(sentence));
  let score = 0;
  for (const t of wanted) if (own.has(t)) score += t.length > 1 ? 1 : 0.3;
  if (units && labelledFigures(sentence).some((f) => units.test(f.figure))) score += 3;
  return score + aspectBonus(sentence, wanted, aspect);
}

/** How well a passage's best sentence answers a question's aspect. */
export function sectionScore(p: Passage, question: string, terms: TermSplitter, aspect: Aspect | undefined): number {
  const wanted = new Set(terms(question));
  const units = aspect === 'amount' || aspect === 'duration' || aspect === 'term' ? wantedUnits(question, aspect) : undefined;
  return Math.max(0, ...passageSentences(p.text).map((t) => sentenceScore(t, wanted, terms, units, aspect) + askedBonus(t, question, aspect, units)));
}

// A kind a text sorts its cases by: 认定类, 评审类 (two characters before 类), A类 (a category letter).
const KIND_RE = /(?:[A-E]|[\u4e00-\u9fa5]{2})类(?!别|型|似)/gu;

/** The kinds of the passage's sentences that the question names; empty when it names none of them. */
function kindsAsked(question: string, sentences: readonly string[]): { asked: string[]; all: string[] } {
  const all = [...new Set(sentences.flatMap((s) => s.match(KIND_RE) ?? []))];
  const q = question.normalize('NFKC');
  return { asked: all.filter((k) => q.includes(k)), all };
}

/** A sentence about a kind other than the one asked, and not about the asked one. */
function ofOtherKind(sentence: string, kinds: { asked: string[]; all: string[] }): boolean {
  if (kinds.asked.length === 0 || kinds.asked.some((k) => sentence.includes(k))) return false;
  return kinds.all.some((k) => !kinds.asked.includes(k) && sentence.includes(k));
}

/** The best sentences of a passage for a question, best first. */
export function bestSentences(p: Passage, question: string, terms: TermSplitter, aspect: Aspect | undefined, max = 2, stress = '', named: readonly string[] = []): string[] {
  const sentences = passageSentences(p.text).filter((s) => !/^示例文本/u.test(s));
  const wanted = new Set(terms(question));
  const units = aspect === 'amount' || aspect === 'duration' || aspect === 'term' ? wantedUnits(question, aspect) : undefined;
  // The words of this very turn ("硕士呢？") decide between sentences the earlier turn ties.
  const stressed = terms(stress).filter((t) => t.length >= 2 && occursAlone(stress, t, terms(stress)));
  const kinds = kindsAsked(question, sentences);
  // The case the question names (硕士 of "硕士可以申请人才公寓吗") is answered by the sentence stating that
  // case's provision, not by the one of another case that shares more topic words.
  // A follow-up's own words decide: "我老婆有套房子" after "C类人才…能领吗" asks about the spouse, not C类.
  const cases = casesStressed(stress || question);
  const ofCase = (s: string): boolean => cases.some((c) => mentionsCase(s, c));
  const scored = sentences.map((s, i) => ({
    s,
    i,
    // A thing the question names (居住证) outweighs the topic words every sentence shares; a sentence of
    // another kind than the one asked ("评审类…每年两批" when 认定类 is asked) shares words but not the case.
    score: sentenceScore(s, wanted, terms, units, aspect) + askedBonus(s, question, aspect, units) + 2 * stressed.filter((t) => occursAlone(s, t, terms(s))).length + (named.some((w) => s.includes(w)) ? 10 : 0) - (ofOtherKind(s, kinds) ? 3 : 0) + (ofCase(s) ? 6 : 0),
  }));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  // Among the best, the asked case's own sentence leads: the glossary's other names of the topic
  // (人才公寓, 人才专项租赁住房) weigh for the sentence of another case that happens to spell them out.
  const top = ranked.slice(0, max);
  return [...top.filter((x) => ofCase(x.s)), ...top.filter((x) => !ofCase(x.s))].map((x) => x.s);
}

/**
 * The answer to one asked point from one passage. An amount (or a period) asked with a case is
 * answered with the labelled figure ("硕士3万元（一次性）"), with the sentence that states it as
 * the basis; anything else with the passage's best sentence.
 */
export function answerPoint(p: Passage, question: string, aspect: Aspect | undefined, terms: TermSplitter, known: readonly string[], stress = '', added = '', category?: string, named: readonly string[] = []): AnsweredPoint {
  const items = listItems(p.text);
  const own = sectionAspect(p.heading);
  // One condition asked by its measure, wait or a missing paper ("合同要签几年", "入职就能申请吗，还是要等",
  // "材料差一份能先受理吗") is that condition's
  // sentence, not the whole list of conditions.
  const oneCondition = own === 'eligibility' && (WAITING_RE.test(question) || EARLY_ASKED_RE.test(question) || MEASURE_ASKED_RE.test(question) || MISSING_ASKED_RE.test(question));
  if (p.kind === 'guide' && items.length >= 2 && own !== undefined && own === aspect && (own === 'materials' || (own === 'eligibility' && !oneCondition) || own === 'procedure')) {
    // One step asked by name ("怎么补办") is that step, not the whole procedure.
    // The glossary's words count: "丢了" names the step "遗失补办".
    const step = own === 'procedure' ? namedItem(items, `${question} ${added}`, terms, `${p.heading} ${benefitOf(p)} ${p.docTitle}`) : undefined;
    if (step) return { passage: p, direct: `${benefitOf(p)}${topicOf(p.heading)}：${step}`, basis: [] };
    return { passage: p, direct: `${benefitOf(p)}${topicOf(p.heading)}：${listSummary(items, aspect, question, terms, known)}`, basis: [], list: true };
  }
  // How long until the money arrives is every wait the time-limit section states (review, then public
  // notice, then payment), not the one of them that names the payment; counted from a step, the waits
  // after it (see askedBonus).
  if (aspect === 'duration' && p.kind === 'guide' && own === 'duration' && MONEY_ARRIVES_RE.test(`${question} ${added}`) && !countsFromStep(question, p.text) && [...strip(p.text)].length <= 90) {
    return { passage: p, direct: `${benefitOf(p)}${topicOf(p.heading)}：${strip(p.text.replace(/\s+/gu, ''))}`, basis: [] };
  }
  const wantsFigure = aspect === 'amount' || aspect === 'payment' || aspect === 'duration' || aspect === 'term' || (aspect === undefined && /多少|几|多久|多长|how (much|many|long)/iu.test(question));
  // "一共能拿多少": the figures named, summed with their terms shown, when the text settles the sum.
  const total = (aspect === undefined || aspect === 'amount' || aspect === 'term') && /多少|几万|how much/iu.test(question) ? figureTotal(question, p.text, terms, known) : undefined;
  if (total) {
    const subject = p.kind === 'policy' ? topicOf(p.heading) : `${benefitOf(p)}${topicOf(p.heading)}`;
    const basis = [...new Set(total.figures.map((f) => f.sentence))];
    return { passage: p, direct: `${subject}：${totalWords(total)}`, basis };
  }
  // A wait before applying is stated as a condition ("社保满6个月后申请"), not as a figure of a case.
  const asking = focusOf(question);
  if (wantsFigure && !WAITING_RE.test(question)) {
    const figures = labelledFigures(p.text);
    const options = { units: wantedUnits(question, aspect), terms, known };
    // The person's own words name the case; the glossary's added terms only when they do not (副主任医师 → 副高).
    // This turn's own words first: "不对，我是硕士" replaces the case of the earlier turn.
    const turn = stress ? figuresAsked(stress, figures, options) : undefined;
    // In a long message the asking sentence names the case ("在站期间的生活补贴一年多少钱？"); the story
    // before it (工作站, 出站留下来还有一笔钱) names the other figures of the article.
    const inFocus = !turn?.byCase && asking.length < question.trim().length ? figuresAsked(asking, figures, options) : undefined;
    const own = turn?.byCase ? turn : inFocus?.byCase ? inFocus : figuresAsked(question, figures, options);
    const asked = own.byCase || !added ? own : figuresAsked(`${question} ${added}`, figures, options);
    if (asked.byCase && asked.figures.length <= 3) {
      const subject = p.kind === 'policy' ? topicOf(p.heading) : `${benefitOf(p)}${topicOf(p.heading)}`;
      const caseWord = terms(question).find((t) => asked.figures.every((f) => f.context.includes(t)) && t.length >= 2 && !subject.includes(t)) ?? '';
      const figures = `${subject}：${asked.figures.map((f) => figureText(f, caseWord)).join('，')}`;
      // "E类100万是一次性给还是分期": the figure of the case with how it is paid.
      const paid = aspect === 'payment' ? bestSentences(p, question, terms, aspect, 1, stress)[0] : undefined;
      const direct = paid ? `${figures}；${strip(paid)}` : figures;
      const basis = [...new Set(asked.figures.map((f) => quoteAround(f.sentence, f.context)))];
      return { passage: p, direct, basis };
    }
  }
  // A provision that differs by talent category (金卡 for A–C, 银卡 for D, E and 区级), asked by a person
  // of one category: the segment naming their category is the answer. "我拿的是哪种卡" asks what one
  // receives (an amount) where the text states no figure: the category's segment answers it too.
  if (category && p.kind === 'policy' && (aspect === undefined || aspect === 'eligibility' || aspect === 'amount')) {
    const segments = caseSegments(p.text);
    const segment = segmentFor(segments, category);
    if (segment && asksWhichCase(`${question} ${stress}`, segments, terms)) return { passage: p, direct: `${categoryWords(category)}：${segment.text}`, basis: [], caseOf: category };
  }
  // A figure asked at the end of a long message is found by the asking sentence and the cases the
  // message names, not by the story's words (工作站 of "我刚进了…博士后工作站" picks the 建站 sentence).
  const sought = wantsFigure && asking.length < question.trim().length ? `${asking} ${casesNamed(question).join(' ')}` : question;
  const [best, second] = bestSentences(p, `${sought} ${added}`, terms, aspect, 2, stress, named);
  const lead = p.kind === 'guide' ? `${benefitOf(p)}${topicOf(p.heading)}：` : '';
  // A condition listed case by case is answered for the case asked, the whole sentence quoted.
  const narrowed = aspect === 'eligibility' && best ? caseItem(best, question, terms, known) : undefined;
  if (narrowed && best) return { passage: p, direct: `${lead}${narrowed}`, basis: [best] };
  // A term or a time asked of a long sentence is answered by the clause stating it ("最长享受3年").
  const timeUnits = wantedUnits(question, aspect);
  const clause = (aspect === 'term' || aspect === 'duration' || (aspect === 'amount' && !timeUnits.test('1万元'))) && best ? figureClause(best, timeUnits) : undefined;
  if (clause && best) return { passage: p, direct: `${p.kind === 'policy' ? `${topicOf(p.heading)}：` : lead}${clause}`, basis: [best] };
  // How it is paid is answered by the sentences saying so ("安家补贴分5年发放"), in the text's order,
  // however many topic words the sentence naming the benefit shares.
  if (aspect === 'payment') {
    const paying = passageSentences(p.text).filter((t) => PAYMENT_RE.test(t)).slice(0, 2);
    if (paying.length > 0) return { passage: p, direct: `${lead}${paying.map(strip).join('；')}`, basis: [] };
  }
  // A general question ("安家补贴是一次给完吗") gets the two sentences that answer it best; so does one asking
  // two times ("审核要多久，审完多久发钱"), the words of this turn counting.
  const twoTimes = aspect === 'duration' && (`${stress || question}`.normalize('NFKC').match(TIME_ASKED_RE) ?? []).length >= 2;
  const more = (aspect === undefined || aspect === 'payment' || twoTimes) && second ? `；${strip(second)}` : '';
  return { passage: p, direct: `${lead}${strip(best ?? p.text)}${more}`, basis: [] };
}

/** The one clause of a long sentence that carries a figure in the asked unit; undefined when not one. */
export function figureClause(sentence: string, units: RegExp): string | undefined {
  const body = strip(sentence);
  if ([...body].length <= 40) return undefined;
  const clauses = body.split(/[，,]/u).map((c) => c.trim());
  const carrying = clauses.filter((c) => labelledFigures(c).some((f) => units.test(f.figure)));
  return carrying.length === 1 ? carrying[0] : undefined;
}

/**
 * The item of a "A、B、C的人才，…可直接落户" sentence that names the asked case, with what the sentence
 * says of every item ("全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户"); undefined when no
 * single item names it.
 */
export function caseItem(sentence: string, question: string, terms: TermSplitter, known: readonly string[]): string | undefined {
  const body = strip(sentence);
  const items = body.split('、');
  if (items.length < 3) return undefined;
  const last = items[items.length - 1] ?? '';
  const cut = last.search(/(?<=[）)])的|的(?=人|，)/u);
  if (cut < 0) return undefined;
  const tail = last.slice(cut);
  const heads = [...items.slice(0, -1), last.slice(0, cut)];
  const q = question.normalize('NFKC');
  const distinct = terms(q).filter((t) => t.length >= 2 && occursAlone(q, t, known) && !heads.every((h) => h.includes(t)));
  const hits = heads.map((h, i) => ({ h, i })).filter(({ h }) => distinct.some((t) => occursAlone(h, t, known)));
  if (hits.length !== 1) return undefined;
  const head = (hits[0]?.h ?? '').replace(/^具有/u, '');
  return `${head}${tail}`;
}

/** The sentence from the clause that names the figure's case on ("……按学历给予一次性生活补贴：…"). */
function quoteAround(sentence: string, context: string): string {
  const clauses = sentence.split(/(?<=[，,])/u);
  if (clauses.length <= 2) return sentence;
  // A sum alone in its sentence is granted on the clauses before it ("…签订3年以上劳动合同的，给予一次性补贴
  // 40万元"): they are its conditions, not the head of a list of cases, and stay.
  if (labelledFigures(sentence).filter((f) => /元$/u.test(f.figure)).length <= 1) return sentence;
  // Keep the clause the figure's own list starts in, and what follows it.
  const start = clauses.findIndex((c, i) => clauses.slice(0, i + 1).join('').length > context.lastIndexOf('，') + 1);
  const kept = clauses.slice(Math.max(0, start)).join('');
  return start > 0 ? `……${kept}` : sentence;
}
