import type { Logger } from '../logger.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Citation, Lang, Reply } from '../types.js';
import { amountsIn } from './llm-composer.js';

/** A count a sentence multiplies by: "3年", "× 3", "3 years", "乘以3". */
const COUNT_RE = /(?:[×x*]\s*(\d{1,2})(?!\d))|(?:(?<![\d.])(\d{1,2})\s*(?:年|个年度|years?\b))|(?:乘以\s*(\d{1,2}))/giu;
// A sum written out: a plus sign between its terms.
const SUM_RE = /\S\s*\+\s*\S/u;
const SENTENCE_RE = /[^。！？!?\n；;]+[。！？!?\n；;]?/gu;

/**
 * The amounts of a reply that no source states and that are not arithmetic shown in their own
 * sentence. Sources are the Chinese texts of the cited articles and what the person wrote (their
 * salary, a fee): a translation never counts, so a figure mistyped there is caught. Arithmetic counts
 * only where the sentence shows its terms: "每年2万元，3年共6万元" (a stated amount and the count),
 * "学费1.4万元的50%，即7000元" (a stated percentage and the amount it is taken of). A bare 15万元 is
 * not accepted because 3万元 × 5 happens to make it. A sum counts only written out with plus signs
 * between terms the sentence shows: "合计60万元（每年10万元×2年+一次性40万元）".
 */
export function unsourcedAmounts(text: string, sources: readonly string[]): string[] {
  const allowed = new Set(sources.flatMap((s) => amountsIn(s)).map((a) => a.value));
  const out = new Set<string>();
  for (const sentence of text.normalize('NFKC').match(SENTENCE_RE) ?? []) {
    const amounts = amountsIn(sentence);
    const stated = amounts.filter((a) => allowed.has(a.value));
    const money = stated.flatMap((a) => (a.value.startsWith('cny:') ? [Number(a.value.slice(4))] : []));
    const percents = stated.flatMap((a) => (a.value.startsWith('pct:') ? [Number(a.value.slice(4))] : []));
    const counts = [...sentence.matchAll(COUNT_RE)].map((m) => Number(m[1] ?? m[2] ?? m[3])).filter((k) => k >= 2);
    const derived = new Set<string>();
    // Each stated amount as it may enter the arithmetic: itself, times a count, or a percentage of it.
    const forms = money.map((fen) => [fen, ...counts.map((k) => fen * k), ...percents.map((p) => Math.round((fen * p) / 100))]);
    for (const f of forms) for (const v of f.slice(1)) derived.add(`cny:${v}`);
    // A sum shown with its plus signs ("每年10万元×2年+一次性40万元") adds up terms the sentence shows.
    if (SUM_RE.test(sentence)) for (const v of sums(forms)) derived.add(`cny:${v}`);
    for (const a of amounts) if (!allowed.has(a.value) && !derived.has(a.value)) out.add(a.text);
  }
  return [...out];
}

/**
 * Every sum of two or more stated amounts, each in one of its forms (itself, or its product shown):
 * an amount is never added to its own multiple. None past what one sentence can show.
 */
function sums(forms: readonly (readonly number[])[]): number[] {
  if (forms.length < 2 || forms.length > 6) return [];
  let partial: { sum: number; used: number }[] = [{ sum: 0, used: 0 }];
  for (const options of forms) partial = [...partial, ...partial.flatMap((p) => [...new Set(options)].map((v) => ({ sum: p.sum + v, used: p.used + 1 })))];
  return partial.filter((p) => p.used >= 2).map((p) => p.sum);
}

/** The Chinese texts an answer citing these passages may take amounts from. */
export function passageSources(passages: readonly Passage[]): string[] {
  return passages.map((p) => `${p.docTitle}\n${p.heading}\n${p.text}`);
}

/**
 * What is sent instead of an answer that states an amount its sources do not: the cited texts
 * themselves, word for word, so every figure the person reads is one the policy states.
 */
export function quotedInstead(citations: readonly Citation[], passages: (key: string) => Passage | undefined, lang: Lang): string {
  const quotes = citations.slice(0, 2).flatMap((c) => {
    const p = passages(c.key);
    return p ? [`> ${p.text.replace(/\n+/gu, '\n> ')} [${c.key}]\n\n（${p.shortName ?? p.docTitle} ${p.heading}）`] : [];
  });
  const lead = lang === 'en'
    ? 'I could not put this answer together reliably, so here is the text it rests on, in the Chinese original (the amounts as the policy states them). Ask for a helper officer if you need your case checked.'
    : '这个问题我没能可靠地整理出答案，以下是所依据的政策原文（金额以原文为准）；如需核实您的具体情况，可以说“转人工”。';
  return [lead, ...quotes].join('\n\n');
}

/**
 * The last check before anything is sent: every amount a composed reply states must be stated by a
 * text it cites (or be arithmetic shown on such amounts or on what the person wrote, `said`). One that
 * is not is a defect of a composer; the person gets the cited texts word for word instead of a figure
 * nobody can vouch for, and the log says which. Officer-approved curated answers are their own source.
 */
export function withCheckedFigures(reply: Reply, said: readonly string[], chunksOf: (key: string) => Passage[], logger: Logger): Reply {
  if (reply.curated || reply.text === '') return reply;
  const passages = reply.citations.flatMap((c) => chunksOf(c.key));
  const unsourced = unsourcedAmounts(reply.text, [...passageSources(passages), ...said]);
  if (unsourced.length === 0) return reply;
  logger.error('reply held back: it states amounts no cited text states', { amounts: unsourced, keys: reply.citations.map((c) => c.key), intent: reply.intent });
  return { ...reply, text: quotedInstead(reply.citations, (key) => chunksOf(key)[0], reply.lang) };
}
