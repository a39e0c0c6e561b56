import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HashedNgramEmbeddings, type HashedNgramState, type IdentifiedEmbeddings } from './hashed-ngram-embeddings.js';

/**
 * How the knowledge base gets an embedder for a corpus. The offline embedder depends on the corpus
 * (its IDF table), so any corpus change re-embeds everything — cheap, microseconds a chunk. A remote
 * model does not, so unchanged chunks keep their cached vectors and only changed ones are sent.
 */
export interface EmbedderProvider {
  /** Identifies the model and its settings, independent of the corpus. */
  readonly id: string;
  /** True when vectors depend on the whole corpus. */
  readonly corpusDependent: boolean;
  /** Whether an English question's vector can meet a Chinese passage's (a multilingual model); unset = assume it can. */
  readonly crossLingual?: boolean;
  /** An embedder ready for this corpus's texts. */
  prepare(texts: readonly string[]): Promise<IdentifiedEmbeddings>;
  /** Restores the embedder saved in an index folder. */
  restore(dir: string): Promise<IdentifiedEmbeddings>;
  /** Saves what `restore` needs. */
  save(dir: string, embeddings: IdentifiedEmbeddings): Promise<void>;
}

const STATE_FILE = 'embedder.json';

/** The offline hashed n-gram embedder. */
export function offlineEmbedderProvider(dims: number): EmbedderProvider {
  return {
    id: `hashed-ngram-v1:${dims}`,
    corpusDependent: true,
    // Character n-grams of English words never meet the Chinese texts' n-grams: only noise comes back.
    crossLingual: false,
    async prepare(texts) {
      const e = new HashedNgramEmbeddings({ dims });
      e.fit(texts);
      return e;
    },
    async restore(dir) {
      const state = JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')) as HashedNgramState;
      return HashedNgramEmbeddings.fromState(state);
    },
    async save(dir, embeddings) {
      if (!(embeddings instanceof HashedNgramEmbeddings)) throw new Error('Not an offline embedder');
      await writeFile(path.join(dir, STATE_FILE), JSON.stringify(embeddings.toState()));
    },
  };
}

/** A corpus-independent embedder, such as an OpenAI-compatible model. */
export function remoteEmbedderProvider(embeddings: IdentifiedEmbeddings): EmbedderProvider {
  return {
    id: embeddings.id,
    corpusDependent: false,
    prepare: async () => embeddings,
    restore: async () => embeddings,
    save: async () => undefined,
  };
}
