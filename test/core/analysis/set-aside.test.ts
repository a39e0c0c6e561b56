import { describe, expect, it } from 'vitest';
import { withoutDisowned, withoutSetAside } from '../../../src/core/analysis/set-aside.js';

// The corpus's own topic test, as the assistant passes it, is not what these cases are about.
const anyTopic = (): boolean => true;

describe('withoutSetAside', () => {
  it.each([
    ['我E类 安家补贴在领 人才卡是金卡还是银卡', '我E类 人才卡是金卡还是银卡'],
    ['安家补贴和人才卡都已经办好了，想问老婆能调过来吗', '想问老婆能调过来吗'],
    ['他还在读成人大专，学费补助那块我们另外问，新建技能大师工作室资助多少', '他还在读成人大专，新建技能大师工作室资助多少'],
    ['厂里说什么安家费租房补贴都跟我们没关系。读书的学费能补多少', '读书的学费能补多少'],
    ['公司新建了博士后工作站 给站里补多少(不是问博士后个人的)', '公司新建了博士后工作站 给站里补多少'],
    ['人才认定（不是项目评审那个）是每个月都能报吗', '人才认定是每个月都能报吗'],
    // A class the person says they are not names no article.
    ['我是博士不是博士后哈，博士那个生活补贴是多少', '我是博士哈，博士那个生活补贴是多少'],
    ['是技师，不是高级技师，引进补贴多少', '是技师，引进补贴多少'],
  ])('reads %s without the benefit set aside', (message, asked) => {
    expect(withoutSetAside(message, anyTopic)).toBe(asked);
  });

  it.each([
    // The benefit held is half of a question about combining.
    '我在领生活补贴，还能领租房补贴吗',
    // Not paid is a complaint about that benefit, not a settled one.
    '安家补贴今年这一期还没到账，怎么回事',
    // The question points back at the benefit told of.
    '安家补贴领了两年我就离职去外地了，剩下的还发不发？',
    // "是不是" asks whether; a class with more words after it is a condition.
    '我是不是博士后都能领生活补贴吗',
    '不是博士能申请生活补贴吗',
    // Nothing else is asked.
    '安家补贴在领',
    'I already receive the housing subsidy; which card do I get?',
  ])('keeps %s whole', (message) => {
    expect(withoutSetAside(message, anyTopic)).toBe(message);
  });

  it('keeps the message whole when what is left names no topic', () => {
    expect(withoutSetAside('安家补贴在领，孩子也大了，怎么办', () => false)).toBe('安家补贴在领，孩子也大了，怎么办');
  });
});

describe('withoutDisowned', () => {
  it('drops the clauses saying what is not asked, and only those', () => {
    expect(withoutDisowned('公司新建了博士后工作站 给站里补多少(不是问博士后个人的)')).toBe('公司新建了博士后工作站 给站里补多少');
    expect(withoutDisowned('不是问补贴哈 老婆工作不好找 区里管不管')).toBe('老婆工作不好找 区里管不管');
    expect(withoutDisowned('安家补贴在领，不是说博士有10万吗')).toBe('安家补贴在领，不是说博士有10万吗');
  });
});
