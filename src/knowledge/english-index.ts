import { createEnglishTokenizer } from './english-tokenizer.js';
import { createLexicalIndex, type LexicalIndex } from './lexical-index.js';
import type { Chunk } from './types.js';

/**
 * BM25 over the chunks' English translations, under the same chunk ids as the Chinese index, so an
 * English question finds "rent subsidy" in the translated article and not only through the
 * glossary's Chinese terms. Chunks without a translation are not in it.
 */
export function createEnglishIndex(chunks: readonly Chunk[]): LexicalIndex {
  const translated = chunks.flatMap((c) => (c.en ? [{ ...c, heading: c.en.heading, docTitle: c.en.title, text: c.en.text, ...(c.en.shortName ? { shortName: c.en.shortName } : {}) }] : []));
  return createLexicalIndex(translated, createEnglishTokenizer());
}
