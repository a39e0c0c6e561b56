import type { Fact, Profile } from './types.js';

/** What one extractor sees and writes. */
export interface ExtractContext {
  /** The message after NFKC and lower-casing (full-width digits and letters are ASCII here). */
  text: string;
  /** Today in China Standard Time. */
  today: { year: number; month: number };
  /** Records a fact; `convention` says what was assumed beyond the words (e.g. a month). */
  set<K extends Fact>(fact: K, value: NonNullable<Profile[K]>, convention?: string): void;
}

const CLAUSE_END = /[,，。;；!！?？\n]/u;

/** The text of the clause before `index` (up to `max` characters). */
export function before(text: string, index: number, max = 8): string {
  let start = index;
  while (start > 0 && index - start < max && !CLAUSE_END.test(text[start - 1] ?? '')) start -= 1;
  return text.slice(start, index);
}

/** The text of the clause from `index` (up to `max` characters). */
export function after(text: string, index: number, max = 8): string {
  let end = index;
  while (end < text.length && end - index < max && !CLAUSE_END.test(text[end] ?? '')) end += 1;
  return text.slice(index, end);
}

/** The sentence around `index` (between sentence ends), for English first-person checks. */
export function sentenceAt(text: string, index: number): string {
  // A full stop ends a sentence only before a space or the end: "1.5 years" stays whole.
  const endsAt = (i: number) => /[。!！?？\n]/u.test(text[i] ?? '') || (text[i] === '.' && /^(?:\s|$)/u.test(text[i + 1] ?? ''));
  let start = index;
  while (start > 0 && !endsAt(start - 1)) start -= 1;
  let end = index;
  while (end < text.length && !endsAt(end)) end += 1;
  return text.slice(start, end);
}

// The person speaks of themself: 我是博士, 本人硕士, 我博士能拿多少.
const SELF_BEFORE = /(?:我|本人)(?:现在|目前|已经|也|就)?(?:是|为|属于|读的|学历是|学历为|学的)?(?:一名|一个|个)?$/u;
// Conditional or requirement talk: 如果是博士, 要求本科, 不是本科.
const GENERAL_BEFORE = /(?:如果|假如|要是|假设|若是?|比如|例如|万一|要求|需要|必须|须|是否|不是|并非|非|没有|没读|不到|未满|不满|超过|满足)(?:是|为|有)?$/u;
// A question about the category of people, not a statement: 博士能拿多少, E类人才安家补贴, 35岁以下.
const GENERAL_AFTER = /^(?:生|学历|学位|毕业生|人才|人员)?(?:的话|的补贴|的标准|的待遇|的人|的呢|的吗|的能|的可以|能不能|能否|能|可以|可不可以|有没有|有什么|有哪些|有多少|多少|吗|呢|怎么|如何|是什么|是不是|要求|条件|标准|待遇|政策|(?:生活|租房|安家|购房)?补贴|补助|落户|能落户|人才公寓|申请|申报|评审|评定|考试|报名|及以上|以上|以下|以内|左右|才能|才可以|才)/u;

/**
 * True when a mention at [start, end) speaks of people in general (a condition, a question, a
 * negation) rather than of the person — unless the person names themself just before it.
 */
export function isGeneralMention(text: string, start: number, end: number): boolean {
  const prefix = before(text, start, 10);
  if (SELF_BEFORE.test(prefix)) return false;
  return GENERAL_BEFORE.test(prefix) || GENERAL_AFTER.test(after(text, end, 8));
}

/** True when the sentence around `index` speaks of the person asked about: the writer, or the one they ask for (English). */
export function firstPersonEn(text: string, index: number): boolean {
  // The person asked about may be someone else the writer speaks for (HR for a new hire).
  return /(?:^|[^a-z])(?:i|i'm|i've|im|me|my|he|she|he's|she's|(?:our|the|this|my) new (?:hire|employee|recruit|colleague))(?:[^a-z]|$)/u.test(sentenceAt(text, index));
}

/** Every match of a global regex, with its index. */
export function matchesOf(text: string, re: RegExp): RegExpExecArray[] {
  const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  return [...text.matchAll(g)];
}
