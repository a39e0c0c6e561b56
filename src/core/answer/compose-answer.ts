import { benefitOf, namesBenefit, nearBenefit, ofEveryBenefit, onBenefit, saysOfText, topicOf } from '../analysis/benefit-of.js';
import { caseLead } from '../analysis/case-named.js';
import { categoriesNamed, categoryNamed } from '../analysis/case-segments.js';
import { analyseQuestion, PROCEDURAL_ASPECTS, thingsAsked, type Aspect } from '../analysis/question-analysis.js';
import { sectionAspect } from '../analysis/passage-structure.js';
import type { Passage, TermSplitter } from '../ports/knowledge-port.js';
import type { Citation, Lang } from '../types.js';
import { answerPoint, articleOf, guideOf, sectionFor, sectionScore, sectionsOf, type AnsweredPoint, type PassageLookup } from './answer-parts.js';
import { statesPayment, WAITING_RE } from './aspect-sentences.js';
import { CAVEAT_EN, CAVEAT_ZH, citationOf, sourceName } from './citation-of.js';
import { amountsIn } from './llm-composer.js';
import { citesClaimedNotice, claimLead, withoutHearsay } from './claimed-notice.js';
import { composeValidity } from './compose-validity.js';
import { englishPoint, englishSource } from './compose-english.js';
import { asksTotal, totalSubject } from './figure-total.js';
import { namedThing } from './named-thing.js';
import { articlesNamed, documentArticles, guideFor, partTopic, sharesWord, turnParts, withCase } from './part-topic.js';

/** An answer text with the citations it relies on. */
export interface Composed {
  /** Markdown. */
  text: string;
  /** Citations in order of use. */
  citations: Citation[];
}

/** What the composer answers from. */
export interface AnswerInput {
  /** The question as searched (standalone). */
  question: string;
  /** Reply language. */
  lang: Lang;
  /** Retrieved passages, best first. */
  passages: Passage[];
  /** The question is about the old policy. */
  wantsOld: boolean;
  /** Splits text into terms for sentence selection. */
  terms: TermSplitter;
  /** Looks up passages by key (guide sections, the article a guide implements); without it only `passages` are used. */
  lookup?: PassageLookup;
  /** The person's own words this turn (a follow-up's question is `question` with the earlier turn); default `question`. */
  asked?: string;
  /** Policy terms the glossary added to the question (they name benefits too: 房补 → 租房补贴). */
  addedTerms?: readonly string[];
  /** The person's talent category from earlier turns (A–E or district), when they gave it. */
  category?: string;
}

/** The caveat, once, short. */
export const caveatLine = (lang: Lang): string => (lang === 'en' ? `_Sample text, not the official wording (${CAVEAT_ZH})_` : `_${CAVEAT_ZH}_`);

/**
 * The passage the asked aspect lives in: a guide section for procedural aspects, the article for
 * amounts, terms and limits. Among the guide's sections, the one whose sentences carry the asked
 * point wins, its heading counting for it: "交满多久社保才能申请" is answered by the condition "社保满6个月
 * 后申请", not by the time-limit section's "审核30个工作日".
 */
