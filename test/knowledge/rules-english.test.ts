import { describe, expect, it } from 'vitest';
import { amountIn, amountInEnglish } from '../../src/core/answer/eligibility-words.js';
import { deadlineLine } from '../../src/core/answer/verdict-composer.js';
import { shareWords } from '../../src/core/eligibility/amount-share.js';
import { isAmountShare, type Rule } from '../../src/core/eligibility/rule.js';
import { engineAt, rules } from '../core/eligibility/fixture.js';

// Chinese outside a bracketed aside: "(钱塘举才官)" after its English name is a gloss, not the text.
const CJK_RE = /\p{Script=Han}/u;
const chineseLeft = (text: string): boolean => CJK_RE.test(text.replace(/\([^)]*\)/gu, ''));

/** Every rule text an English answer can say, with the English it is said in. */
function englishTexts(rule: Rule): { where: string; english: string | undefined }[] {
  const out: { where: string; english: string | undefined }[] = [{ where: 'benefit', english: rule.benefitEn }];
  rule.conditions.forEach((c, i) => {
    out.push({ where: `conditions[${i}].requirement`, english: c.requirementEn }, { where: `conditions[${i}].reason`, english: c.reasonEn });
  });
  const a = rule.amount;
  if (typeof a === 'string') out.push({ where: 'amount', english: amountIn(a, rule.amountEn, 'en') });
  else if (isAmountShare(a)) out.push({ where: 'amount', english: amountInEnglish(shareWords(a)) });
  else for (const t of a) for (const [k, v] of Object.entries(t.table)) out.push({ where: `amount.${t.by}.${k}`, english: amountInEnglish(v) });
  (rule.deadlines ?? []).forEach((d, i) => out.push({ where: `deadlines[${i}]`, english: d.textEn }));
  return out;
}

describe('rules in English', () => {
  it('every rule text that reaches an answer has an English form', () => {
    const missing = rules.flatMap((r) => englishTexts(r).filter((t) => t.english === undefined || chineseLeft(t.english)).map((t) => `${r.id} ${t.where}: ${t.english ?? '(none)'}`));
    expect(missing).toEqual([]);
  });

  it('an eligible English verdict says a text amount in the rule’s English', () => {
    const v = engineAt().evaluate('hukou', { degree: 'bachelor', fullTime: true, age: 33, worksInDistrict: true });
    expect(v.status).toBe('eligible');
    if (v.status !== 'eligible') return;
    expect(amountIn(v.amount, v.amountEn, 'en')).toBe('direct household registration');
    expect(amountIn(v.amount, v.amountEn, 'zh')).toBe('可直接落户（全日制博士不限年龄）');
  });

  it('a filing window is said in English', () => {
    const v = engineAt().evaluate('postdoc-living', { postdoc: true, postdocSince: '2026-10' });
    const d = v.status === 'eligible' ? v.deadlines?.[0] : undefined;
    expect(d).toBeDefined();
    if (!d) return;
    const line = deadlineLine(d, 'self', 'en');
    expect(line).toContain('apply within 3 months of entering the station');
    expect(CJK_RE.test(line)).toBe(false);
  });
});
