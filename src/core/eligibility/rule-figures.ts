import { FIGURE_SOURCE } from '../analysis/passage-structure.js';
import { isAmountShare, type Rule } from './rule.js';

const FIGURE_RE = new RegExp(FIGURE_SOURCE, 'gu');

/** The figures (amounts, durations) a rule's amount table states, spaces removed. */
export function ruleFigures(rule: Rule): string[] {
  const a = rule.amount;
  const texts = typeof a === 'string' ? [a] : isAmountShare(a) ? [a.share, a.cap] : a.flatMap((t) => Object.values(t.table));
  return [...new Set(texts.flatMap((t) => t.match(FIGURE_RE) ?? []).map((f) => f.replace(/\s+/gu, '')))];
}

/**
 * The rule's figures its article's text does not state (empty when they all appear). A rule file
 * edited by hand lags behind a newly published text: its amounts must then never be stated, since
 * the article the answer cites says otherwise.
 */
export function figuresNotInText(rule: Rule, articleText: string): string[] {
  const text = articleText.replace(/\s+/gu, '');
  return ruleFigures(rule).filter((f) => !text.includes(f));
}
