import { shareWords } from './amount-share.js';
import { isAmountShare, type Amount } from './rule.js';
import type { AmountCase, Fact } from './types.js';

const DEGREE_ZH: Record<string, string> = { college: '大专', bachelor: '本科', master: '硕士', phd: '博士' };
const TITLE_ZH: Record<string, string> = { senior: '正高级职称', deputy_senior: '副高级职称', special_teacher: '特级教师' };
const SKILL_ZH: Record<string, string> = { senior_technician: '高级技师', technician: '技师' };

/** A table key as the case it names, short: 硕士, C类人才, 区级高层次人才. */
export function caseLabel(fact: Fact, value: string): string {
  if (fact === 'degree') return DEGREE_ZH[value] ?? value;
  if (fact === 'category') return value === 'district' ? '区级高层次人才' : `${value}类人才`;
  if (fact === 'title') return TITLE_ZH[value] ?? value;
  if (fact === 'skill') return SKILL_ZH[value] ?? value;
  return value;
}

/**
 * Every amount of a rule, labelled by its case, the first table's order kept; a later table adds only
 * cases the earlier ones do not already price the same way (人才公寓: A–E类 50%, then 博士 50%, 硕士 70%).
 */
export function amountCases(amount: Amount): AmountCase[] {
  if (typeof amount === 'string') return [{ label: '', amount }];
  if (isAmountShare(amount)) return [{ label: '', amount: shareWords(amount) }];
  const out: AmountCase[] = [];
  for (const t of amount) {
    for (const [key, value] of Object.entries(t.table)) out.push({ label: caseLabel(t.by, key), amount: value });
  }
  // Cases with the same amount read as one: A类人才、B类人才…：50%.
  const merged = new Map<string, string[]>();
  for (const c of out) merged.set(c.amount, [...(merged.get(c.amount) ?? []), c.label]);
  return out.length > 6 ? [...merged].map(([a, labels]) => ({ label: labels.join('、'), amount: a })) : out;
}