function passageFor(aspect: Aspect | undefined, top: Passage, pool: readonly Passage[], lookup: PassageLookup | undefined, question: string, terms: TermSplitter, several = false): Passage {
  if (!lookup || aspect === undefined) return top;
  if (aspect === 'effective') return finalProvisions(top, lookup, question, terms) ?? top;
  if (PROCEDURAL_ASPECTS.includes(aspect)) {
    const guide = guideOf(top, pool);
    if (!guide) return top;
    const sections = sectionsOf(guide, lookup);
    if (WAITING_RE.test(question) && (aspect === 'schedule' || aspect === 'duration')) return carrying(sections, 'duration', question, terms) ?? top;
    if (aspect === 'where' && PAID_TO_RE.test(question)) return carrying(sections, 'where', question, terms, true) ?? top;
    if (aspect === 'schedule') return carrying(sections, aspect, question, terms) ?? top;
    if (top.kind === 'guide' && sectionAspect(top.heading) === aspect) return top;
    return sectionFor(sections, aspect, question, terms) || top;
  }
  if (top.kind !== 'guide' || sectionAspect(top.heading) === aspect) return top;
  const guide = top.docId;
  // A condition asked of a guide section about something else ("入职就能申请吗，还是要等" landing on the time
  // limit) is answered by the section whose sentence states it: the conditions, or the step providing for
  // it ("次要材料暂缺的实行容缺受理"). How the money is paid is the payment step ("发放至本人银行卡").
  if (aspect === 'eligibility') return carrying(sectionsOf(guide, lookup), aspect, question, terms, false, true) ?? top;
  if (aspect === 'payment' && !statesPayment(top)) return carrying(sectionsOf(guide, lookup), aspect, question, terms, true) ?? top;
  // An amount asked of a guide's "适用对象" restatement is answered from the article it restates; a
  // second part (a term, a limit, what one receives) likewise from the article, whatever section the
  // first part landed on.
  if (aspect === 'amount' && sectionAspect(top.heading) !== 'duration') return articleOf(top, lookup) ?? top;
  if (several && aspect !== 'combine' && aspect !== 'definition') return articleOf(top, lookup) ?? top;
  return top;
}

// The aspects a thing named in the question can answer: a general or yes/no question ("护照要交吗"), a
// materials or conditions question. A figure, a time or a place asked is answered by its own section.
const NAMING_ASPECTS: readonly (Aspect | undefined)[] = [undefined, 'materials', 'eligibility'];

const MISSING_RE = /还没|没带|不齐|不全|暂缺|缺少|后补|补交/u;

// "钱打到哪里" asks where the money is paid to (the account), which no "where to apply" section says.
const PAID_TO_RE = /(打|发|转|汇|存)到|到账|发放到/u;

/** The section whose best sentence carries the aspect, its heading counting for it. */
function carrying(sections: readonly Passage[], aspect: Aspect, question: string, terms: TermSplitter, anySection = false, offTopic = false): Passage | undefined {
  if (aspect === 'schedule') return sectionFor(sections, aspect, question, terms);
  const timed = anySection ? sections : sections.filter((s) => sectionAspect(s.heading) !== 'where');
  // A condition is told apart by the rest of the question: the guide's own name (外国人工作许可) is the
  // topic every section shares, and its many words would pick the section restating it (适用对象).
  const title = offTopic ? `${sections[0]?.docTitle ?? ''} ${sections[0]?.shortName ?? ''}` : '';
  const asked = terms(question).filter((t) => [...t].length >= 2 && title.includes(t)).reduce((q, t) => q.split(t).join(' '), question);
  const score = (s: Passage): number => sectionScore(s, asked, terms, aspect) + (sectionAspect(s.heading) === aspect ? 1.5 : 0);
  return [...timed].sort((a, b) => score(b) - score(a))[0];
}

/**
 * When a text took effect, and for how long: the article of its document that says so (a policy's
 * final provisions, "自…起施行，有效期五年"), whichever article of it was retrieved.
 */
function finalProvisions(top: Passage, lookup: PassageLookup, question: string, terms: TermSplitter): Passage | undefined {
  const articles = documentArticles(top, lookup);
  // The retrieved article first; a tie goes to it.
  const score = (p: Passage): number => sectionScore(p, question, terms, 'effective') + (p.key === top.key ? 0.5 : 0);
  const best = [...articles].sort((a, b) => score(b) - score(a))[0];
  return best && score(best) >= 3 ? best : undefined;
}

