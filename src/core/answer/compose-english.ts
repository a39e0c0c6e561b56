import { topicOf } from '../analysis/benefit-of.js';
import { labelledFigures } from '../analysis/passage-structure.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { AnsweredPoint } from './answer-parts.js';
import type { Aspect } from '../analysis/question-analysis.js';

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

const TRANSLATION_NOTE_RE = /^Unofficial English translation/u;

/** Sentences of one English line (breaks at . ; ! ? but not inside 1.5 or at a list number). */
function lineSentences(line: string): string[] {
  return (line.match(/[^.;!?]+(?:\.(?!\d)|[;!?]|$)(?:\s|$)?/gu) ?? []).map((s) => s.trim()).filter((s) => s.length > 3 && !TRANSLATION_NOTE_RE.test(s));
}

function englishSentences(text: string): string[] {
  return text.split(/\n+/u).flatMap(lineSentences);
}

/** Sentences of one Chinese line, as the Chinese answer cuts them (passageSentences). */
function chineseLineSentences(line: string): string[] {
  return (line.match(/[^。；！？!?]+[。；！？!?]?/gu) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

const paragraphs = (text: string): string[] => text.split(/\n+/u).map((l) => l.trim()).filter((l) => l !== '' && !TRANSLATION_NOTE_RE.test(l));
const bare = (s: string): string => s.replace(/^\d+[.、．]\s*/u, '').replace(/[。；;，,.]+$/u, '').trim();

/**
 * The English sentences that translate the given Chinese sentences of a passage. The translations keep
 * the paragraphs (and list items) of the Chinese text one for one, so a Chinese sentence is found by
 * its paragraph and its place in it; where the two languages cut a paragraph into a different number
 * of sentences, the share of the paragraph it covers is taken (one Chinese sentence of one → the whole
 * English paragraph). Empty when the paragraphs do not correspond.
 */
export function alignedSentences(chinese: string, english: string, wanted: readonly string[]): string[] {
  const zh = paragraphs(chinese).map(chineseLineSentences);
  const en = paragraphs(english).map(lineSentences);
  if (zh.length !== en.length || wanted.length === 0) return [];
  const out: string[] = [];
  for (const w of wanted.map(bare)) {
    zh.forEach((sentences, p) => {
      const j = sentences.findIndex((s) => bare(s) === w);
      const target = en[p] ?? [];
      if (j < 0 || target.length === 0) return;
      const n = sentences.length;
      const m = target.length;
      const from = Math.floor((j * m) / n);
      const to = Math.max(from + 1, Math.floor(((j + 1) * m) / n));
      for (const s of target.slice(from, to)) if (!out.includes(s)) out.push(s);
    });
  }
  return out;
}

/** The Chinese sentences of a passage that a Chinese answer line states (its best sentence, a second one). */
function statedSentences(p: Passage, direct: string): string[] {
  return paragraphs(p.text)
    .flatMap(chineseLineSentences)
    .filter((s) => bare(s).length >= 4 && direct.includes(bare(s)));
}

const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'is', 'are', 'and', 'or', 'do', 'does', 'i', 'my', 'can', 'how', 'what', 'which', 'when', 'where', 'who', 'me', 'much', 'many', 'it', 'get', 'be', 'with', 'on', 'at', 'if', 'as', 'by', 'there', 'this', 'that']);
const stem = (w: string): string => w.toLowerCase().replace(/(ies)$/u, 'y').replace(/(es|s)$/u, '');
const words = (s: string): Set<string> => new Set((s.match(/[a-z]+/giu) ?? []).map(stem).filter((w) => w.length > 2 && !STOP.has(w)));

const AMOUNT_RE = /RMB\s*[\d,]+(?:\.\d+)?/gu;
const hasYuan = (text: string, yuan: number): boolean => (text.match(AMOUNT_RE) ?? []).some((m) => Number(m.replace(/[^\d.]/gu, '')) === yuan);

