/** A yearly amount over its longest term: 每年2万元，最长3年 → 2万元 × 3年 = 6万元. */
export interface AmountTotal {
  /** The yearly amount as the text states it, e.g. 2万元. */
  yearly: string;
  /** The longest term in years. */
  years: number;
  /** The product, in the text's unit, e.g. 6万元. */
  total: string;
}

// The yearly form the rules and articles use: (每人)每年X(万|亿)元，最长N年.
const YEARLY_RE = /每(?:人每)?年\s*(\d+(?:\.\d+)?)\s*(万|亿)?元[，,、]?\s*最长(?:享受)?\s*(\d+)\s*年/u;

/** The total of a yearly amount with a longest term; undefined for any other amount (one-off, a share). */
export function amountTotal(amount: string): AmountTotal | undefined {
  const m = YEARLY_RE.exec(amount.normalize('NFKC'));
  if (!m?.[1] || !m[3]) return undefined;
  const unit = `${m[2] ?? ''}元`;
  const years = Number(m[3]);
  // Amounts are whole or one-decimal figures; rounding to four places keeps 0.1 × 3 from reading 0.30000000000000004.
  const total = Math.round(Number(m[1]) * years * 10_000) / 10_000;
  return { yearly: `${m[1]}${unit}`, years, total: `${total}${unit}` };
}

/** The amount with its total said and shown: 每年2万元，最长3年，合计6万元（2万元×3年）. */
export function withTotal(amount: string, lang: 'zh' | 'en', english: (a: string) => string = (a) => a): string {
  const t = amountTotal(amount);
  if (!t) return lang === 'en' ? english(amount) : amount;
  return lang === 'en'
    ? `${english(amount)}, ${english(t.total)} in all (${english(t.yearly)} × ${t.years} years)`
    : `${amount}，合计${t.total}（${t.yearly}×${t.years}年）`;
}
