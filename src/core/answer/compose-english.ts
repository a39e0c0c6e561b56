import { topicOf } from '../analysis/benefit-of.js';
import { labelledFigures } from '../analysis/passage-structure.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { AnsweredPoint } from './answer-parts.js';

/**
 * The English form of an answered point, from the passage's unofficial English translation: the
 * figure chosen on the Chinese text is found in the English one by its value (3万元 ↔ RMB 30,000),
 * so the case picked is the same in both languages; other answers take the English sentence that
 * shares most words with the question. Undefined when the passage has no translation.
 */

type Translated = Passage & { en?: { title: string; shortName?: string; heading: string; text: string } };

/** The translation of a passage, if any. */
export const englishOf = (p: Passage): Translated['en'] => (p as Translated).en;

/** The value of a Chinese amount in yuan (3万元 → 30000), or undefined for other units. */
export function yuanOf(figure: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(亿元|万元|万|元)$/u.exec(figure);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(n * (m[2] === '亿元' ? 1e8 : m[2] === '元' ? 1 : 1e4));
}

function englishSentences(text: string): string[] {
  return text
    .split(/\n+/u)
    .flatMap((line) => line.match(/[^.;!?]+(?:\.(?!\d)|[;!?]|$)(?:\s|$)?/gu) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 3 && !/^Unofficial English translation/u.test(s));
}

const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'is', 'are', 'and', 'or', 'do', 'does', 'i', 'my', 'can', 'how', 'what', 'which', 'when', 'where', 'who', 'me', 'much', 'many', 'it', 'get', 'be', 'with', 'on', 'at', 'if', 'as', 'by', 'there', 'this', 'that']);
const stem = (w: string): string => w.toLowerCase().replace(/(ies)$/u, 'y').replace(/(es|s)$/u, '');
const words = (s: string): Set<string> => new Set((s.match(/[a-z]+/giu) ?? []).map(stem).filter((w) => w.length > 2 && !STOP.has(w)));

/** The clause of an English sentence that states an amount ("RMB 30,000 a year for a master's degree"). */
function clauseWith(sentence: string, yuan: number): string | undefined {
  // Thousands separators ("30,000") have no space after the comma; clause breaks do.
  const clauses = sentence.split(/,\s+(?:and\s+)?|;\s*|:\s+|\band\s+(?=RMB)/u);
  return clauses.find((c) => (c.match(/RMB\s*[\d,]+(?:\.\d+)?/gu) ?? []).some((m) => Number(m.replace(/[^\d.]/gu, '')) === yuan))?.trim();
}

/** The English direct answer and basis of a point, or undefined without a translation. */
export function englishPoint(point: AnsweredPoint, question: string): { direct: string; basis: string[] } | undefined {
  const en = englishOf(point.passage);
  if (!en) return undefined;
  const sentences = englishSentences(en.text);
  const section = topicOf(en.heading).replace(/^(Article|Section)\s+\d+\s*/iu, '').replace(/^\d+\.\s*/u, '');
  const subject = point.passage.kind === 'guide' ? `${(en.shortName ?? en.title).replace(/\s*(Application\s+)?Guide$/iu, '')} – ${section}` : section;
  if (point.list) {
    const items = en.text
      .split(/\n+/u)
      .map((l) => l.trim())
      .filter((l) => /^\d+[.)]\s*/u.test(l))
      .map((l) => l.replace(/^\d+[.)]\s*/u, '').replace(/\s*\([^)]{12,}\)/gu, '').replace(/[.;]\s*$/u, ''));
    if (items.length >= 2) return { direct: `${subject}: ${items.join('; ')}`, basis: [] };
  }
  // The category's provision the Chinese answer chose, found in the English text by the category named.
  if (point.caseOf) {
    const clause = sentences.flatMap((s) => s.split(/;\s*/u)).find((c) => namesCategory(c, point.caseOf as string));
    if (clause) return { direct: `${subject}: ${clause.replace(/[.;]\s*$/u, '')}`, basis: [] };
  }
  // The figures the Chinese answer chose, found in the English text by value.
  const chosen = labelledFigures(point.direct).map((f) => ({ f, yuan: yuanOf(f.figure) })).filter((x) => x.yuan !== undefined);
  if (chosen.length > 0 && point.basis.length > 0) {
    const clauses: string[] = [];
    const basis = new Set<string>();
    for (const { f, yuan } of chosen) {
      const sentence = sentences.find((s) => clauseWith(s, yuan as number));
      const clause = sentence && clauseWith(sentence, yuan as number);
      if (!sentence || !clause) return undefined;
      const period = f.period === '一次性' && !/one-off|lump sum/iu.test(clause) ? ' (one-off)' : f.period === '每年' && !/year/iu.test(clause) ? ' (per year)' : '';
      clauses.push(`${clause}${period}`);
      basis.add(sentence);
    }
    return { direct: `${subject}: ${clauses.join('; ')}`, basis: [...basis] };
  }
  const wanted = words(question);
  const scored = sentences.map((s, i) => {
    const own = words(s);
    let score = 0;
    for (const w of wanted) if (own.has(w)) score += 1;
    if (/RMB|\d/u.test(s) && /how (much|many|long)|amount|days?|years?/iu.test(question)) score += 1.5;
    return { s, i, score };
  });
  const best = [...scored].sort((a, b) => b.score - a.score || a.i - b.i)[0];
  if (!best) return undefined;
  return { direct: `${subject}: ${best.s.replace(/[.;]\s*$/u, '')}`, basis: [] };
}

/** Whether an English clause names a category in its list: "Category D and E talent", "district-level". */
function namesCategory(clause: string, category: string): boolean {
  if (category === 'district') return /district-level/iu.test(clause);
  const list = /\bCategor(?:y|ies)\s+([A-E](?:(?:,\s*|\s+and\s+|\s+or\s+)[A-E])*)\b/u.exec(clause)?.[1] ?? '';
  return list.split(/,\s*|\s+and\s+|\s+or\s+/u).includes(category);
}

/** 《25 New Talent Policies》Article 5 Living Allowance for Young Graduates — a source in English. */
export function englishSource(p: Passage): string {
  const en = englishOf(p);
  return en ? `《${en.shortName ?? en.title}》${en.heading}` : `《${p.shortName ?? p.docTitle}》${p.heading}`;
}