/**
 * The clause of an English sentence that states an amount ("RMB 30,000 a year for a master's degree").
 * Commas before the first amount of a clause enumerate its subject ("Category A, B or C talent
 * receive…"), so such pieces stay with the clause they lead into; a "respectively" list pairs its
 * figures with names elsewhere in the sentence, so the whole sentence is the clause.
 */
function clauseWith(sentence: string, yuan: number, chosen: readonly number[] = [yuan]): string | undefined {
  if (!hasYuan(sentence, yuan)) return undefined;
  // All of a "respectively" list asked is the sentence whole; one of them, its own case.
  const all = (sentence.match(AMOUNT_RE) ?? []).every((m) => chosen.includes(Number(m.replace(/[^\d.]/gu, ''))));
  if (/\brespectively\b/u.test(sentence)) return (all ? undefined : respectiveClause(sentence, yuan)) ?? sentence.trim().replace(/[.;]\s*$/u, '');
  // Thousands separators ("30,000") have no space after the comma; clause breaks do.
  const pieces = sentence.split(/(,\s+(?:and\s+)?|;\s*|:\s+|\band\s+(?=RMB))/u);
  const clauses: string[] = [];
  let pending = '';
  for (let i = 0; i < pieces.length; i += 2) {
    const text = `${pending}${pieces[i] ?? ''}`;
    if (AMOUNT_RE.test(text) || i + 1 >= pieces.length) {
      clauses.push(text);
      pending = '';
    } else pending = `${text}${pieces[i + 1] ?? ''}`;
    AMOUNT_RE.lastIndex = 0;
  }
  return clauses.find((c) => hasYuan(c, yuan))?.trim().replace(/[.;]\s*$/u, '');
}

/**
 * One case of a "respectively" sentence: "national, provincial and municipal studios receive RMB 500,000,
 * RMB 200,000 and RMB 100,000 respectively" → "municipal studios receive RMB 100,000". Only a list of
 * one-word names as long as the list of amounts is paired; a list of longer names ("senior technicians
 * and technicians") could be cut wrongly, and is left whole.
 */
function respectiveClause(sentence: string, yuan: number): string | undefined {
  const amounts = [...sentence.matchAll(AMOUNT_RE)];
  const i = amounts.findIndex((m) => Number(m[0].replace(/[^\d.]/gu, '')) === yuan);
  const first = amounts[0];
  const last = amounts[amounts.length - 1];
  if (amounts.length < 3 || i < 0 || !first || !last) return undefined;
  const head = sentence.slice(0, first.index);
  const list = new RegExp(`\\b([A-Za-z-]+)((?:, [A-Za-z-]+){${amounts.length - 2}}),? (?:and|or) ([A-Za-z-]+)\\b(?![^,]*\\b(?:and|or)\\b[^,]*RMB)`, 'u').exec(head);
  if (!list?.[1] || !list[3]) return undefined;
  const names = [list[1], ...(list[2] ?? '').split(', ').filter((n) => n !== ''), list[3]];
  const name = names[i];
  const amount = amounts[i]?.[0];
  if (names.length !== amounts.length || !name || !amount) return undefined;
  const named = `${head.slice(0, list.index)}${name}${head.slice(list.index + list[0].length)}`;
  const tail = sentence.slice((last.index ?? 0) + last[0].length);
  return `${named}${amount}${tail}`.replace(/\s+respectively\b/u, '').trim().replace(/[.;]\s*$/u, '');
}

const CONTINUATION_RE = /^(with|which|where|while|up to|including|at|of)\b/u;

/**
 * A sentence split at the separators outside brackets: "(talent apartments, 人才公寓)" is one aside,
 * not the end of a clause and the start of the next.
 */
