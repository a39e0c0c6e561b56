import { benefitOf, benefitTerms, namesBenefit, PLACE_PREFIX_RE } from '../analysis/benefit-of.js';
import type { QuestionAnalysis } from '../analysis/question-analysis.js';
import { casesNamed } from '../analysis/case-named.js';
import type { Passage } from '../ports/knowledge-port.js';
import { articleOf, type PassageLookup } from './answer-parts.js';

/**
 * Which topic each part of a several-part question is about: "博士落户有没有年龄限制 生活补贴多少
 * 租房补贴一年多少" asks of three benefits, and each part is answered from its own article (or that
 * article's guide), not all of them from the one passage that ranked first. Pure.
 */

// Endings every benefit shares: 补贴 alone names no benefit in particular.
const GENERIC_END_RE = /^(补贴|补助|资助|项目|人才|指南|服务|支持)$/u;
// A benefit named by its kind of money.
const MONEY_RE = /(补贴|补助|资助|津贴|经费|奖励)$/u;

/**
 * The names a topic goes by in a short part: the benefit's own names (see benefitTerms); a long name also by its first and last
 * words (人才分类认定 is asked as 人才认定) unless the last is one every benefit ends in (补贴).
 */
export function topicNames(benefit: string): string[] {
  const out = benefitTerms(benefit);
  const chars = [...benefit.replace(PLACE_PREFIX_RE, '')];
  const end = chars.slice(-2).join('');
  if (chars.length >= 5 && !GENERIC_END_RE.test(end)) out.push(`${chars.slice(0, 2).join('')}${end}`);
  return [...new Set(out)].filter((t) => [...t].length >= 2);
}

/** The names of the passage's topic the words say. */
function topicSaid(words: string, p: Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle'>): string[] {
  const w = words.normalize('NFKC');
  return topicNames(benefitOf(p)).filter((t) => w.includes(t));
}

/** Whether the words name the passage's topic (by any of its names). */
export function namesTopic(words: string, p: Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle'>): boolean {
  return topicSaid(words, p).length > 0;
}

/** The articles of the document a passage belongs to (a guide's, the article it implements), in order. */
export function documentArticles(top: Passage, lookup: PassageLookup): Passage[] {
  const article = top.kind === 'guide' ? articleOf(top, lookup) : top;
  if (!article) return [];
  const prefix = article.key.replace(/-\d+$/u, '');
  const out: Passage[] = [];
  for (let n = 1; n <= 80; n += 1) {
    const p = lookup(`${prefix}-${n}`)[0];
    if (p) out.push(p);
    else if (n > 1) break;
  }
  return out;
}

/**
 * The passage a part naming a topic of its own is answered from: the top passage when the part names
 * its topic; else the first retrieved passage about the topic the part names (the retrieved section of
 * its guide answers a procedural part best); else the article of the document about it. Undefined when
 * the part names no topic: it keeps the topic of the question.
 */
export function partTopic(words: string, top: Passage, ranked: readonly Passage[], lookup: PassageLookup | undefined): Passage | undefined {
  if (namesTopic(words, top)) return top;
  const retrieved = ranked.filter((p) => p.status === top.status).find((p) => namesTopic(words, p));
  const found = retrieved ?? (lookup ? documentArticles(top, lookup).find((p) => p.status === top.status && namesTopic(words, p)) : undefined);
  if (!found) return undefined;
  // A sum of money the top passage itself provides (the 博士后's 生活补贴, the 特级教师's 安家补贴) is its
  // own, not the general article's: many articles pay a 生活补贴, each its own figure. A service with
  // an article of its own (子女入学) that the top passage only lists is answered by that article.
  const text = `${top.heading} ${top.text}`;
  return topicSaid(words, found).some((t) => MONEY_RE.test(t) && text.includes(t)) ? top : found;
}

/**
 * A guide implementing the article among the retrieved passages, else any guide of the corpus that
 * does (guides are keyed gNN-n): a procedural part about another benefit needs that benefit's guide.
 */
export function guideFor(article: Passage, pool: readonly Passage[], lookup: PassageLookup): string | undefined {
  if (article.kind === 'guide') return article.docId;
  const found = pool.find((q) => q.kind === 'guide' && q.status === 'current' && q.basis?.includes(article.key));
  if (found) return found.docId;
  for (let n = 1; n <= 99; n += 1) {
    const first = lookup(`g${String(n).padStart(2, '0')}-1`)[0];
    if (first?.kind === 'guide' && first.status === 'current' && first.basis?.includes(article.key)) return first.docId;
  }
  return undefined;
}

// The cases that cut across benefits: a degree or a talent category is the person's, whatever is asked.
// A title (特级教师) or a grade names the subject of one article, not the person of every part.
const PERSON_CASE_RE = /^(大专|专科|本科|硕士|博士|[A-E]类)$/u;

/**
 * The case named once for all parts ("硕士：生活补贴多少 房补一年多少") added to a later part that names
 * none of its own, so each part's figure is the case's.
 */
export function withCase(part: string, first: string): string {
  if (casesNamed(part).length > 0) return part;
  const cases = casesNamed(first).filter((c) => PERSON_CASE_RE.test(c));
  return cases.length > 0 ? `${cases.join('')} ${part}` : part;
}

/**
 * The analysis of the standalone question narrowed to the parts this turn asks: "本科租房补贴一年多少钱 博士呢"
 * read whole asks two cases, but the turn "博士呢" asks only the second again.
 */
export function turnParts(analysis: QuestionAnalysis, asked: string | undefined): QuestionAnalysis {
  const said = (asked ?? '').normalize('NFKC').trim();
  if (said === '' || analysis.parts.length < 2) return analysis;
  const ofTurn = analysis.parts.filter((p) => said.includes(p.text));
  return ofTurn.length > 0 && ofTurn.length < analysis.parts.length ? { ...analysis, parts: ofTurn } : analysis;
}

// Two characters every benefit's name shares say nothing of which one a part asks about.
const SHARED_GENERIC_RE = /^(补贴|补助|资助|人才|项目|申请|办理)$/u;

/** Whether a part says two characters running of a term (房补 of 租房补贴, 租房 of 租房补贴). */
export function sharesWord(part: string, term: string): boolean {
  const t = [...term];
  for (let i = 0; i + 2 <= t.length; i += 1) {
    const pair = t.slice(i, i + 2).join('');
    if (!SHARED_GENERIC_RE.test(pair) && /^\p{Script=Han}{2}$/u.test(pair) && part.includes(pair)) return true;
  }
  return false;
}

/** The articles among the best few whose benefits the words name, one per benefit, in rank order. */
export function articlesNamed(words: string, ranked: readonly Passage[]): Passage[] {
  const out: Passage[] = [];
  for (const p of ranked.slice(0, 5)) {
    if (p.kind === 'policy' && namesBenefit(words, p) && !out.some((o) => benefitOf(o) === benefitOf(p))) out.push(p);
  }
  return out;
}
