import type { CuratedAnswer } from '../core/curated/curated-answers.js';
import type { Rule } from '../core/eligibility/rule.js';
import { figuresNotInText } from '../core/eligibility/rule-figures.js';
import type { Chunk } from '../knowledge/types.js';
import type { ArticleChange } from './article-diff.js';

/** An eligibility rule that cites a changed article, or no longer matches its text. */
export interface RuleImpact {
  /** Rule id. */
  ruleId: string;
  benefit: string;
  /** The cited key concerned. */
  key: string;
  /** cites_changed: the article changed; article_missing: the key no longer exists; figure_mismatch: an amount of the rule is not in the article's text. */
  reason: 'cites_changed' | 'article_missing' | 'figure_mismatch';
  /** The rule's figures missing from the text (figure_mismatch). */
  figures?: string[];
}

/** A curated answer that cites a changed article. */
export interface CuratedImpact {
  id: string;
  question: string;
  keys: string[];
}

/** The citation keys a rule relies on: its article, its 就高不重复 provision, its deadlines. */
export function ruleKeys(rule: Rule): string[] {
  return [...new Set([rule.key, ...(rule.overlap ? [rule.overlap.key] : []), ...(rule.deadlines ?? []).map((d) => d.key)])];
}

/**
 * Rules to look at for a set of chunks (the draft corpus) and the articles that changed: a rule citing
 * a changed article; a rule citing an article the corpus no longer has; a rule whose amount figures
 * are not in its article's text. Only rules of the changed document when `documentId` is given.
 */
export function ruleImpacts(rules: readonly Rule[], chunks: readonly Chunk[], changes: readonly ArticleChange[], documentId?: string): RuleImpact[] {
  const changed = new Set(changes.map((c) => c.key));
  const text = new Map<string, string>();
  for (const c of chunks) text.set(c.key, `${text.get(c.key) ?? ''}${c.text}`.replace(/\s+/gu, ''));
  const out: RuleImpact[] = [];
  for (const rule of rules) {
    for (const key of ruleKeys(rule)) {
      if (documentId !== undefined && !key.startsWith(`${documentId}-`) && key !== documentId) continue;
      const article = text.get(key);
      if (article === undefined) {
        out.push({ ruleId: rule.id, benefit: rule.benefit, key, reason: 'article_missing' });
        continue;
      }
      if (changed.has(key)) out.push({ ruleId: rule.id, benefit: rule.benefit, key, reason: 'cites_changed' });
      if (key === rule.key) {
        const missing = figuresNotInText(rule, article);
        if (missing.length > 0) out.push({ ruleId: rule.id, benefit: rule.benefit, key, reason: 'figure_mismatch', figures: missing });
      }
    }
  }
  return out;
}

/** Curated answers (seeded and approved) citing a changed article: their text may now be wrong. */
export function curatedImpacts(answers: readonly CuratedAnswer[], changes: readonly ArticleChange[]): CuratedImpact[] {
  const changed = new Set(changes.map((c) => c.key));
  return answers.filter((a) => a.keys.some((k) => changed.has(k))).map((a) => ({ id: a.id, question: a.questions[0] ?? '', keys: a.keys.filter((k) => changed.has(k)) }));
}