/** The successor's article that says the old text is repealed ("…同时废止"). */
function repealOf(old: Passage, lookup: PassageLookup): Passage | undefined {
  const names = [old.shortName, old.docTitle].filter((n): n is string => n !== undefined && n !== '');
  for (let n = 1; n <= 80; n += 1) {
    const p = lookup(`${old.supersededBy ?? ''}-${n}`)[0];
    if (!p) {
      if (n > 1) break;
      continue;
    }
    if (/废止|失效/u.test(p.text) && names.some((name) => p.text.includes(name))) return p;
  }
  return undefined;
}

/**
 * The passage about the kind of thing a question asks for ("A类人才发的是什么卡" asks for a card) when
 * the top passage never names it and one of the next few heads with it: the category named
 * (A类人才) pulls the definitions article first, but the card is what is asked.
 */
function thingAsked(question: string, top: Passage, ranked: readonly Passage[]): Passage | undefined {
  const things = thingsAsked(question);
  const missing = things.filter((t) => !top.heading.includes(t) && !top.text.includes(t));
  if (missing.length === 0) return undefined;
  return ranked.slice(0, 5).find((p) => p.status === top.status && missing.some((t) => p.heading.includes(t)));
}

/** The terms the corpus names things by (benefits of the pool), so 博士 inside 博士后 is not read as a degree. */
function knownTerms(pool: readonly Passage[]): string[] {
  return [...new Set(pool.map((p) => benefitOf(p)).filter((t) => t.length >= 2))];
}

/**
 * The answer to a policy or procedure question in the shape people need: one direct sentence with
 * the figure or fact asked for (labelled with its case) and its key; the original sentences it rests
 * on, only when they add to it; where to apply, pointing at the guide's procedure section; the caveat
 * once. The full texts travel in the citations (the source cards).
 */
