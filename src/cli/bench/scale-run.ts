import type { Glossary } from '../../knowledge/glossary.js';
import { HashedNgramEmbeddings } from '../../knowledge/hashed-ngram-embeddings.js';
import { hybridSearch } from '../../knowledge/hybrid-search.js';
import { embedTextOf } from '../../knowledge/index-files.js';
import { createLexicalIndex } from '../../knowledge/lexical-index.js';
import type { Tokenizer } from '../../knowledge/tokenizer.js';
import type { Chunk } from '../../knowledge/types.js';
import { createVectorIndex } from '../../knowledge/vector-index.js';
import { latency, round, timed } from './measure.js';
import { syntheticChunks } from './synthetic-corpus.js';

/** Memory after one step of the scale build, in MiB, and what the step added. */
export interface MemoryStep {
  step: string;
  /** Resident set size after the step. */
  rssMiB: number;
  /** Growth of the RSS over the step. */
  rssDeltaMiB: number;
  /** Growth of the V8 heap in use (JS objects and strings) over the step. */
  heapDeltaMiB: number;
  /** Growth of memory V8 knows of outside its heap (typed-array buffers; not hnswlib's, seen in the RSS only) over the step. */
  externalDeltaMiB: number;
}

/** The result of a scale run. */
export interface ScaleRow {
  chunks: number;
  buildSeconds: number;
  p50: number;
  p95: number;
  /** RSS before the synthetic corpus was made. */
  rssBeforeMiB: number;
  /** Highest RSS seen during the run (sampled after every step and batch). */
  peakRssMiB: number;
  /** RSS after the queries. */
  rssMiB: number;
  steps: MemoryStep[];
}

const MiB = 1048576;
/** Chunks embedded and added to hnswlib at a time: only one batch of vectors exists outside hnswlib. */
const BATCH = 1000;

/**
 * Builds the search indexes over `n` synthetic chunks made from the real ones, then runs the
 * queries through the fused search. Memory is read after each step (corpus, IDF fit, vectors,
 * BM25, chunk map), so the report says which part costs what.
 */
export async function measureScale(real: readonly Chunk[], n: number, queries: readonly string[], deps: { glossary: Glossary; tokenizer: Tokenizer; dims: number; ef: number }): Promise<ScaleRow> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const steps: MemoryStep[] = [];
  let peak = 0;
  const read = (): NodeJS.MemoryUsage => {
    gc?.();
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    return m;
  };
  let last = read();
  const rssBefore = last.rss;
  const mark = (step: string): void => {
    const m = read();
    steps.push({
      step,
      rssMiB: Math.round(m.rss / MiB),
      rssDeltaMiB: Math.round((m.rss - last.rss) / MiB),
      heapDeltaMiB: Math.round((m.heapUsed - last.heapUsed) / MiB),
      externalDeltaMiB: Math.round((m.external - last.external) / MiB),
    });
    last = m;
  };

  const build = await timed(async () => {
    const chunks = syntheticChunks(real, n);
    mark('synthetic chunks');
    const embeddings = new HashedNgramEmbeddings({ dims: deps.dims });
    embeddings.fit(chunks.map(embedTextOf).values());
    mark('embedder IDF fit');
    const vector = createVectorIndex(deps.dims, deps.ef);
    for (let i = 0; i < chunks.length; i += BATCH) {
      const batch = chunks.slice(i, i + BATCH);
      await vector.add(batch.map((c) => c.id), batch.map((c) => embeddings.embedFloat32(embedTextOf(c))));
      if ((i / BATCH) % 10 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    mark('vectors in hnswlib');
    const lexical = createLexicalIndex(chunks, deps.tokenizer);
    mark('BM25 postings');
    const chunkById = new Map(chunks.map((c) => [c.id, c]));
    mark('chunk map');
    return { embeddings, vector, lexical, chunkById };
  });
  const scaled = build.value;
  const query = (q: string) => hybridSearch(scaled, deps, q, 10);
  for (const q of queries) await query(q);
  const ms: number[] = [];
  for (const q of queries) ms.push((await timed(() => query(q))).ms);
  mark('queries');
  return { chunks: n, buildSeconds: round(build.ms / 1000), ...latency(ms), rssBeforeMiB: Math.round(rssBefore / MiB), peakRssMiB: Math.round(peak / MiB), rssMiB: Math.round(last.rss / MiB), steps };
}
