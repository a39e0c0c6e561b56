import { mkdir } from 'node:fs/promises';
import type { CanonicalQuestion } from '../core/ports/question-canonicalizer.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { CorpusSource } from './corpus-source.js';
import type { EmbedderProvider } from './embedder-provider.js';
import type { FusedResult } from './fusion.js';
import type { Glossary } from './glossary.js';
import type { IdentifiedEmbeddings } from './hashed-ngram-embeddings.js';
import { buildIndex, loadIndex, type BuildProgress, type BuildReport, type IndexState } from './index-builder.js';
import { hasTopic, hybridSearch } from './hybrid-search.js';
import { corpusVocabulary } from './corpus-vocabulary.js';
import type { CorpusVocabulary } from '../core/analysis/domain-of.js';
import type { QueryFocus } from './query-analysis.js';
import type { Tokenizer } from './tokenizer.js';
import type { Chunk, DocumentMeta } from './types.js';

/** One search result, ready to cite. */
export interface SearchResult extends FusedResult {
  /** 1-based fused rank. */
  rank: number;
}

/** The answer of one search. */
export interface SearchResponse {
  /** The question as asked. */
  query: string;
  /** The question with glossary terms added, as searched. */
  expandedQuery: string;
  /** Policy terms the glossary added. */
  addedTerms: string[];
  /** Which policy generation the question is about. */
  focus: QueryFocus;
  /** Results, best first, one per citation key. */
  results: SearchResult[];
  /** 0–1: how sure the search is that the top result answers the question (see confidence.ts). */
  confidence: number;
}

/** Search options. */
export interface SearchOptions {
  /** Number of results (default from config). */
  k?: number;
}

/** The policy knowledge base: the corpus, its indexes and the fused search. */
export interface KnowledgeBase {
  /** Hybrid search: glossary expansion, BM25 + vectors, rank fusion, status weighting. */
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /**
   * A question's canonical form (width, traditional → simplified, typos repaired against this
   * corpus's vocabulary): what the assistant analyses and searches.
   */
  canonical(question: string): CanonicalQuestion;
  /** The search terms of a text (jieba, normalised, without stop words). */
  terms(text: string): string[];
  /** Whether a question names a topic of the corpus (not only procedural words); `words`: by a word of two characters or more. */
  hasTopic(question: string, options?: { words?: boolean }): boolean;
  /** The corpus's own vocabulary: its topics and the phrases it uses (see corpus-vocabulary). */
  vocabulary(): CorpusVocabulary;
  /** Re-reads the corpus and rebuilds what changed, then swaps the new index in; searches keep running. */
  reload(options?: { force?: boolean; onProgress?: BuildProgress }): Promise<BuildReport>;
  /** The chunks of a citation key, in order. */
  chunksOf(key: string): Chunk[];
  /** Metadata of every loaded document. */
  documents(): DocumentMeta[];
  /** The report of the last load or build. */
  lastReport(): BuildReport;
  /** Current index internals (benchmarks and diagnostics only). */
  state(): IndexState;
}

/** What the knowledge base is made from. */
export interface KnowledgeBaseDeps {
  /** Folder of the policy corpus (its texts unless `corpus` is given; its translations always). */
  policiesDir: string;
  /** Where the texts come from instead of the folder (the policy library). */
  corpus?: CorpusSource;
  /** Folder of the persisted index. */
  indexDir: string;
  /** The embedder. */
  embedder: EmbedderProvider;
  /** The jieba tokenizer. */
  tokenizer: Tokenizer;
  /** The query glossary. */
  glossary: Glossary;
  /** hnswlib search breadth. */
  ef: number;
  /** Default number of results. */
  topK: number;
  /** Log sink. */
  logger?: Logger;
}

/** Opens the knowledge base: loads the saved index, or (re)builds it when the corpus or embedder changed. */
export async function openKnowledgeBase(deps: KnowledgeBaseDeps, options: { onProgress?: BuildProgress; force?: boolean } = {}): Promise<KnowledgeBase> {
  const logger = deps.logger ?? silentLogger;
  await mkdir(deps.indexDir, { recursive: true });
  let state = await loadOrBuild(deps, logger, options.force ?? false, options.onProgress);
  let reloading: Promise<BuildReport> | undefined;
  let followUp: Promise<BuildReport> | undefined;
  const rebuild = (options: { force?: boolean; onProgress?: BuildProgress }): Promise<BuildReport> => {
    reloading = (async () => {
      try {
        state = await loadOrBuild(deps, logger, options.force ?? false, options.onProgress, state);
        return state.report;
      } finally {
        reloading = undefined;
      }
    })();
    return reloading;
  };

  return {
    async search(query, searchOptions = {}) {
      return hybridSearch(state, { ...deps, onVectorError: (err) => logger.warn('vector search failed; BM25 only', { error: err.message }) }, query, searchOptions.k ?? deps.topK);
    },
    canonical(question) {
      return state.canonical(question);
    },
    terms(text) {
      return deps.tokenizer.terms(text);
    },
    hasTopic(question, options) {
      return hasTopic(state, deps, question, options);
    },
    vocabulary() {
      return corpusVocabulary(state, deps.tokenizer, deps.glossary);
    },
    reload(reloadOptions = {}) {
      // One rebuild at a time. A request that arrives while one runs may concern a change it read too
      // early, so it gets one more rebuild afterwards (shared by every caller that arrives meanwhile).
      if (!reloading) return rebuild(reloadOptions);
      followUp ??= reloading
        .catch(() => undefined)
        .then(() => {
          followUp = undefined;
          return rebuild(reloadOptions);
        });
      return followUp;
    },
    chunksOf(key) {
      return state.chunksByKey.get(key) ?? [];
    },
    documents() {
      return state.documents;
    },
    lastReport() {
      return state.report;
    },
    state() {
      return state;
    },
  };
}

async function loadOrBuild(deps: KnowledgeBaseDeps, logger: Logger, force: boolean, onProgress?: BuildProgress, previous?: IndexState): Promise<IndexState> {
  if (!force) {
    const loaded = await loadIndex(deps, logger);
    if (loaded) return loaded;
  }
  return buildIndex(deps, logger, onProgress, previous);
}

export type { BuildReport, IdentifiedEmbeddings };
