import { describe, expect, it } from 'vitest';
import { askedBonus, aspectBonus, statesPayment } from '../../../src/core/answer/aspect-sentences.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';

describe('askedBonus', () => {
  it('prefers the sentence stating the wait a question asks about', () => {
    const q = '社保要交满多久才能申请';
    expect(askedBonus('社保缴纳满6个月后方可提出申请', q, 'eligibility')).toBeGreaterThan(askedBonus('硕士3万元', q, 'eligibility'));
  });
  it('answers a condition asked with the condition, not with the amounts sentence', () => {
    const q = '要满足什么条件';
    expect(askedBonus('应与区内用人单位签订3年以上劳动合同', q, 'eligibility')).toBeGreaterThan(0);
    expect(askedBonus('本科1万元、硕士3万元、博士10万元', q, 'eligibility')).toBeLessThan(0);
  });
});

describe('aspectBonus', () => {
  it('counts months and batches for a when question, a deadline for a within question', () => {
    expect(aspectBonus('每年3月、9月两批集中受理', new Set(['几月']), 'schedule')).toBe(3);
    expect(aspectBonus('认定后1年内提出申请', new Set(['多久', '内']), 'schedule')).toBe(3);
    expect(aspectBonus('本科1万元', new Set(['几月']), 'schedule')).toBe(0);
  });
  it('counts how a sum is paid for a payment question only', () => {
    expect(aspectBonus('安家补贴分5年发放', new Set(), 'payment')).toBe(3);
    expect(aspectBonus('安家补贴分5年发放', new Set(), 'amount')).toBe(0);
  });
});

describe('statesPayment', () => {
  it('is true for a passage that says how or where its sum is paid', () => {
    expect(statesPayment({ text: '补贴按年发放。' } as Passage)).toBe(true);
    expect(statesPayment({ text: '提交材料。' } as Passage)).toBe(false);
  });
});