export function composeAnswer(input: AnswerInput): Composed {
  const { lang, passages, lookup } = input;
  const pool = passages.filter((p) => input.wantsOld || p.status === 'current');
  // A question about the old policy is answered from it, even when a current text ranks above.
  const ranked = input.wantsOld ? [...passages.filter((p) => p.status === 'superseded'), ...passages.filter((p) => p.status !== 'superseded')] : pool.length > 0 ? pool : passages;
  const first = ranked[0];
  if (!first) return { text: '', citations: [] };
  // What is asked comes from this turn's own words; the standalone question only adds the topic.
  const own = analyseQuestion(withoutHearsay(input.asked ?? input.question));
  // "硕士呢？" asks again what the earlier turn asked, of another case.
  const analysis = own.aspects.length > 0 ? own : turnParts(analyseQuestion(withoutHearsay(input.question)), input.asked);
  if (analysis.aspects[0] === 'validity') {
    // The article of the successor that repeals the old text, found by key when retrieval missed it.
    const repealing = lookup ? passages.filter((p) => p.status === 'superseded' && p.supersededBy).map((p) => repealOf(p, lookup)).find((p) => p !== undefined) : undefined;
    const withRepeal = repealing && !passages.some((p) => p.key === repealing.key) ? [...passages, repealing] : passages;
    const validity = composeValidity(input.asked ?? input.question, withRepeal, lang, caveatLine(lang));
    if (validity) return validity;
  }
  const claimed = citesClaimedNotice(input.asked ?? input.question);
  // A claimed figure asks for the figure in force: answer the amount (or period) it speaks of.
  if (claimed && analysis.parts.length === 0) analysis.parts.push({ text: analysis.focus, aspect: 'amount' });
  const stress = input.asked && input.asked !== input.question ? input.asked : '';
  // Keep to the benefit the question names: a sibling benefit ranked above it is not the answer. Only
  // the asking clause names it: background ("想把户口迁来方便孩子上学") does not.
  const long = analysis.focus.length < (input.asked ?? input.question).length;
  const named = long ? analysis.focus : `${input.question} ${(input.addedTerms ?? []).join(' ')}`;
  const said = long ? analysis.focus : input.asked ?? input.question;
  const onNamed = onBenefit(named, ranked, 5, said) ?? first;
  // A benefit named one character off (生火补贴) is answered for the benefit it is near, saying so,
  // rather than from whatever sibling benefit ranked first.
  const near = namesBenefit(named, onNamed) ? undefined : nearBenefit(said, ranked);
  // A figure asked for a case (博士) is not answered from an article that never speaks of that case when
  // another states its figure; a benefit the question names keeps its own article.
  // A heard figure ("听说博士…涨到20万了") asks for the figure in force, of the case it names.
  const asksFigure = analysis.aspects[0] === 'amount' || claimed || (analysis.aspects.length === 0 && /多少|几万|how much/iu.test(said));
  const byCase = asksFigure && !near && !namesBenefit(named, onNamed) ? caseLead(said, onNamed, ranked) : undefined;
  // "同一类补贴能不能重复拿" names no benefit: the provision saying it of every benefit answers, not one
  // article's clause about its own benefit.
  const everyBenefit = analysis.aspects[0] === 'combine' && !near && !namesBenefit(named, onNamed) ? ofEveryBenefit(ranked) : undefined;
  const top = near?.passage ?? byCase ?? everyBenefit ?? thingAsked(input.asked ?? input.question, onNamed, ranked) ?? onNamed;
  const known = knownTerms(ranked.slice(0, 8));
  // The category this turn names, else the person's own from earlier turns, else the earlier question's.
  // A question comparing categories ("C类跟D类一样吗") is answered for all of them, not the person's own.
  const compares = categoriesNamed(input.asked ?? input.question).length >= 2;
  const category = compares ? undefined : categoryNamed(input.asked ?? input.question) ?? input.category ?? categoryNamed(input.question);
  // A question asking one thing of two benefits it names ("生活补贴和租房补贴 哪个是一次性的") is answered
  // for each of them, from its own article.
  const benefitsNamed = analysis.parts.length === 0 && !near && !claimed ? articlesNamed(said, ranked) : [];
  const parts: { text: string; aspect: Aspect | undefined; topic?: Passage }[] =
    analysis.parts.length > 0 ? analysis.parts : benefitsNamed.length >= 2 ? benefitsNamed.map((topic) => ({ text: said, aspect: undefined, topic })) : [{ text: analysis.focus, aspect: undefined }];
  const points: AnsweredPoint[] = [];
  // The aspect each point answers, for the English rendering of it.
  const pointAspects: (Aspect | undefined)[] = [];
  // Each part naming a topic of its own is answered from that topic's passage; a part naming none keeps
  // the first part's topic, else the question's. The glossary's term for a part's looser word (房补 →
  // 租房补贴) counts for the part that says part of it.
  const several = parts.length > 1;
  // A part saying something specific of the top passage ("返乡创业") is not moved by the glossary's guess
  // at one of its words (创业 → 人才创业项目).
  const ownTerms = (text: string): string => (saysOfText(text, `${top.heading} ${top.text}`) ? text : `${text} ${(input.addedTerms ?? []).filter((t) => sharesWord(text, t)).join(' ')}`);
  // The glossary's terms no part says any of (孩子上学 → 子女入学) are for the one part naming no topic.
  const unsaid = (input.addedTerms ?? []).filter((t) => !parts.some((p) => p.text.includes(t) || sharesWord(p.text, t)));
  const topicless = several ? parts.filter((p) => !partTopic(ownTerms(p.text), top, ranked, lookup)) : [];
  const partWords = (text: string): string => (topicless.length === 1 && topicless[0]?.text === text ? `${ownTerms(text)} ${unsaid.join(' ')}` : ownTerms(text));
  const firstTopic = several && parts[0] ? partTopic(partWords(parts[0].text), top, ranked, lookup) : undefined;
  for (const part of parts.slice(0, 3)) {
    const partTop = part.topic ?? (several ? (partTopic(partWords(part.text), top, ranked, lookup) ?? firstTopic ?? top) : top);
    // The guide of a part's own topic, when retrieval brought none of it, for a procedural part.
    const guide = partTop !== top && lookup && part.aspect !== undefined && PROCEDURAL_ASPECTS.includes(part.aspect) ? guideFor(partTop, ranked, lookup) : undefined;
    const guideFirst = guide && lookup && !ranked.some((p) => p.docId === guide) ? lookup(`${guide}-1`)[0] : undefined;
    const partPool = guideFirst ? [...ranked, guideFirst] : ranked;
    // The case named once is carried to a part about another topic; a later part about the same thing
    // ("A类发的是什么卡？拿这张卡能享受什么") asks of the thing, not of the case.
    const otherTopic = benefitOf(partTop) !== benefitOf(firstTopic ?? top);
    const partText = several && parts[0] && part !== parts[0] && otherTopic ? withCase(part.text, parts[0].text) : part.text;
    // A procedural aspect asked after background ("我本科毕业两年，…，生活补贴什么时候能申请") is
    // answered from its asking clause: the background's 本科, 毕业 would pick the conditions instead.
    const background = long && part.aspect !== undefined && PROCEDURAL_ASPECTS.includes(part.aspect);
    // A total asked after another part ("…最多拿几年，加起来多少") sums what the earlier parts name.
    const carried = parts.length > 1 && part !== parts[0] && asksTotal(part.text) ? parts.slice(0, parts.indexOf(part)).map((p) => totalSubject(p.text)).join(' ') : '';
    const asked = parts.length > 1 ? `${partText} ${carried} ${benefitOf(partTop)}`.replace(/\s+/gu, ' ') : background ? analysis.focus : input.question;
    const added = (input.addedTerms ?? []).join(' ');
    const passage = passageFor(part.aspect, partTop, partPool, lookup, `${asked} ${added}`, input.terms, parts.length > 1);
    // This turn's words weigh a follow-up's one point; a part of several asks only its own clause.
    const weigh = parts.length > 1 ? '' : stress;
    // The person's category picks the case of the part that asks which one ("A类发的是什么卡"), not of a
    // later part about the thing itself ("拿这张卡能享受什么").
    // A later part about another topic ("区级高层次人才安家补贴多少，发什么人才卡") keeps the category named once.
    const sameTopic = points.some((p) => benefitOf(p.passage) === benefitOf(partTop));
    const partCategory = parts.length > 1 && points.length > 0 && !categoryNamed(part.text) && sameTopic ? undefined : category;
    const point = answerPoint(passage, `${asked} ${weigh}`, part.aspect, input.terms, known, weigh, added, partCategory);
    // A second part answered by what the first already says ("是指…35周岁以下" under another label) is not said twice.
    const body = point.direct.replace(/^[^：]{1,20}：/u, '');
    if (!points.some((p) => p.direct === point.direct || p.direct.includes(body))) {
      points.push(point);
      pointAspects.push(part.aspect);
    }
  }
  // One general question naming a thing (居住证, 护照, 绿色通道) is answered by the sentence naming it,
  // from the article or the section of its guide that does.
  const single = parts.length === 1 ? parts[0]?.aspect : null;
  // A list already answering the asked aspect names its things; a thing said to be missing ("还没开出来")
  // is not what is asked for.
  if (points.length === 1 && lookup && single !== null && NAMING_ASPECTS.includes(single) && !points[0]?.list) {
    const added = (input.addedTerms ?? []).join(' ');
    const thing = namedThing(input.asked ?? input.question, (points[0] as AnsweredPoint).passage, ranked, lookup, input.terms, added);
    const listed = thing && sectionAspect(thing.passage.heading) === 'materials';
    if (thing && !thing.words.some((w) => (points[0] as AnsweredPoint).direct.includes(w)) && !(listed && MISSING_RE.test(input.asked ?? input.question))) {
      // A materials list is named whole (the thing among the others); any other section by its sentence.
      const aspect = listed ? 'materials' : undefined;
      points[0] = answerPoint(thing.passage, input.question, aspect, input.terms, known, stress, added, category, thing.words);
      pointAspects[0] = aspect;
    }
  }
  const citations: Citation[] = [];
  const cite = (p: Passage): void => {
    if (!citations.some((c) => c.key === p.key)) citations.push(citationOf(p));
  };
  for (const point of points) cite(point.passage);
  const main = points[0] as AnsweredPoint;
  // The pointer to the procedure answers "can I get it" or a general question; a figure, a term or a
  // heard figure checked is answered by its sentence alone (the guide stays in the source cards).
  const pointed = !claimed && analysis.aspects.every((a) => a === 'eligibility');
  const apply = pointed ? howToApply(main.passage, analysis.aspects, ranked, lookup, lang) : undefined;
  if (apply) cite(apply.passage);
  // The article the guide section implements stays one click away in the source cards.
  if (main.passage.kind === 'guide' && lookup) {
    const article = articleOf(main.passage, lookup);
    if (article) cite(article);
  }
  const english = lang === 'en' ? englishLines(points, pointAspects, input.asked ?? input.question, apply?.passage, claimed && !claimOf(input.asked ?? input.question, points, passages).confirmed) : undefined;
  if (english) return { text: joinLines(english), citations };

  const lines: string[] = points.map((point) => `${point.direct} [${point.passage.key}]。`);
  // A claimed figure the answer itself states is confirmed, not doubted; one the superseded text states is that text's.
  const claim = claimed ? claimOf(input.asked ?? input.question, points, passages) : undefined;
  if (near && lines[0] !== undefined) lines[0] = `未找到“${near.said}”，以下按“${near.meant}”回答：${lines[0]}`;
  // The figure in force first; then that the claimed notice cannot be confirmed.
  if (claim && !claim.confirmed) lines.push(claimLead(lang, input.asked ?? input.question, claim.oldSource));
  if (claim?.old) cite(claim.old);
  // Two parts resting on one sentence quote it once (the whole sentence over its "……" tail).
  const quoted = points.flatMap((p) => p.basis.map((s) => ({ s, p: p.passage })));
  const bare = (s: string): string => s.replace(/^……/u, '');
  const basis = quoted.filter((b, i) => !quoted.some((o, j) => j !== i && bare(o.s).includes(bare(b.s)) && (bare(o.s) !== bare(b.s) || j < i)));
  if (basis.length > 0) {
    // Parts answered from different passages quote each under its own source.
    const sources = [...new Set(basis.map((b) => b.p))];
    const quotes = sources.map((src) => `“${basis.filter((b) => b.p === src).map((b) => b.s).join('')}”（${sourceName(src)}）`);
    lines.push(`${lang === 'en' ? 'Basis' : '依据'}：${quotes.join('；')}`);
  } else {
    lines.push(`${lang === 'en' ? 'Basis' : '依据'}：${[...new Set(points.map((p) => sourceName(p.passage)))].join('；')}`);
  }
  if (apply) lines.push(apply.line);
  if (main.passage.status === 'superseded') lines.push(supersededLine(main.passage, lang));
  lines.push(caveatLine(lang));
  return { text: joinLines(lines), citations };
}

