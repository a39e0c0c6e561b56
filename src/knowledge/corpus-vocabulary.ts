import type { CorpusVocabulary } from '../core/analysis/domain-of.js';
import { createEnglishTokenizer } from './english-tokenizer.js';
import type { IndexState } from './index-builder.js';
import type { Tokenizer } from './tokenizer.js';

// A term in more than this share of passages is the domain's generic vocabulary (人才, 补贴, 申请, 钱塘),
// used by neighbouring questions as freely as by ours.
const GENERIC_SHARE = 0.25;

const cache = new WeakMap<object, CorpusVocabulary>();

/**
 * The corpus's own vocabulary, read from an index: its topics are the terms of its titles and of its
 * article and section headings (in Chinese and in the translations) that are not generic; a phrase
 * is used when some passage contains it. Built once per index generation.
 */
export function corpusVocabulary(state: Pick<IndexState, 'chunks' | 'lexical' | 'english'>, tokenizer: Tokenizer): CorpusVocabulary {
  const cached = cache.get(state);
  if (cached) return cached;
  const english = createEnglishTokenizer();
  const zhTopics = new Set<string>();
  const enTopics = new Set<string>();
  const texts: string[] = [];
  for (const c of state.chunks) {
    for (const t of tokenizer.terms(`${c.docTitle} ${c.shortName ?? ''} ${c.heading}`)) zhTopics.add(t);
    if (c.en) for (const t of english.terms(`${c.en.title} ${c.en.shortName ?? ''} ${c.en.heading}`)) enTopics.add(t);
    texts.push(`${c.heading} ${c.text} ${c.en ? `${c.en.heading} ${c.en.text}` : ''}`.normalize('NFKC').toLowerCase());
  }
  const specific = (index: Pick<IndexState['lexical'], 'size' | 'documentFrequency'>, term: string): boolean => {
    const df = index.documentFrequency(term);
    return df > 0 && df <= Math.max(1, index.size * GENERIC_SHARE);
  };
  const used = new Map<string, boolean>();
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
    topicsIn(text) {
      const zh = tokenizer.terms(text).filter((t) => zhTopics.has(t) && specific(state.lexical, t));
      const en = english.terms(text).filter((t) => enTopics.has(t) && specific(state.english, t));
      return [...new Set([...zh, ...en])];
    },
  };
  cache.set(state, vocabulary);
  return vocabulary;
}