export function outsideBrackets(sentence: string, separator: RegExp): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of sentence.matchAll(separator)) {
    const before = sentence.slice(0, m.index);
    const open = (before.match(/[(（]/gu) ?? []).length - (before.match(/[)）]/gu) ?? []).length;
    if (open > 0) continue;
    out.push(sentence.slice(from, m.index));
    from = m.index + m[0].length;
  }
  out.push(sentence.slice(from));
  return out;
}

/** The clause of an English sentence that states a number ("a full-time master's degree and under 45 years of age"). */
function numberClause(sentence: string, n: string): string | undefined {
  const re = new RegExp(`(^|[^\\d.,])${n.replace('.', '\\.')}(?![\\d,]|\\.\\d)`, 'u');
  const clauses = outsideBrackets(sentence, /,\s+(?:or\s+|and\s+)?|;\s*|:\s+/gu);
  const i = clauses.findIndex((c) => re.test(c));
  if (i < 0) return undefined;
  // A clause that only continues the one before it ("…, with rent … at 50%") keeps its subject.
  const clause = i > 0 && CONTINUATION_RE.test(clauses[i] ?? '') ? `${clauses[i - 1]}, ${clauses[i]}` : (clauses[i] ?? '');
  return clause.trim().replace(/[.;]\s*$/u, '');
}

/**
 * A list item as it reads inside a sentence: its first word in lower case ("Passport" → "passport"),
 * unless it is part of a name (another capitalised word follows in the item: "Qiantang Talent Card",
 * or the text capitalises the word in mid-sentence too) or an abbreviation (ID).
 */
