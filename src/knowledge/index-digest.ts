import { createHash } from 'node:crypto';
import type { IndexState } from './index-builder.js';

const digests = new WeakMap<IndexState, string>();

/**
 * A short fingerprint of what an index answers from (every chunk's id and text, in order). Instances
 * built from the same policy texts show the same digest in /healthz; a differing one is an instance
 * answering from other texts.
 */
export function indexDigest(state: IndexState): string {
  let digest = digests.get(state);
  if (digest === undefined) {
    const h = createHash('sha256');
    for (const c of [...state.chunks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) h.update(`${c.id}\u0000${c.text}\u0001`);
    digest = h.digest('hex').slice(0, 16);
    digests.set(state, digest);
  }
  return digest;
}
