import { describe, expect, it } from 'vitest';
import { asksTotal, figureTotal, totalSubject, totalWords } from '../../../src/core/answer/figure-total.js';
import { answerPoint } from '../../../src/core/answer/answer-parts.js';
import { unsourcedAmounts } from '../../../src/core/answer/figure-guard.js';
import { qt25_5, qt25_6, terms } from '../../helpers/passages.js';

const POSTDOC = '对新设立的国家级博士后科研工作站给予50万元建站资助，对新设立的省级博士后工作站给予30万元建站资助。\n\n对进站博士后给予生活补贴，每人每年10万元，最长2年。\n\n博士后出站后留在区内工作，并与区内单位签订3年以上劳动合同的，给予一次性补贴40万元。';
const RENT = '对新引进的青年大学生，给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。';

describe('asksTotal', () => {
  it('reads a sum of money asked, not a total of years', () => {
    expect(asksTotal('生活补贴加上出站留区的一共能拿多少')).toBe(true);
    expect(asksTotal('租房补贴一共能领几年')).toBe(false);
    expect(asksTotal('博士租房补贴多少')).toBe(false);
  });
});

describe('figureTotal', () => {
  it('adds the figures each joined piece names, a yearly one over its stated term', () => {
    const t = figureTotal('博后进站两年的生活补贴加上出站留区的 一共能拿多少', POSTDOC, terms, ['博士后']);
    expect(t && totalWords(t)).toBe('最多合计60万元（每年10万元×2年+一次性40万元）');
  });

  it("totals one case's yearly figure over the longest term", () => {
    const t = figureTotal('博士租房补贴最多一共能拿到多少钱？按最长年限算', RENT, terms);
    expect(t && totalWords(t)).toBe('最多合计9万元（博士每年3万元×3年）');
  });

  it('does not sum when the person names a count other than the term, or names no case among several', () => {
    expect(figureTotal('博后进站一年的生活补贴加上出站留区的 一共能拿多少', POSTDOC, terms, ['博士后'])).toBeUndefined();
    expect(figureTotal('租房补贴一共能拿多少', RENT, terms)).toBeUndefined();
    // One one-off figure adds nothing.
    expect(figureTotal('博士生活补贴一共多少', qt25_5.text, terms)).toBeUndefined();
  });

  it('sums what an earlier part names when a total is asked after it', () => {
    const subject = totalSubject('进站博士后的生活补贴最多拿几年');
    expect(subject).not.toContain('几年');
    const t = figureTotal(`加起来多少 ${subject} 博士后`, POSTDOC, terms, ['博士后']);
    expect(t && totalWords(t)).toBe('最多合计20万元（每年10万元×2年）');
  });

  it('is answered with the total first, and passes the figure check against the article', () => {
    const point = answerPoint(qt25_6, '博士租房补贴最多一共能拿到多少钱？按最长年限算', 'amount', terms, []);
    expect(point.direct).toContain('合计9万元（博士每年3万元×3年）');
    expect(unsourcedAmounts(point.direct, [qt25_6.text])).toEqual([]);
  });
});
