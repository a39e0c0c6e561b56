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
  /** Top hits for a query already split into terms (one cut shared with the confidence score). */
  searchTerms(terms: readonly string[], k: number): Hit[];
  /**
   * The terms of a chunk's passage as cited — its name (short name, else title), heading and body —
   * kept from indexing, so that scoring a result needs no new cut. Empty for an unknown chunk.
   */
  passageTerms(chunkId: string): PassageTerms;
  /** Number of indexed chunks. */
  readonly size: number;
  /** In how many chunks a term occurs (0 for a term the corpus does not have). */
  documentFrequency(term: string): number;
  /** Every indexed term with the number of chunks it occurs in (the corpus's vocabulary). */
  vocabulary(): IterableIterator<[string, number]>;
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

/** Whether a term occurs in a passage. */
export interface PassageTerms {
  has(term: string): boolean;
}

interface Posting {
  docs: Int32Array;
  tfs: Float32Array;
  /** Per document, the fields the term occurs in (HEADING | TITLE | TEXT). */
  fields: Uint8Array;
}

const HEADING = 1;
const TITLE = 2;
const TEXT = 4;
const NO_TERMS: PassageTerms = { has: () => false };

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
  // Postings are gathered as flat typed columns (term number, tf, fields; documents arrive in order)
  // and then cut into one slice per term of three shared buffers: at 100,000 chunks, per-term JS
  // arrays of boxed numbers cost a few hundred MB more at the peak of the build.
  const termNo = new Map<string, number>();
  const terms: string[] = [];
  let entryTerm = new Int32Array(1024);
  let entryDoc = new Int32Array(1024);
  let entryTf = new Float32Array(1024);
  let entryFields = new Uint8Array(1024);
  let entries = 0;
  const push = (term: number, doc: number, f: number, fields: number): void => {
    if (entries === entryTerm.length) {
      const grow = <T extends Int32Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      entryTerm = grow(entryTerm, (n) => new Int32Array(n));
      entryDoc = grow(entryDoc, (n) => new Int32Array(n));
      entryTf = grow(entryTf, (n) => new Float32Array(n));
      entryFields = grow(entryFields, (n) => new Uint8Array(n));
    }
    entryTerm[entries] = term;
    entryDoc[entries] = doc;
    entryTf[entries] = f;
    entryFields[entries] = fields;
    entries += 1;
  };
  // The name a passage is cited by is not a field of its own (the title field holds the short name
  // and the full title): its terms are kept once per distinct name, shared by the chunks that bear it.
  const nameTerms = new Map<string, ReadonlySet<string>>();
  const nameOf: ReadonlySet<string>[] = [];

  chunks.forEach((c, doc) => {
    const tf = new Map<string, { f: number; fields: number }>();
    const add = (text: string, weight: number, field: number): void => {
      for (const t of tokenizer.terms(text)) {
        const seen = tf.get(t);
        if (seen) {
          seen.f += weight;
          seen.fields |= field;
        } else tf.set(t, { f: weight, fields: field });
        lengths[doc] = (lengths[doc] ?? 0) + weight;
      }
    };
    add(c.heading, w.heading, HEADING);
    add(`${c.shortName ?? ''} ${c.docTitle}`, w.title, TITLE);
    add(c.text, w.text, TEXT);
    for (const [term, { f, fields }] of tf) {
      let no = termNo.get(term);
      if (no === undefined) {
        no = terms.length;
        termNo.set(term, no);
        terms.push(term);
      }
      push(no, doc, f, fields);
    }
    const name = c.shortName ?? c.docTitle;
    let named = nameTerms.get(name);
    if (!named) {
      named = new Set(tokenizer.terms(name));
      nameTerms.set(name, named);
    }
    nameOf[doc] = named;
  });
  // Counting sort by term: each term's entries stay in document order.
  const start = new Int32Array(terms.length + 1);
  for (let i = 0; i < entries; i++) start[(entryTerm[i] as number) + 1] = (start[(entryTerm[i] as number) + 1] as number) + 1;
  for (let t = 0; t < terms.length; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const allDocs = new Int32Array(entries);
  const allTfs = new Float32Array(entries);
  const allFields = new Uint8Array(entries);
  const next = start.slice(0, terms.length);
  for (let i = 0; i < entries; i++) {
    const at = next[entryTerm[i] as number] as number;
    next[entryTerm[i] as number] = at + 1;
    allDocs[at] = entryDoc[i] as number;
    allTfs[at] = entryTf[i] as number;
    allFields[at] = entryFields[i] as number;
  }
  const postings = new Map<string, Posting>(terms.map((term, t) => {
    const from = start[t] as number;
    const to = start[t + 1] as number;
    return [term, { docs: allDocs.subarray(from, to), tfs: allTfs.subarray(from, to), fields: allFields.subarray(from, to) }];
  }));
  // The search closures share this scope: drop the build's columns so they do not live as long as the index.
  entryTerm = entryDoc = new Int32Array(0);
  entryTf = new Float32Array(0);
  entryFields = new Uint8Array(0);
  termNo.clear();
  terms.length = 0;
  const docOf = new Map(ids.map((id, doc) => [id, doc]));
  const n = chunks.length;
  const avgLength = n === 0 ? 1 : lengths.reduce((s, x) => s + x, 0) / n || 1;
  const norm = Float32Array.from(lengths, (len) => k1 * (1 - b + (b * len) / avgLength));
  const scores = new Float32Array(n);
  const touched = new Int32Array(n);

  return {
    size: n,
    documentFrequency: (term) => postings.get(term)?.docs.length ?? 0,
    *vocabulary() {
      for (const [term, p] of postings) yield [term, p.docs.length];
    },
    search(query: string, k: number): Hit[] {
      return searchTerms(tokenizer.terms(query), k);
    },
    searchTerms,
    passageTerms(chunkId: string): PassageTerms {
      const doc = docOf.get(chunkId);
      if (doc === undefined) return NO_TERMS;
      const name = nameOf[doc];
      return { has: (term) => (fieldsIn(postings.get(term), doc) & (HEADING | TEXT)) !== 0 || (name?.has(term) ?? false) };
    },
  };

  function searchTerms(terms: readonly string[], k: number): Hit[] {
    const queryTf = new Map<string, number>();
    for (const t of terms) queryTf.set(t, (queryTf.get(t) ?? 0) + 1);
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
  }
}

/** The fields a term occurs in within one document (0 if none): a binary search of its ascending postings. */
function fieldsIn(p: Posting | undefined, doc: number): number {
  if (!p) return 0;
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = p.docs[mid] as number;
    if (d === doc) return p.fields[mid] as number;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
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
