import type { Hit } from './lexical-index.js';
import type { QueryFocus } from './query-analysis.js';
import type { Chunk } from './types.js';

/** One fused result: the best chunk of one citation key. */
export interface FusedResult {
  /** Citation key. */
  key: string;
  /** The best-ranked chunk of that key. */
  chunk: Chunk;
  /** Reciprocal-rank-fusion score after status weighting (higher is better). */
  score: number;
  /** 1-based rank in the BM25 list, if present. */
  lexicalRank?: number;
  /** 1-based rank in the vector list, if present. */
  vectorRank?: number;
  /** 1-based rank in the English (translation) BM25 list, if present. */
  englishRank?: number;
  /** Raw BM25 score of the best chunk, if present. */
  lexicalScore?: number;
  /** Cosine similarity of the best chunk, if present. */
  vectorSimilarity?: number;
}

/** Fusion settings. */
export interface FusionOptions {
  /** The RRF constant: larger flattens the difference between ranks. */
  rrfK?: number;
  /** Factor on the score of texts from the generation the question is not about. */
  offFocusWeight?: number;
  /** Guide sections the question asks for (see section-intent.ts). */
  sections?: readonly number[];
  /** Guides the question's topic is about; only their asked sections are boosted. Default: every guide. */
  topicGuides?: ReadonlySet<string>;
  /** Factor on the score of a guide section the question asks for. */
  sectionWeight?: number;
  /** Factor on guide sections when the question asks for no procedure. */
  generalGuideWeight?: number;
  /** Factor on a document's preamble chunk. */
  preambleWeight?: number;
  /** A third list for English questions: BM25 over the translations (see english-index.ts). */
  english?: readonly Hit[];
  /** Weight of a rank in the English list relative to the other two (default 1). */
  englishWeight?: number;
  /** Keys the question names by a heading, alias, coined or defined term, with strength 0–2 (see corpus-terms.ts). */
  named?: ReadonlyMap<string, number>;
  /** Factor on the score of a key named with strength 1 is 1 + this. */
  namedWeight?: number;
  /**
   * Keys that stay candidates though a list cut them off (the text defining a term a definition question
   * asks about): in each of the two lists that misses one, it counts as ranked just past the list's end.
   */
  keep?: ReadonlySet<string>;
  /** Chunk id → share of its text that many other documents write the same way (see shared-text.ts). */
  sharedText?: ReadonlyMap<string, number>;
  /** Factor on a boilerplate passage (shared share at least BOILERPLATE_SHARE) the question does not ask for. */
  boilerplateWeight?: number;
}

/** A passage this much of whose text many documents repeat is boilerplate (only the guides' closing sections are, measured). */
export const BOILERPLATE_SHARE = 0.8;
/** Default factor on a boilerplate passage (measured on the dev sets). */
export const BOILERPLATE_WEIGHT = 0.7;

/** Default boost of a key the question names outright (measured on the dev sets). */
export const NAMED_WEIGHT = 0.25;

/**
 * Reciprocal-rank fusion of the BM25 and vector lists, grouped by citation key. Superseded texts are
 * weighted down unless the question is about the old policy (then the current ones are) or compares
 * both (then neither is, and the best text of the other generation is kept next to the top one).
 */
