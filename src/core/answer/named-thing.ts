import { benefitOf, topicOf } from '../analysis/benefit-of.js';
import { passageSentences } from '../analysis/passage-structure.js';
import type { Passage, TermSplitter } from '../ports/knowledge-port.js';
import { articleOf, guideOf, sectionsOf, type PassageLookup } from './answer-parts.js';

/**
 * A thing the question names in its own words (a document, a service: 居住证, 护照, 绿色通道) that only
 * one or two sentences of the topic's texts name. "拿居住证可以申报吗" is answered by the sentence that
 * names 居住证 (the materials list), not by the article's general provision, however well the
 * provision matches the topic words every text of the topic shares.
 */
export interface NamedThing {
  /** The passage (the article or one section of its guide) whose sentence names the thing. */
  passage: Passage;
  /** The question's words that name it. */
  words: string[];
}

// Words of asking and of the topic itself name no thing.
const ASKING_RE = /申请|申报|办理|提交|需要|可以|能否|是否|怎么|如何|哪些|什么|人才|补贴|政策|材料|条件|流程|钱塘|区内|通过|以后|之后|以前|之前|时候|现在|已经|还是|还能|一般|如果|的话/u;

/** The sentences of a passage that name a word. */
const naming = (p: Passage, word: string): number => passageSentences(p.text).filter((s) => s.includes(word)).length;

/**
 * The passage naming what the question names, among the article and its guide's sections, when the
 * thing is named by few sentences (a word most sentences share names nothing); undefined when the
 * question names no such thing. The answering passage keeps it when it names the thing too.
 */
export function namedThing(question: string, answering: Passage, pool: readonly Passage[], lookup: PassageLookup, terms: TermSplitter, added = ''): NamedThing | undefined {
  const article = answering.kind === 'guide' ? articleOf(answering, lookup) : answering;
  const guide = guideOf(answering, pool) ?? (article ? guideOf(article, pool) : undefined);
  const texts = [...(article ? [article] : []), ...(guide ? sectionsOf(guide, lookup) : [])];
  if (!texts.some((t) => t.key === answering.key)) texts.unshift(answering);
  // The names of the topic's texts (工作许可, 居留 of the guide's title) are the topic, not a thing in it.
  const topic = texts
    .filter((t) => t.key === answering.key || t.key === article?.key || t.number === 1)
    .map((t) => `${benefitOf(t)} ${topicOf(t.heading)} ${t.docTitle} ${t.shortName ?? ''}`)
    .join(' ');
  const sentences = texts.reduce((n, t) => n + passageSentences(t.text).length, 0);
  // Only the asking clause names what is asked: "我有硕士和博士两个学位，按哪个算" asks no 学位. The
  // glossary's words for the question (户口本 → 户口簿) count with it.
  // A space between Chinese words stands for a comma ("外籍专家材料还差一份 能先受理吗").
  const clauses = question.normalize('NFKC').split(/[，,。？?！!；;]|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u).map((c) => c.trim()).filter((c) => c.length > 0);
  const last = clauses[clauses.length - 1] ?? '';
  // A glossary word of two characters (进度 → 审核) is a topic, not a thing named.
  const glossed = terms(added).filter((w) => [...w].length >= 3);
  // "包括哪些类别" asks for a kind of thing, which no sentence names by that word.
  const kinds = [...last.matchAll(/(?:哪些|哪个|哪种|哪类|什么|几个|几类|几种)([\u4e00-\u9fa5]{2})/gu)].map((m) => m[1] ?? '');
  const words = [...new Set([...terms(last), ...glossed])].filter((w) => [...w].length >= 2 && !topic.includes(w) && !ASKING_RE.test(w) && !kinds.some((k) => k.includes(w) || w.includes(k)));
  // Named by at most two sentences, and by fewer than a fifth of them.
  const rare = words.filter((w) => {
    const n = texts.reduce((sum, t) => sum + naming(t, w), 0);
    return n > 0 && n <= 2 && n * 5 < sentences;
  });
  if (rare.length === 0) return undefined;
  // The thing asked comes last in a Chinese question ("外籍人才办工作许可，护照要交吗"): the passage
  // naming the word that ends latest wins; the answering passage wins a tie.
  const q = `${question.normalize('NFKC')} ${added}`;
  const end = (w: string): number => q.lastIndexOf(w) + [...w].length;
  const weight = (p: Passage): number => Math.max(0, ...rare.filter((w) => p.text.includes(w)).map(end)) + (p.key === answering.key ? 0.5 : 0);
  const best = [...texts].sort((a, b) => weight(b) - weight(a))[0];
  if (!best || weight(best) < 2) return undefined;
  return { passage: best, words: rare.filter((w) => best.text.includes(w)) };
}
