import { benefitOf, topicOf } from '../core/analysis/benefit-of.js';
import { createKeyScanner, type KeyScanner } from '../core/analysis/key-scanner.js';
import { KeyStrengths } from './key-strengths.js';
import { normalizeForSearch } from './text-normalize.js';
import type { Chunk } from './types.js';

/** How a term came to name a citation key; a defined term counts only in a question asking for a definition. */
export type TermSource = 'heading' | 'benefit' | 'alias' | 'quoted' | 'defined' | 'named';

/** One name of a text: a heading topic, an alias, a coined name in quotes, a defined term, or a glossary name. */
export interface CorpusTerm {
  term: string;
  source: TermSource;
  /** Citation keys the term names (a guide's name names every section of the guide). */
  keys: ReadonlySet<string>;
  /** Whether some superseded text names it or says it. */
  inSuperseded: boolean;
  /** Whether some current text names it or says it. */
  inCurrent: boolean;
}

/** The keys a question names, with how directly it names them. */
export interface NamedKeys {
  /** Key → strength: 1 when the question says the term itself (2 for the text defining a term a definition question asks about), less when only the glossary added it. */
  strength: ReadonlyMap<string, number>;
  /** Terms the question says itself (after dropping negated ones and those inside a longer term). */
  said: CorpusTerm[];
  /** Keys of the texts defining a term a definition question says. */
  defining: Set<string>;
}

/** The vocabulary of a corpus by which questions name its articles and guides. */
export interface CorpusTerms {
  readonly terms: readonly CorpusTerm[];
  /** The keys the question names; `added` are the glossary's added terms; `definition` whether it asks what a term means. */
  named(question: string, added: readonly string[], definition: boolean): NamedKeys;
}

/** Strength of a defined term a definition question says: its defining text outranks texts that merely use the term. */
const DEFINING_STRENGTH = 2;
/** Strength of a term only the glossary added (a looser word of the person's mapped onto it). */
const ADDED_STRENGTH = 0.5;
// A class label such as "A类人才（顶尖人才）" names a grade that other articles set amounts for too: not a name of the article.
const CLASS_LABEL_RE = /[a-z0-9]/iu;
// "（不是创业项目）": the person names a text to exclude it.
const NEGATION_RE = /(不是|并非|而非|不要|除了|非)$/u;
// A coined name in quotes; parts joined by + or 、 are names each ("企业洞才专员+政府助才专员"), of 3 characters or more ("认定+评审" are plain words).
const QUOTED_RE = /“([^”]{2,16})”/gu;
const DEFINED_RE = /所称([^，,。]{2,12})[，,]?是指/gu;
// The translation of a definition: “"Newly introduced" (新引进) in these policies means …”.
const DEFINED_EN_RE = /["“]([a-z][a-z' -]{2,40})["”]\s*\((\p{Script=Han}{2,12})\)[^.]{0,40}\bmeans\b/giu;
// A benefit an article gives, by name: two characters and the kind of money ("安家补贴" in the
// 卫生人才 article). A unit or a verb of giving before the money ("万元资助", "给予补助") is no name.
const BENEFIT_RE = /\p{Script=Han}{2}(?:补贴|补助|资助|津贴|经费)/gu;
const NOT_A_NAME_RE = /^[万千元次予给具分按每的]/u;
/** The shortest end of a coined name that still names it ("举才官" for 钱塘举才官). */
const MIN_SHORT_FORM = 3;
/** How much a short form may leave off the front: a place name ("钱塘"), not the name's own words ("名师" of 钱塘名师工作室). */
const MAX_LEFT_OFF = 2;
const ALIAS_RE = /([\p{Script=Han}]{2,12})（([\p{Script=Han}]{2,12})）/gu;

/**
 * Collects the names of a corpus's texts from the corpus itself: each article's heading topic and its
 * parts ("双员服务与人才吹哨"), its head noun (青年大学生生活补贴 → 生活补贴), the alias written next to the
 * topic ("人才专项租赁住房（人才公寓）"), coined names in quotes (“钱塘举才官”), terms a definition article
 * defines ("所称新引进，是指"), each guide's subject (租房补贴申领指南 → 租房补贴), and the names people use
 * for a text listed in the glossary (`names:`). Document names (人才新政25条) name documents, not articles.
 */
