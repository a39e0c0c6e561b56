import { createKeyScanner, wordBoundary, type KeyScanner } from '../analysis/key-scanner.js';
import type { Rule } from './rule.js';

/** Full-width → half-width (NFKC), lower case, white space folded: the form triggers are matched in. */
export function normalizeTrigger(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Finds the rules a question names, with every trigger prepared once. */
export interface TriggerMatcher {
  /**
   * Rules whose triggers occur in the question. The score is the total length of the matched triggers,
   * the benefit's own name counting as one: "博士后生活补贴" names the postdoc rule in full, so it comes
   * before the graduates' 生活补贴. Ties keep the rules' order.
   */
  match(question: string): Rule[];
}

// Latin triggers match whole words only, so "rent" does not fire inside "parent" or "current".
const LATIN_WORD = wordBoundary((c) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39));
const LATIN_RE = /^[\x20-\x7e]+$/u;

/**
 * Prepares the triggers of rules for matching when the rules load: every distinct trigger (and each
 * rule's benefit name, which counts as one) is normalised once and indexed in one of two key
 * scanners, whole-word for Latin triggers and substring for the others, so that a question is read
 * once per scanner whatever the number of rules. A turn matches the question, its clauses and
 * benefit names against every rule, several times.
 */
export function compileTriggers(rules: readonly Rule[]): TriggerMatcher {
  const latin = new Map<string, number>();
  const other = new Map<string, number>();
  // Per distinct trigger: the rules it belongs to, once per time it is listed (a benefit that repeats
  // a trigger counts twice, as each listed trigger adds its length to the rule's score).
  const owners: number[][] = [];
  const lengths: number[] = [];
  rules.forEach((rule, index) => {
    for (const trigger of [...rule.triggers, rule.benefit]) {
      const t = normalizeTrigger(trigger);
      if (t === '') continue;
      const table = LATIN_RE.test(t) ? latin : other;
      let id = table.get(t);
      if (id === undefined) {
        id = owners.length;
        table.set(t, id);
        owners.push([]);
        lengths.push(t.length);
      }
      owners[id]?.push(index);
    }
  });
  const scanners: [KeyScanner, number[]][] = [
    [createKeyScanner([...latin.keys()], LATIN_WORD), [...latin.values()]],
    [createKeyScanner([...other.keys()]), [...other.values()]],
  ];
  return {
    match(question: string): Rule[] {
      const q = normalizeTrigger(question);
      const scores = new Map<number, number>();
      for (const [scanner, ids] of scanners) {
        for (const found of scanner.matches(q)) {
          const id = ids[found] as number;
          for (const index of owners[id] ?? []) scores.set(index, (scores.get(index) ?? 0) + (lengths[id] ?? 0));
        }
      }
      return [...scores]
        .sort(([ia, a], [ib, b]) => b - a || ia - ib)
        .map(([index]) => rules[index] as Rule);
    },
  };
}
