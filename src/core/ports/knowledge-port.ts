import type { CorpusVocabulary } from '../analysis/domain-of.js';

/** A passage of the policy corpus as the assistant sees it (the knowledge base's Chunk fits it). */
export interface Passage {
  /** Citation key. */
  key: string;
  /** Document id. */
  docId: string;
  /** Full document title. */
  docTitle: string;
  /** Short document name. */
  shortName?: string;
  /** policy or guide. */
  kind: 'policy' | 'guide';
  /** current or superseded. */
  status: 'current' | 'superseded';
  /** Id of the replacing document. */
  supersededBy?: string;
  /** ISO date the document expires or was repealed. */
  expires?: string;
  /** For a guide: the article keys it implements. */
  basis?: string[];
  /** Article or section heading. */
  heading: string;
  /** Article or section number (0 for a preamble). */
  number: number;
  /** Passage text. */
  text: string;
  /** Unofficial English translation of the article or section, when the corpus has one. */
  en?: { title: string; shortName?: string; heading: string; text: string };
}

/** What one search returns to the assistant. */
export interface KnowledgeAnswer {
  /** Results, best first, one per key. */
  results: { key: string; chunk: Passage }[];
  /** 0–1 confidence that the top result answers the question. */
  confidence: number;
  /** Which policy generation the question is about. */
  focus: { wantsOld: boolean; comparison: boolean };
  /** Policy terms the glossary added to the question. */
  addedTerms: string[];
}

/** The knowledge base as the assistant uses it. */
export interface KnowledgePort {
  /** Hybrid search. */
  search(query: string, options?: { k?: number }): Promise<KnowledgeAnswer>;
  /**
   * Whether a question names a topic of the corpus (a follow-up without one leans on the previous turn).
   * `words`: only by a word of two characters or more (分 of "分几年发" is no topic of its own).
   */
  hasTopic(question: string, options?: { words?: boolean }): boolean;
  /** All chunks of a key, in order. */
  chunksOf(key: string): Passage[];
  /** The corpus's own vocabulary (topics and phrases), for telling its domain from neighbouring ones. */
  vocabulary?(): CorpusVocabulary;
}

/** Splits text into search terms (jieba in production). */
export type TermSplitter = (text: string) => string[];
