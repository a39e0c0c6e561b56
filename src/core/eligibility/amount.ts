import { FACTS, type FactInfo } from './facts.js';
import { shareOf } from './amount-share.js';
import { isAmountShare, type Amount } from './rule.js';
import type { Fact, Profile } from './types.js';

/** The amount a profile gets under a rule, or what is needed to say it. */
export type AmountResult =
  | { state: 'ok'; amount: string; read: Fact[]; alternatives: string[] }
  | { state: 'unknown'; needs: Fact[] }
  | { state: 'unlisted'; fact: Fact; listed: string[] };

/**
 * Resolves the amount: the first table whose fact value is listed decides. A table skipped because its
 * fact is unknown may hold a better standard; it is said as an alternative rather than asked, since
 * the person qualifies either way.
 */
export function resolveAmount(amount: Amount, profile: Profile): AmountResult {
  if (typeof amount === 'string') return { state: 'ok', amount, read: [], alternatives: [] };
  if (isAmountShare(amount)) {
    const sum = profile[amount.of];
    const share = typeof sum === 'number' ? shareOf(amount, sum) : undefined;
    return share === undefined ? { state: 'unknown', needs: [amount.of] } : { state: 'ok', amount: share, read: [amount.of], alternatives: [] };
  }
  const skipped: { by: Fact; table: Record<string, string> }[] = [];
  let unlisted: Fact | undefined;
  for (const t of amount) {
    const value = profile[t.by];
    if (value === undefined) {
      skipped.push(t);
      continue;
    }
    const found = Object.hasOwn(t.table, String(value)) ? t.table[String(value)] : undefined;
    if (found !== undefined) {
      const alternatives = skipped.flatMap((s) => alternativesOf(s.by, s.table, found));
      return { state: 'ok', amount: found, read: [t.by], alternatives };
    }
    unlisted ??= t.by;
  }
  if (skipped.length > 0) return { state: 'unknown', needs: skipped.map((s) => s.by) };
  const first = amount[0];
  return { state: 'unlisted', fact: unlisted ?? first?.by ?? 'degree', listed: first ? Object.keys(first.table) : [] };
}

function alternativesOf(by: Fact, table: Record<string, string>, chosen: string): string[] {
  const byAmount = new Map<string, string[]>();
  for (const [key, value] of Object.entries(table)) {
    if (value === chosen) continue;
    byAmount.set(value, [...(byAmount.get(value) ?? []), (FACTS[by] as FactInfo).describe(key)]);
  }
  return [...byAmount].map(([value, who]) => `如为${who.join('、')}，标准为${value}`);
}
