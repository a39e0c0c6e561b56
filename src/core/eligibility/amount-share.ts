import type { AmountShare } from './rule.js';

const PERCENT_RE = /(\d+(?:\.\d+)?)\s*%/u;
const MONEY_RE = /(\d+(?:\.\d+)?)\s*(万元|元)/u;

/** A sum in 元 as a text writes it: 60000 → 6万元, 14000 → 1.4万元, 4500 → 4500元. */
export function yuanWords(yuan: number): string {
  const rounded = Math.round(yuan * 100) / 100;
  if (rounded >= 10_000) return `${Math.round((rounded / 10_000) * 10_000) / 10_000}万元`;
  return `${rounded}元`;
}

function yuanOf(text: string): number | undefined {
  const m = MONEY_RE.exec(text.normalize('NFKC'));
  if (!m?.[1]) return undefined;
  return Number(m[1]) * (m[2] === '万元' ? 10_000 : 1);
}

/** The share in the text's words, for when the sum is not known: 按企业实际支付报酬的50%，每人每年最高5万元. */
export function shareWords(a: AmountShare): string {
  return `按${a.base}的${a.share}，${a.cap}`;
}

/**
 * The share of a stated sum, with the arithmetic and the cap shown in the same sentence so every
 * figure is either stated (the sum by the person, the rate and cap by the text) or visibly derived:
 * 6万元×50%=3万元（未超过每人每年最高5万元）; above the cap, the cap is the amount. Undefined when
 * the rate or cap cannot be read (the rule then states the share in words).
 */
export function shareOf(a: AmountShare, sum: number): string | undefined {
  const rate = PERCENT_RE.exec(a.share.normalize('NFKC'));
  const cap = yuanOf(a.cap);
  if (!rate?.[1] || cap === undefined || !(sum > 0)) return undefined;
  const product = (sum * Number(rate[1])) / 100;
  const shown = `${yuanWords(sum)}×${a.share}=${yuanWords(product)}`;
  return product <= cap ? `${shown}（未超过${a.cap}）` : `${yuanWords(cap)}（${shown}，超过${a.cap}，按${yuanWords(cap)}计）`;
}
