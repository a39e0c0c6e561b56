import { describe, expect, it } from 'vitest';
import { citesClaimedNotice, withoutHeardBackground, withoutHearsay } from '../../../src/core/answer/claimed-notice.js';

const anyTopic = (): boolean => true;

describe('withoutHeardBackground', () => {
  it("drops what others were heard to say before a question of the person's own", () => {
    expect(withoutHeardBackground('我想带团队在钱塘创业。朋友说要评审答辩，还说场地能免租几年。我是B类人才领衔，资助给多少？', anyTopic)).toBe(
      '我想带团队在钱塘创业。我是B类人才领衔，资助给多少？',
    );
  });

  it.each([
    // The question is about what was heard.
    '听说博士的生活补贴要改了。是真的吗？',
    // A heard figure is checked against the text in force.
    '同事说硕士租房补贴涨到2万了。现在到底多少？',
    // The heard sentence is the question.
    '听说人才卡可以免费坐地铁吗？',
    // One sentence only.
    '朋友说场地能免租，创业资助多少',
  ])('keeps %s whole', (message) => {
    expect(withoutHeardBackground(message, anyTopic)).toBe(message);
  });

  it('keeps the message whole when what is left names no topic', () => {
    expect(withoutHeardBackground('朋友说场地能免租。那我呢？', () => false)).toBe('朋友说场地能免租。那我呢？');
  });

  it('leaves the claimed-figure reading of a message to citesClaimedNotice', () => {
    const message = '同事说硕士租房补贴涨到2万了。现在到底多少？';
    expect(citesClaimedNotice(withoutHeardBackground(message, anyTopic))).toBe(true);
    expect(withoutHearsay(message)).not.toContain('同事说');
  });
});
