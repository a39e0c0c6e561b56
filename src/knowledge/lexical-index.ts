import type { Tokenizer } from './tokenizer.js';
import type { Chunk } from './types.js';

/** A scored hit of one retriever, by chunk id. */
export interface Hit {
  /** Chunk id. */
  chunkId: string;
  /** Retriever-specific score (higher is better). */
  score: number;
}

/** BM25 over jieba terms. */
export interface LexicalIndex {
  /** Top hits for a query, best first. */
  search(query: string, k: number): Hit[];
  /** Number of indexed chunks. */
  readonly size: number;
  /** In how many chunks a term occurs (0 for a term the corpus does not have). */
  documentFrequency(term: string): number;
}

/** BM25 parameters and field weights. */
export interface LexicalOptions {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation. */
  b?: number;
  /** Weight of a term in the article heading, the document title, and the body. */
  fieldWeights?: { heading: number; title: number; text: number };
}

interface Posting {
  docs: Int32Array;
  tfs: Float32Array;
}

/**
 * BM25 with field weights (a term in the heading counts twice: a heading such as 租房补贴 names what
 * the whole article is about) over jieba search-mode terms, stored as typed-array postings.
 * A general engine (MiniSearch) built a result object with match details for every matching
 * document; with common terms such as 人才 or 补贴 that cost 35 ms a query at 5,000 chunks. Here a
 * query touches only postings and one score array, and keeps the top k with a small heap.
 */
export function createLexicalIndex(chunks: readonly Chunk[], tokenizer: Tokenizer, options: LexicalOptions = {}): LexicalIndex {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const w = options.fieldWeights ?? { heading: 2, title: 0.5, text: 1 };
  const ids = chunks.map((c) => c.id);
  const lengths = new Float32Array(chunks.length);
  const building = new Map<string, { docs: number[]; tfs: number[] }>();

  chunks.forEach((c, doc) => {
    const tf = new Map<string, number>();
    const add = (text: string, weight: number): void => {
      for (const t of tokenizer.terms(text)) {
        tf.set(t, (tf.get(t) ?? 0) + weight);
        lengths[doc] = (lengths[doc] ?? 0) + weight;
      }
    };
    add(c.heading, w.heading);
    add(`${c.shortName ?? ''} ${c.docTitle}`, w.title);
    add(c.text, w.text);
    for (const [term, f] of tf) {
      const p = building.get(term) ?? { docs: [], tfs: [] };
      p.docs.push(doc);
      p.tfs.push(f);
      building.set(term, p);
    }
  });
  const postings = new Map<string, Posting>([...building].map(([t, p]) => [t, { docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) }]));
  const n = chunks.length;
  const avgLength = n === 0 ? 1 : lengths.reduce((s, x) => s + x, 0) / n || 1;
  const norm = Float32Array.from(lengths, (len) => k1 * (1 - b + (b * len) / avgLength));
  const scores = new Float32Array(n);
  const touched = new Int32Array(n);

  return {
    size: n,
    documentFrequency: (term) => postings.get(term)?.docs.length ?? 0,
    search(query: string, k: number): Hit[] {
      const queryTf = new Map<string, number>();
      for (const t of tokenizer.terms(query)) queryTf.set(t, (queryTf.get(t) ?? 0) + 1);
      let count = 0;
      for (const [term, qtf] of queryTf) {
        const p = postings.get(term);
        if (!p) continue;
        const df = p.docs.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (let i = 0; i < df; i++) {
          const doc = p.docs[i] as number;
          const tf = p.tfs[i] as number;
          if (scores[doc] === 0) touched[count++] = doc;
          scores[doc] = (scores[doc] as number) + (qtf * idf * tf * (k1 + 1)) / (tf + (norm[doc] as number));
        }
      }
      const hits = topK(touched, count, scores, k).map((doc) => ({ chunkId: ids[doc] as string, score: scores[doc] as number }));
      // The score array is shared between queries: clear only what this one touched.
      for (let i = 0; i < count; i++) scores[touched[i] as number] = 0;
      return hits;
    },
  };
}

/** Indices of the k highest scores among the touched documents, best first (ties by index). */
function topK(touched: Int32Array, count: number, scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => (scores[a] as number) < (scores[b] as number) || ((scores[a] as number) === (scores[b] as number) && a > b);
  for (let i = 0; i < count; i++) {
    const doc = touched[i] as number;
    if (heap.length < k) {
      heap.push(doc);
      siftUp(heap, heap.length - 1, worse);
    } else if (worse(heap[0] as number, doc)) {
      heap[0] = doc;
      siftDown(heap, 0, worse);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

function siftUp(h: number[], i: number, worse: (a: number, b: number) => boolean): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(h[i] as number, h[parent] as number)) break;
    [h[i], h[parent]] = [h[parent] as number, h[i] as number];
    i = parent;
  }
}

function siftDown(h: number[], i: number, worse: (a: number, b: number) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && worse(h[l] as number, h[m] as number)) m = l;
    if (r < h.length && worse(h[r] as number, h[m] as number)) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m] as number, h[i] as number];
    i = m;
  }
}
