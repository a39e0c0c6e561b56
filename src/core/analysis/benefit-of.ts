import type { Passage } from '../ports/knowledge-port.js';
import { casesNamed, mentionsCase } from './case-named.js';
import { passageSentences } from './passage-structure.js';

/**
 * The benefit a passage is about, from the corpus's own headings: an article's topic
 * ("第五条 青年大学生生活补贴" → 青年大学生生活补贴), a guide's subject from its name
 * ("租房补贴申领指南" → 租房补贴). Used to keep an answer on the benefit the question names.
 */
export function benefitOf(p: Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle'>): string {
  if (p.kind === 'guide') return (p.shortName ?? p.docTitle).replace(/(申领|申请|申报|办理|办事)*指南$/u, '').trim();
  return topicOf(p.heading);
}

/** A heading without its number ("第五条 …", "三、…"). */
export function topicOf(heading: string): string {
  return heading.replace(/^第[^条章节]+[条章节]\s*/u, '').replace(/^[一二三四五六七八九十]+、\s*/u, '').trim();
}

// Words that name any benefit, not one.
const GENERIC_BENEFIT_RE = /^(补贴|补助|资助|奖励|政策|待遇|服务|项目)$/u;
// The district's or city's name before a benefit is dropped in speech: 钱塘举才官 is asked as 举才官.
export const PLACE_PREFIX_RE = /^(钱塘区?|杭州市?)/u;

/**
 * The names a benefit goes by: the full topic, its head noun (青年大学生生活补贴 → 生活补贴) and the
 * topic without the place it belongs to (钱塘举才官 → 举才官, 钱塘人才卡 → 人才卡).
 */
export function benefitTerms(benefit: string): string[] {
  const out = [benefit];
  if (benefit.length >= 6) out.push(benefit.slice(-4));
  const unplaced = benefit.replace(PLACE_PREFIX_RE, '');
  if (unplaced !== benefit && unplaced.length >= 3) out.push(unplaced);
  // Half the topics start with 人才, which speech leaves out: 人才落户 is asked as 落户, 人才分类认定 as
  // 分类认定 (人才服务 is not asked as 服务: that names every benefit).
  const given = unplaced.replace(/^人才/u, '');
  if (given !== unplaced && given.length >= 2 && !GENERIC_BENEFIT_RE.test(given)) out.push(given);
  return [...new Set(out)].filter((t) => t.length >= 2);
}

/** Whether the question (with the policy terms the glossary added) names the passage's benefit. */
export function namesBenefit(question: string, p: Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle'>): boolean {
  const q = question.normalize('NFKC');
  return benefitTerms(benefitOf(p)).some((t) => q.includes(t));
}

/**
 * The passage to answer from when the question names a benefit: the first of the best few that is
 * about a benefit the question names, so that a question about 租房补贴 is not answered from the
 * 人才公寓 article ranked above it. Undefined when the question names none of them.
 */
export function onBenefit<P extends Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle' | 'text'>>(question: string, ranked: readonly P[], depth = 5, said?: string): P | undefined {
  const top = ranked[0];
  if (!top) return undefined;
  const q = question.normalize('NFKC');
  // The other name the top passage gives its own benefit ("人才专项租赁住房（人才公寓）"): a
  // glossary term added for a looser word (房租 → 租房补贴) does not move the answer off it.
  if (said !== undefined && namesByAlias(said, top)) return top;
  const other = ranked.slice(0, depth).find((p) => namesBenefit(q, p));
  // The top passage that only speaks of the benefit named, never of the case the question names, is
  // another person's form of it: the 博士后 article's "生活补贴" is not the 博士's, whose own article names
  // both. Its article answers, whatever words the top passage shares with the question.
  if (other && other !== top && speaksOnlyOther(said ?? q, top, other) && !namesBenefit(q, top)) return other;
  // The benefit in the person's own words ("一次性创业补贴") that the top passage states outranks a
  // term the glossary added for a looser word in it (创业 → 人才创业项目).
  if (said !== undefined && benefitPhrases(said).some((t) => top.text.includes(t))) return top;
  const named = [...new Set(ranked.slice(0, depth).flatMap((p) => benefitTerms(benefitOf(p))))].filter((t) => q.includes(t));
  // The top passage stays when it is about, or speaks of, a benefit the question names (特级教师的安家补贴).
  if (named.length === 0 || named.some((t) => top.heading.includes(t) || top.text.includes(t) || benefitOf(top).includes(t))) return top;
  if (!other) return top;
  // A name only the glossary added for a looser word (创业 → 人才创业项目, 研发 → 人才创新项目) is a guess:
  // when the named passage shares none of the person's specific words and the top passage does
  // ("返乡创业的", "高校博士"), the top passage is the more specific match, and stays.
  const own = said ?? question;
  const guessed = !named.some((t) => own.normalize('NFKC').includes(t));
  if (guessed && sharedRun(own, top.text) >= MIN_OWN_RUN && sharedRun(own, other.text) < MIN_OWN_RUN) return top;
  return other;
}

