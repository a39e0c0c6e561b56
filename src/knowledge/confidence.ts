import { maxFusedScore, type FusedResult } from './fusion.js';
import { embedTextOf } from './index-files.js';
import type { PassageTerms } from './lexical-index.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * How sure the search is that its top result answers the question, from 0 to 1:
 *   0.5 × coverage  — the share of the question's countable terms (glossary terms included) that occur
 *                     in the top passage; the caller decides what counts (hybrid-search counts Chinese
 *                     terms and Latin words the corpus has); a question with no countable term covers nothing;
 *   0.3 × agreement — the top fused score over the best possible (first in both BM25 and vectors);
 *   0.2 × similarity — the cosine similarity of the top passage to the question (0 if not retrieved).
 * The answer layer treats a low value as "not confident" and offers a helper officer.
 * `passageTerms` gives the terms of a passage: those the index kept (see LexicalIndex.passageTerms),
 * or `cutPassage` for a text that was not indexed.
 */
export function confidenceOf(
  top: FusedResult | undefined,
  queryTerms: readonly string[],
  passageTerms: (chunk: FusedResult['chunk']) => PassageTerms,
  isKnown: (term: string) => boolean = () => true,
  // The text coverage is measured on: the Chinese passage, or its translation for an English question.
  textOf: (chunk: FusedResult['chunk']) => string = embedTextOf,
): number {
  if (!top) return 0;
  const terms = [...new Set(queryTerms)].filter(isKnown);
  let coverage = 0;
  if (terms.length > 0) {
    const passage = passageTerms(top.chunk);
    const compact = textOf(top.chunk).toLowerCase();
    coverage = terms.filter((t) => passage.has(t) || compact.includes(t)).length / terms.length;
  }
  const agreement = Math.min(1, top.score / maxFusedScore());
  const similarity = Math.max(0, Math.min(1, top.vectorSimilarity ?? 0));
  return round(0.5 * coverage + 0.3 * agreement + 0.2 * similarity);
}

/** The terms of a passage's text, cut when asked: for texts the index does not keep terms of. */
export function cutPassage(tokenizer: Tokenizer, textOf: (chunk: FusedResult['chunk']) => string = embedTextOf): (chunk: FusedResult['chunk']) => PassageTerms {
  return (chunk) => new Set(tokenizer.terms(textOf(chunk)));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