export function buildCorpusTerms(chunks: Iterable<Chunk>, glossaryNames: Readonly<Record<string, readonly string[]>> = {}): CorpusTerms {
  const all = [...chunks];
  const docNames = new Set(all.flatMap((c) => [c.shortName, c.docTitle]).filter((x): x is string => !!x).map(normalizeForSearch));
  const keysOfGuide = new Map<string, Set<string>>();
  for (const c of all) if (c.kind === 'guide') keysOfGuide.set(c.docId, (keysOfGuide.get(c.docId) ?? new Set()).add(c.key));
  // A guide goes by the names of the article it implements too ("人才专项租赁住房" names the 人才公寓 guide).
  const guideKeysOf = new Map<string, string[]>();
  for (const c of all) {
    for (const b of c.kind === 'guide' ? (c.basis ?? []) : []) {
      const keys = guideKeysOf.get(b) ?? [];
      if (!keys.includes(c.key)) keys.push(c.key);
      guideKeysOf.set(b, keys);
    }
  }
  const byTerm = new Map<string, { source: TermSource; keys: Set<string>; old: boolean; now: boolean }>();
  const add = (raw: string, source: TermSource, keys: Iterable<string>, old: boolean): void => {
    const term = normalizeForSearch(raw);
    if ([...term].length < 2 || docNames.has(term)) return;
    const entry = byTerm.get(term) ?? { source, keys: new Set<string>(), old: false, now: false };
    // One term, several sources: a defined term that is also a heading is a heading (counts always).
    if (entry.source === 'defined' && source !== 'defined') entry.source = source;
    for (const k of keys) entry.keys.add(k);
    entry.old ||= old;
    entry.now ||= !old;
    byTerm.set(term, entry);
  };
  const topicKeys = new Map<string, Set<string>>();
  for (const c of all) {
    const old = c.status === 'superseded';
    if (c.kind === 'guide') {
      add(benefitOf(c), 'heading', keysOfGuide.get(c.docId) ?? [c.key], old);
      continue;
    }
    if (c.number === 0) continue;
    const topic = topicOf(c.heading);
    const topics = [topic, ...topic.split(/与|和|及/u)];
    const head = topic.length >= 6 ? topic.slice(-4) : undefined;
    const named = [c.key, ...(guideKeysOf.get(c.key) ?? [])];
    for (const t of [...topics, ...(head ? [head] : [])]) add(t, 'heading', named, old);
    for (const t of topics) {
      const keys = topicKeys.get(t) ?? new Set<string>();
      for (const k of named) keys.add(k);
      topicKeys.set(t, keys);
    }
    for (const m of c.text.matchAll(QUOTED_RE)) for (const part of (m[1] ?? '').split(/[+＋、]/u)) if ([...part].length >= MIN_SHORT_FORM) add(part, 'quoted', named, old);
    for (const m of c.text.matchAll(BENEFIT_RE)) if (!NOT_A_NAME_RE.test(m[0])) add(m[0], 'benefit', [c.key], old);
    for (const m of c.text.matchAll(DEFINED_RE)) add(m[1] ?? '', 'defined', [c.key], old);
    // An English question names a defined term by the translation's words for it.
    for (const m of c.en?.text.matchAll(DEFINED_EN_RE) ?? []) add(m[1] ?? '', 'defined', [c.key], old);
  }
  // "入住人才公寓（人才专项租赁住房）": the name in brackets after an article's topic is another name of that
  // article, wherever the pair is written. (Where the topic is the one in brackets, where the other name
  // begins is not marked, so that order is not read.)
  for (const c of all) {
    for (const m of c.text.matchAll(ALIAS_RE)) {
      const [, before = '', inBrackets = ''] = m;
      if (CLASS_LABEL_RE.test(inBrackets) || topicKeys.has(inBrackets)) continue;
      const topic = [...topicKeys.keys()].filter((t) => t.length >= 2 && before.endsWith(t)).sort((x, y) => y.length - x.length)[0];
      if (topic) add(inBrackets, 'alias', topicKeys.get(topic) ?? [], c.status === 'superseded');
    }
  }
  for (const [key, names] of Object.entries(glossaryNames)) {
    const keys = keysOfGuide.get(key) ?? [key];
    for (const n of names) add(n, 'named', keys, false);
  }
  const scanner = createKeyScanner([...byTerm.keys()]);
  const terms = withGenerations(byTerm, all, scanner);
  return {
    terms,
    named(question, added, definition) {
      const q = normalizeForSearch(question);
      const counts = (t: CorpusTerm): boolean => t.source !== 'defined' || definition;
      // Where each term occurs in the question, so that a term inside a longer one ("一件事" in
      // "人才安居乐业一件事") and a term the person rules out do not count.
      const spans: { t: CorpusTerm; start: number; end: number }[] = [];
      for (const i of scanner.matches(q)) {
        const t = terms[i];
        if (!t || !counts(t)) continue;
        for (let at = q.indexOf(t.term); at >= 0; at = q.indexOf(t.term, at + 1)) spans.push({ t, start: at, end: at + t.term.length });
      }
      const kept = spans.filter(
        (s) =>
          !NEGATION_RE.test(q.slice(Math.max(0, s.start - 2), s.start)) &&
          !spans.some((o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start),
      );
      const said = [...new Set(kept.map((s) => s.t))];
      const strength = new KeyStrengths();
      const raise = (keys: ReadonlySet<string>, v: number): void => strength.raise(keys, v);
      // A question asking what a term means is answered by the text defining it, whatever else shares its words.
      for (const t of said) raise(t.keys, t.source === 'defined' ? DEFINING_STRENGTH : 1);
      const addedText = new Set(added.map(normalizeForSearch));
      const matched = new Set(spans.map((x) => x.t));
      const exact = new Map(said.map((t) => [t.term, t]));
      for (const t of terms) {
        if (!counts(t) || matched.has(t)) continue;
        // A name said without the place name in front ("举才官", "人才卡") names its text as surely as the full
        // name; so does a glossary term whose end the person said ("全息场" → 钱塘人才全息场).
        const end = (addedText.has(t.term) || (t.source !== 'defined' && t.source !== 'benefit' && [...t.term].length >= MIN_SHORT_FORM + MAX_LEFT_OFF)) ? shortFormSaid(q, t.term) : undefined;
        // An end that is itself the name of another text the question says ("人才安居乐业一件事" in
        // 海外人才安居乐业一件事) names that text, not the longer name's; "人才卡" (the card's guide) still names
        // 钱塘人才卡, whose texts include the guide.
        const other = end === undefined ? undefined : exact.get(end);
        const short = end !== undefined && (!other || [...other.keys].every((k) => t.keys.has(k)));
        if (short) said.push(t);
        if (short) raise(t.keys, 1);
        else if (addedText.has(t.term)) raise(t.keys, ADDED_STRENGTH);
      }
      const defining = new Set(said.filter((t) => t.source === 'defined').flatMap((t) => [...t.keys]));
      return { strength, said, defining };
    },
  };
}

/** The longest end of the term at least MIN_SHORT_FORM characters long (the whole term included) the question says, if any. */
function shortFormSaid(question: string, term: string): string | undefined {
  if (question.includes(term)) return term;
  const chars = [...term];
  for (let n = chars.length - 1; n >= Math.max(MIN_SHORT_FORM, chars.length - MAX_LEFT_OFF); n--) {
    const end = chars.slice(-n).join('');
    if (question.includes(end)) return end;
  }
  return undefined;
}

/**
 * The terms with whether some superseded and some current text says them. Each text is normalised and
 * scanned once for every term (the scanner finds every occurrence, as `includes` would), so only one
 * normalised copy exists at a time: holding all of them at 100,000 passages took tens of MB, and a
 * search per term and text took seconds.
 */
function withGenerations(byTerm: ReadonlyMap<string, { source: TermSource; keys: Set<string>; old: boolean; now: boolean }>, all: readonly Chunk[], scanner: KeyScanner): CorpusTerm[] {
  const entries = [...byTerm];
  const inSuperseded = entries.map(([, e]) => e.old);
  const inCurrent = entries.map(([, e]) => e.now);
  let unknown = entries.filter(([, e]) => !e.old || !e.now).length;
  for (const c of all) {
    if (unknown === 0) break;
    const said = c.status === 'superseded' ? inSuperseded : inCurrent;
    for (const i of scanner.matches(normalizeForSearch(`${c.heading}\n${c.text}`))) {
      if (said[i]) continue;
      said[i] = true;
      if (inSuperseded[i] && inCurrent[i]) unknown -= 1;
    }
  }
  return entries.map(([term, e], i) => ({ term, source: e.source, keys: e.keys, inSuperseded: inSuperseded[i] === true, inCurrent: inCurrent[i] === true }));
}