/** The question names a case the top passage never speaks of and the other passage does (博士, not inside 博士后). */
function speaksOnlyOther(question: string, top: Pick<Passage, 'text'>, other: Pick<Passage, 'text'>): boolean {
  const cases = casesNamed(question);
  return cases.length > 0 && !cases.some((c) => mentionsCase(top.text, c)) && cases.some((c) => mentionsCase(other.text, c));
}

/** The shortest end of a bracketed name's run that still names the thing (租赁住房, not 住房). */
const MIN_ALIAS = 4;

/**
 * Whether the words name the passage's benefit by the other name the passage gives it in brackets:
 * "人才专项租赁住房（人才公寓）" or "人才公寓（人才专项租赁住房）" under 人才公寓. Before the brackets the
 * name is the end of a longer run ("可申请入住人才专项租赁住房"), so any end of it of four or more
 * characters counts.
 */
export function namesByAlias(words: string, p: Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle' | 'text'>): boolean {
  const benefit = benefitOf(p);
  if (benefit.length < 2) return false;
  const w = words.normalize('NFKC');
  const name = benefit.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const re = new RegExp(`(\\p{Script=Han}{4,})\\(${name}\\)|${name}\\((\\p{Script=Han}{4,12})\\)`, 'gu');
  for (const m of p.text.normalize('NFKC').matchAll(re)) {
    if (m[2] !== undefined && w.includes(m[2])) return true;
    const before = [...(m[1] ?? '')];
    for (let n = MIN_ALIAS; n <= Math.min(before.length, 12); n += 1) if (w.includes(before.slice(-n).join(''))) return true;
  }
  return false;
}

/** The shortest run of the person's words that is specific rather than a common word (补贴, 创业). */
const MIN_OWN_RUN = 3;

/**
 * Whether the person's own words say something of the text: a run of Han characters long enough to be a
 * term of it ("一人一议", "顶尖人才"), not two characters any text shares. A glossary reading of their words
 * (院士 → 顶尖人才) does not count: it is a guess at what they meant.
 */
export function saysOfText(said: string, text: string): boolean {
  return sharedRun(said, text) >= MIN_OWN_RUN;
}

/** The length of the longest run of Han characters the two texts share. */
export function sharedRun(said: string, text: string): number {
  const s = [...said.normalize('NFKC')];
  let best = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (!/\p{Script=Han}/u.test(s[i] ?? '')) continue;
    let n = best + 1;
    while (i + n <= s.length && /^\p{Script=Han}+$/u.test(s.slice(i, i + n).join('')) && text.includes(s.slice(i, i + n).join(''))) {
      best = n;
      n += 1;
    }
  }
  return best;
}

// A named benefit: two characters and the kind of money ("租房补贴", "创业补贴", "建站资助").
const BENEFIT_PHRASE_RE = /\p{Script=Han}{2}(?:补贴|补助|资助|津贴|经费)/gu;

/** The benefit names a text says literally (创业补贴 in "一次性创业补贴多少"). */
export function benefitPhrases(text: string): string[] {
  return [...new Set([...text.normalize('NFKC').matchAll(BENEFIT_PHRASE_RE)].map((m) => m[0]))];
}

/**
 * A benefit the person names one character off from a benefit the texts name ("生火补贴" for
 * 生活补贴), when no passage names it as said: the passage that names the near benefit, with both
 * names, so the answer can say which benefit it answers for instead of answering a sibling benefit.
 */
export function nearBenefit<P extends Pick<Passage, 'kind' | 'heading' | 'shortName' | 'docTitle' | 'text'>>(said: string, ranked: readonly P[], depth = 5): { passage: P; said: string; meant: string } | undefined {
  const pool = ranked.slice(0, depth);
  const namesOf = (p: P): string[] => [...benefitPhrases(p.text), ...benefitTerms(benefitOf(p))];
  for (const phrase of benefitPhrases(said)) {
    if (pool.some((p) => p.text.includes(phrase) || benefitOf(p).includes(phrase))) continue;
    for (const p of pool) {
      const meant = namesOf(p).find((n) => oneOff(phrase, n));
      if (meant) return { passage: p, said: phrase, meant };
    }
  }
  return undefined;
}

/** Same length and kind of money, one character different in the name before it. */
function oneOff(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length || x.slice(-2).join('') !== y.slice(-2).join('')) return false;
  return x.filter((c, i) => c !== y[i]).length === 1;
}

// A rule on combining benefits, and a sentence naming a kind of money (said of one benefit, not of all).
const COMBINE_RULE_RE = /就高|不重复|不得重复|不同时享受|不可兼得/u;
const NAMED_MONEY_RE = /补贴|补助|资助|奖励|安家费/u;

/**
 * Of the best three, the passage whose rule on combining benefits names no benefit of its own: it says
 * the rule of all of them ("同一类补贴能不能重复拿" is answered by 就高不重复 of the final provisions, not by
 * one article's clause about its own 安家补贴).
 */
export function ofEveryBenefit<P extends Pick<Passage, 'text'>>(ranked: readonly P[]): P | undefined {
  return ranked.slice(0, 3).find((p) => passageSentences(p.text).some((t) => COMBINE_RULE_RE.test(t) && !NAMED_MONEY_RE.test(t)));
}
