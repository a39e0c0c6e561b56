import { charLength, figureFirst, median, statesWrongBenefit } from './answer-shape.js';
import type { EvalItem } from './eval-item.js';

/** What the system did with one evaluation item (the eval output line of design.md). */
export interface EvalOutcome {
  /** Item id. */
  id: string;
  /** The reply text. */
  answer: string;
  /** Citation keys of the reply, in order. */
  citations: string[];
  /** Top-10 retrieved keys, in order. */
  retrieved: string[];
  /** Whether the reply handed off to an officer. */
  handoff: boolean;
  /** in or out of scope. */
  scope: 'in' | 'out';
  /** Reply language. */
  lang: 'zh' | 'en';
  /** Wall time of the reply. */
  ms: number;
}

/** The summary of an evaluation run. */
export interface EvalSummary {
  /** Items evaluated. */
  items: number;
  /** Items with a citation expectation (the retrieval figures are over these). */
  retrievalItems: number;
  /** Share whose first retrieved key is expected. */
  hitAt1: number;
  /** Share with an expected key in the first three. */
  hitAt3: number;
  /** Mean reciprocal rank over the top ten. */
  mrr: number;
  /** Share of items whose reply meets every expectation. */
  answerAccuracy: number;
  /** Handoff items handed off, over handoff items (NaN when there are none). */
  handoffRecall: number;
  /** Non-handoff items handed off, over non-handoff items. */
  falseHandoffRate: number;
  /** Out-of-scope items answered as out of scope, over those items. */
  outOfScopeAccuracy: number;
  /** Median reply time. */
  p50Ms: number;
  /** 95th-percentile reply time. */
  p95Ms: number;
  /** Items with a figure expectation. */
  figureItems: number;
  /** Share of those whose first sentence contains the figure. */
  figureFirstShare: number;
  /** Of those, answers whose first sentence states another article's figure instead (needs figure owners). */
  wrongBenefit: number;
  /** Median reply length (characters) of single-fact items: a figure, or one cite and no earlier turns. */
  medianSingleFactLength: number;
  /** Ids of items that failed some expectation, with the reasons. */
  failures: { id: string; reasons: string[] }[];
}

/** A retrieved key matches an expected one when equal, or when it is a section of the expected guide/document. */
export function keyMatches(retrieved: string, expected: string): boolean {
  return retrieved === expected || retrieved.startsWith(`${expected}-`);
}

function firstHitRank(retrieved: readonly string[], expected: readonly string[]): number {
  const i = retrieved.findIndex((k) => expected.some((e) => keyMatches(k, e)));
  return i < 0 ? Infinity : i + 1;
}

const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** Why an outcome fails its item's expectations (empty when it passes). */
export function failedExpectations(item: EvalItem, outcome: EvalOutcome): string[] {
  const e = item.expect;
  const reasons: string[] = [];
  if (e.cite && !outcome.citations.some((k) => e.cite?.some((x) => keyMatches(k, x)))) reasons.push(`cites ${outcome.citations.join(',') || 'nothing'}, expected one of ${e.cite.join(',')}`);
  const answer = compact(outcome.answer);
  for (const s of e.contains ?? []) if (!answer.includes(compact(s))) reasons.push(`answer lacks "${s}"`);
  if ((e.handoff ?? false) !== outcome.handoff) reasons.push(outcome.handoff ? 'handed off unexpectedly' : 'did not hand off');
  if ((e.scope ?? 'in') !== outcome.scope) reasons.push(`scope ${outcome.scope}`);
  if (e.lang && e.lang !== outcome.lang) reasons.push(`answered in ${outcome.lang}`);
  if (e.figure && !figureFirst(outcome.answer, e.figure)) reasons.push(`first sentence lacks "${e.figure}"`);
  return reasons;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const share = (n: number, d: number): number => (d === 0 ? Number.NaN : n / d);

/** Computes the summary of design.md's eval contract. */
export function summarise(items: readonly EvalItem[], outcomes: readonly EvalOutcome[], figureOwners?: ReadonlyMap<string, ReadonlySet<string>>): EvalSummary {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  let retrievalItems = 0, h1 = 0, h3 = 0, rr = 0, correct = 0, hand = 0, handHit = 0, nonHand = 0, falseHand = 0, out = 0, outHit = 0;
  const failures: EvalSummary['failures'] = [];
  let figureItems = 0, figureHit = 0, wrongBenefit = 0;
  const singleFactLengths: number[] = [];
  for (const item of items) {
    const o = byId.get(item.id);
    if (!o) continue;
    const figure = item.expect.figure;
    let wrong = false;
    if (figure) {
      figureItems += 1;
      if (figureFirst(o.answer, figure)) figureHit += 1;
      else if (figureOwners && statesWrongBenefit(o.answer, { figure, cite: item.expect.cite ?? [] }, figureOwners)) wrong = true;
    }
    if (wrong) wrongBenefit += 1;
    if (figure || (item.expect.cite?.length === 1 && item.history.length === 0)) singleFactLengths.push(charLength(o.answer));
    if (item.expect.cite) {
      retrievalItems += 1;
      const rank = firstHitRank(o.retrieved.slice(0, 10), item.expect.cite);
      if (rank <= 1) h1 += 1;
      if (rank <= 3) h3 += 1;
      if (rank <= 10) rr += 1 / rank;
    }
    // The worst failure is named first, so a list of failures shows it.
    const reasons = [...(wrong ? ['WRONG BENEFIT: the first sentence states another article\'s figure'] : []), ...failedExpectations(item, o)];
    if (reasons.length === 0) correct += 1;
    else failures.push({ id: item.id, reasons });
    if (item.expect.handoff) {
      hand += 1;
      if (o.handoff) handHit += 1;
    } else {
      nonHand += 1;
      if (o.handoff) falseHand += 1;
    }
    if (item.expect.scope === 'out') {
      out += 1;
      if (o.scope === 'out') outHit += 1;
    }
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    items: items.length,
    retrievalItems,
    hitAt1: share(h1, retrievalItems),
    hitAt3: share(h3, retrievalItems),
    mrr: share(rr, retrievalItems),
    answerAccuracy: share(correct, items.length),
    handoffRecall: share(handHit, hand),
    falseHandoffRate: share(falseHand, nonHand),
    outOfScopeAccuracy: share(outHit, out),
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    figureItems,
    figureFirstShare: share(figureHit, figureItems),
    wrongBenefit,
    medianSingleFactLength: median(singleFactLengths),
    failures,
  };
}
