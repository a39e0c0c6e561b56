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

const FIGURE = '\\d+(?:\\.\\d+)?\\s*(?:万元|元|%|年|个月|个工作日|周岁|平方米)';

/**
 * The figures a passage gives for what the question names: "硕士生活补贴多少" over "本科1万元、硕士3万元、
 * 博士10万元" gives ["硕士3万元"]. Only figures that follow a named term closely (within one clause)
 * count, so the answer can lead with the one number the person asked for.
 */
export function directFigures(question: string, text: string, terms: TermSplitter): string[] {
  if (!ASKS_AMOUNT_RE.test(question)) return [];
  const named = new Set(terms(question).filter((t) => t.length >= 2 && /\p{Script=Han}/u.test(t)));
  for (const m of question.normalize('NFKC').matchAll(/([A-Ea-e])\s*类/gu)) named.add(`${(m[1] ?? '').toUpperCase()}类`);
  const found: string[] = [];
  const body = text.normalize('NFKC');
  for (const term of named) {
    // A term the passage repeats (人才, 补贴) is its subject, not the item asked about (硕士, B类).
    if (body.split(term).length - 1 > 2) continue;
    const re = new RegExp(`${escapeRe(term)}[^，。；、,;：:]{0,3}?(${FIGURE})`, 'gu');
    for (const m of body.matchAll(re)) {
      const hit = m[0].replace(/\s+/gu, '');
      if (!found.some((f) => f.includes(hit) || hit.includes(f))) found.push(hit);
    }
  }
  return found.slice(0, 3);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
