import type { Rule } from './rule.js';
import type { Verdict } from './types.js';

/** How a verdict takes part in a 就高不重复 overlap. */
export interface OverlapMark {
  /** Class of the overlapping benefits, e.g. 安家补贴. */
  group: string;
  /** Citation key of the 就高不重复 provision. */
  key: string;
  /** True for the one benefit of the class that is granted. */
  kept: boolean;
  /** Rule id of the kept benefit. */
  keptRuleId: string;
  /** Rule ids of the other benefits of the class this verdict overlaps with. */
  others: string[];
}

/** A verdict, marked when it overlaps with another of the same class. */
export type MarkedVerdict = Verdict & { overlap?: OverlapMark };

/**
 * The total worth of an amount in 万元, for comparing benefits of one class: "50万元" → 50,
 * "每年2万元，最长3年" → 6. Undefined for amounts that are not money (e.g. a rent discount).
 */
export function amountWorth(amount: string): number | undefined {
  const text = amount.normalize('NFKC');
  const money = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(亿|万)?元/gu)].map((m) => Number(m[1]) * (m[2] === '亿' ? 10_000 : m[2] === '万' ? 1 : 0.0001));
  if (money.length === 0) return undefined;
  const base = Math.max(...money);
  const years = /每年/u.test(text) ? /最长\s*(\d+)\s*年/u.exec(text) : null;
  return years ? base * Number(years[1]) : base;
}

/**
 * Applies 就高不重复: among eligible verdicts whose rules share an overlap class, the highest amount is
 * kept and the others are marked (with a note citing the provision). All verdicts are returned, in
 * order; benefits whose amounts are not money are left unmarked, since they cannot be ranked.
 */
export function applyHighestOnly(verdicts: readonly Verdict[], rules: readonly Rule[]): MarkedVerdict[] {
  const ruleOf = new Map(rules.map((r) => [r.id, r]));
  const out: MarkedVerdict[] = [...verdicts];
  const groups = new Map<string, { index: number; worth: number }[]>();
  verdicts.forEach((v, index) => {
    const overlap = ruleOf.get(v.ruleId)?.overlap;
    if (v.status !== 'eligible' || !overlap) return;
    const worth = amountWorth(v.amount);
    if (worth === undefined) return;
    groups.set(overlap.group, [...(groups.get(overlap.group) ?? []), { index, worth }]);
  });
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    // Ties keep the first in rule order: granting either is the same money.
    const best = members.reduce((a, b) => (b.worth > a.worth ? b : a));
    const kept = verdicts[best.index];
    if (kept?.status !== 'eligible') continue;
    const key = ruleOf.get(kept.ruleId)?.overlap?.key ?? kept.key;
    for (const m of members) {
      const v = verdicts[m.index];
      if (v?.status !== 'eligible') continue;
      const others = members.filter((o) => o.index !== m.index).map((o) => verdicts[o.index]?.ruleId ?? '');
      const isKept = m.index === best.index;
      const note = isKept
        ? `同时符合其他${group}条件的，按就高不重复原则（${key}）享受本项较高标准`
        : `与${kept.benefit}（${kept.key}）同属${group}，按就高不重复原则（${key}）只享受较高的一项（${kept.amount}），本项不重复享受`;
      out[m.index] = { ...v, notes: [...v.notes, note], overlap: { group, key, kept: isKept, keptRuleId: kept.ruleId, others } };
    }
  }
  return out;
}
