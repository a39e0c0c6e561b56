import { normalizeForSearch } from './text-normalize.js';
import type { Chunk } from './types.js';

/** Length of the character shingles two passages are compared by. */
const SHINGLE = 4;
/** A shingle is shared when at least this share of the corpus's documents (and at least MIN_DOCS) write it. */
const SHARED_DOC_SHARE = 0.25;
const MIN_DOCS = 3;

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
  const shinglesOf = new Map<string, Set<string>>();
  const docsOf = new Map<string, Set<string>>();
  for (const c of all) {
    const s = shingles(`${c.heading}\n${c.text}`);
    shinglesOf.set(c.id, s);
    for (const g of s) docsOf.set(g, (docsOf.get(g) ?? new Set<string>()).add(c.docId));
  }
  const documents = new Set(all.map((c) => c.docId)).size;
  const many = Math.max(MIN_DOCS, Math.ceil(documents * SHARED_DOC_SHARE));
  const shares = new Map<string, number>();
  for (const c of all) {
    const s = shinglesOf.get(c.id) ?? new Set<string>();
    let shared = 0;
    for (const g of s) if ((docsOf.get(g)?.size ?? 0) >= many) shared += 1;
    shares.set(c.id, s.size === 0 ? 0 : shared / s.size);
  }
  return shares;
}

function shingles(text: string): Set<string> {
  const chars = [...normalizeForSearch(text).replace(/\s+/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.add(chars.slice(i, i + SHINGLE).join(''));
  return out;
}
