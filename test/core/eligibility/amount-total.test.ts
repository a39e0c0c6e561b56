import { describe, expect, it } from 'vitest';
import { amountInEnglish } from '../../../src/core/answer/eligibility-words.js';
import { amountTotal, withTotal } from '../../../src/core/eligibility/amount-total.js';

describe('the total of a yearly amount', () => {
  it('multiplies the yearly figure by the longest term, in the text\'s unit', () => {
    expect(amountTotal('每年2万元，最长3年')).toEqual({ yearly: '2万元', years: 3, total: '6万元' });
    expect(amountTotal('每人每年10万元，最长2年')).toEqual({ yearly: '10万元', years: 2, total: '20万元' });
    expect(amountTotal('每年0.5万元，最长3年')?.total).toBe('1.5万元');
  });

  it('has no total for a one-off amount or a share of the market rent', () => {
    expect(amountTotal('40万元')).toBeUndefined();
    expect(amountTotal('前3年租金按市场价的50%收取')).toBeUndefined();
  });

  it('says the total with the arithmetic, and leaves other amounts as they are', () => {
    expect(withTotal('每年3万元，最长3年', 'zh')).toBe('每年3万元，最长3年，合计9万元（3万元×3年）');
    expect(withTotal('50万元', 'zh')).toBe('50万元');
    expect(withTotal('每年3万元，最长3年', 'en', amountInEnglish)).toBe('30,000 yuan a year, for up to 3 years, 90,000 yuan in all (30,000 yuan × 3 years)');
  });
});
