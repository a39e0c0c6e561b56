import { describe, expect, it } from 'vitest';
import { readDomain, type CorpusVocabulary } from '../../../src/core/analysis/domain-of.js';

// A vocabulary as the corpus would give it: topic terms from headings, phrases its passages use.
const TOPICS = ['生活补贴', '租房', '租房补贴', '举才官', '举荐', '认定', '安家补贴', '人才公寓', '公寓', '外国人', '工作许可', 'foreigner', 'permit', 'rent'];
const USED = ['个税', '护照', '身份证', 'passport'];
const vocabulary: CorpusVocabulary = {
  uses: (phrase) => USED.includes(phrase),
  topicsIn: (text) => TOPICS.filter((t) => text.includes(t)),
  usesUnder: () => false,
  distinctiveTerms: () => [],
  meaningOf: () => [],
};

describe('readDomain', () => {
  it.each([
    ['每个月工资超过多少才要交个人所得税', 'tax'],
    ['租房的话每个月能抵扣多少个税', 'tax'],
    ['离职以后公积金账户里的钱能全部取出来吗', 'housingFund'],
    ['户口迁到杭州以后，老家的宅基地还能保留吗', 'registration'],
    ['下沙的小学学区是怎么划分的？我们就是普通家庭，不是什么人才', 'schooling'],
    ['How do I get a Chinese driving licence as a foreigner?', 'transport'],
    ['结婚登记要带什么材料', 'civilAffairs'],
    ['房东不肯退押金怎么办', 'tenancy'],
    ['养狗要办狗证吗', 'pets'],
    ['How can a foreigner open a bank account in Hangzhou?', 'banking'],
    ['电动自行车上牌要带哪些材料', 'transport'],
    ['老人想办异地就医备案', 'socialInsurance'],
    ['公积金租房提取每个月能取多少', 'housingFund'],
    ['杭州社保缴费基数和比例是多少', 'socialInsurance'],
    ['个人所得税年度汇算怎么退税', 'tax'],
    ['杭州买房限购政策是什么', 'housingMarket'],
    ['最近上映的电影有哪些', 'leisure'],
    ['最近有什么股票值得买', 'investing'],
    ['帮我写一个python爬虫', 'coding'],
  ])('reads %s as the neighbouring domain %s', (question, neighbour) => {
    expect(readDomain(question, vocabulary)).toMatchObject({ domain: 'neighbour', neighbour });
  });

  it.each([
    '举才官举荐的人没有在区里交个税也能认定吗',
    '申请生活补贴要带身份证吗',
    'Do I need a passport for a work permit as a foreigner?',
    '硕士生活补贴能领多少',
    '人才公寓的房租能用公积金付吗',
    '社保交满6个月才能领生活补贴吗',
  ])('keeps %s: the corpus topics outweigh a neighbour word the corpus uses too', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'policy' });
  });

  it.each([
    '你觉得杭州和成都哪个城市更适合年轻人生活',
    '你觉得硕士毕业以后是读博好还是直接工作好',
    "Is it better to join a big tech company or a startup after my master's?",
  ])('reads %s as a judgement the texts do not give', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'opinion' });
  });

  it.each([
    '博士住人才公寓好还是领租房补贴好',
    'What should I do if my degree certificate is from abroad?',
  ])('keeps %s: a judgement that weighs a corpus topic, or a procedure asked with "should"', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'policy' });
  });

  it('weighs only the asking clause: a neighbour named in the background does not decide', () => {
    // 个人所得税 is a word the corpus never uses, but it sits in the background of a long message.
    expect(readDomain('去年我在外地交了很多个人所得税，总算来了这边工作，想问一下，来区里以后硕士的生活补贴还能不能领', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('来区里以后硕士的生活补贴领了，交个人所得税吗', vocabulary)).toMatchObject({ domain: 'neighbour', neighbour: 'tax' });
  });

  it('breaks even evidence for the neighbour only when the corpus never uses its word', () => {
    expect(readDomain('外国人怎么考驾照', vocabulary)).toMatchObject({ domain: 'neighbour' });
    expect(readDomain('外国人要带护照吗', vocabulary)).toEqual({ domain: 'policy' });
  });

  it('reads another place asked about as elsewhere, and a place in passing as ours', () => {
    expect(readDomain('深圳新引进的博士能拿多少补贴', vocabulary)).toEqual({ domain: 'elsewhere', place: '深圳' });
    expect(readDomain('萧山区博士后出站留下来能给多少', vocabulary)).toEqual({ domain: 'elsewhere', place: '萧山' });
    expect(readDomain('在上海读的博士，毕业来这边能拿多少生活补贴', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('听说滨江的租房补贴比我们高，钱塘硕士租房补贴每年多少', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('老婆在上城区有套房，租房补贴还能领吗', vocabulary)).toEqual({ domain: 'policy' });
  });
});