export function fuseResults(
  lexical: readonly Hit[],
  vector: readonly Hit[],
  chunkById: (id: string) => Chunk | undefined,
  focus: QueryFocus,
  options: FusionOptions = {},
): FusedResult[] {
  const k = options.rrfK ?? 60;
  const offFocus = options.offFocusWeight ?? 0.7;
  const byKey = new Map<string, FusedResult>();
  const englishWeight = options.englishWeight ?? 1;

  const listLength = { lexical: 0, vector: 0, english: 0 };
  const visit = (hits: readonly Hit[], which: 'lexical' | 'vector' | 'english'): void => {
    const seen = new Set<string>();
    let rank = 0;
    for (const hit of hits) {
      const chunk = chunkById(hit.chunkId);
      if (!chunk) continue;
      // Rank by key, not by chunk: two parts of one article must not push others down.
      if (seen.has(chunk.key)) continue;
      seen.add(chunk.key);
      rank += 1;
      const entry = byKey.get(chunk.key) ?? { key: chunk.key, chunk, score: 0 };
      entry.score += (which === 'english' ? englishWeight : 1) / (k + rank);
      if (which === 'lexical') {
        entry.lexicalRank = rank;
        entry.lexicalScore = hit.score;
      } else if (which === 'english') {
        entry.englishRank = rank;
      } else {
        entry.vectorRank = rank;
        entry.vectorSimilarity = hit.score;
        if (entry.lexicalRank === undefined) entry.chunk = chunk;
      }
      byKey.set(chunk.key, entry);
    }
    listLength[which] = rank;
  };
  visit(lexical, 'lexical');
  visit(vector, 'vector');
  if (options.english) visit(options.english, 'english');
  for (const key of options.keep ?? []) {
    const chunk = byKey.get(key)?.chunk ?? chunkById(key) ?? chunkById(`${key}#1`);
    if (!chunk) continue;
    const entry = byKey.get(key) ?? { key, chunk, score: 0 };
    if (entry.lexicalRank === undefined) entry.score += 1 / (k + listLength.lexical + 1);
    if (entry.vectorRank === undefined) entry.score += 1 / (k + listLength.vector + 1);
    byKey.set(key, entry);
  }

  const results = [...byKey.values()];
  const sections = new Set(options.sections ?? []);
  const sectionWeight = options.sectionWeight ?? 1.2;
  const guideWeight = options.generalGuideWeight ?? 0.9;
  const preambleWeight = options.preambleWeight ?? 0.8;
  const namedWeight = options.namedWeight ?? NAMED_WEIGHT;
  const boilerplateWeight = options.boilerplateWeight ?? BOILERPLATE_WEIGHT;
  for (const r of results) {
    // The person's own word for a text ("人才创新项目", "举才官") is the surest evidence of which one is meant;
    // the lists see it only as one term among the question's others.
    const named = options.named?.get(r.key);
    if (named) r.score *= 1 + namedWeight * named;
    const superseded = r.chunk.status === 'superseded';
    if (!focus.comparison && superseded !== focus.wantsOld) r.score *= offFocus;
    const onTopic = options.topicGuides?.has(r.chunk.docId) ?? true;
    const asked = r.chunk.kind === 'guide' && sections.has(r.chunk.number) && onTopic;
    if (asked) r.score *= sectionWeight;
    // Text repeated across many documents matches a question as well as the one text it is about, and
    // its copies crowd that text out; a copy counts fully only as the asked section of the asked guide.
    else if ((options.sharedText?.get(r.chunk.id) ?? 0) >= BOILERPLATE_SHARE) r.score *= boilerplateWeight;
    // A question that asks for no procedure ("多少", "有没有") is answered by the article a guide restates.
    if (r.chunk.kind === 'guide' && sections.size === 0) r.score *= guideWeight;
    // A preamble only names the document; any article is more specific.
    if (r.chunk.number === 0) r.score *= preambleWeight;
  }
  results.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  return focus.comparison ? pairGenerations(results) : results;
}

/** For a comparison, moves the best text of the other generation right behind the top result. */
function pairGenerations(results: FusedResult[]): FusedResult[] {
  const top = results[0];
  if (!top) return results;
  const otherIndex = results.findIndex((r) => r.chunk.status !== top.chunk.status && r.chunk.kind === 'policy');
  if (otherIndex <= 1) return results;
  const [other] = results.splice(otherIndex, 1);
  if (other) results.splice(1, 0, other);
  return results;
}

/** The fused score a key gets when it is first in both lists: the top of the scale. */
export function maxFusedScore(rrfK = 60): number {
  return 2 / (rrfK + 1);
}
