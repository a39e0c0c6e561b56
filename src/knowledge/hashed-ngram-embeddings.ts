import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import { normalizeForSearch } from './text-normalize.js';

/** The fitted state of the offline embedder: saved with the index, since vectors depend on it. */
export interface HashedNgramState {
  /** Vector dimensions. */
  dims: number;
  /** Number of documents the IDF table was fitted on. */
  docs: number;
  /** Inverse document frequency per feature. */
  idf: Record<string, number>;
}

/** Anything the knowledge base can embed with, plus an id that changes when its vectors would. */
export interface IdentifiedEmbeddings extends Embeddings {
  /** Identifies the model and every setting that changes its vectors. */
  readonly id: string;
  /** Vector length. */
  readonly dims: number;
}

/**
 * Offline embeddings that need no model download: character 1–3-grams of Chinese runs and words plus
 * character trigrams of Latin text, weighted by IDF and hashed into a fixed number of signed buckets.
 * It is lexical, but it forgives typos and partial words ("落护" still shares 落 and 户 n-grams with 落户),
 * which complements the word-level BM25. `fit` must run on the corpus before documents are embedded.
 */
export class HashedNgramEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly dims: number;
  private idf = new Map<string, number>();
  private docs = 0;
  private fingerprint = 'unfitted';

  constructor(options: { dims: number }) {
    super({});
    this.dims = options.dims;
  }

  get id(): string {
    return `hashed-ngram-v1:${this.dims}:${this.fingerprint}`;
  }

  /** Fits the IDF table on the corpus texts (any iterable: a large corpus need not hold every text at once). */
  fit(texts: Iterable<string>): void {
    const df = new Map<string, number>();
    let docs = 0;
    for (const text of texts) {
      docs += 1;
      for (const f of features(text).keys()) df.set(f, (df.get(f) ?? 0) + 1);
    }
    this.idf = new Map([...df].map(([f, n]) => [f, Math.log((docs + 1) / (n + 1)) + 1]));
    this.docs = docs;
    this.fingerprint = fingerprintOf(this.idf);
  }

  /** Exports the fitted state for saving beside the index. */
  toState(): HashedNgramState {
    return { dims: this.dims, docs: this.docs, idf: Object.fromEntries(this.idf) };
  }

  /** Restores a saved state (no refit: the saved vectors were made with it). */
  static fromState(state: HashedNgramState): HashedNgramEmbeddings {
    const e = new HashedNgramEmbeddings({ dims: state.dims });
    e.idf = new Map(Object.entries(state.idf));
    e.docs = state.docs;
    e.fingerprint = fingerprintOf(e.idf);
    return e;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d, false));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document, true);
  }

  /** Synchronous embedding, for hot paths and benchmarks. */
  embed(text: string, isQuery: boolean): number[] {
    const vec = this.unnormalized(text, isQuery);
    const norm = normOf(vec);
    return Array.from(vec, (v) => v / norm);
  }

  /**
   * The same vector as `embed`, as a Float32Array: 4 bytes a value instead of 8 (plus an array's
   * overhead), the precision hnswlib stores anyway, so a large corpus can be embedded in batches
   * without doubling its memory.
   */
  embedFloat32(text: string, isQuery = false): Float32Array {
    const vec = this.unnormalized(text, isQuery);
    const norm = normOf(vec);
    const out = new Float32Array(vec.length);
    for (let i = 0; i < vec.length; i++) out[i] = (vec[i] as number) / norm;
    return out;
  }

  private unnormalized(text: string, isQuery: boolean): Float64Array {
    const vec = new Float64Array(this.dims);
    const fitted = this.idf.size > 0;
    for (const [feature, { count, weight }] of features(text)) {
      const idf = this.idf.get(feature);
      // A query n-gram the corpus never contains cannot match anything; it would only add noise.
      if (isQuery && fitted && idf === undefined) continue;
      const h = hash32(feature);
      const bucket = h % this.dims;
      const sign = (h >>> 31) === 1 ? -1 : 1;
      vec[bucket] = (vec[bucket] ?? 0) + sign * (1 + Math.log(count)) * (idf ?? 1) * weight;
    }
    return vec;
  }
}

function normOf(vec: Float64Array): number {
  let norm = 0;
  for (const v of vec) norm += v * v;
  return Math.sqrt(norm) || 1;
}

/** Feature → occurrence count and weight (longer n-grams say more than single characters). */
function features(text: string): Map<string, { count: number; weight: number }> {
  const out = new Map<string, { count: number; weight: number }>();
  const add = (f: string, weight: number): void => {
    const cur = out.get(f);
    if (cur) cur.count += 1;
    else out.set(f, { count: 1, weight });
  };
  const normalized = normalizeForSearch(text);
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      add(`1:${chars[i]}`, 0.4);
      if (i + 1 < chars.length) add(`2:${chars[i]}${chars[i + 1]}`, 1);
      if (i + 2 < chars.length) add(`3:${chars[i]}${chars[i + 1]}${chars[i + 2]}`, 0.8);
    }
  }
  for (const word of normalized.match(/[a-z0-9]+/gu) ?? []) {
    add(`w:${word}`, 1);
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.3);
  }
  return out;
}

/** FNV-1a over UTF-16 units, then a murmur3 finaliser so every bit depends on every character. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fingerprintOf(idf: Map<string, number>): string {
  const hash = createHash('sha256');
  for (const [f, v] of [...idf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${f}=${v.toFixed(6)}\n`);
  return hash.digest('hex').slice(0, 12);
}
