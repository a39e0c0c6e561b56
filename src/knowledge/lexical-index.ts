import MiniSearch from 'minisearch';
import type { Tokenizer } from './tokenizer.js';
import type { Chunk } from './types.js';

/** A scored hit of one retriever, by chunk id. */
export interface Hit {
  /** Chunk id. */
  chunkId: string;
  /** Retriever-specific score (higher is better). */
  score: number;
}

interface Indexed {
  id: string;
  heading: string;
  title: string;
  text: string;
}

/** BM25 over jieba terms. */
export interface LexicalIndex {
  /** Top hits for a query, best first. */
  search(query: string, k: number): Hit[];
  /** Number of indexed chunks. */
  readonly size: number;
}

/**
 * BM25 (MiniSearch's BM25+) over jieba search-mode terms. The article heading is boosted: a heading
 * such as 租房补贴 names what the whole article is about, while body words are incidental.
 */
export function createLexicalIndex(chunks: readonly Chunk[], tokenizer: Tokenizer): LexicalIndex {
  const engine = new MiniSearch<Indexed>({
    fields: ['heading', 'title', 'text'],
    idField: 'id',
    tokenize: (text) => tokenizer.terms(text),
    processTerm: (term) => term,
    searchOptions: { boost: { heading: 2, title: 0.5 }, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  engine.addAll(
    chunks.map((c) => ({
      id: c.id,
      heading: c.heading,
      title: [c.shortName ?? '', c.docTitle].join(' '),
      text: c.text,
    })),
  );
  return {
    size: chunks.length,
    search(query: string, k: number): Hit[] {
      if (tokenizer.terms(query).length === 0) return [];
      return engine
        .search(query)
        .slice(0, k)
        .map((r) => ({ chunkId: String(r.id), score: r.score }));
    },
  };
}
