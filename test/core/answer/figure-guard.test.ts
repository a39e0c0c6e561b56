import { describe, expect, it } from 'vitest';
import { passageSources, quotedInstead, unsourcedAmounts } from '../../../src/core/answer/figure-guard.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';

const ARTICLE = '对新引进的青年大学生给予生活补贴：本科1万元、硕士3万元、博士10万元。租房补贴每年2万元，最长3年。';

describe('unsourcedAmounts', () => {
  it('accepts amounts the cited text states, in any notation (3万元, 30,000元, 三万元, RMB 30,000)', () => {
    expect(unsourcedAmounts('硕士3万元 [qt25-5]；也就是30,000元、三万元。Master: RMB 30,000.', [ARTICLE])).toEqual([]);
  });

  it('names an amount no source states', () => {
    expect(unsourcedAmounts('博士15万元 [qt25-5]', [ARTICLE])).toEqual(['15万元']);
    expect(unsourcedAmounts('PhD: RMB 150,000', [ARTICLE])).toEqual(['RMB 150,000']);
  });

  it('accepts arithmetic its sentence shows (a yearly amount over the years), not a product that merely exists', () => {
    expect(unsourcedAmounts('每年2万元，3年共6万元', [ARTICLE])).toEqual([]);
    expect(unsourcedAmounts('RMB 20,000 a year × 3 = RMB 60,000', [ARTICLE])).toEqual([]);
    // 15万元 = 3万元 × 5 and 6万元 = 2万元 × 3, but nothing in these sentences shows that.
    expect(unsourcedAmounts('博士15万元。', [ARTICLE])).toEqual(['15万元']);
    expect(unsourcedAmounts('共6万元。每年2万元，3年。', [ARTICLE])).toEqual(['6万元']);
  });

  it('accepts a sum written out with plus signs between terms the sentence shows, and no sum without them', () => {
    const postdoc = '对进站博士后给予生活补贴，每人每年10万元，最长2年。给予一次性补贴40万元。';
    expect(unsourcedAmounts('博士后：最多合计60万元（每年10万元×2年+一次性40万元）', [postdoc])).toEqual([]);
    // 50万元 = 10万元 + 40万元, but no plus sign shows the addition.
    expect(unsourcedAmounts('博士后：合计50万元（每年10万元，一次性40万元）', [postdoc])).toEqual(['50万元']);
    // A plus sign does not vouch for a sum its terms do not make.
    expect(unsourcedAmounts('博士后：合计70万元（每年10万元×2年+一次性40万元）', [postdoc])).toEqual(['70万元']);
  });

  it("accepts a stated percentage of an amount the person named, and the person's own figures", () => {
    const fee = '我报了个班，学费1.4万元，能补多少？';
    expect(unsourcedAmounts('学费1.4万元按50%补助为7000元，上限6000元', ['补助学费的50%，最高6000元。', fee])).toEqual([]);
    expect(unsourcedAmounts('学费1.4万元，补助8000元', ['补助学费的50%，最高6000元。', fee])).toEqual(['8000元']);
  });
});

describe('quotedInstead', () => {
  const passage: Passage = { key: 'qt25-5', docId: 'qt25', docTitle: '人才新政', shortName: '人才新政25条', kind: 'policy', status: 'current', heading: '第五条 生活补贴', number: 5, text: ARTICLE };
  const citation = { key: 'qt25-5', title: '人才新政', article: '第五条 生活补贴', quote: '博士12万元', status: 'current' as const };

  it('quotes the cited text word for word, so every figure read is one the text states', () => {
    const text = quotedInstead([citation], () => passage, 'zh');
    expect(text).toContain(ARTICLE);
    expect(text).toContain('[qt25-5]');
    expect(text).not.toContain('12万元');
    expect(unsourcedAmounts(text, passageSources([passage]))).toEqual([]);
  });

  it("speaks the person's language around the Chinese original", () => {
    expect(quotedInstead([citation], () => passage, 'en')).toMatch(/^I could not put this answer together reliably/u);
  });
});
