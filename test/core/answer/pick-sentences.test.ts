import { describe, expect, it } from 'vitest';
import { pickSentences, sentencesOf } from '../../../src/core/answer/pick-sentences.js';
import { qt25_5, terms } from '../../helpers/passages.js';

/** A splitter that knows only the words it is given (keeps the expectations independent of jieba). */
const words = (...known: string[]) => (text: string): string[] => known.filter((w) => text.includes(w));

describe('sentencesOf', () => {
  it('splits on 。；！？ and line breaks, keeping the punctuation', () => {
    expect(sentencesOf('第一句。第二句；第三句！\n第四句？第五句')).toEqual(['第一句。', '第二句；', '第三句！', '第四句？', '第五句']);
  });

  it('keeps a list item whole and drops one-character scraps', () => {
    expect(sentencesOf('1. 毕业证书、学位证书\n。\n2. 劳动合同')).toEqual(['1. 毕业证书、学位证书', '2. 劳动合同']);
  });

  it('splits on ASCII ! and ?', () => {
    expect(sentencesOf('Is it paid? Yes! Once')).toEqual(['Is it paid?', 'Yes!', 'Once']);
  });
});

describe('pickSentences', () => {
  const text = '本办法适用于区内企业。人才在区内工作满一年的可以申请。补贴标准为每人3万元。申请材料包括身份证和劳动合同。';

  it('returns every sentence when there are no more than max', () => {
    expect(pickSentences('一句。两句。', '问题', words(), 2)).toEqual(['一句。', '两句。']);
  });

  it('prefers a sentence with a figure for a 多少 question', () => {
    expect(pickSentences(text, '补贴多少', words('补贴'), 1)).toEqual(['补贴标准为每人3万元。']);
    expect(pickSentences(text, '能拿多少', words(), 1)).toEqual(['补贴标准为每人3万元。']);
  });

  it('prefers a sentence with a figure for how much / how long / 几 / 多久', () => {
    expect(pickSentences(text, 'how much', words(), 1)).toEqual(['补贴标准为每人3万元。']);
    const timed = '受理后进行审核。审核通过的，5个工作日内办结。材料不全的退回。';
    expect(pickSentences(timed, '多久能办好', words(), 1)).toEqual(['审核通过的，5个工作日内办结。']);
  });

  it('without a figure question, the sentence with the most question terms wins', () => {
    expect(pickSentences(text, '需要哪些材料，劳动合同要吗', words('材料', '劳动合同'), 1)).toEqual(['申请材料包括身份证和劳动合同。']);
  });

  it('a figure in a sentence does not count when the question does not ask for one', () => {
    expect(pickSentences(text, '在区内工作能申请吗', words('区内', '工作', '申请'), 1)).toEqual(['人才在区内工作满一年的可以申请。']);
  });

  it('returns the picked sentences in text order', () => {
    expect(pickSentences(text, '材料和补贴多少', words('材料', '补贴'), 2)).toEqual(['补贴标准为每人3万元。', '申请材料包括身份证和劳动合同。']);
  });

  it('returns the first sentences when nothing scores', () => {
    expect(pickSentences(text, '天气', words(), 2)).toEqual(['本办法适用于区内企业。', '人才在区内工作满一年的可以申请。']);
  });

  it('leaves out sentences that score nothing', () => {
    expect(pickSentences(text, '材料', words('材料'), 3)).toEqual(['申请材料包括身份证和劳动合同。']);
  });

  it('a single-character term counts less than a word', () => {
    const t = '甲乙丙。甲乙。乙丙丁戊。';
    const splitter = (s: string): string[] => [...(s.includes('丁戊') ? ['丁戊'] : []), ...[...s].filter((c) => '甲乙'.includes(c))];
    // 甲乙丙 has two one-character terms (0.6); 乙丙丁戊 has one word (1) and one character (0.3).
    expect(pickSentences(t, '甲乙丁戊', splitter, 1)).toEqual(['乙丙丁戊。']);
  });

  it('on the real article, a 多少 question about 博士 picks the amounts sentence first', () => {
    const picked = pickSentences(qt25_5.text, '博士能拿多少生活补贴？', terms, 1);
    expect(picked).toHaveLength(1);
    expect(picked[0]).toContain('博士10万元');
  });
});
