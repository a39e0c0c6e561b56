import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { IdentifiedEmbeddings } from './hashed-ngram-embeddings.js';
import { chunkCacheKey, chunkDigest, embedTextOf, indexPaths, readJsonIfPresent, writeJsonAtomic, type Manifest } from './index-files.js';
import type { QuestionCanonicalizer } from '../core/ports/question-canonicalizer.js';
import { buildTypoRepairer, createQuestionCanonicalizer } from './canonical-question.js';
import { createEnglishIndex } from './english-index.js';
import { createLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { attachTranslations } from './attach-translations.js';
import { folderCorpus } from './corpus-source.js';
import { loadTranslations, type TranslationFile } from './loaders/load-translations.js';
import { splitDocument } from './split-articles.js';
import type { KnowledgeBaseDeps } from './knowledge-base.js';
import type { Chunk, DocumentMeta, SourceDocument } from './types.js';
import { createVectorIndex, loadVectorIndex, type VectorIndex } from './vector-index.js';

/** Progress callback of a build: vectors done out of total. */
export type BuildProgress = (done: number, total: number) => void;

/** What a load or build did. */
export interface BuildReport {
  /** loaded = saved index reused; built = everything embedded; updated = only changed chunks embedded. */
  action: 'loaded' | 'built' | 'updated';
  /** Documents in the corpus. */
  documents: number;
  /** Chunks indexed. */
  chunks: number;
  /** Chunks embedded in this run. */
  embedded: number;
  /** Chunks whose cached vectors were reused. */
  reused: number;
  /** Ids of documents added, changed or removed since the last build. */
  changed: string[];
  /** Files that could not be loaded (skipped). */
  failed: { path: string; error: string }[];
  /** Translation problems (keys that do not match the Chinese text, unknown ids); the texts still load. */
  translationWarnings?: { path: string; message: string }[];
  /** Wall time in milliseconds. */
  ms: number;
}

/** Everything a search needs, swapped as one value on reload. */
export interface IndexState {
  /** Loaded documents' metadata. */
  documents: DocumentMeta[];
  /** All chunks. */
  chunks: Chunk[];
  /** Chunk id → chunk. */
  chunkById: Map<string, Chunk>;
  /** Citation key → its chunks in order. */
  chunksByKey: Map<string, Chunk[]>;
  /** BM25 index. */
  lexical: LexicalIndex;
  /** BM25 index over the English translations (empty without translations). */
  english: LexicalIndex;
  /** Vector index. */
  vector: VectorIndex;
  /** The embedder the vectors were made with. */
  embeddings: IdentifiedEmbeddings;
  /** Report of the load or build. */
  report: BuildReport;
  /** The canonical form of a question, its typos repaired against this corpus's vocabulary. */
  canonical: QuestionCanonicalizer;
}

/** The parts of the knowledge base's dependencies a build or load reads. */
type Deps = Pick<KnowledgeBaseDeps, 'policiesDir' | 'indexDir' | 'embedder' | 'tokenizer' | 'glossary' | 'ef' | 'corpus'>;

interface Corpus {
  docs: SourceDocument[];
  chunks: Chunk[];
  failed: { path: string; error: string }[];
  translations: TranslationFile[];
  translationWarnings: { path: string; message: string }[];
}

async function readCorpus(deps: Pick<Deps, 'policiesDir' | 'corpus'>, logger: Logger): Promise<Corpus> {
  const { policiesDir } = deps;
  const { docs, failed } = await (deps.corpus ?? folderCorpus(policiesDir, logger))();
  if (docs.length === 0) throw new AppError('corpus_empty', `No policy documents could be loaded from ${deps.corpus ? 'the policy library' : policiesDir}`);
  const translationWarnings: { path: string; message: string }[] = [];
  const translations = await loadTranslations(policiesDir, 'en', (file, message) => translationWarnings.push({ path: file, message }));
  const attached = attachTranslations(docs, docs.flatMap((d) => splitDocument(d)), translations);
  translationWarnings.push(...attached.warnings);
  for (const w of translationWarnings) logger.warn('translation problem', w);
  return { docs, chunks: attached.chunks, failed, translations, translationWarnings };
}

// A translation's hash sits with its document, so editing only the translation rebuilds the index
// (the English lexical index) and reports that document as changed.
function documentHashes(corpus: Pick<Corpus, 'docs' | 'translations'>): Manifest['documents'] {
  const en = new Map(corpus.translations.map((t) => [t.docId, t.hash]));
  return Object.fromEntries(corpus.docs.map((d) => {
    const translated = en.get(d.meta.id);
    return [d.meta.id, { path: d.path, hash: d.hash, ...(translated ? { en: translated } : {}) }];
  }));
}

function assemble(corpus: Corpus, vector: VectorIndex, embeddings: IdentifiedEmbeddings, deps: Pick<Deps, 'tokenizer' | 'glossary'>, report: BuildReport): IndexState {
  const chunkById = new Map(corpus.chunks.map((c) => [c.id, c]));
  const chunksByKey = new Map<string, Chunk[]>();
  for (const c of corpus.chunks) chunksByKey.set(c.key, [...(chunksByKey.get(c.key) ?? []), c]);
  const lexical = createLexicalIndex(corpus.chunks, deps.tokenizer);
  // The vocabulary questions are repaired against follows the corpus: rebuilt with every index.
  const repairer = buildTypoRepairer({ lexical, chunks: corpus.chunks, glossaryTerms: deps.glossary.terms });
  return {
    documents: corpus.docs.map((d) => d.meta),
    chunks: corpus.chunks,
    chunkById,
    chunksByKey,
    lexical,
    canonical: createQuestionCanonicalizer(repairer),
    english: createEnglishIndex(corpus.chunks),
    vector,
    embeddings,
    report,
  };
}

/** Loads the saved index when it matches the corpus and the embedder; undefined when a build is needed. */
export async function loadIndex(deps: Deps, logger: Logger): Promise<IndexState | undefined> {
  const started = performance.now();
  const paths = indexPaths(deps.indexDir);
  const manifest = await readJsonIfPresent<Manifest>(paths.manifest);
  if (!manifest || manifest.version !== 1 || manifest.embedder !== deps.embedder.id) return undefined;
  const corpus = await readCorpus(deps, logger);
  if (JSON.stringify(documentHashes(corpus)) !== JSON.stringify(manifest.documents)) return undefined;
  if (chunkDigest(corpus.chunks) !== manifest.chunkDigest) return undefined;
  try {
    const embeddings = await deps.embedder.restore(deps.indexDir);
    const vector = await loadVectorIndex(paths.vectors, deps.ef);
    if (vector.size !== corpus.chunks.length) return undefined;
    const report: BuildReport = {
      action: 'loaded', documents: corpus.docs.length, chunks: corpus.chunks.length, embedded: 0, reused: corpus.chunks.length,
      changed: [], failed: corpus.failed, translationWarnings: corpus.translationWarnings, ms: Math.round(performance.now() - started),
    };
    return assemble(corpus, vector, embeddings, deps, report);
  } catch (err) {
    logger.warn('saved index unreadable, rebuilding', { error: (err as Error).message });
    return undefined;
  }
}

/**
 * Builds the index from the corpus and saves it. With a corpus-independent embedder, chunks whose
 * text is unchanged reuse their cached vectors, so only changed documents cost embedding calls.
 */
export async function buildIndex(deps: Deps, logger: Logger, onProgress?: BuildProgress, previous?: IndexState): Promise<IndexState> {
  const started = performance.now();
  const paths = indexPaths(deps.indexDir);
  const corpus = await readCorpus(deps, logger);
  const oldManifest = await readJsonIfPresent<Manifest>(paths.manifest);
  const texts = corpus.chunks.map(embedTextOf);
  const embeddings = await deps.embedder.prepare(texts);

  const cache = deps.embedder.corpusDependent ? {} : ((await readJsonIfPresent<Record<string, number[]>>(paths.vectorCache)) ?? {});
  const keys = texts.map(chunkCacheKey);
  const missing = keys.map((k, i) => (cache[k] ? -1 : i)).filter((i) => i >= 0);
  const batch = 64;
  for (let i = 0; i < missing.length; i += batch) {
    const idx = missing.slice(i, i + batch);
    const vectors = await embeddings.embedDocuments(idx.map((j) => texts[j] ?? ''));
    idx.forEach((j, n) => {
      const key = keys[j];
      const v = vectors[n];
      if (key !== undefined && v !== undefined) cache[key] = v;
    });
    onProgress?.(Math.min(i + batch, missing.length), missing.length);
  }
  if (missing.length === 0) onProgress?.(0, 0);

  const vectors = keys.map((k) => cache[k] ?? []);
  const dims = vectors[0]?.length ?? embeddings.dims;
  const vector = createVectorIndex(dims, deps.ef);
  await vector.add(corpus.chunks.map((c) => c.id), vectors);
  await vector.save(paths.vectors);
  await deps.embedder.save(deps.indexDir, embeddings);
  if (!deps.embedder.corpusDependent) await writeJsonAtomic(paths.vectorCache, Object.fromEntries(keys.map((k, i) => [k, vectors[i]])));

  const documents = documentHashes(corpus);
  const changed = changedDocuments(oldManifest?.embedder === deps.embedder.id ? oldManifest.documents : undefined, documents);
  const ms = Math.round(performance.now() - started);
  const manifest: Manifest = {
    version: 1, embedder: deps.embedder.id, dims, documents, chunks: corpus.chunks.length, chunkDigest: chunkDigest(corpus.chunks), builtAt: new Date().toISOString(), buildMs: ms,
  };
  // The manifest is written last: an interrupted build leaves no manifest that matches, so the next start rebuilds.
  await writeJsonAtomic(paths.manifest, manifest);
  const report: BuildReport = {
    action: missing.length < corpus.chunks.length ? 'updated' : 'built',
    documents: corpus.docs.length, chunks: corpus.chunks.length, embedded: missing.length, reused: corpus.chunks.length - missing.length,
    changed, failed: corpus.failed, translationWarnings: corpus.translationWarnings, ms,
  };
  logger.info('knowledge base built', { ...report, failed: report.failed.length, translationWarnings: report.translationWarnings?.length ?? 0, previousChunks: previous?.chunks.length });
  return assemble(corpus, vector, embeddings, deps, report);
}

function changedDocuments(before: Manifest['documents'] | undefined, after: Manifest['documents']): string[] {
  if (!before) return Object.keys(after);
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => before[id]?.hash !== after[id]?.hash || before[id]?.en !== after[id]?.en).sort();
}
