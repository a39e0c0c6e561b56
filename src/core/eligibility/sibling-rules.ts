import type { Rule } from './rule.js';
import { normalizeTrigger } from './triggers.js';

/**
 * The matched rules without a sibling named only through the words the article's rules share. The 博士后
 * article has two benefits, both triggered by 博士后; "博后出站留在钱塘 有一次性补贴吗" names the stay-on
 * grant (出站) and the living allowance only through 博士后, so a verdict on the living allowance would
 * answer a benefit nobody asked about. A sibling of the same article stays when the question names it
 * by a word of its own, or when the two are named alike ("博士后有什么补贴" names both).
 */
export function namedApart(question: string, matched: readonly Rule[]): Rule[] {
  const q = normalizeTrigger(question);
  const named = new Map(matched.map((r) => [r, namedTriggers(r, q)]));
  return matched.filter((r) => {
    const own = named.get(r) ?? new Set<string>();
    return !matched.some((s) => s !== r && s.key === r.key && covers(named.get(s) ?? new Set(), own));
  });
}

/** The rule's triggers (and its benefit's name) the question contains, each in its normal form. */
function namedTriggers(rule: Rule, q: string): Set<string> {
  const all = [...rule.triggers, rule.benefit].map(normalizeTrigger).filter((t) => t !== '');
  // Latin triggers are checked as whole words, as the matcher checks them.
  const found = (t: string): boolean => (/^[\x20-\x7e]+$/u.test(t) ? new RegExp(`(?:^|[^a-z0-9])${t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?:$|[^a-z0-9])`, 'u').test(q) : q.includes(t));
  return new Set(all.filter(found));
}

/** Whether `wider` holds every trigger of `narrow` and more. */
function covers(wider: ReadonlySet<string>, narrow: ReadonlySet<string>): boolean {
  return wider.size > narrow.size && [...narrow].every((t) => wider.has(t));
}
