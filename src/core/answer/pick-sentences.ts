import type { TermSplitter } from '../ports/knowledge-port.js';

const AMOUNT_RE = /\d+(\.\d+)?\s*(万元|元|%|年|个月|个工作日|周岁|平方米)/u;
const ASKS_AMOUNT_RE = /多少|几|多久|多长|多大|how (much|many|long)|amount/iu;

/** Splits a passage into sentences, keeping list items whole. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/u)
    .flatMap((line) => line.match(/[^。；！？!?]+[。；！？!?]?/gu) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/**
 * Picks the sentences of a passage that answer the question best: the most question terms, a
 * figure when the question asks "多少/多久", ties to the earlier sentence. Returned in text order.
 */
export function pickSentences(text: string, question: string, terms: TermSplitter, max = 2): string[] {
  const sentences = sentencesOf(text);
  if (sentences.length <= max) return sentences;
  const wanted = new Set(terms(question));
  const wantsFigure = ASKS_AMOUNT_RE.test(question);
  const scored = sentences.map((s, i) => {
    const own = new Set(terms(s));
    let score = 0;
    for (const t of wanted) if (own.has(t)) score += t.length > 1 ? 1 : 0.3;
    if (wantsFigure && AMOUNT_RE.test(s)) score += 1.5;
    return { s, i, score };
  });
  const best = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max);
  if ((best[0]?.score ?? 0) === 0) return sentences.slice(0, max);
  return best.filter((x) => x.score > 0).sort((a, b) => a.i - b.i).map((x) => x.s);
}
