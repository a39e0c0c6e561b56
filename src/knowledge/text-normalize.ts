import * as OpenCC from 'opencc-js/t2cn';

// Taiwan-variant traditional → mainland simplified covers both 臺灣 and 香港 spellings people type.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Normalises text for matching (never for display): full-width → half-width (NFKC), traditional →
 * simplified, lower case, white space folded. Queries and indexed text go through the same function
 * so that both sides meet in one form.
 */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}