/**
 * The answer in English from the passages' unofficial translations, in the same shape; undefined
 * when a passage it needs has no translation (the reply then keeps the Chinese sentences).
 */
function englishLines(points: readonly AnsweredPoint[], aspects: readonly (Aspect | undefined)[], question: string, apply: Passage | undefined, claimed: boolean): string[] | undefined {
  const rendered = points.map((p, i) => ({ p, en: englishPoint(p, question, aspects[i]) }));
  if (rendered.some((r) => !r.en)) return undefined;
  const lines = rendered.map(({ p, en }) => `${en?.direct ?? ''} [${p.passage.key}].`);
  if (claimed) lines.push(claimLead('en'));
  const quoted = rendered.flatMap(({ p, en }) => (en?.basis ?? []).map((s) => ({ s, p: p.passage })));
  const first = quoted[0];
  if (first) lines.push(`Basis (unofficial translation): “${quoted.map((q) => q.s).join(' ')}” — ${englishSource(first.p)} (Chinese original in the source card)`);
  else lines.push(`Basis: ${[...new Set(points.map((p) => englishSource(p.passage)))].join('; ')} (unofficial translation; Chinese original in the source card)`);
  if (apply) lines.push(`How to apply: see ${englishSource(apply)} [${apply.key}]`);
  const main = points[0]?.passage;
  if (main?.status === 'superseded') lines.push(supersededLine(main, 'en'));
  lines.push(`_${CAVEAT_EN}_`);
  return lines;
}

