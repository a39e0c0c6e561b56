import type { Rule } from './rule.js';

/** Full-width → half-width (NFKC), lower case, white space folded: the form triggers are matched in. */
export function normalizeTrigger(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

// Latin triggers match whole words only, so "rent" does not fire inside "parent" or "current".
function matcher(trigger: string): (q: string) => boolean {
  const t = normalizeTrigger(trigger);
  if (t === '') return () => false;
  if (/^[\x20-\x7e]+$/u.test(t)) {
    const re = new RegExp(`(^|[^a-z0-9])${escape(t)}($|[^a-z0-9])`, 'u');
    return (q) => re.test(q);
  }
  return (q) => q.includes(t);
}

// Compiled once per rule: a turn matches several clauses and benefit names against every rule.
const compiled = new WeakMap<Rule, { test: (q: string) => boolean; length: number }[]>();

function matchersOf(rule: Rule): { test: (q: string) => boolean; length: number }[] {
  let list = compiled.get(rule);
  if (!list) {
    list = [...rule.triggers, rule.benefit].map((t) => ({ test: matcher(t), length: normalizeTrigger(t).length }));
    compiled.set(rule, list);
  }
  return list;
}

/**
 * Rules whose triggers occur in the question. The score is the total length of the matched triggers,
 * the benefit's own name counting as one: "博士后生活补贴" names the postdoc rule in full, so it comes
 * before the graduates' 生活补贴.
 */
export function matchRules(rules: readonly Rule[], question: string): Rule[] {
  const q = normalizeTrigger(question);
  const scored = rules.map((rule, index) => {
    const score = matchersOf(rule).filter((m) => m.test(q)).reduce((sum, m) => sum + m.length, 0);
    return { rule, index, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((s) => s.rule);
}