export function inRunningText(item: string, text: string): string {
  const first = /^[A-Z][a-z][a-z'’-]*(?![A-Za-z])/u.exec(item)?.[0];
  if (!first) return item;
  if (/^\S+\s+[A-Z]/u.test(item)) return item;
  const midSentence = new RegExp(`[a-z,;(]\\s+${first.replace(/[-'’]/gu, '.')}\\b`, 'u');
  return midSentence.test(text) ? item : `${first.toLowerCase()}${item.slice(first.length)}`;
}

/** The English direct answer and basis of a point, or undefined without a translation. */
export function englishPoint(point: AnsweredPoint, question: string, aspect?: Aspect): { direct: string; basis: string[] } | undefined {
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
    if (items.length >= 2) return { direct: `${subject}: ${items.map((i) => inRunningText(i, en.text)).join('; ')}`, basis: [] };
  }
  // The category's provision the Chinese answer chose, found in the English text by the category named.
  if (point.caseOf) {
    const clause = sentences.flatMap((s) => s.split(/;\s*/u)).find((c) => namesCategory(c, point.caseOf as string));
    if (clause) return { direct: `${subject}: ${clause.replace(/[.;]\s*$/u, '')}`, basis: [] };
  }
  // The figures the Chinese answer chose, found in the English text by value.
  const labelled = labelledFigures(point.direct);
  const chosen = labelled.map((f) => ({ f, yuan: yuanOf(f.figure) })).filter((x) => x.yuan !== undefined);
  if (chosen.length > 0 && point.basis.length > 0) {
    const clauses: string[] = [];
    const basis = new Set<string>();
    for (const { f, yuan } of chosen) {
      const all = chosen.flatMap((c) => (c.yuan === undefined ? [] : [c.yuan]));
      const sentence = sentences.find((s) => clauseWith(s, yuan as number, all));
      const clause = sentence && clauseWith(sentence, yuan as number, all);
      if (!sentence || !clause) return undefined;
      // The clause's own word for how it is paid wins over the label read from the Chinese sentence.
      const said = /one-off|one-time|lump sum|\b(a|per|each) year|annual|yearly/iu.test(clause);
      const spread = /^分(\d+)年发放$/u.exec(f.period)?.[1];
      const period = said ? '' : f.period === '一次性' ? ' (one-off)' : f.period === '每年' ? ' (per year)' : spread ? ` (paid over ${spread} years)` : '';
      if (!clauses.includes(`${clause}${period}`)) clauses.push(`${clause}${period}`);
      basis.add(sentence);
    }
    return { direct: `${subject}: ${clauses.join('; ')}`, basis: [...basis] };
  }
  // Otherwise the sentences the Chinese answer chose, in translation, weighed against the English
  // sentences that share the question's own words: the Chinese choice sees the question only through
  // the glossary's terms, the English words see what the person wrote.
  const quoted = point.basis.map((b) => bare(b.replace(/^……/u, ''))).filter((b) => b.length >= 4);
  const stated = [...statedSentences(point.passage, point.direct), ...paragraphs(point.passage.text).flatMap(chineseLineSentences).filter((s) => quoted.some((q) => s.includes(q)))];
  const aligned = alignedSentences(point.passage.text, en.text, [...new Set(stated)]);
  if (aligned.length > 0 && point.basis.length > 0) {
    // A figure other than money (45 周岁, 50%, 10 个工作日) is answered by the clause that states it.
    const numbers = labelled.map((f) => /\d+(?:\.\d+)?/u.exec(f.figure)?.[0]).filter((n): n is string => n !== undefined);
    const clauses = numbers.flatMap((n) => aligned.flatMap((s) => numberClause(s, n) ?? []));
    if (numbers.length > 0 && clauses.length >= numbers.length) return { direct: `${subject}: ${[...new Set(clauses)].join('; ')}`, basis: aligned };
  }
  const wanted = words(question);
  const scored = sentences.map((s, i) => {
    const own = words(s);
    let score = 0;
    for (const w of wanted) if (own.has(w)) score += 1;
    if (aligned.includes(s)) score += 1.5;
    if (aspect && ASPECT_SENTENCE[aspect]?.test(s)) score += 3;
    else if (/RMB|\d/u.test(s) && /how (much|many|long)|amount|days?|years?/iu.test(question)) score += 1.5;
    return { s, i, score };
  });
  // How it is paid is answered by the sentences saying how it is paid ("paid over 5 years"), however
  // many of the question's words the sentence naming the benefit shares.
  const paying = aspect === 'payment' ? scored.filter((x) => ASPECT_SENTENCE.payment?.test(x.s)) : [];
  if (paying.length > 0) return { direct: `${subject}: ${paying.slice(0, 2).map((x) => x.s).join(' ').replace(/[.;]\s*$/u, '')}`, basis: [] };
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const best = ranked[0];
  if (!best) return undefined;
  // A general question, or how it is paid, gets a second sentence when it also answers.
  const second = ranked[1];
  const two = (aspect === undefined || aspect === 'payment') && second && second.score > 0 && second.score >= best.score - 1 && (aligned.includes(second.s) || aspect === 'payment');
  const picked = two && second ? [best, second].sort((a, b) => a.i - b.i).map((x) => x.s) : [best.s];
  return { direct: `${subject}: ${picked.join(' ').replace(/[.;]\s*$/u, '')}`, basis: [] };
}

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';

/** What an English sentence carries for the asked aspect (the translation's own wording). */
const ASPECT_SENTENCE: Partial<Record<Aspect, RegExp>> = {
  amount: /RMB\s*[\d,]+|\d+%/u,
  payment: /paid (over|in|annually|yearly|each year|once)|lump sum|one-off|year by year|over \d+ years/iu,
  // "Only after 6 full months" says when one may apply as much as a month does.
  schedule: new RegExp(`${MONTH}|within \\d+ (year|month|day)s?|batch|each month|at any time|once a year|only after \\d+ (full )?(year|month)s?`, 'u'),
  duration: /\d+ (working )?days?|within \d+/iu,
  term: /(at most|up to|for) \d+ years?|first \d+ years/iu,
  eligibility: /under \d+|age|may apply|must|shall|neither|no age limit|holding|holders?/iu,
  definition: /\bmeans\b|refers to|"[^"]+"\s*(\([^)]*\))?\s*in these/iu,
  validity: /take effect|valid for|repealed|in force|expire/iu,
};

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