/**
 * What a claimed figure is measured against: confirmed when the direct answer states every amount the
 * question claims; otherwise the superseded text that states it, if one in the pool does.
 */
function claimOf(question: string, points: readonly AnsweredPoint[], pool: readonly Passage[]): { confirmed: boolean; oldSource?: string; old?: Passage } {
  const claimedAmounts = amountsIn(question).map((a) => a.value);
  if (claimedAmounts.length === 0) return { confirmed: false };
  const answered = new Set(points.flatMap((p) => amountsIn(p.direct)).map((a) => a.value));
  if (claimedAmounts.every((a) => answered.has(a))) return { confirmed: true };
  const benefits = new Set(points.map((p) => p.passage.heading.replace(/^第[^条]+条\s*/u, '')));
  const old = pool.find((p) => p.status === 'superseded' && benefits.has(p.heading.replace(/^第[^条]+条\s*/u, '')) && claimedAmounts.some((a) => amountsIn(p.text).some((x) => x.value === a)));
  return old ? { confirmed: false, oldSource: `《${old.shortName ?? old.docTitle}》${old.heading} [${old.key}]`, old } : { confirmed: false };
}

/** Paragraphs: the direct answers together, then the basis, the pointer, the caveat. */
function joinLines(lines: string[]): string {
  return lines.join('\n\n');
}

