/** An officer-approved answer to a question. */
export interface CuratedAnswer {
  /** Stable id. */
  id: string;
  /** The question it answers, and variants people use. */
  questions: string[];
  /** Markdown answer. */
  answer: string;
  /** Citation keys the answer relies on. */
  keys: string[];
  /** Language of the answer. */
  lang: 'zh' | 'en';
}

/** Finds the curated answer whose question matches closely enough to return it as is. */
export interface CuratedMatcher {
  /** The best match at or above the threshold, or undefined. */
  match(question: string): { answer: CuratedAnswer; similarity: number } | undefined;
}

function normalise(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of character bigrams: 1 for the same text, robust to small wording changes. */
export function similarity(a: string, b: string): number {
  const x = bigrams(normalise(a));
  const y = bigrams(normalise(b));
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * Matches questions against curated answers. The threshold is high on purpose: a curated answer is
 * returned verbatim, so it must be the same question, not a related one.
 */
export function createCuratedMatcher(answers: () => readonly CuratedAnswer[], threshold = 0.82): CuratedMatcher {
  return {
    match(question) {
      let best: { answer: CuratedAnswer; similarity: number } | undefined;
      for (const answer of answers()) {
        for (const q of answer.questions) {
          const s = similarity(question, q);
          if (s >= threshold && (!best || s > best.similarity)) best = { answer, similarity: s };
        }
      }
      return best;
    },
  };
}
