import type { CorpusVocabulary } from '../core/analysis/domain-of.js';
import { buildCorpusTerms, type CorpusTerms } from './corpus-terms.js';
import { createEnglishTokenizer } from './english-tokenizer.js';
import type { Glossary } from './glossary.js';
import type { IndexState } from './index-builder.js';
import type { Tokenizer } from './tokenizer.js';

// A term in more than this share of passages is the domain's generic vocabulary (人才, 补贴, 申请, 钱塘),
// used by neighbouring questions as freely as by ours.
const GENERIC_SHARE = 0.25;

// A term in at most this many passages belongs to one article and its guide (统筹安排, 绿色通道, 产业工人);
// 手续 or 安排, in a handful of guides each, name nothing in particular.
const DISTINCTIVE_PASSAGES = 3;

const cache = new WeakMap<object, CorpusVocabulary>();

// Heading segments: a title or heading cut at spaces and punctuation ("第五条 生活补贴" → 第五条, 生活补贴).
const SEGMENT_RE = /[\s\p{P}]+/u;

/**
 * The phrases a heading term is part of: the term joined to the term next to it in a heading segment
 * (生活 → 生活补贴, 大学生生活). Sub-words inside the term itself are not neighbours.
 */
function neighbourPhrases(segment: string, terms: readonly string[]): Map<string, Set<string>> {
  const spans = terms.flatMap((t) => {
    const at = segment.indexOf(t);
    return at < 0 ? [] : [{ t, at, end: at + t.length }];
  });
  const phrases = new Map<string, Set<string>>();
  for (const a of spans) {
    const set = phrases.get(a.t) ?? new Set<string>();
    for (const b of spans) {
      if (b.at === a.end) set.add(a.t + b.t);
      if (b.end === a.at) set.add(b.t + a.t);
    }
    phrases.set(a.t, set);
  }
  return phrases;
}

/**
 * The corpus's own vocabulary, read from an index: its topics are the terms of its titles and of its
 * article and section headings (in Chinese and in the translations) that are not generic; a phrase
 * is used when some passage contains it. Built once per index generation.
 */
export function corpusVocabulary(state: Pick<IndexState, 'chunks' | 'lexical' | 'english'>, tokenizer: Tokenizer, glossary?: Pick<Glossary, 'expand'> & Partial<Pick<Glossary, 'names'>>): CorpusVocabulary {
  const cached = cache.get(state);
  if (cached) return cached;
  const english = createEnglishTokenizer();
  const zhTopics = new Set<string>();
  const enTopics = new Set<string>();
  const texts: string[] = [];
  const bodies: string[] = [];
  // Each passage's title and headings, to find the passages a topic heads.
  const heads: string[] = [];
  const phrasesOf = new Map<string, Set<string>>();
  // How many passages each whole heading segment heads.
  const headed = new Map<string, number>();
  const segments = new Set<string>();
  for (const c of state.chunks) {
    for (const segment of new Set(`${c.docTitle} ${c.shortName ?? ''} ${c.heading}`.normalize('NFKC').toLowerCase().split(SEGMENT_RE))) {
      if (segment) headed.set(segment, (headed.get(segment) ?? 0) + 1);
      if (segment) segments.add(segment);
      const terms = tokenizer.terms(segment);
      for (const t of terms) zhTopics.add(t);
      for (const [t, phrases] of neighbourPhrases(segment, terms)) {
        const all = phrasesOf.get(t) ?? new Set<string>();
        for (const p of phrases) all.add(p);
        phrasesOf.set(t, all);
      }
    }
    if (c.en) for (const t of english.terms(`${c.en.title} ${c.en.shortName ?? ''} ${c.en.heading}`)) enTopics.add(t);
    bodies.push(c.text.normalize('NFKC').toLowerCase());
    heads.push(`${c.docTitle} ${c.shortName ?? ''} ${c.heading}`.normalize('NFKC').toLowerCase());
    texts.push(`${c.heading} ${c.text} ${c.en ? `${c.en.heading} ${c.en.text}` : ''}`.normalize('NFKC').toLowerCase());
  }
  const specific = (index: Pick<IndexState['lexical'], 'size' | 'documentFrequency'>, term: string): boolean => {
    const df = index.documentFrequency(term);
    return df > 0 && df <= Math.max(1, index.size * GENERIC_SHARE);
  };
  // A heading term the passages write, but never outside its heading phrases, is only a part of a topic's
  // name: 生活 is written nowhere but in 生活补贴, so "哪个城市更适合年轻人生活" names no topic, while 落户 is
  // written on its own too ("可直接落户") and names one wherever it stands.
  const partOnly = new Map<string, readonly string[]>();
  for (const [t, phrases] of phrasesOf) {
    if (phrases.size === 0 || !bodies.some((b) => b.includes(t))) continue;
    const longestFirst = [...phrases].sort((a, b) => b.length - a.length);
    const alone = bodies.some((x) => longestFirst.reduce((rest, p) => rest.split(p).join('|'), x).includes(t));
    if (!alone) partOnly.set(t, longestFirst);
  }
  const namesTopic = (term: string, text: string): boolean => {
    const phrases = partOnly.get(term);
    return !phrases || phrases.some((p) => text.includes(p));
  };
  const used = new Map<string, boolean>();
  // The names of the texts, built on first use: most questions never reach the domain reading's use of them.
  let names: CorpusTerms | undefined;
  const vocabulary: CorpusVocabulary = {
    uses(phrase) {
      const p = phrase.normalize('NFKC').toLowerCase();
      let hit = used.get(p);
      if (hit === undefined) {
        hit = texts.some((t) => t.includes(p));
        used.set(p, hit);
      }
      return hit;
    },
    usesUnder(phrase, topics) {
      const p = phrase.normalize('NFKC').toLowerCase();
      const named = topics.map((t) => t.normalize('NFKC').toLowerCase());
      return texts.some((t, i) => t.includes(p) && named.some((n) => heads[i]?.includes(n)));
    },
    namesArticle(term) {
      const n = headed.get(term.normalize('NFKC').toLowerCase());
      return n !== undefined && n <= DISTINCTIVE_PASSAGES;
    },
    headsTogether(a, b) {
      const x = a.normalize('NFKC').toLowerCase();
      const y = b.normalize('NFKC').toLowerCase();
      for (const segment of segments) if (segment.includes(x) && segment.includes(y)) return true;
      return false;
    },
    distinctiveTerms(text) {
      const terms = tokenizer.terms(text).filter((t) => [...t].length >= 2 && state.lexical.documentFrequency(t) > 0 && state.lexical.documentFrequency(t) <= DISTINCTIVE_PASSAGES);
      return [...new Set(terms)];
    },
    meaningOf(phrase) {
      return glossary?.expand(phrase).added ?? [];
    },
    textsNamed(text) {
      names ??= buildCorpusTerms(state.chunks, glossary?.names ?? {});
      return names.named(text, [], false).said.map((t) => t.term);
    },
    topicsIn(text) {
      const plain = text.normalize('NFKC').toLowerCase();
      const zh = tokenizer.terms(text).filter((t) => zhTopics.has(t) && specific(state.lexical, t) && namesTopic(t, plain));
      const en = english.terms(text).filter((t) => enTopics.has(t) && specific(state.english, t));
      return [...new Set([...zh, ...en])];
    },
  };
  cache.set(state, vocabulary);
  return vocabulary;
}
