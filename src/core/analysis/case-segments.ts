import { passageSentences } from './passage-structure.js';

/**
 * Provisions that treat talent categories differently, case by case: "A、B、C类人才发放金卡，D、E类人才及
 * 区级高层次人才发放银卡" (the card), "A、B、C类人才的子女……统筹安排公办学校。D、E类人才及区级高层次人才
 * 的子女就学，由教育部门协调安排" (schooling). A person of one category needs the segment that names it.
 */

/** One stretch of a passage that begins with a list of categories and says what they get. */
export interface CaseSegment {
  /** The categories it names: A–E, and `district` for 区级高层次人才. */
  cases: string[];
  /** Its text, without a closing stop. */
  text: string;
}

// A list of category letters opening a segment: A、B、C类 / D、E类 / A类和B类.
const LIST_HEAD = /^(?:对|给予)?((?:[A-E](?:类(?:人才)?)?\s*(?:[、,，和与及或]\s*)?)+)类?(?:人才)?/u;
const DISTRICT = /^.{0,16}?区级(?:高层次)?人才/u;

/** The segments of a passage that open with a category list; empty when fewer than two do. */
export function caseSegments(text: string): CaseSegment[] {
  const out: CaseSegment[] = [];
  for (const sentence of passageSentences(text)) {
    // A clause opening a new list starts a new segment; other clauses stay with the one before.
    const clauses = sentence.replace(/[。；;]$/u, '').split(/(?<=[，,])/u);
    let current: CaseSegment | undefined;
    for (const clause of clauses) {
      const cases = casesAtStart(clause);
      if (cases) {
        if (current) out.push(current);
        current = { cases, text: clause };
      } else if (current) current.text += clause;
    }
    if (current) out.push(current);
  }
  for (const s of out) s.text = s.text.replace(/[，,]$/u, '');
  return out.length >= 2 ? out : [];
}

function casesAtStart(clause: string): string[] | undefined {
  const m = LIST_HEAD.exec(clause);
  const letters = [...(m?.[1] ?? '').matchAll(/[A-E]/gu)].map((x) => x[0]);
  if (letters.length === 0 || !/类/u.test(m?.[0] ?? '')) return undefined;
  return DISTRICT.test(clause) ? [...letters, 'district'] : letters;
}

/** The category a question names (D类, 区级, category D), or undefined. */
export function categoryNamed(question: string): string | undefined {
  const q = question.normalize('NFKC');
  const zh = /(?<![A-Za-z])([A-Ea-e])\s*类/u.exec(q);
  if (zh?.[1]) return zh[1].toUpperCase();
  // "category C", "class C", "a C-class talent", "I'm E class" (a capital: "a class" is no category).
  const en = /\b(?:category|class)\s+([a-e])\b/iu.exec(q) ?? /\b([A-E])[- ]?(?:category|class)\b/u.exec(q);
  if (en?.[1]) return en[1].toUpperCase();
  return /区级(?:高层次)?人才|district[- ]level/iu.test(q) ? 'district' : undefined;
}

/**
 * The categories a question names ("C类跟D类的人才卡一样吗" names two): a comparison of categories wants
 * every segment, not one category's.
 */
export function categoriesNamed(question: string): string[] {
  const q = question.normalize('NFKC');
  const letters = [...q.matchAll(/(?<![A-Za-z])([A-Ea-e])\s*(?=类|[、,，和与跟及或]\s*[A-Ea-e]\s*类)/gu)].map((m) => (m[1] ?? '').toUpperCase());
  return [...new Set([...letters, ...(/区级(?:高层次)?人才|district[- ]level/iu.test(q) ? ['district'] : [])])];
}

/** The one segment naming the category, when exactly one does. */
export function segmentFor(segments: readonly CaseSegment[], category: string): CaseSegment | undefined {
  const named = segments.filter((s) => s.cases.includes(category));
  return named.length === 1 ? named[0] : undefined;
}

// Asks which of the cases' provisions applies: 哪种卡, 金卡还是银卡, which card.
const ASKS_WHICH = /哪(?:种|一种|类|样|个)|什么(?:样的?)?卡|啥卡|还是|\b(?:which|what (?:kind|type|sort))\b/iu;

/**
 * Whether a question asks which segment's provision applies: it asks "which", or it names a word
 * that only some segments use (金卡 — not 发放, which they all share).
 */
export function asksWhichCase(question: string, segments: readonly CaseSegment[], terms: (text: string) => string[]): boolean {
  if (ASKS_WHICH.test(question)) return true;
  const per = segments.map((s) => new Set(terms(s.text.replace(LIST_HEAD, '')).filter((t) => t.length >= 2)));
  const telling = per.flatMap((set) => [...set].filter((t) => !per.every((other) => other.has(t))));
  return telling.some((t) => question.includes(t));
}

/** A category in words: D类人才, 区级高层次人才. */
export function categoryWords(category: string): string {
  return category === 'district' ? '区级高层次人才' : `${category}类人才`;
}
