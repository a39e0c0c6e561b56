import type { TypoRepair } from '../types.js';

export type { TypoRepair };

/** A question in the one form everything that analyses it reads. */
export interface CanonicalQuestion {
  /** Full-width → half-width, traditional → simplified, typos repaired. */
  text: string;
  /** The repairs made, in text order (empty for most questions). */
  repairs: TypoRepair[];
}

/**
 * Turns a question as typed into its canonical form: search, question analysis, fact extraction and
 * intent all read this form, so a question in traditional characters or with an input-method typo is
 * understood the same way everywhere. The text as typed stays what is shown and stored.
 */
export type QuestionCanonicalizer = (text: string) => CanonicalQuestion;

/** Without a corpus to repair against: full-width → half-width only (what the analysis did before). */
export const widthOnlyCanonicalizer: QuestionCanonicalizer = (text) => ({ text: text.normalize('NFKC'), repairs: [] });
