import { describe, expect, it } from 'vitest';
import { amountInEnglish } from '../../../src/core/answer/eligibility-words.js';
import { shareOf, yuanWords } from '../../../src/core/eligibility/amount-share.js';
import { extractProfile } from '../../../src/core/eligibility/extract-profile.js';
import { figuresNotInText } from '../../../src/core/eligibility/rule-figures.js';
import { parseRules } from '../../../src/core/eligibility/rule-schema.js';
import type { AmountShare, Rule } from '../../../src/core/eligibility/rule.js';
import { engineAt, rules, TODAY } from './fixture.js';

const PHD_FIRM: AmountShare = { share: '50%', of: 'paid', base: '企业实际支付报酬', cap: '每人每年最高5万元' };
const ARTICLE_10 = '对区内企业引进高校博士入企开展技术攻关、研发服务的，区财政按企业实际支付报酬的50%给予补助，每人每年最高5万元。';

describe('a capped share of a stated sum', () => {
  it('shows the sum, the rate and the result, and says the cap was not reached', () => {
    expect(shareOf(PHD_FIRM, 60_000)).toBe('6万元×50%=3万元（未超过每人每年最高5万元）');
    expect(shareOf(PHD_FIRM, 70_000)).toBe('7万元×50%=3.5万元（未超过每人每年最高5万元）');
  });

  it('above the cap the cap is the amount, said first', () => {
    expect(shareOf(PHD_FIRM, 120_000)).toBe('5万元（12万元×50%=6万元，超过每人每年最高5万元，按5万元计）');
    expect(shareOf({ share: '50%', of: 'paid', base: '所缴学费', cap: '每人最高6000元' }, 14_000)).toBe('6000元（1.4万元×50%=7000元，超过每人最高6000元，按6000元计）');
  });

  it('writes sums the way the texts do', () => {
    expect([yuanWords(8000), yuanWords(10_000), yuanWords(14_000), yuanWords(35_000)]).toEqual(['8000元', '1万元', '1.4万元', '3.5万元']);
  });

  it('the engine asks for the sum when it is not known, and prices it once it is', () => {
    const engine = engineAt();
    const open = engine.evaluate('phd-enterprise', {});
    expect(open.status).toBe('missing');
    if (open.status === 'missing') {
      expect(open.missing).toEqual(['paid']);
      expect(open.amounts?.[0]?.amount).toBe('按企业实际支付报酬的50%，每人每年最高5万元');
    }
    const priced = engine.evaluate('worker-education', { paid: 8000 });
    expect(priced.status === 'eligible' && priced.amount).toBe('8000元×50%=4000元（未超过每人最高6000元）');
  });

  it('a changed rate or cap in the article leaves the rule out', () => {
    const rule = rules.find((r) => r.id === 'phd-enterprise') as Rule;
    expect(figuresNotInText(rule, ARTICLE_10)).toEqual([]);
    expect(figuresNotInText(rule, ARTICLE_10.replace('50%', '60%'))).toEqual(['50%']);
    expect(figuresNotInText(rule, ARTICLE_10.replace('5万元', '8万元'))).toEqual(['5万元']);
  });

  it('the rule file rejects a share of a fact that is not a number, and a cap without money', () => {
    const base = { id: 'x', benefit: '某补助', key: 'qt25-10', triggers: ['某补助'], conditions: [], payment: '按年' };
    expect(() => parseRules([{ ...base, amount: { ...PHD_FIRM, of: 'degree' } }], 'r.yaml')).toThrow(/amount\.of.*not a number fact/u);
    expect(() => parseRules([{ ...base, amount: { ...PHD_FIRM, cap: '每人最高' } }], 'r.yaml')).toThrow(/amount/u);
    expect(parseRules([{ ...base, amount: PHD_FIRM }], 'r.yaml')[0]?.amount).toEqual(PHD_FIRM);
  });
});

describe('a capped share in English', () => {
  it('says the rate and cap, or the worked-out sum, in yuan', () => {
    expect(amountInEnglish('按企业实际支付报酬的50%，每人每年最高5万元')).toBe('50% of the sum actually paid, at most 50,000 yuan per person a year');
    expect(amountInEnglish(shareOf(PHD_FIRM, 60_000) as string)).toBe('30,000 yuan (60,000 yuan × 50% = 30,000 yuan, within the cap of 50,000 yuan)');
    expect(amountInEnglish(shareOf(PHD_FIRM, 120_000) as string)).toBe('50,000 yuan (120,000 yuan × 50% = 60,000 yuan, above the cap of 50,000 yuan)');
  });
});

describe('the sum paid, read from a message', () => {
  const paid = (t: string) => extractProfile(t, TODAY).paid;
  it('reads a sum next to a paying word or a fee', () => {
    expect(paid('我们一年付了他6万报酬')).toBe(60_000);
    expect(paid('学费1.4万')).toBe(14_000);
    expect(paid('在读成人大专，学费8000块')).toBe(8000);
    expect(paid('钱工学堂学费9千块')).toBe(9000);
  });
  it('reads a bare sum right after the fee it is, not a count', () => {
    expect(paid('读了个大专 学费一共8000')).toBe(8000);
    expect(paid('在钱工学堂读本科 学费15000 能补多少')).toBe(15_000);
    expect(paid('学费2年')).toBeUndefined();
    expect(paid('学费30')).toBeUndefined();
  });
  it('reads English sums too', () => {
    expect(paid('Our company pays a university PhD RMB 80,000 a year')).toBe(80_000);
    expect(paid('I paid 10000 yuan tuition through Qiangong Academy')).toBe(10_000);
    expect(paid('we pay him 8000 yuan a month')).toBeUndefined();
  });
  it('leaves out monthly sums and counts that are not money', () => {
    expect(paid('每月付他1万')).toBeUndefined();
    expect(paid('月薪1万能申请吗')).toBeUndefined();
    expect(paid('付了3年房租')).toBeUndefined();
  });
});
