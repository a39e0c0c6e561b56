import type { Chunk } from '../../knowledge/types.js';

/**
 * Makes `n` synthetic chunks from the real ones for the scale run: each mixes sentences of several
 * real chunks and changes the numbers, so the vocabulary, lengths and term statistics stay those of
 * policy text while no two chunks are the same. Deterministic for a given seed.
 */
export function syntheticChunks(real: readonly Chunk[], n: number, seed = 42): Chunk[] {
  const sentences = real.flatMap((c) => c.text.split(/(?<=[。；])/u)).filter((s) => s.trim().length > 4);
  let state = seed >>> 0;
  const rand = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: Chunk[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(real);
    const count = 2 + Math.floor(rand() * 4);
    const text = Array.from({ length: count }, () => pick(sentences))
      .join('')
      .replace(/\d+/gu, () => String(1 + Math.floor(rand() * 500)));
    const docId = `syn${Math.floor(i / 40)}`;
    out.push({ ...base, id: `${docId}-${i}`, key: `${docId}-${(i % 40) + 1}`, docId, status: rand() < 0.2 ? 'superseded' : 'current', text, part: 1, parts: 1 });
  }
  return out;
}
