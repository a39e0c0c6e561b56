import { rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Hit } from './lexical-index.js';

/** Approximate nearest-neighbour search over chunk vectors (LangChain's HNSWLib store). */
export interface VectorIndex {
  /** Top hits for a query vector: cosine similarity, best first. */
  search(vector: number[], k: number): Promise<Hit[]>;
  /** Adds vectors for chunk ids (serialised against saves). */
  add(ids: readonly string[], vectors: number[][]): Promise<void>;
  /** Writes the index to `dir` atomically (serialised against adds). */
  save(dir: string): Promise<void>;
  /** Number of vectors. */
  readonly size: number;
  /** The underlying LangChain store (for the baseline benchmark). */
  readonly store: HNSWLib;
}

/**
 * Wraps HNSWLib so that `ef` is always set (LangChain never sets it, and hnswlib then searches with
 * ef=10, which loses most true neighbours) and so that a save never overlaps an add: hnswlib writes
 * the file on a background thread and a concurrent addPoint corrupts it.
 */
export function wrapStore(store: HNSWLib, ef: number): VectorIndex {
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  // LangChain creates the hnswlib index on the first add; before that `store.index` throws.
  const count = (): number => {
    try {
      return store.index.getCurrentCount();
    } catch {
      return 0;
    }
  };
  const applyEf = (): void => {
    if (count() > 0) store.index.setEf(ef);
  };
  return {
    store,
    get size() {
      return count();
    },
    async search(vector, k) {
      const n = count();
      if (n === 0) return [];
      const pairs = await store.similaritySearchVectorWithScore(vector, Math.min(k, n));
      return pairs.map(([doc, distance]) => ({ chunkId: String(doc.metadata['chunkId']), score: 1 - distance }));
    },
    add(ids, vectors) {
      return exclusive(async () => {
        await store.addVectors(vectors, ids.map((chunkId) => new Document({ pageContent: '', metadata: { chunkId } })));
        applyEf();
      });
    },
    save(dir) {
      return exclusive(async () => {
        const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
        await mkdir(path.dirname(dir), { recursive: true });
        await store.save(tmp);
        await rm(dir, { recursive: true, force: true });
        await rename(tmp, dir);
      });
    },
  };
}

/** An empty cosine index of the given dimensions. */
export function createVectorIndex(embeddings: Embeddings, dims: number, ef: number): VectorIndex {
  return wrapStore(new HNSWLib(embeddings, { space: 'cosine', numDimensions: dims }), ef);
}

/** Loads a saved index and sets `ef` again (the file does not keep it). */
export async function loadVectorIndex(dir: string, embeddings: Embeddings, ef: number): Promise<VectorIndex> {
  const store = await HNSWLib.load(dir, embeddings);
  store.index.setEf(ef);
  return wrapStore(store, ef);
}