/**
 * "How to apply", pointing at the guide's procedure section, for a question about a benefit (not
 * when the question already asked a procedural aspect and got its section).
 */
function howToApply(main: Passage, aspects: readonly Aspect[], pool: readonly Passage[], lookup: PassageLookup | undefined, lang: Lang): { line: string; passage: Passage } | undefined {
  if (!lookup || main.status !== 'current' || aspects.some((a) => PROCEDURAL_ASPECTS.includes(a))) return undefined;
  const guide = guideOf(main, pool);
  if (!guide) return undefined;
  const procedure = sectionFor(sectionsOf(guide, lookup), 'procedure');
  if (!procedure || procedure.key === main.key) return undefined;
  return {
    line: lang === 'en' ? `How to apply: ${sourceName(procedure)} [${procedure.key}]` : `怎么申请：见${sourceName(procedure)} [${procedure.key}]`,
    passage: procedure,
  };
}

function supersededLine(p: Passage, lang: Lang): string {
  // A text past its expiry date with no successor (the library serves it so) was not replaced by 25条.
  if (p.supersededBy === undefined && p.expires !== undefined) {
    return lang === 'en'
      ? `⚠️ This text expired on ${p.expires} and is no longer in force; check the latest official release.`
      : `⚠️ 《${p.shortName ?? p.docTitle}》已于${p.expires}到期失效，请以最新发布的政策为准。`;
  }
  return lang === 'en'
    ? `⚠️ This is a superseded policy${p.expires ? ` (repealed ${p.expires})` : ''}; the current rules are in 人才新政25条.`
    : `⚠️ 《${p.shortName ?? p.docTitle}》已废止${p.expires ? `（${p.expires}）` : ''}，现行规定以《人才新政25条》为准。`;
}

export { topicOf };
