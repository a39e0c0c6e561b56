import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CorpusSource } from '../knowledge/corpus-source.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { SourceDocument } from '../knowledge/types.js';

/** Builds a knowledge base over a corpus (the offline embedder), its index files in a folder. */
export type KnowledgeFactory = (corpus: CorpusSource, indexDir: string) => Promise<KnowledgeBase>;

/** Knowledge bases over draft corpora, kept for the last few drafts (a hit test is often run again). */
export interface DraftIndexes {
  /** The knowledge base over `live` with `doc` in place of its document; built once per key. */
  get(key: string, live: () => Promise<SourceDocument[]>, doc: SourceDocument): Promise<KnowledgeBase>;
}

/** Creates the cache; `keep` is how many draft indexes stay in memory (default 3). */
export function createDraftIndexes(factory: KnowledgeFactory, keep = 3): DraftIndexes {
  const cache = new Map<string, Promise<KnowledgeBase>>();
  return {
    get(key, live, doc) {
      const hit = cache.get(key);
      if (hit) {
        // Most recently used last, so the oldest is evicted first.
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const built = (async () => {
        const others = (await live()).filter((d) => d.meta.id !== doc.meta.id);
        const docs = [...others, doc].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
        // The index lives in memory once built; its files are only the builder's scratch space.
        const dir = await mkdtemp(path.join(os.tmpdir(), 'library-draft-'));
        try {
          return await factory(async () => ({ docs, failed: [] }), dir);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      })();
      built.catch(() => cache.delete(key));
      cache.set(key, built);
      while (cache.size > keep) cache.delete(cache.keys().next().value as string);
      return built;
    },
  };
}
