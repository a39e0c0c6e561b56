import type { Passage } from '../ports/knowledge-port.js';
import type { Citation } from '../types.js';

/**
 * Adds the unofficial English translation to the citations of an English reply, from the passages
 * of each key: title, heading and the whole translated article (the Chinese quote stays the
 * original). A key without a translation keeps its citation as it is.
 */
export function withTranslations(citations: readonly Citation[], chunksOf: (key: string) => readonly Passage[]): Citation[] {
  return citations.map((c) => {
    if (c.en) return c;
    const en = chunksOf(c.key).find((p) => p.en)?.en;
    return en ? { ...c, en: { title: en.title, article: en.heading, quote: en.text } } : c;
  });
}
