import { normalizeForSearch } from './text-normalize.js';
import type { Chunk } from './types.js';

/** Length of the character shingles two passages are compared by. */
const SHINGLE = 4;
/** A shingle is shared when at least this share of the corpus's documents (and at least MIN_DOCS) write it. */
const SHARED_DOC_SHARE = 0.25;
const MIN_DOCS = 3;
// Without the u flag, so that it sees the halves of a pair (a character outside the BMP).
const SURROGATE_RE = /[\uD800-\uDFFF]/;
/** Most documents whose shingles are counted (see sharedTextShares). */
const SAMPLE_DOCS = 64;

/**
 * How much of each passage's text is written the same way in many other documents: the share (0–1) of
 * its character shingles that at least a quarter of the documents contain. Every guide ends with the
 * same "办理地点与咨询" section (the window, the online platform, the phone number); such a passage
 * matches "线上平台" as well as the article that coins the platform, and twelve copies of it crowd that
 * article out of both lists. Passages with their own content share little (a guide's conditions share
 * their stock phrases, rarely more than two thirds).
 */
export function sharedTextShares(chunks: Iterable<Chunk>): Map<string, number> {
  const all = [...chunks];
  const byDoc = new Map<string, Chunk[]>();
  for (const c of all) {
    const list = byDoc.get(c.docId);
    if (list) list.push(c);
    else byDoc.set(c.docId, [c]);
  }
  // Document frequencies are read from at most SAMPLE_DOCS documents spread over the corpus: text that
  // a quarter of all documents repeat is in about a quarter of such a sample, and the counts stay small
  // at 100,000 passages. A corpus of up to SAMPLE_DOCS documents is read whole.
  const docs = [...byDoc.values()];
  const sample = docs.length <= SAMPLE_DOCS ? docs : Array.from({ length: SAMPLE_DOCS }, (_, i) => docs[Math.floor((i * docs.length) / SAMPLE_DOCS)] ?? []);
  const docCount = new Map<string, number>();
  for (const docChunks of sample) {
    const seen = new Set<string>();
    for (const c of docChunks) for (const g of shingles(`${c.heading}\n${c.text}`)) seen.add(g);
    for (const g of seen) docCount.set(g, (docCount.get(g) ?? 0) + 1);
  }
  const many = Math.max(MIN_DOCS, Math.ceil(sample.length * SHARED_DOC_SHARE));
  const shares = new Map<string, number>();
  for (const c of all) {
    const s = shingles(`${c.heading}\n${c.text}`);
    let shared = 0;
    for (const g of s) if ((docCount.get(g) ?? 0) >= many) shared += 1;
    shares.set(c.id, s.size === 0 ? 0 : shared / s.size);
  }
  return shares;
}

/** The distinct SHINGLE-character shingles of a text, normalised and without white space. */
export function shingles(text: string): Set<string> {
  const flat = normalizeForSearch(text).replace(/\s+/gu, '');
  const out = new Set<string>();
  // Text without surrogate pairs (all of the corpus's) is cut by offset: splitting it into an array of
  // characters and joining each shingle back made one string per character and one per shingle, for
  // every passage at every index build.
  if (!SURROGATE_RE.test(flat)) {
    for (let i = 0; i + SHINGLE <= flat.length; i++) out.add(flat.slice(i, i + SHINGLE));
    return out;
  }
  const chars = [...flat];
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.add(chars.slice(i, i + SHINGLE).join(''));
  return out;
}
