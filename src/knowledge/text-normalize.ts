import * as OpenCC from 'opencc-js/t2cn';
import { rememberRecent } from './recent-results.js';

// Taiwan-variant traditional → mainland simplified covers both 臺灣 and 香港 spellings people type.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Normalises text for matching (never for display): full-width → half-width (NFKC), traditional →
 * simplified, lower case, white space folded. Queries and indexed text go through the same function
 * so that both sides meet in one form.
 */
export function normalizeForSearch(text: string): string {
  return normalizeRecent(text);
}

/**
 * The characters of a question as the corpus writes them: full-width → half-width (NFKC) and
 * traditional → simplified, nothing else. Unlike `normalizeForSearch` it keeps case, spacing and
 * punctuation, which the question analysis reads ("A类", clause breaks).
 */
export function toCorpusCharacters(text: string): string {
  return toSimplified(text.normalize('NFKC'));
}

// A question is normalised by the glossary, the query analysis, the section cues and the tokenizer;
// the conversion table walk is done once per text.
const normalizeRecent = rememberRecent((text) => toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim(), { size: 256, maxKeyLength: 500 });
