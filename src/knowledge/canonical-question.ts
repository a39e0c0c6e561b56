import type { QuestionCanonicalizer } from '../core/ports/question-canonicalizer.js';
import { jiebaWordFrequency, type WordFrequency } from './common-words.js';
import type { LexicalIndex } from './lexical-index.js';
import { rememberRecent } from './recent-results.js';
import { toCorpusCharacters } from './text-normalize.js';
import { createTypoRepairer, type TypoRepairer } from './typo-repair.js';
import type { Chunk } from './types.js';

/** What the question vocabulary is drawn from: one index state's corpus and the glossary. */
export interface VocabularySources {
  /** The BM25 index (its terms are the jieba cuts of the indexed texts). */
  lexical: Pick<LexicalIndex, 'vocabulary'>;
  /** The indexed chunks (their headings name the topics). */
  chunks: readonly Pick<Chunk, 'heading'>[];
  /** The glossary's policy terms. */
  glossaryTerms: readonly string[];
  /** General word frequencies (default: jieba's dictionary). */
  frequency?: WordFrequency;
}

// "第十三条 博士后", "四、办理流程": the numbering is not a topic.
const NUMBERING_RE = /^(第[一二三四五六七八九十百零〇\d]+[条章节款]|[一二三四五六七八九十]+、)\s*/u;

/** Builds the typo repairer of one corpus: its terms, its headings and the glossary's terms. */
export function buildTypoRepairer(sources: VocabularySources): TypoRepairer {
  const headings = new Set<string>();
  for (const c of sources.chunks) {
    for (const run of toCorpusCharacters(c.heading.replace(NUMBERING_RE, '')).match(/\p{Script=Han}+/gu) ?? []) headings.add(run);
  }
  const frequency = sources.frequency ?? jiebaWordFrequency;
  // The dictionary is read now, while the knowledge base loads, not on the first question.
  frequency('的');
  return createTypoRepairer({
    corpus: sources.lexical.vocabulary(),
    named: [...headings, ...sources.glossaryTerms.map(toCorpusCharacters)],
    frequency,
  });
}

/**
 * The canonical form of a question: NFKC and traditional → simplified (as the search index reads
 * text), then typos repaired against the corpus's vocabulary. Remembered for recent questions, since
 * one turn canonicalises the same earlier questions again.
 */
export function createQuestionCanonicalizer(repairer: Pick<TypoRepairer, 'repair'>): QuestionCanonicalizer {
  return rememberRecent((text) => repairer.repair(toCorpusCharacters(text)), { size: 256, maxKeyLength: 2000 });
}
